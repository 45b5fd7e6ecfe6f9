import { describe, expect, it } from 'vitest';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { restoreFullwidthPunctuation } from '../../src/ingest/repair/punctuation.ts';
import { SEED_IDS, seedText } from './seed-texts.ts';

function restore(text: string) {
  const out = restoreFullwidthPunctuation(text, {});
  expect(replayRepairs(text, out.repairs)).toBe(out.text);
  expect(restoreFullwidthPunctuation(out.text, {}).repairs).toEqual([]);
  return out;
}

describe('restoreFullwidthPunctuation: CJK context is restored', () => {
  it.each([
    ['comma between Han', '全市上下,迅速掀起', '全市上下，迅速掀起'],
    ['comma after a number + unit', '项目351个,提升', '项目351个，提升'],
    ['comma after a percentage, before Han', '增长5.2%,高于全省', '增长5.2%，高于全省'],
    ['comma after a closing quote', '“五区”,打造', '“五区”，打造'],
    ['colon + opening quote', '表示:“我們將', '表示：“我們將'],
    ['label colon before digits', '电话:0791-86849032', '电话：0791-86849032'],
    ['label colon before a space', '来源: 扬州日报', '来源： 扬州日报'],
    ['semicolon', '改革工作;突出规划', '改革工作；突出规划'],
    ['question mark', '落實省委全會精神?宜春', '落實省委全會精神？宜春'],
    ['exclamation mark at line end', '加油!\n', '加油！\n'],
    ['parentheses around Han', '各县(市、区)主要', '各县（市、区）主要'],
    ['nested parentheses and colon', '(來源:江西日報)', '（來源：江西日報）'],
    ['parentheses in ASCII context with Han content', 'QQ:1642308157 短信(微信)爆料', 'QQ:1642308157 短信（微信）爆料'],
    ['comma after code before Han', '5G+MEC,推进', '5G+MEC，推进'],
    ['small ideographic comma', '各类新闻﹑信息', '各类新闻、信息'],
    ['marks restored together reach a fixed point', 'a,(中)', 'a，（中）'],
  ])('%s', (_name, input, expected) => {
    expect(restore(input).text).toBe(expected);
  });
});

describe('restoreFullwidthPunctuation: ASCII stays ASCII', () => {
  it.each([
    ['URL with query', 'http://www.jxxw.com.cn/a.html?x=1,2&y=3:4'],
    ['URL line', 'http://www.jxxw.com.cn/content_html/html/55/p/pc/2023/08/129354578.html'],
    ['bare host in parentheses (Latin content)', '掌中九江(www.aromanila.com)所有'],
    ['Latin handle in parentheses', '萍乡频道(djwpxpd)和江西新闻(jxrb_jxnews)'],
    ['unfitted gloss', '春L(fēng)在'],
    ['e-mail address', 'mail:abc@jxnews.com.cn'],
    ['time', '2021年10月 01日 09:04'],
    ['datetime', '2022-07-20 11:04:16'],
    ['thousands separator', '共1,000,000元'],
    ['decimal and percent', '0.5 90% 3-5家'],
    ['codes', '1+2+N 5G+MEC AA+'],
    ['phone numbers', '0799-6321110'],
    ['English sentence', 'Hello, world: is this fine? Yes; it is (really)!'],
    ['English with curly quotes', '“Hello,” she said.'],
    ['unbalanced parenthesis', '评论('],
    ['HTML entity', '中文&nbsp;中文'],
    ['clean full-width text', '全市上下，迅速掀起。'],
    ['empty', ''],
  ])('%s', (_name, input) => {
    const out = restore(input);
    expect(out.text).toBe(input);
    expect(out.repairs).toEqual([]);
  });

  it('keeps the digits of a phone number but restores the label colon', () => {
    expect(restore('※联系方式:大江网(中国江西网) 电话:0791-86849032').text).toBe('※联系方式：大江网（中国江西网） 电话：0791-86849032');
  });
});

describe('restoreFullwidthPunctuation: records', () => {
  it('one record per mark, rule punctuation', () => {
    const out = restore('各县(市、区),主要');
    expect(out.repairs).toHaveLength(3);
    for (const r of out.repairs) {
      expect(r.rule).toBe('punctuation');
      expect(r.span[1] - r.span[0]).toBe(1);
    }
  });

  it('never converts only one parenthesis of a pair', () => {
    for (const id of SEED_IDS) {
      const out = restore(seedText(id));
      const opens = [...out.text].filter((c) => c === '（').length;
      const closes = [...out.text].filter((c) => c === '）').length;
      expect(opens, id).toBe(closes);
    }
  });
});

describe('restoreFullwidthPunctuation on the seeds', () => {
  it.each(SEED_IDS)('seed %s: replayable, idempotent, no ASCII comma left between Han', (id) => {
    const out = restore(seedText(id));
    expect(out.text).not.toMatch(/\p{Script=Han},\p{Script=Han}/u);
    expect(out.repairs.length).toBeGreaterThan(0);
  });

  it('seed 002 keeps times, phone numbers and Latin handles', () => {
    const out = restore(seedText('002'));
    expect(out.text).toContain('2022-07-20 11:04:16');
    expect(out.text).toContain('新闻热线：0799-6321110');
    expect(out.text).toContain('(djwpxpd)');
    expect(out.text).toContain('评论(');
  });

  it('seed 003 restores the small comma and keeps the time', () => {
    const out = restore(seedText('003'));
    expect(out.text).toContain('各类新闻、信息');
    expect(out.text).toContain('09:04');
  });
});
