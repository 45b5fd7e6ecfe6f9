import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readInputDir } from '../../src/io/read-input.ts';
import { ingestCorpusSync } from '../../src/build/ingest.ts';
import { unpackCorpus } from '../../src/packed-article.ts';
import type { Corpus } from '../../src/article.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

let cached: Corpus | undefined;

/** The seeds through the whole pipeline, once per test file. */
export function seedCorpus(): Corpus {
  cached ??= unpackCorpus(ingestCorpusSync(readInputDir(SEEDS_DIR).files));
  return cached;
}

export function seedArticle(prefix: string) {
  const a = seedCorpus().articles.find((x) => x.id.startsWith(prefix));
  if (!a) throw new Error(`no seed ${prefix}`);
  return a;
}

/** sha256 of every file in seeds/, to prove no command writes there. */
export function hashSeeds(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(SEEDS_DIR).sort())
    out[f] = createHash('sha256')
      .update(readFileSync(join(SEEDS_DIR, f)))
      .digest('hex');
  return out;
}
