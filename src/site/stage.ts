import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import matter from 'gray-matter';
import { browserScripts } from './browser-scripts.ts';

/** Assets wait outside Eleventy's view (a folder it ignores) until `copyAssets`. */
const ASSETS = '_assets';

/** Copies the static assets (CSS, search scripts, browser converter) into the built site. */
export function copyAssets(stagingIn: string, out: string): void {
  cpSync(join(stagingIn, ASSETS), join(out, 'assets'), { recursive: true });
}

/**
 * Fills Eleventy's input folder: the templates, the static assets, the site's scripts (bundled
 * from src/browser/, see browser-scripts.ts) and the browser converter.
 * The corpus itself never goes to disk: Eleventy gets it as in-memory global data
 * (`siteGlobals`), and article pages are one paginated template over it.
 */
export function stageInput(dir: string, options: { templatesDir: string; extraTemplates?: Record<string, string> }): void {
  cpSync(options.templatesDir, dir, { recursive: true, filter: (src) => !src.startsWith(join(options.templatesDir, 'assets')) });
  mkdirSync(join(dir, ASSETS), { recursive: true });
  cpSync(join(options.templatesDir, 'assets'), join(dir, ASSETS), { recursive: true });
  for (const [name, text] of browserScripts()) writeFileSync(join(dir, ASSETS, name), text);
  const require = createRequire(import.meta.url);
  // The package's exports map hides package.json: find its root from the main entry.
  const entry = require.resolve('opencc-js');
  const root = entry.slice(0, entry.lastIndexOf(`${sep}opencc-js${sep}`) + `${sep}opencc-js`.length);
  cpSync(join(root, 'dist', 'umd', 't2cn.js'), join(dir, ASSETS, 't2cn.js'));
  for (const [name, text] of Object.entries(options.extraTemplates ?? {})) writeFileSync(join(dir, name), text);
}

/**
 * Templates that make one page per item of an in-memory list (`pagination.data` is one of
 * `lists`), as paths relative to `templatesDir`: these are the templates a batch run renders.
 */
export function itemTemplates(templatesDir: string, lists: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.njk')) {
        const data = matter(readFileSync(path, 'utf8')).data as { pagination?: { data?: unknown } };
        if (lists.includes(String(data.pagination?.data))) out.push(relative(templatesDir, path));
      }
    }
  };
  walk(templatesDir);
  return out.sort();
}

/**
 * Fills the input folder of a batch run: the layouts and the item templates only (see
 * `itemTemplates`), so that the run renders item pages and nothing else.
 */
export function stageItemInput(dir: string, options: { templatesDir: string; items: readonly string[] }): void {
  cpSync(join(options.templatesDir, 'layouts'), join(dir, 'layouts'), { recursive: true });
  for (const rel of options.items) cpSync(join(options.templatesDir, rel), join(dir, rel));
}
