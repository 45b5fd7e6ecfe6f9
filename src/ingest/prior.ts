import { crc32 } from 'node:zlib';
import { toSimplified } from '../text/script.ts';

/**
 * Character n-gram counts (n = 1..3, Simplified) from the corpus being built: the "evidence
 * from the corpus" a repair may use to choose between candidates it cannot decide from the
 * bytes. Built at the edge (the pipeline), passed to stages as data.
 */
export interface NgramPrior {
  count(ngram: string): number;
  /** Number of characters counted. */
  total: number;
}

const HAN = /\p{Script=Han}/u;
const QUOTE = /[“”"「」]/;

/** The prior's counting rule: n-grams start at Han characters and quotes (a text's "prior characters"). */
export function isPriorChar(c: string): boolean {
  return HAN.test(c) || QUOTE.test(c);
}

/**
 * Whether each BMP code point is a prior character (see `isPriorChar`): 0 not yet known, 1 no,
 * 2 yes. The prior is built over millions of characters; a table read costs far less than a
 * Unicode property test per character.
 */
const PRIOR_BMP = new Uint8Array(0x10000);

function isPriorCodePoint(cp: number): boolean {
  if (cp > 0xffff) return isPriorChar(String.fromCodePoint(cp));
  let v = PRIOR_BMP[cp]!;
  if (v === 0) PRIOR_BMP[cp] = v = isPriorChar(String.fromCharCode(cp)) ? 2 : 1;
  return v === 2;
}

/**
 * Adds the 1-, 2- and 3-grams of `text` (in Simplified) that start at a prior character to
 * `counts`; returns how many prior characters the text has. The one counting rule of the prior,
 * of a document's own counts (which a repair takes out of it) and of the prior's sample size.
 * Grams are whole code points, read off the text by index (no array of characters is made).
 */
export function countPriorGrams(text: string, counts: Map<string, number> | null): number {
  if (!counts) return countPriorChars(text);
  const s = toSimplified(text);
  const width = (i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);
  let n = 0;
  for (let i = 0; i < s.length; i += width(i)) {
    if (!isPriorCodePoint(s.codePointAt(i)!)) continue;
    n++;
    if (!counts) continue;
    for (let k = 0, j = i; k < 3 && j < s.length; k++) {
      j += width(j);
      const gram = s.slice(i, j);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return n;
}

/**
 * How many prior characters `text` has in Simplified, counted on the text as it is: the t→cn
 * converter maps every prior character to exactly one prior character and every other to
 * others (each of its dictionary entries keeps length and kind, checked over the installed
 * dictionaries in tests/unit/prior.test.ts), so converting first, a millisecond per article,
 * would change nothing. This is the sample size a build reads for every text it decodes.
 */
function countPriorChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (isPriorCodePoint(cp)) n++;
    i += cp > 0xffff ? 2 : 1;
  }
  return n;
}

/**
 * A prior's counts (Simplified n-gram → count): a `Map` as counted, a `PackedGrams` read back
 * from where a build keeps priors, or either with a change of sample applied (src/build/prior-sample.ts).
 */
export interface GramCounts extends Iterable<[string, number]> {
  get(gram: string): number | undefined;
}

/** A prior's counts as data, and its total: what a build can keep. */
export interface PriorTable {
  counts: GramCounts;
  total: number;
}

/** The counts of the leading texts, up to the cap: memory stays flat on very large archives. */
export function countNgrams(texts: Iterable<string>, maxChars = 4_000_000): PriorTable {
  const counts = new Map<string, number>();
  let total = 0;
  for (const raw of texts) {
    if (total >= maxChars) break;
    total += countPriorGrams(raw, counts);
  }
  return { counts, total };
}

/** The prior that answers from a table. */
export function priorOf({ counts, total }: PriorTable): NgramPrior {
  return { count: (g) => counts.get(toSimplified(g)) ?? 0, total };
}

/** Caps the text sampled so memory stays flat on very large archives. */
export function buildNgramPrior(texts: Iterable<string>, maxChars = 4_000_000): NgramPrior {
  return priorOf(countNgrams(texts, maxChars));
}

export const EMPTY_PRIOR: NgramPrior = { count: () => 0, total: 0 };

/**
 * A prior's counts as bytes, and read back as they are: an open-addressing table of typed arrays
 * over one string of the n-grams, with a checksum. A prior of real text has millions of n-grams:
 * kept as JSON and made into a `Map`, reading one took a rebuild a second or more and as much heap
 * again as the table; this is read in the time of reading the file, and answers from it.
 */
const PACKED_FORMAT = 'newsarchive-prior 1';

/** FNV-1a over UTF-16 units: where an n-gram's search starts. */
function gramHash(gram: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < gram.length; i++) h = Math.imul(h ^ gram.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class PackedGrams implements GramCounts {
  /** Slot → 1 + where its n-gram starts in `keys` (its length, then its units); 0: empty. */
  readonly #slots: Uint32Array;
  readonly #counts: Uint32Array;
  readonly #keys: string;
  constructor(slots: Uint32Array, counts: Uint32Array, keys: string) {
    this.#slots = slots;
    this.#counts = counts;
    this.#keys = keys;
  }
  get(gram: string): number | undefined {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let at = gramHash(gram) & mask; slots[at] !== 0; at = (at + 1) & mask) {
      const off = slots[at]! - 1;
      if (this.#keys.charCodeAt(off) === gram.length && this.#keys.startsWith(gram, off + 1)) return this.#counts[at];
    }
    return undefined;
  }
  *[Symbol.iterator](): Iterator<[string, number]> {
    for (let at = 0; at < this.#slots.length; at++) {
      const o = this.#slots[at]!;
      if (o !== 0) yield [this.#keys.substr(o, this.#keys.charCodeAt(o - 1)), this.#counts[at]!];
    }
  }
}

/** A prior as bytes (see `PackedGrams`); throws for a count it cannot hold (not a whole number below 2³²). */
export function packPrior(table: PriorTable): Uint8Array {
  let size = 0;
  for (const _ of table.counts) size++;
  const bits = Math.max(4, Math.ceil(Math.log2(size * 2 + 1)));
  const slots = new Uint32Array(1 << bits);
  const counts = new Uint32Array(1 << bits);
  const mask = slots.length - 1;
  // The n-grams, each after its length, as UTF-16 units (grown as needed).
  let keys = new Uint16Array(size * 4 + 16);
  let units = 0;
  for (const [gram, count] of table.counts) {
    if (!(Number.isInteger(count) && count > 0 && count < 2 ** 32) || gram.length === 0 || gram.length > 0xffff) throw new RangeError(`prior entry ${gram} ${count} cannot be kept`);
    let at = gramHash(gram) & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    if (units + gram.length + 1 > keys.length) {
      const grown = new Uint16Array(keys.length * 2 + gram.length + 1);
      grown.set(keys);
      keys = grown;
    }
    slots[at] = units + 1;
    counts[at] = count;
    keys[units++] = gram.length;
    for (let i = 0; i < gram.length; i++) keys[units++] = gram.charCodeAt(i);
  }
  const body = Buffer.concat([Buffer.from(slots.buffer), Buffer.from(counts.buffer), Buffer.from(keys.buffer, 0, 2 * units)]);
  const head = JSON.stringify({ format: PACKED_FORMAT, total: table.total, size, bits, keyUnits: units, crc: crc32(body) });
  // The numbers start at a multiple of 4 bytes after the head line (padded with spaces).
  const line = `${head}${' '.repeat((4 - ((Buffer.byteLength(head) + 1) % 4)) % 4)}\n`;
  return Buffer.concat([Buffer.from(line), body]);
}

/** The prior `packPrior` packed; null for bytes that are not one (another format, cut short, altered). */
export function unpackPrior(bytes: Uint8Array): PriorTable | null {
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const newline = buf.indexOf(10);
    const head = JSON.parse(buf.toString('utf8', 0, newline)) as { format?: unknown; total?: unknown; size?: unknown; bits?: unknown; keyUnits?: unknown; crc?: unknown };
    const { total, bits, keyUnits, crc } = head;
    if (head.format !== PACKED_FORMAT || !Number.isInteger(total) || !Number.isInteger(bits) || !Number.isInteger(keyUnits) || typeof crc !== 'number') return null;
    const start = newline + 1;
    const n = 1 << (bits as number);
    if (start % 4 !== 0 || buf.length !== start + 8 * n + 2 * (keyUnits as number)) return null;
    const body = buf.subarray(start);
    if (crc32(body) !== crc) return null;
    // Typed arrays need aligned bytes: a view where the file's bytes are aligned, else a copy.
    const aligned = (buf.byteOffset + start) % 4 === 0 ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    const at = (buf.byteOffset + start) % 4 === 0 ? buf.byteOffset + start : start;
    const slots = new Uint32Array(aligned, at, n);
    const counts = new Uint32Array(aligned, at + 4 * n, n);
    return { total: total as number, counts: new PackedGrams(slots, counts, body.toString('utf16le', 8 * n)) };
  } catch {
    return null;
  }
}
