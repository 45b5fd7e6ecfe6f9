import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
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
 * Heap a build needs per byte of raw input, with a margin (measured: 12,000 generated articles,
 * 84 MB of input, peaked at 3.4 GB of heap, about 40 bytes per byte).
 */
const HEAP_PER_INPUT_BYTE = 60;

/** Total size of the files under `dir` (0 when it cannot be read: the build reports that). */
export function inputBytes(dir: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
    }
  } catch {
    return 0;
  }
  return total;
}

/** Whether a build over `bytes` of input may outgrow the current heap (then it is re-run). */
export function needsLargerHeap(bytes: number, current = getHeapStatistics().heap_size_limit): boolean {
  return bytes * HEAP_PER_INPUT_BYTE > current * 0.75;
}

/**
 * Runs this same command again in a Node with the larger heap and returns its exit code, or null
 * when that is not needed (the input is small enough for the current heap, the heap is large
 * enough, or this is already the re-run). A second Node start costs about a second, so small
 * archives are not re-run.
 */
export function rerunWithLargerHeap(input: string): number | null {
  const flag = largerHeapFlag();
  if (!flag || process.env[MARK] || !needsLargerHeap(inputBytes(input))) return null;
  const r = spawnSync(process.execPath, [...process.execArgv, flag, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, [MARK]: '1' } });
  if (r.error) return null; // could not start: go on with the heap we have
  return r.status ?? 1;
}
