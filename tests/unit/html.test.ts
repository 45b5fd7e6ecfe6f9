import { describe, expect, it } from 'vitest';
import { escapeHtml, runsHtml, scriptedHtml } from '../../src/site/html.ts';

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
  ];
  for (const [name, got, want] of cases) it(name, () => expect(got).toBe(want));
});
