import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite } from '../../src/build/index.ts';
import { openIndex } from '../../src/browser/search-engine.ts';
import { launchChromium, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { expectNoProblems, resultHrefs, searchFor, waitForResults, SEED_HANS, SEED_HANT } from './support/pages.ts';
import { SEEDS_DIR } from './support/site.ts';
import { serveStatic, type StaticSite } from './support/static-server.ts';

// Two archives built separately (as parallel CI jobs would), deployed side by side under one
// host: A = seeds 000–002 at /a/, B = seeds 003–004 at /b/, built with `searchWith: ['/a/']`.
// B's search page searches both: 001 (Simplified, in A) and 004 (Traditional, in B) both name
// 刘烁 (劉爍).
const ARCHIVES = [
  { name: 'a', base: '/a/', seeds: ['000_', '001_', '002_'], searchWith: [] as string[] },
  { name: 'b', base: '/b/', seeds: ['003_', '004_'], searchWith: ['/a/'] },
] as const;

let work: string;
let server: StaticSite;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;

const siteDir = () => join(work, 'site');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'na-archives-'));
  const building = (async () => {
    // One after the other: each build already uses every core.
    for (const archive of ARCHIVES) {
      const input = join(work, `in-${archive.name}`);
      mkdirSync(input);
      for (const file of readdirSync(SEEDS_DIR)) if (archive.seeds.some((p) => file.startsWith(p))) copyFileSync(join(SEEDS_DIR, file), join(input, file));
      await buildSite({ input, output: join(siteDir(), archive.name), base: archive.base, searchWith: [...archive.searchWith], cache: false, log: () => {} });
    }
  })();
  [, browser] = await Promise.all([building, launchChromium()]);
  server = await serveStatic(siteDir(), '/');
  ({ context, problems } = await watchedContext(browser, server.origin));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** An archive's index read from disk, to compute what the page should show. */
const readerOf = (name: string) => openIndex((path) => JSON.parse(readFileSync(join(siteDir(), name, 'search-index', path), 'utf8')));

/**
 * What B's search page should find for `query` (Simplified) across both archives: result hrefs in
 * the order shown (score, then B's own before A's, then document number) and, for each person,
 * the hrefs of the results naming them.
 */
async function expected(query: string): Promise<{ hrefs: string[]; persons: Map<string, string[]> }> {
  const hits: Array<{ href: string; score: number; rank: number; id: number }> = [];
  const persons = new Map<string, string[]>();
  for (const archive of ARCHIVES) {
    const reader = readerOf(archive.name);
    const { ids, scores } = await reader.search(query);
    const docs = await reader.docs(ids);
    const hrefOf = new Map(ids.map((id, i) => [id, archive.base + docs[i]!.url.replace(/^\//, '')]));
    ids.forEach((id, i) => hits.push({ href: hrefOf.get(id)!, score: scores[i]!, rank: archive.name === 'b' ? 0 : 1, id }));
    for (const { value, ids: having } of await reader.filter('person')) {
      const found = ids.filter((id) => having.has(id)).map((id) => hrefOf.get(id)!);
      if (found.length) persons.set(value, [...(persons.get(value) ?? []), ...found]);
    }
  }
  hits.sort((x, y) => y.score - x.score || x.rank - y.rank || x.id - y.id);
  return { hrefs: hits.map((h) => h.href), persons };
}

async function openSearch(query?: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.at(query ? `b/search/?q=${encodeURIComponent(query)}` : 'b/search/'));
  return page;
}

const statusText = (page: Page) => page.locator('.search-status').textContent();

describe('one search over two archives built separately', () => {
  it('lists the other archives on the search page as given, not moved under its base', async () => {
    const page = await openSearch();
    const root = page.locator('#search');
    expect(await root.getAttribute('data-base')).toBe('/b/');
    expect(JSON.parse((await root.getAttribute('data-search-with')) ?? 'null')).toEqual(['/a/']);
    await page.goto(server.at('a/search/'));
    expect(JSON.parse((await page.locator('#search').getAttribute('data-search-with')) ?? 'null')).toEqual([]);
    expectNoProblems(takeProblems(problems), 'search pages');
    await page.close();
  });

  for (const query of ['刘烁', '劉爍']) {
    it(`finds 001 in archive A and 004 in archive B for ${query}, and each result opens its page`, async () => {
      const want = await expected('刘烁');
      const page = await openSearch();
      const hrefs = await searchFor(page, query);
      expect(await statusText(page)).toBe(`找到 ${want.hrefs.length} 篇 ${want.hrefs.length} results for “${query}”`);
      // Merged by score across the archives, first page only.
      expect(hrefs).toEqual(want.hrefs.slice(0, 10));
      const inA = hrefs.find((h) => h.startsWith(`/a/articles/${SEED_HANS}`));
      const inB = hrefs.find((h) => h.startsWith(`/b/articles/${SEED_HANT}`));
      expect(inA, hrefs.join(', ')).toBeDefined();
      expect(inB, hrefs.join(', ')).toBeDefined();
      for (const href of [inA!, inB!]) {
        await page.goto(server.at(`b/search/?q=${encodeURIComponent(query)}`));
        await waitForResults(page, query);
        await page.locator(`.search-result-link[href="${href}"]`).click();
        await page.waitForURL(server.at(href));
        await page.locator('h1').waitFor({ state: 'visible' });
      }
      expectNoProblems(takeProblems(problems), `search ${query} over two archives`);
      await page.close();
    });
  }

  it('merges the person filter across archives (counts add up) and a value narrows to its count', async () => {
    const want = await expected('刘烁');
    // 刘烁 is a person of both archives: one value, counting the articles of both.
    expect(
      want.persons
        .get('刘烁')
        ?.map((h) => h.slice(0, 3))
        .sort(),
    ).toEqual(['/a/', '/b/']);
    const page = await openSearch('刘烁');
    const all = await waitForResults(page, '刘烁');
    const group = page.locator('details.search-filter[data-group="person"]');
    await group.locator('summary').click();
    await page.waitForFunction(() => {
      const d = document.querySelector('details.search-filter[data-group="person"]');
      return d && !d.hasAttribute('aria-busy') && d.querySelector('.search-filter-checkbox');
    });
    const labels = group.locator('.search-filter-checkbox + label');
    const shown = (await labels.allTextContents()).map((l) => /^(.*) \((\d+)\)$/.exec(l.trim())!.slice(1));
    expect(new Map(shown.map(([value, n]) => [value!, Number(n)]))).toEqual(new Map([...want.persons].map(([value, hrefs]) => [value, hrefs.length])));
    expect(shown.map(([value]) => value)).toHaveLength(new Set(shown.map(([value]) => value)).size);

    // A value held by some results but not all, preferably only by the other archive's.
    const candidates = [...want.persons].filter(([, hrefs]) => hrefs.length < all.length);
    const [value, hrefs] = candidates.find(([, h]) => h.every((x) => x.startsWith('/a/'))) ?? candidates[0]!;
    const index = shown.findIndex(([v]) => v === value);
    const resultCount = (n: number) =>
      page.waitForFunction(
        (m) => document.querySelectorAll('.search-result-link').length === m && /^找到 (\d+)/.exec(document.querySelector('.search-status')?.textContent ?? '')?.[1] === String(m),
        n,
      );
    await labels.nth(index).click();
    await resultCount(hrefs.length);
    expect((await resultHrefs(page)).sort(), `person = ${value}`).toEqual([...hrefs].sort());
    await labels.nth(index).click();
    await resultCount(all.length);
    expectNoProblems(takeProblems(problems), 'person filter over two archives');
    await page.close();
  });

  it('applies a date range and the year filter to the results of both archives', async () => {
    // 市委 is in every seed: 002 (2022-07-20, A) and 003 (2021-10-01, B) are in 2021–2022;
    // 001 (A) and 004 (B) have no year.
    const page = await openSearch('市委');
    await waitForResults(page, '市委');
    const shown = async (n: number) => {
      await page.waitForFunction(
        (m) => /^找到 (\d+)/.exec(document.querySelector('.search-status')?.textContent ?? '')?.[1] === String(m) && document.querySelectorAll('.search-result-link').length === m,
        n,
      );
      return (await resultHrefs(page)).map((h) => h.replace(/^(\/[ab]\/)articles\/(\d+)_.*$/, '$1$2')).sort();
    };
    await page.getByLabel('从 From').fill('2021-01-01');
    await page.getByLabel('到 To').fill('2022-12-31');
    expect(await shown(2)).toEqual(['/a/002', '/b/003']);
    await page.getByLabel('从 From').fill('');
    await page.getByLabel('到 To').fill('');
    const group = page.locator('details.search-filter[data-group="year"]');
    await group.locator('summary').click();
    await group.getByLabel('年份不详 Year unknown (2)').check();
    expect(await shown(2)).toEqual(['/a/001', '/b/004']);
    expectNoProblems(takeProblems(problems), 'dates over two archives');
    await page.close();
  });

  it('still shows the results of archive B when archive A cannot be reached, with a note and no errors of its own', async () => {
    const page = await context.newPage();
    await page.route(`${server.origin}/a/search-index/**`, (route) => route.abort());
    await page.goto(server.at('b/search/'));
    const hrefs = await searchFor(page, '刘烁');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h.startsWith('/b/articles/'), h).toBe(true);
    expect(hrefs.some((h) => h.startsWith(`/b/articles/${SEED_HANT}`))).toBe(true);
    expect(await statusText(page)).toMatch(/^找到 \d+ 篇 .*（1 个档案无法搜索 1 archive could not be searched）$/);
    // The person filter still loads (from the archive that answered).
    await page.locator('details.search-filter[data-group="person"] summary').click();
    await page.locator('details.search-filter[data-group="person"] .search-filter-checkbox').first().waitFor();
    const p = takeProblems(problems);
    // The blocked requests fail, and the browser itself logs each one; the page logs nothing.
    expect(p.failedRequests.length).toBeGreaterThan(0);
    for (const f of p.failedRequests) expect(f).toContain(`${server.origin}/a/search-index/`);
    expect({ consoleErrors: p.consoleErrors.filter((m) => !/Failed to load resource/.test(m)), pageErrors: p.pageErrors, dialogs: p.dialogs }).toEqual({
      consoleErrors: [],
      pageErrors: [],
      dialogs: [],
    });
    await page.close();
  });
});
