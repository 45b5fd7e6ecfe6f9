import { ExportRecordSchema, exportJsonSchemas, LineRecordSchema } from '../../src/article.ts';
import { expandLineRecord } from '../../src/io/export.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/index.ts';
import { openIndex } from '../../src/browser/search-engine.ts';
import { brokenLinks, listFiles } from './support/link-check.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEEDS = join(ROOT, 'seeds');
const hashDir = (dir: string) =>
  new Map(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

let work: string;
let seedHashes: Map<string, string>;

beforeAll(async () => {
  seedHashes = hashDir(SEEDS);
  work = mkdtempSync(join(tmpdir(), 'na-seeds-'));
  await buildSite({ input: SEEDS, output: join(work, 'a') });
  // The same site rendered in many small Eleventy runs, its bodies waiting in a file (as a large
  // archive is made): must not differ.
  await buildSite({ input: SEEDS, output: join(work, 'b'), pagesPerRun: 7, spoolFromBytes: 0 });
  await buildSite({ input: SEEDS, output: join(work, 'sub'), base: '/sub/path/' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the seeds build', () => {
  it('has 0 broken internal links', () => {
    expect(brokenLinks(join(work, 'a'), '/')).toEqual([]);
  });
  it('has 0 broken internal links under --base /sub/path/', () => {
    expect(brokenLinks(join(work, 'sub'), '/sub/path/')).toEqual([]);
    const home = readFileSync(join(work, 'sub', 'index.html'), 'utf8');
    expect(home).toContain('href="/sub/path/assets/style.css"');
    expect(readFileSync(join(work, 'sub', 'feed.xml'), 'utf8')).toContain('href="/sub/path/articles/');
    expect(readFileSync(join(work, 'sub', 'search', 'index.html'), 'utf8')).toContain('data-base="/sub/path/"');
  });
  it('is byte-identical across two builds of the same input (one in runs of 7 item pages, its bodies spooled), search index included', () => {
    const a = hashDir(join(work, 'a'));
    const b = hashDir(join(work, 'b'));
    expect(a.size).toBeGreaterThan(20);
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect(b).toEqual(a);
  });
  it('writes data/articles.jsonl (texts once) and article.json beside each page, which the schemas accept and which expand to the same records', () => {
    const dir = join(work, 'a');
    const parts = JSON.parse(readFileSync(join(dir, 'data', 'articles.parts.json'), 'utf8'));
    expect(parts.parts.map((p: { file: string }) => p.file)).toEqual(['articles.jsonl']);
    const lines = readFileSync(join(dir, 'data', 'articles.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(parts.records);
    expect(lines.length).toBe(5);
    for (const line of lines) {
      const l = JSON.parse(line);
      const checked = LineRecordSchema.safeParse(l);
      expect(checked.success ? [] : checked.error.issues).toEqual([]);
      const page = readdirSync(join(dir, 'articles')).find(
        (slug) => existsSync(join(dir, 'articles', slug, 'article.json')) && JSON.parse(readFileSync(join(dir, 'articles', slug, 'article.json'), 'utf8')).id === l.id,
      );
      expect(page, l.id).toBeTruthy();
      const whole = JSON.parse(readFileSync(join(dir, 'articles', page!, 'article.json'), 'utf8'));
      expect(ExportRecordSchema.safeParse(whole).success).toBe(true);
      expect(expandLineRecord(l)).toEqual(whole);
      // Each text once: the line is smaller than the whole record.
      expect(line.length).toBeLessThan(JSON.stringify(whole).length);
    }
    const schemas = exportJsonSchemas();
    expect(JSON.parse(readFileSync(join(dir, 'data', 'articles.schema.json'), 'utf8'))).toEqual(schemas.line);
    expect(JSON.parse(readFileSync(join(dir, 'data', 'article.schema.json'), 'utf8'))).toEqual(schemas.article);
  });
  it('lists every input file in the build report', () => {
    const report = JSON.parse(readFileSync(join(work, 'a', 'data', 'build-report.json'), 'utf8'));
    expect(report.files.map((f: { file: string }) => f.file).sort()).toEqual([...seedHashes.keys()].sort());
  });
  it('writes CSVs with a BOM', () => {
    for (const f of ['articles.csv', 'appearances.csv']) expect(readFileSync(join(work, 'a', 'data', f), 'utf8').charCodeAt(0)).toBe(0xfeff);
    // A month and day without a year reads as one in a spreadsheet, not as a guarded formula.
    const csv = readFileSync(join(work, 'a', 'data', 'articles.csv'), 'utf8');
    expect(csv).toMatch(/"04-21","month-day"/);
    expect(csv).not.toMatch(/'--/);
  });
  it('never modifies seeds/', () => {
    expect(hashDir(SEEDS)).toEqual(seedHashes);
  });
});

describe('cross-script search over the built index (the search engine in Node)', () => {
  it('finds 001 and 004 for both 刘烁 and 劉爍, and a filter narrows the results', async () => {
    const root = join(work, 'a', 'search-index');
    const index = openIndex((path) => JSON.parse(readFileSync(join(root, path), 'utf8')));
    // The same conversion the search page does in the browser before searching.
    const toHans = OpenCC.Converter({ from: 't', to: 'cn' });
    const idsFor = async (q: string) => (await index.search(toHans(q))).ids;
    const urlsOf = async (ids: number[]) => (await index.docs(ids)).map((d) => d.url);
    for (const q of ['刘烁', '劉爍']) {
      const urls = await urlsOf(await idsFor(q));
      expect(urls.some((u) => u.includes('/001_'))).toBe(true);
      expect(urls.some((u) => u.includes('/004_'))).toBe(true);
    }
    const all = await idsFor('市委');
    expect(all.length).toBeGreaterThan(1);
    const regions = (await index.filter('region')).map((r) => ({ ...r, hits: all.filter((id) => r.ids.has(id)) }));
    const narrowing = regions.find((r) => r.hits.length > 0 && r.hits.length < all.length);
    expect(narrowing, JSON.stringify(regions.map((r) => [r.value, r.hits.length]))).toBeDefined();
  });
});
