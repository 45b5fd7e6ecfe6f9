import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type { ArticleView } from './article-view.ts';
import type { SiteData } from './site-data.ts';

/** Assets wait outside Eleventy's view (a folder it ignores) until `copyAssets`. */
const ASSETS = '_assets';

/** Copies the static assets (CSS, search script, browser converter) into the built site. */
export function copyAssets(stagingIn: string, out: string): void {
  cpSync(join(stagingIn, ASSETS), join(out, 'assets'), { recursive: true });
}

/** Front-matter `date` for Eleventy: from the article, never a file time; undated → a constant. */
function eleventyDate(view: ArticleView): Date {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(view.date.iso ?? '');
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1))) : new Date(0);
}

function articleFile(view: ArticleView, variant: 'hans' | 'hant', permalink: string): string {
  const data = {
    layout: 'article.njk',
    permalink,
    // The permalink is data, not a template: never render it.
    dynamicPermalink: false,
    date: eleventyDate(view),
    eleventyExcludeFromCollections: true,
    // Markdown only, never Nunjucks/Liquid: `{{ }}` in an article stays text.
    templateEngineOverride: 'md',
    variant,
    view,
  };
  // The Markdown body is the text for people reading the staging folder; pages print `view`.
  // JSON front matter (`---json`, data only): ~10× faster to write and for Eleventy to read
  // than YAML for these large views, and it round-trips every string exactly.
  return `---json\n${JSON.stringify(data, null, 1)}\n---\n${view.bodies[variant].join('\n\n')}\n`;
}

/**
 * Fills Eleventy's input folder: the templates, the corpus as Markdown + JSON front matter
 * (one file per article page and script), the `_data` JSON, and the browser converter.
 */
export function stageInput(
  dir: string,
  site: SiteData,
  options: { templatesDir: string; extraTemplates?: Record<string, string>; onProgress?: (done: number, total: number) => void },
): void {
  const progress = options.onProgress ?? (() => {});
  cpSync(options.templatesDir, dir, { recursive: true, filter: (src) => !src.startsWith(join(options.templatesDir, 'assets')) });
  mkdirSync(join(dir, ASSETS), { recursive: true });
  // Type declarations of shared browser modules (search-pairs.d.ts) are for the build, not the site.
  cpSync(join(options.templatesDir, 'assets'), join(dir, ASSETS), { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
  mkdirSync(join(dir, '_data'), { recursive: true });
  mkdirSync(join(dir, 'articles'), { recursive: true });
  for (const [name, value] of Object.entries(site.data)) writeFileSync(join(dir, '_data', `${name}.json`), JSON.stringify(value));
  let done = 0;
  for (const view of site.articles) {
    if (++done % 100 === 0) progress(done, site.articles.length);
    const alt = view.original === 'hans' ? 'hant' : 'hans';
    writeFileSync(join(dir, 'articles', `${view.slug}.md`), articleFile(view, view.original, `${view.url}index.html`));
    writeFileSync(join(dir, 'articles', `${view.slug}.${alt}.md`), articleFile(view, alt, `${view.altUrl}index.html`));
  }
  progress(site.articles.length, site.articles.length);
  const require = createRequire(import.meta.url);
  // The package's exports map hides package.json: find its root from the main entry.
  const entry = require.resolve('opencc-js');
  const root = entry.slice(0, entry.lastIndexOf(`${sep}opencc-js${sep}`) + `${sep}opencc-js`.length);
  cpSync(join(root, 'dist', 'umd', 't2cn.js'), join(dir, ASSETS, 't2cn.js'));
  for (const [name, text] of Object.entries(options.extraTemplates ?? {})) writeFileSync(join(dir, name), text);
}
