import { describe, expect, it } from 'vitest';
import { citationsOf, type CitationInput } from '../../src/site/citation.ts';
import { describeDate } from '../../src/site/date-label.ts';

const base: CitationInput = {
  id: '001_x',
  title: '内陆开放赣湘合作核心区建设情况第二次汇报会召开',
  authors: ['梁永明', '李四'],
  outlet: '萍乡日报',
  date: describeDate({ value: '2023-04-21', from: 'header', evidence: '', precision: 'date', year: 2023, month: 4, day: 21, suggestedYear: null }),
  url: 'https://example.org/articles/001_x/',
  sha256: 'a'.repeat(64),
  sourceFile: '001_x.txt',
};
const whole = (c: ReturnType<typeof citationsOf>[number]) => c.before + c.url + c.after;
const byFormat = (input: CitationInput) => Object.fromEntries(citationsOf(input).map((c) => [c.format, whole(c)]));

describe('citationsOf', () => {
  it('gives a plain reference, BibTeX, RIS and CSL-JSON, each with the page address once', () => {
    const cs = citationsOf(base);
    expect(cs.map((c) => c.format)).toEqual(['plain', 'bibtex', 'ris', 'csl-json']);
    for (const c of cs) expect(whole(c).split(base.url)).toHaveLength(2);
    const f = byFormat(base);
    expect(f.plain).toBe('梁永明、李四. 「内陆开放赣湘合作核心区建设情况第二次汇报会召开」. 萍乡日报, 2023年4月21日. https://example.org/articles/001_x/ (sha256 aaaaaaaaaaaa, 001_x.txt)');
    expect(f.bibtex).toContain('author = {梁永明 and 李四}');
    expect(f.bibtex).toContain('date = {2023-04-21}');
    expect(f.ris).toMatch(/^TY {2}- NEWS\nTI {2}- 内陆/);
    expect(f.ris).toContain('AU  - 梁永明\nAU  - 李四');
    expect(f.ris).toContain('DA  - 2023/04/21/');
    const csl = JSON.parse(f['csl-json']!)[0];
    expect(csl).toMatchObject({ type: 'article-newspaper', 'container-title': '萍乡日报', URL: base.url, issued: { 'date-parts': [[2023, 4, 21]] } });
  });

  it.each([
    [
      'a month-day date without a year: no year anywhere, the label says it',
      describeDate({ value: '--04-21', from: 'header', evidence: '', precision: 'month-day', year: null, month: 4, day: 21, suggestedYear: null }),
    ],
    ['no date at all', describeDate(null)],
  ])('%s', (_name, date) => {
    const f = byFormat({ ...base, date });
    expect(f.bibtex).not.toMatch(/date = /);
    expect(f.ris).not.toMatch(/PY {2}-/);
    expect(JSON.parse(f['csl-json']!)[0].issued).toBeUndefined();
    expect(f.plain).toContain(date.zh);
  });

  it('hostile values cannot break a format: braces escaped in BibTeX, line breaks folded in RIS, the URL mark removed', () => {
    const f = byFormat({ ...base, title: '标题}\n@misc{x,\ue000', authors: ['张三\nER  - '] });
    expect(f.bibtex).toContain('title = {标题\\}\n@misc\\{x,}');
    expect(f.ris!.split('\n').filter((l) => l.startsWith('ER  -'))).toHaveLength(1);
    expect(whole(citationsOf({ ...base, title: 'x\ue000y' })[0]!).split(base.url)).toHaveLength(2);
    expect(f.plain).not.toContain('\ue000');
  });
});
