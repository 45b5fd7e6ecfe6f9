import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeDate } from '../../src/site/date-label.ts';
import { launchChromium, screenshot, seriousAxeViolations, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { expectNoProblems } from './support/pages.ts';
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

/** The figure the About page gives for `term` in its list of counts. */
const countOf = (term: string) => page.locator('.about-counts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent();

/** How many links the list of an index page shows (outlets, regions, people). */
async function listedOn(path: string, list: string): Promise<number> {
  await page.goto(site.at(path));
  return page.locator(`main ${list} a`).count();
}

describe('a reader on the About page', () => {
  it('finds it in the site navigation and reads counts that match the archive', async () => {
    const outlets = await listedOn('outlets/', 'ul.groups');
    const regions = await listedOn('regions/', 'ul.tree');
    // Everyone named: the officials on /people/ and the journalists on /reporters/.
    const people = (await listedOn('people/', 'ul.person-index')) + (await listedOn('reporters/', 'ul.person-index'));

    await page.goto(site.url);
    await page
      .getByRole('navigation', { name: /站点导航|Site/ })
      .getByRole('link', { name: '关于 About' })
      .click();
    await page.waitForURL(/\/about\/$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('关于本存档 About this archive');

    const { articles } = site.corpus;
    await expect(countOf('文章 Articles')).resolves.toBe(String(articles.length));
    await expect(countOf('输入文件 Input files')).resolves.toBe(String(articles.length + site.corpus.skipped.length));
    await expect(countOf('媒体 Outlets')).resolves.toBe(String(outlets));
    await expect(countOf('地区 Regions')).resolves.toMatch(new RegExp(`^${regions}（`));
    await expect(countOf('人物 People')).resolves.toBe(String(people));
    expect(people).toBe(site.corpus.people.length);
    // The span runs from the earliest to the newest article with a known year.
    const dated = articles
      .map((a) => describeDate(a.date))
      .filter((d) => d.iso)
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1));
    await expect(countOf('时间跨度 Dates covered')).resolves.toContain(`${dated[0]!.zh} – ${dated[dated.length - 1]!.zh}`);
    const kinds = await page.locator('.about-tally').textContent();
    expect(kinds).toContain(`编码 encoding utf-8 ${articles.length}`);
    expect(kinds).toContain(`繁體原文 Traditional originals ${articles.filter((a) => a.script === 'hant').length}`);

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'about');
    expectNoProblems(takeProblems(problems), 'about at 1280 px');
  });

  it('learns which repair rules fired, how often and in how many articles, each explained in both languages', async () => {
    await page.goto(site.at('about/'));
    const byRule = new Map<string, { repairs: number; articles: number }>();
    for (const a of site.corpus.articles) {
      for (const rule of new Set(a.repairs.map((r) => r.rule))) {
        const n = a.repairs.filter((r) => r.rule === rule).length;
        const f = byRule.get(rule) ?? { repairs: 0, articles: 0 };
        byRule.set(rule, { repairs: f.repairs + n, articles: f.articles + 1 });
      }
    }
    const shown = await page.locator('.about-rules dt').allTextContents();
    expect(shown.map((t) => t.split(' ')[0])).toEqual(expect.arrayContaining([...byRule.keys()]));
    expect(shown).toHaveLength(byRule.size);
    for (const [rule, f] of byRule) {
      const term = page.locator('.about-rules dt', { has: page.locator('code', { hasText: new RegExp(`^${rule}$`) }) });
      await expect(term.textContent()).resolves.toContain(`${f.repairs} 处 repairs · ${f.articles} 篇 articles`);
      const note = term.locator('xpath=following-sibling::dd[1]');
      await expect(note.locator('p[lang="en"]').first().textContent()).resolves.toMatch(/\w{3,}/);
      await expect(note.locator('p').first().textContent()).resolves.toMatch(/\p{Script=Han}/u);
    }
    const total = site.corpus.articles.reduce((n, a) => n + a.repairs.length, 0);
    await expect(page.locator('#repaired + p').textContent()).resolves.toContain(`共 ${total} 处`);
    expectNoProblems(takeProblems(problems), 'about: repairs');
  });

  it('reads the build report in words and follows it to an article it names', async () => {
    await page.goto(site.at('about/'));
    const warned = site.corpus.articles.filter((a) => a.diagnostics.some((d) => d.severity === 'warning'));
    expect(warned.length).toBeGreaterThan(0);
    const report = page.getByRole('region', { name: /构建报告|The build report/ });
    const text = (await report.textContent()) ?? '';
    expect(text).toContain(`This build read ${site.corpus.articles.length} files, published ${site.corpus.articles.length} articles`);
    expect(text).toMatch(/Pipeline digest: [0-9a-f]{64}/);
    for (const a of warned) {
      for (const d of a.diagnostics.filter((x) => x.severity === 'warning')) expect(text).toContain(d.rule);
    }
    // Each finding names its articles: following one leads to that article's page.
    const link = report.locator('.finding-articles a').first();
    const title = await link.textContent();
    await link.click();
    await page.waitForURL(/\/articles\/[^/]+\/$/);
    await expect(page.locator('h1').innerText()).resolves.toBe(title);
    expectNoProblems(takeProblems(problems), 'about: build report');
  });

  it('learns how to cite: the formats it lists are those every article page offers, the downloads it links exist, and it says the build had no --site-url', async () => {
    await page.goto(site.at('about/'));
    const cite = page.getByRole('region', { name: /如何引用|How to cite/ });
    const listed = await cite.locator('li > strong').allTextContents();
    await expect(cite.textContent()).resolves.toContain('This archive was built without --site-url');
    await expect(cite.textContent()).resolves.toContain('/articles/<id>/');
    const downloads = await cite.locator('.about-exports a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(downloads.length).toBeGreaterThanOrEqual(8);
    for (const url of downloads) expect((await page.request.get(url)).status(), url).toBe(200);

    await page.goto(site.url);
    await page.locator('main a[href*="/articles/"]').first().click();
    await page.waitForURL(/\/articles\/[^/]+\/$/);
    const offered = page.getByRole('region', { name: /引用|Cite this/ });
    const labels = await offered.locator('summary:visible').allTextContents();
    // The plain reference is shown open; the other formats are behind their labels.
    expect(labels).toEqual(listed.slice(1));
    await expect(page.request.get(`${page.url()}article.json`).then((r) => r.status())).resolves.toBe(200);
    expectNoProblems(takeProblems(problems), 'about: citing');
  });

  it('at phone width (390 px) reads the page without scrolling sideways, and axe finds no serious violation', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(site.at('about/'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'about-390');
      expectNoProblems(takeProblems(problems), 'about at 390 px');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
