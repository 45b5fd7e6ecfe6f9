import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { articleIds, crawl, expectNoProblems, searchFor, SEED_HANS, SEED_HANT } from './support/pages.ts';
import { buildAndServe, type BuiltSite } from './support/site.ts';

const BASE = '/sub/path/';

let site: BuiltSite;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;
let page: Page;

beforeAll(async () => {
  [site, browser] = await Promise.all([buildAndServe({ base: BASE }), launchChromium()]);
  ({ context, problems } = await watchedContext(browser, site.origin));
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await site?.dispose();
});

describe(`a site built with --base ${BASE} and served under it`, () => {
  it('goes from the home page to an article, styled, with every request under the base', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(site.url);
    const latest = page.getByRole('region', { name: /最新文章|Latest articles/ });
    await latest.locator(`a[href*="/articles/${SEED_HANS}"]`).first().click();
    await page.waitForURL(new RegExp(`^${site.origin}${BASE}articles/${SEED_HANS}[^/]*/$`));
    await page.locator('h1').waitFor();
    // The stylesheet loaded from under the base (a missing one would leave the default margin).
    const sheets = await page.evaluate(() => Array.from(document.styleSheets).map((s) => s.href ?? ''));
    expect(sheets.some((h) => h.startsWith(`${site.origin}${BASE}`))).toBe(true);
    await page
      .getByRole('group', { name: /字体|Script/ })
      .getByLabel('繁體')
      .check();
    await expect(page.locator('section.body[lang="zh-Hant"]').isVisible()).resolves.toBe(true);
    const outside = requests.filter((u) => u.startsWith(site.origin) && !u.startsWith(site.url) && !u.endsWith('/favicon.ico'));
    expect(outside).toEqual([]);
    expectNoProblems(takeProblems(problems), 'home → article under the base');
  });

  it('search still finds 001 and 004 for 刘烁, with result links under the base', async () => {
    await page.goto(site.url);
    await page
      .getByRole('navigation', { name: /站点导航|Site/ })
      .getByRole('link', { name: /搜索|Search/ })
      .click();
    await page.waitForURL(`${site.url}search/`);
    const hrefs = await searchFor(page, '刘烁');
    const ids = articleIds(hrefs);
    expect(
      ids.some((id) => id.startsWith(SEED_HANS)),
      ids.join(', '),
    ).toBe(true);
    expect(
      ids.some((id) => id.startsWith(SEED_HANT)),
      ids.join(', '),
    ).toBe(true);
    for (const h of hrefs) expect(new URL(h, page.url()).href.startsWith(`${site.url}articles/`), h).toBe(true);
    await page.locator(`.search-result-link[href*="/articles/${SEED_HANT}"]`).first().click();
    await page.waitForURL(new RegExp(`^${site.origin}${BASE}articles/${SEED_HANT}`));
    await page.locator('h1').waitFor();
    expectNoProblems(takeProblems(problems), 'search under the base');
  });

  it('has no page whose links, styles or scripts leave the base or fail', async () => {
    const report: Array<{ url: string } & PageProblems> = [];
    const visited = await crawl(page, site.url, site.origin, async (url) => {
      const p = takeProblems(problems);
      if (!url.startsWith(site.url)) p.failedRequests.push(`link outside the base: ${url}`);
      if (p.consoleErrors.length || p.pageErrors.length || p.dialogs.length || p.failedRequests.length) report.push({ url, ...p });
    });
    expect(visited.length).toBeGreaterThanOrEqual(30);
    expect(report).toEqual([]);
  });
});
