import { existsSync, renameSync, rmSync } from 'node:fs';

/**
 * Replaces `target` with the finished `built` folder by two renames (same parent folder, so
 * the same file system): a reader never sees a half-written site, stale pages of removed
 * articles disappear with the old folder, and a build that failed before this point leaves
 * the old site untouched.
 */
export function swapInto(built: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, old);
  try {
    renameSync(built, target);
  } catch (err) {
    if (hadOld) renameSync(old, target);
    throw err;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
