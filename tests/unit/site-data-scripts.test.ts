import { describe, expect, it } from 'vitest';
import { resolvePeople } from '../../src/people/resolve.ts';
import { buildSiteData } from '../../src/site/site-data.ts';
import { makeArticle, makeCorpus } from '../site/support/corpus.ts';

/** One outlet and one post across scripts: grouped by the Simplified form, spellings kept. */
const official = (name: string, posts: string[]) => ({ name, nameHans: '刘烁', posts, level: 'prefecture' as const, role: 'present' as const, personId: 'p-刘烁', evidence: '' });
const articles = [
  makeArticle('a', { outlet: { value: '江西日报', from: 'header', evidence: '' }, officials: [official('刘烁', ['市委副书记、市长'])] }),
  makeArticle('b', { outlet: { value: '江西日報', from: 'header', evidence: '' }, script: 'hant', officials: [official('劉爍', ['市委副書記、市長'])] }),
  makeArticle('c', { outlet: { value: '萍乡日报', from: 'header', evidence: '' } }),
];
const corpus = makeCorpus(articles);
corpus.people = resolvePeople(articles).people;
const site = buildSiteData(corpus, '/');

describe('outlets across scripts', () => {
  it('江西日报 and 江西日報 are one outlet, named in Simplified, with the other spelling kept', () => {
    const list = site.data.outlets.list;
    expect(list.map((o) => o.name)).toEqual(['江西日报', '萍乡日报']);
    expect(list[0]).toMatchObject({ count: 2, spellings: ['江西日報'] });
    expect(list[1]!.spellings).toEqual([]);
  });
  it('both articles link to that one outlet page, and search filters by the Simplified name', () => {
    const [a, b] = [site.viewOf(0), site.viewOf(1)];
    expect(a.outletUrl).toBe(b.outletUrl);
    expect(b.outlet).toBe('江西日報'); // as the article writes it
    expect(b.filters.outlet).toEqual(['江西日报']);
  });
});

describe('posts across scripts', () => {
  it('市委副书记、市长 and 市委副書記、市長 are one post with two dated mentions', () => {
    const person = site.data.people.find((p) => p.name === '刘烁')!;
    expect(person.postGroups).toHaveLength(1);
    expect(person.postGroups[0]).toMatchObject({ post: '市委副书记、市长', spellings: ['市委副書記、市長'] });
    expect(person.postGroups[0]!.mentions).toHaveLength(2);
  });
});
