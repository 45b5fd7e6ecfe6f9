import { HtmlBasePlugin, type UserConfig } from '@11ty/eleventy';
import { assertInsideOutput } from './inside-output.ts';
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
 * The Eleventy configuration, kept thin: folders, escaping, two filters, the base-path plugin
 * and the output-path guard. Everything the pages show is computed in TypeScript beforehand
 * (src/site/site-data.ts). Input and output folders are chosen by the caller, not here.
 */
export default function configure(eleventyConfig: UserConfig, options: SiteConfigOptions): void {
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
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addFilter('jsonld', (value: unknown) => toInlineJson(value));
  eleventyConfig.addTransform('inside-output', function (content: string) {
    if (this.page.outputPath) assertInsideOutput(options.outputDir, this.page.outputPath);
    return content;
  });
}
