import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { isHan, simplifiedOf } from './gbk.ts';
import { keptTable } from './kept.ts';

/**
 * A character language model for the GBK realigner: how likely a character is, alone and after
 * another one, in bits (−log2 P). It decides where a lost byte was (the realigned reading of a
 * run must read like Chinese) and which character a lost byte was (`軟?境` → 環, because 环境 is
 * a word).
 *
 * The general model comes from jieba's dictionary (`@node-rs/jieba/dict`: 349,000 words with
 * their corpus frequencies): a character's count is the frequency of the words it occurs in, a
 * pair's count the frequency of the words it occurs in side by side. The corpus being built adds
 * its own pairs through the n-gram prior. Everything is looked up in Simplified form, so
 * Traditional text uses the same counts.
 */

export interface CharModel {
  /** −log2 P(ch) for one character; non-Han characters get fixed costs. */
  unigram(ch: string): number;
  /** −log2 P(ch | prev); `prev` null or non-Han falls back to the unigram. */
  cost(prev: string | null, ch: string, prior?: PriorCounts): number;
  /** Dictionary count of the pair `a b` (Simplified forms), for evidence notes. */
  pairCount(a: string, b: string): number;
}

/** The corpus prior as the model reads it: counts of the document's own text taken out. */
export interface PriorCounts {
  count(gram: string): number;
}

/** Costs of what the dictionary says nothing about. */
const UNSEEN_HAN = 22;
const COMMON_PUNCT_COST = 4;
const OTHER_SYMBOL_COST = 18;
const ASCII_COST = 5;
/** Weight of the in-word pair estimate against the unigram (interpolation). */
const PAIR_WEIGHT = 0.6;
const PRIOR_WEIGHT = 0.3;

const COMMON_PUNCT = new Set([...'、。，；：？！“”‘’《》「」『』〈〉【】〔〕（）…—·～']);

let model: CharModel | undefined;

/**
 * The model, on first use: kept between processes where the pipeline's tables are
 * (src/ingest/repair/kept.ts; making it takes 0.3–0.4 s, reading it back a few tens of ms), or
 * made from the dictionary.
 */
export function charModel(): CharModel {
  if (model) return model;
  const make = () => countDictionary(loadDictionary());
  return (model = charModelFrom(keptTable('char-model', { parse: countsFromBytes, bytes: countsToBytes }, make) ?? make()));
}

function loadDictionary(): string {
  // The package's own data entry: the dictionary text jieba itself loads.
  const { dict } = createRequire(import.meta.url)('@node-rs/jieba/dict') as { dict: Uint8Array };
  return new TextDecoder().decode(dict);
}

/** What the model is made of: the characters (Simplified, by id), their counts, the pairs' counts. */
export interface CharCounts {
  chars: string[];
  unigrams: Float64Array;
  total: number;
  /** `first id * 65536 + second id` → count. */
  pairs: PairCounts;
}

/** The pairs' counts as the model reads them: a `Map` when counted, a `PairTable` when read back from bytes. */
export interface PairCounts extends Iterable<[number, number]> {
  get(key: number): number | undefined;
  readonly size: number;
}

/**
 * Pairs in an open-addressing table, one typed array of (key, count) slots, which is also how
 * they are kept (see `countsToBytes`): read back, the table is used as it is, where making a
 * `Map` of the 300,000 pairs was most of a rebuild's cost of the model (0.2 s in each process
 * that repairs an article), and filling a table from sorted pairs still 0.06–0.09 s. Keys are
 * below 2³² (character ids are below 65,536) and every kept count is a whole number above 0 (a
 * sum of dictionary frequencies), so a count of 0 marks an empty slot.
 */
class PairTable implements PairCounts {
  readonly size: number;
  /** Slot i: its key at 2i, its count at 2i + 1. */
  readonly slots: Uint32Array;
  readonly #shift: number;
  constructor(size: number, slots: Uint32Array = new Uint32Array(2 << pairTableBits(size))) {
    this.size = size;
    this.slots = slots;
    this.#shift = 32 - Math.log2(slots.length / 2);
  }
  /** The table of `pairs`; throws for a count it cannot hold (not a whole number below 2³², or 0). */
  static of(pairs: Iterable<[number, number]>, size: number): PairTable {
    const table = new PairTable(size);
    const { slots } = table;
    const mask = slots.length / 2 - 1;
    for (const [key, count] of pairs) {
      if (!(Number.isInteger(count) && count > 0 && count < 2 ** 32)) throw new RangeError(`pair count ${count} cannot be kept`);
      let at = table.#home(key);
      while (slots[2 * at + 1] !== 0) at = (at + 1) & mask;
      slots[2 * at] = key;
      slots[2 * at + 1] = count;
    }
    return table;
  }
  /** The slot where the search for `key` starts. */
  #home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.#shift;
  }
  get(key: number): number | undefined {
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    for (let at = this.#home(key); slots[2 * at + 1] !== 0; at = (at + 1) & mask) if (slots[2 * at] === key) return slots[2 * at + 1];
    return undefined;
  }
  *[Symbol.iterator](): Iterator<[number, number]> {
    for (let at = 0; at < this.slots.length; at += 2) if (this.slots[at + 1] !== 0) yield [this.slots[at]!, this.slots[at + 1]!];
  }
}

/** log2 of the slots a table of `size` pairs has: at most 60 % full. */
const pairTableBits = (size: number) => Math.max(4, Math.ceil(Math.log2(size / 0.6 + 1)));

/** Builds the model from jieba's `word freq tag` lines. Exported for tests with a tiny dictionary. */
export function buildCharModel(dictionary: string): CharModel {
  return charModelFrom(countDictionary(dictionary));
}

/** Counts jieba's `word freq tag` lines by (Simplified) character and by pair of neighbours. */
export function countDictionary(dictionary: string): CharCounts {
  const ids = new Map<string, number>();
  const unigrams: number[] = [];
  const pairs = new Map<number, number>();
  let total = 0;
  // Any character of the dictionary (either script) → the id of its Simplified form, or -1 for a
  // non-Han one: 349,000 words hold some 11,000 distinct characters, so the script conversion and
  // the Han test run once per character, not once per occurrence.
  const seen = new Map<string, number>();
  const idOf = (ch: string): number => {
    let id = seen.get(ch);
    if (id === undefined) {
      if (!isHan(ch)) id = -1;
      else {
        const s = simplifiedOf(ch);
        id = ids.get(s);
        if (id === undefined) {
          id = ids.size;
          ids.set(s, id);
          unigrams.push(0);
        }
      }
      seen.set(ch, id);
    }
    return id;
  };
  // Lines are `word freq [tag]`, read in place (no array per line).
  for (let start = 0; start < dictionary.length; ) {
    let end = dictionary.indexOf('\n', start);
    if (end < 0) end = dictionary.length;
    const space = dictionary.indexOf(' ', start);
    if (space > start && space < end) {
      const next = dictionary.indexOf(' ', space + 1);
      const freq = Number(dictionary.slice(space + 1, next > space && next < end ? next : end));
      if (freq > 0) {
        let prev = -1;
        for (const ch of dictionary.slice(start, space)) {
          const id = idOf(ch);
          if (id < 0) {
            prev = -1;
            continue;
          }
          unigrams[id]! += freq;
          total += freq;
          if (prev >= 0) {
            const key = prev * 65536 + id;
            pairs.set(key, (pairs.get(key) ?? 0) + freq);
          }
          prev = id;
        }
      }
    }
    start = end + 1;
  }
  return { chars: [...ids.keys()], unigrams: Float64Array.from(unigrams), total, pairs };
}

const BYTES_FORMAT = 'newsarchive-char-model 4';

/**
 * The counts as bytes: a JSON head line (format, characters, total, pair count), then the
 * numbers: the unigrams (64-bit floats), then the pairs' table as `PairTable` holds it.
 */
export function countsToBytes(c: CharCounts): Uint8Array {
  const table = c.pairs instanceof PairTable ? c.pairs : PairTable.of(c.pairs, c.pairs.size);
  const bytesOf = (a: Float64Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const numbers = Buffer.concat([bytesOf(c.unigrams), bytesOf(table.slots)]);
  const head = Buffer.from(`${JSON.stringify({ format: BYTES_FORMAT, chars: c.chars.join(''), total: c.total, pairs: c.pairs.size, crc: crc32(numbers) })}\n`);
  // The numbers start at a multiple of 8 bytes after the head (padded with spaces).
  const pad = (8 - (head.length % 8)) % 8;
  return Buffer.concat([head, Buffer.alloc(pad, 0x20), numbers]);
}

/** Counts kept by `countsToBytes`; null for bytes that are not (another format, cut short, altered: a checksum covers the numbers). */
export function countsFromBytes(bytes: Uint8Array): CharCounts | null {
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const newline = buf.indexOf(10);
    const head = JSON.parse(buf.toString('utf8', 0, newline)) as { format?: string; chars?: string; total?: number; pairs?: number; crc?: number };
    if (head.format !== BYTES_FORMAT || typeof head.chars !== 'string' || typeof head.total !== 'number' || !Number.isInteger(head.pairs) || typeof head.crc !== 'number') return null;
    const chars = [...head.chars];
    const n = chars.length;
    const slots = 2 << pairTableBits(head.pairs!);
    const start = newline + 1 + ((8 - ((newline + 1) % 8)) % 8);
    if (buf.length !== start + 8 * n + 4 * slots || crc32(buf.subarray(start)) !== head.crc) return null;
    // Copied out: typed arrays need their own aligned buffer.
    const numbers = buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length);
    return { chars, unigrams: new Float64Array(numbers, 0, n), total: head.total, pairs: new PairTable(head.pairs!, new Uint32Array(numbers, 8 * n, slots)) };
  } catch {
    return null;
  }
}

/** The model over counted (or kept) counts. */
export function charModelFrom({ chars, unigrams, total, pairs }: CharCounts): CharModel {
  const ids = new Map(chars.map((ch, i) => [ch, i]));
  const unigramCache = new Map<string, number>();
  // Any character (either script) → its id, or -1: one lookup on the hot path.
  const idCache = new Map<string, number>();
  const lookup = (ch: string): number => {
    let id = idCache.get(ch);
    if (id === undefined) {
      id = ids.get(simplifiedOf(ch)) ?? -1;
      idCache.set(ch, id);
    }
    return id;
  };
  const countOf = (ch: string): number => {
    const id = lookup(ch);
    return id < 0 ? 0 : unigrams[id]!;
  };
  const pairCount = (a: string, b: string): number => {
    const ia = lookup(a);
    const ib = lookup(b);
    return ia < 0 || ib < 0 ? 0 : (pairs.get(ia * 65536 + ib) ?? 0);
  };
  const unigram = (ch: string): number => {
    let c = unigramCache.get(ch);
    if (c === undefined) {
      if (isHan(ch)) {
        const n = countOf(ch);
        c = n > 0 ? Math.min(UNSEEN_HAN, -Math.log2(n / total)) : UNSEEN_HAN;
      } else if (ch.charCodeAt(0) < 0x80) c = ASCII_COST;
      else if (COMMON_PUNCT.has(ch)) c = COMMON_PUNCT_COST;
      else c = OTHER_SYMBOL_COST;
      unigramCache.set(ch, c);
    }
    return c;
  };
  return {
    unigram,
    pairCount,
    cost(prev, ch, prior) {
      // Only characters of the dictionary (all Han) have pairs.
      const ia = prev ? lookup(prev) : -1;
      const ib = ia >= 0 ? lookup(ch) : -1;
      if (ib < 0) return unigram(ch);
      const p1 = unigrams[ib]! / total;
      const inWord = (pairs.get(ia * 65536 + ib) ?? 0) / unigrams[ia]!;
      let inCorpus = 0;
      if (prior) {
        // The pair first: when the corpus has not seen it, its context's count does not matter
        // and is not asked. A record keeps the prior's answers to the questions its repairs asked
        // (src/build/prior-sample.ts), and the fewer counts of common characters among them, the
        // more records stay valid when another article of the corpus changes.
        const pair = prior.count(prev! + ch);
        if (pair > 0) {
          const left = prior.count(prev!);
          if (left > 0) inCorpus = Math.min(1, pair / left);
        }
      }
      const p = PAIR_WEIGHT * inWord + PRIOR_WEIGHT * inCorpus + (1 - PAIR_WEIGHT - PRIOR_WEIGHT) * p1;
      return p > 0 ? Math.min(unigram(ch), -Math.log2(p)) : unigram(ch);
    },
  };
}
