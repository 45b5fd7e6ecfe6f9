import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSpooled, readSpooled, type BodySpool, type Spooled } from '../io/body-spool.ts';
import { packText, unpackText } from '../packed-article.ts';
import type { ArticleView, SearchView } from './article-view.ts';
import { INDEX_VERSION, bucketOf, encodePosting, textTokens, type BodyText, type DateRuns, type IndexDoc } from '../browser/search-engine.ts';
import { toSimplified } from '../text/script.ts';
import { engineScript } from './browser-scripts.ts';
import { BucketSet, bucketText, patchBuckets, type SearchState, type StateDoc } from './search-patch.ts';
import { linkFile } from '../io/link-tree.ts';

/** Folder of the index inside the site (the search page fetches from `<base>search-index/`). */
export const INDEX_DIR = 'search-index';
/**
 * Code points of a body kept in its document's `d/<id>.json`; the rest goes to `r/<id>.json`.
 * A result's excerpt is cut around the first match, in news text nearly always in the first
 * paragraphs: the head (about 1.5 KB compressed) is all most results fetch, and a long report
 * costs its whole body only when its head has no match.
 */
export const HEAD_CHARS = 1000;
/** Bucket files are sized to about this: one per query token is what a first search fetches. */
const BUCKET_BYTES = 24 * 1024;
/** Stored index bytes per character of text (measured: about 5–7 for Chinese news). */
const BYTES_PER_CHAR = 6;
/**
 * At most about this many characters' postings are held in memory at once (one pass): about
 * 2 postings per character, 12 bytes each (~0.15 GB). Each pass reads every text again: at
 * 20,000 articles 7 passes (135 s) instead of 5 at 8 million (116–122 s), still within the
 * time Eleventy renders beside it (150–170 s).
 */
const CHARS_PER_PASS = 6_000_000;
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
  /** Documents tokenized again when the previous index was patched; null when it was made whole. */
  patched: number | null;
  /** What the next build needs to patch this index (null when it was taken over without one). */
  state: SearchState | null;
  /** Where the search worker wrote `state` instead of returning it (see src/site/search-worker.ts). */
  stateFile?: string;
  /** Where it wrote the records' texts afresh, to move into place with the state (see src/site/search-texts.ts). */
  textsFile?: string;
}

export interface SearchIndexOptions {
  /** Called with the index folder and key first: true means an identical index is in place. */
  reuse?: (folder: string, key: string) => boolean;
  /**
   * The live index (its folder) and the state it was made from: when the bucket count is the
   * same, the new index is patched from it (src/site/search-patch.ts) instead of made whole.
   */
  previous?: { root: string; state: SearchState } | null;
  /** False: no `state` is returned (nobody keeps it: a build without a cache). Default true. */
  recordState?: boolean;
  /**
   * The search text a document of the live index was made from, when it is kept (see
   * src/site/search-texts.ts): the patch then touches only the buckets whose words changed.
   */
  previousText?: (doc: StateDoc) => string | null;
  /** Override the characters per pass (tests force several passes on a small corpus). */
  charsPerPass?: number;
}

/** What the index needs of an article view (all a worker thread is sent). */
export type SearchSource = Pick<ArticleView, 'url' | 'searchText' | 'title' | 'outlet' | 'filters' | 'original'> & {
  date: Pick<ArticleView['date'], 'zh' | 'sortKey' | 'iso'>;
  /** The body as the article page shows it, paragraphs separated by `\n`: excerpts come from it. */
  body: string;
  /** The body in Simplified, code point for code point (see alignedHans); null when `body` is Simplified. */
  bodyHans: string | null;
};

/**
 * A search source whose texts are packed (src/packed-article.ts) while it waits for the index, and
 * on its way to the worker thread: 20,000 texts are ~150 MB as strings, ~30 MB packed. A build
 * keeps them in its spool file (src/io/body-spool.ts), and the worker reads them from there.
 */
export type PackedSearchSource<P = Uint8Array> = Omit<SearchSource, 'searchText' | 'body' | 'bodyHans'> & { searchText: P; body: P; bodyHans: P | null };

export function packSearchSource(s: SearchSource): PackedSearchSource {
  return { ...s, searchText: packText(s.searchText), body: packText(s.body), bodyHans: s.bodyHans === null ? null : packText(s.bodyHans) };
}

/** The same source with its packed texts moved to `spool`. */
export function spoolSearchSource(s: PackedSearchSource, spool: BodySpool): PackedSearchSource<Spooled> {
  return { ...s, searchText: spool.put(s.searchText), body: spool.put(s.body), bodyHans: s.bodyHans === null ? null : spool.put(s.bodyHans) };
}

const unpacked = <T extends string | null>(t: T | Uint8Array | Spooled): T => (t instanceof Uint8Array ? (unpackText(t) as T) : isSpooled(t) ? (unpackText(readSpooled(t)) as T) : t);
/** A source as the index reads it: texts as strings, packed, or packed in a spool. */
export type AnySource = SearchSource | PackedSearchSource | PackedSearchSource<Spooled>;

const textOf = (d: AnySource): string => unpacked(d.searchText);

/** The same source with its texts as strings. */
function unpackSource(d: AnySource): SearchSource {
  return { ...d, searchText: unpacked(d.searchText), body: unpacked(d.body), bodyHans: unpacked(d.bodyHans) };
}

/** The slimmest copy of a view (the whole view or its search part) that still makes the same index. */
export function searchSource(a: SearchView): SearchSource {
  const body = (a.bodies[a.original] ?? []).join('\n');
  const hans = a.original === 'hans' ? body : alignedHans(body, a.bodies.hans.join('\n'));
  return {
    url: a.url,
    searchText: a.searchText,
    title: a.title,
    original: a.original,
    date: { zh: a.date.zh, sortKey: a.date.sortKey, iso: a.date.iso },
    outlet: a.outlet,
    filters: a.filters,
    body,
    bodyHans: hans === body ? null : hans,
  };
}

const codePoints = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) n++;
  return n;
};

/**
 * `hans` if it is `text` in Simplified code point for code point, as opencc-js's t→cn
 * dictionaries convert (every entry keeps its length), so that a match found in it is at the
 * same place in `text`. If a conversion ever changed a length, every highlight after it would be
 * misplaced: `text` is then converted character by character instead (`convert`, the site's
 * t→cn by default), which keeps every place and loses only the phrase rules.
 */
export function alignedHans(text: string, hans: string, convert: (s: string) => string = toSimplified): string {
  if (codePoints(hans) === codePoints(text)) return hans;
  return Array.from(text, (c) => {
    const s = convert(c);
    return codePoints(s) === 1 ? s : c;
  }).join('');
}

/** A body (and its Simplified form) cut after `HEAD_CHARS` code points: the head and the rest (null when none). */
export function splitBody(body: string, hans: string | null): [BodyText, BodyText | null] {
  const text = Array.from(body);
  const simplified = hans === null ? null : Array.from(hans);
  const piece = (from: number, to?: number): BodyText => ({ text: text.slice(from, to).join(''), ...(simplified ? { hans: simplified.slice(from, to).join('') } : {}) });
  return [piece(0, HEAD_CHARS), text.length > HEAD_CHARS ? piece(HEAD_CHARS) : null];
}

/**
 * The date a range filter compares (see DateRuns): `2023`, `2023-05` or `2023-05-06` as precise
 * as the article says, without a time; '' when the year is unknown.
 */
const rangeDate = (date: SearchSource['date']): string => (date.iso ?? '').slice(0, 10);

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A record the live index already holds, named by its URL and key: the index's state has the
 * rest (src/site/search-patch.ts), so a rebuild does not make its text again.
 */
export interface KeptSource {
  url: string;
  key: string;
}
/** What the index is given per record: a source (with its key, or keyed by its content) or a kept one. */
export type IndexSource = (AnySource & { key?: string }) | KeptSource;
const isKept = (d: IndexSource): d is KeptSource => !('searchText' in d);

/** Thrown when the index must be made whole but some records were given as `KeptSource`. */
export class TextsNeeded extends Error {
  override name = 'TextsNeeded';
}

/** What the index's files are made by: another engine or layout makes another index from the same records. */
const indexFormat = () => createHash('sha256').update(engineScript()).update(`\0${HEAD_CHARS}\0${BUCKET_BYTES}`).digest('hex');

/**
 * Writes the search index of `sources` into `<dir>/search-index/` (format: the header of
 * src/browser/search-engine.ts). Documents are numbered newest first. Postings are built for
 * one share of the buckets per pass over the text, so memory is bounded by the pass size, not by
 * the archive. Every bucket file is written, empty ones too: a missing file would be a failed
 * request in the reader's browser. Given the live index and its state, the index is patched
 * instead when it can be (same format and bucket count); if it must be made whole and a record
 * came as a `KeptSource`, throws `TextsNeeded`.
 */
export function writeSearchIndex(dir: string, sources: ReadonlyArray<IndexSource>, options: SearchIndexOptions = {}): SearchIndexStats {
  const started = performance.now();
  const format = indexFormat();
  const previous = options.previous && options.previous.state.format === format ? options.previous : null;
  const oldNumber = new Map(previous?.state.docs.map((d, i) => [d.url + '\0' + d.key, i]));
  const entries = sources.map((d): Entry => {
    if (isKept(d)) {
      const from = oldNumber.get(d.url + '\0' + d.key);
      if (from === undefined) throw new TextsNeeded(`${d.url} is not in the live index`);
      const { url, key, date, filters, chars } = previous!.state.docs[from]!;
      return { url, key, date, filters, chars, source: null, from };
    }
    // Keyed by the caller (a build keys records by what their pages are made from) or by content:
    // a packed source and the same source as strings have one key.
    const text = textOf(d);
    const key =
      d.key ??
      createHash('sha256')
        .update(JSON.stringify(unpackSource(d)))
        .digest('hex');
    return { url: d.url, key, date: d.date, filters: d.filters, chars: text.length, source: d, from: oldNumber.get(d.url + '\0' + key) ?? -1 };
  });
  const docs = entries.sort((a, b) => byCodePoint(b.date.sortKey, a.date.sortKey) || byCodePoint(a.url, b.url));
  const hash = createHash('sha256').update(format);
  let chars = 0;
  for (const d of docs) {
    chars += d.chars;
    hash.update('\0').update(d.key);
  }
  const key = hash.digest('hex');
  const ms = () => Math.round(performance.now() - started);
  if (options.reuse?.(INDEX_DIR, key)) return { records: docs.length, ms: ms(), buckets: 0, passes: 0, key, reused: true, patched: null, state: previous?.state.key === key ? previous.state : null };

  const root = join(dir, INDEX_DIR);
  for (const sub of ['b', 'd', 'r', 'f']) mkdirSync(join(root, sub), { recursive: true });
  const buckets = Math.max(1, Math.ceil((chars * BYTES_PER_CHAR) / BUCKET_BYTES));
  let sets: string[] | null = null;
  let passes = 0;
  let patched: number | null = null;
  let written = buckets;
  // Patched while most records are kept: past that, reading every bucket costs more than making it.
  if (previous && previous.state.buckets === buckets && docs.filter((d) => d.from >= 0).length * 2 >= docs.length) {
    try {
      const patch = patchBuckets(
        root,
        previous.root,
        previous.state,
        docs.map((d) => ({ url: d.url, key: d.key, text: () => textOf(d.source!) })),
        options.previousText ? (o) => options.previousText!(previous.state.docs[o]!) : undefined,
      );
      sets = patch.sets;
      written = patch.rewritten;
      patched = docs.filter((d) => d.from < 0).length;
    } catch {
      // The live index is not what its state says (a file deleted or damaged by hand): make it whole.
      rmSync(join(root, 'b'), { recursive: true, force: true });
      mkdirSync(join(root, 'b'));
    }
  }
  if (!sets) {
    if (docs.some((d) => !d.source)) throw new TextsNeeded('the index must be made whole');
    for (const d of docs) d.from = -1; // nothing is taken from the live index
    passes = Math.min(buckets, Math.max(1, Math.ceil(chars / (options.charsPerPass ?? CHARS_PER_PASS))));
    // The bucket sets only for a state someone keeps (at 20,000 articles some 30 MB).
    const made = options.recordState === false ? null : docs.map(() => new BucketSet(buckets));
    const texts = docs.map((d) => d.source!);
    for (let pass = 0; pass < passes; pass++) writeBuckets(root, texts, buckets, passes, pass, pass === 0 ? made : null);
    sets = made ? made.map(String) : [];
  }

  const dates: DateRuns = [];
  docs.forEach((entry, id) => {
    // The same record: the same files, under its new number (written again if they are gone).
    if (!(entry.from >= 0 && linkDocFiles(previous!.root, entry.from, root, id))) {
      if (!entry.source) throw new TextsNeeded(`${entry.url}: its files are missing from the live index`);
      const d = unpackSource(entry.source);
      const [head, rest] = splitBody(d.body, d.bodyHans);
      const doc: IndexDoc = { url: d.url, title: d.title, lang: d.original === 'hant' ? 'zh-Hant' : 'zh-Hans', date: d.date.zh, outlet: d.outlet ?? '', ...head, ...(rest ? { rest: true } : {}) };
      writeFileSync(join(root, 'd', `${id}.json`), JSON.stringify(doc));
      if (rest) writeFileSync(join(root, 'r', `${id}.json`), JSON.stringify(rest));
    }
    const date = rangeDate(entry.date);
    const run = dates[dates.length - 1];
    if (run && run[0] === date) run[1]++;
    else dates.push([date, 1]);
  });
  writeFileSync(join(root, 'dates.json'), JSON.stringify(dates));

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

  writeFileSync(join(root, 'meta.json'), JSON.stringify({ version: INDEX_VERSION, docs: docs.length, buckets, filters }));
  const state: SearchState | null =
    options.recordState === false
      ? null
      : {
          version: 2,
          format,
          key,
          buckets,
          docs: docs.map((d, id) => ({ url: d.url, key: d.key, buckets: sets[id]!, chars: d.chars, date: { zh: d.date.zh, sortKey: d.date.sortKey, iso: d.date.iso }, filters: d.filters })),
        };
  return { records: docs.length, ms: ms(), buckets: written, passes, key, reused: false, patched, state };
}

/** A record as the index orders and files it; `source` is null for a kept record. */
interface Entry extends Pick<StateDoc, 'url' | 'key' | 'date' | 'filters' | 'chars'> {
  source: AnySource | null;
  /** Its number in the live index when it is there unchanged, else -1. */
  from: number;
}

/** Links document `from`'s files of the live index as document `to` of the new one; false if they are missing. */
function linkDocFiles(live: string, from: number, root: string, to: number): boolean {
  if (!linkFile(join(live, 'd', `${from}.json`), join(root, 'd', `${to}.json`))) return false;
  linkFile(join(live, 'r', `${from}.json`), join(root, 'r', `${to}.json`)); // not every record has a rest
  return true;
}

/**
 * A growable column of 32-bit integers (postings are collected in such columns), in chunks of
 * 2^20: growing never copies, so a column never holds more than its need plus one chunk (a
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
  set(i: number, v: number): void {
    this.chunks[i >>> IntColumn.BITS]![i & IntColumn.MASK] = v;
  }
}

/**
 * One pass: the postings of the buckets `b` with `b % passes === pass`, written as files.
 * Every (document, count) is appended to flat integer columns and chained to the previous one
 * of its token (`next`), each token keeping its first and last: 12 bytes a posting, where
 * columns grouped afterwards by a counting sort took 20 (at 20,000 articles a pass's postings
 * are most of the search worker's memory). One small array per token would cost twice the time
 * in allocation and garbage collection. Documents are visited in order, so each token's chain
 * lists its documents in increasing order.
 */
function writeBuckets(root: string, docs: ReadonlyArray<AnySource>, buckets: number, passes: number, pass: number, sets: BucketSet[] | null): void {
  const tokenIds = new Map<string, number>();
  const tokens: string[] = [];
  const doc = new IntColumn();
  const cnt = new IntColumn();
  const next = new IntColumn();
  const first = new IntColumn();
  const last = new IntColumn();
  const size = new IntColumn();
  docs.forEach((d, id) => {
    const set = sets?.[id];
    textTokens(textOf(d)).forEach((count, token) => {
      const b = bucketOf(token, buckets);
      set?.add(b);
      if (passes > 1 && b % passes !== pass) return;
      const at = doc.length;
      doc.push(id);
      cnt.push(count);
      next.push(-1);
      let k = tokenIds.get(token);
      if (k === undefined) {
        k = tokens.length;
        tokenIds.set(token, k);
        tokens.push(token);
        first.push(at);
        last.push(at);
        size.push(1);
      } else {
        next.set(last.get(k), at);
        last.set(k, at);
        size.set(k, size.get(k) + 1);
      }
    });
  });

  /** Token k's documents and counts, in document order. */
  const postingOf = (k: number): string => {
    const n = size.get(k);
    const ids = new Int32Array(n);
    const counts = new Int32Array(n);
    for (let i = 0, p = first.get(k); i < n; i++, p = next.get(p)) {
      ids[i] = doc.get(p);
      counts[i] = cnt.get(p);
    }
    return encodePosting(ids, counts);
  };
  const byBucket = new Map<number, number[]>();
  tokens.forEach((token, k) => {
    const b = bucketOf(token, buckets);
    const list = byBucket.get(b);
    if (list) list.push(k);
    else byBucket.set(b, [k]);
  });
  for (let b = pass; b < buckets; b += passes) {
    writeFileSync(join(root, 'b', `${b}.json`), bucketText(new Map((byBucket.get(b) ?? []).map((k) => [tokens[k]!, postingOf(k)]))));
  }
}
