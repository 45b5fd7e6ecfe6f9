import { describe, expect, it } from 'vitest';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { stripHtmlResidue } from '../../src/ingest/repair/html-residue.ts';

describe('stripHtmlResidue', () => {
  it.each([
    ['貢獻。”</strong>\n宜春', '貢獻。”\n宜春'],
    ['<strong>如何</strong>落實', '如何落實'],
    ['第一行<br>第二行', '第一行\n第二行'],
    ['第一行<br />第二行', '第一行\n第二行'],
    ['貢獻?!?/strong>', '貢獻?!?'],
    ['文字/p>後面', '文字後面'],
    ['<p class="x">段落</p>', '段落'],
    ['A&amp;B', 'A&B'],
    ['記者&nbsp;梁健', '記者\u00a0梁健'],
    ['句號&#12290;', '句號。'],
    ['句號&#x3002;', '句號。'],
    ['&ldquo;引號&rdquo;', '“引號”'],
  ])('%s', (input, expected) => {
    const out = stripHtmlResidue(input);
    expect(out.text).toBe(expected);
    expect(replayRepairs(input, out.repairs)).toBe(expected);
    expect(stripHtmlResidue(out.text).text).toBe(out.text);
  });

  it.each([
    'a<b 且 c>d',
    'http://www.jxxw.com.cn/content_html/html/55/p/pc/2023/08/129354578.html',
    '比例1/2>0.3',
    '&unknown; 保持',
    'AT&T 公司',
    '&amp;lt;p&amp;gt; 是轉義',
    '&lt;p&gt; 是一個標籤的寫法',
  ])('unchanged or stable: %s', (input) => {
    const once = stripHtmlResidue(input).text;
    expect(stripHtmlResidue(once).text).toBe(once);
    if (!input.includes('&amp;')) expect(once).toBe(input);
  });
});
