import { describe, expect, it } from 'vitest';
import { newArticle, type Article } from '../../src/article.ts';
import { applyOverrides } from '../../src/ingest/extract/overrides.ts';

const base = (): Article => ({
  ...newArticle({ id: 't', sourceFile: 't', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: 'x' }),
  title: { value: '旧标题', from: 'lede', evidence: 'x', subtitle: null, derived: true },
  bylines: { reporters: ['张三'], authors: [], editors: ['李四'], chiefEditors: [], reviewers: [] },
});
const rules = (a: Article) => a.diagnostics.map((d) => d.rule);

describe('applyOverrides', () => {
  it('no override: unchanged', () => {
    const a = base();
    expect(applyOverrides(a, null)).toBe(a);
  });

  it.each([
    [{ title: '新标题' }, (a: Article) => expect(a.title).toMatchObject({ value: '新标题', from: 'override', derived: false })],
    [{ title: { value: '新标题', subtitle: '——访某某' } }, (a: Article) => expect(a.title).toMatchObject({ value: '新标题', subtitle: '——访某某' })],
    [{ subtitle: '副题' }, (a: Article) => expect(a.title).toMatchObject({ value: '旧标题', subtitle: '副题', from: 'override' })],
    [{ date: '2022-04-21' }, (a: Article) => expect(a.date).toMatchObject({ value: '2022-04-21', precision: 'date', year: 2022, month: 4, day: 21, from: 'override' })],
    [{ date: { value: '2022-07-20T11:04:16+08:00' } }, (a: Article) => expect(a.date).toMatchObject({ precision: 'datetime', year: 2022 })],
    [{ date: { value: '2023-08', precision: 'month' } }, (a: Article) => expect(a.date).toMatchObject({ value: '2023-08', precision: 'month', day: null })],
    [{ date: '--04-21' }, (a: Article) => expect(a.date).toMatchObject({ precision: 'month-day', year: null, month: 4 })],
    [{ date: '2024-02-29' }, (a: Article) => expect(a.date).toMatchObject({ value: '2024-02-29', precision: 'date' })],
    [{ date: '--02-29' }, (a: Article) => expect(a.date).toMatchObject({ value: '--02-29', precision: 'month-day' })],
    [{ date: new Date('2022-04-21T00:00:00Z') }, (a: Article) => expect(a.date).toMatchObject({ value: '2022-04-21', precision: 'date' })],
    [{ outlet: '萍乡日报' }, (a: Article) => expect(a.outlet).toEqual({ value: '萍乡日报', from: 'override', evidence: 'curator override (outlet)' })],
    [{ site: null }, (a: Article) => expect(a.site).toMatchObject({ value: null, from: 'override' })],
    [
      { region: { province: '江西省', city: '萍乡市', code: 360300 } },
      (a: Article) => expect(a.region).toMatchObject({ province: '江西省', city: '萍乡市', county: null, code: '360300', from: 'override' }),
    ],
    [{ bylines: { editors: ['王五'] } }, (a: Article) => expect(a.bylines).toMatchObject({ reporters: ['张三'], editors: ['王五'] })],
    [
      { officials: [{ name: '劉爍', posts: ['市長'], role: 'present' }] },
      (a: Article) => expect(a.officials[0]).toMatchObject({ name: '劉爍', nameHans: '刘烁', posts: ['市長'], role: 'present', personId: 'p-刘烁' }),
    ],
    [
      { parts: [{ title: '一', interviewee: { name: '韦峰', posts: ['广陵区委书记'] }, reporters: ['陈高飞'] }] },
      (a: Article) => expect(a.parts[0]).toMatchObject({ title: '一', reporters: ['陈高飞'] }),
    ],
  ])('%j', (override, check) => {
    const a = applyOverrides(base(), override as Record<string, unknown>);
    check(a);
    expect(a.diagnostics).toEqual([]);
  });

  it('region code given as a number is fine, as a list is not', () => {
    expect(rules(applyOverrides(base(), { region: { code: ['x'] } }))).toEqual(['override-invalid']);
  });

  it.each([
    [{ title: 42 }],
    [{ date: 'last Tuesday' }],
    [{ date: { value: '2022-04-21', precision: 'week' } }],
    [{ date: '2023-02-30' }],
    [{ date: '2023-13-45' }],
    [{ date: '9999-99-99' }],
    [{ date: '2023-02-29' }],
    [{ date: '--02-30' }],
    [{ date: '2023-05-06T24:10' }],
    [{ outlet: ['a'] }],
    [{ region: '江西' }],
    [{ bylines: { reporters: '张三' } }],
    [{ officials: [{ posts: ['市长'] }] }],
    [{ officials: [{ name: '', posts: ['市长'] }] }],
    [{ officials: [{ name: '  ', posts: ['市长'] }] }],
    [{ parts: 'x' }],
  ])('invalid %j: diagnostic, value kept', (override) => {
    const before = base();
    const a = applyOverrides(before, override as Record<string, unknown>);
    expect(rules(a)).toEqual(['override-invalid']);
    expect(a.title).toEqual(before.title);
    expect(a.date).toEqual(before.date);
    expect(a.bylines).toEqual(before.bylines);
  });

  it('unknown keys and unknown byline roles are diagnostics', () => {
    expect(rules(applyOverrides(base(), { colour: 'red' }))).toEqual(['override-unknown-key']);
    expect(rules(applyOverrides(base(), { bylines: { photographers: ['x'] } }))).toEqual(['override-invalid']);
  });
});
