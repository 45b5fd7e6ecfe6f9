import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { expectNoProblems, SEED_HANS, SEED_HANT } from './support/pages.ts';
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

describe('a reader browsing the archive', () => {
  it('goes from the home page to an article and on to the person page of an official named in it', async () => {
    await page.goto(site.url);
    await expect(page.locator('h1').textContent()).resolves.toContain('新闻档案');
    const latest = page.getByRole('region', { name: /最新文章|Latest articles/ });
    const listed = await latest.locator('a[href*="/articles/"]').count();
    expect(listed).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'home');
    expectNoProblems(takeProblems(problems), 'home');

    await latest.locator(`a[href*="/articles/${SEED_HANS}"]`).first().click();
    await page.waitForURL(new RegExp(`/articles/${SEED_HANS}[^/]*/$`));
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
    const officials = page.getByRole('region', { name: /官员|Officials/ });
    await officials.waitFor({ state: 'visible' });
    await screenshot(page, 'article-001');
    // Built without --site-url, the citation completes itself with the page's own address, in
    // every format, and the formats open on demand.
    const cite = page.getByRole('region', { name: /引用|Cite this/ });
    // The citation of the script shown (both are on the page; the other is hidden with its script).
    const shown = cite.locator(':scope > div:visible');
    const urls = await shown.locator('.cite-url').allTextContents();
    expect(urls).toHaveLength(4);
    for (const u of urls) expect(u).toBe(page.url());
    await shown.getByText('BibTeX').click();
    await expect(shown.locator('pre').first().textContent()).resolves.toContain(`url = {${page.url()}}`);
    expectNoProblems(takeProblems(problems), 'article 001');

    await officials.getByRole('link', { name: '刘烁', exact: true }).click();
    await page.waitForURL(/\/people\/[^/]+\/$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('刘烁');
    // Names in both scripts, and every appearance links back to its article.
    await expect(page.locator('main').textContent()).resolves.toContain('劉爍');
    const appearances = await page.locator('main a[href*="/articles/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(appearances.some((h) => h.includes(`/articles/${SEED_HANS}`))).toBe(true);
    expect(appearances.some((h) => h.includes(`/articles/${SEED_HANT}`))).toBe(true);
    await screenshot(page, 'person-liu-shuo');
    expectNoProblems(takeProblems(problems), 'person 刘烁');

    // And back: the person page leads to the Traditional article 004.
    await page.locator(`main a[href*="/articles/${SEED_HANT}"]`).first().click();
    await page.waitForURL(new RegExp(`/articles/${SEED_HANT}`));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hant');
    await expect(page.locator('h1').textContent()).resolves.toMatch(/劉爍/);
    await screenshot(page, 'article-004');
    expectNoProblems(takeProblems(problems), 'article 004');
  });
});
