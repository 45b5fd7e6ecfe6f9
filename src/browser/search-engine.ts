// The archive's static search index, one implementation for both sides: the build imports this
// module (src/site/search-index.ts) to write the index, the search page loads it, bundled by
// src/site/browser-scripts.ts as `assets/search-engine.js`, to query it. It uses nothing of Node
// or of the DOM, so it type-checks in both programs (tsconfig.json and src/browser/tsconfig.json).
//
// Why not one index file, or Pagefind: a first query must download little whatever the size of
// the archive, the build must index 20,000 articles in bounded memory, and Chinese needs exact
// matching of 2- and 3-character words across scripts, which word segmenters get wrong
// (经开区 split as 经开 + 区). So every page's Simplified text is indexed as character n-grams:
//   经开区建设 → 经 开 区 建 设 · 经开 开区 区建 建设 · 经开区 开区建 区建设
// A query of 1, 2 or 3 characters is one token, matched exactly; a longer one must contain all
// its 3-character pieces (萍乡经开区 → 萍乡经 乡经开 经开区). N-grams never cross punctuation or
// spaces, so 经开，开区 does not match 经开区. Latin words and numbers are lower-cased words.
//
// Files under the index folder (`search-index/`):
//   meta.json       {version, docs, buckets, filters: [group names]}
//   b/<n>.json      bucket n: {token: posting} for the tokens whose hash falls in it (bucketOf)
//   d/<id>.json     document id: {url, title, lang, date, outlet, text, hans?, rest?} (IndexDoc)
//   r/<id>.json     the rest of document id's body, when it is longer than its head: {text, hans?}
//   f/<group>.json  one filter group: [[value, posting], …], most frequent first
//   dates.json      every document's date in document order, as runs: [[date, count], …] (DateRuns)
// A posting lists document numbers in increasing order as base-36 gaps, with `.count` when a
// token occurs more than once in that document: `0.3,2,1a` = doc 0 (×3), doc 2, doc 48.
// Documents are numbered newest first, so ties in ranking list the newest first.
// A first query fetches meta.json, one bucket per token and the records of the results shown
// (one small file each, with the head of the body its excerpt is cut from); a result whose head
// does not contain the query also fetches the rest of its body. Filter groups and the dates load
// only when a reader uses them.

export const INDEX_VERSION = 2;

/** `meta.json`. */
export interface IndexMeta {
  version: number;
  /** Documents in the index. */
  docs: number;
  /** Bucket files `b/0.json` … `b/<buckets-1>.json`. */
  buckets: number;
  /** Filter groups, each in `f/<group>.json`. */
  filters: string[];
}

/**
 * A piece of a document's body: the text as written (paragraphs separated by `\n`) and, when it
 * is not Simplified, its Simplified form (what the index holds and a query is compared with),
 * code point for code point, so a match found in `hans` is at the same place in `text`.
 */
export interface BodyText {
  text: string;
  hans?: string;
}

/** One document's stored fields, `d/<id>.json`: what a result shows, with the head of its body. */
export interface IndexDoc extends BodyText {
  url: string;
  title: string;
  /** Script of the title and body as written: `zh-Hans` or `zh-Hant`. */
  lang: string;
  /** The date as the article page labels it. */
  date: string;
  outlet: string;
  /** True when the body goes on after `text`, in `r/<id>.json`. */
  rest?: boolean;
}

/**
 * `dates.json`: the documents' dates in document order, as [date, how many documents in a row
 * have it]. A date is as precise as the article says: `2023`, `2023-05` or `2023-05-06`, and ''
 * when its year is unknown.
 */
export type DateRuns = Array<[string, number]>;

/** A decoded posting: document numbers (increasing) and how often the token occurs in each. */
export interface Posting {
  docs: number[];
  counts: number[];
}

/** A bucket file `b/<n>.json`: token → posting string. */
export type Bucket = Record<string, string>;

/** A filter group file `f/<group>.json`: [value, posting string], most frequent first. */
export type FilterFile = Array<[string, string]>;

/** The answer of `IndexReader.search`: `scores[i]` is the score of `ids[i]`. */
export interface SearchResult {
  tokens: string[];
  ids: number[];
  scores: number[];
}

/** One value of a filter group and the documents that have it. */
export interface FilterValue {
  value: string;
  ids: Set<number>;
}

export interface IndexReader {
  meta(): Promise<IndexMeta>;
  search(query: string): Promise<SearchResult>;
  docs(ids: readonly number[]): Promise<IndexDoc[]>;
  rest(id: number): Promise<BodyText>;
  filter(group: string): Promise<FilterValue[]>;
  dates(): Promise<string[]>;
}

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** NFKC folds full-width letters and digits (２０２３ → 2023); queries and text alike. */
const normalize = (text: string): string => String(text).normalize('NFKC').toLowerCase();

/** Adds the n-grams (n = 1, 2, 3) of one Han run to `counts`. */
function addRun(run: string, counts: Map<string, number>): void {
  // Slices of a flat string hash fast as Map keys (concatenations would be flattened on every
  // lookup); a run with characters outside the BMP is split into code points first.
  const cs = run.length === 1 || !/[\uD800-\uDFFF]/.test(run) ? null : Array.from(run);
  const n = cs ? cs.length : run.length;
  const gram = cs ? (i: number, k: number) => cs.slice(i, i + k).join('') : (i: number, k: number) => run.slice(i, i + k);
  for (let i = 0; i < n; i++) {
    for (let k = 1; k <= 3 && i + k <= n; k++) {
      const g = gram(i, k);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
  }
}

/** Every token of a text (give it Simplified text) with how often it occurs. */
export function textTokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const t = normalize(text);
  for (const m of t.matchAll(HAN_RUN)) addRun(m[0], counts);
  for (const m of t.replace(HAN_RUN, ' ').matchAll(WORD)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

/**
 * The tokens a page must contain to match a query (give it Simplified text). Han runs of 1–3
 * characters are one token, longer runs their 3-character pieces; other words are themselves.
 * A query in quotes reads across the spaces between Han characters ("萍乡 经开区" = 萍乡经开区).
 */
export function queryTokens(query: string): string[] {
  let q = normalize(query).trim();
  if (/^["“].*["”]$/su.test(q) && q.length > 1) q = q.replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
  q = q.replace(/["“”]/g, ' ');
  const tokens: string[] = [];
  for (const m of q.matchAll(HAN_RUN)) {
    const cs = Array.from(m[0]);
    if (cs.length <= 3) tokens.push(cs.join(''));
    else for (let i = 0; i + 2 < cs.length; i++) tokens.push(cs[i]! + cs[i + 1]! + cs[i + 2]!);
  }
  for (const m of q.replace(HAN_RUN, ' ').matchAll(WORD)) tokens.push(m[0]);
  return [...new Set(tokens)];
}

/** The bucket of a token: FNV-1a (32 bits) over its UTF-16 code units, modulo the bucket count. */
export function bucketOf(token: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

/** Document numbers (increasing) and their counts → a posting string (see the top of the file). */
export function encodePosting(docs: ArrayLike<number>, counts?: ArrayLike<number>): string {
  let out = '';
  let prev = 0;
  for (let i = 0; i < docs.length; i++) {
    if (i) out += ',';
    out += (docs[i]! - prev).toString(36);
    prev = docs[i]!;
    const c = counts ? counts[i]! : 1;
    if (c > 1) out += '.' + c.toString(36);
  }
  return out;
}

/** A posting string → `{docs, counts}` (the inverse of `encodePosting`). */
export function decodePosting(posting: string): Posting {
  const docs: number[] = [];
  const counts: number[] = [];
  if (!posting) return { docs, counts };
  let doc = 0;
  for (const item of posting.split(',')) {
    const dot = item.indexOf('.');
    doc += parseInt(dot < 0 ? item : item.slice(0, dot), 36);
    docs.push(doc);
    counts.push(dot < 0 ? 1 : parseInt(item.slice(dot + 1), 36));
  }
  return { docs, counts };
}

/**
 * A reader of one index. `load(path)` fetches a file of the index as parsed JSON (`meta.json`,
 * `b/12.json`…): `fetch` in the browser, a file read in tests. Files are fetched once each.
 */
export function openIndex(load: (path: string) => unknown): IndexReader {
  const files = new Map<string, Promise<unknown>>();
  // The caller names the shape of the file it asks for (see the top of the file).
  const get = <T>(path: string): Promise<T> => {
    // A failed fetch is forgotten, so the next search tries again.
    if (!files.has(path))
      files.set(
        path,
        Promise.resolve(load(path)).catch((err: unknown) => {
          files.delete(path);
          throw err;
        }),
      );
    return files.get(path) as Promise<T>;
  };
  const meta = () => get<IndexMeta>('meta.json');

  /** The decoded posting of one token (empty when no page has it). */
  async function posting(token: string): Promise<Posting> {
    const m = await meta();
    const bucket = await get<Bucket>(`b/${bucketOf(token, m.buckets)}.json`);
    return decodePosting(bucket[token] ?? '');
  }

  return {
    meta,

    /**
     * Pages containing every token of `query`, best first: the score sums, over the tokens,
     * log(1 + count) weighted by how rare the token is (log(1 + docs / pages with it)).
     * Returns the tokens searched, the document numbers and their scores (`scores[i]` is the
     * score of `ids[i]`; comparable across indexes, so merged searches can interleave them).
     */
    async search(query) {
      const tokens = queryTokens(query);
      if (!tokens.length) return { tokens, ids: [], scores: [] };
      const m = await meta();
      const postings = await Promise.all(tokens.map(posting));
      // Intersect from the shortest list: the rarest token bounds the result.
      postings.sort((a, b) => a.docs.length - b.docs.length);
      let scores = new Map<number, number>();
      const first = postings[0]!;
      const idf0 = Math.log(1 + m.docs / Math.max(1, first.docs.length));
      first.docs.forEach((d, i) => scores.set(d, Math.log(1 + first.counts[i]!) * idf0));
      for (const p of postings.slice(1)) {
        const idf = Math.log(1 + m.docs / Math.max(1, p.docs.length));
        const next = new Map<number, number>();
        p.docs.forEach((d, i) => {
          const s = scores.get(d);
          if (s !== undefined) next.set(d, s + Math.log(1 + p.counts[i]!) * idf);
        });
        scores = next;
      }
      const ids = [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
      return { tokens, ids, scores: ids.map((id) => scores.get(id)!) };
    },

    /** The stored fields of documents (IndexDoc), in the order asked. */
    docs(ids) {
      return Promise.all(ids.map((id) => get<IndexDoc>(`d/${id}.json`)));
    },

    /** The rest of a document's body, after the head its IndexDoc holds (when `rest` is true). */
    rest(id) {
      return get<BodyText>(`r/${id}.json`);
    },

    /** One filter group: `[{value, ids: Set of document numbers}]`, most frequent value first. */
    async filter(group) {
      const values = await get<FilterFile>(`f/${encodeURIComponent(group)}.json`);
      return values.map(([value, p]) => ({ value, ids: new Set(decodePosting(p).docs) }));
    },

    /** Every document's date (see DateRuns), by document number. */
    async dates() {
      const runs = await get<DateRuns>('dates.json');
      return runs.flatMap(([date, count]) => new Array<string>(count).fill(date));
    },
  };
}
