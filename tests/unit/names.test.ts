import { describe, expect, it } from 'vitest';
import { looksLikePersonalName, SURNAMES } from '../../src/ingest/extract/names.ts';

describe('looksLikePersonalName: names', () => {
  it.each([
    ['张三', 'single surname + one character'],
    ['王小明', 'single surname + two characters'],
    ['欧阳修远', 'compound surname + two characters'],
    ['司马光', 'compound surname + one character'],
    ['劉爍', 'Traditional, compared in Simplified (刘烁)'],
    ['岳品瑜', 'a less common single surname'],
    ['阿卜杜·热合曼', 'a name with a middle dot'],
    ['阿依古丽•买买提', 'a name with a bullet as the dot'],
    [' 李四 ', 'spaces around are trimmed'],
  ])('%s (%s)', (token) => {
    expect(looksLikePersonalName(token)).toBe(true);
  });
});

describe('looksLikePersonalName: not names', () => {
  it.each([
    ['最新文章', 'a page widget'],
    ['网络整理', 'a placeholder ending in 整理'],
    ['北京报道', 'a dateline place + 报道'],
    ['华龙网', 'a site (网)'],
    ['东方网', 'a site (网)'],
    ['新华社', 'an agency (社)'],
    ['赞赏', 'a button: 赞 is no surname'],
    ['本报', 'our paper'],
    ['本网', 'our site'],
    ['佚名', 'anonymous'],
    ['某某日报', 'a paper'],
    ['张三李四', 'four characters after a single surname: two names, or a thing'],
    ['王', 'one character'],
    ['欧阳修远明', 'five characters'],
    ['zhangsan', 'Latin letters'],
    ['张3', 'a digit'],
    ['', 'empty'],
  ])('%s (%s)', (token) => {
    expect(looksLikePersonalName(token)).toBe(false);
  });
});

describe('SURNAMES', () => {
  it.each([
    ['张', true],
    ['欧阳', true],
    ['司马', true],
    ['岳', true],
    // Rare surnames that are everyday words are left out (`会主办` is no name).
    ['会', false],
    ['过', false],
    ['最', false],
  ])('%s → %s', (s, expected) => {
    expect(SURNAMES.has(s)).toBe(expected);
  });
});
