import { describe, expect, it } from 'vitest';
import { extractTitle } from '../../src/ingest/extract/title.ts';
import { BODY, fixture, seed, seg } from '../support/extract.ts';

describe('extractTitle on the seeds', () => {
  it.each([
    ['000', () => fixture('000_clean.txt'), '加速建設區域中心城市、江西綜合實力強市', '——訪宜春市委書記嚴允', false, 'label'],
    ['001', () => seed('001'), '内陆开放赣湘合作核心区建设情况第二次汇报会召开', null, true, 'lede'],
    ['002', () => seed('002'), '踔厉奋发勇争先——萍乡市经济社会发展综述', null, false, 'header'],
    ['003', () => seed('003'), '全力走稳走好踏上新征程的第一步', null, false, 'header'],
    ['004', () => fixture('004_clean.txt'), '劉爍在萍鄉經開區調研', null, true, 'lede'],
  ])('%s', (_id, text, value, subtitle, derived, from) => {
    const t = extractTitle(seg(text()));
    expect(t).toMatchObject({ value, subtitle, derived, from });
    expect(t.evidence).not.toBe('');
  });
});

describe('extractTitle: general cases', () => {
  it.each([
    ['原标题：我市召开经济工作会议\n' + BODY, '我市召开经济工作会议', null],
    ['原標題:\n某縣推進鄉村振興\n——訪某縣委書記王小明\n' + BODY, '某縣推進鄉村振興', '——訪某縣委書記王小明'],
    ['某市召开优化营商环境大会\n2023-03-01 来源：某某日报\n' + BODY, '某市召开优化营商环境大会', null],
  ])('headline %#', (text, value, subtitle) => {
    expect(extractTitle(seg(text))).toMatchObject({ value, subtitle, derived: false });
  });

  it.each([
    ['某市召开优化营商环境大会 - 某某网', '某市召开优化营商环境大会'],
    ['某市召开优化营商环境大会_某某网_新闻频道', '某市召开优化营商环境大会'],
    ['某市召开优化营商环境大会|某某网', '某市召开优化营商环境大会'],
  ])('HTML <title> %s', (title, value) => {
    const t = extractTitle(seg(BODY, { title, meta: {}, urls: [] }));
    expect(t).toMatchObject({ value, from: 'html-title', derived: false });
  });

  it.each([
    ['1月28日，市委副书记、市长张三在某某经开区调研。他强调，要抓项目。', '张三在某某经开区调研'],
    ['4月21日下午，某某合作区建设情况汇报会召开。会议指出，要抓落实。', '某某合作区建设情况汇报会召开'],
    ['3月5日，县委书记李四主持召开县委常委会会议。', '李四主持召开县委常委会会议'],
    ['近日，市委常委会召开会议，研究部署下一阶段重点工作。', '市委常委会召开会议，研究部署下一阶段重点工作'],
    ['2023年6月1日上午，省委常委、市委书记王五带队赴某地考察。', '王五带队赴某地考察'],
    ['日前，我市在全省率先出台支持民营经济高质量发展的若干措施并召开新闻发布会进行全面解读，引发社会各界广泛关注。', '我市在全省率先出台支持民营经济高质量发展的若干措施并召开新闻发布会进行全面解读'],
  ])('derived from the lead: %s', (lead, value) => {
    const t = extractTitle(seg(lead));
    expect(t).toMatchObject({ value, derived: true, from: 'lede' });
  });

  it('no text: null title', () => {
    expect(extractTitle(seg(''))).toMatchObject({ value: null, from: 'none', derived: false });
  });
});
