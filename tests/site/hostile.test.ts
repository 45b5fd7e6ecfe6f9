import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSite } from '../../src/build/publish.ts';
import { makeArticle, makeCorpus } from './support/corpus.ts';
import { brokenLinks, listFiles } from './support/link-check.ts';

const HOSTILE_TITLE = '<script>alert("t")</script> {{ 7*7 }} {% raw %}x{% endraw %} "quoted" \'single\'';
const HOSTILE_BODY = '正文</script><img src=x onerror=alert(1)>\n第二段 {{ 6*7 }} {% include "base.njk" %} javascript:alert(1)\n行\u2028分隔\u2029段';

const hostile = makeArticle(
  'hostile',
  {
    title: { value: HOSTILE_TITLE, from: 'header', evidence: '', subtitle: '</title><script>alert(2)</script>', derived: false },
    outlet: { value: '=HYPERLINK("http://evil")', from: 'header', evidence: '' },
    bylines: { reporters: ['<b>记者</b>'], authors: [], editors: [], chiefEditors: [], reviewers: [] },
  },
  HOSTILE_BODY,
);
const articles = [
  hostile,
  makeArticle('广东'),
  makeArticle('廣東'),
  makeArticle('caf\u00e9'),
  makeArticle('cafe\u0301'),
  makeArticle('undated', { date: null, region: null, outlet: null, title: null }),
  makeArticle('partial', { date: { value: '--01-28', from: 'header', evidence: '', precision: 'month-day', year: null, month: 1, day: 28, suggestedYear: { year: 2022, reasoning: ['context'] } } }),
];

const snapshot = (dir: string) =>
  new Map(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

let work: string;
let out: string;
const page = (slugStart: string) => {
  const dir = readdirSync(join(out, 'articles')).find((d) => d.startsWith(slugStart))!;
  return readFileSync(join(out, 'articles', dir, 'index.html'), 'utf8');
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'na-hostile-'));
  out = join(work, 'site');
  await publishSite({ corpus: makeCorpus(articles), output: out });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile article text renders as text', () => {
  it('escapes <script>, template syntax and quotes in titles and bodies', () => {
    const html = page('hostile');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(html).toContain('{{ 7*7 }}');
    expect(html).toContain('{{ 6*7 }}');
    expect(html).not.toMatch(/\b49\b|\b42\b/);
    expect(html).toContain('{% include &quot;base.njk&quot; %}');
  });
  it('keeps JSON-LD inside its script element and equal to the data', () => {
    const html = page('hostile');
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    const ld = JSON.parse(blocks[0]![1]!);
    expect(ld.headline).toBe(HOSTILE_TITLE);
    expect(blocks[0]![1]).not.toMatch(/[<>\u2028\u2029]/);
  });
  it('has one h1 and the right lang attributes', () => {
    const html = page('hostile');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toMatch(/<html lang="zh-Hans">/);
    // The other script is on the same page, in elements that say their language.
    expect(html).toContain('lang="zh-Hant"');
  });
  it('escapes titles in the Atom feed', () => {
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(feed).not.toContain('<script>');
    expect(feed).toContain('&lt;script&gt;');
  });
  it('neutralizes formula cells in the CSV downloads', () => {
    const csv = readFileSync(join(out, 'data', 'articles.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});

describe('colliding ids keep distinct permanent URLs', () => {
  it('广东/廣東 and NFC/NFD each get their own page', () => {
    const dirs = readdirSync(join(out, 'articles'));
    expect(dirs).toHaveLength(articles.length);
    for (const d of dirs) expect(d).toMatch(/^[a-z0-9_-]+$/);
  });
  it('shows undated and year-unknown articles in their own date groups', () => {
    expect(existsSync(join(out, 'dates', 'undated', 'index.html'))).toBe(true);
    const partial = readFileSync(join(out, 'dates', 'year-unknown', 'index.html'), 'utf8');
    expect(partial).toContain('1月28日（年份不详）');
    expect(page('partial')).toContain('推测为2022年');
  });
  it('has no broken internal links', () => {
    expect(brokenLinks(out, '/')).toEqual([]);
  });
  it('writes a build report naming every input', () => {
    const report = JSON.parse(readFileSync(join(out, 'data', 'build-report.json'), 'utf8'));
    expect(report.totals).toEqual({ inputs: articles.length + 1, published: articles.length, skipped: 1 });
    expect(report.files.find((f: { file: string }) => f.file === 'empty.txt')).toMatchObject({ status: 'skipped', reason: 'empty file' });
  });
});

describe('a failed build leaves the previous site untouched', () => {
  it('keeps the old site when a template fails', async () => {
    const before = snapshot(out);
    await expect(publishSite({ corpus: makeCorpus(articles.slice(0, 2)), output: out, search: false, extraTemplates: { 'broken.njk': '{% if %}' } })).rejects.toThrow(/site build failed/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dirname(out)).filter((n) => n.includes('building'))).toEqual([]);
  });
  it('fails on a typo in a template (an undefined value) instead of rendering it blank', async () => {
    const before = snapshot(out);
    const typo = { 'typo.njk': '---\npermalink: /typo/index.html\n---\n<h1>{{ site.titel }}</h1>' };
    await expect(publishSite({ corpus: makeCorpus(articles.slice(0, 2)), output: out, search: false, extraTemplates: typo })).rejects.toThrow(/site build failed.*undefined|null or undefined/s);
    expect(snapshot(out)).toEqual(before);
  });
  it('refuses a permalink that escapes the output folder and writes nothing there', async () => {
    const before = snapshot(out);
    const escaping = { 'escape.njk': '---\npermalink: ../../escaped-by-test.html\n---\nx' };
    await expect(publishSite({ corpus: makeCorpus(articles), output: out, search: false, extraTemplates: escaping })).rejects.toThrow(/outside the output folder/);
    expect(existsSync(join(dirname(out), 'escaped-by-test.html'))).toBe(false);
    expect(existsSync(join(dirname(dirname(out)), 'escaped-by-test.html'))).toBe(false);
    expect(snapshot(out)).toEqual(before);
  });
  it('refuses ---js front matter without running it', async () => {
    const evil = { 'evil.md': '---js\n{ permalink: "/evil/index.html", x: (globalThis.__pwnedByFrontMatter = 1) }\n---\nhi' };
    await expect(publishSite({ corpus: makeCorpus(articles), output: out, search: false, extraTemplates: evil })).rejects.toThrow(/site build failed/);
    expect((globalThis as Record<string, unknown>).__pwnedByFrontMatter).toBeUndefined();
  });
  it('removes stale pages of articles that are gone', async () => {
    const w = join(work, 'stale');
    await publishSite({ corpus: makeCorpus(articles.slice(0, 3)), output: w, search: false });
    expect(readdirSync(join(w, 'articles'))).toHaveLength(3);
    await publishSite({ corpus: makeCorpus(articles.slice(0, 1)), output: w, search: false });
    expect(readdirSync(join(w, 'articles'))).toHaveLength(1);
  });
});
