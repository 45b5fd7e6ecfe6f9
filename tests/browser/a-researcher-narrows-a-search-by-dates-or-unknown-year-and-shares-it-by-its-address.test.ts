import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAxeViolations, takeProblems } from './support/browser.ts';
import { articleIds, expectNoProblems, resultHrefs, searchFor, waitForResults } from './support/pages.ts';
import { seedSiteSession } from './support/site.ts';

// 市委 is in every seed: 000 is dated 2023年8月 (a month only), 002 2022-07-20, 003 2021-10-01,
// and 001 and 004 have a month and day but no year.
const QUERY = '市委';
const ALL = ['000_', '001_', '002_', '003_', '004_'];
const YEAR_UNKNOWN = '年份不详 Year unknown';

const session = seedSiteSession();

/** The seeds (id prefixes) among the results shown, sorted. */
const seedsShown = async (page: Page) =>
  articleIds(await resultHrefs(page))
    .map((id) => id.slice(0, 4))
    .sort();

/** Waits until the page shows exactly the seeds `prefixes`, its status counting them. */
async function expectSeeds(page: Page, prefixes: string[]): Promise<void> {
  await page.waitForFunction((want) => {
    const hrefs = Array.from(document.querySelectorAll('.search-result-link'), (a) => a.getAttribute('href') ?? '');
    const ids = hrefs.map((h) => /\/articles\/([^/]+)\//.exec(h)?.[1]?.slice(0, 4) ?? h).sort();
    const count = /^找到 (\d+)/.exec(document.querySelector('.search-status')?.textContent ?? '')?.[1];
    return JSON.stringify(ids) === JSON.stringify(want) && count === String(want.length);
  }, [...prefixes].sort());
  expect(await seedsShown(page)).toEqual([...prefixes].sort());
}

/** The address's query string, decoded, as a reader would read it. */
const params = (page: Page) => Object.fromEntries([...new URL(page.url()).searchParams].map(([k, v]) => [k, v]));

const yearGroup = (page: Page) => page.locator('details.search-filter[data-group="year"]');

async function openYears(page: Page): Promise<void> {
  await yearGroup(page).locator('summary').click();
  await yearGroup(page).locator('.search-filter-checkbox').first().waitFor();
}

describe('a date range', () => {
  it('narrows the results to the articles of those days, keeping one dated only by a month that overlaps them', async () => {
    const page = await session.context.newPage();
    await page.goto(session.site.at('search/'));
    await searchFor(page, QUERY);
    await expectSeeds(page, ALL);
    // The inputs are found by their labels, as a screen reader names them.
    await page.getByLabel('从 From').fill('2022-01-01');
    await page.getByLabel('到 To').fill('2022-12-31');
    await expectSeeds(page, ['002_']);
    expect(params(page)).toEqual({ q: QUERY, from: '2022-01-01', to: '2022-12-31' });
    // 000 is dated August 2023: a range of two days in August 2023 includes it.
    await page.getByLabel('从 From').fill('2023-08-15');
    await page.getByLabel('到 To').fill('2023-08-16');
    await expectSeeds(page, ['000_']);
    // Open at one end: everything since 2021-10-01 that has a known year.
    await page.getByLabel('从 From').fill('2021-10-01');
    await page.getByLabel('到 To').fill('');
    await expectSeeds(page, ['000_', '002_', '003_']);
    expect(params(page)).toEqual({ q: QUERY, from: '2021-10-01' });
    expectNoProblems(takeProblems(session.problems), 'date range');
    await page.close();
  });

  it('can be set from the keyboard: Tab goes from the search button to the From day, then to the To day', async () => {
    const page = await session.context.newPage();
    await page.goto(session.site.at('search/'));
    await page.getByRole('button', { name: '搜索 Search' }).focus();
    // A date input is one element whose parts (year, month, day) are each a Tab stop.
    const focused: string[] = [];
    for (let i = 0; i < 8 && focused[focused.length - 1] !== 'search-to'; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(focused[0]).toBe('search-from');
    expect(focused[focused.length - 1]).toBe('search-to');
    expect(new Set(focused)).toEqual(new Set(['search-from', 'search-to']));
    await page.close();
  });
});

describe('articles whose year is unknown', () => {
  it('are one value of the year filter, 年份不详 Year unknown, which finds them', async () => {
    const page = await session.context.newPage();
    await page.goto(session.site.at('search/'));
    await searchFor(page, QUERY);
    await openYears(page);
    const labels = (await yearGroup(page).locator('.search-filter-checkbox + label').allTextContents()).map((l) => l.trim());
    expect(labels).toContain(`${YEAR_UNKNOWN} (2)`);
    await yearGroup(page).getByLabel(YEAR_UNKNOWN).check();
    await expectSeeds(page, ['001_', '004_']);
    expect(params(page)).toEqual({ q: QUERY, year: YEAR_UNKNOWN });
    expectNoProblems(takeProblems(session.problems), 'year unknown');
    await page.close();
  });
});

describe('the address', () => {
  it('restores the query, the date range and the filters it holds when opened, as a shared link', async () => {
    const page = await session.context.newPage();
    const shared = new URL(session.site.at('search/'));
    shared.search = new URLSearchParams([
      ['q', QUERY],
      ['year', YEAR_UNKNOWN],
    ]).toString();
    await page.goto(shared.href);
    await waitForResults(page, QUERY);
    await expectSeeds(page, ['001_', '004_']);
    expect(await page.locator('#search-input').inputValue()).toBe(QUERY);
    // The group is open, its value checked.
    expect(await yearGroup(page).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await yearGroup(page).getByLabel(YEAR_UNKNOWN).isChecked()).toBe(true);

    shared.search = new URLSearchParams([
      ['q', QUERY],
      ['from', '2021-01-01'],
      ['to', '2022-12-31'],
      ['year', '2022'],
    ]).toString();
    await page.goto(shared.href);
    await expectSeeds(page, ['002_']);
    expect(await page.getByLabel('从 From').inputValue()).toBe('2021-01-01');
    expect(await page.getByLabel('到 To').inputValue()).toBe('2022-12-31');
    expect(await yearGroup(page).getByLabel('2022').isChecked()).toBe(true);
    expectNoProblems(takeProblems(session.problems), 'shared addresses');
    await page.close();
  });

  it('follows the search, and the back and forward buttons return to each step', async () => {
    const page = await session.context.newPage();
    await page.goto(session.site.at('search/'));
    const start = await page.evaluate(() => history.length);
    // Typing: one history entry for the query, however many keystrokes.
    await page.locator('#search-input').pressSequentially(QUERY, { delay: 30 });
    await waitForResults(page, QUERY);
    await expectSeeds(page, ALL);
    expect(params(page)).toEqual({ q: QUERY });
    expect(await page.evaluate(() => history.length)).toBe(start + 1);
    // Submitting the query typed makes no second entry.
    await page.locator('#search-input').press('Enter');
    await waitForResults(page, QUERY);
    expect(await page.evaluate(() => history.length)).toBe(start + 1);
    // A filter checked is an entry.
    await openYears(page);
    await yearGroup(page).getByLabel(YEAR_UNKNOWN).check();
    await expectSeeds(page, ['001_', '004_']);
    expect(params(page)).toEqual({ q: QUERY, year: YEAR_UNKNOWN });
    // Another query submitted is an entry.
    await page.locator('#search-input').fill('经开区');
    await page.locator('#search-input').press('Enter');
    await waitForResults(page, '经开区');
    expect(params(page).q).toBe('经开区');

    await page.goBack();
    await waitForResults(page, QUERY);
    await expectSeeds(page, ['001_', '004_']);
    expect(await page.locator('#search-input').inputValue()).toBe(QUERY);
    expect(await yearGroup(page).getByLabel(YEAR_UNKNOWN).isChecked()).toBe(true);

    await page.goBack();
    await expectSeeds(page, ALL);
    expect(params(page)).toEqual({ q: QUERY });
    expect(await yearGroup(page).getByLabel(YEAR_UNKNOWN).isChecked()).toBe(false);

    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 0);
    expect(await page.locator('#search-input').inputValue()).toBe('');
    expect(new URL(page.url()).search).toBe('');

    await page.goForward();
    await page.goForward();
    await expectSeeds(page, ['001_', '004_']);
    expect(params(page)).toEqual({ q: QUERY, year: YEAR_UNKNOWN });
    expectNoProblems(takeProblems(session.problems), 'history');
    await page.close();
  });

  it('without JavaScript, the form still sends the query and the dates', async () => {
    const plain = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(session.site.at('search/'));
    await page.locator('#search-input').fill(QUERY);
    await page.getByLabel('从 From').fill('2022-01-01');
    await page.locator('#search-input').press('Enter');
    await page.waitForURL(/\?q=/);
    expect(params(page)).toEqual({ q: QUERY, from: '2022-01-01', to: '' });
    await plain.close();
  });
});

describe('at phone width (390 px)', () => {
  it('the search page with a date range, results and the year filter open does not scroll sideways and has no serious axe violation', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(session.site.at('search/'));
    await searchFor(page, QUERY);
    await page.getByLabel('从 From').fill('2021-01-01');
    await expectSeeds(page, ['000_', '002_', '003_']);
    await openYears(page);
    await page.locator('.search-result-excerpt mark').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const input of ['#search-input', '#search-from', '#search-to']) {
      const box = (await page.locator(input).boundingBox())!;
      expect(box.x, input).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, input).toBeLessThanOrEqual(390);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    expectNoProblems(takeProblems(session.problems), 'search at 390 px');
    await page.close();
  });
});
