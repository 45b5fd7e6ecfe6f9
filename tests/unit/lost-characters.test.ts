import { describe, expect, it } from 'vitest';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { resolveLoneQuestionMarks } from '../../src/ingest/repair/lost-characters.ts';

describe('resolveLoneQuestionMarks', () => {
  it.each([
    ['title line end → delete', '原標題:\n加速建設區域中心城市、江西綜合實力強市?\n——訪宜春市委書記嚴允?\n', '原標題:\n加速建設區域中心城市、江西綜合實力強市\n——訪宜春市委書記嚴允\n', 'medium'],
    ['between Han → space', '江西日報全媒體記者?梁健\n', '江西日報全媒體記者 梁健\n', 'medium'],
    ['no cue, mid-sentence → U+FFFD', '他說這個工作很重要,我們一定做好?。後面還有很多句子要寫下去', '他說這個工作很重要,我們一定做好\uFFFD。後面還有很多句子要寫下去', 'low'],
  ])('%s', (_name, input, expected, confidence) => {
    const out = resolveLoneQuestionMarks(input);
    expect(out.text).toBe(expected);
    expect(out.repairs.every((r) => r.confidence === confidence)).toBe(true);
    expect(replayRepairs(input, out.repairs)).toBe(expected);
    expect(resolveLoneQuestionMarks(out.text).text).toBe(out.text);
  });

  it.each([
    ['如何深入貫徹落實省委全會精神?宜春市委書記'],
    ['你今天去哪裡?'],
    ['這樣做是否可行?'],
    ['你吃飯了嗎?'],
    ['為什麼要這樣做?因為'],
    ['怎么办?'],
    ['http://px.jxnews.com.cn/index.php?aid=100108'],
    ['萍鄉城事網?aid=100108'],
    ['What is this? A test.'],
    ['問題a?b'],
  ])('kept: %s', (input) => {
    const out = resolveLoneQuestionMarks(input);
    expect(out.text).toBe(input);
    expect(out.repairs).toEqual([]);
  });

  it('a ??? run of unknown meaning is left with a diagnostic', () => {
    const out = resolveLoneQuestionMarks('記者???梁健');
    expect(out.text).toBe('記者???梁健');
    expect(out.diagnostics).toHaveLength(1);
  });
});
