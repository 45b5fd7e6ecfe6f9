import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthArticle } from './corpus.ts';

/**
 * The comparison projects, written from the generated ground truth (already normalized text):
 * the same articles, one layout, listings per topic and per source, no search.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const yamlStr = (s: string) => JSON.stringify(s);

export function articleMarkdown(a: SynthArticle, taxonomyKeys: { topics: string; source: string }, permalink?: string): string {
  return [
    '---',
    ...(permalink ? [`permalink: ${permalink}`] : []),
    `title: ${yamlStr(a.title)}`,
    `date: ${a.date}`,
    `outlet: ${yamlStr(a.outlet)}`,
    `region: ${yamlStr(`${a.province} ${a.city} ${a.county}`)}`,
    `${taxonomyKeys.topics}: [${a.topics.map(yamlStr).join(', ')}]`,
    `${taxonomyKeys.source}: [${yamlStr(a.outlet)}]`,
    '---',
    '',
    a.body.join('\n\n'),
    '',
  ].join('\n');
}

const idOf = (a: SynthArticle) => a.name.replace(/\.txt$/, '');

export function eleventyArticle(a: SynthArticle): string {
  return articleMarkdown(a, { topics: 'topics', source: 'sources' }, `a/${idOf(a)}/index.html`);
}

/** Bare Eleventy 3: collections built from data (`topics`, `sources`), not front-matter `tags`. */
export function writeEleventyProject(dir: string, articles: readonly SynthArticle[]): void {
  const src = join(dir, 'src');
  mkdirSync(join(src, 'articles'), { recursive: true });
  mkdirSync(join(src, '_includes'), { recursive: true });
  for (const a of articles) writeFileSync(join(src, 'articles', `${idOf(a)}.md`), eleventyArticle(a));
  // Literal permalinks: with Markdown not run through a template engine, a templated one is not rendered.
  writeFileSync(join(src, 'articles', 'articles.json'), JSON.stringify({ layout: 'article.njk' }));
  writeFileSync(
    join(src, '_includes', 'article.njk'),
    `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main><h1>{{ title }}</h1><p>{{ date | isoDate }} · {{ outlet }} · {{ region }}</p>{{ content | safe }}</main></body></html>\n`,
  );
  const listing = (key: string, prefix: string) =>
    `---\npagination:\n  data: collections.${key}\n  size: 1\n  alias: group\npermalink: "${prefix}/{{ pagination.pageNumber }}/index.html"\n---\n<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ group.name }}</title></head><body><h1>{{ group.name }}</h1><ul>{% for item in group.items %}<li><a href="{{ item.url }}">{{ item.data.title }}</a> {{ item.data.date | isoDate }}</li>{% endfor %}</ul></body></html>\n`;
  writeFileSync(join(src, 'topics.njk'), listing('byTopic', 'topic'));
  writeFileSync(join(src, 'sources.njk'), listing('bySource', 'source'));
  writeFileSync(
    join(src, 'index.njk'),
    `---\npermalink: index.html\n---\n<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>Archive</title></head><body><ul>{% for item in collections.recent %}<li><a href="{{ item.url }}">{{ item.data.title }}</a></li>{% endfor %}</ul></body></html>\n`,
  );
  writeFileSync(
    join(dir, 'eleventy.config.mjs'),
    `const group = (items, key) => {
  const m = new Map();
  for (const item of items) for (const v of item.data[key] ?? []) { if (!m.has(v)) m.set(v, []); m.get(v).push(item); }
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([name, items]) => ({ name, items }));
};
export default function (cfg) {
  cfg.addFilter('isoDate', (d) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d)));
  cfg.addCollection('articles', (api) => api.getFilteredByGlob('./src/articles/*.md'));
  cfg.addCollection('byTopic', (api) => group(api.getFilteredByGlob('./src/articles/*.md'), 'topics'));
  cfg.addCollection('bySource', (api) => group(api.getFilteredByGlob('./src/articles/*.md'), 'sources'));
  cfg.addCollection('recent', (api) => api.getFilteredByGlob('./src/articles/*.md').slice(-50).reverse());
}
export const config = { markdownTemplateEngine: false, htmlTemplateEngine: 'njk' };
`,
  );
}

/** Hugo with `tags` and `sources` taxonomies over the same Markdown. */
export function writeHugoProject(dir: string, articles: readonly SynthArticle[]): void {
  mkdirSync(join(dir, 'content', 'articles'), { recursive: true });
  mkdirSync(join(dir, 'layouts', '_default'), { recursive: true });
  writeFileSync(
    join(dir, 'hugo.toml'),
    `baseURL = "http://localhost/"\nlanguageCode = "zh"\ntitle = "bench"\ndisableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n[taxonomies]\n  tag = "tags"\n  source = "sources"\n`,
  );
  for (const a of articles) writeFileSync(join(dir, 'content', 'articles', `${idOf(a)}.md`), articleMarkdown(a, { topics: 'tags', source: 'sources' }));
  const page = (body: string) => `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>${body}</body></html>\n`;
  writeFileSync(
    join(dir, 'layouts', '_default', 'single.html'),
    page(`<main><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }} · {{ .Params.outlet }} · {{ .Params.region }}</p>{{ .Content }}</main>`),
  );
  writeFileSync(
    join(dir, 'layouts', '_default', 'list.html'),
    page(`<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>`),
  );
  writeFileSync(join(dir, 'layouts', 'index.html'), page(`<ul>{{ range first 50 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>`));
}

/** The fs floor's input: the raw files. */
export function writeRawFiles(dir: string, articles: readonly SynthArticle[]): void {
  mkdirSync(dir, { recursive: true });
  for (const a of articles) writeFileSync(join(dir, a.name), a.raw);
}

export { esc };
