import { simplifiedOf } from './gbk.ts';
import { keptTable } from './kept.ts';
import { pinyinPro } from '../../text/pinyin-pro.ts';

/**
 * Hanyu Pinyin knowledge shared by the gloss stripper and the GBK realigner: the closed set of
 * toned syllables, and the readings of a character (Traditional characters via t→cn, since
 * pinyin-pro knows Simplified forms best).
 */

const readingCache = new Map<string, string[]>();
const HAN = /^\p{Script=Han}$/u;

/** Every reading pinyin-pro knows for `char` or its Simplified form, with tone marks. */
export function readingsOf(char: string): string[] {
  const cached = readingCache.get(char);
  if (cached) return cached;
  // t→cn of one character (a multi-character form is no Han character: it had no readings).
  const forms = new Set([char, simplifiedOf(char)]);
  const readings = new Set<string>();
  for (const form of forms) {
    if (!HAN.test(form)) continue;
    for (const r of readingsOfForm(form)) readings.add(r);
  }
  const out = [...readings];
  readingCache.set(char, out);
  return out;
}

/** pinyin-pro's readings of one Han character, normalized. */
function readingsOfForm(form: string): readonly string[] {
  const kept = keptReadings(form);
  if (kept) return kept;
  const out: string[] = [];
  for (const r of pinyinPro().pinyin(form, { multiple: true, type: 'array', toneType: 'symbol' })) if (r) out.push(r.normalize('NFC'));
  return out;
}

/** True when `syllable` is one of `char`'s readings (context-free: any reading counts). */
export function isReadingOf(char: string, syllable: string): boolean {
  return readingsOf(char).includes(syllable.normalize('NFC'));
}

let inventory: Set<string> | undefined;

/**
 * The toned syllables pinyin-pro produces over the CJK Unified Ideographs block, harvested once.
 * This is the closed inventory a gloss must come from (`wxid_news` and `www` are not in it).
 */
export function tonedSyllables(): ReadonlySet<string> {
  inventory ??= new Set(keptPinyinTable()?.toned ?? tonedOfPinyinPro());
  return inventory;
}

function tonedOfPinyinPro(): string[] {
  const set = new Set<string>();
  let block = '';
  for (let cp = 0x4e00; cp <= 0x9fa5; cp++) block += String.fromCodePoint(cp);
  for (const r of pinyinPro().pinyin(block, { type: 'array', toneType: 'symbol' })) {
    if (r && /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(r)) set.add(r.normalize('NFC'));
  }
  return [...set];
}

/**
 * pinyin-pro's answers for every Han character of the BMP, for the Simplified forms beyond it
 * that t→cn gives some of them (`readingsOf` asks for both: 𠮶 for 囉), and the toned inventory,
 * asked at once and kept between processes (src/ingest/repair/kept.ts): a process that repairs
 * one article asks for the readings of some hundreds of characters, each a first call into
 * pinyin-pro, and for the inventory (a pass over 20,902 characters); a single character asked
 * live loads pinyin-pro (70 ms and 20 MB of heap in a rebuild). Held as one line of readings per
 * character, found by code point: read back in a few milliseconds, where a JSON object of
 * 28,000 keys took 0.1 s.
 */
interface PinyinTable {
  toned: string[];
  /** BMP code point → 1 + the index of its line in `lines`; 0: not in the table. */
  lineOf: Int32Array;
  /** The same for the code points beyond the BMP. */
  astral: Map<number, number>;
  /** A character's readings, separated by spaces (an empty line: it has none). */
  lines: string[];
}
const PINYIN_TABLE_FORMAT = 'newsarchive-pinyin-table 3';
let pinyinTable: PinyinTable | null = null;

function keptPinyinTable(): PinyinTable | null {
  pinyinTable ??= keptTable('pinyin-table', { parse: pinyinTableFromBytes, bytes: pinyinTableToBytes }, buildPinyinTable);
  return pinyinTable;
}

function keptReadings(form: string): string[] | undefined {
  const t = keptPinyinTable();
  if (!t) return undefined;
  const code = form.codePointAt(0)!;
  const line = code <= 0xffff ? (form.length === 1 ? t.lineOf[code]! : 0) : form.length === 2 ? (t.astral.get(code) ?? 0) : 0;
  if (!line) return undefined;
  const readings = t.lines[line - 1]!;
  return readings ? readings.split(' ') : [];
}

function buildPinyinTable(): PinyinTable {
  const lineOf = new Int32Array(0x10000);
  const astral = new Map<number, number>();
  const lines: string[] = [];
  const forms = new Set<string>();
  for (let code = 0x2e80; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    if (!HAN.test(ch)) continue;
    forms.add(ch);
    const simplified = simplifiedOf(ch);
    if (simplified.length === 2 && simplified.codePointAt(0)! > 0xffff) forms.add(simplified);
  }
  for (const form of forms) {
    const r = readingsOfForm(form);
    // A reading with a space or line break could not be told apart: that character is asked live.
    if (r.some((x) => /[\s]/.test(x))) continue;
    lines.push(r.join(' '));
    if (form.length === 1) lineOf[form.charCodeAt(0)] = lines.length;
    else astral.set(form.codePointAt(0)!, lines.length);
  }
  return { toned: tonedOfPinyinPro(), lineOf, astral, lines };
}

/** A JSON line (format, inventory), the characters of the table, then one line of readings each. */
function pinyinTableToBytes(t: PinyinTable): Uint8Array {
  const chars = new Array<string>(t.lines.length);
  for (let code = 0; code < 0x10000; code++) if (t.lineOf[code]) chars[t.lineOf[code]! - 1] = String.fromCharCode(code);
  for (const [code, line] of t.astral) chars[line - 1] = String.fromCodePoint(code);
  return Buffer.from(`${JSON.stringify({ format: PINYIN_TABLE_FORMAT, toned: t.toned })}\n${chars.join('')}\n${t.lines.join('\n')}`);
}

function pinyinTableFromBytes(bytes: Uint8Array): PinyinTable | null {
  try {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const first = text.indexOf('\n');
    const second = text.indexOf('\n', first + 1);
    const head = JSON.parse(text.slice(0, first)) as { format?: unknown; toned?: unknown };
    if (head.format !== PINYIN_TABLE_FORMAT || !Array.isArray(head.toned) || !head.toned.every((s) => typeof s === 'string') || second < 0) return null;
    const lines = text.slice(second + 1).split('\n');
    const lineOf = new Int32Array(0x10000);
    const astral = new Map<number, number>();
    let line = 0;
    // One character each, once; a lone surrogate is no character.
    for (const c of text.slice(first + 1, second)) {
      const code = c.codePointAt(0)!;
      if ((code >= 0xd800 && code <= 0xdfff) || lineOf[code] || astral.has(code)) return null;
      if (code <= 0xffff) lineOf[code] = ++line;
      else astral.set(code, ++line);
    }
    if (lines.length !== line) return null;
    return { toned: head.toned as string[], lineOf, astral, lines };
  } catch {
    return null;
  }
}

const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

/** A single toned Hanyu Pinyin syllable from the closed inventory. */
export function isTonedSyllable(s: string): boolean {
  const n = s.normalize('NFC');
  return TONE_MARK.test(n) && tonedSyllables().has(n);
}
