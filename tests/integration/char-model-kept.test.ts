import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * The character model of the GBK realigner (src/ingest/repair/char-model.ts) is kept in the
 * build's cache: a process that repairs a damaged article reads it back instead of making it
 * from jieba's dictionary again. Each build runs in a fresh copy of the modules (a process of
 * its own would have nothing in memory either).
 */
const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'na-char-model-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const seeds = () =>
  readdirSync(SEEDS)
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(SEEDS, name)) }));

/** A fresh copy of the pipeline, with a cache that counts what it is asked of the model. */
async function freshIngest(cacheDir: string) {
  vi.resetModules();
  const { ArticleCache } = await import('../../src/io/cache.ts');
  const { ingestCorpus } = await import('../../src/build/ingest.ts');
  const { toExport } = await import('../../src/io/export.ts');
  const cache = new (class extends ArticleCache {
    loads = 0;
    saves = 0;
    override getKept(name: string) {
      if (name === 'char-model') this.loads++;
      return super.getKept(name);
    }
    override setKept(name: string, bytes: Uint8Array) {
      if (name === 'char-model') this.saves++;
      super.setKept(name, bytes);
    }
  })(cacheDir);
  const corpus = await ingestCorpus(seeds(), { threads: 0, cache });
  return { cache, json: JSON.stringify(toExport(corpus)), processed: corpus.stats.processed };
}

describe('the character model kept in the cache', () => {
  it('is made once, kept, and read back by the next process that repairs, with the same records', async () => {
    const first = await freshIngest(join(work, 'a'));
    expect(first.processed).toBe(5);
    expect(first.cache).toMatchObject({ loads: 1, saves: 1 });
    const kept = readdirSync(join(work, 'a', 'char-model'));
    expect(kept).toHaveLength(1);

    // Another cache with only the model in it: every article is processed, the model read back.
    cpSync(join(work, 'a', 'char-model'), join(work, 'b', 'char-model'), { recursive: true });
    const second = await freshIngest(join(work, 'b'));
    expect(second.processed).toBe(5);
    expect(second.cache).toMatchObject({ loads: 1, saves: 0 });
    expect(second.json).toBe(first.json);
  });

  it('is made again, with the same records, when the kept one is damaged', async () => {
    const dir = join(work, 'c');
    cpSync(join(work, 'a', 'char-model'), join(dir, 'char-model'), { recursive: true });
    const file = join(dir, 'char-model', readdirSync(join(dir, 'char-model'))[0]!);
    rmSync(file);
    cpSync(join(SEEDS, readdirSync(SEEDS)[0]!), file); // not a model
    const again = await freshIngest(dir);
    expect(again.cache).toMatchObject({ loads: 1, saves: 1 });
    expect(again.json).toBe((await freshIngest(join(work, 'd'))).json);
    expect(existsSync(file)).toBe(true);
  });
});
