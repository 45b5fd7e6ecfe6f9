import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageProblems } from './browser.ts';

/** Seeds the tests rely on: 001 is Simplified and 004 Traditional; both name 刘烁 (劉爍). */
export const SEED_HANS = '001_';
export const SEED_HANT = '004_';

/** `href`s of the Pagefind UI's result links, once at least one is rendered and the count settles. */
export async function searchFor(page: Page, query: string): Promise<string[]> {
  const input = page.locator('#search input[type="text"], #search input[type="search"]').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(query);
  await page.locator('.pagefind-ui__result-link').first().waitFor({ state: 'visible' });
  // The UI renders results asynchronously: wait until the message names this query.
  await page.locator('.pagefind-ui__message', { hasText: query }).waitFor({ state: 'visible' });
  return resultHrefs(page);
}

export function resultHrefs(page: Page): Promise<string[]> {
  return page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
}

/** The article id segment (`001_8100e753179c915b`) of each href that is an article URL. */
export const articleIds = (hrefs: string[]) => hrefs.map((h) => /\/articles\/([^/]+)\//.exec(h)?.[1] ?? h);

/** Every problem list empty, with the lists in the failure message. */
export function expectNoProblems(problems: PageProblems, where: string): void {
  expect({ where, ...problems }).toEqual({ where, consoleErrors: [], pageErrors: [], dialogs: [], failedRequests: [] });
}

/** Same-origin links (absolute URLs, no fragment) on the current page, under `prefix`. */
export async function internalLinks(page: Page, prefix: string): Promise<string[]> {
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return [...new Set(hrefs.map((h) => h.split('#')[0]!).filter((h) => h.startsWith(prefix)))];
}
