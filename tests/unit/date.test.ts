import { describe, expect, it } from 'vitest';
import { extractDate } from '../../src/ingest/extract/date.ts';
import { suggestYearsFromCorpus } from '../../src/ingest/extract/index.ts';
import { BODY, fixture, seed, seg } from '../support/extract.ts';

const withHeader = (line: string) => seg(`某市召开工作会议\n${line}\n${BODY}`);

describe('extractDate on the seeds', () => {
  it('000: month from the URL path', () => {
    expect(extractDate(seg(fixture('000_clean.txt'))).date).toMatchObject({ value: '2023-08', precision: 'month', year: 2023, month: 8, day: null, from: 'url' });
  });
  it('001: month-day from the lead, year null, no suggestion from its own text', () => {
    const d = extractDate(seg(seed('001'))).date;
    expect(d).toMatchObject({ value: '--04-21', precision: 'month-day', year: null, month: 4, day: 21, from: 'lede' });
    expect(d.suggestedYear).toBeNull();
  });
  it('002: datetime', () => {
    expect(extractDate(seg(seed('002'))).date).toMatchObject({ value: '2022-07-20T11:04:16+08:00', precision: 'datetime', from: 'header' });
  });
  it('003: datetime with a space inside the date', () => {
    expect(extractDate(seg(seed('003'))).date).toMatchObject({ value: '2021-10-01T09:04+08:00', precision: 'datetime' });
  });
  it('004: month-day, suggested 2023 from 党的二十大 + 春节后的首个工作日', () => {
    const d = extractDate(seg(fixture('004_clean.txt'))).date;
    expect(d).toMatchObject({ value: '--01-28', precision: 'month-day', year: null });
    expect(d.suggestedYear?.year).toBe(2023);
    expect(d.suggestedYear?.reasoning.join(' ')).toMatch(/二十大.*春節後的首個工作日|二十大[\s\S]*首個工作日/);
  });
});

describe('extractDate: formats', () => {
  it.each([
    ['2022-07-20 11:04:16', '2022-07-20T11:04:16+08:00', 'datetime'],
    ['2021年10月 01日 09:04', '2021-10-01T09:04+08:00', 'datetime'],
    ['2022.01.20 16:31', '2022-01-20T16:31+08:00', 'datetime'],
    ['2022/1/5', '2022-01-05', 'date'],
    ['发布时间：2023年3月5日', '2023-03-05', 'date'],
    ['2023-05-06T08:30:00+08:00', '2023-05-06T08:30:00+08:00', 'datetime'],
    ['2023-05-06T00:30:00Z', '2023-05-06T00:30:00+00:00', 'datetime'],
    ['二〇二二年三月五日', '2022-03-05', 'date'],
    ['二〇二一年十二月三十一日', '2021-12-31', 'date'],
    ['二〇二三年十月', '2023-10', 'month'],
    ['日期：2023年8月', '2023-08', 'month'],
    ['2022年4月21日 星期四 来源：某某日报', '2022-04-21', 'date'],
  ])('%s → %s (%s)', (line, value, precision) => {
    expect(extractDate(withHeader(line)).date).toMatchObject({ value, precision, from: 'header' });
  });

  it.each([
    ['http://www.example.com/a/2023/08/129354578.html', '2023-08', 'month'],
    ['https://px.example.com/system/2022/04/22/019607921.shtml', '2022-04-22', 'date'],
    ['http://www.example.gov.cn/art/t20230421_123.html', '2023-04-21', 'date'],
    ['http://www.example.gov.cn/news/202304/t20230421_1.html', '2023-04-21', 'date'],
  ])('URL %s → %s', (url, value, precision) => {
    expect(extractDate(seg(`${url}\n${BODY}`)).date).toMatchObject({ value, precision, from: 'url' });
  });

  it('a lead with a full date gives a date', () => {
    expect(extractDate(seg(`2023年6月1日上午，${BODY}`)).date).toMatchObject({ value: '2023-06-01', precision: 'date', from: 'lede' });
  });

  it('HTML meta wins', () => {
    const a = seg(BODY, { title: null, meta: { 'article:published_time': '2024-02-03T10:00:00+08:00' }, urls: [] });
    expect(extractDate(a).date).toMatchObject({ value: '2024-02-03T10:00:00+08:00', from: 'html-meta' });
  });

  it.each(['2022-13-45 10:00', '2023-02-30', '4000年1月1日'])('negative: invalid %s is not a date', (line) => {
    expect(extractDate(withHeader(line)).date.precision).toBe('none');
  });

  it('negative: numbers in the body are not dates', () => {
    expect(extractDate(seg(`某市召开工作会议\n全年完成投资2021.5亿元，增长10.2%。${BODY}`)).date).toMatchObject({ value: null, precision: 'none' });
  });
});

describe('suggestedYear', () => {
  it.each([
    ['3月5日，全市上下深入学习贯彻党的二十大精神。', 2023],
    ['11月5日，全市上下深入学习贯彻党的二十大精神。', 2022],
    ['3月5日，全市上下学习贯彻党的十九大精神，召开大会。', 2018],
    ['3月5日，全市上下学习贯彻二十届三中全会精神，召开大会。', 2025],
  ])('%s → %i', (lead, year) => {
    expect(extractDate(seg(lead)).date.suggestedYear?.year).toBe(year);
  });

  it('a weekday next to the date narrows the years; a congress bound picks among them', () => {
    const d = extractDate(seg('4月21日（星期四），全市学习贯彻党的十九大精神，召开大会。')).date;
    expect(d.suggestedYear?.year).toBe(2022);
  });

  it('迎接党的二十大 is an upper bound, not a lower one', () => {
    const d = extractDate(seg('2月7日，春节后的首个工作日，全市以优异成绩迎接党的二十大胜利召开。')).date;
    expect(d.suggestedYear?.year).toBe(2022);
  });

  it('no cue: no suggestion; the value never gets a year', () => {
    const d = extractDate(seg('5月6日，某某会议召开。会议指出，要抓好落实。')).date;
    expect(d.suggestedYear).toBeNull();
    expect(d.year).toBeNull();
  });

  it('corpus pass: a shared reporter in a dated article suggests its year', () => {
    const undated = { ...seg('（记者张三）5月6日，某某会议召开。会议指出，要抓好落实。'), id: 'a', bylines: { reporters: ['张三'], authors: [], editors: [], chiefEditors: [], reviewers: [] } };
    const dated = { ...seg('某市召开工作会议\n2022-07-20 11:04\n' + BODY), id: 'b', bylines: { reporters: [], authors: ['张三'], editors: [], chiefEditors: [], reviewers: [] } };
    undated.date = extractDate(undated).date;
    dated.date = extractDate(dated).date;
    const [a] = suggestYearsFromCorpus([undated, dated], (a) => a);
    expect(a!.date?.suggestedYear?.year).toBe(2022);
    expect(a!.date?.year).toBeNull();
    expect(a!.date?.suggestedYear?.reasoning.join(' ')).toMatch(/张三.*b/);
  });

  const byline = (reporters: string[]) => ({ reporters, authors: [], editors: [], chiefEditors: [], reviewers: [] });
  const article = (id: string, text: string, reporters: string[]) => {
    const a = { ...seg(text), id, bylines: byline(reporters) };
    a.date = extractDate(a).date;
    return a;
  };
  const cases: Array<[string, string[], Array<[string, string]>, number | null, RegExp | null]> = [
    // [label, undated reporters, dated articles (id, reporter), expected year, evidence]
    ['a Traditional byline names the same person', ['张三'], [['t', '張三']], 2022, /张三 in t/],
    ['no shared name: no suggestion', ['张三'], [['x', '李四']], null, null],
    [
      'the first sharing article in corpus order is the evidence',
      ['张三', '王五'],
      [
        ['p', '李四'],
        ['q', '王五'],
        ['r', '张三'],
      ],
      2022,
      /王五 in q/,
    ],
  ];
  it.each(cases)('corpus pass: %s', (_label, mine, others, year, evidence) => {
    const undated = article('u', '（记者张三）5月6日，某某会议召开。会议指出，要抓好落实。', mine);
    const dated = others.map(([id, name]) => article(id, '某市召开工作会议\n2022-07-20 11:04\n' + BODY, [name]));
    const [a] = suggestYearsFromCorpus([undated, ...dated], (a) => a);
    expect(a!.date?.suggestedYear?.year ?? null).toBe(year);
    if (evidence) expect(a!.date?.suggestedYear?.reasoning.join(' ')).toMatch(evidence);
  });
});
