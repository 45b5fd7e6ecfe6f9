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
    if (hadOld) {
      try {
        renameSync(old, target);
      } catch {
        throw new Error(`the new site could not be put in place (${(err as Error).message}) nor the old one back: the old site is at ${old}`, { cause: err });
      }
    }
    throw err;
  }
  // The new site is live from here on: a failure to remove the old one (a read-only folder) must
  // not be reported as a failed build; the next build removes what is left.
  try {
    if (hadOld) removeTree(old, options.removeOldInBackground ?? false);
    for (const leftover of oldFolders(target)) if (leftover !== old) removeTree(leftover, true);
  } catch {
    // left for the next build
  }
}

/**
 * Before a build: undo what a killed build left. A kill between the two renames of `swapInto`
 * leaves no `target` but its old folder: the old site is put back. Staging folders of builds
 * whose process is gone (`.site.building-<pid>`, a body spool `.site.bodies-<pid>` that the
 * system did not let it remove at once, and `<prefix><pid>-*` in the temporary folder)
 * are removed. Returns what it did, for the build's log.
 */
export function recoverInterruptedBuilds(target: string, tempDir: string, tempPrefixes: string[]): string[] {
  const done: string[] = [];
  const olds = oldFolders(target);
  if (!existsSync(target) && olds.length) {
    const newest = olds.sort()[olds.length - 1]!;
    renameSync(newest, target);
    done.push(`restored ${target} from ${basename(newest)}, left by an interrupted build`);
  }
  const building = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(?:building|bodies)-(\\d+)$`);
  for (const name of safeList(dirname(target))) {
    const pid = building.exec(name)?.[1];
    if (pid && !alive(+pid)) {
      rmSync(join(dirname(target), name), { recursive: true, force: true });
      done.push(`removed ${name}, left by an interrupted build`);
    }
  }
  for (const name of safeList(tempDir)) {
    for (const prefix of tempPrefixes) {
      const pid = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length))?.[1] : undefined;
      if (pid && !alive(+pid)) rmSync(join(tempDir, name), { recursive: true, force: true });
    }
  }
  return done;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whether a process of this id is running (another build, or this one). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Old folders of `target` (this build's and any left behind) that are still there. */
export function oldFolders(target: string): string[] {
  const prefix = basename(target) + OLD;
  return safeList(dirname(target))
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(dirname(target), name));
}

/** Removes `dir`, or has a detached process remove it while this one goes on. */
export function removeTree(dir: string, background: boolean): void {
  if (!background) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  // Another remover may be at the same folder (a build right after one whose removal is still
  // running): `force` and retries make that harmless, and a failure only leaves it for the next.
  const script = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 5 })';
  spawn(process.execPath, ['-e', script, dir], { detached: true, stdio: 'ignore' }).unref();
}
