import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import matter from 'gray-matter';
import { browserScripts } from './browser-scripts.ts';

/**
 * Writes the static assets into the built site: the CSS, the site's scripts (bundled from
 * src/browser/, see browser-scripts.ts) and the browser script converter from opencc-js.
 */
export function copyAssets(templatesDir: string, out: string): void {
  const dir = join(out, 'assets');
  cpSync(join(templatesDir, 'assets'), dir, { recursive: true });
  for (const [name, text] of browserScripts()) writeFileSync(join(dir, name), text);
  const require = createRequire(import.meta.url);
  // The package's exports map hides package.json: find its root from the main entry.
  const entry = require.resolve('opencc-js');
  const root = entry.slice(0, entry.lastIndexOf(`${sep}opencc-js${sep}`) + `${sep}opencc-js`.length);
  cpSync(join(root, 'dist', 'umd', 't2cn.js'), join(dir, 't2cn.js'));
  writeFileSync(join(dir, 't2cn-chars.txt'), convertibleChars(root));
}

let convertible: string | undefined;
/**
 * Every character a Traditional → Simplified conversion (opencc-js t→cn) can change, read from
 * the package's own dictionaries: the characters it maps, and those it changes only inside a
 * phrase (乾燥 → 干燥). The search page loads the converter (52 KB compressed) only for a query
 * that has one of them; a Simplified query is searched as it is.
 */
function convertibleChars(root: string): string {
  if (convertible !== undefined) return convertible;
  const dict = (name: string) =>
    readFileSync(join(root, 'dist', 'esm-lib', 'dict', `${name}.js`), 'utf8')
      .replace(/^export default "/, '')
      .replace(/";?\s*$/, '')
      .split('|')
      .map((entry) => entry.split(' '));
  const chars = new Set<string>();
  for (const [from, ...to] of dict('TSCharacters')) if (from && to.some((t) => t !== from)) chars.add(from);
  for (const [from, to] of dict('TSPhrases')) {
    if (!from || !to) continue;
    const a = [...from];
    const b = [...to];
    a.forEach((c, i) => {
      if (a.length !== b.length || c !== b[i]) chars.add(c);
    });
  }
  convertible = [...chars].sort().join('');
  return convertible;
}

/** Every page template (`.njk`, `.md`) outside `layouts/` and `assets/`, relative to `templatesDir`. */
export function pageTemplates(templatesDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(templatesDir, path);
      if (entry.isDirectory()) {
        if (rel !== 'layouts' && rel !== 'assets') walk(path);
      } else if (/\.(njk|md)$/.test(entry.name)) out.push(rel);
    }
  };
  walk(templatesDir);
  return out.sort();
}

/**
 * Templates that make one page per item of an in-memory list (`pagination.data` is one of
 * `lists`), as paths relative to `templatesDir`: these are the templates a batch run renders.
 */
export function itemTemplates(templatesDir: string, lists: readonly string[]): string[] {
  return pageTemplates(templatesDir).filter((rel) => {
    const data = matter(readFileSync(join(templatesDir, rel), 'utf8')).data as { pagination?: { data?: unknown } };
    return lists.includes(String(data.pagination?.data));
  });
}
