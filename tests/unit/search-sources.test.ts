import { describe, expect, it } from 'vitest';
import type { DateField } from '../../src/article.ts';
import { searchSource } from '../../src/site/search-index.ts';
import { buildSiteData } from '../../src/site/site-data.ts';
import { makeArticle, makeCorpus } from '../site/support/corpus.ts';

const date = (precision: DateField['precision'], year: number | null, month: number | null, day: number | null): DateField => ({
  value: null,
  from: 'header',
  evidence: '',
  precision,
  year,
  month,
  day,
  suggestedYear: null,
});

describe('the year an article gives the search filter', () => {
  const cases: Array<[string, DateField | null, string[]]> = [
    // [rule, date, year filter values]
    ['a full date: its year', date('date', 2023, 5, 6), ['2023']],
    ['a month: its year', date('month', 2023, 8, null), ['2023']],
    ['a year alone', date('year', 2021, null, null), ['2021']],
    ['a month and day without a year: year unknown', date('month-day', null, 4, 21), ['年份不详 Year unknown']],
    ['no date: year unknown', null, ['年份不详 Year unknown']],
  ];
  const site = buildSiteData(makeCorpus(cases.map(([, d], i) => makeArticle(`a${i}`, { date: d }))), '/');
  it.each(cases.map((c, i) => [...c, i] as const))('%s', (_rule, _date, expected, i) => {
    expect(site.viewOf(i).filters.year).toEqual(expected);
  });
});

describe('the body an article gives the search index for its excerpts', () => {
  const hant = '市長劉爍在萍鄉經開區調研。\n他強調要抓好項目建設。';
  const hans = '市长刘烁在萍乡经开区调研。\n他强调要抓好项目建设。';
  const site = buildSiteData(makeCorpus([makeArticle('hant', { script: 'hant', textHans: hans, textHant: hant, textHantMachine: false }, hant), makeArticle('hans', {}, hans)]), '/');

  it('a Traditional article: its body as written, and the Simplified beside it, code point for code point', () => {
    const source = searchSource(site.viewOf(0));
    expect(source.body).toBe(hant);
    expect(source.bodyHans).toBe(hans);
  });

  it('a Simplified article: its body alone', () => {
    expect(searchSource(site.viewOf(1))).toMatchObject({ body: hans, bodyHans: null });
  });
});
