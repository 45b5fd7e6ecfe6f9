import { describe, expect, it } from 'vitest';
import { decodeToken, excerptOf, shardDir, shardsOf, toSearchPairs as encodePairs, toSearchQuery as encodeQuery } from '../../src/site/bigrams.ts';

/** Tokens are characters as digits (经开 → z2055912416); the tests read them as characters. */
const readable = (s: string) => s.replace(/z\d{5,}/g, (t) => decodeToken(t));
const toSearchPairs = (text: string) => readable(encodePairs(text));
const toSearchQuery = (query: string) => readable(encodeQuery(query));

/** The words Pagefind sees: content split on whitespace. */
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Whether a phrase query's words occur consecutively in the content's words (Pagefind's exact search). */
function phraseIn(query: string, content: string): boolean {
  const q = words(query.replace(/"/g, ''));
  const c = words(content).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  return c.some((_, i) => q.every((w, j) => c[i + j] === w));
}

describe('toSearchPairs', () => {
  it('splits a run of Han characters into overlapping pairs and ends it with its last character', () => {
    expect(toSearchPairs('经开区建设')).toBe('经开 开区 区建 建设 设');
    expect(toSearchPairs('经开')).toBe('经开 开');
    expect(toSearchPairs('区')).toBe('区');
  });

  it('keeps text outside Han runs as words and restarts at punctuation', () => {
    expect(toSearchPairs('2024年GDP增长5.2%')).toBe('2024 年 GDP 增长 长 5.2%');
    expect(toSearchPairs('经开，开区')).toBe('经开 开 ， 开区 区');
    expect(toSearchPairs('标题\n正文')).toBe('标题 题\n正文 文');
  });

  it('writes each character as digits, a prefix-free code (one word for any segmenter)', () => {
    expect(encodePairs('经开区')).toBe('z2055912416 z1241609402 z09402');
    expect(encodeQuery('经开区')).toBe('"z2055912416 z1241609402"');
    expect(encodeQuery('经')).toBe('z20559');
    expect(decodeToken('z2055912416')).toBe('经开');
    // Radicals, CJK symbols counted as Han, compatibility and supplementary ideographs round-trip.
    for (const c of ['⺀', '々', '〇', '㐀', '鿿', '豈', '𠀀', '𪜀', '𰀀']) expect(decodeToken(encodePairs(c))).toBe(c);
    expect(decodeToken(encodeQuery('𠀀经'))).toBe('𠀀经');
    // A number typed as a query is not the start of any token.
    expect(encodePairs('2023年经开区').split(' ').filter((w) => w !== '2023').some((w) => w.startsWith('2023'))).toBe(false);
  });

  it('handles characters outside the BMP as one character', () => {
    expect(toSearchPairs('𠀀𠀁')).toBe('𠀀𠀁 𠀁');
  });

  it('gives an empty string for empty text', () => {
    expect(toSearchPairs('')).toBe('');
    expect(toSearchPairs('  \n ')).toBe('');
  });
});

describe('toSearchQuery', () => {
  const cases: Array<[string, string, string]> = [
    // [rule, query, what it becomes]
    ['a 2-character word stays one pair', '经开', '经开'],
    ['a 2-character word stays one pair', ' 刘烁 ', '刘烁'],
    ['3+ characters are an exact phrase of adjacent pairs', '经开区', '"经开 开区"'],
    ['3+ characters are an exact phrase of adjacent pairs', '萍乡经开区', '"萍乡 乡经 经开 开区"'],
    ['a single character is left to prefix matching', '经', '经'],
    ['a single character is left to prefix matching', '"经"', '经'],
    ['several parts: their pairs anywhere (Pagefind phrases are whole queries)', '萍乡 经开区', '萍乡 经开 开区'],
    ['several parts: their pairs anywhere (Pagefind phrases are whole queries)', 'GDP 增长', 'GDP 增长'],
    ['several parts: their pairs anywhere (Pagefind phrases are whole queries)', 'G20峰会', 'G20 峰会'],
    ['a quoted query is one phrase, across spaces between Han characters', '"萍乡 经开区"', '"萍乡 乡经 经开 开区"'],
    ['a quoted query is one phrase, across spaces between Han characters', '“经开区”', '"经开 开区"'],
    ['non-Han queries pass through', 'Pingxiang', 'Pingxiang'],
    ['non-Han queries pass through', '"open data"', '"open data"'],
  ];
  it.each(cases)('%s: %s → %s', (_rule, query, expected) => {
    expect(toSearchQuery(query)).toBe(expected);
  });

  it('matches 经开区 only in text that contains it (the phrase against the pairs)', () => {
    const q = toSearchQuery('经开区');
    expect(phraseIn(q, toSearchPairs('萍乡经开区调研工业发展'))).toBe(true);
    expect(phraseIn(q, toSearchPairs('经开放合作，开区位优势'))).toBe(false);
    expect(phraseIn(q, toSearchPairs('经开，开区'))).toBe(false);
    expect(phraseIn(q, toSearchPairs('在经开区。'))).toBe(true);
  });

  it('every 2-character substring of the text is a word of the index', () => {
    const text = '市委书记刘烁在萍乡经开区调研';
    const ws = new Set(words(encodePairs(text)));
    const cs = Array.from(text);
    for (let i = 0; i + 1 < cs.length; i++) expect(ws.has(encodeQuery(cs[i]! + cs[i + 1]!))).toBe(true);
  });

  it('every character of the text begins some word (single-character queries match by prefix)', () => {
    const text = '经开区，建设。';
    const ws = words(encodePairs(text));
    for (const c of Array.from('经开区建设')) expect(ws.some((w) => w.startsWith(encodeQuery(c)))).toBe(true);
  });
});

describe('excerpts and shards', () => {
  it('excerpts the start of the text on one line', () => {
    expect(excerptOf('第一段\n\n第二段', 120)).toBe('第一段 第二段');
    expect(excerptOf('經開區建設'.repeat(30), 10)).toBe('經開區建設經開區建設…');
  });

  it('splits records into consecutive shards of at most the size', () => {
    expect(shardsOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(shardsOf([], 2000)).toEqual([[]]);
    expect(shardsOf([1, 2], 2000)).toEqual([[1, 2]]);
    expect([0, 1, 2].map(shardDir)).toEqual(['pagefind', 'pagefind-2', 'pagefind-3']);
  });
});
