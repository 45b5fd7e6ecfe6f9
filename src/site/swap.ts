import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const OLD = '.old-';

/**
 * Replaces `target` with the finished `built` folder by two renames (same parent folder, so
 * the same file system): a reader never sees a half-written site, stale pages of removed
 * articles disappear with the old folder, and a build that failed before this point leaves
 * the old site untouched.
 *
 * Deleting the old folder is what a small rebuild spends most on (removing 16,000 page folders
 * takes 7 s, longer than rendering the changed pages), and nothing waits for it: with
 * `removeOldInBackground` a detached process removes it while the build returns. Old folders
 * left by a build that was killed first are removed by the next one.
 */
export function swapInto(built: string, target: string, options: { removeOldInBackground?: boolean } = {}): void {
  const old = `${target}${OLD}${process.pid}-${Date.now()}`;
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, old);
  try {
    renameSync(built, target);
  } catch (err) {
    if (hadOld) renameSync(old, target);
    throw err;
  }
  if (hadOld) removeTree(old, options.removeOldInBackground ?? false);
  for (const leftover of oldFolders(target)) if (leftover !== old) removeTree(leftover, true);
}

/** Old folders of `target` (this build's and any left behind) that are still there. */
export function oldFolders(target: string): string[] {
  const prefix = basename(target) + OLD;
  return readdirSync(dirname(target))
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(dirname(target), name));
}

function removeTree(dir: string, background: boolean): void {
  if (!background) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  // Another remover may be at the same folder (a build right after one whose removal is still
  // running): `force` and retries make that harmless, and a failure only leaves it for the next.
  const script = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 5 })';
  spawn(process.execPath, ['-e', script, dir], { detached: true, stdio: 'ignore' }).unref();
}
