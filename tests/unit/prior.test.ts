import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { buildNgramPrior, countPriorGrams } from '../../src/ingest/prior.ts';

const grams = (text: string) => {
  const counts = new Map<string, number>();
  const n = countPriorGrams(text, counts);
  return { n, counts: Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
};

describe('countPriorGrams: 1- to 3-grams that start at a Han character or a quote, in Simplified', () => {
  const cases: Array<[string, string, ReturnType<typeof grams>]> = [
    ['empty text', '', { n: 0, counts: {} }],
    ['no prior character', 'abc 123, .', { n: 0, counts: {} }],
    ['grams run past the text end', '会议', { n: 2, counts: { 会: 1, 会议: 1, 议: 1 } }],
    ['Traditional is counted as Simplified', '會議', { n: 2, counts: { 会: 1, 会议: 1, 议: 1 } }],
    ['grams may end on other characters', '会,x', { n: 1, counts: { 会: 1, '会,': 1, '会,x': 1 } }],
    ['quotes start grams too', '“好”', { n: 3, counts: { '“': 1, '“好': 1, '“好”': 1, 好: 1, '好”': 1, '”': 1 } }],
    ['a character outside the BMP is one character', '𠀀会', { n: 2, counts: { 𠀀: 1, 𠀀会: 1, 会: 1 } }],
    ['a lone surrogate is one (non-Han) character', '会\ud800', { n: 1, counts: { 会: 1, '会\ud800': 1 } }],
    ['repeats add up', '好好好', { n: 3, counts: { 好: 3, 好好: 2, 好好好: 1 } }],
  ];
  for (const [name, text, want] of cases) it(name, () => expect(grams(text)).toEqual(want));

  it('without a map, only counts the prior characters (the sample size)', () => {
    expect(countPriorGrams('“會議”在萍鄉', null)).toBe(7);
  });

  it.each([
    ['Traditional', '「乾隆」皇帝在萍鄉經開區調研，一目瞭然；衛(wèi)生'],
    ['Simplified', '“干隆”皇帝在萍乡经开区调研，一目了然'],
    ['outside the BMP and lone surrogates', '𠀀會\ud800議\udc00x'],
    ['no prior character', 'abc 123'],
  ])('counts the same prior characters with or without a map (%s)', (_, text) => {
    expect(countPriorGrams(text, null)).toBe(countPriorGrams(text, new Map()));
  });

  it('may count without converting: every t→cn dictionary entry keeps its length and its prior characters', () => {
    // opencc-js converts {from: 't', to: 'cn'} with its `t2s` configuration (a normalization
    // chain, then a conversion chain): every dictionary string it holds, and those of the `cn`
    // locale for good measure.
    const HAN = /\p{Script=Han}/u;
    const prior = (c: string) => HAN.test(c) || /[“”"「」]/.test(c);
    const strings = (x: unknown): string[] => (Array.isArray(x) ? x.flatMap(strings) : typeof x === 'string' ? [x] : []);
    const locale = OpenCC.Locale as unknown as { configs: Record<string, Record<string, unknown>>; to: Record<string, unknown> };
    const t2s = locale.configs.t2s!;
    expect(Object.keys(t2s).sort()).toEqual(['conversionChain', 'normalizationChain']);
    let entries = 0;
    for (const dict of [...strings(t2s.normalizationChain), ...strings(t2s.conversionChain), ...strings(locale.to.cn)])
      for (const entry of dict.split('|')) {
        const [from, to] = entry.split(' ').map((x) => [...x]) as [string[], string[]];
        entries++;
        expect(to.length, entry).toBe(from.length);
        expect(to.map(prior), entry).toEqual(from.map(prior));
        expect(countPriorGrams(from.join(''), null), entry).toBe(countPriorGrams(from.join(''), new Map()));
      }
    expect(entries).toBeGreaterThan(8000);
  });

  it('the prior answers in either script, and stops at its cap', () => {
    const prior = buildNgramPrior(['会议召开', '会议结束'], 4);
    expect(prior.total).toBe(4);
    expect(prior.count('會議')).toBe(1);
    expect(prior.count('结束')).toBe(0);
  });
});
