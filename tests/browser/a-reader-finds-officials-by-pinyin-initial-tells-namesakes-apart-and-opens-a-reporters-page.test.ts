import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pinyin } from 'pinyin-pro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/bench/corpus.ts';
import { writeRawFiles } from '../../src/bench/projects.ts';
import { toSimplified } from '../../src/text/script.ts';
import { launchChromium, screenshot, seriousAxeViolations, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { expectNoProblems } from './support/pages.ts';
import { buildAndServe, type BuiltSite } from './support/site.ts';

/**
 * The people and reporters indexes of a generated archive of 300 articles (src/bench/corpus.ts:
 * officials from standing rosters, namesakes in other places, reporters and editors per city),
 * at desktop and phone width.
 */
let raw: string;
let site: BuiltSite;
let browser: Browser;

beforeAll(async () => {
  raw = mkdtempSync(join(tmpdir(), 'na-people-raw-'));
  writeRawFiles(raw, generateCorpus(300, { seed: 1 }));
  [site, browser] = await Promise.all([buildAndServe({ input: raw }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.dispose();
  rmSync(raw, { recursive: true, force: true });
});

/** What the index shows: each letter's heading and entries (name, namesake mark, link, the rest of the line). */
async function readIndex(page: Page) {
  return page.locator('main section:has(h2.initial-heading)').evaluateAll((sections) =>
    sections.map((s) => ({
      letter: s.querySelector('h2')!.textContent!.trim(),
      entries: Array.from(s.querySelectorAll('.person-index li')).map((li) => {
        const a = li.querySelector('a')!;
        return { name: a.firstChild!.textContent!, mark: a.querySelector('.namesake')?.textContent ?? '', href: a.getAttribute('href')!, meta: li.querySelector('.meta')!.textContent! };
      }),
    })),
  );
}

/** A surname's reading as a name (单 shàn, 曾 zēng), toneless, ü as u: what the index is ordered by first. */
const surnameReading = (name: string) => pinyin(name.charAt(0), { mode: 'surname', toneType: 'none' }).replace(/ü/g, 'u');

for (const [width, height] of [
  [1280, 900],
  [390, 844],
] as const) {
  describe(`at ${width} px`, () => {
    let context: BrowserContext;
    let problems: PageProblems;
    let page: Page;
    beforeAll(async () => {
      ({ context, problems } = await watchedContext(browser, site.origin, { viewport: { width, height } }));
      page = await context.newPage();
    });
    afterAll(async () => context?.close());

    it('a reader finds the officials in pinyin order under their initials, and an initial takes them to its letter', async () => {
      await page.goto(site.at('people/'));
      const index = await readIndex(page);
      const letters = index.map((g) => g.letter);
      expect(letters.length).toBeGreaterThan(10);
      expect(letters).toEqual([...letters].sort());
      expect(
        await page
          .getByRole('navigation', { name: /首字母|initial/ })
          .getByRole('link')
          .allTextContents(),
      ).toEqual(letters);
      const names = index.flatMap((g) => g.entries.map((e) => e.name));
      for (const g of index) for (const e of g.entries) expect(surnameReading(e.name).charAt(0).toUpperCase(), e.name).toBe(g.letter);
      const readings = names.map(surnameReading);
      expect(readings).toEqual([...readings].sort());
      // 曾 as a surname is zēng: its people are under Z, not C.
      expect(index.find((g) => g.letter === 'Z')!.entries.some((e) => e.name.startsWith('曾'))).toBe(true);
      expect(index.find((g) => g.letter === 'C')?.entries.some((e) => e.name.startsWith('曾'))).toBeFalsy();

      const letter = letters[Math.floor(letters.length / 2)]!;
      await page
        .getByRole('navigation', { name: /首字母|initial/ })
        .getByRole('link', { name: letter, exact: true })
        .click();
      await page.waitForFunction((l) => location.hash === `#initial-${l}`, letter);
      const top = (await page.locator(`#initial-${letter}`).boundingBox())!.y;
      expect(top).toBeGreaterThanOrEqual(-1);
      expect(top).toBeLessThan(height / 4);
      await page
        .getByRole('link', { name: /首字母 Initials/ })
        .first()
        .click();
      await expect(page.evaluate(() => location.hash)).resolves.toBe('#initials');
      await screenshot(page, `people-index-${width}`);
      expectNoProblems(takeProblems(problems), 'people index');
    });

    it("a reader sees each official's latest post and region, and namesakes numbered and linked to each other", async () => {
      await page.goto(site.at('people/'));
      const entries = (await readIndex(page)).flatMap((g) => g.entries);
      const articles = new Map(site.corpus.articles.map((a) => [a.id, a]));
      // The first 40 entries, checked against the archive's own records.
      for (const e of entries.slice(0, 40)) {
        const person = await personOf(page, e.href);
        const dated = person.appearances.filter((x) => x.posts.length && x.date && /^\d{4}/.test(x.date)).sort((a, b) => (a.date! < b.date! ? -1 : 1));
        const latest = dated[dated.length - 1];
        if (latest) expect(e.meta, e.name).toContain(`${toSimplified(latest.posts.join('、'))}（${latest.date!.slice(0, 4)}年）`);
        const region = e.meta.split(' · ')[1]!;
        if (region !== '地区不详 region unknown') {
          const places = person.appearances.map((x) => articles.get(x.articleId)?.region).map((r) => [r?.province, r?.city, r?.county].filter(Boolean).join(' '));
          expect(
            places.some((p) => p.startsWith(region)),
            `${e.name}: ${region} in ${places}`,
          ).toBe(true);
        }
        expect(e.meta).toMatch(new RegExp(` · ${new Set(person.appearances.map((x) => x.articleId)).size} 篇$`));
      }

      const byName = new Map<string, typeof entries>();
      for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
      const namesakes = [...byName.values()].filter((list) => list.length > 1);
      expect(namesakes.length).toBeGreaterThan(0);
      for (const list of namesakes) {
        expect(new Set(list.map((e) => e.mark)).size, list[0]!.name).toBe(list.length);
        expect(new Set(list.map((e) => e.href)).size).toBe(list.length);
      }
      const [first, second] = namesakes[0]!;
      await page.goto(new URL(first!.href, page.url()).href);
      await expect(page.locator('h1').textContent()).resolves.toBe(`${first!.name}${first!.mark}`);
      const others = page.getByRole('region', { name: /同名者|Namesakes/ });
      await others.getByRole('link', { name: `${second!.name}${second!.mark}` }).click();
      await page.waitForURL(new URL(second!.href, page.url()).href);
      await expect(page.locator('h1').textContent()).resolves.toBe(`${second!.name}${second!.mark}`);
      expectNoProblems(takeProblems(problems), 'namesakes');
    });

    it("a reader opens a reporter's page from the reporters index: it lists the articles that credit them, and no official lists a reporter as a peer", async () => {
      await page.goto(site.at('reporters/'));
      const reporters = (await readIndex(page)).flatMap((g) => g.entries);
      expect(reporters.length).toBeGreaterThan(10);
      const reporter = reporters.find((e) => !e.mark && Number(/(\d+) 篇$/.exec(e.meta)![1]) > 1)!;
      await page.getByRole('link', { name: reporter.name, exact: true }).click();
      await page.waitForURL(/\/people\/[^/]+\/$/);
      await expect(page.locator('h1').textContent()).resolves.toBe(reporter.name);
      const credited = await page
        .getByRole('region', { name: /署名文章|Articles that credit them/ })
        .locator('a[href*="/articles/"]')
        .evaluateAll((as) => as.map((a) => /\/articles\/([^/]+)\//.exec(a.getAttribute('href')!)![1]!));
      expect(credited.length).toBe(Number(/(\d+) 篇$/.exec(reporter.meta)![1]));
      for (const id of credited) {
        const a = site.corpus.articles.find((x) => x.id === id)!;
        const names = [...Object.values(a.bylines).flat(), ...a.parts.flatMap((p) => p.reporters)].map(toSimplified);
        expect(names, id).toContain(reporter.name);
      }
      await screenshot(page, `reporter-${width}`);

      // From an article that credits them, their name in the byline leads back to this page.
      const reporterPage = page.url();
      await page.goto(new URL(`../../articles/${credited[0]}/`, reporterPage).href);
      await page.locator('.facts dd a', { hasText: reporter.name }).first().click();
      await page.waitForURL(reporterPage);

      // The officials in their articles link to officials; those officials' peers are officials.
      const reporterPages = new Set(reporters.map((e) => e.href));
      const officialHref = await page
        .getByRole('region', { name: /文中官员|Officials in their articles/ })
        .locator('a')
        .first()
        .getAttribute('href');
      expect(reporterPages.has(officialHref!)).toBe(false);
      await page.goto(new URL(officialHref!, page.url()).href);
      const peers = await page
        .getByRole('region', { name: /同时出现|Appeared with/ })
        .locator('a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(peers.length).toBeGreaterThan(0);
      expect(peers.filter((h) => reporterPages.has(h))).toEqual([]);
      expectNoProblems(takeProblems(problems), 'reporter page');
    });

    it('the people index, the reporters index and person pages have no serious axe violation and do not scroll sideways', async () => {
      const official = (await readIndex(await open('people/')))[0]!.entries[0]!.href;
      const journalist = (await readIndex(await open('reporters/')))[0]!.entries[0]!.href;
      for (const path of ['people/', 'reporters/', official, journalist]) {
        await open(path);
        expect(await seriousAxeViolations(page), path).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(width);
      }
      expectNoProblems(takeProblems(problems), 'people pages');
    });

    async function open(path: string): Promise<Page> {
      await page.goto(site.at(path));
      return page;
    }
  });
}

/** The person record behind a person page link: the page shows its id. */
async function personOf(page: Page, href: string) {
  const html = await (await page.request.get(new URL(href, page.url()).href)).text();
  const id = /<code>(p-[^<]+)<\/code>/.exec(html)![1]!;
  return site.corpus.people.find((p) => p.id === id)!;
}
