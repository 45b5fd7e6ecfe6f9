import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, seriousAxeViolations, takeProblems, watchedContext } from './support/browser.ts';
import { expectNoProblems } from './support/pages.ts';
import { buildAndServe, type BuiltSite } from './support/site.ts';

let site: BuiltSite;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([buildAndServe(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.dispose();
});

/** The seeds' damaged article (glosses, byte-shift mojibake, lost characters) and one with a suggested year. */
const DAMAGED = '000_';
const SUGGESTED_YEAR = '004_';

async function open(page: Page, idPrefix: string): Promise<void> {
  await page.goto(site.url);
  const href = await page.locator(`main a[href*="/articles/${idPrefix}"]`).first().getAttribute('href');
  await page.goto(new URL(href!, site.url).href);
}

/** The `<dd>` of a fact by its `<dt>` label. */
const fact = (page: Page, label: RegExp) => page.locator('.facts dt').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');

const background = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => getComputedStyle(e).backgroundColor);
const NONE = 'rgba(0, 0, 0, 0)';

for (const [width, javaScriptEnabled] of [
  [1280, true],
  [390, true],
  [390, false],
] as const) {
  describe(`at ${width} px ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    it('each fact shows on demand where it came from, in Chinese first; an inferred region says so beside it', async () => {
      const { context, problems } = await watchedContext(browser, site.origin, { javaScriptEnabled, viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await open(page, DAMAGED);
        const region = fact(page, /地区/);
        await expect(region.innerText()).resolves.toMatch(/推断 inferred/);
        const why = region.locator('details.why');
        // On demand: closed until asked, then the reasoning, Chinese before English.
        await expect(why.locator('ol.reasoning').isVisible()).resolves.toBe(false);
        await why.locator('summary').click();
        const reasoning = await why.innerText();
        expect(reasoning).toMatch(/^依据 Source\s+由地名出现次数推断.*Inferred by counting place names/s);
        expect(reasoning).toMatch(/正文 body: \S+×\d+/);
        // Stated facts quote the line they were read from.
        for (const [label, quoted] of [
          [/日期/, /取自网页地址[\s\S]*http/],
          [/媒体/, /取自带标签的一行[\s\S]*來源/],
        ] as const) {
          const dd = fact(page, label);
          await expect(dd.innerText()).resolves.not.toMatch(/推断 inferred/);
          await dd.locator('details.why summary').click();
          await expect(dd.locator('details.why').innerText()).resolves.toMatch(quoted);
        }
        // Every official names the sentence they were found in.
        const officials = page.locator('.officials > ul > li');
        expect(await officials.count()).toBeGreaterThan(0);
        for (const li of await officials.all()) await expect(li.locator('details.why').count()).resolves.toBe(1);

        await open(page, SUGGESTED_YEAR);
        const date = fact(page, /日期/);
        await date.locator('details.why summary').click();
        await expect(date.locator('details.why').innerText()).resolves.toMatch(/年份为推测[\s\S]*二十大/);
        // The source line is quoted; the reasoning is a list of steps, not quotes.
        await expect(date.locator('details.why ol.reasoning li').count()).resolves.toBeGreaterThan(1);
        // A fact the source does not give says so too, on demand.
        const outlet = fact(page, /媒体/);
        await expect(outlet.innerText()).resolves.toMatch(/^不详 unknown/);
        await outlet.locator('details.why summary').click();
        await expect(outlet.locator('details.why').innerText()).resolves.toMatch(/原文未见 Not found in the source/);

        if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        // axe runs as a script in the page: only where the page runs scripts.
        if (javaScriptEnabled) expect(await seriousAxeViolations(page)).toEqual([]);
        expectNoProblems(takeProblems(problems), 'fact evidence');
      } finally {
        await context.close();
      }
    });

    it('repaired characters are marked on request, uncertain ones first in a panel summarised by kind', async () => {
      const { context, problems } = await watchedContext(browser, site.origin, { javaScriptEnabled, viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await open(page, DAMAGED);
        const marks = page.locator('section.body:visible mark.fix');
        expect(await marks.count()).toBeGreaterThan(50);
        // Unmarked until the reader asks; then every repaired run stands out, uncertain ones more.
        await expect(background(page, 'section.body:visible mark.fix')).resolves.toBe(NONE);
        await page.getByLabel(/标出修复之处 Mark repaired text/).check();
        await expect(background(page, 'section.body:visible mark.fix-high')).resolves.not.toBe(NONE);
        const uncertain = page.locator('section.body:visible mark.fix-medium, section.body:visible mark.fix-low');
        expect(await uncertain.count()).toBeGreaterThan(0);
        await expect(uncertain.first().getAttribute('title')).resolves.toMatch(/^修复 repaired: .+ → .+（[^，]+，(medium|low)）/);
        expect(await background(page, 'section.body:visible mark.fix-medium, section.body:visible mark.fix-low')).not.toBe(await background(page, 'section.body:visible mark.fix-high'));

        const panel = page.locator('details.repairs');
        await panel.locator('summary').first().click();
        const summary = panel.locator('table.repair-summary tbody tr');
        const counts = await summary.evaluateAll((rows) => rows.map((r) => Number(r.children[1]!.textContent)));
        const rows = panel.locator('.table-scroll tbody tr');
        // Equal repairs share a row with their count: the rows add up to the summary, in fewer rows.
        const times = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.children[2]!.textContent)));
        const total = counts.reduce((n, c) => n + c, 0);
        expect(times.reduce((n, c) => n + c, 0)).toBe(total);
        expect(times.length).toBeLessThan(total);
        await expect(panel.locator('summary').first().textContent()).resolves.toContain(`(${total}`);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
        // Uncertain rows come first, and there are some.
        const flags = await rows.evaluateAll((trs) => trs.map((tr) => tr.classList.contains('uncertain')));
        const firstCertain = flags.indexOf(false);
        expect(firstCertain).toBeGreaterThan(0);
        expect(flags.slice(firstCertain)).not.toContain(true);
        // A row's line number opens the raw text at that line.
        const link = rows.first().locator('a[href^="#L"]').first();
        const target = (await link.getAttribute('href'))!;
        await link.click();
        await expect(page.locator(target).isVisible()).resolves.toBe(true);

        if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        // axe runs as a script in the page: only where the page runs scripts.
        if (javaScriptEnabled) expect(await seriousAxeViolations(page)).toEqual([]);
        expectNoProblems(takeProblems(problems), 'repairs');
      } finally {
        await context.close();
      }
    });
  });
}
