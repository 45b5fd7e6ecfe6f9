import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, decodePosting, encodePosting, queryTokens, textTokens } from '../../src/browser/search-engine.ts';

describe('textTokens', () => {
  const cases: Array<[string, string, Record<string, number>]> = [
    // [rule, text, the tokens it must contain with their counts]
    ['a Han run gives its characters, pairs and triples', '经开区', { 经: 1, 开: 1, 区: 1, 经开: 1, 开区: 1, 经开区: 1 }],
    ['counts repeat occurrences', '经开区经开区', { 经开区: 2, 区经: 1, 经开: 2 }],
    ['Latin words and numbers are lower-cased words', 'GDP增长5.2%', { gdp: 1, 5: 1, 2: 1, 增长: 1 }],
    ['full-width letters and digits fold to ASCII', 'ＧＤＰ２０２３', { gdp2023: 1 }],
    ['characters outside the BMP are one character', '𠀀𠀁', { 𠀀: 1, 𠀀𠀁: 1 }],
  ];
  it.each(cases)('%s: %s', (_rule, text, expected) => {
    const tokens = textTokens(text);
    for (const [token, count] of Object.entries(expected)) expect(tokens.get(token), token).toBe(count);
  });

  const never: Array<[string, string, string[]]> = [
    // [rule, text, tokens it must not contain]
    ['n-grams never cross punctuation', '经开，开区', ['经开区', '开，', '开开']],
    ['n-grams never cross spaces or line breaks', '经开 区\n建设', ['经开区', '区建']],
    ['no token mixes Han and Latin', 'G20峰会', ['g20峰', '20峰']],
  ];
  it.each(never)('%s: %s', (_rule, text, absent) => {
    const tokens = textTokens(text);
    for (const token of absent) expect(tokens.has(token), token).toBe(false);
  });

  it('gives nothing for empty or blank text', () => {
    expect(textTokens('').size).toBe(0);
    expect(textTokens(' \n\t，。').size).toBe(0);
  });
});

describe('queryTokens', () => {
  const cases: Array<[string, string, string[]]> = [
    // [rule, query, tokens every matching page must contain]
    ['one character is itself', '经', ['经']],
    ['two characters are one pair', ' 刘烁 ', ['刘烁']],
    ['three characters are one triple: exact', '经开区', ['经开区']],
    ['longer runs need every 3-character piece', '萍乡经开区', ['萍乡经', '乡经开', '经开区']],
    ['several parts each count', '萍乡 经开区', ['萍乡', '经开区']],
    ['a quoted query reads across spaces between Han characters', '"萍乡 经开区"', ['萍乡经', '乡经开', '经开区']],
    ['curly quotes too', '“经开区”', ['经开区']],
    ['Latin words are lower-cased', 'GDP 增长', ['增长', 'gdp']],
    ['letters and digits beside Han are a word of their own', 'G20峰会', ['峰会', 'g20']],
    ['punctuation separates', '经开，开区', ['经开', '开区']],
    ['repeated tokens once', '经开 经开', ['经开']],
    ['nothing to search', ' ，。 ', []],
  ];
  it.each(cases)('%s: %s', (_rule, query, expected) => {
    expect(queryTokens(query)).toEqual(expected);
  });

  it('every query token of a text is a token of that text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('经', '开', '区', '萍', '乡', '，', ' ', 'a', '1'), { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        const tokens = textTokens(text);
        for (const t of queryTokens(text)) expect(tokens.has(t), `${t} in ${text}`).toBe(true);
      }),
    );
  });
});

describe('postings', () => {
  const cases: Array<[string, number[], number[], string]> = [
    // [rule, docs, counts, encoded]
    ['gaps in base 36', [0, 2, 48], [1, 1, 1], '0,2,1a'],
    ['a count above one after a dot', [0, 2], [3, 1], '0.3,2'],
    ['empty', [], [], ''],
  ];
  it.each(cases)('%s', (_rule, docs, counts, encoded) => {
    expect(encodePosting(docs, counts)).toBe(encoded);
    expect(decodePosting(encoded)).toEqual({ docs, counts });
  });

  it('decodes what it encodes', () => {
    const posting = fc
      .uniqueArray(fc.nat(1_000_000), { maxLength: 50 })
      .chain((docs) => fc.tuple(fc.constant([...docs].sort((a, b) => a - b)), fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: docs.length, maxLength: docs.length })));
    fc.assert(
      fc.property(posting, ([docs, counts]) => {
        expect(decodePosting(encodePosting(docs, counts))).toEqual({ docs, counts });
      }),
    );
  });
});

describe('bucketOf', () => {
  it('is stable (the browser and the build must agree) and within range', () => {
    expect([bucketOf('经开区', 1000), bucketOf('刘烁', 1000), bucketOf('gdp', 1000)]).toEqual([bucketOf('经开区', 1000), bucketOf('刘烁', 1000), bucketOf('gdp', 1000)]);
    expect(bucketOf('anything', 1)).toBe(0);
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 100_000 }), (t, n) => {
        const b = bucketOf(t, n);
        expect(Number.isInteger(b) && b >= 0 && b < n).toBe(true);
      }),
    );
  });
  it('spreads tokens over the buckets', () => {
    const counts = new Array(16).fill(0);
    for (const t of textTokens('萍乡市委书记刘烁在萍乡经济技术开发区调研工业发展和项目建设情况'.repeat(2)).keys()) counts[bucketOf(t, 16)]++;
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(10);
  });
});
