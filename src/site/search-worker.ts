import { carryOver } from './reuse.ts';
import { writeSearchIndex, type SearchIndexStats, type SearchSource } from './search-index.ts';

/** One search-index build, as sent to the worker thread (plain data: it is structured-cloned). */
export interface SearchTask {
  /** The new site folder, where the bundles go. */
  dir: string;
  /** The live site, where unchanged bundles are taken from. */
  live: string;
  articles: SearchSource[];
  /** Bundle folder → key of the last build (see src/site/reuse.ts). */
  previous: Record<string, string>;
}

/**
 * Tinypool worker: builds the Pagefind index off the main thread. Pagefind's service is its own
 * process, but it is fed one record per round trip, and on the main thread those round trips
 * would wait behind Eleventy's rendering: here they run beside it, on the other core.
 */
export default function run(task: SearchTask): Promise<SearchIndexStats> {
  return writeSearchIndex(task.dir, task.articles, {
    reuse: (folder, key) => task.previous[folder] === key && carryOver(task.live, task.dir, folder),
  });
}
