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
  if (!linkFile(from, to)) throw Object.assign(new Error(`ENOENT: no such file, link '${from}'`), { code: 'ENOENT' });
}

/**
 * Links the file `from` as `to` (in an existing folder) in one system call, which is what tens of
 * thousands of kept files cost: false when `from` is not there. Never over a file this build
 * wrote; across file systems, a copy.
 */
export function linkFile(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'EEXIST') return true;
    try {
      copyFileSync(from, to, constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    return true;
  }
}
