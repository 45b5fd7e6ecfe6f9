import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** Set in the environment of a process this module started, so it never starts another. */
const MARK = 'NEWSARCHIVE_LARGER_HEAP';

/**
 * Node caps its JavaScript heap at about 4 GB whatever the machine has, and a build holds the
 * whole corpus: 20,000 articles need more (measured: out of memory after 6 minutes). Three
 * quarters of the machine's memory, at most 32 GB, is the heap a large build may use; the cap is
 * a limit, not a reservation. Null when the current heap is already that large.
 */
export function largerHeapFlag(total = totalmem(), current = getHeapStatistics().heap_size_limit): string | null {
  const wantMB = Math.min(32 * 1024, Math.floor((total * 0.75) / 2 ** 20));
  return current / 2 ** 20 < wantMB * 0.9 ? `--max-old-space-size=${wantMB}` : null;
}

/**
 * Runs this same command again in a Node with the larger heap and returns its exit code, or null
 * when that is not needed (the heap is large enough, or this is already the re-run).
 */
export function rerunWithLargerHeap(): number | null {
  const flag = largerHeapFlag();
  if (!flag || process.env[MARK]) return null;
  const r = spawnSync(process.execPath, [...process.execArgv, flag, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, [MARK]: '1' } });
  if (r.error) return null; // could not start: go on with the heap we have
  return r.status ?? 1;
}
