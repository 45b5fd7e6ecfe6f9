import { carryOver } from './reuse.ts';

/** Files to carry over from the live site into the new one (plain data: it is structured-cloned). */
export interface LinkTask {
  live: string;
  into: string;
  /** Output-relative paths. */
  rels: string[];
}

/**
 * Tinypool worker: links a rebuild's unchanged files (tens of thousands of `mkdir` and `link`
 * calls, about a second at 4,000 articles) while the main thread writes the data exports.
 * Returns the paths the live site no longer has.
 */
export default function run(task: LinkTask): string[] {
  const madeDirs = new Set<string>();
  return task.rels.filter((rel) => !carryOver(task.live, task.into, rel, madeDirs));
}
