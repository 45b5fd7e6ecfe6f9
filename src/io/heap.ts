import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';

/** Set in the environment of a process this module started, so it never starts another. */
const MARK = 'NEWSARCHIVE_LARGER_HEAP';

/**
 * Heap a build needs per byte of raw input, with a margin (measured with 20,000 generated
 * articles, 109 MB of input: a 2 GB heap ran out while rendering, 4 GB was enough, so the need
 * is between 19 and 38 bytes per byte; pages are rendered in runs and article views made per
 * run, so it grows with the corpus, not with the pages).
 */
const HEAP_PER_INPUT_BYTE = 40;

/**
 * Node caps its JavaScript heap at about 4 GB whatever the machine has. A build over `bytes` of
 * input that may need more gets a heap of its need, at most three quarters of the machine's
 * memory (and 32 GB): enough to finish, and no more, since V8 lets garbage grow up to whatever
 * cap it is given (20,000 articles: peak RSS 6.4 GB under an 18 GB cap, 4.1 GB under 4 GB).
 * Null when the current heap is enough (or already the largest it may be).
 */
export function largerHeapFlag(bytes: number, total = totalmem(), current = getHeapStatistics().heap_size_limit): string | null {
  const needMB = Math.ceil((bytes * HEAP_PER_INPUT_BYTE) / 2 ** 20);
  const currentMB = current / 2 ** 20;
  if (needMB <= currentMB) return null;
  const wantMB = Math.min(32 * 1024, Math.floor((total * 0.75) / 2 ** 20), needMB);
  return wantMB > currentMB ? `--max-old-space-size=${wantMB}` : null;
}

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

/**
 * Runs this same command again in a Node with the heap its input needs and returns its exit code,
 * or null when that is not needed (the current heap is enough, or this is already the re-run).
 * A second Node start costs about a second, so small archives are never re-run.
 */
export function rerunWithLargerHeap(input: string): number | null {
  if (process.env[MARK]) return null;
  const flag = largerHeapFlag(inputBytes(input));
  if (!flag) return null;
  const r = spawnSync(process.execPath, [...process.execArgv, flag, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, [MARK]: '1' } });
  if (r.error) return null; // could not start: go on with the heap we have
  return r.status ?? 1;
}
