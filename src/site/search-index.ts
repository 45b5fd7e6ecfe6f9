import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packText, unpackText } from '../packed-article.ts';
import type { ArticleView } from './article-view.ts';
import { INDEX_VERSION, bucketOf, encodePosting, textTokens } from '../browser/search-engine.ts';
import { engineScript } from './browser-scripts.ts';

/** Folder of the index inside the site (the search page fetches from `<base>search-index/`). */
export const INDEX_DIR = 'search-index';
/** Documents per `d/<k>.json` file: a page of results touches few files of a few KB each. */
export const DOCS_PER_CHUNK = 50;
/** Bucket files are sized to about this: one per query token is what a first search fetches. */
const BUCKET_BYTES = 24 * 1024;
/** Stored index bytes per character of text (measured: about 5–7 for Chinese news). */
const BYTES_PER_CHAR = 6;
/**
 * At most about this many characters' postings are held in memory at once (one pass): about
 * 2 postings per character, 20 bytes each (~0.3 GB). Each pass reads every text again.
 */
const CHARS_PER_PASS = 8_000_000;
/** The filter groups, in the order the search page shows them. */
const FILTER_GROUPS = ['region', 'outlet', 'year', 'person'] as const;

export interface SearchIndexStats {
  records: number;
  ms: number;
  /** Bucket files written (0 when the index was taken over unchanged). */
  buckets: number;
  /** Passes over the text (postings of one share of the buckets are held at a time). */
  passes: number;
  /** Key of the index (a hash of every record and the format), for the next build's `reuse`. */
  key: string;
  /** True when `reuse` put the previous build's identical index in place. */
  reused: boolean;
}

export interface SearchIndexOptions {
  /** Called with the index folder and key first: true means an identical index is in place. */
  reuse?: (folder: string, key: string) => boolean;
  /** Override the characters per pass (tests force several passes on a small corpus). */
  charsPerPass?: number;
}

/** What the index needs of an article view (all a worker thread is sent). */
export type SearchSource = Pick<ArticleView, 'url' | 'searchText' | 'title' | 'outlet' | 'filters' | 'original'> & { date: Pick<ArticleView['date'], 'zh' | 'sortKey'>; excerpt: string };

/**
 * A search source whose text is packed (src/packed-article.ts) while it waits for the index, and
 * on its way to the worker thread: 20,000 texts are ~150 MB as strings, ~30 MB packed.
 */
export type PackedSearchSource = Omit<SearchSource, 'searchText'> & { searchText: Uint8Array };

export function packSearchSource(s: SearchSource): PackedSearchSource {
  return { ...s, searchText: packText(s.searchText) };
}

const textOf = (d: SearchSource | PackedSearchSource): string => (typeof d.searchText === 'string' ? d.searchText : unpackText(d.searchText));

/** The slimmest copy of a view that still makes the same index. */
export function searchSource(a: ArticleView): SearchSource {
  return {
    url: a.url,
    searchText: a.searchText,
    title: a.title,
    original: a.original,
    date: { zh: a.date.zh, sortKey: a.date.sortKey },
    outlet: a.outlet,
    filters: a.filters,
    excerpt: excerptOf((a.bodies[a.original] ?? []).join(' ')),
  };
}

/** Readable excerpt for a search result: the start of the text as written, on one line. */
export function excerptOf(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cs = Array.from(flat);
  return cs.length <= length ? flat : `${cs.slice(0, length).join('')}…`;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes the search index of `sources` into `<dir>/search-index/` (format: the header of
 * src/browser/search-engine.ts). Documents are numbered newest first. Postings are built for
 * one share of the buckets per pass over the text, so memory is bounded by the pass size, not by
 * the archive. Every bucket file is written, empty ones too: a missing file would be a failed
 * request in the reader's browser.
 */
export function writeSearchIndex(dir: string, sources: ReadonlyArray<SearchSource | PackedSearchSource>, options: SearchIndexOptions = {}): SearchIndexStats {
  const started = performance.now();
  const docs = [...sources].sort((a, b) => byCodePoint(b.date.sortKey, a.date.sortKey) || byCodePoint(a.url, b.url));
  // The engine's text as the site ships it: another engine may read another format, so it is
  // part of the key.
  const hash = createHash('sha256').update(engineScript()).update(`\0${DOCS_PER_CHUNK}\0${BUCKET_BYTES}`);
  let chars = 0;
  for (const d of docs) {
    // The key of a packed source is that of the same source unpacked.
    const text = textOf(d);
    chars += text.length;
    hash.update('\0').update(JSON.stringify(typeof d.searchText === 'string' ? d : { ...d, searchText: text }));
  }
  const key = hash.digest('hex');
  if (options.reuse?.(INDEX_DIR, key)) return { records: docs.length, ms: Math.round(performance.now() - started), buckets: 0, passes: 0, key, reused: true };

  const root = join(dir, INDEX_DIR);
  mkdirSync(join(root, 'b'), { recursive: true });
  mkdirSync(join(root, 'd'), { recursive: true });
  mkdirSync(join(root, 'f'), { recursive: true });

  const buckets = Math.max(1, Math.ceil((chars * BYTES_PER_CHAR) / BUCKET_BYTES));
  const passes = Math.min(buckets, Math.max(1, Math.ceil(chars / (options.charsPerPass ?? CHARS_PER_PASS))));
  for (let pass = 0; pass < passes; pass++) writeBuckets(root, docs, buckets, passes, pass);

  for (let k = 0; k * DOCS_PER_CHUNK < docs.length; k++) {
    const chunk = docs
      .slice(k * DOCS_PER_CHUNK, (k + 1) * DOCS_PER_CHUNK)
      .map((d) => ({ url: d.url, title: d.title, lang: d.original === 'hant' ? 'zh-Hant' : 'zh-Hans', date: d.date.zh, outlet: d.outlet ?? '', excerpt: d.excerpt }));
    writeFileSync(join(root, 'd', `${k}.json`), JSON.stringify(chunk));
  }

  const filters: string[] = [];
  for (const group of FILTER_GROUPS) {
    const byValue = new Map<string, number[]>();
    docs.forEach((d, id) => {
      for (const value of new Set(d.filters[group])) {
        const ids = byValue.get(value);
        if (ids) ids.push(id);
        else byValue.set(value, [id]);
      }
    });
    if (!byValue.size) continue;
    const values = [...byValue].sort((a, b) => b[1].length - a[1].length || byCodePoint(a[0], b[0]));
    writeFileSync(join(root, 'f', `${group}.json`), JSON.stringify(values.map(([value, ids]) => [value, encodePosting(ids)])));
    filters.push(group);
  }

  writeFileSync(join(root, 'meta.json'), JSON.stringify({ version: INDEX_VERSION, docs: docs.length, buckets, chunk: DOCS_PER_CHUNK, filters }));
  return { records: docs.length, ms: Math.round(performance.now() - started), buckets, passes, key, reused: false };
}

/**
 * A growable column of 32-bit integers (postings are collected as three such columns), in chunks
 * of 2^20: growing never copies, so a column never holds more than its need plus one chunk (a
 * doubling array holds up to twice its need, and three times while it copies).
 */
class IntColumn {
  static readonly BITS = 20;
  static readonly MASK = (1 << IntColumn.BITS) - 1;
  chunks: Int32Array[] = [];
  length = 0;
  push(v: number): void {
    const at = this.length & IntColumn.MASK;
    if (at === 0) this.chunks.push(new Int32Array(1 << IntColumn.BITS));
    this.chunks[this.chunks.length - 1]![at] = v;
    this.length++;
  }
  get(i: number): number {
    return this.chunks[i >>> IntColumn.BITS]![i & IntColumn.MASK]!;
  }
}

/**
 * One pass: the postings of the buckets `b` with `b % passes === pass`, written as files.
 * Every (token, document, count) is appended to flat integer columns and then grouped by token
 * with a counting sort: one small array per token would cost twice the time in allocation and
 * garbage collection. Documents are visited in order, so each token's documents stay increasing.
 */
function writeBuckets(root: string, docs: ReadonlyArray<SearchSource | PackedSearchSource>, buckets: number, passes: number, pass: number): void {
  const tokenIds = new Map<string, number>();
  const tokens: string[] = [];
  const tok = new IntColumn();
  const doc = new IntColumn();
  const cnt = new IntColumn();
  docs.forEach((d, id) => {
    textTokens(textOf(d)).forEach((count, token) => {
      if (passes > 1 && bucketOf(token, buckets) % passes !== pass) return;
      let k = tokenIds.get(token);
      if (k === undefined) {
        k = tokens.length;
        tokenIds.set(token, k);
        tokens.push(token);
      }
      tok.push(k);
      doc.push(id);
      cnt.push(count);
    });
  });
  // Counting sort by token: start[k] … start[k + 1] are token k's entries.
  const start = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tok.length; i++) start[tok.get(i) + 1]!++;
  for (let k = 0; k < tokens.length; k++) start[k + 1]! += start[k]!;
  const next = start.slice();
  const docsByToken = new Int32Array(tok.length);
  const countsByToken = new Int32Array(tok.length);
  for (let i = 0; i < tok.length; i++) {
    const at = next[tok.get(i)]!++;
    docsByToken[at] = doc.get(i);
    countsByToken[at] = cnt.get(i);
  }

  const byBucket = new Map<number, number[]>();
  tokens.forEach((token, k) => {
    const b = bucketOf(token, buckets);
    const list = byBucket.get(b);
    if (list) list.push(k);
    else byBucket.set(b, [k]);
  });
  for (let b = pass; b < buckets; b += passes) {
    const ks = (byBucket.get(b) ?? []).sort((x, y) => byCodePoint(tokens[x]!, tokens[y]!));
    const body = ks.map((k) => `${JSON.stringify(tokens[k])}:"${encodePosting(docsByToken.subarray(start[k], start[k + 1]), countsByToken.subarray(start[k], start[k + 1]))}"`);
    writeFileSync(join(root, 'b', `${b}.json`), `{${body.join(',')}}`);
  }
}
