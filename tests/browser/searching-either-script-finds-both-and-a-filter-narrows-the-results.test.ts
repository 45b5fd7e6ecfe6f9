import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { takeProblems } from './support/browser.ts';
import { articleIds, expectNoProblems, openFilters, resultHrefs, searchFor, waitForResults, SEED_HANS, SEED_HANT } from './support/pages.ts';
import { seedSiteSession } from './support/site.ts';

const session = seedSiteSession();

async function openSearch(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.site.url);
  await page
    .getByRole('navigation', { name: /站点导航|Site/ })
    .getByRole('link', { name: /搜索|Search/ })
    .click();
  await page.waitForURL(/\/search\/$/);
  return page;
}

const expectBothSeeds = (hrefs: string[]) => {
  const ids = articleIds(hrefs);
  expect(
    ids.some((id) => id.startsWith(SEED_HANS)),
    `results ${ids.join(', ')} should include 001`,
  ).toBe(true);
  expect(
    ids.some((id) => id.startsWith(SEED_HANT)),
    `results ${ids.join(', ')} should include 004`,
  ).toBe(true);
};

describe('search', () => {
  for (const query of ['刘烁', '劉爍']) {
    it(`finds the Simplified article 001 and the Traditional article 004 for ${query}`, async () => {
      const page = await openSearch();
      expectBothSeeds(await searchFor(page, query));
      // A result is a working link to the article.
      await page.locator(`.search-result-link[href*="/articles/${SEED_HANT}"]`).first().click();
      await page.waitForURL(new RegExp(`/articles/${SEED_HANT}`));
      await page.locator('h1').waitFor();
      expectNoProblems(takeProblems(session.problems), `search ${query}`);
      await page.close();
    });
  }

  it('loads the script converter only for a query it can change', async () => {
    const page = await openSearch();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    expectBothSeeds(await searchFor(page, '刘烁'));
    expect(fetched.some((p) => p.endsWith('/assets/t2cn.js'))).toBe(false);
    expectBothSeeds(await searchFor(page, '劉爍'));
    expect(fetched.some((p) => p.endsWith('/assets/t2cn.js'))).toBe(true);
    expectNoProblems(takeProblems(session.problems), 'converter on demand');
    await page.close();
  });

  it('runs a query typed into the home page search box (Traditional) on the search page', async () => {
    const page = await session.context.newPage();
    await page.goto(session.site.url);
    const box = page.getByRole('search').getByRole('searchbox');
    await box.fill('劉爍');
    await box.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    expectBothSeeds(await waitForResults(page, '劉爍'));
    expectNoProblems(takeProblems(session.problems), 'home search box');
    await page.close();
  });

  it('narrows the results with each filter (region, outlet, year, person)', async () => {
    const page = await openSearch();
    const all = await searchFor(page, '市委');
    expect(all.length).toBeGreaterThanOrEqual(3);
    // Each group's values load when its details is first opened.
    const summaries = await page.locator('details.search-filter').evaluateAll((ds) => ds.map((d) => [(d as HTMLElement).dataset.group, d.querySelector('summary')?.textContent?.trim()]));
    expect(Object.fromEntries(summaries)).toEqual({ region: '地区 Region', outlet: '来源 Outlet', year: '年份 Year', person: '人物 Person' });
    await openFilters(page);
    const groups = await page.locator('.search-filter-checkbox').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
    expect(groups.sort()).toEqual(expect.arrayContaining(['outlet', 'person', 'region', 'year']));
    const narrowed: string[] = [];
    const resultCount = (n: number) =>
      page.waitForFunction(
        (m) => document.querySelectorAll('.search-result-link').length === m && /^找到 (\d+)/.exec(document.querySelector('.search-status')?.textContent ?? '')?.[1] === String(m),
        n,
      );
    for (const group of ['region', 'outlet', 'year', 'person']) {
      const block = page.locator(`details.search-filter[data-group="${group}"]`);
      const labels = await block.locator(`.search-filter-checkbox[name="${group}"] + label`).allTextContents();
      // Every value shown is had by at least one result, and none by more than all of them.
      for (const l of labels) expect(Number(/\((\d+)\)\s*$/.exec(l)?.[1] ?? 0), `${group}: ${l}`).toBeGreaterThan(0);
      // A value whose count is between 1 and all-but-one narrows the results without emptying them.
      const index = labels.findIndex((l) => {
        const n = Number(/\((\d+)\)\s*$/.exec(l)?.[1] ?? 0);
        return n > 0 && n < all.length;
      });
      if (index < 0) continue;
      const expected = Number(/\((\d+)\)\s*$/.exec(labels[index]!)![1]);
      const label = block.locator(`.search-filter-checkbox[name="${group}"] + label`).nth(index);
      await label.click();
      await resultCount(expected);
      const filtered = await resultHrefs(page);
      expect(filtered.length, `${group} = ${labels[index]}`).toBe(expected);
      expect(filtered.length).toBeLessThan(all.length);
      for (const h of filtered) expect(all).toContain(h);
      narrowed.push(`${group}: ${labels[index]!.trim()} → ${filtered.length}/${all.length}`);
      await label.click();
      await resultCount(all.length);
    }
    expect(narrowed.map((n) => n.split(':')[0])).toEqual(['region', 'outlet', 'year', 'person']);
    expectNoProblems(takeProblems(session.problems), 'search filters');
    await page.close();
  });
});
