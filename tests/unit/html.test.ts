import { describe, expect, it } from 'vitest';
import { escapeHtml, rawLinesHtml, repairRowsHtml, runsHtml, scriptedHtml } from '../../src/site/html.ts';

describe('article-page markup filters (src/site/html.ts)', () => {
  const cases: Array<[string, string, string]> = [
    ['escapes as Nunjucks autoescape does', escapeHtml(`<script>alert("x")</script> & 'y'`), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;'],
    ['one text when both scripts agree', scriptedHtml({ hans: '萍乡', hant: '萍乡' }), '萍乡'],
    ['one span per script when they differ', scriptedHtml({ hans: '刘烁', hant: '劉爍' }), '<span data-script="hans" lang="zh-Hans">刘烁</span><span data-script="hant" lang="zh-Hant">劉爍</span>'],
    [
      'hostile names stay text in both spans',
      scriptedHtml({ hans: '<b>刘</b>', hant: '<b>劉</b>' }),
      '<span data-script="hans" lang="zh-Hans">&lt;b&gt;刘&lt;/b&gt;</span><span data-script="hant" lang="zh-Hant">&lt;b&gt;劉&lt;/b&gt;</span>',
    ],
    [
      'repaired runs are marked, with what they replaced in the title',
      runsHtml([{ text: '衛' }, { text: '生', fix: { title: '修复 repaired: "<x>" → 生', confidence: 'low' } }]),
      '衛<mark class="fix fix-low" title="修复 repaired: &quot;&lt;x&gt;&quot; → 生">生</mark>',
    ],
    [
      'a repair row links its raw lines (with how many times, past one) and its count; an uncertain one is flagged; every cell is text',
      repairRowsHtml([
        {
          rule: 'gbk-shift',
          name: 'GBK <shift>',
          lines: [{ line: 3, times: 1 }],
          count: 1,
          before: '"x"',
          after: '<b>',
          confidence: 'low',
          uncertain: true,
          evidence: 'a & b',
          candidates: "衛 (2)、'y'",
        },
        {
          rule: 'whitespace',
          name: '空白',
          lines: [
            { line: 4, times: 2 },
            { line: 1, times: 1 },
          ],
          count: 3,
          before: '␠',
          after: '',
          confidence: 'high',
          uncertain: false,
          evidence: '',
          candidates: '',
        },
      ]),
      '<tr class="uncertain"><td>GBK &lt;shift&gt;</td><td><a href="#L3">3</a></td><td>1</td><td><del>&quot;x&quot;</del></td><td><ins>&lt;b&gt;</ins></td><td>low</td><td>a &amp; b</td><td>衛 (2)、&#39;y&#39;</td></tr>' +
        '<tr><td>空白</td><td><a href="#L4">4</a>&nbsp;×2, <a href="#L1">1</a></td><td>3</td><td><del>␠</del></td><td><ins></ins></td><td>high</td><td></td><td></td></tr>',
    ],
    ['no repairs, no rows', repairRowsHtml([]), ''],
    [
      'raw lines numbered from 1, newlines kept between them, text escaped',
      rawLinesHtml('第一行\n<p>二</p>\n'),
      '<span class="ln" id="L1">第一行</span>\n<span class="ln" id="L2">&lt;p&gt;二&lt;/p&gt;</span>\n<span class="ln" id="L3"></span>',
    ],
  ];
  for (const [name, got, want] of cases) it(name, () => expect(got).toBe(want));
});
