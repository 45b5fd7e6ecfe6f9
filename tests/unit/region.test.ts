import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newArticle, type Article, type Official } from '../../src/article.ts';
import { extractRegion } from '../../src/ingest/extract/region.ts';
import { extractSource } from '../../src/ingest/extract/source.ts';
import { segmentArticle } from '../../src/ingest/segment.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const seed = (prefix: string) => {
  const dir = new URL('../../seeds/', import.meta.url);
  return readFileSync(new URL(readdirSync(dir).find((n) => n.startsWith(prefix))!, dir), 'utf8');
};
const official = (name: string, posts: string[]): Official => ({ name, nameHans: name, posts, level: 'unknown', role: 'present', personId: `p-${name}`, evidence: '' });
function art(text: string, officials: Official[] = []): Article {
  const a0 = newArticle({ id: 't', sourceFile: 't', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: text });
  const a = segmentArticle({ ...a0, repaired: text });
  const s = extractSource(a);
  return { ...a, outlet: s.outlet, site: s.site, officials };
}
const region = (a: Article) => {
  const r = extractRegion(a);
  return { province: r.province, city: r.city, county: r.county, code: r.code };
};

describe('extractRegion on the seeds', () => {
  it.each([
    ['000', () => art(fixture('000_clean.txt'), [official('嚴允', ['宜春市委書記'])]), { province: '江西省', city: '宜春市', county: null, code: '360900' }],
    ['001', () => art(seed('001'), [official('陈敏', ['市委书记'])]), { province: '江西省', city: '萍乡市', county: null, code: '360300' }],
    ['002', () => art(seed('002')), { province: '江西省', city: '萍乡市', county: null, code: '360300' }],
    ['003 (six county units: no county)', () => art(seed('003')), { province: '江苏省', city: '扬州市', county: null, code: '321000' }],
    ['004 (Traditional)', () => art(fixture('004_clean.txt')), { province: '江西省', city: '萍乡市', county: null, code: '360300' }],
  ])('%s', (_id, make, expected) => {
    const a = make();
    expect(region(a)).toEqual(expected);
    expect(extractRegion(a).evidence).not.toBe('');
  });
});

const S = '会议强调，要切实履行职责，确保各项工作任务落到实处。';

describe('extractRegion: general cases', () => {
  it('outlet name alone places the article', () => {
    expect(region(art(`标题\n来源：绍兴日报\n${S}`))).toMatchObject({ province: '浙江省', city: '绍兴市' });
  });
  it('an official’s post places the article', () => {
    expect(region(art(S, [official('某某', ['洛阳市委书记'])]))).toMatchObject({ province: '河南省', city: '洛阳市' });
  });
  it('Traditional place names', () => {
    expect(region(art(`標題\n來源：蘇州日報\n蘇州市召開會議。蘇州要加快發展，蘇州工業園區表現突出。`))).toMatchObject({ province: '江苏省', city: '苏州市' });
  });
  it('one county dominating gives the county', () => {
    const r = region(art(`标题\n来源：萍乡日报\n上栗县召开会议。上栗要加快发展，上栗县委书记讲话。上栗工业园区表现突出。${S}`));
    expect(r).toEqual({ province: '江西省', city: '萍乡市', county: '上栗县', code: '360322' });
  });
  it('several counties: none', () => {
    const r = region(art(`标题\n来源：萍乡日报\n上栗县、芦溪县、莲花县、湘东区和安源区召开会议。${S}`));
    expect(r.county).toBeNull();
    expect(r.city).toBe('萍乡市');
  });
  it('province only', () => {
    expect(region(art(`江西省召开会议，全省上下要坚定信心。江西要加快发展。${S}`))).toEqual({ province: '江西省', city: null, county: null, code: '360000' });
  });
  it.each([['首页 新闻中心 市长信箱 政务公开 办事服务 互动交流'], [S]])('negative: no place → all null (%s)', (text) => {
    expect(region(art(text))).toEqual({ province: null, city: null, county: null, code: null });
  });
});
