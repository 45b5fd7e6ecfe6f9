import { constants, copyFileSync, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hard links: instant, and safe because the old site is only ever renamed away and deleted,
 * never written in place, and nothing is linked over a file this build wrote itself.
 */
export function linkTree(from: string, to: string): void {
  if (statSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) linkTree(join(from, name), join(to, name));
    return;
  }
  try {
    linkSync(from, to);
  } catch (err) {
    // Never over a file this build wrote; across file systems, a copy.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    try {
      copyFileSync(from, to, constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
