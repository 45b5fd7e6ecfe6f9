import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { bugSkip, type Article, type Skipped } from '../article.ts';
import { SkipError } from '../ingest/decode.ts';
import { packArticle, unpackArticle, unpackBody, type PackedArticle } from '../packed-article.ts';
import { finishCorpus, ingestCorpus, readArticle, type Corpus, type InputFile } from '../pipeline.ts';
import { cacheKey, sha256Hex, type ArticleCache, type CacheEntry } from './cache.ts';
import { LazyPrior, PRIOR_MAX_CHARS, priorChars, priorDigest, sampleLength } from './prior-sample.ts';
import { processBatch, type ProcessResult, type ProcessTask } from './process-batch.ts';

/**
 * `ingestCorpus` over all cores, with an optional content-hash cache. The result equals the
 * sequential `ingestCorpus` byte for byte (same order, same skips, same records):
 *
 * 1. the main thread decodes (0.2 ms per article: not worth a thread hop) and drops duplicates in
 *    sorted order, exactly as `ingestCorpus` does; cached articles are not decoded at all;
 * 2. it takes the prior's sample (the leading texts the prior's cap lets in) and hands it to each
 *    worker once, as data; workers build the prior lazily, only if an article consults it;
 * 3. workers run repair + segment + script + extract over batches; results come back in order,
 *    packed (src/packed-article.ts), and stay packed: the corpus holds metadata plus bytes.
 *
 * Memory per worker is bounded by the prior's cap and one batch, not by N.
 */
export interface ParallelOptions {
  /** Worker threads; 0 or 1 runs in-process. Default: available cores. */
  threads?: number;
  cache?: ArticleCache | null;
  /** Articles per message to a worker: amortizes the thread hop. */
  batchSize?: number;
  /**
   * Below this many articles to process, stay in-process: starting a worker (loading the
   * pipeline through tsx) costs ~1.5–3 s, about 200 articles' worth. Default 256.
   */
  minParallel?: number;
  onProgress?: (stage: 'decode' | 'process', done: number, total: number) => void;
}

export interface IngestStats {
  decodeMs: number;
  processMs: number;
  processed: number;
  cached: number;
  /** Cached records made with another prior that gives the same answers (counted in `cached`). */
  revalidated: number;
  priorBuilt: boolean;
}

interface Pending {
  file: InputFile;
  /** The decoded article to process; null while a cache entry may supply the record. */
  decoded: Article | null;
  key: string | null;
  entry: CacheEntry | null;
  /** Set when the cache supplied the processed record. */
  done: PackedArticle | null;
}

// Compiled (dist/), the worker is plain JavaScript; run from the TypeScript sources (tests,
// tsx), a small .mjs entry loads the .ts worker through tsx.
const WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './parallel-worker.mjs' : './parallel-worker.js', import.meta.url));


export async function ingestCorpusParallel(files: InputFile[], options: ParallelOptions = {}): Promise<Corpus<PackedArticle> & { stats: IngestStats }> {
  const cache = options.cache ?? null;
  const progress = options.onProgress ?? (() => {});
  const t0 = performance.now();

  const skipped: Skipped[] = [];
  const pending: Pending[] = [];
  const seen = new Map<string, string>();
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let i = 0;
  for (const file of sorted) {
    if (++i % 500 === 0) progress('decode', i, sorted.length);
    const sha = sha256Hex(file.bytes);
    const key = cache ? cacheKey(file, sha) : null;
    const entry = key ? cache!.get(key) : null;
    let decoded: Article | null = null;
    if (!entry) {
      try {
        decoded = readArticle(file);
      } catch (err) {
        if (err instanceof SkipError) skipped.push({ file: file.name, reason: err.message });
        else skipped.push(bugSkip(file.name, 'decoding', err));
        continue;
      }
    }
    const first = seen.get(sha);
    if (first) {
      skipped.push({ file: file.name, reason: `duplicate of ${first} (same bytes)` });
      continue;
    }
    seen.set(sha, file.name);
    pending.push({ file, decoded, key, entry, done: null });
  }
  progress('decode', sorted.length, sorted.length);

  // The prior's sample: the leading decoded texts, up to the prior's cap. How far it reaches is
  // known from each text's `priorChars` (cache entries keep it); the texts themselves are
  // unpacked only if a prior gets built, to process or to revalidate a record.
  const charsAt = (i: number) => {
    const p = pending[i]!;
    return p.entry ? p.entry.priorChars : priorChars(p.decoded!.source);
  };
  const sampled = pending.slice(0, sampleLength(pending.length, charsAt, PRIOR_MAX_CHARS));
  let texts: string[] | undefined;
  const sample = () => (texts ??= sampled.map((p) => (p.decoded ? p.decoded.source : unpackBody((p.done ?? p.entry!.article).body).source)));
  let digest: string | undefined;
  // Only asked when there is a cache, so every text has a key.
  const currentDigest = () => (digest ??= priorDigest(sampled.map((p) => p.key!)));
  // Built only if a record made with another prior is asked whether this one agrees with it.
  let current: LazyPrior | undefined;
  const agrees = (answers: CacheEntry['priorAnswers']) => {
    if (!answers) return false;
    try {
      return (current ??= new LazyPrior(sample)).agrees(answers);
    } catch {
      return false; // the prior broke on a text: reprocess, as the pipeline's recovery decides
    }
  };
  let revalidated = 0;
  for (const p of pending) {
    if (!p.entry) continue;
    if (p.entry.priorDigest === null || p.entry.priorDigest === currentDigest()) {
      p.done = p.entry.article;
      cache!.hit();
    } else if (agrees(p.entry.priorAnswers)) {
      // Another prior, the same answers to every question the repairs asked: the same record.
      p.done = p.entry.article;
      cache!.hit();
      cache!.set(p.key!, { ...p.entry, priorDigest: currentDigest() });
      revalidated++;
    } else {
      // Stale: the record was made with another prior. Start again from the raw bytes (the
      // cached record is already repaired, and repairs must run on the decoded source).
      cache!.stats.misses++;
      p.decoded = readArticle(p.file);
    }
    p.entry = null;
  }
  const decodeMs = performance.now() - t0;

  const todo = pending.filter((p) => !p.done);
  const t1 = performance.now();
  const { results, priorBuilt } = await runProcessing(
    todo.map((p) => ({ article: p.decoded!, override: p.file.override ?? null })),
    sample,
    options,
    (done) => progress('process', done, todo.length),
    current,
  );
  const processMs = performance.now() - t1;
  if (results.some((r) => !r.ok && r.priorFailed)) {
    // A hostile text broke the corpus prior: the sequential pipeline's recovery decides.
    const corpus = ingestCorpus(files);
    return { ...corpus, articles: corpus.articles.map(packArticle), stats: { decodeMs, processMs, processed: todo.length, cached: 0, revalidated: 0, priorBuilt: false } };
  }

  const processed: PackedArticle[] = [];
  const failed: Skipped[] = [];
  let k = 0;
  for (const p of pending) {
    if (p.done) {
      processed.push(p.done);
      continue;
    }
    const r = results[k++]!;
    if (r.ok) {
      processed.push(r.article);
      if (cache && p.key) cache.set(p.key, { article: r.article, priorChars: r.priorChars, priorDigest: r.consultedPrior ? currentDigest() : null, priorAnswers: r.priorAnswers });
    } else {
      failed.push(bugSkip(p.file.name, 'processing', Object.assign(new Error(r.error), { stack: r.stack ?? r.error })));
    }
  }
  skipped.push(...failed);
  // The corpus-wide steps (years from shared bylines, people) are the pipeline's own.
  const { articles, people } = finishCorpus(processed, skipped, unpackArticle);
  return {
    articles,
    skipped,
    people,
    stats: { decodeMs, processMs, processed: todo.length, cached: pending.length - todo.length, revalidated, priorBuilt },
  };
}

async function runProcessing(
  tasks: ProcessTask[],
  /** Called only when a prior may be needed. */
  sample: () => readonly string[],
  options: ParallelOptions,
  progress: (done: number) => void,
  /** A prior of this sample already built (by the cache check), for the in-process path. */
  built?: LazyPrior,
): Promise<{ results: ProcessResult[]; priorBuilt: boolean }> {
  const threads = Math.max(0, Math.floor(options.threads ?? availableParallelism()));
  const batchSize = Math.max(1, options.batchSize ?? 16);
  if (threads <= 1 || tasks.length < Math.max(batchSize * 2, options.minParallel ?? 256)) {
    const prior = built ?? new LazyPrior(sample);
    const results: ProcessResult[] = [];
    for (let s = 0; s < tasks.length; s += batchSize) {
      results.push(...processBatch(tasks.slice(s, s + batchSize), prior));
      progress(results.length);
    }
    return { results, priorBuilt: prior.consulted || results.some((r) => r.ok && r.consultedPrior) };
  }
  const pool = new Tinypool({
    filename: WORKER,
    minThreads: threads,
    maxThreads: threads,
    workerData: { sample: sample() },
  });
  try {
    let done = 0;
    const batches: Promise<ProcessResult[]>[] = [];
    for (let s = 0; s < tasks.length; s += batchSize) {
      const batch = tasks.slice(s, s + batchSize);
      batches.push(
        (pool.run(batch) as Promise<ProcessResult[]>).then((r) => {
          done += r.length;
          progress(done);
          return r;
        }),
      );
    }
    const results = (await Promise.all(batches)).flat();
    return { results, priorBuilt: results.some((r) => r.ok && r.consultedPrior) };
  } finally {
    await pool.destroy();
  }
}

