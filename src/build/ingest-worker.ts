import { workerData } from 'node:worker_threads';
import { keepTablesIn } from '../ingest/repair/kept.ts';
import { ArticleCache } from '../io/cache.ts';
import { LazyPrior, PRIOR_MAX_CHARS } from './prior-sample.ts';
import { processBatch, type ProcessResult, type ProcessTask } from './process-batch.ts';

/**
 * Tinypool worker: repair + segment + script + extract over a batch of decoded articles.
 * The prior sample arrives once as worker data (bounded by the prior's cap, not by N).
 */
const data = (workerData as unknown[] | undefined)?.[1] as { sample: string[]; keep?: { cacheDir: string; digest: string } | null } | undefined;
// The prior this build keeps (src/io/cache.ts): taken if another worker or build has kept it,
// kept once built.
const keep = data?.keep;
const cache = keep ? new ArticleCache(keep.cacheDir) : null;
const prior = new LazyPrior(data?.sample ?? [], PRIOR_MAX_CHARS, cache && keep ? { load: () => cache.getPrior(keep.digest), save: (t) => cache.setPrior(keep.digest, t) } : undefined);

// The repairs' tables too (src/ingest/repair/kept.ts): read back if kept, kept once made.
if (cache) keepTablesIn(cache.keptStores());

export default function run(tasks: ProcessTask[]): ProcessResult[] {
  return processBatch(tasks, prior);
}
