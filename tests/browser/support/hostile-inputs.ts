import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS_DIR } from './site.ts';

/** Text that would run, or render as markup or template output, if any page failed to escape it. */
export const HOSTILE_MARKERS = ['<script>alert(', '</script>', '<img src=x onerror=alert(', 'javascript:alert(', '{{ 7*7 }}', '{% raw %}', '"', "'"] as const;

const PARAGRAPHS = [
  '市委书记陈敏主持会议并讲话，会议强调要抓好落实<script>alert("body-script")</script>，推进重点项目建设。',
  '会议指出要推进工作</script><script>alert("close-script")</script>，要求各级干部认真落实各项部署。',
  '会议要求<img src=x onerror=alert("img")>各地各部门要高度重视，切实把各项工作落到实处。',
  '会议还提到<svg/onload=alert("svg")>和 javascript:alert("text-link") 以及链接 <a href="javascript:alert(\'a\')">点击这里</a> 的问题。',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile text; `${…}` must reach the page as written
  '模板语法 {{ 7*7 }} 与 {% raw %}原样{% endraw %} 以及 {%- include "base.njk" -%} 和 ${alert("tpl")} 都应按原文显示。',
  '引号测试："双引号" \'单引号\' “全角引号” &amp; &lt;b&gt;不应加粗&lt;/b&gt; 1 < 2 && 3 > 2。',
];

/**
 * A folder of hostile raw articles plus one normal Chinese article (seed 001): markup, script
 * end tags, javascript: URLs, Nunjucks syntax and quotes in titles, bodies, source URLs and
 * even the file name.
 */
export function writeHostileInputs(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '001_8100e753179c915b.txt'), readFileSync(join(SEEDS_DIR, '001_8100e753179c915b.txt')));
  // Plain text: a javascript: "source URL" line, a hostile headline, the usual date/source line.
  writeFileSync(
    join(dir, 'hostile-text.txt'),
    [
      'javascript:alert("source-url")',
      '萍乡市召开<script>alert("title")</script>工作会议 {{ 7*7 }} {% raw %} "双引号" \'单引号\'',
      '',
      '2023年05月06日 09:04 | 来源: 萍乡日报 | 萍乡网',
      '',
      ...PARAGRAPHS,
    ].join('\n'),
  );
  // HTML: the <title> is raw text, so its markup survives extraction as text.
  writeFileSync(
    join(dir, 'hostile-page.html'),
    `<!doctype html><html><head><meta charset="utf-8">
<title><script>alert("html-title")</script>{{ 7*7 }}{% raw %}宜春市委书记调研"引号'</title>
<meta name="description" content="&quot;><script>alert('meta')</script>">
</head><body>
<h1>&lt;img src=x onerror=alert("h1")&gt;宜春市委书记严允调研工业项目{% raw %}</h1>
<p>2023年8月1日 来源：宜春日报</p>
${PARAGRAPHS.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join('\n')}
<p>宜春市委书记严允在调研时强调<a href="javascript:alert('link')">点击这里</a>，要全力推进工业强市建设。</p>
<script>alert("inline-script-in-source")</script>
</body></html>
`,
  );
  // A file name that is itself markup (ids come from file names).
  writeFileSync(join(dir, `"'><svg onload=alert(1)>.txt`), ['萍乡市委召开专题会议研究部署重点工作', '', '2023年06月01日 10:00 | 来源: 萍乡日报', '', PARAGRAPHS[0]!, PARAGRAPHS[4]!].join('\n'));
}
