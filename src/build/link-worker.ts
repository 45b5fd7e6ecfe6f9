import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { carryOver } from './reuse.ts';

/** Files to carry over from the live site into the new one (plain data: it is structured-cloned). */
export interface LinkTask {
  /** `folders`: make the folders the files go in; `files`: link the files. */
  step: 'folders' | 'files';
  live: string;
  into: string;
  /** Output-relative paths of the files. */
  rels: string[];
}

/** Folders made in each new site (`into`), so that linking does not make them again. */
const made = new Map<string, Set<string>>();

/**
 * Tinypool worker: carries a rebuild's unchanged files over (tens of thousands of `mkdir` and
 * `link` calls, one to two seconds at 4,000 articles) off the main thread. Folders can be made
 * early, while the main thread still prepares the pages; files are linked once Eleventy has
 * written its own, so that no file Eleventy writes can be a link into the live site. `files`
 * returns the paths the live site no longer has.
 */
export default function run(task: LinkTask): string[] {
  let dirs = made.get(task.into);
  if (!dirs) made.set(task.into, (dirs = new Set()));
  if (task.step === 'folders') {
    for (const rel of task.rels) {
      const parent = dirname(join(task.into, rel));
      if (!dirs.has(parent)) {
        mkdirSync(parent, { recursive: true });
        dirs.add(parent);
      }
    }
    return [];
  }
  const missing = task.rels.filter((rel) => !carryOver(task.live, task.into, rel, dirs));
  made.delete(task.into);
  return missing;
}
