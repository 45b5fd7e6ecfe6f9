import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
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
 * Puts a rebuild's new files into the live site `target` in place, for a rebuild that made only
 * what changed (`built` holds those files and every folder that is made whole each time): the
 * unchanged pages stay where they are, so nothing is copied, linked or deleted for them (at
 * 4,000 articles, making 11,600 page folders and linking their files again took seconds).
 *
 * - In a folder of pages (`pageFolders`: articles, people…), each new file replaces the live one
 *   by a rename, and a folder the live site lacks is moved whole.
 * - Any other folder (the data downloads, the search index, assets) replaces the live one
 *   whole, by two renames, as `swapInto` does for the site.
 * - `removed` (site-relative paths of the pages the last build made and this one does not) are
 *   deleted, with their folders when these are left empty.
 *
 * A rename is atomic, and a reader of the live site sees each page old or new, never half
 * written. The caller makes sure a kill halfway is noticed (the next build then makes the whole
 * site). The folders replaced are removed by a detached process, as the old site is by `swapInto`.
 * Nothing removed here is a file the new site uses: only the pages of `removed`, and the
 * folders replaced.
 */
export function applyInto(built: string, target: string, plan: { pageFolders: ReadonlySet<string>; removed: readonly string[] }): void {
  let replaced = false;
  for (const entry of readdirSync(built, { withFileTypes: true })) {
    const from = join(built, entry.name);
    const to = join(target, entry.name);
    if (!entry.isDirectory()) renameSync(from, to);
    else if (plan.pageFolders.has(entry.name) && existsSync(to)) mergeInto(from, to);
    else {
      // The folder replaced goes where the new one was: removed with `built` (and by the next
      // build, as a staging folder, if this one is killed first).
      if (existsSync(to)) {
        renameSync(to, join(built, `.replaced-${entry.name}`));
        replaced = true;
      }
      renameSync(from, to);
    }
  }
  if (!replaced) rmdirSync(built);
  else {
    // Named for what it is now, so that the next build removes it without calling it interrupted.
    const leftover = join(dirname(target), `.${basename(target)}.replaced-${process.pid}`);
    renameSync(built, leftover);
    removeTree(leftover, true);
  }
  for (const rel of plan.removed) {
    rmSync(join(target, rel), { force: true });
    // Its folder too, once empty (the folder of a removed article); a folder still in use stays.
    for (let dir = dirname(rel); dir !== '.' && dir !== ''; dir = dirname(dir)) {
      try {
        rmdirSync(join(target, dir));
      } catch {
        break;
      }
    }
  }
}

/**
 * Moves every file below `from` to the same place below `to`, replacing what is there, and
 * removes `from`. A folder `to` lacks is moved whole (one rename); only folders both have are
 * walked. A rename never writes into a file: the file it replaces is untouched, wherever else
 * it is linked.
 */
function mergeInto(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory() && existsSync(target)) mergeInto(source, target);
    else renameSync(source, target);
  }
  rmdirSync(from);
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
  const building = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(building|bodies|replaced)-(\\d+)$`);
  for (const name of safeList(dirname(target))) {
    const [, kind, pid] = building.exec(name) ?? [];
    if (pid && !alive(+pid)) {
      // What a finished rebuild replaced is its detached remover's (see `applyInto`), which may
      // still be going: two removers at once are harmless, and a failure leaves it for later.
      try {
        rmSync(join(dirname(target), name), { recursive: true, force: true, maxRetries: 5 });
        if (kind !== 'replaced') done.push(`removed ${name}, left by an interrupted build`);
      } catch {
        // left for the next build
      }
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
