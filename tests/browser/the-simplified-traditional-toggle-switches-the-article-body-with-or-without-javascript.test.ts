import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, takeProblems, watchedContext } from './support/browser.ts';
import { expectNoProblems, SEED_HANS, SEED_HANT } from './support/pages.ts';
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

/** The article's URL from the home page list (ids are stable; titles are not used). */
async function articleUrl(page: Page, idPrefix: string): Promise<string> {
  await page.goto(site.url);
  const href = await page.locator(`main a[href*="/articles/${idPrefix}"]`).first().getAttribute('href');
  expect(href).toBeTruthy();
  return new URL(href!, site.url).href;
}

const body = (page: Page) => page.locator('main section.body').first();
const toggle = (page: Page) => page.getByRole('navigation', { name: /字体|Script/ });

async function expectShowing(page: Page, script: 'zh-Hans' | 'zh-Hant', has: string[], hasNot: string[]): Promise<void> {
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(script);
  await expect(body(page).getAttribute('lang')).resolves.toBe(script);
  const text = (await body(page).innerText()).replace(/\s+/g, '');
  for (const s of has) expect(text, `body (${script}) should contain ${s}`).toContain(s);
  for (const s of hasNot) expect(text, `body (${script}) should not contain ${s}`).not.toContain(s);
  // The current script is marked, not linked.
  await expect(toggle(page).locator('[aria-current="page"]').getAttribute('lang')).resolves.toBe(script);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`the 简/繁 toggle ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    it('switches a Simplified article (001) to Traditional and back', async () => {
      const { context, problems } = await watchedContext(browser, site.origin, { javaScriptEnabled });
      try {
        const page = await context.newPage();
        const url = await articleUrl(page, SEED_HANS);
        await page.goto(url);
        await expectShowing(page, 'zh-Hans', ['内陆开放赣湘合作核心区'], ['內陸開放']);
        await toggle(page).getByRole('link', { name: '繁體' }).click();
        await page.waitForURL((u) => u.href !== url);
        await expectShowing(page, 'zh-Hant', ['內陸開放贛湘合作核心區'], ['内陆开放']);
        await toggle(page).getByRole('link', { name: '简体' }).click();
        await page.waitForURL(url);
        await expectShowing(page, 'zh-Hans', ['内陆开放赣湘合作核心区'], []);
        expectNoProblems(takeProblems(problems), 'toggle on 001');
      } finally {
        await context.close();
      }
    });

    it('switches a Traditional article (004) to Simplified and back', async () => {
      const { context, problems } = await watchedContext(browser, site.origin, { javaScriptEnabled });
      try {
        const page = await context.newPage();
        const url = await articleUrl(page, SEED_HANT);
        await page.goto(url);
        await expectShowing(page, 'zh-Hant', ['市長劉爍在萍鄉'], ['刘烁']);
        await toggle(page).getByRole('link', { name: '简体' }).click();
        await page.waitForURL((u) => u.href !== url);
        await expectShowing(page, 'zh-Hans', ['市长刘烁在萍乡'], ['劉爍']);
        await toggle(page).getByRole('link', { name: '繁體' }).click();
        await page.waitForURL(url);
        await expectShowing(page, 'zh-Hant', ['市長劉爍在萍鄉'], []);
        expectNoProblems(takeProblems(problems), 'toggle on 004');
      } finally {
        await context.close();
      }
    });
  });
}
