import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newArticle, type Article, type SegmentKind } from '../../src/article.ts';
import { segmentArticle } from '../../src/ingest/segment.ts';
import { seg as segPage } from '../support/extract.ts';

// Fixtures: 000/004 are the clean reconstructions (full-width punctuation, 004 split into
// paragraphs) standing for the repaired seeds; 001–003 are the raw seeds (ASCII punctuation).
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const seed = (prefix: string) => {
  const dir = new URL('../../seeds/', import.meta.url);
  const f = readdirSync(dir).find((n) => n.startsWith(prefix))!;
  return readFileSync(new URL(f, dir), 'utf8');
};

function seg(text: string, extra: Partial<Article> = {}): Article {
  const a = newArticle({ id: 't', sourceFile: 't.txt', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: text });
  return segmentArticle({ ...a, repaired: text, ...extra });
}
const linesOf = (a: Article, kind: SegmentKind) => [...new Set(a.segments.filter((s) => s.kind === kind).map((s) => s.line))];
const kindOf = (a: Article, line: number) => a.segments.filter((s) => s.line === line).map((s) => s.kind);
const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('segmentArticle on the seeds', () => {
  it('000: body L7–L13; URL, source, title label, title, subtitle, byline, source, copyright, credits', () => {
    const a = seg(fixture('000_clean.txt'));
    expect(linesOf(a, 'body')).toEqual(range(7, 13));
    expect(kindOf(a, 1)).toEqual(['url']);
    expect(kindOf(a, 2)).toEqual(['source']);
    expect(kindOf(a, 3)).toEqual(['title']);
    expect(kindOf(a, 4)).toEqual(['title']);
    expect(kindOf(a, 5)).toEqual(['subtitle']);
    expect(kindOf(a, 6)).toEqual(['byline']);
    expect(kindOf(a, 14)).toEqual(['source']);
    expect(kindOf(a, 15)).toEqual(['boilerplate']);
    expect(linesOf(a, 'credit')).toEqual([16, 17, 18]);
    expect(a.url).toBe('http://www.jxxw.com.cn/content_html/html/55/p/pc/2023/08/129354578.html');
    expect(a.truncated).toBe(false);
    expect(a.text.split('\n')).toHaveLength(7);
  });

  it('001: body L1–L9 after the (记者…) prefix; disclaimer L10–14, contact L15, separator L16', () => {
    const a = seg(seed('001'));
    expect(linesOf(a, 'body')).toEqual(range(1, 9));
    expect(kindOf(a, 1)).toEqual(['byline', 'body']);
    expect(a.text.startsWith('4月21日下午')).toBe(true);
    expect(linesOf(a, 'boilerplate')).toEqual(range(10, 14));
    expect(kindOf(a, 15)).toEqual(['chrome']);
    expect(kindOf(a, 16)).toEqual(['chrome']);
    expect(a.url).toBeNull();
  });

  it('002: body L13–L49 with three headings; truncated (page 1 of 2); chrome kept', () => {
    const a = seg(seed('002'));
    const body = linesOf(a, 'body');
    expect(body[0]).toBe(13);
    expect(body[body.length - 1]).toBe(49);
    expect(linesOf(a, 'heading')).toEqual([19, 31, 41]);
    expect(kindOf(a, 4)).toEqual(['title']);
    expect(kindOf(a, 5)).toEqual(['dateline']);
    expect(kindOf(a, 6)).toEqual(['credit']);
    expect(kindOf(a, 11)).toEqual(['byline']);
    expect(kindOf(a, 2)).toEqual(['nav']);
    expect(kindOf(a, 3)).toEqual(['nav']);
    expect(kindOf(a, 51)).toEqual(['pagination']);
    for (const l of [1, 7, 8, 9, 52, 53, 54]) expect(kindOf(a, l)).toEqual(['chrome']);
    expect(a.truncated).toBe(true);
    expect(a.diagnostics.map((d) => d.rule)).toContain('segment-truncated');
    expect(a.text.split('\n')[0]).toBe('乘风破浪闯新路,迎难而上创新绩。');
  });

  it('003: body L5–L101 with headings and bylines, glued bylines split off', () => {
    const a = seg(seed('003'));
    const body = linesOf(a, 'body');
    expect(body[0]).toBe(5);
    expect(body[body.length - 1]).toBe(101);
    expect(linesOf(a, 'byline')).toEqual([21, 37, 51, 71, 87, 103]);
    expect(kindOf(a, 21)).toEqual(['body', 'byline']);
    expect(linesOf(a, 'heading')).toEqual([7, 9, 23, 25, 39, 41, 53, 55, 73, 75, 89, 91]);
    expect(kindOf(a, 1)).toEqual(['title']);
    expect(kindOf(a, 3)).toEqual(['dateline']);
    expect(kindOf(a, 106)).toEqual(['credit']);
    expect(kindOf(a, 108)).toEqual(['chrome']);
    expect(kindOf(a, 110)).toEqual(['chrome']);
    expect(kindOf(a, 112)).toEqual(['boilerplate']);
    expect(a.text).not.toMatch(/记者 陈高飞|记者 张旭/);
    expect(a.text).toMatch(/政治生态。\n/);
  });

  it('004: the whole text is body except the trailing separator', () => {
    const a = seg(fixture('004_clean.txt'));
    expect(linesOf(a, 'body')).toEqual(range(1, 6));
    expect(kindOf(a, 7)).toEqual(['chrome']);
    expect(a.text.startsWith('1月28日，市委副書記、市長劉爍')).toBe(true);
    expect(a.text.endsWith('氣勢。')).toBe(true);
    const oneLine = seg(fixture('004_clean.txt').replace(/\n/g, ' '));
    expect(oneLine.segments.filter((s) => s.kind === 'chrome').map((s) => s.text.trim())).toEqual(['|']);
  });

  it('keeps every character: segments of a line concatenate to the line', () => {
    for (const text of [fixture('000_clean.txt'), seed('001'), seed('002'), seed('003'), fixture('004_clean.txt')]) {
      const a = seg(text);
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        expect(
          a.segments
            .filter((s) => s.line === i + 1)
            .map((s) => s.text)
            .join(''),
        ).toBe(line);
      });
    }
  });
});

const LEAD = '会议指出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动经济社会高质量发展。';
const BODY = [LEAD, '会议强调，各级各部门要切实履行职责，确保各项工作任务落到实处，不断增强人民群众的获得感。'];

describe('segmentArticle: general cases', () => {
  it.each([
    ['[1] [2] 下一页 尾页', true],
    ['上一页 1 2 3 下一页', true],
    ['【1】【2】【3】', true],
    ['首页 上一页 [1] [2] 下一頁 末頁', true],
    ['第1页 共3页 下一页', true],
    ['[1]', false],
  ])('pagination %s → truncated %s', (bar, truncated) => {
    const a = seg(['某地召开工作会议', ...BODY, bar, '相关新闻'].join('\n'));
    expect(a.segments.find((s) => s.text === bar)?.kind).toBe('pagination');
    expect(a.truncated).toBe(truncated);
    expect(a.segments.find((s) => s.text === '相关新闻')?.kind).toBe('chrome');
  });

  it.each([
    ['首页 新闻中心 市长信箱 政务公开 办事服务 互动交流', 'nav'],
    ['当前位置：首页 > 新闻中心 > 本地要闻', 'nav'],
    ['首页 > 要闻 > 正文', 'nav'],
    ['來源：某某日報', 'source'],
    ['（来源：某某日报）', 'source'],
    ['責任編輯：王小明', 'credit'],
    ['编辑：李四 审核：王五', 'credit'],
    ['记者 张三 李四', 'byline'],
    ['本報記者 陳大文', 'byline'],
    ['通讯员 赵六', 'byline'],
    ['发布时间：2023-05-06 10:20 来源：某某网', 'dateline'],
    ['2021年10月 01日 09:04', 'dateline'],
    ['新闻热线：0799-1234567', 'chrome'],
    ['分享到：微信 微博 QQ空间', 'chrome'],
    ['版权所有：某某网 未经授权禁止转载', 'boilerplate'],
    ['Copyright © 2023 某某网 All Rights Reserved', 'boilerplate'],
  ])('header line %s → %s', (line, kind) => {
    const a = seg(['某地召开工作会议', line, ...BODY].join('\n'));
    expect(kindOf(a, 2)).toEqual([kind]);
  });

  it('splits a Traditional byline glued to a paragraph end', () => {
    const a = seg(['標題在這裡', '會議指出，要堅持穩中求進工作總基調，推動經濟社會高質量發展。\u00a0\u00a0記者 王小明'].join('\n'));
    expect(kindOf(a, 2)).toEqual(['body', 'byline']);
    expect(a.text).toBe('會議指出，要堅持穩中求進工作總基調，推動經濟社會高質量發展。');
  });

  it('splits a 本报讯（记者 …） prefix', () => {
    const a = seg(`本报讯（记者 张三 通讯员 李四）${LEAD}`);
    expect(a.segments.map((s) => s.kind)).toEqual(['byline', 'body']);
    expect(a.text).toBe(LEAD);
  });

  it('negative: 本报记者采访… is body, not a byline', () => {
    const a = seg(['标题', '昨天，本报记者采访各县（市、区）主要负责同志。', ...BODY].join('\n'));
    expect(kindOf(a, 2)).toEqual(['body']);
  });

  it('negative: a related-news sidebar after the body is chrome, not body', () => {
    const a = seg([...BODY, '相关阅读：', '市领导调研重点项目建设', '我市召开安全生产工作会议', '市长信箱'].join('\n'));
    expect(linesOf(a, 'body')).toEqual([1, 2]);
    for (const l of [3, 4, 5, 6]) expect(kindOf(a, l)).toEqual(['chrome']);
  });

  it('a disclaimer with numbered items is boilerplate', () => {
    const a = seg([...BODY, '某某网版权与免责声明', '1、本网所载稿件仅代表作者本人观点，不代表本网立场。', '2、如需转载，请与本网联系。'].join('\n'));
    expect(linesOf(a, 'boilerplate')).toEqual([3, 4, 5]);
  });

  it('a headline just above the dateline wins over site chrome', () => {
    const a = seg(['某某网新闻频道', '我市举办科技创新大会', '2023-04-05 来源：某某日报', ...BODY].join('\n'));
    expect(kindOf(a, 1)).toEqual(['chrome']);
    expect(kindOf(a, 2)).toEqual(['title']);
  });

  it('HTML: the URL comes from the page meta', () => {
    const a = seg(BODY.join('\n'), { format: 'html', page: { title: 't', meta: { 'og:url': 'https://example.gov.cn/a/2023/0405/1.html' }, urls: [] } });
    expect(a.url).toBe('https://example.gov.cn/a/2023/0405/1.html');
  });

  it('no body: a diagnostic, not an exception', () => {
    const a = seg('首页 新闻 市长信箱 政务公开 办事服务');
    expect(a.text).toBe('');
    expect(a.diagnostics.map((d) => d.rule)).toContain('segment-no-body');
  });
});

describe('the article URL is a web address only', () => {
  it.each([
    ['javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    [' https://example.org/a/1.html ', 'https://example.org/a/1.html'],
  ])('og:url %j → %j', (ogUrl, url) => {
    const a = segPage('某市召开工作会议\n会议强调，各级各部门要切实履行职责，确保各项工作任务落到实处。', { title: null, meta: { 'og:url': ogUrl }, urls: [] });
    expect(a.url).toBe(url);
  });
});
