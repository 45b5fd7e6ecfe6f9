import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { BuildOptions, BuildResult } from 'esbuild';

/**
 * The site's scripts: file name under `assets/` (as the templates load it) → its TypeScript
 * entry under src/browser/ (see src/browser/tsconfig.json). Each is bundled on its own: the
 * search page's `search.js` keeps its import of `./search-engine.js`, so the browser runs the
 * very file whose text keys the search index (`engineScript`).
 */
export const BROWSER_SCRIPTS = {
  'search-engine.js': 'src/browser/search-engine.ts',
  'search.js': 'src/browser/search.ts',
  'cite.js': 'src/browser/cite.ts',
  'script-choice.js': 'src/browser/script-choice.ts',
} as const;

export type BrowserScript = keyof typeof BROWSER_SCRIPTS;

/**
 * The project's folder (from src/site/ or dist/site/ alike): esbuild names each bundled source
 * in a comment relative to it, so the bytes do not depend on the current directory.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where esbuild would write (it does not: `write: false`); it names its output files under it. */
const OUT = join(ROOT, 'assets');

let bundled: ReadonlyMap<BrowserScript, string> | null = null;

/** esbuild's API, loaded when a bundle is made (40 ms of every build's start otherwise). */
const esbuild = () => createRequire(import.meta.url)('esbuild') as typeof import('esbuild');

const NAMES = Object.keys(BROWSER_SCRIPTS) as BrowserScript[];

const OPTIONS = {
  absWorkingDir: ROOT,
  entryPoints: NAMES.map((name) => ({ in: BROWSER_SCRIPTS[name], out: name.replace(/\.js$/, '') })),
  // The engine is a script of its own, imported by the page's script as it is written.
  external: ['./search-engine.js'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  charset: 'utf8',
  write: false,
  outdir: OUT,
  logLevel: 'silent',
} satisfies BuildOptions;

function byName(result: BuildResult<typeof OPTIONS>): ReadonlyMap<BrowserScript, string> {
  const byPath = new Map(result.outputFiles.map((f) => [f.path, f.text]));
  return new Map(
    NAMES.map((name) => {
      const text = byPath.get(join(OUT, name));
      if (text === undefined) throw new Error(`esbuild made no ${name}: ${[...byPath.keys()].join(', ')}`);
      return [name, text];
    }),
  );
}

/**
 * The scripts bundled by esbuild (once per process, ~0.1 s): ES modules for ES2020 browsers,
 * not minified, no source map, non-ASCII text kept as UTF-8. The same sources give the same bytes
 * (esbuild's output has no timestamps or absolute paths), so two builds stay byte-identical.
 */
export function browserScripts(): ReadonlyMap<BrowserScript, string> {
  bundled ??= byName(esbuild().buildSync(OPTIONS));
  return bundled;
}

/**
 * Bundles the scripts in esbuild's own process while this thread does other work, so that
 * `browserScripts` later finds them made. A failure is left for `browserScripts` to report.
 */
export async function bundleBrowserScripts(): Promise<void> {
  try {
    bundled ??= byName(await esbuild().build(OPTIONS));
  } catch {
    // browserScripts() bundles again and throws with esbuild's message
  }
}

/** The search engine as the site ships it (`assets/search-engine.js`). */
export function engineScript(): string {
  return browserScripts().get('search-engine.js')!;
}
