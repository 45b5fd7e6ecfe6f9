import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/ingest/html.ts';
import { readArticle } from '../../src/ingest/index.ts';

const page = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>市长调研重点项目 - 某某新闻网</title>
<meta name="description" content="摘要">
<meta property="og:url" content="https://news.example.cn/2023/08/01/1.html">
<link rel="canonical" href="https://news.example.cn/2023/08/01/1.html">
<style>p{color:red}</style><script>var x = "<p>不是正文</p>";</script></head>
<body><div class="nav">首页 | 新闻</div>
<h1>市长调研重点项目</h1>
<p>8月1日，市长在<strong>经开区</strong>调研。</p>
<p>他强调，要抓好项目建设。</p><!-- 注释 -->
</body></html>`;

describe('htmlToText', () => {
  const { text, page: info } = htmlToText(page);

  it.each([
    ['keeps paragraph breaks', (t: string) => t.includes('8月1日，市长在经开区调研。\n')],
    ['joins inline elements without a space', (t: string) => t.includes('市长在经开区调研')],
    ['drops scripts, styles and comments', (t: string) => !t.includes('不是正文') && !t.includes('color') && !t.includes('注释')],
    ['keeps the headline', (t: string) => t.includes('市长调研重点项目')],
  ])('%s', (_name, check) => expect(check(text)).toBe(true));

  it('keeps the page title, meta tags and URLs for extraction', () => {
    expect(info.title).toBe('市长调研重点项目 - 某某新闻网');
    expect(info.meta['description']).toBe('摘要');
    expect(info.urls).toContain('https://news.example.cn/2023/08/01/1.html');
  });
});

describe('readArticle', () => {
  it.each([
    ['page.html', 'html'],
    ['page.htm', 'html'],
    ['saved.txt', 'html'], // text that is a document is parsed as one
  ])('%s is read as %s', (name, format) => {
    const a = readArticle({ name, bytes: new Uint8Array(Buffer.from(page)) });
    expect(a.format).toBe(format);
    expect(a.page?.title).toContain('市长调研');
  });

  it('plain text stays text, with its first-line URL intact', () => {
    const a = readArticle({ name: 'a.txt', bytes: new Uint8Array(Buffer.from('http://x.cn/2023/08/1.html\n正文。')) });
    expect(a.format).toBe('text');
    expect(a.source.startsWith('http://x.cn/')).toBe(true);
  });

  it('a file without Chinese text is not an article', () => {
    expect(() => readArticle({ name: 'a.txt', bytes: new Uint8Array(Buffer.from('hello world')) })).toThrow(/not an article/);
  });
});
