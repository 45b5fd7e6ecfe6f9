import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../build/reuse.ts';

/**
 * What a processed article depends on besides its own bytes: the pipeline's code and the data
 * packages it reads. The cache key carries this digest, so changing a rule, or upgrading
 * opencc-js, pinyin-pro or china-area-data, invalidates every cached record; no version number
 * is kept by hand.
 */
const EXT = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js'; // sources, or compiled in dist/
const SOURCES = ['../ingest', '../people', '../text', `../article${EXT}`, `../packed-article${EXT}`];
/** Packages whose code or data shape the records (the versions npm installed from the lock file). */
export const PIPELINE_PACKAGES = ['opencc-js', 'pinyin-pro', 'china-area-data', 'iconv-lite', 'rehype-parse', 'hast-util-to-text', 'unified', 'i18n-iso-countries', 'js-yaml', '@node-rs/jieba'];

/** Every file below `roots` (sorted, by path relative to its root) and the package versions, hashed. */
export function pipelineDigest(roots: string[] = SOURCES.map((s) => fileURLToPath(new URL(s, import.meta.url))), packages = PIPELINE_PACKAGES): string {
  const h = createHash('sha256');
  for (const root of roots) {
    for (const file of filesBelow(root)) h.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const name of packages) h.update(`${name}@${packageVersion(name)}\0`);
  return h.digest('hex');
}

function filesBelow(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesBelow(join(path, name)));
}

let memo: string | undefined;
/** The digest of this installation, computed once per process. */
export function currentPipelineDigest(): string {
  memo ??= pipelineDigest();
  return memo;
}
