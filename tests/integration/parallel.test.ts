import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleCache } from '../../src/io/cache.ts';
import { toExport } from '../../src/io/export.ts';
import { ingestCorpus, ingestCorpusSync } from '../../src/build/ingest.ts';
import { LazyPrior, priorChars, priorSample, sampleLength } from '../../src/build/prior-sample.ts';
import { buildNgramPrior } from '../../src/ingest/prior.ts';
import { toTraditional } from '../../src/text/script.ts';
import type { InputFile } from '../../src/ingest/index.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

/** Seeds, edited copies, a Traditional copy, a duplicate, a non-article and an override. */
function corpus(): InputFile[] {
  const seeds = readdirSync(SEEDS)
    .sort()
    .map((n) => ({ name: n, bytes: readFileSync(join(SEEDS, n)) }));
  const files: InputFile[] = [...seeds];
  for (let i = 0; i < 4; i++) {
    for (const s of seeds) {
      const text = s.bytes.toString('utf8');
      const edited = i === 3 ? toTraditional(text) : text.replace(/\d/g, (d) => String((Number(d) + i + 1) % 10));
      files.push({ name: `copy${i}/${s.name.replace('.txt', `-${i}.txt`)}`, bytes: Buffer.from(edited, 'utf8') });
    }
  }
  files.push({ name: 'dup/000_again.txt', bytes: seeds[0]!.bytes });
  files.push({ name: 'notes/readme.txt', bytes: Buffer.from('no Chinese here\n') });
  files.push({ name: 'over/x.txt', bytes: seeds[1]!.bytes.subarray(0, 3000), override: { title: '覆盖标题', region: { city: '萍乡市' } } });
  return files;
}

const json = (c: object) => JSON.stringify(toExport(c as Parameters<typeof toExport>[0]));

describe('ingestCorpus', () => {
  const files = corpus();
  const sequential = json(ingestCorpusSync(files));

  it('equals the sequential ingestCorpus byte for byte with worker threads', async () => {
    const got = await ingestCorpus(files, { threads: 2, batchSize: 2, minParallel: 0 });
    expect(got.stats.processed).toBe(got.articles.length);
    expect(json(got)).toBe(sequential);
  });

  it('equals it with worker threads that keep their tables in a cache, the first time and the next', async () => {
    // The workers run these sources through tsx, whose module addresses carry a query: the
    // pipeline digest that files the kept tables must still find the sources.
    const cache = new ArticleCache(mkdtempSync(join(tmpdir(), 'na-parallel-cache-')));
    try {
      for (const round of [1, 2]) {
        const got = await ingestCorpus(files, { threads: 2, batchSize: 2, minParallel: 0, cache: round === 1 ? cache : new ArticleCache(cache.dir) });
        expect(got.skipped.filter((s) => s.bug)).toEqual([]);
        expect(json(got)).toBe(sequential);
        rmSync(join(cache.dir, 'articles'), { recursive: true, force: true }); // records made again, tables read back
      }
      expect(readdirSync(cache.dir).sort()).toEqual(expect.arrayContaining(['char-model', 'pinyin-table', 'script-table']));
    } finally {
      rmSync(cache.dir, { recursive: true, force: true });
    }
  });

  it('equals it in-process too, whatever the input order', async () => {
    const got = await ingestCorpus([...files].reverse(), { threads: 0 });
    expect(json(got)).toBe(sequential);
  });

  it('reports every skip the sequential pipeline reports, in the same order', async () => {
    const got = await ingestCorpus(files, { threads: 2, batchSize: 3, minParallel: 0 });
    expect(got.skipped).toEqual(ingestCorpusSync(files).skipped);
    expect(got.skipped.map((s) => s.file)).toEqual(expect.arrayContaining(['dup/000_again.txt', 'notes/readme.txt']));
  });
});

describe('prior sample', () => {
  const texts = corpus().map((f) => Buffer.from(f.bytes).toString('utf8'));

  it('covers every text the prior consumes under its cap', () => {
    for (const cap of [10, 3000, 20000, 10_000_000]) {
      let pulled = 0;
      buildNgramPrior(
        (function* () {
          for (const t of texts) {
            pulled++;
            yield t;
          }
        })(),
        cap,
      );
      expect(priorSample(texts, cap).length).toBeGreaterThanOrEqual(Math.min(pulled, texts.length));
    }
  });

  it.each([
    ['no texts', [], 10, 0],
    ['all texts fit under the cap', [3, 3], 10, 2],
    ['up to the text that reaches the cap, plus one', [4, 4, 4, 4, 4], 8, 3],
    ['a first text past the cap, plus one', [20, 1, 1], 8, 2],
  ] as Array<[string, number[], number, number]>)('sampleLength: %s', (_rule, counts, cap, length) => {
    const asked: number[] = [];
    expect(sampleLength(counts.length, (i) => (asked.push(i), counts[i]!), cap)).toBe(length);
    // Counts are read in order, and none past the one that reaches the cap.
    expect(asked).toEqual(asked.map((_, i) => i));
    expect(asked.length).toBeLessThanOrEqual(Math.max(0, length));
  });

  it('sampleLength over priorChars takes what priorSample takes', () => {
    for (const cap of [1, 50, 500, 5000]) expect(sampleLength(texts.length, (i) => priorChars(texts[i]!), cap)).toBe(priorSample(texts, cap).length);
  });

  it('a prior given its sample as a function calls it only when consulted', () => {
    let calls = 0;
    const lazy = new LazyPrior(() => (calls++, priorSample(texts, 5000)), 5000);
    expect(lazy.consulted).toBe(false);
    expect(calls).toBe(0);
    lazy.count('市委');
    lazy.count('江西');
    expect(calls).toBe(1);
    expect(lazy.count('市委')).toBe(buildNgramPrior(texts, 5000).count('市委'));
  });

  it('a prior rebuilt from the sample counts like the prior over all texts', () => {
    const cap = 5000;
    const full = buildNgramPrior(texts, cap);
    const lazy = new LazyPrior(priorSample(texts, cap), cap);
    expect(lazy.consulted).toBe(false);
    for (const g of ['萍乡', '市委', '江西', '的', '发展']) expect(lazy.count(g)).toBe(full.count(g));
    expect(lazy.total).toBe(full.total);
    expect(lazy.consulted).toBe(true);
    lazy.resetConsulted();
    expect(lazy.consulted).toBe(false);
  });
});
