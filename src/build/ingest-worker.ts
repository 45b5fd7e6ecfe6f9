import { workerData } from 'node:worker_threads';
import { LazyPrior } from './prior-sample.ts';
import { processBatch, type ProcessResult, type ProcessTask } from './process-batch.ts';

/**
 * Tinypool worker: repair + segment + script + extract over a batch of decoded articles.
 * The prior sample arrives once as worker data (bounded by the prior's cap, not by N).
 */
const data = (workerData as unknown[] | undefined)?.[1] as { sample: string[] } | undefined;
const prior = new LazyPrior(data?.sample ?? []);

export default function run(tasks: ProcessTask[]): ProcessResult[] {
  return processBatch(tasks, prior);
}
