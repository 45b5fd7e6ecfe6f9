import { foldFullwidthText } from '../text/width.ts';
import iconv from 'iconv-lite';
import { pinyin } from 'pinyin-pro';
import { toSimplified, toTraditional } from '../text/script.ts';

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
  /** Keep the text in its own script (no s2t): damage on Simplified text. */
  keepScript?: boolean;
  /**
   * Lead bytes lost at random characters after glossing, as real GBK streams suffer them (a
   * truncated buffer, a bad copy): `drop` removes the byte, `question` replaces it with `?`,
   * `mixed` picks one per event. Default none.
   */
  lostLeads?: number;
  lossKind?: 'drop' | 'question' | 'mixed';
}

/** One byte-level event a repair should undo, at a character of `truth.original`. */
export interface ByteEvent {
  /** Code point index of the hit character in `truth.original`. */
  at: number;
  kind: 'drop' | 'question' | 'straddle-gloss' | 'a3a1';
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
  /** Every byte event, in text order: lost leads, straddling glosses, A3|A1 straddles. */
  events: ByteEvent[];
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
export const toDbc = foldFullwidthText;

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
export function chooseTable(traditional: string, size: number, random: () => number, anyHan = false): Map<string, string> {
  const freq = new Map<string, number>();
  for (const ch of traditional) if (isHan(ch)) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  const keyed: Array<[string, number]> = [];
  for (const [ch, n] of [...freq].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Shared or Simplified-only: not in the farm's table of Traditional text. On Simplified text
    // (`anyHan`) every character may be annotated.
    if (!anyHan && toSimplified(ch) === ch) continue;
    if (iconv.encode(ch, 'gbk').length !== 2) continue;
    keyed.push([ch, random() ** (1 / n)]);
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

/**
 * The byte-level `str_replace` of one table character, keeping track of which character of the
 * original each byte belongs to (-1 for inserted bytes). Returns the code point indexes of the
 * characters a gloss split in two (inserted between the lead and trail bytes of a character).
 */
function glossBytes(bytes: number[], owners: number[], needle: Buffer, suffix: Buffer): { bytes: number[]; owners: number[]; count: number; split: number[] } {
  const out: number[] = [];
  const own: number[] = [];
  const split: number[] = [];
  let count = 0;
  let i = 0;
  while (i < bytes.length) {
    if (i + 1 < bytes.length && bytes[i] === needle[0] && bytes[i + 1] === needle[1]) {
      out.push(bytes[i]!, bytes[i + 1]!);
      own.push(owners[i]!, owners[i + 1]!);
      for (const b of suffix) {
        out.push(b);
        own.push(-1);
      }
      // The gloss lands inside a character when the byte after it belongs to the same one.
      if (i + 2 < bytes.length && owners[i + 2]! >= 0 && owners[i + 2] === owners[i + 1]) split.push(owners[i + 2]!);
      count++;
      i += 2;
    } else {
      out.push(bytes[i]!);
      own.push(owners[i]!);
      i++;
    }
  }
  return { bytes: out, owners: own, count, split };
}

/** Applies the forward model to one document. */
export function damageText(cleanSimplified: string, seed: number, options: DamageOptions = {}): DamageResult {
  const random = mulberry32(seed);
  const original = options.traditional || options.keepScript ? cleanSimplified : toTraditional(cleanSimplified);
  const table = options.table ? new Map(tableEntries(options.table)) : chooseTable(original, options.tableSize ?? 50, random, !!options.keepScript);
  const straddleDamage: StraddleDamage = options.straddle ?? (random() < 0.5 ? 'question' : 'drop');

  const encoded = encodeGbk(original);
  const straddles = findA3A1Straddles(original);
  // Which character each byte belongs to, through every step.
  let owners: number[] = [];
  [...original].forEach((ch, k) => {
    const n = iconv.encode(ch, 'gbk').length;
    for (let j = 0; j < n; j++) owners.push(k);
  });
  const events: ByteEvent[] = [];
  let bytes: number[] = [];
  {
    const hit = new Set(straddleDamage === 'none' ? [] : straddles);
    const own: number[] = [];
    encoded.bytes.forEach((b, i) => {
      if (hit.has(i)) {
        events.push({ at: owners[i]!, kind: 'a3a1' });
        if (straddleDamage === 'drop') return;
        b = 0x3f;
      }
      bytes.push(b);
      own.push(owners[i]!);
    });
    owners = own;
  }

  const entries: GlossEntry[] = [...table]
    .map(([char, reading]) => ({ char, reading: reading.normalize('NFC'), gbk: gbkHex(iconv.encode(char, 'gbk')) }))
    .sort((a, b) => (a.gbk < b.gbk ? -1 : a.gbk > b.gbk ? 1 : 0));
  if (options.order === 'descending') entries.reverse();

  let insertions = 0;
  for (const e of entries) {
    const gloss = `(${e.reading})`;
    const suffix = iconv.encode((options.doubleGloss ? gloss + gloss : gloss) + (options.spaceAfterGloss ? ' ' : ''), 'gbk');
    const r = glossBytes(bytes, owners, Buffer.from(e.gbk, 'hex'), suffix);
    bytes = r.bytes;
    owners = r.owners;
    insertions += r.count;
    for (const at of r.split) events.push({ at, kind: 'straddle-gloss' });
  }

  // Lead bytes lost at random characters, at least two characters apart from other events.
  const lost = options.lostLeads ?? 0;
  if (lost > 0) {
    const leads: number[] = [];
    for (let i = 0; i < bytes.length; i++) if (owners[i]! >= 0 && bytes[i]! >= 0x81 && owners[i - 1] !== owners[i]) leads.push(i);
    const taken = new Set(events.map((e) => e.at));
    const chosen = new Map<number, 'drop' | 'question'>();
    for (let tries = 0; chosen.size < lost && tries < lost * 50 && leads.length > 0; tries++) {
      const i = leads[Math.floor(random() * leads.length)]!;
      const at = owners[i]!;
      if ([-2, -1, 0, 1, 2].some((d) => taken.has(at + d))) continue;
      const kind = options.lossKind === 'question' ? 'question' : options.lossKind === 'drop' || options.lossKind === undefined ? 'drop' : random() < 0.5 ? 'drop' : 'question';
      chosen.set(i, kind);
      taken.add(at);
      events.push({ at, kind });
    }
    const out: number[] = [];
    bytes.forEach((b, i) => {
      const kind = chosen.get(i);
      if (kind === 'drop') return;
      out.push(kind === 'question' ? 0x3f : b);
    });
    bytes = out;
  }
  events.sort((a, b) => a.at - b.at);

  const damaged = toDbc(decodeGbkPairConsuming(Buffer.from(bytes)));
  return {
    damaged,
    truth: { original, table: entries, straddles, straddleDamage, insertions, unencodable: encoded.unencodable, events },
  };
}
