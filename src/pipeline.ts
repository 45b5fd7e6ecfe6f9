import { createHash } from 'node:crypto';
import type { Article, Person, Skipped } from './article.ts';
import { newArticle } from './article.ts';
import { convertScript } from './ingest/convert.ts';
import { decodeBytes, looksLikeHtml, SkipError } from './ingest/decode.ts';
import { extractMetadata } from './ingest/extract/index.ts';
import { htmlToText } from './ingest/html.ts';
import { buildNgramPrior, type NgramPrior } from './ingest/prior.ts';
import { repairArticle } from './ingest/repair/index.ts';
import { segmentArticle } from './ingest/segment.ts';
import { resolvePeople } from './people/resolve.ts';

/** One raw input, as read at the edge (src/io). */
export interface InputFile {
  /** Path relative to the input folder, with `/` separators. */
  name: string;
  bytes: Uint8Array;
  /** Curator overrides from `<id>.meta.yml`, already parsed as data. */
  override?: Record<string, unknown> | null;
}

export interface Corpus {
  articles: Article[];
  skipped: Skipped[];
  people: Person[];
}

/** Bump when a change to the pipeline changes its output (part of the cache key). */
export const PIPELINE_VERSION = '1';

export function articleIdFor(name: string): string {
  const base = name.split('/').pop() ?? name;
  return base.replace(/\.[^.]+$/, '') || base;
}

/** Stage 1–2: bytes → decoded text (HTML turned into text). Throws SkipError for a bad file. */
export function readArticle(file: InputFile): Article {
  const { text, encoding, diagnostics } = decodeBytes(file.bytes, file.name);
  const isHtml = /\.x?html?$/i.test(file.name) || looksLikeHtml(text);
  const page = isHtml ? htmlToText(text) : null;
  const source = page ? page.text : text;
  if (!/\p{Script=Han}/u.test(source)) throw new SkipError('not an article: no Chinese text');
  return newArticle({
    id: articleIdFor(file.name),
    sourceFile: file.name,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    byteLength: file.bytes.length,
    encoding,
    format: page ? 'html' : 'text',
    source,
    page: page ? page.page : null,
    diagnostics,
  });
}

/** Stages 3–6 over one decoded article: repair, segment, script, extract. Pure. */
export function processArticle(article: Article, options: { prior?: NgramPrior; override?: Record<string, unknown> | null } = {}): Article {
  let a = repairArticle(article, options.prior ? { prior: options.prior } : {});
  a = segmentArticle(a);
  a = convertScript(a);
  a = extractMetadata(a, { override: options.override ?? null });
  return a;
}

/**
 * The whole corpus: every file ends as an article or a skip with a reason; a duplicate raw file
 * (same bytes) is reported once and not published twice. The n-gram prior comes from the corpus
 * itself, so lost characters are chosen by evidence from the archive being built.
 */
export function ingestCorpus(files: InputFile[]): Corpus {
  const skipped: Skipped[] = [];
  const decoded: Array<{ article: Article; file: InputFile }> = [];
  const seen = new Map<string, string>();
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    try {
      const article = readArticle(file);
      const first = seen.get(article.sha256);
      if (first) {
        skipped.push({ file: file.name, reason: `duplicate of ${first} (same bytes)` });
        continue;
      }
      seen.set(article.sha256, file.name);
      decoded.push({ article, file });
    } catch (err) {
      if (err instanceof SkipError) skipped.push({ file: file.name, reason: err.message });
      else skipped.push({ file: file.name, reason: `internal error: ${(err as Error).message}` });
    }
  }
  const prior = buildNgramPrior(decoded.map((d) => d.article.source));
  const processed: Article[] = [];
  for (const { article, file } of decoded) {
    try {
      processed.push(processArticle(article, { prior, override: file.override ?? null }));
    } catch (err) {
      skipped.push({ file: file.name, reason: `internal error while processing: ${(err as Error).message}` });
    }
  }
  const { articles, people } = resolvePeople(processed);
  return { articles, skipped, people };
}
