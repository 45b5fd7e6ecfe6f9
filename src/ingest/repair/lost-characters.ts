import type { Diagnostic } from '../../article.ts';
import { applyEdits, type Edit } from './edits.ts';
import type { RepairOptions, RuleOutput } from './rule.ts';

/**
 * A lone ASCII `?` in Chinese text is either a folded full-width `？` (a genuine question) or a
 * character GBK could not encode (usually an NBSP) that the encoder replaced with `?`.
 *
 * Runs after the GBK realigner (mojibake runs contain `?` of their own) and before the
 * punctuation rule, which turns the genuine ones into `？`. Classification:
 * 1. an interrogative word in the clause → a question: keep;
 * 2. at the end of a short heading- or byline-like line → a lost trailing space: delete;
 * 3. between two Han characters (`記者?趙剛`) → a lost space: one space;
 * 4. otherwise, next to CJK → U+FFFD, a visible "something was here" (low confidence).
 * `?` in URLs, in ASCII text and in runs like `???` is not touched (runs get a diagnostic).
 */

const RULE = 'lost-characters';
const HAN = /\p{Script=Han}/u;
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]/u;
/**
 * Interrogative cues. `何` only outside the non-interrogative compounds 任何/如何不 etc. is
 * handled by listing the compounds that are questions and excluding 任何/何况/几乎.
 */
const INTERROGATIVE = /如何|怎么|怎麼|怎样|怎樣|为什么|為什麼|为何|為何|是否|难道|難道|多少|什么|什麼|谁|誰|吗|嗎|呢|哪|(?<!任|无论|無論)何(?!况|況|等)/;
/** Where a clause starts: the previous sentence or clause punctuation. */
const CLAUSE_BREAK = /[。！？!?；;\n]/;
const SENTENCE_PUNCT = /[。！；;]/;
const PLACEHOLDER = '\uFFFD';

function clauseBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && at - i <= 60 && !CLAUSE_BREAK.test(text[i]!)) i--;
  return text.slice(i + 1, at);
}

function lineAround(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Inside a URL or a query string (`?aid=1`, `index.php?id=`). */
function inUrl(text: string, at: number): boolean {
  if (/^[A-Za-z_][\w%-]*=/.test(text.slice(at + 1, at + 40))) return true; // ?key=value
  const before =
    text
      .slice(Math.max(0, at - 200), at)
      .split(/\s/)
      .pop() ?? '';
  return /[/.]/.test(before) && /^[\x21-\x7e]*$/.test(before) && /^\??[\w%-]+=/.test(text.slice(at + 1, at + 40));
}

export function resolveLoneQuestionMarks(text: string, _options: RepairOptions = {}): RuleOutput {
  const edits: Edit[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const m of text.matchAll(/\?+/g)) {
    const at = m.index!;
    if (m[0].length > 1) {
      if (CJK.test(text[at - 1] ?? '') || CJK.test(text[at + m[0].length] ?? '')) {
        diagnostics.push({ rule: RULE, severity: 'info', message: `run of ${m[0].length} "?" of unknown meaning left as is`, offset: at, unit: 'char' });
      }
      continue;
    }
    const prev = text[at - 1] ?? '';
    const next = text[at + 1] ?? '';
    if (!CJK.test(prev) && !CJK.test(next)) continue; // ASCII text, URLs, code
    if (inUrl(text, at)) continue;
    if (INTERROGATIVE.test(clauseBefore(text, at))) continue; // a genuine question
    const line = lineAround(text, at);
    const atLineEnd = next === '' || next === '\n';
    if (atLineEnd && [...line].filter((c) => CJK.test(c)).length <= 40 && !SENTENCE_PUNCT.test(line.slice(0, -1))) {
      edits.push({ start: at, end: at + 1, after: '', confidence: 'medium', evidence: ['"?" at the end of a heading/byline-like line: a lost (non-GBK) trailing space'] });
    } else if (HAN.test(prev) && HAN.test(next)) {
      edits.push({ start: at, end: at + 1, after: ' ', confidence: 'medium', evidence: ['"?" between Han characters with no interrogative cue: a lost space (NBSP)'] });
    } else {
      edits.push({
        start: at,
        end: at + 1,
        after: PLACEHOLDER,
        confidence: 'low',
        evidence: ['"?" with no interrogative cue: a character lost at encoding; U+FFFD marks the place'],
      });
    }
  }
  const out = applyEdits(text, RULE, edits);
  return { text: out.text, repairs: out.repairs, diagnostics };
}
