import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Files the build keeps from the live site (plain data: it is structured-cloned). */
export interface PresenceTask {
  live: string;
  /** Site-relative paths. */
  rels: string[];
}

/**
 * Tinypool worker: which of the files a rebuild keeps the live site no longer has (a hand
 * deleted them), so that they are made again. A question per file, tens of thousands of them:
 * asked off the main thread while it renders.
 */
export default function run(task: PresenceTask): string[] {
  return task.rels.filter((rel) => !existsSync(join(task.live, rel)));
}
