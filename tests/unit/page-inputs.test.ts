import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BodySpool, type Spooled } from '../../src/io/body-spool.ts';
import type { Article, Corpus } from '../../src/article.ts';
import { bodyBytes, bodyDigest, packArticle, type PackedArticle } from '../../src/packed-article.ts';
import { resolvePeople } from '../../src/people/resolve.ts';
import { buildSiteData } from '../../src/site/site-data.ts';
import { makeArticle, makeCorpus } from '../site/support/corpus.ts';

/**
 * An article page is re-rendered when its digest changes (src/build/publish.ts keys it by
 * `pageInputsOf`): the digest must change with anything the page shows or links to, and with
 * nothing else.
 */
const official = (name: string, personId = `p-${name}`) => ({ name, nameHans: name, posts: ['市长'], level: 'prefecture' as const, role: 'present' as const, personId, evidence: '' });
function corpusOf(articles: Article[]): Corpus {
  const corpus = makeCorpus(articles);
  corpus.people = resolvePeople(articles).people;
  return corpus;
}
const BASE = [makeArticle('a', { officials: [official('刘烁')] }), makeArticle('b', { outlet: { value: '萍乡日报', from: 'header', evidence: '' } })];
const digestOfA = (articles: Article[], origin = '', packed = false) => {
  const corpus = corpusOf(articles);
  if (packed) corpus.articles = corpus.articles.map((a) => packArticle(a)) as never;
  return buildSiteData(corpus, '/', origin).pageInputsOf(0);
};

describe('pageInputsOf: what an article page is made from', () => {
  const base = digestOfA(BASE);
  const cases: Array<{ name: string; articles: Article[]; origin?: string; changes: boolean }> = [
    { name: 'the same corpus', articles: BASE, changes: false },
    { name: 'another article changes what only its own page shows', articles: [BASE[0]!, makeArticle('b', { outlet: { value: '江西日报', from: 'header', evidence: '' } })], changes: false },
    { name: 'its text changes', articles: [makeArticle('a', { officials: [official('刘烁')] }, '市委书记主持会议。'), BASE[1]!], changes: true },
    { name: 'an official’s page moves (another person now holds the id)', articles: [makeArticle('a', { officials: [official('刘烁', 'p-刘烁-2')] }), BASE[1]!], changes: true },
    { name: 'its outlet is named', articles: [makeArticle('a', { officials: [official('刘烁')], outlet: { value: '萍乡日报', from: 'label', evidence: '来源：萍乡日报' } }), BASE[1]!], changes: true },
    { name: 'the site gets an address (citations become absolute)', articles: BASE, origin: 'https://example.org', changes: true },
  ];
  for (const c of cases) it(c.name, () => expect(digestOfA(c.articles, c.origin) !== base).toBe(c.changes));

  it('is stable for packed articles (as a build holds them) and follows their text', () => {
    expect(digestOfA(BASE, '', true)).toBe(digestOfA(BASE, '', true));
    expect(digestOfA([makeArticle('a', { officials: [official('刘烁')] }, '市委书记主持会议。'), BASE[1]!], '', true)).not.toBe(digestOfA(BASE, '', true));
  });
});

describe('itemKey: what an outlet, region or date page is made from', () => {
  const keysOf = (articles: Article[]) => {
    const data = buildSiteData(corpusOf(articles), '/', '').data;
    return { date: data.itemKey(data.dates[0]), region: data.itemKey(data.regions.list[0]) };
  };
  const base = keysOf(BASE);
  const retitled = (title: string) => [BASE[0]!, makeArticle('b', { outlet: BASE[1]!.outlet, title: { value: title, from: 'header', evidence: '', subtitle: null, derived: false } })];
  const cases: Array<{ name: string; articles: Article[]; changes: boolean }> = [
    { name: 'the same corpus', articles: BASE, changes: false },
    { name: 'a listed article’s text changes (a list shows its summary only)', articles: [makeArticle('a', { officials: [official('刘烁')] }, '市委书记主持会议。'), BASE[1]!], changes: false },
    { name: 'a listed article’s title changes', articles: retitled('新的标题'), changes: true },
  ];
  for (const c of cases)
    it(c.name, () => {
      const keys = keysOf(c.articles);
      for (const page of ['date', 'region'] as const) expect(keys[page] !== base[page]).toBe(c.changes);
    });

  it('names each listed article by its summary, and keeps the other fields as they are', () => {
    const data = buildSiteData(corpusOf(BASE), '/', '').data;
    const item = data.dates[0]!;
    const key = JSON.parse(data.itemKey(item)) as { url: string; count: number; months: Array<{ articles: unknown[] }> };
    expect(key).toMatchObject({ url: item.url, count: 2 });
    expect(key.months.flatMap((m) => m.articles)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });
});

describe('pageInputsOf over bodies kept in a spool (as a build holds them)', () => {
  it('is the same as over the bodies in memory, without reading them back', () => {
    const corpus = corpusOf(BASE);
    corpus.articles = corpus.articles.map((a) => packArticle(a)) as never;
    const inMemory = buildSiteData(corpus, '/', '').pageInputsOf(0);
    const spool = new BodySpool(join(mkdtempSync(join(tmpdir(), 'page-inputs-')), 'spool'));
    try {
      for (const a of corpus.articles as unknown as PackedArticle[]) a.body = spool.put(bodyBytes(a.body), { sha256: bodyDigest(a.body) });
      const site = buildSiteData(corpus, '/', '');
      expect(site.pageInputsOf(0)).toBe(inMemory);
      // The digest kept with the place is what is read: the bytes are not.
      const first = corpus.articles[0] as unknown as PackedArticle & { body: Spooled };
      first.body = { ...first.body, sha256: '0'.repeat(64) };
      expect(buildSiteData(corpus, '/', '').pageInputsOf(0)).not.toBe(inMemory);
    } finally {
      spool.close();
    }
  });
});
