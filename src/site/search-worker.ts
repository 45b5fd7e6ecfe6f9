import type { Spooled } from '../io/body-spool.ts';
import { carryOver } from '../build/reuse.ts';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { INDEX_DIR, TextsNeeded, writeSearchIndex, type KeptSource, type PackedSearchSource, type SearchIndexStats } from './search-index.ts';
import type { SearchState } from './search-patch.ts';

/** One search-index build, as sent to the worker thread (plain data: it is structured-cloned). */
export interface SearchTask {
  /** The new site folder, where the index goes. */
  dir: string;
  /** The live site, where an unchanged index is taken from. */
  live: string;
  /**
   * Packed: some 30 MB of bytes at 20,000 articles instead of ~150 MB of text, sent along or
   * (a build's) left in the build's spool file for the worker to read (src/io/body-spool.ts).
   */
  articles: Array<((PackedSearchSource | PackedSearchSource<Spooled>) & { key?: string }) | KeptSource>;
  /** Index folder → key of the last build (see src/build/reuse.ts). */
  previous: Record<string, string>;
  /** What the live index was made from (see src/site/search-patch.ts), if known: the index is then patched. */
  state?: SearchState | null;
  /** False when the caller keeps no state for the next build (see `SearchIndexOptions.recordState`). */
  recordState?: boolean;
}

/**
 * Tinypool worker: builds the search index off the main thread, so it runs on the second core
 * while Eleventy renders on the first. Null when the index must be made whole and some records
 * came without their texts (`KeptSource`): the caller sends them all and asks again.
 */
export default function run(task: SearchTask): SearchIndexStats | null {
  try {
    return writeSearchIndex(task.dir, task.articles, {
      reuse: (folder, key) => task.previous[folder] === key && carryOver(task.live, task.dir, folder),
      previous: usableState(task) ? { root: join(task.live, INDEX_DIR), state: task.state } : null,
      recordState: task.recordState ?? true,
    });
  } catch (err) {
    if (err instanceof TextsNeeded) {
      rmSync(join(task.dir, INDEX_DIR), { recursive: true, force: true });
      return null;
    }
    throw err;
  }
}

/** Only a state that describes the live index: the manifest names the index it keys. */
export function usableState(task: Pick<SearchTask, 'state' | 'previous'>): task is { state: SearchState; previous: Record<string, string> } {
  return !!task.state && task.previous[INDEX_DIR] === task.state.key;
}
