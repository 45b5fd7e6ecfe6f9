import { describe, expect, it } from 'vitest';
import { extractSource } from '../../src/ingest/extract/source.ts';
import { BODY, fixture, seed, seg } from '../support/extract.ts';

describe('extractSource on the seeds', () => {
  it('000: outlet 江西日報 (own script); site = URL host; the copyright claim is a conflict diagnostic', () => {
    const r = extractSource(seg(fixture('000_clean.txt')));
    expect(r.outlet).toMatchObject({ value: '江西日報', from: 'label', evidence: '(來源：江西日報)' });
    expect(r.site).toMatchObject({ value: 'www.jxxw.com.cn', from: 'url' });
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['source-site-conflict']);
    expect(r.diagnostics[0]!.message).toMatch(/掌中九江/);
  });
  it('001: no outlet; site from the disclaimer heading', () => {
    const r = extractSource(seg(seed('001')));
    expect(r.outlet.value).toBeNull();
    expect(r.site).toMatchObject({ value: '大江网(中国江西网)', from: 'copyright' });
  });
  it('002: outlet 萍乡日报; site from the breadcrumb; the paper list in the nav is not a source', () => {
    const r = extractSource(seg(seed('002')));
    expect(r.outlet).toMatchObject({ value: '萍乡日报', from: 'label' });
    expect(r.site).toMatchObject({ value: '大江网(中国江西网)', from: 'header' });
  });
  it('003: 来源: 扬州日报-扬州网 → outlet 扬州日报, site 扬州网', () => {
    const r = extractSource(seg(seed('003')));
    expect(r.outlet.value).toBe('扬州日报');
    expect(r.site.value).toBe('扬州网');
  });
  it('004: neither', () => {
    const r = extractSource(seg(fixture('004_clean.txt')));
    expect(r.outlet.value).toBeNull();
    expect(r.site.value).toBeNull();
  });
});

describe('extractSource: general cases', () => {
  it.each([
    ['來源：某某日報', '某某日報'],
    ['来源: 某某晚报', '某某晚报'],
    ['（来源：某某日报）', '某某日报'],
    ['稿源：某某新闻网', '某某新闻网'],
    ['2023-01-02 09:00 来源：某某市人民政府网站 作者：张三', '某某市人民政府网站'],
    ['发布时间：2023-01-02 | 来源：某某日报客户端 | 浏览次数：100', '某某日报客户端'],
  ])('outlet from %s', (line, outlet) => {
    expect(extractSource(seg(`某市召开工作会议\n${line}\n${BODY}`)).outlet).toMatchObject({ value: outlet });
  });

  it('outlet from the reporter’s organisation when no label exists', () => {
    const r = extractSource(seg(`某市召开工作会议\n某某日报全媒体记者 王五\n${BODY}`));
    expect(r.outlet).toMatchObject({ value: '某某日报', from: 'byline' });
  });

  it.each([['视频来源：某某卫视'], ['图片来源：网络'], ['来源：本网'], ['本报记者 张三']])('negative: %s gives no outlet', (line) => {
    expect(extractSource(seg(`某市召开工作会议\n${line}\n${BODY}`)).outlet.value).toBeNull();
  });

  it('site: og:site_name first, then <title> suffix', () => {
    expect(extractSource(seg(BODY, { title: '标题 - 某某网', meta: { 'og:site_name': '某某新闻网' }, urls: [] })).site).toMatchObject({ value: '某某新闻网', from: 'html-meta' });
    expect(extractSource(seg(BODY, { title: '标题 - 某某网', meta: {}, urls: [] })).site).toMatchObject({ value: '某某网', from: 'html-title' });
  });

  it('site: a copyright holder on the same domain as the URL is fine', () => {
    const r = extractSource(seg(`http://www.example.com.cn/a.html\n${BODY}\n版权归某某网(www.example.com.cn)所有，未经授权谢绝转载。`));
    expect(r.site.value).toBe('某某网(www.example.com.cn)');
    expect(r.diagnostics).toEqual([]);
  });

  it('site: the URL host when nothing else', () => {
    expect(extractSource(seg(`https://news.example.gov.cn/2023/08/1.html\n${BODY}`)).site).toMatchObject({ value: 'news.example.gov.cn', from: 'url' });
  });
});
