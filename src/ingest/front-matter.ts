import matter from 'gray-matter';
import { JSON_SCHEMA, load as loadYaml } from 'js-yaml';

/**
 * Curator front matter at the top of a decoded `.txt`/`.md` article: the same facts a
 * `<id>.meta.yml` gives, kept in the article's own file.
 *
 * ```
 * ---
 * title: 劉爍在萍鄉經開區調研
 * date: 2023-01-28
 * outlet: 萍乡日报
 * ---
 * 1月28日，市委副書記、市長劉爍……
 * ```
 *
 * Front matter is there only when the first line (after a byte order mark) is `---` and a later
 * line is `---`; line breaks may be `\n`, `\r\n` or `\r`. The block is split by gray-matter and
 * parsed by its YAML engine, which here is js-yaml with the JSON schema, as `<id>.meta.yml` is
 * read: plain data, no dates or octals guessed, nothing run. gray-matter's other engines are
 * refused: `---js`/`---javascript` (gray-matter would `eval` them), `---coffee` and `---json`.
 *
 * What is taken off the text, and what is not:
 * - a YAML mapping (or an empty block): taken off; `data` is the mapping, still to be checked
 *   like any override (src/io/read-input.ts) and applied by src/ingest/extract/overrides.ts;
 * - a block in another language (`---js`, `---toml`): taken off, `data` null, `problem` says
 *   it was refused (gray-matter's engines for js, coffee and json refuse; names it has no
 *   engine for are refused before it). The opening line names a language: not article text;
 * - anything else (no closing `---` line, a YAML error, YAML that is not a mapping, a block
 *   too large or with a long run of blank lines): nothing is taken off, `data` null, `problem`
 *   says why. The first line may be a plain `---` rule in a news text: its words are kept.
 *
 * Pure; never throws.
 */
export function readFrontMatter(text: string, options: { maxBytes?: number } = {}): FrontMatter {
  const whole: FrontMatter = { data: null, body: text, bodyOffset: 0 };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) return whole;
  LINE_BREAK.lastIndex = start;
  const firstBreak = LINE_BREAK.exec(text);
  const firstEnd = firstBreak ? firstBreak.index : text.length;
  const opening = firstEnd - start <= MAX_OPENING_LINE ? OPENING.exec(text.slice(start, firstEnd)) : null;
  if (!opening) return whole; // `----`, `--- text`: not front matter
  if (!firstBreak) return { ...whole, problem: NO_CLOSING };
  const matterStart = firstEnd + firstBreak[0].length;

  // The closing line: the first later line that is `---` (trailing blanks allowed).
  CLOSING.lastIndex = firstEnd;
  const closing = CLOSING.exec(text);
  if (!closing) return { ...whole, problem: NO_CLOSING };
  let bodyOffset = closing.index + closing[0].length;
  const after = /^(?:\r\n|\r|\n)/.exec(text.slice(bodyOffset, bodyOffset + 2));
  if (after) bodyOffset += after[0].length;
  const taken: FrontMatter = { data: null, body: text.slice(bodyOffset), bodyOffset };

  // Lower case: gray-matter looks `JS` up as `javascript` but `Json` as itself.
  const language = (opening[1] ?? '').toLowerCase();
  const refused = (): FrontMatter => ({ ...taken, problem: refusal(language) });
  // Checked before gray-matter sees the name: it looks engines up on a plain object, where
  // `---constructor` would find Object itself.
  if (!ENGINES.has(language)) return refused();
  const isYaml = language === '' || language === 'yaml' || language === 'yml';
  const raw = closing.index > matterStart ? text.slice(matterStart, closing.index) : '';
  const maxBytes = options.maxBytes ?? MAX_FRONT_MATTER_BYTES;
  if (raw.length > maxBytes || new TextEncoder().encode(raw).length > maxBytes) {
    return isYaml ? { ...whole, problem: `front matter too large (limit ${maxBytes} bytes); not read, the file is read whole as article text` } : refused();
  }
  // YAML reads \r\n, \r and \n alike; gray-matter splits on \n only.
  const yamlText = raw.replace(/\r\n?/g, '\n');
  if (longestBlankRun(yamlText) > MAX_BLANK_LINES) {
    // gray-matter strips comment lines with /^\s*#[^\n]+/gm, which is quadratic in a run of
    // blank lines (64 KiB of them: seconds per file).
    return isYaml ? { ...whole, problem: `front matter has more than ${MAX_BLANK_LINES} blank lines in a row; not read, the file is read whole as article text` } : refused();
  }

  let parsed: { value: unknown } | null = null;
  const yaml = (s: string): object => {
    const value: unknown = loadYaml(s, { schema: JSON_SCHEMA });
    parsed = { value };
    return typeof value === 'object' && value !== null ? value : {};
  };
  const refuse = (): object => {
    throw new RefusedEngine();
  };
  let file: { matter: string };
  try {
    file = matter(`---${language}\n${yamlText}\n---\n`, {
      language: 'yaml',
      engines: { yaml, yml: yaml, javascript: refuse, js: refuse, coffee: refuse, coffeescript: refuse, cson: refuse, json: refuse },
    });
  } catch (err) {
    if (err instanceof RefusedEngine) return refused();
    return { ...whole, problem: `front matter YAML error: ${firstLine(err)}; not applied, the file is read whole as article text` };
  }
  if (file.matter !== `\n${yamlText}`) {
    // gray-matter closes at the first line that starts with `---` (`--- !tag`, `----`).
    return { ...whole, problem: 'front matter has a line starting with --- before its closing --- line; not applied, the file is read whole as article text' };
  }
  // An empty block (or comments only) is never handed to the engine: an empty mapping.
  const value = parsed === null ? {} : (parsed as { value: unknown }).value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
    return { ...whole, problem: `front matter is not a YAML mapping (it is ${what}; expected \`key: value\` lines); not applied, the file is read whole as article text` };
  }
  return { ...taken, data: value as Record<string, unknown> };
}

export interface FrontMatter {
  /** The front matter as a YAML mapping (plain data, not yet checked as an override), or null. */
  data: Record<string, unknown> | null;
  /** The text the pipeline ingests: what follows the front matter, or the whole text. */
  body: string;
  /** Where `body` starts in the text, in UTF-16 code units (0 when nothing was taken off). */
  bodyOffset: number;
  /** Why front matter was refused or not read, for the curator. */
  problem?: string;
}

/** The size limit of `<id>.meta.yml` (src/io/read-input.ts passes its own, the same). */
const MAX_FRONT_MATTER_BYTES = 64 * 1024;
const MAX_BLANK_LINES = 200;
/** `---`, `--- `, `---yaml`, `---js`: the opening line, with the language gray-matter would read. */
const OPENING = /^---[ \t]*([A-Za-z][\w.+-]*)?[ \t]*$/;
const MAX_OPENING_LINE = 64;
const LINE_BREAK = /\r\n|\r|\n/g;
const CLOSING = /(?:\r\n|\r|\n)---[ \t]*(?=\r|\n|$)/g;
const NO_CLOSING = 'front matter not read: the first line is --- but no later line is --- to close it; the file is read whole as article text';
/** Languages gray-matter knows; only YAML is parsed, the others reach a refusing engine. */
const ENGINES = new Set(['', 'yaml', 'yml', 'js', 'javascript', 'coffee', 'coffeescript', 'cson', 'json']);

class RefusedEngine extends Error {}

function refusal(language: string): string {
  const runs = /^(js|javascript|coffee|coffeescript|cson)$/.test(language);
  const why = runs ? `---${language} would run code, and front matter is data only` : `only YAML front matter is read, not ${language}`;
  return `front matter refused: ${why}; not applied, the article is built from the text after it`;
}

/** The most line breaks in one run of whitespace (what `^\s*` can cross). Linear. */
function longestBlankRun(s: string): number {
  let most = 0;
  let breaks = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      if (++breaks > most) most = breaks;
    } else if (!(c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) {
      breaks = 0;
    }
  }
  return most;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
