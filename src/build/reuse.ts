import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkTree } from '../io/link-tree.ts';
import type { LineIndex } from '../io/write-data.ts';
import type { SearchState } from '../site/search-patch.ts';
import type { PersonSummary } from '../site/site-data.ts';

/**
 * Incremental rebuilds. Eleventy 3 cannot re-render a subset of pages outside watch mode, so the
 * build does it around Eleventy: every article page and the search index get a key (a hash of
 * everything it is made from: its data, the templates, the site-wide values it prints, the base
 * path); a manifest of the last successful build keeps the keys; the next build renders or
 * indexes only the rest, and puts the new files into the live site in place (`applyInto` in
 * src/build/swap.ts), where the unchanged ones stay. The search index is patched from the live
 * one (src/site/search-patch.ts, with the state kept beside the manifest). Index pages, feeds
 * and exports are always rebuilt. Pages of removed articles are deleted.
 */
export interface RenderManifest {
  version: 1;
  /** The site folder the keys describe: two sites next to each other share one cache folder. */
  output: string;
  /** What every page was made with (templates, site code, base path…): rebuilt in place only while the same. */
  context?: string;
  /** Output-relative page path → key. */
  pages: Record<string, string>;
  /** Search index folder (`search-index`) → key. */
  shards: Record<string, string>;
  /** Where each record's line is in the site's `data/articles.jsonl` parts (see `LineIndex`). */
  lines?: LineIndex;
  /** What the site's `data/people.json` was made from (see src/build/publish.ts). */
  people?: string;
}

const EMPTY: RenderManifest = { version: 1, output: '', pages: {}, shards: {} };

/** Version of an installed package whose exports map hides its package.json. */
export function packageVersion(name: string): string {
  // `import.meta.resolve` follows the `import` condition: some packages export nothing else.
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '';
    }
    const up = dirname(dir);
    if (up === dir) return '';
    dir = up;
  }
}

export function sha256(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/** Hash of every file under `dir` (names and bytes): a template change invalidates all pages. */
export function hashTree(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}

/**
 * The last manifest for `output`, or an empty one when there is none, it cannot be read, or it
 * describes another site folder (then all is rebuilt).
 */
export function readManifest(path: string | null, output: string): RenderManifest {
  if (!path || !existsSync(path)) return EMPTY;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as RenderManifest;
    return m.version === 1 && m.output === output && m.pages && m.shards ? m : EMPTY;
  } catch {
    return EMPTY;
  }
}

/**
 * What the live search index was made from (src/site/search-patch.ts), kept in `path`
 * (`searchStatePath`); null when there is none or it cannot be read (the index is then made whole).
 */
export function readSearchState(path: string | null): SearchState | null {
  if (!path) return null;
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as SearchState;
    return s.version === 2 && typeof s.key === 'string' && Number.isInteger(s.buckets) && Array.isArray(s.docs) ? s : null;
  } catch {
    return null;
  }
}

/** The search state's file, beside the render manifest. */
export const searchStatePath = (manifestPath: string) => join(dirname(manifestPath), 'search-state.json');

/** The file of the live search index's texts (src/site/search-texts.ts), beside its state. */
export const searchTextsPath = (statePath: string) => join(dirname(statePath), 'search-texts.bin');

/** The person summaries' file, beside the render manifest. */
export const personSummariesPath = (manifestPath: string) => join(dirname(manifestPath), 'person-summaries.json');

/**
 * The person summaries the last build made (see `PersonSummary` in src/site/site-data.ts), by
 * the digest of their inputs, when they were made by the same code (`code`); else none.
 */
export function readPersonSummaries(path: string | null, code: string): Map<string, PersonSummary> {
  if (!path) return new Map();
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as { version?: number; code?: string; people?: Array<[string, PersonSummary]> };
    return kept.version === 1 && kept.code === code && Array.isArray(kept.people) ? new Map(kept.people) : new Map();
  } catch {
    return new Map();
  }
}

export function writePersonSummaries(path: string, code: string, people: ReadonlyMap<string, PersonSummary>): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ version: 1, code, people: [...people] }));
}

export function writeManifest(path: string, manifest: RenderManifest): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(manifest));
}

/**
 * Links (or copies, across file systems) `rel`, a file or a folder, from the live site into the
 * new one (the search index, unchanged). False when the live one is missing, so the caller makes
 * it instead.
 */
export function carryOver(liveDir: string, newDir: string, rel: string): boolean {
  const from = join(liveDir, rel);
  if (!existsSync(from)) return false;
  mkdirSync(dirname(join(newDir, rel)), { recursive: true });
  linkTree(from, join(newDir, rel));
  return true;
}
