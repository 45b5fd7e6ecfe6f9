import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSearchQuery } from '../../src/site/bigrams.ts';
import { buildSite } from '../../src/site/build.ts';
import { serveSite } from '../../src/site/serve.ts';
import { validate } from './support/json-schema.ts';
import { brokenLinks, listFiles } from './support/link-check.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEEDS = join(ROOT, 'seeds');
const hashDir = (dir: string) => new Map(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

let work: string;
let seedHashes: Map<string, string>;

beforeAll(async () => {
  seedHashes = hashDir(SEEDS);
  work = mkdtempSync(join(tmpdir(), 'na-seeds-'));
  // Sequential: the Pagefind service is one process per Node process.
  await buildSite({ input: SEEDS, output: join(work, 'a') });
  await buildSite({ input: SEEDS, output: join(work, 'b') });
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
  it('is byte-identical across two builds of the same input (outside the Pagefind bundles)', () => {
    // Pagefind 1.5 writes its filter chunks in hash-map order, so their hashed names (and the
    // metadata naming them) vary between runs even for identical records: a known upstream
    // limitation, left out here and stated in the README. Every page and data file must match.
    const ours = (m: Map<string, string>) => new Map([...m].filter(([k]) => !/^pagefind(-\d+)?\//.test(k)));
    const a = ours(hashDir(join(work, 'a')));
    const b = ours(hashDir(join(work, 'b')));
    expect(a.size).toBeGreaterThan(20);
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect(b).toEqual(a);
  });
  it('writes data/articles.json that validates against src/site/articles.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'src/site/articles.schema.json'), 'utf8'));
    const data = JSON.parse(readFileSync(join(work, 'a', 'data', 'articles.json'), 'utf8'));
    expect(data.articles.length).toBeGreaterThan(0);
    expect(validate(schema, data)).toEqual([]);
  });
  it('lists every input file in the build report', () => {
    const report = JSON.parse(readFileSync(join(work, 'a', 'data', 'build-report.json'), 'utf8'));
    expect(report.files.map((f: { file: string }) => f.file).sort()).toEqual([...seedHashes.keys()].sort());
  });
  it('writes CSVs with a BOM', () => {
    for (const f of ['articles.csv', 'appearances.csv']) expect(readFileSync(join(work, 'a', 'data', f), 'utf8').charCodeAt(0)).toBe(0xfeff);
  });
  it('never modifies seeds/', () => {
    expect(hashDir(SEEDS)).toEqual(seedHashes);
  });
});

describe('cross-script search over the built index (Pagefind in Node)', () => {
  it('finds 001 and 004 for both 刘烁 and 劉爍, and a filter narrows the results', async () => {
    const dir = join(work, 'a');
    const server = await serveSite({ dir, port: 0, log: () => {} });
    try {
      const port = (server.address() as AddressInfo).port;
      const pf = await import(/* @vite-ignore */ pathToFileURL(join(dir, 'pagefind', 'pagefind.js')).href);
      await pf.options({ basePath: `http://127.0.0.1:${port}/pagefind/` });
      await pf.init();
      // The same conversion the search page does in the browser (processTerm): to Simplified,
      // then into the pair words of the index.
      const toHans = OpenCC.Converter({ from: 't', to: 'cn' });
      const urlsFor = async (q: string, filters?: Record<string, string[]>) => {
        const r = await pf.search(toSearchQuery(toHans(q)), filters ? { filters } : {});
        return (await Promise.all(r.results.map((x: { data(): Promise<{ url: string }> }) => x.data()))).map((d: { url: string }) => d.url).sort();
      };
      for (const q of ['刘烁', '劉爍']) {
        const urls = await urlsFor(q);
        expect(urls.some((u: string) => u.includes('/001_'))).toBe(true);
        expect(urls.some((u: string) => u.includes('/004_'))).toBe(true);
      }
      const all = await urlsFor('萍乡');
      const filters = await pf.filters();
      const regions = Object.entries((filters.region ?? {}) as Record<string, number>).filter(([, n]) => n > 0);
      if (regions.length > 1) {
        const narrowed = await urlsFor('萍乡', { region: [regions.sort((x, y) => x[1] - y[1])[0]![0]] });
        expect(narrowed.length).toBeLessThan(all.length);
        for (const u of narrowed) expect(all).toContain(u);
      }
    } finally {
      server.close();
    }
  });
});
