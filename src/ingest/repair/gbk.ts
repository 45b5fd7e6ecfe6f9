import { toSimplified, toTraditional } from '../../text/script.ts';
import { keptTable } from './kept.ts';

/**
 * GBK byte-level helpers for the byte-shift realigner: a decode table of every two-byte pair,
 * its inverse (encoding), and a rarity cost that comes from the encoding itself (GB2312 level 1
 * is the common block; level 2 and the GBK extension are rare).
 *
 * The WHATWG `gbk` decoder (= gb18030) is used for the table. It maps the user-defined areas to
 * the Private Use Area; those pairs are treated as invalid, since no real text contains them.
 */

let pairTable: (string | null)[] | undefined;
let encodeTable: Map<string, number> | undefined;
/** Private Use Area characters the decoder gives for user-defined pairs: mojibake can show them. */
let puaTable: Map<string, number> | undefined;
let puaCodes: Map<number, number> | undefined;

function buildTables(): void {
  const decoder = new TextDecoder('gbk');
  pairTable = new Array(0x10000).fill(null);
  encodeTable = new Map();
  puaTable = new Map();
  puaCodes = new Map();
  const buf = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      buf[0] = lead;
      buf[1] = trail;
      const s = decoder.decode(buf);
      if (s.length !== 1) continue;
      const cp = s.charCodeAt(0);
      const code = (lead << 8) | trail;
      if (cp >= 0xe000 && cp <= 0xf8ff) {
        if (!puaTable.has(s)) puaTable.set(s, code);
        puaCodes.set(code, cp);
        continue;
      }
      if (cp === 0xfffd || cp < 0x80) continue;
      pairTable[code] = s;
      if (!encodeTable.has(s)) encodeTable.set(s, code);
    }
  }
}

/** The character a GBK lead+trail pair decodes to, or null (invalid, unassigned or PUA). */
export function decodePair(lead: number, trail: number): string | null {
  if (!pairTable) buildTables();
  if (lead < 0x81 || lead > 0xfe || trail < 0x40 || trail > 0xfe) return null;
  return pairTable![(lead << 8) | trail] ?? null;
}

/**
 * The Private Use Area character of a user-defined pair, or null. Only a literal reading (both
 * bytes known) may contain one: a repair never puts one back.
 */
export function decodeUserDefinedPair(lead: number, trail: number): string | null {
  if (!puaCodes) buildTables();
  const cp = puaCodes!.get((lead << 8) | trail);
  return cp === undefined ? null : String.fromCharCode(cp);
}

/**
 * GBK bytes of one character (1 byte for ASCII), or null when GBK cannot encode it. A Private
 * Use Area character is encoded to its user-defined pair: a shifted pairing can land there, and
 * the realigner must be able to re-read those bytes (decodePair still refuses them).
 */
export function encodeChar(ch: string): number[] | null {
  if (!encodeTable) buildTables();
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return [cp];
  const code = encodeTable!.get(ch) ?? puaTable!.get(ch);
  return code === undefined ? null : [code >> 8, code & 0xff];
}

export function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/** Every trail byte that forms a valid pair with `lead` (and the other way round). */
export function trailsOf(lead: number): number[] {
  const out: number[] = [];
  for (let t = 0x40; t <= 0xfe; t++) if (decodePair(lead, t)) out.push(t);
  return out;
}
export function leadsOf(trail: number): number[] {
  const out: number[] = [];
  for (let l = 0x81; l <= 0xfe; l++) if (decodePair(l, trail)) out.push(l);
  return out;
}

const HAN = /^\p{Script=Han}$/u;
const simpCache = new Map<string, string>();
const simpOnlyCache = new Map<string, boolean>();

const hanCache = new Map<string, boolean>();
export function isHan(ch: string): boolean {
  // Han starts at U+2E80 (radicals); below it nothing is, and the cache spares the Unicode
  // property test on the hot paths of the realigner.
  if (ch.charCodeAt(0) < 0x2e80) return false;
  let v = hanCache.get(ch);
  if (v === undefined) {
    v = HAN.test(ch);
    hanCache.set(ch, v);
  }
  return v;
}

/** t→cn of one character, cached (OpenCC is slow per call). */
export function simplifiedOf(ch: string): string {
  let s = simpCache.get(ch);
  if (s === undefined) {
    const kept = ch.length === 1 ? keptScriptTable()?.simplified[ch.charCodeAt(0)] : 0;
    if (kept) s = String.fromCharCode(kept);
    else {
      s = toSimplified(ch);
      if ([...s].length !== 1) s = ch;
    }
    simpCache.set(ch, s);
  }
  return s;
}

/**
 * What the realigner asks of every character of every article, once per character: which
 * script only uses it, as bits per BMP code point (0: not yet asked). A typed array read instead
 * of the string-keyed caches and script conversions behind it, on the linear scans that look at
 * each character (`documentScript`, `findSignals`). Characters beyond the BMP take the caches.
 */
const SCRIPT_FACTS = new Uint8Array(0x10000);
const KNOWN = 1;
export const SIMPLIFIED_ONLY = 2;
export const TRADITIONAL_ONLY = 4;

function scriptFactsOfChar(ch: string): number {
  if (!isHan(ch)) return KNOWN;
  if (simplifiedOf(ch) !== ch) return KNOWN | TRADITIONAL_ONLY;
  let v = simpOnlyCache.get(ch);
  if (v === undefined) simpOnlyCache.set(ch, (v = toTraditional(ch) !== ch));
  return v ? KNOWN | SIMPLIFIED_ONLY : KNOWN;
}

/** `SIMPLIFIED_ONLY` and `TRADITIONAL_ONLY` bits of the BMP character `code`. */
export function scriptFactsOfCode(code: number): number {
  let f = SCRIPT_FACTS[code]!;
  if (f === 0) f = keptScriptTable()?.facts[code] || scriptFactsOfChar(String.fromCharCode(code));
  SCRIPT_FACTS[code] = f;
  return f;
}

/**
 * Script facts and t→cn of every Han character of the BMP, asked of OpenCC at once and kept
 * between processes (src/ingest/repair/kept.ts): a process that repairs one article asks for
 * a few thousand characters, each a first call into OpenCC. Zero where a code is not Han (or its
 * Simplified form is not one BMP character): those are answered as before.
 */
interface ScriptTable {
  facts: Uint8Array;
  simplified: Uint16Array;
}
const SCRIPT_TABLE_FORMAT = 'newsarchive-script-table 1\n';
let scriptTable: ScriptTable | null = null;

function keptScriptTable(): ScriptTable | null {
  scriptTable ??= keptTable('script-table', { parse: scriptTableFromBytes, bytes: scriptTableToBytes }, scriptTableOfOpenCC);
  return scriptTable;
}

function scriptTableOfOpenCC(): ScriptTable {
  const facts = new Uint8Array(0x10000);
  const simplified = new Uint16Array(0x10000);
  for (let code = 0x2e80; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates: not characters alone
    const ch = String.fromCharCode(code);
    if (!isHan(ch)) continue;
    facts[code] = scriptFactsOfChar(ch);
    const s = simplifiedOf(ch);
    if (s.length === 1) simplified[code] = s.charCodeAt(0);
  }
  return { facts, simplified };
}

function scriptTableToBytes(t: ScriptTable): Uint8Array {
  const head = Buffer.from(SCRIPT_TABLE_FORMAT);
  return Buffer.concat([head, Buffer.from(t.facts.buffer, t.facts.byteOffset, t.facts.byteLength), Buffer.from(t.simplified.buffer, t.simplified.byteOffset, t.simplified.byteLength)]);
}

function scriptTableFromBytes(bytes: Uint8Array): ScriptTable | null {
  const head = Buffer.from(SCRIPT_TABLE_FORMAT);
  if (bytes.length !== head.length + 3 * 0x10000 || !Buffer.from(bytes.buffer, bytes.byteOffset, head.length).equals(head)) return null;
  const facts = bytes.slice(head.length, head.length + 0x10000);
  // Copied out: a Uint16Array needs its own aligned buffer.
  const simplified = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + head.length + 0x10000, bytes.byteOffset + bytes.length));
  // Only the bits that facts have, and a fact for every code a Simplified form is given for.
  for (let code = 0; code < 0x10000; code++) if (facts[code]! & ~(KNOWN | SIMPLIFIED_ONLY | TRADITIONAL_ONLY) || (simplified[code] !== 0 && facts[code] === 0)) return null;
  return { facts, simplified };
}

/** `SIMPLIFIED_ONLY` and `TRADITIONAL_ONLY` bits of the character `ch` (any plane). */
export function scriptFactsOf(ch: string): number {
  return ch.length === 1 ? scriptFactsOfCode(ch.charCodeAt(0)) : scriptFactsOfChar(ch);
}

/** A character only Simplified text uses (钡, 绱): cn→t changes it and t→cn leaves it. */
export function isSimplifiedOnly(ch: string): boolean {
  return (scriptFactsOf(ch) & SIMPLIFIED_ONLY) !== 0;
}

export function isTraditionalOnly(ch: string): boolean {
  return (scriptFactsOf(ch) & TRADITIONAL_ONLY) !== 0;
}

/** Punctuation of GBK row A1 that ordinary prose uses. */
const COMMON_PUNCT = new Set([...'、。“”‘’《》「」『』〈〉【】〔〕…—·～']);

export const RARITY = { common: 0, punct: 0.3, level2: 3, ext: 5, symbol: 5 } as const;

const rarityCache = new Map<string, number>();
const RARITY_BMP = new Float64Array(0x10000).fill(Number.NaN);

/**
 * How unlikely a non-ASCII character is in prose, from its GBK code after t→cn: GB2312 level 1
 * (B0A1–D7F9) costs nothing, level 2 (D8A1–F7FE) a little, the GBK extension and symbol rows a
 * lot. This is the encoding's own frequency ranking; no word list is involved.
 */
export function rarityCost(ch: string): number {
  // A BMP character's cost is read from a table (NaN: not yet known), others from a map.
  const bmp = ch.length === 1;
  const cached = bmp ? RARITY_BMP[ch.charCodeAt(0)]! : rarityCache.get(ch);
  if (cached !== undefined && !Number.isNaN(cached)) return cached;
  let cost: number;
  const cp = ch.codePointAt(0)!;
  if (COMMON_PUNCT.has(ch)) cost = RARITY.punct;
  else if (cp >= 0xe000 && cp <= 0xf8ff)
    cost = RARITY.symbol + 1; // user-defined: never prose
  else if (isHan(ch)) {
    const bytes = encodeChar(simplifiedOf(ch)) ?? encodeChar(ch);
    if (bytes?.length !== 2) cost = RARITY.ext;
    else {
      const [lead, trail] = bytes as [number, number];
      if (trail >= 0xa1 && lead >= 0xb0 && lead <= 0xd7) cost = RARITY.common;
      else if (trail >= 0xa1 && lead >= 0xd8 && lead <= 0xf7) cost = RARITY.level2;
      else cost = RARITY.ext;
    }
  } else {
    const bytes = encodeChar(ch);
    if (!bytes) cost = RARITY.symbol + 1;
    else if (bytes.length === 1) cost = 0;
    else if (bytes[0] === 0xa3)
      cost = RARITY.punct; // full-width ASCII: folded back to ASCII
    else if (bytes[0] === 0xa1) cost = 2;
    else cost = RARITY.symbol;
  }
  if (bmp) RARITY_BMP[ch.charCodeAt(0)] = cost;
  else rarityCache.set(ch, cost);
  return cost;
}
