import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageProblems } from './browser.ts';

/** Seeds the tests rely on: 001 is Simplified and 004 Traditional; both name 刘烁 (劉爍). */
export const SEED_HANS = '001_';
export const SEED_HANT = '004_';

/** Types `query` into the search page's box and returns the result links' hrefs (first page). */
export async function searchFor(page: Page, query: string): Promise<string[]> {
  const input = page.locator('#search-input');
  await input.waitFor({ state: 'visible' });
  await input.fill(query);
  return waitForResults(page, query);
}

/**
 * Waits until the search page has finished a search for `query`: its status names the query,
 * with a count when there are results (the "searching…" message has neither), and the first
 * page of results (ten at most) is shown. Returns the result links' hrefs ([] for none).
 */
export async function waitForResults(page: Page, query: string): Promise<string[]> {
  await page.waitForFunction((q) => {
    const message = document.querySelector('.search-status')?.textContent ?? '';
    if (!message.includes(q)) return false;
    if (message.startsWith('没有找到')) return document.querySelectorAll('.search-result-link').length === 0;
    const count = /^找到 (\d+)/.exec(message);
    if (!count) return false;
    const total = Number(count[1]);
    return total > 0 && document.querySelectorAll('.search-result-link').length === Math.min(total, 10);
  }, query);
  return resultHrefs(page);
}

export function resultHrefs(page: Page): Promise<string[]> {
  return page.locator('.search-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
}

/**
 * Opens every filter group (`details.search-filter`) of the search page and waits until each has
 * loaded its values (a group's file is fetched when it is first opened).
 */
export async function openFilters(page: Page): Promise<void> {
  const groups = page.locator('details.search-filter');
  await groups.first().waitFor();
  for (const details of await groups.all()) {
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  }
  await page.waitForFunction(() => {
    const all = Array.from(document.querySelectorAll('details.search-filter'));
    return all.length > 0 && all.every((d) => (d as HTMLDetailsElement).open && !d.hasAttribute('aria-busy') && d.querySelector('.search-filter-checkbox, .search-filter-note:not([hidden])'));
  });
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

/** Site paths that are data or machinery, not pages a reader opens. */
const NOT_A_PAGE = /\/(data|search-index|assets)\/|\.(xml|json|csv|js|css|svg|png|txt)$/;

/**
 * Opens every page reachable by links from `start` (same origin, under `prefix`), one at a time,
 * and calls `visit` on each after it loads. Returns the URLs visited, in order.
 */
export async function crawl(page: Page, start: string, prefix: string, visit: (url: string) => Promise<void>, limit = 400): Promise<string[]> {
  const seen = new Set<string>([start]);
  const queue = [start];
  const visited: string[] = [];
  while (queue.length && visited.length < limit) {
    const url = queue.shift()!;
    await page.goto(url, { waitUntil: 'load' });
    visited.push(url);
    await visit(url);
    for (const link of await internalLinks(page, prefix)) {
      if (!seen.has(link) && !NOT_A_PAGE.test(new URL(link).pathname)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return visited;
}
