import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Article } from '../../src/article.ts';
import { launchChromium, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { HOSTILE_MARKERS, writeHostileInputs } from './support/hostile-inputs.ts';
import { crawl, expectNoProblems, searchFor } from './support/pages.ts';
import { buildAndServe, type BuiltSite } from './support/site.ts';

let input: string;
let site: BuiltSite;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;
let page: Page;

beforeAll(async () => {
  input = mkdtempSync(join(tmpdir(), 'na-hostile-input-'));
  writeHostileInputs(input);
  [site, browser] = await Promise.all([buildAndServe({ input }), launchChromium()]);
  ({ context, problems } = await watchedContext(browser, site.origin));
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await site?.dispose();
  if (input) rmSync(input, { recursive: true, force: true });
});

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const hostileArticles = () => site.corpus.articles.filter((a) => !a.id.startsWith('001_'));

/**
 * Markup that only exists if article text escaped into the DOM: event-handler attributes,
 * javascript: URLs, the payloads' elements, and scripts other than the site's own files and
 * its JSON-LD block.
 */
async function injectedMarkup(p: Page, origin: string): Promise<string[]> {
  return p.evaluate((siteOrigin) => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name) && /^\s*javascript:/i.test(attr.value)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
      }
    }
    for (const img of Array.from(document.querySelectorAll('img[src="x"], svg[onload], b'))) found.push(img.outerHTML.slice(0, 120));
    for (const s of Array.from(document.querySelectorAll('script'))) {
      const src = s.getAttribute('src');
      if (src ? !new URL(src, location.href).href.startsWith(siteOrigin) : s.getAttribute('type') !== 'application/ld+json') found.push(s.outerHTML.slice(0, 120));
    }
    return found;
  }, origin);
}

/** The page of `a` in its original script, found from the home page as a reader would. */
async function openArticle(a: Article): Promise<void> {
  await page.goto(site.url);
  const links = await page.locator('main a[href*="/articles/"]').evaluateAll((as) => as.map((x) => ({ href: (x as HTMLAnchorElement).href, text: x.textContent ?? '' })));
  const title = a.title?.value || '';
  const link = links.find((l) => title !== '' && squash(l.text) === squash(title)) ?? links.find((l) => l.href.includes(`/articles/${a.id}/`));
  expect(link, `a home page link to ${a.id} (${title})`).toBeTruthy();
  await page.goto(link!.href);
}

describe('a site built from hostile articles', () => {
  it('is really hostile: the ingested titles, texts and sources still carry every payload', () => {
    expect(hostileArticles().length).toBe(3);
    const all = hostileArticles()
      .map((a) => [a.title?.value ?? '', a.text, a.source].join('\n'))
      .join('\n');
    for (const marker of HOSTILE_MARKERS) expect(all, marker).toContain(marker);
  });

  it('opens every page with no dialog, no console or page error and no injected markup', async () => {
    const report: Array<{ url: string; injected: string[] } & PageProblems> = [];
    const visited = await crawl(page, site.url, site.url, async (url) => {
      const injected = await injectedMarkup(page, site.origin);
      const p = takeProblems(problems);
      if (injected.length || p.consoleErrors.length || p.pageErrors.length || p.dialogs.length || p.failedRequests.length) report.push({ url, injected, ...p });
    });
    // Every article page was among them (each holds both scripts: both were checked).
    for (const slug of ['hostile-page', 'hostile-text']) {
      expect(
        visited.some((u) => u.endsWith(`/articles/${slug}/`)),
        slug,
      ).toBe(true);
    }
    expect(report).toEqual([]);
  });

  it('shows each hostile title, body and raw text literally, with templates unevaluated', async () => {
    for (const a of hostileArticles()) {
      await openArticle(a);
      const title = a.title?.value || `（无标题）${a.id}`;
      await expect(page.locator('h1').innerText().then(squash)).resolves.toBe(squash(title));
      await expect(page.title()).resolves.toContain(squash(title));
      const body = squash(await page.locator('main section.body').first().innerText());
      for (const paragraph of a.text.split('\n').map(squash).filter(Boolean)) expect(body, `${a.id} body`).toContain(paragraph);
      expect(body).not.toContain(' 49 ');
      // The raw text view holds the source exactly (markup and all).
      const raw = await page.locator('main details.raw pre').first().textContent();
      expect(raw?.replace(/\r\n?/g, '\n').trimEnd()).toBe(a.source.replace(/\r\n?/g, '\n').trimEnd());
      await expect(injectedMarkup(page, site.origin)).resolves.toEqual([]);
      expectNoProblems(takeProblems(problems), a.id);
    }
    // Spot checks a reader would see on the HTML article's page.
    const htmlArticle = hostileArticles().find((a) => a.id === 'hostile-page')!;
    await openArticle(htmlArticle);
    // The visible headline (its h1) is the title, its escaped markup shown as text.
    await expect(page.locator('h1').innerText()).resolves.toContain('<img src=x onerror=alert("h1")>宜春市委书记严允调研工业项目{% raw %}');
    const text = await page.locator('main section.body').first().innerText();
    for (const s of [
      '</script><script>alert("close-script")</script>',
      '<img src=x onerror=alert("img")>',
      'javascript:alert("text-link")',
      '{{ 7*7 }}',
      '{% raw %}原样{% endraw %}',
      `"双引号" '单引号'`,
    ])
      expect(text).toContain(s);
  });

  it('keeps hostile titles as text in search results', async () => {
    await page.goto(site.at('search/'));
    const hrefs = await searchFor(page, '宜春');
    expect(hrefs.some((h) => h.includes('/articles/hostile-page/'))).toBe(true);
    const titles = await page.locator('.search-result-title').allInnerTexts();
    expect(titles.map(squash)).toContain(squash(hostileArticles().find((a) => a.id === 'hostile-page')!.title?.value ?? ''));
    await searchFor(page, '会议');
    await page.locator('.search-result-excerpt').first().waitFor();
    // The payload must arrive as text inside the excerpts.
    const excerpts = await page.locator('.search-result-excerpt').allTextContents();
    expect(excerpts.some((e) => (e ?? '').includes('<script>alert('))).toBe(true);
    // Matches are marked with <mark> elements of their own, the payload beside them still text.
    const marks = await page.locator('.search-result-excerpt mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m).toBe('会议');
    await expect(injectedMarkup(page, site.origin)).resolves.toEqual([]);
    expectNoProblems(takeProblems(problems), 'search on the hostile site');
  });
});
