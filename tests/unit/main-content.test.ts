import type { Element, Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/ingest/html.ts';
import { findMainContent } from '../../src/ingest/main-content.ts';

// Synthetic pages: invented outlets (某某网), invented people (张三), invented sentences.

/** Three paragraphs of prose, 109 characters without spaces. */
const PARAS = [
  '3月5日上午，某某市召开全市经济工作会议，总结去年工作，部署今年任务。',
  '会议指出，过去一年全市上下攻坚克难，各项经济指标稳中有进，民生福祉持续增进。',
  '会议强调，要坚持稳中求进工作总基调，扎实推动高质量发展，奋力谱写新篇章。',
];
const ARTICLE_TEXT = PARAS.join('\n\n');
const ARTICLE = `<div id="article">${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`;

/** A sidebar of ten related-news links, each a sentence with punctuation. */
const SIDEBAR_LINKS = Array.from('一二三四五六七八九十', (n) => `某某新闻第${n}则标题，详情请见内文。`);
const SIDEBAR = `<div id="sidebar"><ul>${SIDEBAR_LINKS.map((t) => `<li><a href="/x">${t}</a></li>`).join('')}</ul></div>`;

/**
 * A thread of thirty short comments, each between a user name and a time: together far more prose
 * than the article (30 × 14 characters), but every block costs.
 */
const COMMENTS = `<div id="comments">${Array.from(
  { length: 30 },
  (_, i) => `<div class="c"><span>网友${i}</span><span>2023-03-05 10:${String(i).padStart(2, '0')}</span><p>写得真好，学习了，支持一下！</p></div>`,
).join('')}</div>`;

/** A footer of well-punctuated prose with copyright and disclaimer vocabulary… */
const FOOTER_BOILER = [
  '本网站所有内容版权所有，未经书面授权，任何单位和个人不得转载、摘编或以其他方式使用，违者必究法律责任，特此说明。',
  '免责声明：本网转载的文章仅代表作者本人观点，本网对其内容的真实性、完整性不作任何保证，请读者自行核实相关内容。',
];
/** …and one sentence without it (55 characters of prose that the footer still outweighs). */
const FOOTER_PLAIN = '某某网主办单位为某某市委宣传部，联系电话请见网站首页说明，欢迎广大读者朋友们监督批评，我们将认真整改落实到位。';
const FOOTER = `<div id="footer">${[...FOOTER_BOILER, FOOTER_PLAIN].map((p) => `<p>${p}</p>`).join('')}</div>`;

/** Sixty names separated by spaces, with one stray comma: a list, not prose. */
const NAMES = `<div id="names">${'张三 李四 王五 赵六 孙七 周八 吴九 郑十 钱一 冯二 陈三 褚四 卫五 蒋六 沈七 韩八 杨九 朱十 秦一 尤二 许三 何四 吕五 施六 孔七 曹八 严九 华十 金一 魏二 陶三 姜四 戚五 谢六 邹七 喻八 柏九 水十 窦一 章二 云三 苏四 潘五 葛六 奚七 范八 彭九 郎十，鲁一 韦二 昌三 马四 苗五 凤六 花七 方八 俞九 任十'}</div>`;

const page = (body: string) => `<!DOCTYPE html><html><head><title>某某市召开经济工作会议_某某网</title></head><body>${body}</body></html>`;

function bodyOf(html: string): Element {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  const find = (n: Root | Element): Element | null => {
    for (const c of n.children as RootContent[]) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'body') return c;
      const inner = find(c);
      if (inner) return inner;
    }
    return null;
  };
  return find(tree)!;
}

const main = (body: string) => findMainContent(bodyOf(page(body)), () => false);
const ids = (els: Element[]) => els.map((e) => e.properties['id']);

describe('findMainContent: the article wins over page furniture', () => {
  it.each([
    ['a sidebar list of links', SIDEBAR + ARTICLE],
    ['a comment thread of short comments', ARTICLE + COMMENTS],
    ['a comment thread before the article', COMMENTS + ARTICLE],
    ['a footer with 版权所有/免责声明 prose', ARTICLE + FOOTER],
    ['a space-separated list of names with one stray comma', NAMES + ARTICLE],
    ['all of them at once', SIDEBAR + ARTICLE + COMMENTS + NAMES + FOOTER],
  ])('over %s', (_label, body) => {
    const m = main(body);
    expect(m).not.toBeNull();
    expect(m!.element.properties['id']).toBe('article');
    expect(ids(m!.elements)).toEqual(['article']);
    // Three paragraphs, each its own block: characters minus 12 per block.
    expect(m!.score).toBe(109 - 3 * 12);
    expect(m!.proseChars).toBe(109);
  });

  it.each([
    // Links, a name list and copyright prose are not prose at all.
    ['sidebar', SIDEBAR + ARTICLE, 109],
    ['names', NAMES + ARTICLE, 109],
    ['footer', ARTICLE + FOOTER, 109 + 55],
    // Each comment reads as prose (a short sentence), but costs more than a paragraph brings.
    ['comments', ARTICLE + COMMENTS, 109 + 30 * 14],
  ])('page prose with %s', (_label, body, pageProse) => {
    expect(main(body)!.pageProseChars).toBe(pageProse);
  });

  it('a lead paragraph in its own sibling box joins the main range', () => {
    const lead = '<div id="lead"><p>本报讯 3月5日上午，某某市召开全市经济工作会议，总结去年工作，部署今年任务，市委书记张三出席并讲话。</p></div>';
    const m = main(lead + ARTICLE);
    expect(m!.element.properties['id']).toBe('article');
    expect(ids(m!.elements)).toEqual(['lead', 'article']);
  });

  it('a sibling box of links between the lead and the article keeps them apart', () => {
    const lead = '<div id="lead"><p>本报讯 3月5日上午，某某市召开全市经济工作会议，总结去年工作，部署今年任务，市委书记张三出席并讲话。</p></div>';
    const m = main(lead + SIDEBAR + ARTICLE);
    expect(ids(m!.elements)).toEqual(['article']);
  });

  it.each([
    ['links and a date only', '<div><a href="/">首页</a> <a href="/n">新闻</a></div><h1>标题</h1><div>2023-03-05</div>'],
    ['a list of names', NAMES],
    ['a footer of copyright and disclaimer prose alone', `<div>${FOOTER_BOILER.map((p) => `<p>${p}</p>`).join('')}</div>`],
    ['an empty body', ''],
  ])('no prose (%s): null', (_label, body) => {
    expect(main(body)).toBeNull();
  });

  it('skip: a skipped element is not read', () => {
    const m = findMainContent(bodyOf(page(SIDEBAR + ARTICLE)), (el) => el.properties['id'] === 'article');
    expect(m).toBeNull();
  });
});

describe('htmlToText: page.main, page.links, page.headings', () => {
  const slice = (text: string, r: [number, number] | null | undefined) => (r ? text.slice(r[0], r[1]) : null);

  it.each([
    ['sidebar', SIDEBAR + ARTICLE],
    ['comments', ARTICLE + COMMENTS],
    ['footer', ARTICLE + FOOTER],
    ['names', NAMES + ARTICLE],
    ['headline, article, comments and footer', `<h1>某某市召开经济工作会议</h1>${ARTICLE}${COMMENTS}${FOOTER}`],
  ])('the text at page.main is the article (%s)', (_label, body) => {
    const { text, page: info } = htmlToText(page(body));
    const at = slice(text, info.main);
    expect(at?.trim()).toBe(ARTICLE_TEXT);
    expect(at).not.toMatch(/某某新闻第|网友|版权所有|张三 李四/u);
  });

  it('page.main offsets, exactly: the article opens the page, the footer follows', () => {
    const { text, page: info } = htmlToText(page(ARTICLE + FOOTER));
    expect(text.startsWith(ARTICLE_TEXT)).toBe(true);
    // The end marker sits after the article's last paragraph break.
    expect(info.main).toEqual([0, ARTICLE_TEXT.length + 2]);
  });

  it('a lead box and the article box: page.main runs from the lead to the article end', () => {
    const lead = '本报讯 3月5日上午，某某市召开全市经济工作会议，总结去年工作，部署今年任务，市委书记张三出席并讲话。';
    const { text, page: info } = htmlToText(page(`${SIDEBAR}<div id="lead"><p>${lead}</p></div>${ARTICLE}`));
    expect(slice(text, info.main)?.trim()).toBe(`${lead}\n\n${ARTICLE_TEXT}`);
  });

  it('a page with no prose: main null, links and headings still read', () => {
    const { text, page: info } = htmlToText(page('<div><a href="/">首页</a> <a href="/n">新闻</a></div><h1>标题</h1><h2>副题</h2><h4>小标题</h4><div>2023-03-05</div>'));
    expect(info.main).toBeNull();
    expect(info.links).toEqual([0, 2, 3, 5]);
    expect(info.headings).toEqual([
      { level: 1, text: '标题' },
      { level: 2, text: '副题' },
    ]);
    expect(text).toBe('首页 新闻\n标题\n副题\n小标题\n2023-03-05');
  });

  it('link spans cover exactly the anchor texts, in page order', () => {
    const { text, page: info } = htmlToText(page(SIDEBAR + ARTICLE + '<p>相关：<a href="/y">某某县召开会议</a>和<a href="/z">某某镇开展活动</a></p>'));
    const links = info.links!;
    expect(links.length % 2).toBe(0);
    const texts: string[] = [];
    for (let i = 0; i < links.length; i += 2) texts.push(text.slice(links[i]!, links[i + 1]!));
    expect(texts).toEqual([...SIDEBAR_LINKS, '某某县召开会议', '某某镇开展活动']);
  });

  it('an empty anchor gives no span', () => {
    const { page: info } = htmlToText(page(`<a href="/logo"><img src="x.png"></a>${ARTICLE}`));
    expect(info.links).toEqual([]);
  });

  it('headings: h1–h3 in page order, whitespace folded', () => {
    const { page: info } = htmlToText(page(`<h2>要闻</h2><h1>某某市召开\n  经济工作会议</h1>${ARTICLE}<h3>相关新闻</h3>`));
    expect(info.headings).toEqual([
      { level: 2, text: '要闻' },
      { level: 1, text: '某某市召开 经济工作会议' },
      { level: 3, text: '相关新闻' },
    ]);
  });
});
