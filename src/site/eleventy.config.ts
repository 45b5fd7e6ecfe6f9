import type { UserConfig } from '@11ty/eleventy';
import { assertInsideOutput } from './inside-output.ts';
import { rawLinesHtml, repairRowsHtml, runsHtml, scriptedHtml } from './html.ts';
import { toInlineJson } from './json-ld.ts';

export interface SiteConfigOptions {
  /** Absolute output folder: every page must land inside it. */
  outputDir: string;
  /** Global data handed over in memory (never serialized): the site data and article pages. */
  globalData?: Record<string, unknown>;
}

/** Front matter is data: `---js` would run code from an article file, so it is refused. */
function refuseExecutableFrontMatter(): never {
  throw new Error('refused executable (js) front matter: front matter is data only');
}

/**
 * The Eleventy configuration, kept thin: folders, escaping, two filters
 * and the output-path guard. Everything the pages show is computed in TypeScript beforehand
 * (src/site/site-data.ts). Input and output folders are chosen by the caller, not here.
 */
export default function configure(eleventyConfig: UserConfig, options?: SiteConfigOptions): void | Promise<void> {
  // Run by Eleventy's own command (`npm run dev`): the data comes from the last ingest.
  if (!options) return configureDev(eleventyConfig);
  // Layouts and partials share one folder so `{% extends %}` and `layout:` both find them.
  eleventyConfig.setIncludesDirectory('layouts');
  eleventyConfig.setDataDirectory('_data');
  for (const [name, value] of Object.entries(options.globalData ?? {})) eleventyConfig.addGlobalData(name, () => value);
  eleventyConfig.setTemplateFormats(['njk', 'md']);
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.setFrontMatterParsingOptions({ engines: { js: refuseExecutableFrontMatter, javascript: refuseExecutableFrontMatter } });
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: true });
  // Article text is never rendered as Markdown (the layout prints escaped fields); still, no raw HTML.
  eleventyConfig.amendLibrary('md', (md: { set(o: object): void }) => md.set({ html: false }));
  // Links carry the deploy path from the data (`{{ site.root }}{{ x.url }}`), not from
  // HtmlBasePlugin re-parsing every page's HTML (16–57 % of a run) nor from the `url` filter
  // (10–19 % of a run in Eleventy's filter wrapper, measured).
  eleventyConfig.addFilter('jsonld', (value: unknown) => toInlineJson(value));
  // Eleventy times every filter and prints a warning for one past 8 % of a run (the marked
  // paragraphs of a large archive are): the build says what it does in its own words instead.
  eleventyConfig.benchmarks.config.setIsVerbose(false);
  // Article-page markup made once per name, paragraph, repair and raw line: plain Nunjucks filters.
  eleventyConfig.addNunjucksFilter('scripted', scriptedHtml);
  eleventyConfig.addNunjucksFilter('runs', runsHtml);
  eleventyConfig.addNunjucksFilter('repairRows', repairRowsHtml);
  eleventyConfig.addNunjucksFilter('rawLines', rawLinesHtml);
  eleventyConfig.addTransform('inside-output', function (content: string) {
    if (this.page.outputPath) assertInsideOutput(options.outputDir, this.page.outputPath);
    return content;
  });
}

/**
 * What Eleventy's own command reads from this file (`npm run dev`, or
 * `tsx node_modules/.bin/eleventy --config=src/site/eleventy.config.ts`): `templates/` in place as
 * the input, a scratch output beside the build's cache. A build passes its folders itself.
 */
export const config = {
  dir: { input: 'templates', output: '.cache/newsarchive-dev/site', includes: 'layouts', data: '_data' },
  templateFormats: ['njk', 'md'],
};

/**
 * `npm run dev`: the archive's data from the input folder and the build's cache (no re-ingest
 * of unchanged articles: see src/build/dev.ts), every page in one run, then the assets and the
 * search index. Eleventy's `--serve` reloads the browser when a template changes.
 */
async function configureDev(eleventyConfig: UserConfig): Promise<void> {
  const { resolve } = await import('node:path');
  const { loadDevSite } = await import('../build/dev.ts');
  const dev = await loadDevSite();
  // The output folder is Eleventy's to choose (`--output` may override `config`): read it as a run starts.
  const options: SiteConfigOptions = { outputDir: resolve(config.dir.output), globalData: dev.globalData };
  configure(eleventyConfig, options);
  type Dirs = { dir?: { input: string; output: string }; directories?: { input: string; output: string } };
  eleventyConfig.on('eleventy.before', (e: Dirs) => {
    options.outputDir = resolve((e.directories ?? e.dir)!.output);
  });
  eleventyConfig.on('eleventy.after', async (e: Dirs) => {
    const { copyAssets } = await import('./stage.ts');
    const { buildSearchIndex } = await import('./render.ts');
    const dirs = (e.directories ?? e.dir)!;
    copyAssets(resolve(dirs.input), options.outputDir);
    // No site address in dev: as in a build without --site-url, no sitemap (it needs absolute URLs).
    const { rmSync } = await import('node:fs');
    rmSync(resolve(options.outputDir, 'sitemap.xml'), { force: true });
    await buildSearchIndex({ dir: options.outputDir, live: options.outputDir, articles: dev.search, previous: {} });
  });
}
