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

const toggle = (page: Page) => page.getByRole('group', { name: /字体|Script/ });
/** What a reader sees of a part of the page (hidden script spans are not in innerText). */
const seen = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\s+/g, '');

/**
 * One page holds both scripts; the toggle shows one. Everything a reader reads follows it: the
 * title, the body, the officials and their posts, the outlet and the citation.
 */
async function expectShowing(page: Page, script: 'zh-Hans' | 'zh-Hant', parts: Record<string, { has: string[]; hasNot: string[] }>): Promise<void> {
  const shown = page.locator('section.body:visible');
  await expect(shown.count()).resolves.toBe(1);
  await expect(shown.getAttribute('lang')).resolves.toBe(script);
  await expect(
    toggle(page)
      .getByLabel(script === 'zh-Hans' ? '简体' : '繁體')
      .isChecked(),
  ).resolves.toBe(true);
  for (const [selector, { has, hasNot }] of Object.entries(parts)) {
    const text = await seen(page, selector);
    for (const s of has) expect(text, `${selector} (${script}) should contain ${s}`).toContain(s);
    for (const s of hasNot) expect(text, `${selector} (${script}) should not contain ${s}`).not.toContain(s);
  }
}

// With JavaScript on a desktop, without it on a phone (390 px): both must work.
for (const [javaScriptEnabled, width] of [
  [true, 1280],
  [false, 390],
] as const) {
  describe(`the 简/繁 toggle ${javaScriptEnabled ? 'with' : 'without'} JavaScript at ${width} px`, () => {
    it('switches a Simplified article (001) to Traditional and back, on the same page', async () => {
      const { context, problems } = await watchedContext(browser, site.origin, { javaScriptEnabled, viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        const url = await articleUrl(page, SEED_HANS);
        await page.goto(url);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
        await expectShowing(page, 'zh-Hans', { 'main h1': { has: ['内陆开放赣湘合作核心区'], hasNot: ['內陸'] }, 'section.body:visible': { has: ['内陆开放赣湘合作核心区'], hasNot: ['內陸開放'] } });
        await toggle(page).getByLabel('繁體').check();
        expect(page.url()).toBe(url);
        await expectShowing(page, 'zh-Hant', {
          'main h1': { has: ['內陸開放贛湘合作核心區'], hasNot: ['内陆'] },
          'section.body:visible': { has: ['內陸開放贛湘合作核心區'], hasNot: ['内陆开放'] },
          '.officials': { has: ['劉爍', '市委副書記、市長'], hasNot: ['刘烁', '市委副书记'] },
          '.cite': { has: ['內陸開放'], hasNot: ['内陆开放'] },
        });
        await toggle(page).getByLabel('简体').check();
        await expectShowing(page, 'zh-Hans', { '.officials': { has: ['刘烁', '市委副书记、市长'], hasNot: ['劉爍'] } });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expectNoProblems(takeProblems(problems), 'toggle on 001');
      } finally {
        await context.close();
      }
    });

    it('switches a Traditional article (004) to Simplified and back, outlet and officials too', async () => {
      const { context, problems } = await watchedContext(browser, site.origin, { javaScriptEnabled, viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        const url = await articleUrl(page, SEED_HANT);
        await page.goto(url);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hant');
        await expectShowing(page, 'zh-Hant', { 'section.body:visible': { has: ['市長劉爍在萍鄉'], hasNot: ['刘烁'] }, '.officials': { has: ['劉爍', '黃強'], hasNot: ['刘烁'] } });
        await toggle(page).getByLabel('简体').check();
        await expectShowing(page, 'zh-Hans', {
          'section.body:visible': { has: ['市长刘烁在萍乡'], hasNot: ['劉爍'] },
          '.officials': { has: ['刘烁', '黄强', '市委副书记、市长'], hasNot: ['劉爍', '市長'] },
          '.facts': { has: ['萍乡'], hasNot: ['萍鄉'] },
          '.cite': { has: ['刘烁在萍乡'], hasNot: ['劉爍'] },
        });
        await toggle(page).getByLabel('繁體').check();
        await expectShowing(page, 'zh-Hant', { 'section.body:visible': { has: ['市長劉爍在萍鄉'], hasNot: [] } });
        expectNoProblems(takeProblems(problems), 'toggle on 004');
      } finally {
        await context.close();
      }
    });
  });
}

describe('the 简/繁 choice with JavaScript', () => {
  it('is kept for the next article, and a link ending in #hant opens an article in Traditional', async () => {
    const { context, problems } = await watchedContext(browser, site.origin);
    try {
      const page = await context.newPage();
      const simplified = await articleUrl(page, SEED_HANS);
      const traditional = await articleUrl(page, SEED_HANT);
      await page.goto(`${simplified}#hant`);
      await expectShowing(page, 'zh-Hant', { 'main h1': { has: ['內陸開放'], hasNot: ['内陆'] } });
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hant');
      // A link's choice is not remembered; the reader's is.
      await page.goto(traditional);
      await toggle(page).getByLabel('简体').check();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
      await page.goto(simplified);
      await expectShowing(page, 'zh-Hans', { 'main h1': { has: ['内陆开放'], hasNot: ['內陸'] } });
      await page.goto(traditional);
      await expectShowing(page, 'zh-Hans', { 'section.body:visible': { has: ['市长刘烁在萍乡'], hasNot: ['劉爍'] } });
      expectNoProblems(takeProblems(problems), 'remembered script');
    } finally {
      await context.close();
    }
  });
});
