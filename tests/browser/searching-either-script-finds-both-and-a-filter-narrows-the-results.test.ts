import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { articleIds, expectNoProblems, resultHrefs, searchFor, waitForResults, SEED_HANS, SEED_HANT } from './support/pages.ts';
import { buildAndServe, type BuiltSite } from './support/site.ts';

let site: BuiltSite;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;

beforeAll(async () => {
  [site, browser] = await Promise.all([buildAndServe(), launchChromium()]);
  ({ context, problems } = await watchedContext(browser, site.origin));
});
afterAll(async () => {
  await browser?.close();
  await site?.dispose();
});

async function openSearch(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.url);
  await page.getByRole('navigation', { name: /站点导航|Site/ }).getByRole('link', { name: /搜索|Search/ }).click();
  await page.waitForURL(/\/search\/$/);
  return page;
}

const expectBothSeeds = (hrefs: string[]) => {
  const ids = articleIds(hrefs);
  expect(ids.some((id) => id.startsWith(SEED_HANS)), `results ${ids.join(', ')} should include 001`).toBe(true);
  expect(ids.some((id) => id.startsWith(SEED_HANT)), `results ${ids.join(', ')} should include 004`).toBe(true);
};

describe('search', () => {
  for (const query of ['刘烁', '劉爍']) {
    it(`finds the Simplified article 001 and the Traditional article 004 for ${query}`, async () => {
      const page = await openSearch();
      expectBothSeeds(await searchFor(page, query));
      // A result is a working link to the article.
      await page.locator(`.pagefind-ui__result-link[href*="/articles/${SEED_HANT}"]`).first().click();
      await page.waitForURL(new RegExp(`/articles/${SEED_HANT}`));
      await page.locator('h1').waitFor();
      expectNoProblems(takeProblems(problems), `search ${query}`);
      await page.close();
    });
  }

  it('runs a query typed into the home page search box (Traditional) on the search page', async () => {
    const page = await context.newPage();
    await page.goto(site.url);
    const box = page.getByRole('search').getByRole('searchbox');
    await box.fill('劉爍');
    await box.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    expectBothSeeds(await waitForResults(page, '劉爍'));
    expectNoProblems(takeProblems(problems), 'home search box');
    await page.close();
  });

  it('narrows the results with each filter (region, outlet, year, person)', async () => {
    const page = await openSearch();
    const all = await searchFor(page, '市委');
    expect(all.length).toBeGreaterThanOrEqual(3);
    const groups = await page.locator('.pagefind-ui__filter-checkbox').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
    expect(groups.sort()).toEqual(expect.arrayContaining(['outlet', 'person', 'region', 'year']));
    const narrowed: string[] = [];
    for (const group of ['region', 'outlet', 'year', 'person']) {
      const labels = await page.locator(`.pagefind-ui__filter-checkbox[name="${group}"] + label`).allTextContents();
      // A value whose count is between 1 and all-but-one narrows the results without emptying them.
      const index = labels.findIndex((l) => {
        const n = Number(/\((\d+)\)\s*$/.exec(l)?.[1] ?? 0);
        return n > 0 && n < all.length;
      });
      if (index < 0) continue;
      const expected = Number(/\((\d+)\)\s*$/.exec(labels[index]!)![1]);
      const block = page.locator('.pagefind-ui__filter-block').filter({ has: page.locator(`.pagefind-ui__filter-checkbox[name="${group}"]`) });
      const details = block.first();
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
      const label = block.locator(`.pagefind-ui__filter-checkbox[name="${group}"] + label`).nth(index);
      await label.click();
      await page.waitForFunction((n) => document.querySelectorAll('.pagefind-ui__result-link').length === n, expected);
      const filtered = await resultHrefs(page);
      expect(filtered.length, `${group} = ${labels[index]}`).toBe(expected);
      expect(filtered.length).toBeLessThan(all.length);
      for (const h of filtered) expect(all).toContain(h);
      narrowed.push(`${group}: ${labels[index]!.trim()} → ${filtered.length}/${all.length}`);
      await label.click();
      await page.waitForFunction((n) => document.querySelectorAll('.pagefind-ui__result-link').length === n, all.length);
    }
    expect(narrowed.map((n) => n.split(':')[0])).toEqual(['region', 'outlet', 'year', 'person']);
    expectNoProblems(takeProblems(problems), 'search filters');
    await page.close();
  });
});
