import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toSimplified } from '../../src/text/script.ts';
import { seedArticle } from '../support/seeds.ts';

/**
 * The seeds' metadata against `seeds-expected.json` (the hand-checked gold, copied from the
 * project's shared material). Names and posts are compared in Simplified with full-width and
 * half-width brackets unified, since the raw files folded every full-width bracket.
 */
type Expected = Record<string, any>;
const gold: Expected[] = JSON.parse(readFileSync(new URL('./seeds-expected.json', import.meta.url), 'utf8'));
const byId = (prefix: string) => gold.find((g) => g['id'].startsWith(prefix))!;
const norm = (s: string | null | undefined) => (s == null ? s : toSimplified(s).replace(/（/g, '(').replace(/）/g, ')'));

describe.each(['000', '001', '002', '003', '004'])('seed %s matches seeds-expected.json', (prefix) => {
  const g = byId(prefix);
  const a = seedArticle(prefix);

  it('title (and whether it was derived)', () => {
    const expectedTitle = g['title_is_derived'] ? (g['title_derived'] ?? g['title']) : g['title'];
    const actual = a.title?.subtitle && g['subtitle'] ? a.title.value : a.title?.value;
    expect(norm(actual)).toBe(norm(expectedTitle));
    expect(a.title?.derived).toBe(g['title_is_derived']);
    if (g['subtitle']) expect(norm(a.title?.subtitle)).toBe(norm(g['subtitle']));
  });

  it('date value and precision', () => {
    expect(a.date?.precision).toBe(g['date']['precision']);
    expect(a.date?.value).toBe(g['date']['value']);
    if (g['date']['precision'] === 'month-day') {
      expect(a.date?.year).toBeNull();
      // A suggested year is offered with its reasoning, never as the value.
      const inferred = Number(String(g['date']['inferred']['value']).slice(0, 4));
      if (a.date?.suggestedYear) expect(a.date.suggestedYear.year).toBe(inferred);
    }
  });

  it('outlet (original source) and site (host) are kept apart', () => {
    const outlets: string[] = g['source']['original_source_outlets'];
    expect(norm(a.outlet?.value ?? null)).toBe(outlets[0] ?? null);
    const site = g['source']['site_publisher'];
    if (site['name']) expect(norm(site['name'])).toContain(norm(a.site?.value ?? '∅'));
    else if (site['url_host']) expect(a.site?.value).toBe(site['url_host']);
    else expect(a.site?.value ?? null).toBeNull();
  });

  it('region with its GB/T 2260 code', () => {
    expect(a.region?.province).toBe(g['region']['province']);
    expect(a.region?.city).toBe(g['region']['city']);
    expect(a.region?.code).toMatch(/^\d{6}$/);
  });

  it('reporters and editors', () => {
    const reporters = (g['reporters'] as any[]).map((r) => norm(r['name_simplified'] ?? r['name']));
    expect(a.bylines.reporters.map(norm)).toEqual(reporters);
    const editors = (g['editors'] as any[]).filter((e) => e['name_original'] || e['name']);
    const role = (r: string) => (r === '编辑' ? 'editors' : r === '责编' || r === '责任编辑' ? 'chiefEditors' : 'reviewers');
    for (const e of editors) expect(a.bylines[role(e['role'])]).toContain(e['name_original'] ?? e['name']);
  });

  it('officials: name, posts as written and role', () => {
    const role = (o: any) => (String(o['role_in_article']).startsWith('interviewee') ? 'interviewee' : o['present_at_event'] ? 'present' : 'mentioned');
    const expected = (g['officials'] as any[]).map((o) => ({ name: o['name_original'], posts: o['posts_as_written'], role: role(o) }));
    const actual = a.officials.map((o) => ({ name: o.name, posts: o.posts, role: o.role }));
    expect(actual).toEqual(expected);
  });
});

describe('seed 003 is a compilation of six interviews', () => {
  it('keeps each part with its heading, interviewee, posts and reporters', () => {
    const g = byId('003');
    const a = seedArticle('003');
    expect(a.parts.map((p) => ({ title: p.title, name: p.interviewee?.name, posts: p.interviewee?.posts, reporters: p.reporters }))).toEqual(
      (g['sub_articles'] as any[]).map((s) => ({ title: s['heading'], name: s['interviewee'], posts: s['interviewee_posts_as_written'], reporters: s['reporters'] })),
    );
  });
});

describe('people across articles and scripts', () => {
  it.each([
    ['001', '刘烁', '004', '劉爍'],
    ['001', '黄强', '004', '黃強'],
    ['001', '杨博', '004', '楊博'],
    ['001', '颜小龙', '004', '顏小龍'],
  ])('%s %s and %s %s are one person', (a1, n1, a2, n2) => {
    const p1 = seedArticle(a1).officials.find((o) => o.name === n1)!.personId;
    const p2 = seedArticle(a2).officials.find((o) => o.name === n2)!.personId;
    expect(p1).toBe(p2);
  });

  it.each([['001', '刘建堂', '004', '劉建中']])('%s %s and %s %s stay apart', (a1, n1, a2, n2) => {
    const p1 = seedArticle(a1).officials.find((o) => o.name === n1)!.personId;
    const p2 = seedArticle(a2).officials.find((o) => o.name === n2)!.personId;
    expect(p1).not.toBe(p2);
  });
});
