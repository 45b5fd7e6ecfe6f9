import { describe, expect, it } from 'vitest';
import { emptyBylines, type Article, type Bylines, type PageInfo } from '../../src/article.ts';
import { extractBylines } from '../../src/ingest/extract/bylines.ts';
import { extractDate } from '../../src/ingest/extract/date.ts';
import { extractOfficials } from '../../src/ingest/extract/officials.ts';
import { extractSource } from '../../src/ingest/extract/source.ts';
import { extractTitle } from '../../src/ingest/extract/title.ts';
import { htmlToText } from '../../src/ingest/html.ts';
import { BODY, seg } from '../support/extract.ts';

/*
 * Rules added for real saved pages, pinned with small synthetic inputs (invented people such as
 * 张三, invented outlets such as 某某日报). Nothing here is copied from tests/real/pages.
 */

const HEADLINE = '某市召开工作会议';
/** A headline, one header line, the body. */
const H = (line: string) => `${HEADLINE}\n${line}\n${BODY}`;
/** A headline, the body, then lines after it. */
const T = (...lines: string[]) => [HEADLINE, BODY, ...lines].join('\n');
const page = (meta: Record<string, string>, extra: Partial<PageInfo> = {}): PageInfo => ({ title: null, meta, urls: [], ...extra });
/** Segmented, with its bylines: what extractOfficials receives in the pipeline. */
function withBylines(text: string, info: PageInfo | null = null): Article {
  const a = seg(text, info);
  return { ...a, bylines: extractBylines(a) };
}
const kinds = (a: Article) => a.segments.filter((s) => s.kind !== 'blank').map((s) => s.kind);

// ---------------------------------------------------------------------------------------------
describe('pagination', () => {
  it('a lone 首页 above the headline is not a pagination bar, and the body is found', () => {
    const a = seg(`首页\n${HEADLINE}\n2023-05-11 来源：某某日报\n${BODY}\n${BODY}`);
    expect(kinds(a)).toEqual(['chrome', 'title', 'dateline', 'body', 'body']);
    expect(a.text).toBe(`${BODY}\n${BODY}`);
    expect(a.truncated).toBe(false);
    expect(a.diagnostics.map((d) => d.rule)).toEqual([]);
  });

  it('上一页 1 2 3 下一页 is pagination: the article is truncated, what follows is chrome', () => {
    const a = seg(`${HEADLINE}\n2023-05-11\n${BODY}\n上一页 1 2 3 下一页\n${BODY}`);
    expect(kinds(a)).toEqual(['title', 'dateline', 'body', 'pagination', 'chrome']);
    expect(a.segments[4]!.reason).toBe('after pagination');
    expect(a.text).toBe(BODY);
    expect(a.truncated).toBe(true);
    expect(a.diagnostics.map((d) => d.rule)).toEqual(['segment-truncated']);
  });

  it.each<[string, 'pagination' | 'chrome', boolean]>([
    ['上一页 1 2 3 下一页', 'pagination', true],
    ['首页 上一页 1 2 下一页 尾页', 'pagination', true],
    ['[1] [2] [3]', 'pagination', true],
    ['【1】【2】', 'pagination', true],
    ['第1页 第2页', 'pagination', false],
    ['上一页 | 下一页', 'pagination', true],
    ['共1页', 'chrome', false],
    ['首页', 'chrome', false],
  ])('%s after the body: %s, truncated %s', (line, kind, truncated) => {
    const a = seg(T(line));
    expect(a.segments[2]!.kind).toBe(kind);
    expect(a.truncated).toBe(truncated);
  });
});

// ---------------------------------------------------------------------------------------------
describe('dates', () => {
  it.each<[string, string, string, string]>([
    ['来源：某某日报 9/17/2004 5:54:13 AM', '2004-09-17T05:54:13+08:00', 'datetime', 'header'],
    ['来源：某某日报 9/17/2004 5:54:13 PM', '2004-09-17T17:54:13+08:00', 'datetime', 'header'],
    ['来源：某某日报 9/17/2004 12:04 AM', '2004-09-17T00:04+08:00', 'datetime', 'header'],
    ['来源：某某日报 9/17/2004 12:04 PM', '2004-09-17T12:04+08:00', 'datetime', 'header'],
    ['来源：某某日报 9/17/2004 17:04', '2004-09-17T17:04+08:00', 'datetime', 'header'],
    ['来源：某某日报 9/17/2004', '2004-09-17', 'date', 'header'],
    ['来源：某某杂志 1996年6月号', '1996-06', 'month', 'header'],
    ['2023年5月 来源：某某杂志', '2023-05', 'month', 'header'],
  ])('%s → %s', (line, value, precision, from) => {
    expect(extractDate(seg(H(line))).date).toMatchObject({ value, precision, from });
  });

  it('a US-order date that cannot be a date (13/17/2004) is no date', () => {
    expect(extractDate(seg(H('来源：某某日报 13/17/2004'))).date.value).toBeNull();
  });

  it('a US-order stamp alone under the headline gives the date', () => {
    expect(extractDate(seg(H('9/17/2004 5:54:13 AM'))).date.value).toBe('2004-09-17T05:54:13+08:00');
  });

  it('a visible stamp with a time beats a date-only meta', () => {
    const d = extractDate(seg(H('2023-05-11 10:20 来源：某某日报'), page({ 'article:published_time': '2023-05-10' }))).date;
    expect(d).toMatchObject({ value: '2023-05-11T10:20+08:00', precision: 'datetime', from: 'header', evidence: '2023-05-11 10:20 来源：某某日报' });
  });

  it.each<[string, string, string]>([
    ['2023-05-11T02:20:00Z', '2023-05-11T10:20:00+08:00', 'article:published_time=2023-05-11T02:20:00Z (2023-05-11T02:20:00+00:00 in China Standard Time); agrees with 2023-05-11 来源：某某日报'],
    ['2023-05-11 09:30:00', '2023-05-11T09:30:00+08:00', 'article:published_time=2023-05-11 09:30:00; agrees with 2023-05-11 来源：某某日报'],
  ])('a date-only stamp plus a same-day meta time (%s) gives the meta’s time', (meta, value, evidence) => {
    const d = extractDate(seg(H('2023-05-11 来源：某某日报'), page({ 'article:published_time': meta }))).date;
    expect(d).toEqual({ value, precision: 'datetime', from: 'html-meta', evidence, year: 2023, month: 5, day: 11, suggestedYear: null });
  });

  it('a meta time of another day does not replace a date-only stamp', () => {
    const d = extractDate(seg(H('2023-05-11 来源：某某日报'), page({ 'article:published_time': '2023-05-12T08:20:00+08:00' }))).date;
    expect(d).toMatchObject({ value: '2023-05-11', precision: 'date', from: 'header' });
  });

  it.each([
    ['a related-news line above the headline', `某某县举行某某活动的相关报道2019-09-06 10:00\n${HEADLINE}\n2023-05-11 来源：某某日报\n${BODY}`],
    ['a related-news line between the headline and the stamp', `${HEADLINE}\n某某县举行某某活动的相关报道2019-09-06\n2023-05-11 来源：某某日报\n${BODY}`],
    ['a related-news line after the body', `${HEADLINE}\n2023-05-11 来源：某某日报\n${BODY}\n某某县举行某某活动的相关报道 2019-09-06 10:00`],
  ])('a stamp line under the headline beats a date at the end of %s', (_label, text) => {
    expect(extractDate(seg(text)).date).toMatchObject({ value: '2023-05-11', from: 'header', evidence: '2023-05-11 来源：某某日报' });
  });

  it('a date at the end of a related-news line is used only when nothing else dates the page', () => {
    const text = `${HEADLINE}\n来源：某某日报\n${BODY}\n某某县举行某某活动的相关报道 2019-09-06 10:00`;
    expect(extractDate(seg(text)).date).toMatchObject({ value: '2019-09-06T10:00+08:00', from: 'header' });
    expect(extractDate(seg(text, page({ 'article:published_time': '2023-05-10' }))).date).toMatchObject({ value: '2023-05-10', from: 'html-meta' });
  });

  it.each([
    ['a full date in the lead against a header month', H('来源：某某杂志 1996年6月号').replace(BODY, `1996年5月3日，${BODY}`), '1996-06', 'month'],
    ['a time in the lead against a header date', H('来源：某某日报 2023-05-11').replace(BODY, `2023年5月11日 10:30，${BODY}`), '2023-05-11', 'date'],
    ['another date in the lead', H('来源：某某日报 2023-05-11').replace(BODY, `2022年3月1日，${BODY}`), '2023-05-11', 'date'],
    ['a stamp after the body (a government page)', T('发布日期：2023-05-11').replace(BODY, `2022年3月1日，${BODY}`), '2023-05-11', 'date'],
  ])('a body date never beats a header stamp: %s', (_label, text, value, precision) => {
    expect(extractDate(seg(text)).date).toMatchObject({ value, precision, from: 'header' });
  });

  it('meta dateUpdate alone is used, with evidence saying it is the last-modified time', () => {
    const d = extractDate(seg(`${HEADLINE}\n${BODY}`, page({ dateupdate: '2023-05-11 09:30:00' }))).date;
    expect(d).toMatchObject({ value: '2023-05-11T09:30:00+08:00', precision: 'datetime', from: 'html-meta' });
    expect(d.evidence).toBe("dateupdate=2023-05-11 09:30:00 (the page's last-modified time: no publication stamp)");
  });

  it.each([
    ['a publication meta', page({ dateupdate: '2023-05-11 09:30:00', pubdate: '2023-05-10' }), `${HEADLINE}\n${BODY}`, '2023-05-10', 'html-meta'],
    ['a header stamp', page({ dateupdate: '2023-05-11 09:30:00' }), H('2023-05-01 来源：某某日报'), '2023-05-01', 'header'],
  ])('the last-modified time loses to %s', (_label, info, text, value, from) => {
    expect(extractDate(seg(text, info)).date).toMatchObject({ value, from });
  });

  it.each([
    ['a full date in the lead', page({ dateupdate: '2023-05-11 09:30:00' }), `${HEADLINE}\n2022年3月1日，${BODY}`, '2022-03-01', 'lede'],
    ['a date in the URL path', page({ dateupdate: '2023-05-11 09:30:00', 'og:url': 'https://www.example.cn/news/2022/03/01/1.html' }), `${HEADLINE}\n${BODY}`, '2022-03-01', 'url'],
  ])('the last-modified time loses to %s', (_label, info, text, value, from) => {
    expect(extractDate(seg(text, info)).date).toMatchObject({ value, from });
  });
});

// ---------------------------------------------------------------------------------------------
describe('outlets', () => {
  it.each<[string, string, string | null, string]>([
    ['据新华社北京1月2日电 lead', `${HEADLINE}\n据新华社北京1月2日电 ${BODY}`, '新华社', 'lede'],
    ['新华社…电（记者 …） lead', `${HEADLINE}\n新华社北京1月2日电（记者 张三）${BODY}`, '新华社', 'lede'],
    ['腾讯音乐讯 lead', `${HEADLINE}\n腾讯音乐讯 ${BODY}`, '腾讯音乐', 'lede'],
    ['某某之家9月30日消息 lead', `${HEADLINE}\n某某之家9月30日消息，${BODY}`, '某某之家', 'lede'],
    ['本报讯 names nobody', `${HEADLINE}\n本报讯 ${BODY}`, null, 'none'],
    ['来源于： in a stamp line', H('2023-05-11 来源于：某某日报'), '某某日报', 'label'],
    ['来源：[ 某某日报 ]', H('来源：[ 某某日报 ]'), '某某日报', 'label'],
    ['来源：【某某网】', H('来源：【某某网】'), '某某网', 'label'],
    ['来源：转载文章 is a placeholder', H('来源：转载文章'), null, 'none'],
    ['来源：张三 is a person', H('来源：张三'), null, 'none'],
    ['来源： 访问量：12 is an empty slot', H('来源： 访问量：12'), null, 'none'],
    ['某某网-《某某日报》: the book title is the original', H('来源：某某网-《某某日报》'), '某某日报', 'label'],
    ['an organisation beside the stamp', H('2019年11月25日 18:57 某某晚报'), '某某晚报', 'header'],
    ['a person beside the stamp is no outlet', H('2019年11月25日 18:57 张三'), null, 'none'],
    ['a name without an organisation ending beside the stamp is no outlet', H('2019年11月25日 18:57 某某某某之声'), null, 'none'],
    ['发布机构：某某县统计局', H('发布机构：某某县统计局'), '某某县统计局', 'label'],
    ['a value glued to a date', H('来源：某某日报2024-05-13'), '某某日报', 'label'],
    ['a value glued to a time', H('来源：某某日报10:30'), '某某日报', 'label'],
    ['a place in brackets after the outlet', H('来源：某某经营报（北京）'), '某某经营报', 'label'],
    ['the issuing body closing a government text', T('（某某县统计局）'), '某某县统计局', 'byline'],
  ])('%s', (_label, text, value, from) => {
    expect(extractSource(seg(text)).outlet).toMatchObject({ value, from });
  });

  it('某某网-《某某日报》: the other part is the site', () => {
    expect(extractSource(seg(H('来源：某某网-《某某日报》'))).site).toMatchObject({ value: '某某网', from: 'label' });
  });

  it('来源于：某某日报 on its own line gives the outlet', () => {
    expect(extractSource(seg(H('来源于：某某日报'))).outlet).toMatchObject({ value: '某某日报', from: 'label' });
  });
});

// ---------------------------------------------------------------------------------------------
describe('bylines: the right role', () => {
  const b = (x: Partial<Bylines>): Bylines => ({ ...emptyBylines(), ...x });

  it.each<[string, string, Bylines]>([
    ['。（记者 张三） closing the last paragraph', T().replace(/。$/u, '。（记者 张三）'), b({ reporters: ['张三'] })],
    ['（评论员 张三 李四）', `${HEADLINE}\n${BODY}\n${BODY}（评论员 张三 李四）`, b({ authors: ['张三', '李四'] })],
    ['（ 责任编辑：王五 ） closing the last paragraph', `${HEADLINE}\n${BODY}\n${BODY}（ 责任编辑：王五 ）`, b({ chiefEditors: ['王五'] })],
    ['（ 责任编辑：王五 ） on its own line', T('（ 责任编辑：王五 ）'), b({ chiefEditors: ['王五'] })],
    ['编辑|王五', T('编辑|王五'), b({ editors: ['王五'] })],
    ['责任编辑：杨倩_NF4425 (a staff code)', T('责任编辑：杨倩_NF4425'), b({ chiefEditors: ['杨倩'] })],
    ['通讯员 赵六 摄', T('通讯员 赵六 摄'), b({ reporters: ['赵六'] })],
    ['张三 摄', T('张三 摄'), b({ reporters: ['张三'] })],
    ['执笔人：孙七', T('执笔人：孙七'), b({ authors: ['孙七'] })],
    ['作者：钱八 under the headline', H('作者：钱八'), b({ authors: ['钱八'] })],
    ['李九/文', T('李九/文'), b({ authors: ['李九'] })],
    ['记者 周十 北京报道', H('记者 周十 北京报道'), b({ reporters: ['周十'] })],
    ['新华社北京5月19日电（刘艺、杨吉） lead', `${HEADLINE}\n新华社北京5月19日电（刘艺、杨吉）${BODY}`, b({ reporters: ['刘艺', '杨吉'] })],
    ['a caption’s photo credit inside a paragraph', `${HEADLINE}\n${BODY}\n5月19日，张三在大会上讲话。新华社记者 谢环驰 摄\n${BODY}\n${BODY}\n${BODY}`, b({ reporters: ['谢环驰'] })],
    ['作者：最新文章 names nobody', H('作者：最新文章'), b({})],
    ['责任编辑：celiawu (a Latin user name)', T('责任编辑：celiawu'), b({ chiefEditors: ['celiawu'] })],
    ['责任编辑：user1234 (a code, not a name)', T('责任编辑：user1234'), b({})],
    ['（张三） signing the last paragraph', `${HEADLINE}\n${BODY}\n${BODY}（张三）`, b({ authors: ['张三'] })],
  ])('%s', (_label, text, expected) => {
    expect(extractBylines(seg(text))).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
describe('officials', () => {
  const brief = (a: Article) => extractOfficials(a).map((o) => [o.name, o.posts, o.level, o.role]);

  it.each<[string, string, Array<[string, string[], string, string]>]>([
    ['name before the post', '会上，习近平总书记强调，要抓好落实。', [['习近平', ['总书记'], 'national', 'present']]],
    ['国务院总理', '5月19日，国务院总理李强出席会议并讲话。', [['李强', ['国务院总理'], 'national', 'present']]],
    ['a foreign post with a transliterated name', '法国总统马克龙表示，将加强合作。', [['马克龙', ['法国总统'], 'unknown', 'present']]],
    ['a society’s post is not public office', '某某学会副理事长张三出席会议并讲话。', []],
    ['a firm’s post is not public office', '某某集团董事长李四出席会议并讲话。', []],
    ['a firm’s Party post is', '某某集团党委书记李四出席会议并讲话。', [['李四', ['某某集团党委书记'], 'unknown', 'present']]],
    ['市长信箱 gives nobody', `市长信箱 | 网上信访\n${BODY}`, []],
  ])('%s', (_label, line, expected) => {
    expect(brief(withBylines(`${HEADLINE}\n${line}`))).toEqual(expected);
  });

  it('a reporter in the bylines is never an official', () => {
    expect(brief(withBylines(`${HEADLINE}\n市委书记王五出席会议并讲话。`))).toEqual([['王五', ['市委书记'], 'prefecture', 'present']]);
    expect(brief(withBylines(`${HEADLINE}\n市委书记王五出席会议并讲话。\n记者 王五`))).toEqual([]);
  });

  it('法国总统马克龙此前表示 → 马克龙', () => {
    expect(brief(withBylines(`${HEADLINE}\n法国总统马克龙此前表示，将加强合作。`))).toEqual([['马克龙', ['法国总统'], 'unknown', 'present']]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('title', () => {
  it('a generic <title> equal to og:site_name never wins, even as the h1', () => {
    const info = page({ 'og:site_name': '某某新闻网' }, { title: '某某新闻网', headings: [{ level: 1, text: '某某新闻网' }] });
    expect(extractTitle(seg(`某某新闻网\n${HEADLINE}\n2023-05-11 来源：某某日报\n${BODY}`, info))).toEqual({
      value: HEADLINE,
      from: 'header',
      evidence: HEADLINE,
      subtitle: null,
      derived: false,
    });
  });

  it('a generic <title> equal to og:site_name is not the headline when there is no other', () => {
    const t = extractTitle(seg(BODY, page({ 'og:site_name': '某某新闻网' }, { title: '某某新闻网' })));
    expect(t).toMatchObject({ value: '会议强调', from: 'lede', derived: true });
  });

  it('the h1 that agrees with <title> wins over the <title> with its site suffix and over a wrong header line', () => {
    const headline = '某市召开优化营商环境大会';
    const info = page({}, { title: `${headline}_某某网`, headings: [{ level: 1, text: headline }] });
    const a = seg(`${headline}\n要闻推荐\n2023-05-11 来源：某某日报\n${BODY}`, info);
    expect(a.segments.find((s) => s.kind === 'title')!.text).toBe('要闻推荐');
    expect(extractTitle(a)).toEqual({ value: headline, from: 'header', evidence: `visible headline, agrees with <title>${headline}_某某网</title>`, subtitle: null, derived: false });
  });

  it('the h1 wins over a <title> that cut it short', () => {
    const headline = '某市召开优化营商环境大会全力打造一流营商环境';
    const info = page({}, { title: '某市召开优化营商环境大会…_某某网', headings: [{ level: 1, text: headline }] });
    expect(extractTitle(seg(`${headline}\n2023-05-11 来源：某某日报\n${BODY}`, info))).toMatchObject({ value: headline, from: 'header' });
  });

  it('with no visible headline, the <title> without its site suffix', () => {
    expect(extractTitle(seg(BODY, page({}, { title: '某市召开优化营商环境大会_某某网' })))).toMatchObject({ value: '某市召开优化营商环境大会', from: 'html-title' });
  });

  it('the headline repeated as the first line of the article box is the title, not body', () => {
    const headline = '某市召开优化营商环境大会，全力打造一流营商环境';
    const html = `<html><head><title>${headline}_某某网</title></head><body><div><a href="/">首页</a> <a href="/n">新闻中心</a></div><h1>${headline}</h1><div>2023-05-11 来源：某某日报</div><div id="a"><p>${headline}</p><p>${BODY}</p><p>${BODY}</p></div></body></html>`;
    const { text, page: info } = htmlToText(html);
    const a = seg(text, info);
    const repeated = a.segments.filter((s) => s.text === headline);
    expect(repeated.map((s) => [s.kind, s.reason])).toEqual([
      ['chrome', 'prose outside the main content of the page'],
      ['title', 'headline repeated above the article'],
    ]);
    expect(a.text).toBe(`${BODY}\n${BODY}`);
    expect(extractTitle(a)).toMatchObject({ value: headline, from: 'header' });
  });

  it.each([['李九/文'], ['编辑|王五'], ['来源于：某某日报'], ['发布时间：9/17/2004 5:54:13 AM'], ['某某杂志 1996年6月号']])('the headline stays the headline above %s', (line) => {
    expect(extractTitle(seg(H(line))).value).toBe(HEADLINE);
  });
});
