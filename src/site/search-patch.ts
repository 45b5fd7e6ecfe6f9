import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bucketOf, decodePosting, encodePosting, textTokens } from '../browser/search-engine.ts';
import { linkFile } from '../io/link-tree.ts';
import type { SearchSource } from './search-index.ts';

/**
 * What a search index was made of, kept beside the render manifest so that the next build can
 * patch the index instead of making it again: per document (in number order) its URL, the key of
 * its record, and the buckets its tokens fall in.
 */
export interface SearchState {
  version: 2;
  /** What made the files (engine, layout): a state of another format is not patched. */
  format: string;
  /** The index's key (`SearchIndexStats.key`). */
  key: string;
  buckets: number;
  /** Per document number. */
  docs: StateDoc[];
}

/** A document of the index: what the next build needs to keep it without its text. */
export interface StateDoc {
  url: string;
  /** Key of its record. */
  key: string;
  /** The buckets its tokens fall in (a `BucketSet`, base64). */
  buckets: string;
  /** Characters of its search text (the bucket count is made from the total). */
  chars: number;
  date: Pick<SearchSource['date'], 'zh' | 'sortKey' | 'iso'>;
  filters: SearchSource['filters'];
  /** Where its search text is kept, packed (offset and length in `search-texts.bin`: src/site/search-texts.ts). */
  text?: [number, number];
}

/** A document as the patch sees it: its text is read only if its record changed. */
export interface PatchDoc {
  url: string;
  key: string;
  text: () => string;
}

/** A set of bucket numbers, as stored in `SearchState`. */
export class BucketSet {
  readonly bits: Uint8Array;
  constructor(buckets: number) {
    this.bits = new Uint8Array(Math.ceil(buckets / 8));
  }
  add(b: number): void {
    this.bits[b >> 3]! |= 1 << (b & 7);
  }
  toString(): string {
    return Buffer.from(this.bits).toString('base64');
  }
  /** Adds every bucket of a stored set to `flags` (one byte a bucket). */
  static mark(stored: string, flags: Uint8Array): void {
    const bits = Buffer.from(stored, 'base64');
    for (let i = 0; i < bits.length; i++) {
      const byte = bits[i]!;
      if (byte) for (let k = 0; k < 8; k++) if (byte & (1 << k)) flags[i * 8 + k] = 1;
    }
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A bucket file's text: tokens in code point order, each with its posting (what a full build writes). */
export function bucketText(postings: Map<string, string>): string {
  const tokens = [...postings.keys()].sort(byCodePoint);
  return `{${tokens.map((t) => `${JSON.stringify(t)}:"${postings.get(t)!}"`).join(',')}}`;
}

/**
 * The bucket files of `docs` in `root`/b, made from the previous index in `live`/b: a document
 * whose record is unchanged keeps its postings (renumbered if its number moved); a changed or
 * new document is tokenized again; a removed one is dropped. Only buckets that hold a changed,
 * moved or removed document are read and written again; the others are linked from the live
 * index. The files are the same, byte for byte, as a full build's with the same bucket count.
 * Returns each document's bucket set, for the next state, and how many buckets were written.
 */
export function patchBuckets(
  root: string,
  live: string,
  previous: SearchState,
  docs: readonly PatchDoc[],
  /**
   * The search text of document `o` of the live index, when it is kept (null when not): a changed
   * document that keeps its number then touches only the buckets of the words whose counts
   * changed (an edit of a sentence: a few buckets instead of every bucket of its text).
   */
  oldText: (o: number) => string | null = () => null,
): { sets: string[]; rewritten: number } {
  const buckets = previous.buckets;
  const oldNumber = new Map(previous.docs.map(({ url }, i) => [url, i]));
  /** Old document number → new one, or -1 when its postings go. */
  const renumber = new Int32Array(previous.docs.length).fill(-1);
  const touched = new Uint8Array(buckets);
  /** Postings of the documents tokenized again, by bucket and token, in document order. */
  const fresh = new Map<number, Map<string, number[]>>();
  /** Live documents changed in place whose old text was read: only their changed words' buckets are touched. */
  const diffed = new Uint8Array(previous.docs.length);
  const sets = docs.map((d, id) => {
    const o = oldNumber.get(d.url);
    if (o !== undefined && previous.docs[o]!.key === d.key) {
      renumber[o] = id;
      return previous.docs[o]!.buckets;
    }
    const before = o === id ? oldText(o) : null;
    const old = before === null ? null : textTokens(before);
    if (old) diffed[o!] = 1;
    const set = new BucketSet(buckets);
    const tokens = textTokens(d.text());
    // A word the old text had and the new one lacks: its posting loses the document.
    if (old) for (const token of old.keys()) if (!tokens.has(token)) touched[bucketOf(token, buckets)] = 1;
    for (const [token, count] of tokens) {
      const b = bucketOf(token, buckets);
      set.add(b);
      // A word with the count it had keeps its posting (the document kept its number).
      if (old?.get(token) !== count) touched[b] = 1;
      let inBucket = fresh.get(b);
      if (!inBucket) fresh.set(b, (inBucket = new Map()));
      const list = inBucket.get(token);
      if (list) list.push(id, count);
      else inBucket.set(token, [id, count]);
    }
    return set.toString();
  });
  previous.docs.forEach(({ buckets: stored }, o) => {
    if (renumber[o] !== o && !diffed[o]) BucketSet.mark(stored, touched);
  });

  // Numbers that stay put, save for documents that went (changed or removed): their numbers,
  // ascending; null when some number moved (then every posting of a touched bucket is renumbered).
  let gone: number[] | null = [];
  for (let o = 0; o < renumber.length && gone; o++) {
    if (renumber[o] === -1) gone.push(o);
    else if (renumber[o] !== o) gone = null;
  }
  let rewritten = 0;
  for (let b = 0; b < buckets; b++) {
    const file = join('b', `${b}.json`);
    if (!touched[b]) {
      if (!linkFile(join(live, file), join(root, file))) throw new Error(`${file} is missing from the live search index`);
      continue;
    }
    const old = JSON.parse(readFileSync(join(live, file), 'utf8')) as Record<string, string>;
    const inBucket = fresh.get(b);
    const postings = new Map<string, string>();
    for (const token in old) {
      const posting = old[token]!;
      // When no number moved, a posting that lists no departed document and gains none stays as it is.
      if (gone && !inBucket?.has(token) && !listsAny(posting, gone)) {
        postings.set(token, posting);
        continue;
      }
      const { docs: ids, counts } = decodePosting(posting);
      const kept: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        const id = renumber[ids[i]!]!;
        if (id >= 0) kept.push(id, counts[i]!);
      }
      const added = inBucket?.get(token);
      if (added) kept.push(...added);
      if (kept.length) postings.set(token, encodePairs(kept));
    }
    for (const [token, list] of inBucket ?? []) if (!(token in old)) postings.set(token, encodePairs(list));
    writeFileSync(join(root, file), bucketText(postings));
    rewritten++;
  }
  return { sets, rewritten };
}

/**
 * True when `posting` lists one of `docs` (ascending). Reads the numbers off the string as far as
 * the largest, without splitting it: most postings of a touched bucket are kept as they are.
 */
export function listsAny(posting: string, docs: readonly number[]): boolean {
  if (!posting || !docs.length) return false;
  let doc = 0;
  let k = 0;
  let value = 0;
  let inDelta = true; // reading a document's delta (before any '.count')
  for (let i = 0; i <= posting.length; i++) {
    const c = i < posting.length ? posting.charCodeAt(i) : 44;
    if (c === 44 /* , */ || (c === 46 /* . */ && inDelta)) {
      if (inDelta) {
        doc += value;
        while (k < docs.length && docs[k]! < doc) k++;
        if (k === docs.length) return false;
        if (docs[k] === doc) return true;
      }
      value = 0;
      inDelta = c === 44;
    } else if (inDelta) value = value * 36 + (c <= 57 ? c - 48 : c - 87);
  }
  return false;
}

/** `[doc, count, doc, count…]` in any order → a posting string. */
function encodePairs(pairs: number[]): string {
  const n = pairs.length / 2;
  const order = Array.from({ length: n }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = pairs[2 * i]! > pairs[2 * i - 2]!;
  if (!sorted) order.sort((x, y) => pairs[2 * x]! - pairs[2 * y]!);
  return encodePosting(
    order.map((i) => pairs[2 * i]!),
    order.map((i) => pairs[2 * i + 1]!),
  );
}
