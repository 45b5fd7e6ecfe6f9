import type { Spooled } from '../io/body-spool.ts';
import { carryOver, readSearchState, searchTextsPath } from '../build/reuse.ts';
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { INDEX_DIR, TextsNeeded, writeSearchIndex, type KeptSource, type PackedSearchSource, type SearchIndexStats } from './search-index.ts';
import type { SearchState, StateDoc } from './search-patch.ts';
import { keepSearchTexts, SearchTexts } from './search-texts.ts';

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
  /**
   * The file of the live index's state (see src/site/search-patch.ts; read here, not sent: some
   * 40 MB at 20,000 articles). The new state is written beside it, to a file the caller moves
   * into place once the new site is. Null: no state is read or made.
   */
  statePath?: string | null;
}

/**
 * Tinypool worker: builds the search index off the main thread, so it runs on the second core
 * while Eleventy renders on the first. Null when the index must be made whole and some records
 * came without their texts (`KeptSource`): the caller sends them all and asks again.
 */
export default function run(task: SearchTask): SearchIndexStats | null {
  const statePath = task.statePath ?? null;
  const found = readSearchState(statePath);
  const state = found && describesLive(found, task.previous) ? found : null;
  // The texts the live index was made from (src/site/search-texts.ts), for the patch.
  const texts = state && statePath ? SearchTexts.open(searchTextsPath(statePath)) : null;
  try {
    const stats = writeSearchIndex(task.dir, task.articles, {
      reuse: (folder, key) => task.previous[folder] === key && carryOver(task.live, task.dir, folder),
      previous: state ? { root: join(task.live, INDEX_DIR), state } : null,
      recordState: statePath !== null,
      ...(texts ? { previousText: (doc: StateDoc) => texts.text(doc) } : {}),
    });
    if (!stats.state || !statePath) return stats;
    const textsFile = stats.reused ? null : keepSearchTexts(stats.state, task.articles, state, texts, searchTextsPath(statePath), stats.patched !== null);
    // One name, overwritten by the next build: a build that dies here leaves no pile behind.
    const stateFile = `${statePath}.next`;
    writeFileSync(stateFile, JSON.stringify(stats.state));
    return { ...stats, state: null, stateFile, ...(textsFile ? { textsFile } : {}) };
  } catch (err) {
    if (err instanceof TextsNeeded) {
      rmSync(join(task.dir, INDEX_DIR), { recursive: true, force: true });
      return null;
    }
    throw err;
  } finally {
    texts?.close();
  }
}

/** Only a state that describes the live index: the manifest names the index it keys. */
export function describesLive(state: SearchState, previous: Record<string, string>): boolean {
  return previous[INDEX_DIR] === state.key;
}
