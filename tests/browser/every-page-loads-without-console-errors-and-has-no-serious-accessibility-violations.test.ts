import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, seriousAxeViolations, takeProblems, watchedContext, type AxeViolation, type PageProblems } from './support/browser.ts';
import { crawl, expectNoProblems, openFilters, searchFor, SEED_HANS, SEED_HANT } from './support/pages.ts';
import { buildAndServe, type BuiltSite } from './support/site.ts';

let site: BuiltSite;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;
let page: Page;

beforeAll(async () => {
  [site, browser] = await Promise.all([buildAndServe(), launchChromium()]);
  ({ context, problems } = await watchedContext(browser, site.origin));
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await site?.dispose();
});

/** First link on the current page whose href contains `part`, as an absolute URL. */
async function linkTo(part: string): Promise<string> {
  const href = await page.locator(`main a[href*="${part}"]`).first().getAttribute('href');
  expect(href, `a link containing ${part}`).toBeTruthy();
  return new URL(href!, page.url()).href;
}

describe('every page of the seeds site', () => {
  it('loads with no console error, no page error, no dialog and no failed request', async () => {
    const report: Array<{ url: string } & PageProblems> = [];
    const visited = await crawl(page, site.url, site.url, async (url) => {
      const p = takeProblems(problems);
      if (p.consoleErrors.length || p.pageErrors.length || p.dialogs.length || p.failedRequests.length) report.push({ url, ...p });
    });
    // Home, indexes, 5 articles, the people: far more than a handful.
    expect(visited.length).toBeGreaterThanOrEqual(30);
    expect(visited.some((u) => u.includes('/search/'))).toBe(true);
    expect(report).toEqual([]);
  });

  it('the search page with results and filters open has no console error either', async () => {
    await page.goto(site.at('search/'));
    await searchFor(page, '劉爍');
    // Opening the groups fetches their filter files: none may fail.
    await openFilters(page);
    expectNoProblems(takeProblems(problems), 'search with results');
  });
});

describe('axe-core finds no serious or critical violation', () => {
  const pages: Array<[string, () => Promise<void>]> = [
    ['home', async () => void (await page.goto(site.url))],
    [
      'article 001 (Simplified)',
      async () => {
        await page.goto(site.url);
        await page.goto(await linkTo(`/articles/${SEED_HANS}`));
      },
    ],
    [
      'article 004 (Traditional) with its panels open',
      async () => {
        await page.goto(site.url);
        await page.goto(await linkTo(`/articles/${SEED_HANT}`));
        for (const summary of await page.locator('main details > summary:visible').all()) await summary.click();
      },
    ],
    [
      'article 004 in Simplified (machine-converted)',
      async () => {
        await page.goto(site.url);
        await page.goto(await linkTo(`/articles/${SEED_HANT}`));
        await page
          .getByRole('group', { name: /字体|Script/ })
          .getByLabel('简体')
          .check();
      },
    ],
    [
      'person 刘烁',
      async () => {
        await page.goto(site.url);
        await page.goto(await linkTo(`/articles/${SEED_HANS}`));
        await page
          .getByRole('region', { name: /官员|Officials/ })
          .getByRole('link', { name: '刘烁', exact: true })
          .click();
        await page.waitForURL(/\/people\/[^/]+\/$/);
      },
    ],
    [
      'search with results and the filter groups open',
      async () => {
        await page.goto(site.at('search/'));
        await searchFor(page, '刘烁');
        await openFilters(page);
      },
    ],
    [
      'search before a query',
      async () => {
        await page.goto(site.at('search/'));
        await page.locator('#search-input').waitFor();
      },
    ],
    ['people index', async () => void (await page.goto(site.at('people/')))],
    ['dates index', async () => void (await page.goto(site.at('dates/')))],
    ['regions index', async () => void (await page.goto(site.at('regions/')))],
    ['outlets index', async () => void (await page.goto(site.at('outlets/')))],
    ['reporters index', async () => void (await page.goto(site.at('reporters/')))],
    ['404 page', async () => void (await page.goto(site.at('no-such-page/')))],
  ];
  for (const [name, open] of pages) {
    it(`on the ${name}`, async () => {
      await open();
      const violations: AxeViolation[] = await seriousAxeViolations(page);
      expect(violations, `${name}: ${page.url()}`).toEqual([]);
      const p = takeProblems(problems);
      // The 404 page is a 404 response by design.
      if (name === '404 page') {
        p.failedRequests = p.failedRequests.filter((r) => !r.includes('/no-such-page/'));
        p.consoleErrors = p.consoleErrors.filter((r) => !(r.includes('/no-such-page/') && r.includes('404')));
      }
      expectNoProblems(p, name);
    });
  }
});

describe('at phone width (390 px)', () => {
  const phone = async (url: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
  };
  afterAll(async () => page.setViewportSize({ width: 1280, height: 800 }));

  it('the home page fits: no sideways scrolling, the search box whole, chart labels readable', async () => {
    await phone(site.url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = (await page.locator('#home-q').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const label = page.locator('.chart-figure svg text').first();
    if (await label.count()) expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(9);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('an article with its panels open has no serious axe violation and scrolls only inside its tables', async () => {
    await phone(site.url);
    await page.goto(await linkTo(`/articles/${SEED_HANT}`));
    for (const summary of await page.locator('main details > summary:visible').all()) await summary.click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expectNoProblems(takeProblems(problems), 'article at 390 px');
  });
});
