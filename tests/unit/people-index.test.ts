import { describe, expect, it } from 'vitest';
import { chineseNumeral, commonRegion, groupByInitial, initialOf, latestWithPost, namesakeMark, namesakeNumber, pinyinSortKey } from '../../src/site/people-index.ts';

const inPinyinOrder = (names: string[]) => [...names].sort((a, b) => (pinyinSortKey(a) < pinyinSortKey(b) ? -1 : pinyinSortKey(a) > pinyinSortKey(b) ? 1 : 0));

describe('pinyinSortKey', () => {
  it.each([
    // [names in the expected order, what the case is about]
    [['安华', '白才', '陈明', '邓伟', '王伟', '张强'], 'surnames in alphabetical order of their pinyin'],
    [['李', '李安', '廉洁'], 'syllable by syllable: li, li an, lian'],
    [['黎明', '李明', '李伟'], 'on the same reading, the tone: 黎 lí before 李 lǐ'],
    [['刘伟', '刘云', '柳伟'], "a surname's people together: 刘 liú before 柳 liǔ, whatever the given names"],
    [['卢伟', '吕伟', '栾伟', '略伟', '罗伟'], 'ü as u, right after it: lu, lü, luan, lüe, luo'],
    [['曹伟', '单伟', '解伟', '曾伟'], 'surname readings: 单 shàn, 解 xiè, 曾 zēng (not dān, jiě, céng)'],
    [['陈明', '楚明', '邱明', '仇和'], '仇 as a surname is qiú (after 邱 qiū), not chóu (before 楚 chǔ)'],
  ])('%j: %s', (expected) => {
    expect(inPinyinOrder([...expected].reverse())).toEqual(expected);
    expect(inPinyinOrder([...expected].sort())).toEqual(expected);
  });

  it.each([
    ['单伟', 'S'],
    ['曾国藩', 'Z'],
    ['解振华', 'X'],
    ['仇和', 'Q'],
    ['刘烁', 'L'],
    ['Alice', 'A'],
    ['·', '#'],
    ['3号', '#'],
  ])('files %s under %s', (name, letter) => {
    expect(initialOf(pinyinSortKey(name))).toBe(letter);
  });
});

describe('groupByInitial', () => {
  it('sorts by key, lists only the letters that have items, # last', () => {
    const items = ['张强', '3号', '安华', '曾伟', '白才', '艾明'].map((name) => ({ name, sortKey: pinyinSortKey(name) }));
    expect(groupByInitial(items).map((g) => [g.letter, g.items.map((i) => i.name)])).toEqual([
      ['A', ['艾明', '安华']],
      ['B', ['白才']],
      ['Z', ['曾伟', '张强']],
      ['#', ['3号']],
    ]);
  });
  it('is empty for no items', () => {
    expect(groupByInitial([])).toEqual([]);
  });
});

describe('latestWithPost', () => {
  const x = (sortKey: string, ...posts: string[]) => ({ sortKey, posts });
  it.each([
    ['the most recent dated appearance', [x('2021-03-01', '县长'), x('2023-05-06', '县委书记'), x('2022-01-01', '副县长')], '县委书记'],
    ['an appearance without a post does not count', [x('2021-03-01', '县长'), x('2024-01-01')], '县长'],
    ['a year beats a month and day without one', [x('0000-12-31', '市长'), x('2019', '副市长')], '副市长'],
    ['a year beats no date', [x('', '市长'), x('2019-01', '副市长')], '副市长'],
    ['with no year at all, a month and day beats no date', [x('', '副市长'), x('0000-01-02', '市长')], '市长'],
    ['on the same date, the later one given', [x('2023-05-06', '县长'), x('2023-05-06', '县委书记')], '县委书记'],
    ['a date with a time is more precise than its day', [x('2023-05-06T10:00', '县长'), x('2023-05-06', '县委书记')], '县长'],
  ])('%s', (_, appearances, post) => {
    expect(latestWithPost(appearances)?.posts.join('、')).toBe(post);
  });
  it('is null when no appearance names a post', () => {
    expect(latestWithPost([x('2023-01-01'), x('')])).toBeNull();
  });
});

describe('commonRegion', () => {
  const JX = ['江西省', '萍乡市', '安源区'];
  it.each([
    ['one article', [JX], JX],
    ['a city official seen in two of its counties: the city', [JX, ['江西省', '萍乡市', '湘东区']], ['江西省', '萍乡市']],
    ['an article with the province only does not hide the city', [['江西省'], ['江西省', '萍乡市'], ['江西省', '萍乡市']], ['江西省', '萍乡市']],
    ['one misplaced article among three does not move anyone', [JX, JX, ['江苏省', '扬州市']], JX],
    ['two provinces, one article each: no agreement', [JX, ['江苏省', '扬州市']], []],
    ['articles without a region are left out', [[], JX, []], JX],
    ['nothing known', [[], []], []],
  ] as Array<[string, string[][], string[]]>)('%s', (_, paths, expected) => {
    expect(commonRegion(paths)).toEqual(expected);
  });
});

describe('namesakes', () => {
  it.each([
    ['p-刘伟', '刘伟', 1],
    ['p-刘伟-2', '刘伟', 2],
    ['p-刘伟-12', '刘伟', 12],
    ['p-刘伟-0', '刘伟', null],
    ['p-刘伟伟', '刘伟', null],
    ['p-刘-2', '刘伟', null],
  ] as Array<[string, string, number | null]>)('%s of %s is number %s', (id, name, n) => {
    expect(namesakeNumber(id, name)).toBe(n);
  });

  it.each([
    [1, '一'],
    [2, '二'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [99, '九十九'],
    [100, '100'],
  ])('%i is written %s', (n, zh) => {
    expect(chineseNumeral(n)).toBe(zh);
  });

  it.each([
    ['p-刘伟', '刘伟', 1, null],
    ['p-刘伟', '刘伟', 2, '（一）'],
    ['p-刘伟-2', '刘伟', 2, '（二）'],
    ['p-odd', '刘伟', 2, '（p-odd）'],
  ] as Array<[string, string, number, string | null]>)('%s (%s, %i people of that name) is marked %s', (id, name, count, mark) => {
    expect(namesakeMark(id, name, count)).toBe(mark);
  });
});
