import { describe, expect, it } from 'vitest';
import { emptyBylines, type Official } from '../../src/article.ts';
import { resolvePeople } from '../../src/people/resolve.ts';
import { chineseNumeral } from '../../src/site/people-index.ts';
import { buildSiteData } from '../../src/site/site-data.ts';
import { personPaths } from '../../src/site/slug.ts';
import { toSimplified } from '../../src/text/script.ts';
import { makeArticle, makeCorpus } from '../site/support/corpus.ts';

/** Officials, their namesakes and the journalists who write about them, as the indexes and person pages show them. */
const official = (name: string, posts: string[]): Official => ({ name, nameHans: toSimplified(name), posts, level: 'prefecture', role: 'present', personId: '', evidence: '' });
const YZ = { province: '江苏省', city: '扬州市', county: null, code: null, from: 'body' as const, evidence: '' };
const articles = [
  makeArticle('a', { officials: [official('刘烁', ['市委副书记、市长']), official('王伟', ['县长'])], bylines: { ...emptyBylines(), reporters: ['张三'] } }),
  makeArticle('b', {
    script: 'hant',
    date: { value: '2024-02-03', from: 'header', evidence: '', precision: 'date', year: 2024, month: 2, day: 3, suggestedYear: null },
    officials: [official('劉爍', ['市委副書記、市長'])],
    bylines: { ...emptyBylines(), reporters: ['張三'], editors: ['李四'] },
  }),
  makeArticle('c', { region: YZ, officials: [official('王伟', ['市委书记'])] }),
];
const resolved = resolvePeople(articles);
const corpus = makeCorpus(resolved.articles);
corpus.people = resolved.people;
const site = buildSiteData(corpus, '/');
const person = (id: string) => site.data.people.find((p) => p.id === id)!;
const listed = (index: typeof site.data.peopleIndex) => index.letters.map((g) => [g.letter, g.people.map((p) => `${p.name}${p.mark ?? ''}`)]);

describe('the people index', () => {
  it('lists the officials only, in pinyin order under their initials, namesakes numbered as their ids', () => {
    expect(listed(site.data.peopleIndex)).toEqual([
      ['L', ['刘烁']],
      ['W', ['王伟（一）', '王伟（二）']],
    ]);
    // resolvePeople numbers namesakes by region: 江苏 (扬州) before 江西 (萍乡).
    expect(person('p-王伟-2').mark).toBe('（二）');
  });
  it("shows each official's latest post in Simplified with its year, and the region of their articles", () => {
    expect(site.data.peopleIndex.letters[0]!.people[0]).toMatchObject({ post: '市委副书记、市长', postYear: '2024', region: '江西省 萍乡市 安源区', articleCount: 2 });
    expect(site.data.peopleIndex.letters[1]!.people.map((p) => [p.post, p.region])).toEqual([
      ['市委书记', '江苏省 扬州市'],
      ['县长', '江西省 萍乡市 安源区'],
    ]);
  });
  it('gives each namesake page the others, with what tells them apart', () => {
    expect(person('p-王伟').namesakes).toEqual([{ name: '王伟', mark: '（二）', url: person('p-王伟-2').url, post: '县长', postYear: '2023', region: '江西省 萍乡市 安源区', articleCount: 1 }]);
    expect(person('p-刘烁').namesakes).toEqual([]);
  });
});

describe('person pages', () => {
  it('lead back to the index at their initial: officials to /people/, journalists to /reporters/', () => {
    expect(person('p-刘烁').indexUrl).toBe('/people/#initial-L');
    expect(person('p-张三').indexUrl).toBe('/reporters/#initial-Z');
  });
  it('list at most 20 namesakes, in the order of their numbers, and count the rest', () => {
    const many = Array.from({ length: 23 }, (_, i) => makeArticle(`n${i}`, { region: { ...YZ, province: `省${i}`, city: null }, officials: [official('王伟', ['县长'])] }));
    const r = resolvePeople(many);
    const c = makeCorpus(r.articles);
    c.people = r.people;
    const people = buildSiteData(c, '/').data.people;
    const marks = (id: string) => people.find((p) => p.id === id)!.namesakes.map((o) => o.mark);
    const numerals = (from: number, to: number, skip: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i)
        .filter((n) => n !== skip)
        .map((n) => `（${chineseNumeral(n)}）`);
    expect(marks('p-王伟')).toEqual(numerals(2, 21, 0));
    expect(people.find((p) => p.id === 'p-王伟')!.moreNamesakes).toBe(2);
    // Among the first 21, a page leaves itself out and lists the other 20; after them, the first 20.
    expect(marks('p-王伟-5')).toEqual(numerals(1, 21, 5));
    expect(marks('p-王伟-21')).toEqual(numerals(1, 21, 21));
    expect(marks('p-王伟-23')).toEqual(numerals(1, 20, 0));
    expect(people.filter((p) => p.name === '王伟').every((p) => p.moreNamesakes === 2)).toBe(true);
  });
});

describe('reporters and editors', () => {
  it('are listed on the reporters index, with their roles, not on the people index', () => {
    expect(listed(site.data.reporters)).toEqual([
      ['L', ['李四']],
      ['Z', ['张三']],
    ]);
    expect(site.data.reporters.letters[1]!.people[0]).toMatchObject({ post: '记者 reporter', articleCount: 2 });
  });
  it("are not officials' peers: an official appeared with officials only", () => {
    expect(person('p-刘烁').coAppearances.map((c) => c.name)).toEqual(['王伟']);
    expect(person('p-刘烁').coAppearances[0]).toMatchObject({ mark: '（二）', url: person('p-王伟-2').url });
  });
  it("a journalist's page lists the officials in their articles", () => {
    expect(person('p-张三')).toMatchObject({ kind: 'journalist' });
    expect(person('p-张三').coAppearances.map((c) => [c.name, c.count])).toEqual([
      ['刘烁', 2],
      ['王伟', 1],
    ]);
  });
  it("an article's credited names lead to their pages, in either script; a name the article does not credit to nobody", () => {
    expect(site.reporterUrl('a', '张三')).toBe(person('p-张三').url);
    expect(site.reporterUrl('b', '張三')).toBe(person('p-张三').url);
    expect(site.reporterUrl('b', '李四')).toBe(person('p-李四').url);
    expect(site.reporterUrl('a', '李四')).toBeNull();
    expect(site.reporterUrl('a', '刘烁')).toBeNull();
  });
});

describe('person ids and page addresses', () => {
  it('every page address follows from the id alone (personPaths), whatever else is in the archive', () => {
    for (const p of site.data.people) {
      expect(p.url).toBe(personPaths([p.id]).get(p.id));
      expect(p.url).toMatch(/^\/people\/[a-z0-9-]+\/$/);
    }
    expect(personPaths(['p-刘烁']).get('p-刘烁')).toBe('/people/p-4819a68c/');
    expect(personPaths(['p-刘烁-2']).get('p-刘烁-2')).toBe('/people/p-2-c95adf21/');
  });
});

describe('person summaries kept between builds (by the digest of their inputs)', () => {
  // Every field a page of people or an index prints, getters read.
  const printed = (s: ReturnType<typeof buildSiteData>) =>
    JSON.stringify([
      s.data.people.map((p) => ({ ...p, names: p.names, postGroups: p.postGroups, appearances: p.appearances, coAppearances: p.coAppearances, timeline: p.timeline })),
      s.data.peopleIndex,
      s.data.reporters,
    ]);

  it('give the same data as summaries made afresh', () => {
    const again = buildSiteData(corpus, '/', '', { people: site.data.personSummaries });
    expect(printed(again)).toBe(printed(site));
    expect([...again.data.personSummaries]).toEqual([...site.data.personSummaries]);
  });

  it('are taken as kept: a summary under a digest is what the person shows', () => {
    const id = 'p-刘烁';
    const digest = [...site.data.personSummaries].find(([, s]) => s.sortKey.endsWith(id))![0];
    const kept = new Map(site.data.personSummaries);
    kept.set(digest, { ...kept.get(digest)!, post: '（保存的摘要 kept summary）' });
    const again = buildSiteData(corpus, '/', '', { people: kept });
    expect(again.data.people.find((p) => p.id === id)!.post).toBe('（保存的摘要 kept summary）');
  });

  it('are made again for a person whose inputs changed', () => {
    const changed = resolvePeople(articles.map((a) => (a.id === 'c' ? { ...a, region: { ...YZ, city: '泰州市' } } : a)));
    const other = makeCorpus(changed.articles);
    other.people = changed.people;
    const kept = new Map([...site.data.personSummaries].map(([d, s]) => [d, { ...s, region: '（旧 old）' }]));
    const again = buildSiteData(other, '/', '', { people: kept });
    // 王伟 (二) appears in article c only: its places changed, so its summary is made again.
    const wang = again.data.people.find((p) => p.region !== '（旧 old）' && p.name === '王伟');
    expect(wang?.region).toContain('泰州市');
  });
});
