import { pinyin } from 'pinyin-pro';
import { toSimplified } from '../../text/script.ts';

/**
 * Hanyu Pinyin knowledge shared by the gloss stripper and the GBK realigner: the closed set of
 * toned syllables, and the readings of a character (Traditional characters via t→cn, since
 * pinyin-pro knows Simplified forms best).
 */

const readingCache = new Map<string, string[]>();

/** Every reading pinyin-pro knows for `char` or its Simplified form, with tone marks. */
export function readingsOf(char: string): string[] {
  const cached = readingCache.get(char);
  if (cached) return cached;
  const forms = new Set([char, toSimplified(char)]);
  const readings = new Set<string>();
  for (const form of forms) {
    if (!/^\p{Script=Han}$/u.test(form)) continue;
    for (const r of pinyin(form, { multiple: true, type: 'array', toneType: 'symbol' })) {
      if (r) readings.add(r.normalize('NFC'));
    }
  }
  const out = [...readings];
  readingCache.set(char, out);
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
  if (inventory) return inventory;
  const set = new Set<string>();
  let block = '';
  for (let cp = 0x4e00; cp <= 0x9fa5; cp++) block += String.fromCodePoint(cp);
  for (const r of pinyin(block, { type: 'array', toneType: 'symbol' })) {
    if (r && /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(r)) set.add(r.normalize('NFC'));
  }
  inventory = set;
  return set;
}

const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

/** A single toned Hanyu Pinyin syllable from the closed inventory. */
export function isTonedSyllable(s: string): boolean {
  const n = s.normalize('NFC');
  return TONE_MARK.test(n) && tonedSyllables().has(n);
}
