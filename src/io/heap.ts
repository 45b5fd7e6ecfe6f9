import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';

/** Set in the environment of a process this module started, so it never starts another. */
const MARK = 'NEWSARCHIVE_LARGER_HEAP';

/**
 * Heap a build needs: a fixed part for one Eleventy run of pages (bounded, see src/build/publish.ts),
 * plus a part per byte of raw input for what the build holds throughout: every article's metadata
 * and the site data (the packed bodies wait in a file: src/io/body-spool.ts). V8 lets the heap
 * grow towards its cap whatever the live part is, so the cap sets most of the build's memory.
 * Measured with 20,000 generated articles (104 MB of input): the live heap peaks at 0.63 GB; under
 * a cap of 960 MB the pages rendered as fast as under 1,056 (151 s and 148–165 s), under 896 MB
 * they took 187 s (the collector running more and more often).
 */
const HEAP_BASE_MB = 544;
const HEAP_PER_INPUT_BYTE = 4;

/** Below this much input the default heap serves: re-running Node costs about a second. */
const SIZED_FROM_BYTES = 32 * 2 ** 20;

/**
 * The heap flag for a build over `bytes` of input, or null for the default. A large input gets
 * a heap of its need (at most three quarters of the machine's memory, and 32 GB), whether that
 * is more or less than Node's default of about 4 GB: more, so that it can finish; less, because
 * V8 lets garbage grow up to whatever cap it is given (20,000 articles: peak RSS 6.4 GB under an
 * 18 GB cap, 4.1 GB under 4 GB, before the corpus was packed).
 */
export function heapFlag(bytes: number, total = totalmem()): string | null {
  if (bytes < SIZED_FROM_BYTES) return null;
  const needMB = HEAP_BASE_MB + Math.ceil((bytes * HEAP_PER_INPUT_BYTE) / 2 ** 20);
  return `--max-old-space-size=${Math.min(32 * 1024, Math.floor((total * 0.75) / 2 ** 20), needMB)}`;
}

/**
 * The environment of a build re-run with a sized heap: as given, with glibc's malloc limited to
 * two arenas unless the user set it. By default each thread that allocates may get an arena of
 * its own (up to 8 per core), and memory freed in one is not returned while any of it is in use:
 * at 20,000 articles (Eleventy, zlib and the search worker allocating on their threads) that held
 * some 0.1 GB more at the build's peak, for no gain in speed (measured). Other C libraries ignore it.
 */
export function sizedHeapEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' };
}

/** True when the user chose the heap (`--max-old-space-size` in NODE_OPTIONS or Node's arguments). */
export function heapChosen(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...execArgv, nodeOptions].some((a) => /--max[-_]old[-_]space[-_]size/.test(a));
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
 * or null when that is not needed (a small input, a heap the user chose, or this is already the
 * re-run). A second Node start costs about a second, so small archives are never re-run.
 */
export function rerunWithSizedHeap(input: string): number | null {
  if (process.env[MARK] || heapChosen()) return null;
  const flag = heapFlag(inputBytes(input));
  if (!flag) return null;
  const r = spawnSync(process.execPath, [...process.execArgv, flag, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...sizedHeapEnv(), [MARK]: '1' } });
  if (r.error) return null; // could not start: go on with the heap we have
  return r.status ?? 1;
}
