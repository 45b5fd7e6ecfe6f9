import { createHash } from 'node:crypto';
import { newArticle, type Article } from '../article.ts';
import { convertScript } from './convert.ts';
import { decodeBytes, looksLikeHtml, SkipError } from './decode.ts';
import { extractMetadata } from './extract/index.ts';
import { htmlToText, MAX_HTML_DEPTH } from './html.ts';
import type { NgramPrior } from './prior.ts';
import { repairArticle } from './repair/index.ts';
import { segmentArticle } from './segment.ts';

/**
 * The ingest pipeline of one article, as pure stages over the `Article` record: `readArticle`
 * (bytes → decoded text), then `processArticle` (repair, segment, script, extract). The corpus
 * around it (order, duplicates, the prior, people) is src/build/ingest.ts.
 */

/** One raw input, as read at the edge (src/io). */
export interface InputFile {
  /** Path relative to the input folder, with `/` separators. */
  name: string;
  bytes: Uint8Array;
  /** Curator overrides from `<id>.meta.yml`, already parsed as data. */
  override?: Record<string, unknown> | null;
  /**
   * The article id when the reader had to make it unique (two inputs named `x`, or names that
   * differ only in case or Unicode normalization); otherwise it comes from `name`.
   */
  id?: string;
  /** The id was set by the curator's `id:` override. */
  idFromOverride?: boolean;
  /**
   * The file as saved, when `bytes` is only part of it (the text after its front matter): its
   * sha256 and length are the article's, so a citation's hash checks against the file itself.
   */
  raw?: { sha256: string; byteLength: number };
  /** The sha256 of `bytes`, when the reader knows it (see `InputIndex` in src/io/read-input.ts). */
  sha256?: string;
}

/**
 * The file name without its extension. NFC, because macOS hands out NFD names and the same
 * article must keep the same id (and URL) wherever it was saved; control characters (legal in
 * Linux file names) become `_` so an id never carries a line break or a terminal escape.
 */
export function articleIdFor(name: string): string {
  const base = name.split('/').pop() ?? name;
  const id = base.replace(/\.[^.]+$/, '') || base;
  return id.normalize('NFC').replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, '_');
}

/**
 * Ids for a folder of inputs, unique even where file names are not: `a/x.txt` and `b/x.html`
 * both want `x`, and `X.txt` and `x.txt` (or NFC and NFD spellings) collide on case-insensitive
 * or normalizing file systems, where the site is often opened.
 *
 * An id, once published, is a citation: it must not move when another file is added. So a file
 * keeps the id it had in the previous build (`previous`, from the live site's build report); a
 * file new to the archive gets its plain id when that is free, and otherwise the plain id and a
 * short hash of its own path (`x-3f9a2c`), which no other file can change.
 */
export function uniqueArticleIds(names: readonly string[], previous: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  const key = (id: string) => id.normalize('NFC').toLowerCase();
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of sorted) {
    const id = previous.get(name);
    if (id && !taken.has(key(id))) {
      taken.add(key(id));
      out.set(name, id);
    }
  }
  for (const name of sorted) {
    if (out.has(name)) continue;
    const want = articleIdFor(name);
    let id = want;
    const hash = createHash('sha256').update(name).digest('hex');
    for (let n = 6; taken.has(key(id)); n += 2) id = `${want}-${hash.slice(0, n)}`;
    taken.add(key(id));
    out.set(name, id);
  }
  return out;
}

/** Stage 1–2: bytes → decoded text (HTML turned into text). Throws SkipError for a bad file. */
export function readArticle(file: InputFile): Article {
  const decoded = decodeBytes(file.bytes, file.name);
  const { text, encoding } = decoded;
  const diagnostics = [...decoded.diagnostics];
  const isHtml = /\.x?html?$/i.test(file.name) || looksLikeHtml(text);
  const page = isHtml ? htmlToText(text) : null;
  if (page?.flattened) {
    diagnostics.push({
      rule: 'html-depth',
      severity: 'warning',
      message: `HTML nested about ${page.flattened} elements deep (limit ${MAX_HTML_DEPTH}); read as flat text, structure beyond paragraphs lost`,
    });
  }
  const source = page ? page.text : text;
  if (!/\p{Script=Han}/u.test(source)) {
    throw new SkipError(page && /\p{Script=Han}/u.test(text) ? 'not an article: no Chinese text in the page body' : 'not an article: no Chinese text');
  }
  const plainId = articleIdFor(file.name);
  const id = file.id ?? plainId;
  if (id !== plainId && file.idFromOverride) {
    diagnostics.push({ rule: 'id', severity: 'info', message: `id "${id}" set by the curator's override (the file name gives "${plainId}")` });
  } else if (id !== plainId) {
    diagnostics.push({
      rule: 'id',
      severity: 'warning',
      message: `id "${id}" instead of "${plainId}": another input has the same name (or the same name up to case or Unicode normalization); the suffix comes from this file's own path, so the id never changes`,
    });
  }
  return newArticle({
    id,
    sourceFile: file.name,
    sha256: file.raw?.sha256 ?? file.sha256 ?? createHash('sha256').update(file.bytes).digest('hex'),
    byteLength: file.raw?.byteLength ?? file.bytes.length,
    encoding,
    format: page ? 'html' : 'text',
    source,
    page: page ? page.page : null,
    diagnostics,
  });
}

/**
 * Search steps one document may spend in the costly repairs before it is published with what was
 * done: about 5 to 10 s on a 2-core machine where damage is dense. Counted in steps so that the
 * record of a document does not depend on the machine or its load (see `RepairOptions.budget`).
 */
export const REPAIR_BUDGET_STEPS = 250_000;

/** Stages 3–6 over one decoded article: repair, segment, script, extract. Pure. */
export function processArticle(article: Article, options: { prior?: NgramPrior; override?: Record<string, unknown> | null; budgetSteps?: number } = {}): Article {
  const budget = { steps: options.budgetSteps ?? REPAIR_BUDGET_STEPS };
  let a = repairArticle(article, { ...(options.prior ? { prior: options.prior } : {}), budget });
  a = segmentArticle(a);
  a = convertScript(a);
  a = extractMetadata(a, { override: options.override ?? null });
  return a;
}
