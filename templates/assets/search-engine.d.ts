/** Types for search-engine.js (shared by the build and the browser); see that file. */
export declare const INDEX_VERSION: number;
export interface IndexMeta {
  version: number;
  /** Documents in the index. */
  docs: number;
  /** Bucket files `b/0.json` … `b/<buckets-1>.json`. */
  buckets: number;
  /** Documents per `d/<k>.json` chunk. */
  chunk: number;
  /** Filter groups, each in `f/<group>.json`. */
  filters: string[];
}
export interface IndexDoc {
  url: string;
  title: string;
  /** Script of the title and excerpt as written: `zh-Hans` or `zh-Hant`. */
  lang: string;
  date: string;
  outlet: string;
  excerpt: string;
}
export interface Posting {
  docs: number[];
  counts: number[];
}
export declare function textTokens(text: string): Map<string, number>;
export declare function queryTokens(query: string): string[];
export declare function bucketOf(token: string, buckets: number): number;
export declare function encodePosting(docs: ArrayLike<number>, counts?: ArrayLike<number>): string;
export declare function decodePosting(posting: string): Posting;
export interface IndexReader {
  meta(): Promise<IndexMeta>;
  search(query: string): Promise<{ tokens: string[]; ids: number[]; scores: number[] }>;
  docs(ids: readonly number[]): Promise<IndexDoc[]>;
  filter(group: string): Promise<Array<{ value: string; ids: Set<number> }>>;
}
export declare function openIndex(load: (path: string) => unknown): IndexReader;
