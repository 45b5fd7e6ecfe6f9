import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { bugSkip, type Article, type ArticleMeta, type Corpus, type Skipped } from '../article.ts';
import { SkipError } from '../ingest/decode.ts';
import { keepTablesIn } from '../ingest/repair/kept.ts';
import { suggestYearsFromCorpus } from '../ingest/extract/index.ts';
import { readArticle, type InputFile } from '../ingest/index.ts';
import { buildNgramPrior } from '../ingest/prior.ts';
import { cacheKey, sha256Hex, type ArticleCache, type CacheEntry } from '../io/cache.ts';
import { unpackArticle, unpackBody, type PackedArticle } from '../packed-article.ts';
import { resolvePeople } from '../people/resolve.ts';
import { consumedLength, LazyPrior, PriorDelta, PRIOR_MAX_CHARS, priorChars, priorDigest, sampleLength, type PriorStore } from './prior-sample.ts';
import { processBatch, type ProcessResult, type ProcessTask } from './process-batch.ts';

/**
 * The corpus driver: every file ends as an article or a skip with a reason; a duplicate raw file
 * (same bytes) is reported once and not published twice. The n-gram prior comes from the corpus
 * itself, so lost characters are chosen by evidence from the archive being built. One driver,
 * two executors (in-process or worker threads) that give the same records byte for byte:
 *
 * 1. the main thread decodes (0.2 ms per article: not worth a thread hop) and drops duplicates in
 *    sorted order; cached articles are not decoded at all;
 * 2. it takes the prior's sample (the leading texts the prior's cap lets in) and hands it to each
 *    executor once, as data; the prior is built lazily, only if an article consults it;
 * 3. the executor runs repair + segment + script + extract over batches; results come back in
 *    order, packed (src/packed-article.ts), and stay packed: the corpus holds metadata plus bytes;
 * 4. corpus passes: years suggested by shared bylines, then people across articles.
 *
 * Memory per worker is bounded by the prior's cap and one batch, not by N.
 */
export interface IngestOptions {
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
  /** True when the prior was built, to process an article or to check a record made with another. */
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
  /** Set when its file could not be read again (see the stale records below): skipped. */
  lost?: true;
}

// Compiled (dist/), the worker is plain JavaScript; run from the TypeScript sources (tests,
// tsx), a small .mjs entry loads the .ts worker through tsx.
const WORKER = fileURLToPath(new URL(new URL(import.meta.url).pathname.endsWith('.ts') ? './ingest-worker.mjs' : './ingest-worker.js', import.meta.url));

/** What the driver asks its executor to do: process these decoded articles, in order. */
interface ProcessRequest {
  tasks: ProcessTask[];
  /** The prior's sample; called only when a prior may be needed. */
  sample: () => readonly string[];
  /** A prior of this sample already built (by the cache check): the in-process executor's, and kept for workers (`keepBuilt`). */
  built: LazyPrior | undefined;
  /** Where priors are kept, for the in-process executor (see `PriorStore`). */
  store: PriorStore | undefined;
  /** Where workers keep the prior they build, and under which digest. */
  keep: { cacheDir: string; digest: string } | null;
  progress: (done: number) => void;
}
interface ProcessResponse {
  results: ProcessResult[];
  priorBuilt: boolean;
}
export type IngestResult = Corpus<PackedArticle> & { stats: IngestStats };

/**
 * The whole corpus in one process, synchronously (tests, scripts, small inputs): the same driver
 * as `ingestCorpus`, with the in-process executor.
 */
export function ingestCorpusSync(files: InputFile[], options: Omit<IngestOptions, 'threads'> = {}): IngestResult {
  const steps = corpusSteps(files, options);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    step = steps.next(processInProcess(step.value, options));
  }
}

/** The whole corpus, on worker threads when there is enough to do (see `IngestOptions.threads`). */
export async function ingestCorpus(files: InputFile[], options: IngestOptions = {}): Promise<IngestResult> {
  const threads = Math.max(0, Math.floor(options.threads ?? availableParallelism()));
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const steps = corpusSteps(files, options);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    const onWorkers = threads > 1 && step.value.tasks.length >= Math.max(batchSize * 2, options.minParallel ?? 256);
    step = steps.next(onWorkers ? await processOnWorkers(step.value, threads, batchSize) : processInProcess(step.value, options));
  }
}

/**
 * The driver, written once: a generator that yields the articles to process to whichever
 * executor runs it and gets their records back.
 */
function* corpusSteps(files: InputFile[], options: Omit<IngestOptions, 'threads'>): Generator<ProcessRequest, IngestResult, ProcessResponse> {
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
    // Duplicates are the same saved file (front matter included).
    const sha = file.raw?.sha256 ?? file.sha256 ?? sha256Hex(file.bytes);
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
  const consumed = consumedLength(pending.length, charsAt, PRIOR_MAX_CHARS);
  let consumedChars = 0; // the prior's total (read now: entries are let go below)
  for (let i = 0; i < consumed; i++) consumedChars += charsAt(i);
  const sampled = pending.slice(0, sampleLength(pending.length, charsAt, PRIOR_MAX_CHARS));
  const sourceOf = (p: Pending) => (p.decoded ? p.decoded.source : unpackBody((p.done ?? p.entry!.article).body).source);
  let texts: string[] | undefined;
  const sample = () => (texts ??= sampled.map(sourceOf));
  let digest: string | undefined;
  // Only asked when there is a cache, so every text has a key.
  const currentDigest = () => (digest ??= priorDigest(sampled.map((p) => p.key!)));
  // A record made with an earlier prior whose sample the cache kept is checked against the
  // change of sample alone (`PriorDelta`); otherwise against this prior, built only if asked.
  const deltas = new Map<string, PriorDelta | null>();
  const deltaFrom = (earlier: string): PriorDelta | null => {
    if (!deltas.has(earlier)) deltas.set(earlier, priorDelta(cache!, earlier, pending.slice(0, consumed), consumedChars, sourceOf));
    return deltas.get(earlier)!;
  };
  // Priors kept by digest in the cache: this build's, or an earlier one with the change of sample
  // applied, so that a rebuild counts only the changed texts, not the whole sample.
  const store: PriorStore | undefined = cache
    ? {
        load: () => {
          const kept = cache.getPrior(currentDigest());
          if (kept?.total === consumedChars) return kept;
          for (const earlier of cache.priorDigests()) {
            const delta = deltaFrom(earlier);
            const table = delta && cache.getPrior(earlier);
            if (table) return delta.applyTo(table);
          }
          return null;
        },
        save: (table) => cache.setPrior(currentDigest(), table),
      }
    : undefined;
  let current: LazyPrior | undefined;
  const agrees = (entry: CacheEntry) => {
    if (!entry.priorAnswers) return false;
    try {
      const delta = deltaFrom(entry.priorDigest!);
      return delta ? delta.agrees(entry.priorAnswers) : (current ??= new LazyPrior(sample, PRIOR_MAX_CHARS, store)).agrees(entry.priorAnswers);
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
    } else if (agrees(p.entry)) {
      // Another prior, the same answers to every question the repairs asked: the same record.
      p.done = p.entry.article;
      cache!.hit();
      cache!.restamp(p.key!, p.entry, currentDigest());
      revalidated++;
    } else {
      // Stale: the record was made with another prior. Start again from the raw bytes (the
      // cached record is already repaired, and repairs must run on the decoded source).
      cache!.stats.misses++;
      try {
        p.decoded = readArticle(p.file);
      } catch (err) {
        // Its file, found unchanged, changed or went away since (see `InputIndex`): skipped with
        // the reason. Its last text stays in this build's prior, whose sample was taken with it.
        skipped.push(err instanceof SkipError ? { file: p.file.name, reason: err.message } : bugSkip(p.file.name, 'decoding', err));
        p.lost = true;
        continue;
      }
    }
    p.entry = null;
  }
  if (cache && consumed > 0)
    cache.setSample(
      currentDigest(),
      pending.slice(0, consumed).map((p) => p.key!),
    );
  const decodeMs = performance.now() - t0;

  const todo = pending.filter((p) => !p.done && !p.lost);
  const t1 = performance.now();
  const { results, priorBuilt } = yield {
    tasks: todo.map((p) => ({ article: p.decoded!, override: p.file.override ?? null })),
    sample,
    built: current,
    store,
    keep: cache && todo.length ? { cacheDir: cache.dir, digest: currentDigest() } : null,
    progress: (done) => progress('process', done, todo.length),
  };
  const processMs = performance.now() - t1;
  if (results.some((r) => !r.ok && r.priorFailed)) {
    // A hostile text broke the corpus prior, which is built over many texts at once: each text of
    // the sample is tried alone, the ones that fail alone are skipped, and the corpus is ingested
    // again without them.
    const bad = new Set(sampled.filter((p) => throws(() => buildNgramPrior([p.decoded ? p.decoded.source : readArticle(p.file).source]))).map((p) => p.file));
    if (bad.size === 0) throw new Error('the corpus prior failed, and on no single text alone');
    const rest = yield* corpusSteps(
      files.filter((f) => !bad.has(f)),
      options,
    );
    rest.skipped.push(...[...bad].map((f) => ({ file: f.name, reason: 'internal error while building the corpus prior' })));
    return rest;
  }

  const processed: PackedArticle[] = [];
  const failed: Skipped[] = [];
  let k = 0;
  for (const p of pending) {
    if (p.done) {
      processed.push(p.done);
      continue;
    }
    if (p.lost) continue;
    const r = results[k++]!;
    if (r.ok) {
      processed.push(r.article);
      if (cache && p.key) cache.set(p.key, { article: r.article, priorChars: r.priorChars, priorDigest: r.consultedPrior ? currentDigest() : null, priorAnswers: r.priorAnswers });
    } else {
      failed.push(bugSkip(p.file.name, 'processing', Object.assign(new Error(r.error), { stack: r.stack ?? r.error })));
    }
  }
  skipped.push(...failed);
  const { articles, people } = finishCorpus(processed, skipped, unpackArticle);
  return {
    articles,
    skipped,
    people,
    stats: { decodeMs, processMs, processed: todo.length, cached: pending.length - todo.length, revalidated, priorBuilt: priorBuilt || (current?.built ?? false) },
  };
}

/** Texts in a prior's sample beyond which building the prior costs less than counting the change. */
const MAX_DELTA_TEXTS = 64;

/**
 * The change from the prior of sample `earlier` (its keys kept in the cache) to the current one,
 * whose counted texts are `now` (`total` prior characters); null when that sample is not kept,
 * one of its texts is no longer in the cache, or too much changed.
 */
function priorDelta(cache: ArticleCache, earlier: string, now: readonly Pending[], total: number, sourceOf: (p: Pending) => string): PriorDelta | null {
  const before = cache.getSample(earlier);
  if (!before) return null;
  const nowKeys = new Set(now.map((p) => p.key!));
  const beforeKeys = new Set(before);
  const removed = before.filter((k) => !nowKeys.has(k));
  const added = now.filter((p) => !beforeKeys.has(p.key!));
  if (removed.length + added.length > MAX_DELTA_TEXTS || nowKeys.size !== now.length || beforeKeys.size !== before.length) return null;
  const removedTexts: string[] = [];
  for (const k of removed) {
    const entry = cache.get(k);
    if (!entry) return null;
    removedTexts.push(unpackBody(entry.article.body).source);
  }
  return new PriorDelta(removedTexts, added.map(sourceOf), total);
}

/** The in-process executor: batch after batch on this thread. */
function processInProcess(req: ProcessRequest, options: { batchSize?: number; cache?: ArticleCache | null }): ProcessResponse {
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const prior = req.built ?? new LazyPrior(req.sample, PRIOR_MAX_CHARS, req.store);
  const results: ProcessResult[] = [];
  // The repairs' tables are kept in the cache, as the prior is (only while this corpus is processed).
  const cache = options.cache ?? null;
  const before = keepTablesIn(cache?.keptStores());
  try {
    for (let s = 0; s < req.tasks.length; s += batchSize) {
      results.push(...processBatch(req.tasks.slice(s, s + batchSize), prior));
      req.progress(results.length);
    }
  } finally {
    keepTablesIn(before);
  }
  return { results, priorBuilt: prior.consulted || results.some((r) => r.ok && r.consultedPrior) };
}

/** The worker executor: batches over a pool of threads, each holding the prior's sample. */
async function processOnWorkers(req: ProcessRequest, threads: number, batchSize: number): Promise<ProcessResponse> {
  // A prior this thread built from a kept one (to check records) is the one the workers need.
  req.built?.keepBuilt();
  const pool = new Tinypool({ filename: WORKER, minThreads: threads, maxThreads: threads, workerData: { sample: req.sample(), keep: req.keep } });
  try {
    let done = 0;
    const batches: Promise<ProcessResult[]>[] = [];
    for (let s = 0; s < req.tasks.length; s += batchSize) {
      const batch = req.tasks.slice(s, s + batchSize);
      batches.push(
        (pool.run(batch) as Promise<ProcessResult[]>).then((r) => {
          done += r.length;
          req.progress(done);
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

/**
 * Corpus-level passes once every article is processed :
 * years suggested by bylines shared with dated articles, then people across articles. They read
 * metadata only; `whole` gives the whole article where a year suggestion needs its lines.
 */
export function finishCorpus<A extends ArticleMeta>(processed: A[], skipped: Skipped[], whole: (a: A) => Article): Corpus<A> {
  // A suggestion is optional: if the pass fails, the articles go on without it.
  let withYears = processed;
  try {
    withYears = suggestYearsFromCorpus(processed, whole);
  } catch {
    // keep the articles as they are
  }
  const { articles, people } = resolvePeopleSafely(withYears, skipped);
  return { articles, skipped, people };
}

/**
 * People are resolved over every article at once, so one hostile record that makes the step throw
 * would cost the whole build: on failure each article is tried alone; the ones that fail alone are
 * skipped with the error, and the step runs again over the rest.
 */
function resolvePeopleSafely<A extends ArticleMeta>(processed: A[], skipped: Skipped[]): Pick<Corpus<A>, 'articles' | 'people'> {
  try {
    return resolvePeople(processed);
  } catch {
    const ok = processed.filter((a) => {
      if (!throws(() => resolvePeople([a]))) return true;
      skipped.push({ file: a.sourceFile, reason: 'internal error while resolving people' });
      return false;
    });
    return resolvePeople(ok);
  }
}

function throws(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
}
