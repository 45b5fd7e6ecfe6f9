import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { takeProblems } from './support/browser.ts';
import { articleIds, expectNoProblems, searchFor } from './support/pages.ts';
import { seedSiteSession } from './support/site.ts';

// In the seeds, 经开区 is deep in 002's long body (past the head its search record holds) and
// in the first sentence of 004 (Traditional: 經開區); 工业 is in the middle of 000 (Traditional:
// 工業); 刘烁 is in 001's third paragraph and in 004's first sentence.

const session = seedSiteSession();

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Each result's article id, its excerpt as shown, and the texts of its marks. */
async function excerpts(page: Page): Promise<Array<{ id: string; excerpt: string; marks: string[] }>> {
  const rows = await page.locator('.search-result').evaluateAll((lis) =>
    lis.map((li) => ({
      href: li.querySelector('a')?.getAttribute('href') ?? '',
      excerpt: li.querySelector('.search-result-excerpt')?.textContent ?? '',
      marks: Array.from(li.querySelectorAll('.search-result-excerpt mark'), (m) => m.textContent ?? ''),
    })),
  );
  return rows.map((r) => ({ id: articleIds([r.href])[0]!, excerpt: r.excerpt, marks: r.marks }));
}

/** The body of an article as its page shows it, on one line. */
const bodyOf = (id: string) => {
  const a = session.site.corpus.articles.find((x) => x.id === id)!;
  return squash(a.script === 'hant' ? a.textHant || a.text : a.textHans || a.text);
};

async function searchPage(): Promise<{ page: Page; fetched: string[] }> {
  const page = await session.context.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(session.site.at('search/'));
  return { page, fetched };
}

describe('search result excerpts', () => {
  it('quotes the passage around the first match, not the lead, with the matches marked, in the article’s own script', async () => {
    const { page, fetched } = await searchPage();
    await searchFor(page, '经开区');
    const found = await excerpts(page);
    const deep = found.find((r) => r.id.startsWith('002_'));
    const hant = found.find((r) => r.id.startsWith('004_'));
    expect(deep, found.map((r) => r.id).join(', ')).toBeDefined();
    expect(hant).toBeDefined();
    // 002: from deep in the body (it starts with …), a passage of the body, the matches marked.
    expect(deep!.marks.length).toBeGreaterThan(0);
    for (const m of deep!.marks) expect(m).toBe('经开区');
    expect(deep!.excerpt.startsWith('…')).toBe(true);
    const passage = squash(deep!.excerpt.replace(/^…|…$/g, ''));
    expect(bodyOf(deep!.id)).toContain(passage);
    expect(bodyOf(deep!.id).indexOf(passage)).toBeGreaterThan(1000);
    // 004 is Traditional: the excerpt and its mark are as written.
    expect(hant!.marks[0]).toBe('經開區');
    expect(bodyOf(hant!.id)).toContain(squash(hant!.excerpt.replace(/^…|…$/g, '')));
    // Only the long article whose head has no match fetched the rest of its body.
    expect(fetched.filter((p) => p.includes('/search-index/r/'))).toHaveLength(1);
    expectNoProblems(takeProblems(session.problems), 'excerpts for 经开区');
    await page.close();
  });

  for (const query of ['工业', '工業']) {
    it(`marks 工業 in the Traditional article 000 for ${query}, from the middle of its body`, async () => {
      const { page } = await searchPage();
      await searchFor(page, query);
      const found = (await excerpts(page)).find((r) => r.id.startsWith('000_'));
      expect(found).toBeDefined();
      expect(found!.marks).toContain('工業');
      expect(found!.excerpt.startsWith('…')).toBe(true);
      expect(bodyOf(found!.id)).toContain(squash(found!.excerpt.replace(/^…|…$/g, '')));
      expectNoProblems(takeProblems(session.problems), `excerpts for ${query}`);
      await page.close();
    });
  }

  it('marks a name as each article writes it for one query (刘烁 in 001, 劉爍 in 004), past the lead of 001', async () => {
    const { page } = await searchPage();
    await searchFor(page, '刘烁');
    const found = await excerpts(page);
    expect(found.find((r) => r.id.startsWith('001_'))?.marks).toContain('刘烁');
    expect(found.find((r) => r.id.startsWith('004_'))?.marks).toContain('劉爍');
    // 001 names 刘烁 only in its third paragraph: the excerpt is not the start of the body.
    const hans = found.find((r) => r.id.startsWith('001_'))!;
    expect(bodyOf(hans.id).startsWith(squash(hans.excerpt.replace(/^…|…$/g, '')))).toBe(false);
    expectNoProblems(takeProblems(session.problems), 'excerpts for 刘烁');
    await page.close();
  });
});
