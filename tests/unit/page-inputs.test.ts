import { describe, expect, it } from 'vitest';
import type { Article, Corpus } from '../../src/article.ts';
import { packArticle } from '../../src/packed-article.ts';
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
