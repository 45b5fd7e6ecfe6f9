import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/article.ts';
import { generateCorpus } from '../../src/bench/corpus.ts';
import { writeRawFiles } from '../../src/bench/projects.ts';
import { ingestCorpus } from '../../src/build/ingest.ts';
import { publishSite } from '../../src/build/publish.ts';
import { readInputDir } from '../../src/io/read-input.ts';
import type { PackedArticle } from '../../src/packed-article.ts';
import { buildSiteData, type SiteData } from '../../src/site/site-data.ts';
import { toSimplified } from '../../src/text/script.ts';

/**
 * A generated archive of 1,000 articles (src/bench/corpus.ts: about 30% Traditional, officials
 * from standing rosters, so the same outlets and posts recur in both scripts), ingested and
 * published as a build does (without the search index, which these checks do not read):
 * - no outlet and no post of a person appears under two scripts, in the site data or the pages
 *   (issue 17, item 4's measure);
 * - every person in data/people.json has the page its `url` names, and that page shows the id.
 */
const N = 1000;
let work: string;
let out: string;
let corpus: Corpus<PackedArticle>;
let site: SiteData;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'na-generated-'));
  out = join(work, 'site');
  writeRawFiles(join(work, 'raw'), generateCorpus(N, { seed: 1 }));
  const { stats: _, ...ingested } = await ingestCorpus(readInputDir(join(work, 'raw')).files, {});
  corpus = ingested;
  await publishSite({ corpus, output: out, search: false });
  site = buildSiteData(corpus, '/');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Strings that stand for one Simplified form in more than one spelling: [Simplified, spellings]. */
function underTwoScripts(strings: Iterable<string>): Array<[string, string[]]> {
  const bySimplified = new Map<string, Set<string>>();
  for (const s of strings) bySimplified.set(toSimplified(s), (bySimplified.get(toSimplified(s)) ?? new Set()).add(s));
  return [...bySimplified].filter(([, spellings]) => spellings.size > 1).map(([hans, spellings]) => [hans, [...spellings].sort()]);
}

const read = (rel: string) => readFileSync(join(out, rel), 'utf8');
/** The text of each match of `re`'s first group, tags removed. */
const texts = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());

describe(`a generated archive of ${N} articles`, () => {
  it('has what the checks below look for: outlets and posts written in both scripts', () => {
    expect(corpus.articles).toHaveLength(N);
    expect(underTwoScripts(['江西日报', '江西日報', '萍乡日报'])).toEqual([['江西日报', ['江西日報', '江西日报']]]);
    // Written by the articles themselves, before any grouping.
    expect(underTwoScripts(corpus.articles.flatMap((a) => (a.outlet?.value ? [a.outlet.value] : []))).length).toBeGreaterThan(20);
    const bothScripts = corpus.people.filter((p) => underTwoScripts(p.appearances.filter((x) => x.posts.length).map((x) => x.posts.join('、'))).length > 0);
    expect(bothScripts.length).toBeGreaterThan(20);
  });

  it('lists each outlet once, by its Simplified name, in the site data and on the outlets page', () => {
    const names = site.data.outlets.list.map((o) => o.name);
    expect(names.filter((n) => n !== toSimplified(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(names)).toEqual(new Set(corpus.articles.flatMap((a) => (a.outlet?.value ? [toSimplified(a.outlet.value)] : []))));
    expect(site.data.outlets.list.filter((o) => o.spellings.length).length).toBeGreaterThan(20);

    const listed = texts(read('outlets/index.html'), /<li><a href="\/outlets\/[^"]+\/">([^<]+)<\/a>/g);
    expect(listed).toEqual(names);
    expect(underTwoScripts(listed)).toEqual([]);
    expect(readdirSync(join(out, 'outlets')).filter((f) => f !== 'index.html')).toHaveLength(names.length);
    const headings = site.data.outlets.list.map((o) => texts(read(`${o.url}index.html`), /<h1>(.*?)<\/h1>/g)[0]);
    expect(headings).toEqual(names);
  });

  it("lists each of a person's posts once, in Simplified, in the site data, on their page and in the people index", () => {
    for (const p of site.data.people) {
      const posts = p.postGroups.map((g) => g.post);
      expect(underTwoScripts(posts), p.id).toEqual([]);
      expect(
        posts.filter((x) => x !== toSimplified(x)),
        p.id,
      ).toEqual([]);
      const section = /<section aria-labelledby="posts-h">([\s\S]*?)<\/section>/.exec(read(`${p.url}index.html`))?.[1] ?? '';
      expect(texts(section, /<li>([^<:]+?)(?: <span|:)/g), p.id).toEqual(p.kind === 'official' ? posts : []);
    }
    const indexPosts = texts(read('people/index.html'), /<span class="meta">([^（·]+?)(?:（\d+年）)? ·/g).filter((x) => x !== '职务不详 post unknown');
    expect(indexPosts.length).toBeGreaterThan(1000);
    expect(indexPosts.filter((x) => x !== toSimplified(x))).toEqual([]);
  });

  it('gives every person in data/people.json the page its url names, which shows the id', () => {
    const people: Array<{ id: string; url: string }> = JSON.parse(read('data/people.json'));
    expect(people.map((p) => p.id)).toEqual(corpus.people.map((p) => p.id));
    for (const p of people) {
      expect(existsSync(join(out, p.url, 'index.html')), p.url).toBe(true);
      expect(read(`${p.url}index.html`), p.id).toContain(`<code>${p.id}</code>`);
    }
  });
});
