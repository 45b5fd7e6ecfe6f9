import iconv from 'iconv-lite';
import { pinyin } from 'pinyin-pro';
import { toSimplified, toTraditional } from '../ingest/script.ts';

/**
 * The forward damage model of the content-farm family in seed-damage.md §1/§7, for synthetic
 * tests of the repair rules:
 *
 *   clean Simplified text → s2t → encode GBK (NBSP → `?`) → [lead byte lost at an A3|A1
 *   straddle] → byte-level str_replace of each table character X with X(pinyin), in ascending
 *   GBK code, blind to character boundaries → GBK decode with the pair-consuming error rule →
 *   ToDBC fold (U+FF01–FF5E → ASCII, U+3000 → space).
 *
 * Deterministic for a given seed. With the table and options of a real seed and its
 * reconstructed original it reproduces the seed byte for byte (tests/unit/damage.test.ts).
 */

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What happens to the lead byte before an A3|A1 straddle (a byte-level `！` replacement). */
export type StraddleDamage = 'question' | 'drop' | 'none';

export interface DamageOptions {
  /** Skip s2t: the input is already Traditional (e.g. a reconstructed original). */
  traditional?: boolean;
  /** The annotation table: character → reading. Default: chosen from the document. */
  table?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Table size when the table is chosen from the document (default 50). */
  tableSize?: number;
  /** Default: 'question' or 'drop', picked by the PRNG (the two variants seen in the seeds). */
  straddle?: StraddleDamage;
  /** Order in which the table is applied (the seeds prove ascending; descending is for tests). */
  order?: 'ascending' | 'descending';
  /** Variants seen on other pages of the family: `發(fā)(fā)`, and a space after `)`. */
  doubleGloss?: boolean;
  spaceAfterGloss?: boolean;
}

export interface GlossEntry {
  char: string;
  reading: string;
  /** GBK code in hex, e.g. 'b7a2'. */
  gbk: string;
}

export interface DamageTruth {
  /** The text after s2t, before any damage: what a perfect repair gives back. */
  original: string;
  /** The table in the order it was applied. */
  table: GlossEntry[];
  /** Byte offsets (in the encoded original) of the lead bytes hit at an A3|A1 straddle. */
  straddles: number[];
  straddleDamage: StraddleDamage;
  /** Number of `(pinyin)` insertions made at byte level (genuine and spurious). */
  insertions: number;
  /** Characters lost at GBK encoding (became `?`). */
  unencodable: number;
}

export interface DamageResult {
  damaged: string;
  truth: DamageTruth;
}

const gbkPairCache = new Map<number, string>();

/** One GBK pair decoded, or null when the pair is unmapped. */
function decodePair(lead: number, trail: number): string | null {
  const key = (lead << 8) | trail;
  let ch = gbkPairCache.get(key);
  if (ch === undefined) {
    ch = iconv.decode(Buffer.from([lead, trail]), 'gbk');
    gbkPairCache.set(key, ch);
  }
  return ch.length === 1 && ch !== '\ufffd' ? ch : null;
}

/**
 * GBK decoding as the old libmbfl CP936 filter does it: a lead byte followed by a byte that
 * cannot complete it is consumed together with that byte, as one `?`, when that byte is
 * printable (≥0x21); before a control byte or space only the lead byte is lost.
 */
export function decodeGbkPairConsuming(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const next = bytes[i + 1];
    if (b === 0x80 || b === 0xff || next === undefined) {
      out += '?';
      i++;
      continue;
    }
    const ch = next >= 0x40 && next !== 0x7f && next !== 0xff ? decodePair(b, next) : null;
    if (ch !== null) {
      out += ch;
      i += 2;
    } else if (next >= 0x21) {
      out += '?';
      i += 2;
    } else {
      out += '?';
      i++;
    }
  }
  return out;
}

/** U+FF01–FF5E → ASCII, U+3000 → space; nothing else (NBSP, `…`, `﹑` survive). */
export function toDbc(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** GBK bytes of `text`; characters outside GBK (NBSP) become `?`. */
export function encodeGbk(text: string): { bytes: Buffer; unencodable: number } {
  let unencodable = 0;
  const parts: Buffer[] = [];
  for (const ch of text) {
    const b = iconv.encode(ch, 'gbk');
    if (b.length === 1 && b[0] === 0x3f && ch !== '?') unencodable++;
    parts.push(b);
  }
  return { bytes: Buffer.concat(parts), unencodable };
}

/** The context-free reading the farm uses: pinyin-pro's first reading of the Simplified form. */
export function defaultReading(char: string): string {
  return pinyin(toSimplified(char), { toneType: 'symbol' }).normalize('NFC');
}

const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

function isHan(ch: string): boolean {
  return /^\p{Script=Han}$/u.test(ch);
}

/**
 * A per-document table: Traditional-only characters of the document (t2s changes them; the
 * converter's Simplified leftovers 干 后 范 are never in it), sampled by frequency without
 * replacement (Efraimidis–Spirakis keys), so common characters are nearly always in and a few
 * rare ones get in too, as in the seeds.
 */
export function chooseTable(traditional: string, size: number, random: () => number): Map<string, string> {
  const freq = new Map<string, number>();
  for (const ch of traditional) if (isHan(ch)) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  const keyed: Array<[string, number]> = [];
  for (const [ch, n] of [...freq].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (toSimplified(ch) === ch) continue; // shared or Simplified-only: not in the farm's table
    if (iconv.encode(ch, 'gbk').length !== 2) continue;
    keyed.push([ch, Math.pow(random(), 1 / n)]);
  }
  keyed.sort((a, b) => b[1] - a[1]);
  const table = new Map<string, string>();
  for (const [ch] of keyed) {
    if (table.size >= size) break;
    const reading = defaultReading(ch);
    // The farm's glosses always carry a tone mark (no neutral-tone `們(men)` in the seeds).
    if (TONE_MARK.test(reading)) table.set(ch, reading);
  }
  return table;
}

function gbkHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Byte offsets of the lead bytes of characters `..A3` directly followed by a character `A1..`. */
export function findA3A1Straddles(text: string): number[] {
  const hits: number[] = [];
  let offset = 0;
  let prev: Buffer | null = null;
  for (const ch of text) {
    const b = iconv.encode(ch, 'gbk');
    if (prev && prev.length === 2 && prev[1] === 0xa3 && b.length === 2 && b[0] === 0xa1) hits.push(offset - 2);
    offset += b.length;
    prev = b;
  }
  return hits;
}

function damageStraddles(bytes: Buffer, leads: readonly number[], how: StraddleDamage): Buffer {
  if (how === 'none' || leads.length === 0) return bytes;
  const out: number[] = [];
  const hit = new Set(leads);
  for (let i = 0; i < bytes.length; i++) {
    if (!hit.has(i)) out.push(bytes[i]!);
    else if (how === 'question') out.push(0x3f);
  }
  return Buffer.from(out);
}

/** PHP `str_replace` on a byte string: every non-overlapping match, left to right. */
export function replaceBytes(haystack: Buffer, needle: Buffer, replacement: Buffer): { bytes: Buffer; count: number } {
  const parts: Buffer[] = [];
  let from = 0;
  let count = 0;
  for (let at = haystack.indexOf(needle, 0); at >= 0; at = haystack.indexOf(needle, from)) {
    parts.push(haystack.subarray(from, at), replacement);
    from = at + needle.length;
    count++;
  }
  if (count === 0) return { bytes: haystack, count };
  parts.push(haystack.subarray(from));
  return { bytes: Buffer.concat(parts), count };
}

function tableEntries(table: ReadonlyMap<string, string> | Readonly<Record<string, string>>): Array<[string, string]> {
  return table instanceof Map ? [...table] : Object.entries(table);
}

/** Applies the forward model to one document. */
export function damageText(cleanSimplified: string, seed: number, options: DamageOptions = {}): DamageResult {
  const random = mulberry32(seed);
  const original = options.traditional ? cleanSimplified : toTraditional(cleanSimplified);
  const table = options.table ? new Map(tableEntries(options.table)) : chooseTable(original, options.tableSize ?? 50, random);
  const straddleDamage: StraddleDamage = options.straddle ?? (random() < 0.5 ? 'question' : 'drop');

  const encoded = encodeGbk(original);
  const straddles = findA3A1Straddles(original);
  let bytes = damageStraddles(encoded.bytes, straddles, straddleDamage);

  const entries: GlossEntry[] = [...table]
    .map(([char, reading]) => ({ char, reading: reading.normalize('NFC'), gbk: gbkHex(iconv.encode(char, 'gbk')) }))
    .sort((a, b) => (a.gbk < b.gbk ? -1 : a.gbk > b.gbk ? 1 : 0));
  if (options.order === 'descending') entries.reverse();

  let insertions = 0;
  for (const e of entries) {
    const gloss = `(${e.reading})`;
    const suffix = (options.doubleGloss ? gloss + gloss : gloss) + (options.spaceAfterGloss ? ' ' : '');
    const needle = Buffer.from(e.gbk, 'hex');
    const r = replaceBytes(bytes, needle, Buffer.concat([needle, iconv.encode(suffix, 'gbk')]));
    bytes = r.bytes;
    insertions += r.count;
  }

  const damaged = toDbc(decodeGbkPairConsuming(bytes));
  return {
    damaged,
    truth: { original, table: entries, straddles, straddleDamage, insertions, unencodable: encoded.unencodable },
  };
}
