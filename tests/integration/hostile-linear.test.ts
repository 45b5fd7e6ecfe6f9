import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newArticle } from '../../src/article.ts';
import { htmlToText } from '../../src/ingest/html.ts';
import { processArticle, readArticle } from '../../src/ingest/index.ts';

/**
 * Long hostile texts that a quadratic regular expression or a backtracking rule would stall on
 * for minutes (a copyright line with `版权归` and no `所有` took that long). Each must come through
 * the whole pipeline; the test's own time limit is the guard (the bench measures speed).
 */
const cases: Array<[string, string]> = [
  ['版权归 repeated with no 所有 (1.8 MB)', '版权归'.repeat(200_000)],
  ['sentence ends and open brackets', '。（'.repeat(100_000) + '张三）'],
  ['names and spaces before a photo credit', '张三 '.repeat(150_000) + '摄'],
  ['one line of Han characters, no punctuation', '中'.repeat(600_000)],
  ['source labels with no value', '来源：'.repeat(150_000)],
  ['reporter labels with no name', '记者'.repeat(200_000) + ' 张三'],
  ['dates one after another', '2023-01-01 '.repeat(60_000)],
  ['post titles with no name', '市委书记'.repeat(120_000)],
  ['foreign posts with no name', '法国总统'.repeat(120_000)],
  ['slashes between names', '张三/'.repeat(150_000) + '文'],
];

describe('no input stalls the pipeline', () => {
  it.each(cases)(
    '%s',
    (_name, body) => {
      const text = `某地召开会议\n2023-01-01\n会议强调，各级各部门要切实履行职责。\n${body}\n`;
      const a = processArticle(newArticle({ id: 't', sourceFile: 't.txt', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: text }));
      expect(a.segments.length).toBeGreaterThan(0);
    },
    60_000,
  );

  it('an article with 300,000 repairs keeps every record', () => {
    const text = `某地召开会议\n${'会议强调,各级,'.repeat(150_000)}\n`;
    const a = processArticle(newArticle({ id: 't', sourceFile: 't.txt', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: text }));
    expect(a.repairs.length).toBe(300_000);
  }, 60_000);

  it('a saved page with thousands of links and paragraphs', () => {
    const html = `<html><body>${'<div><a href="/x">相关新闻标题</a></div>'.repeat(20_000)}<div>${'<p>会议强调，各级各部门要切实履行职责。</p>'.repeat(20_000)}</div></body></html>`;
    const r = htmlToText(html);
    expect(r.page.main).not.toBeNull();
    expect(r.page.links!.length).toBe(40_000);
  }, 60_000);
});

describe('a document that would take too long is published with what was repaired', () => {
  const damaged = readFileSync(new URL(`../../seeds/${readdirSync(new URL('../../seeds/', import.meta.url)).find((f) => f.startsWith('004'))}`, import.meta.url));
  const article = () => readArticle({ name: '004.txt', bytes: damaged });

  it('with its budget spent, the realigner stops, says so, and every other stage still runs', () => {
    const spent = processArticle(article(), { budgetSteps: 0 });
    expect(spent.repairs.some((r) => r.rule === 'gbk-shift')).toBe(false);
    expect(spent.diagnostics.find((d) => d.rule === 'gbk-shift' && /repair budget spent/.test(d.message))).toBeTruthy();
    expect(spent.text.length).toBeGreaterThan(100);
    expect(spent.title?.value).toBeTruthy();
  });

  const dense = (n: number) => `某地召开会议\n${'期間“兩不!钡臒岢比绱猴L(fēng)在萍鄉(xiāng)'.repeat(n)}\n`;
  const textArticle = (source: string) => newArticle({ id: 't', sourceFile: 't.txt', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source });
  const denseArticle = (n: number) => textArticle(dense(n));

  it('dense mojibake (one damaged run repeated) is realigned run by run: the search is linear in the text', () => {
    // The time itself is measured by `npm run eval:repair`; here: every run is repaired, and no
    // budget was needed with the default one.
    const a = processArticle(denseArticle(640));
    expect(a.diagnostics.some((d) => /repair budget spent/.test(d.message))).toBe(false);
    expect(a.repaired.match(/熱潮如春風/g)).toHaveLength(640);
    expect(a.repaired).not.toMatch(/钡臒岢/);
  }, 60_000);

  it('dense mojibake past its budget stops with a diagnostic and is still published', () => {
    const a = processArticle(denseArticle(640), { budgetSteps: 1000 });
    expect(a.diagnostics.some((d) => d.rule === 'gbk-shift' && /repair budget spent/.test(d.message))).toBe(true);
    expect(a.segments.length).toBeGreaterThan(0);
  }, 60_000);

  it('the budget is counted in search steps, not time: a document it stops gets the same record every time', () => {
    // Forty damaged lines between clean ones: the budget runs out part way through.
    const lines = () => textArticle(`某地召开会议\n${'期間“兩不!钡臒岢比绱猴L(fēng)在萍鄉(xiāng)\n会议强调，各级各部门要切实履行职责。\n'.repeat(40)}`);
    const a = processArticle(lines(), { budgetSteps: 500 });
    const b = processArticle(lines(), { budgetSteps: 500 });
    const realigned = a.repairs.filter((r) => r.rule === 'gbk-shift').length;
    expect(realigned).toBeGreaterThan(0);
    expect(realigned).toBeLessThan(40);
    expect(a.diagnostics.some((d) => /repair budget spent/.test(d.message))).toBe(true);
    expect(b).toEqual(a);
  }, 60_000);

  it('within its budget, the same document is realigned', () => {
    const done = processArticle(article());
    expect(done.repairs.some((r) => r.rule === 'gbk-shift')).toBe(true);
    expect(done.diagnostics.some((d) => /repair budget spent/.test(d.message))).toBe(false);
  });
});
