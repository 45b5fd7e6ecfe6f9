import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, takeProblems, watchedContext, type PageProblems } from './support/browser.ts';
import { expectNoProblems, searchFor } from './support/pages.ts';
import { buildAndServe, type BuiltSite } from './support/site.ts';

// Three articles: 经开区 as written (Simplified), 經開區 as written (Traditional), and one with
// 经开 and 开区 apart (inside other words, and on either side of a comma). The search index holds
// character n-grams of 1–3 characters that never cross punctuation: a 3-character query is one
// exact token, a longer one needs all its 3-character pieces, so neither matches the third.
const ARTICLES: Record<string, string[]> = {
  'a-jingkaiqu.txt': [
    'http://www.pxnews.example/2023/05/a.html',
    '萍乡经开区召开项目推进会',
    '',
    '2023年05月06日 09:04 | 来源: 萍乡日报 | 萍乡网',
    '',
    '本报讯 萍乡经开区日前召开重点项目推进会，研究部署下一阶段工业发展工作。',
    '会议要求各部门加快项目建设进度，确保年内投产见效。',
  ],
  'b-apart.txt': [
    'http://www.pxnews.example/2023/05/b.html',
    '萍乡市召开对外合作座谈会',
    '',
    '2023年05月07日 10:15 | 来源: 萍乡日报 | 萍乡网',
    '',
    '本报讯 座谈会指出，要发挥经开放合作的带动作用。',
    '会议强调，新开区位优势明显，要用好交通条件。',
    '与会者说，萍乡经开，开区内外都要抓好项目。',
  ],
  'c-hant.txt': [
    'http://www.pxnews.example/2023/05/c.html',
    '萍鄉經開區舉行招商推介會',
    '',
    '2023年05月08日 08:30 | 來源: 萍鄉日報 | 萍鄉網',
    '',
    '本報訊 萍鄉經開區昨日舉行招商推介會，現場簽約項目十二個。',
    '與會企業表示將加大在萍鄉的投資力度。',
  ],
};

let work: string;
let site: BuiltSite;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'na-ngrams-'));
  for (const [name, lines] of Object.entries(ARTICLES)) writeFileSync(join(work, name), lines.join('\n') + '\n');
  [site, browser] = await Promise.all([buildAndServe({ input: work }), launchChromium()]);
  ({ context, problems } = await watchedContext(browser, site.origin));
});
afterAll(async () => {
  await browser?.close();
  await site?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Titles of the results on the page, in the order shown. */
const titles = (page: Page) => page.locator('.search-result-link').allTextContents();

async function search(query: string): Promise<{ page: Page; titles: string[] }> {
  const page = await context.newPage();
  await page.goto(`${site.url}search/`);
  await searchFor(page, query);
  return { page, titles: (await titles(page)).map((t) => t.trim()).sort() };
}

describe('search over character n-grams', () => {
  it('builds the search index of the three articles', () => {
    const meta = JSON.parse(readFileSync(join(site.dir, 'search-index', 'meta.json'), 'utf8')) as { docs: number };
    expect(meta.docs).toBe(3);
  });

  for (const query of ['经开区', '經開區']) {
    it(`${query} finds the two articles that contain it, in either script, and not the one with 经开 and 开区 apart (经开放, 新开区, 经开，开区)`, async () => {
      const { page, titles: found } = await search(query);
      expect(found).toEqual(['萍乡经开区召开项目推进会', '萍鄉經開區舉行招商推介會'].sort());
      expectNoProblems(takeProblems(problems), `search ${query}`);
      await page.close();
    });
  }

  it('萍乡经开区 (every 3-character piece) finds the two articles, not the one with 萍乡经开，开区', async () => {
    const { page, titles: found } = await search('萍乡经开区');
    expect(found).toEqual(['萍乡经开区召开项目推进会', '萍鄉經開區舉行招商推介會'].sort());
    expectNoProblems(takeProblems(problems), 'search 萍乡经开区');
    await page.close();
  });

  it('a 2-character word (经开) finds all three', async () => {
    const { page, titles: found } = await search('经开');
    expect(found).toEqual(['萍乡经开区召开项目推进会', '萍乡市召开对外合作座谈会', '萍鄉經開區舉行招商推介會'].sort());
    expectNoProblems(takeProblems(problems), 'search 经开');
    await page.close();
  });

  it('shows titles and excerpts in the original script, not the indexed n-grams', async () => {
    const { page } = await search('經開區');
    const excerpts = await page.locator('.search-result-excerpt').allTextContents();
    expect(excerpts.some((e) => e.includes('萍鄉經開區昨日舉行招商推介會'))).toBe(true);
    expect(excerpts.some((e) => e.includes('萍乡经开区日前召开重点项目推进会'))).toBe(true);
    for (const e of excerpts) expect(e).not.toMatch(/\d{6}/);
    await page.close();
  });

  it('a single character finds every article that contains it, in either script', async () => {
    // 萍 begins a run, 区 stands inside one, 会 ends one (推进会。): each is its own 1-gram.
    for (const query of ['萍', '區', '会']) {
      const { page, titles: found } = await search(query);
      expect(found, query).toHaveLength(3);
      expectNoProblems(takeProblems(problems), `search ${query}`);
      await page.close();
    }
  });
});
