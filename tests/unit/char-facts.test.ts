import { describe, expect, it } from 'vitest';
import { alignedSimplified } from '../../src/ingest/extract/official-grammar.ts';
import { isSimplifiedOnly, isTraditionalOnly, rarityCost, RARITY } from '../../src/ingest/repair/gbk.ts';
import { toSimplified, toTraditional } from '../../src/text/script.ts';

/**
 * The per-character facts the realigner reads from tables (src/ingest/repair/gbk.ts) and the
 * Simplified rendering that returns a line unchanged (official-grammar.ts): the same answers as
 * the conversions they stand for, asked twice (the second answer comes from the table), for
 * characters inside and outside the BMP.
 */
describe('per-character facts', () => {
  const cases: Array<[string, string, { simplifiedOnly: boolean; traditionalOnly: boolean }]> = [
    ['a Simplified-only character', '钡', { simplifiedOnly: true, traditionalOnly: false }],
    ['a Traditional-only character', '鄉', { simplifiedOnly: false, traditionalOnly: true }],
    ['a character both scripts share', '中', { simplifiedOnly: false, traditionalOnly: false }],
    ['ASCII', 'a', { simplifiedOnly: false, traditionalOnly: false }],
    ['punctuation', '。', { simplifiedOnly: false, traditionalOnly: false }],
    ['a Han character outside the BMP', '𠀀', { simplifiedOnly: false, traditionalOnly: false }],
    ['a lone surrogate', '\ud840', { simplifiedOnly: false, traditionalOnly: false }],
  ];
  it.each(cases)('%s (%s)', (_, ch, want) => {
    for (let ask = 0; ask < 2; ask++) {
      expect({ simplifiedOnly: isSimplifiedOnly(ch), traditionalOnly: isTraditionalOnly(ch) }).toEqual(want);
    }
  });

  it('agrees with the converters on a block of characters', () => {
    for (let code = 0x4e00; code < 0x4e00 + 3000; code++) {
      const ch = String.fromCharCode(code);
      const s = toSimplified(ch);
      expect(isTraditionalOnly(ch), ch).toBe(s !== ch);
      expect(isSimplifiedOnly(ch), ch).toBe(s === ch && toTraditional(ch) !== ch);
    }
  });

  it.each([
    ['GB2312 level 1', '中', RARITY.common],
    ['GB2312 level 2', '亳', RARITY.level2],
    ['common punctuation', '。', RARITY.punct],
    ['ASCII', 'a', 0],
    ['outside the BMP', '𠀀', RARITY.ext],
    ['a Private Use Area character', '\ue000', RARITY.symbol + 1],
  ])('rarity of %s, asked twice', (_, ch, cost) => {
    expect(rarityCost(ch)).toBe(cost);
    expect(rarityCost(ch)).toBe(cost);
  });
});

describe('alignedSimplified', () => {
  it.each([
    ['a Simplified line is returned as it is', '市委书记刘烁在萍乡调研。'],
    ['a Traditional line is converted character by character', '市委書記劉爍在萍鄉調研。'],
    ['a line with a character outside the BMP', '𠀀劉偉書記'],
    ['ASCII and digits', 'abc 123'],
    ['empty', ''],
  ])('%s', (_, line) => {
    const out = alignedSimplified(line);
    expect(out.length).toBe(line.length);
    const byChar = [...line].map((ch) => {
      const t = /\p{Script=Han}/u.test(ch) ? toSimplified(ch) : ch;
      return t.length === ch.length ? t : ch;
    });
    expect(out).toBe(byChar.join(''));
  });
});
