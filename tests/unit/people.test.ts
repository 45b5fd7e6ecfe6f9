import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newArticle, type Article, type DateField, type Official, type Region } from '../../src/article.ts';
import { extractOfficials } from '../../src/ingest/extract/officials.ts';
import { resolvePeople } from '../../src/people/resolve.ts';
import { toSimplified } from '../../src/text/script.ts';

function date(value: string, year: number | null, month: number, day: number): DateField {
  return { value, precision: year ? 'date' : 'month-day', year, month, day, suggestedYear: null, from: 'body', evidence: '' };
}
function region(province: string | null, city: string | null): Region {
  return { province, city, county: null, code: null, from: 'inference', evidence: '' };
}
function official(name: string, posts: string[], role: Official['role'] = 'present'): Official {
  const nameHans = toSimplified(name);
  return { name, nameHans, posts, level: 'prefecture', role, personId: `p-${nameHans}`, evidence: '' };
}
function art(id: string, init: { officials?: Official[]; date?: DateField; region?: Region; reporters?: string[]; editors?: string[] }): Article {
  const a = newArticle({ id, sourceFile: id, sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: '' });
  a.officials = init.officials ?? [];
  a.date = init.date ?? null;
  a.region = init.region ?? null;
  a.bylines.reporters = init.reporters ?? [];
  a.bylines.editors = init.editors ?? [];
  return a;
}

const PX = region('江西省', '萍乡市');
const YZ = region('江苏省', '扬州市');

describe('resolvePeople', () => {
  it('merges scripts: 劉爍 (004) and 刘烁 (001) are one person, sorted by date', () => {
    const a004 = art('004', { officials: [official('劉爍', ['市委副書記、市長'])], date: date('--01-28', 2023, 1, 28), region: PX });
    const a001 = art('001', { officials: [official('刘烁', ['市委副书记、市长'])], date: date('--04-21', 2022, 4, 21), region: PX });
    const { people, articles } = resolvePeople([a004, a001]);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ id: 'p-刘烁', names: ['刘烁', '劉爍'], nameHans: '刘烁' });
    expect(people[0]!.appearances.map((x) => [x.articleId, x.name, x.posts, x.role])).toEqual([
      ['001', '刘烁', ['市委副书记、市长'], 'present'],
      ['004', '劉爍', ['市委副書記、市長'], 'present'],
    ]);
    expect(articles.map((a) => a.officials[0]!.personId)).toEqual(['p-刘烁', 'p-刘烁']);
  });

  it.each([
    ['刘建堂', '刘建中'],
    ['陈高飞', '陈云飞'],
    ['张利', '张旭'],
  ])('never merges different strings: %s vs %s', (x, y) => {
    const { people } = resolvePeople([art('a', { officials: [official(x, ['市领导'])], region: PX }), art('b', { officials: [official(y, ['市领导'])], region: PX })]);
    expect(people.map((p) => p.id)).toEqual([`p-${x}`, `p-${y}`].sort());
  });

  it('keeps namesakes in different regions apart, with ids independent of input order', () => {
    const a = art('a', { officials: [official('王伟', ['市委书记'])], region: YZ, date: date('2021-10-01', 2021, 10, 1) });
    const b = art('b', { officials: [official('王伟', ['副市长'])], region: PX, date: date('2022-01-01', 2022, 1, 1) });
    const one = resolvePeople([a, b]);
    const two = resolvePeople([b, a]);
    expect(one.people.map((p) => [p.id, p.appearances.map((x) => x.articleId)])).toEqual([
      ['p-王伟', ['a']],
      ['p-王伟-2', ['b']],
    ]);
    expect(two.people).toEqual(one.people);
    expect(two.articles.find((x) => x.id === 'a')!.officials[0]!.personId).toBe('p-王伟');
  });

  it('joins namesakes across regions when a place-specific post is shared', () => {
    const a = art('a', { officials: [official('王伟', ['宜春市委书记'])], region: region('江西省', '宜春市') });
    const b = art('b', { officials: [official('王伟', ['宜春市委书记'])], region: region('江西省', '南昌市') });
    expect(resolvePeople([a, b]).people.map((p) => p.id)).toEqual(['p-王伟']);
  });

  it('an article without a region joins the only group of that name', () => {
    const a = art('a', { officials: [official('黄强', ['市领导'])], region: PX });
    const b = art('b', { officials: [official('黃強', ['市委常委、常務副市長'])] });
    const { people } = resolvePeople([a, b]);
    expect(people.map((p) => [p.id, p.names, p.appearances.length])).toEqual([['p-黄强', ['黄强', '黃強'], 2]]);
  });

  it('journalists are people with role reporter/editor, never merged with an official namesake', () => {
    const a = art('a', { reporters: ['梁永明'], region: PX, date: date('2022-04-21', 2022, 4, 21) });
    const b = art('b', { reporters: ['梁永明'], editors: ['肖文忠'], region: PX, date: date('2022-07-20', 2022, 7, 20) });
    const c = art('c', { officials: [official('肖文忠', ['副县长'])], region: PX });
    const { people } = resolvePeople([a, b, c]);
    expect(people.map((p) => [p.id, p.appearances.map((x) => `${x.articleId}:${x.role}`)])).toEqual([
      ['p-梁永明', ['a:reporter', 'b:reporter']],
      ['p-肖文忠', ['c:present']],
      ['p-肖文忠-2', ['b:editor']],
    ]);
  });

  it('does not mutate its input', () => {
    const a = art('a', { officials: [official('王伟', ['市长'])], region: PX });
    const b = art('b', { officials: [official('王伟', ['市长'])], region: YZ });
    const before = JSON.stringify([a, b]);
    resolvePeople([a, b]);
    expect(JSON.stringify([a, b])).toBe(before);
  });
});

describe('resolvePeople on extracted seeds 001 + 004', () => {
  const read = (u: string) => readFileSync(new URL(u, import.meta.url), 'utf8');
  const build = (id: string, text: string, d: DateField) => {
    const a = art(id, { date: d, region: PX });
    a.text = text;
    return { ...a, officials: extractOfficials(a) };
  };
  const a001 = build('001', read('../../seeds/001_8100e753179c915b.txt'), date('--04-21', null, 4, 21));
  const a004 = build('004', read('../fixtures/damage/004_reconstructed_original.txt'), date('--01-28', null, 1, 28));
  const { people } = resolvePeople([a001, a004]);
  const byId = new Map(people.map((p) => [p.id, p]));

  it.each([
    ['p-刘烁', ['刘烁', '劉爍']],
    ['p-黄强', ['黄强', '黃強']],
    ['p-杨博', ['杨博', '楊博']],
    ['p-颜小龙', ['颜小龙', '顏小龍']],
  ])('%s appears in both scripts', (id, names) => {
    expect(byId.get(id)?.names).toEqual(names);
    expect(
      byId
        .get(id)
        ?.appearances.map((x) => x.articleId)
        .sort(),
    ).toEqual(['001', '004']);
  });

  it('刘建堂 and 刘建中 stay two people', () => {
    expect(byId.get('p-刘建堂')?.appearances.map((x) => x.articleId)).toEqual(['001']);
    expect(byId.get('p-刘建中')?.appearances.map((x) => x.articleId)).toEqual(['004']);
  });

  it('11 people: 10 in 001, 5 in 004, 4 shared', () => {
    expect(people).toHaveLength(11);
  });
});
