import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyInto, oldFolders, recoverInterruptedBuilds, swapInto } from '../../src/build/swap.ts';

const root = mkdtempSync(join(tmpdir(), 'swap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder with one page per name, each page holding `text`. */
function tree(dir: string, names: string[], text: string): void {
  for (const n of names) {
    mkdirSync(join(dir, n), { recursive: true });
    writeFileSync(join(dir, n, 'index.html'), text);
  }
}

async function until(f: () => boolean, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (f()) return true;
  return f();
}

describe("applyInto: a rebuild's files put into the live site in place", () => {
  /** Site-relative path → its text, every file below `dir`. */
  const files = (dir: string): Record<string, string> =>
    Object.fromEntries(
      (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
        .filter((e) => e.isFile())
        .map((e) => {
          const path = join(e.parentPath, e.name);
          return [path.slice(dir.length + 1), readFileSync(path, 'utf8')];
        }),
    );

  it('replaces the new pages, keeps the others where they are, replaces other folders whole and deletes removed pages', async () => {
    const parent = mkdtempSync(join(root, 'apply-'));
    const target = join(parent, 'site');
    const built = join(parent, '.site.building');
    tree(join(target, 'articles'), ['kept', 'changed', 'removed'], 'old');
    writeFileSync(join(target, 'articles', 'kept', 'article.json'), 'old record');
    tree(join(target, 'data'), ['x'], 'old data');
    writeFileSync(join(target, 'index.html'), 'old home');
    // Another site holding the same file (as a hard link would): a rename leaves it untouched.
    const elsewhere = join(parent, 'elsewhere.html');
    linkSync(join(target, 'articles', 'changed', 'index.html'), elsewhere);
    const keptInode = statSync(join(target, 'articles', 'kept', 'index.html')).ino;

    tree(join(built, 'articles'), ['changed', 'added'], 'new');
    writeFileSync(join(built, 'articles', 'index.html'), 'new list');
    tree(join(built, 'data'), ['y'], 'new data');
    writeFileSync(join(built, 'index.html'), 'new home');

    applyInto(built, target, { pageFolders: new Set(['articles']), removed: ['articles/removed/index.html'] });

    expect(files(target)).toEqual({
      'articles/index.html': 'new list',
      'articles/kept/index.html': 'old',
      'articles/kept/article.json': 'old record',
      'articles/changed/index.html': 'new',
      'articles/added/index.html': 'new',
      'data/y/index.html': 'new data',
      'index.html': 'new home',
    });
    expect(existsSync(join(target, 'articles', 'removed'))).toBe(false); // its folder too
    expect(statSync(join(target, 'articles', 'kept', 'index.html')).ino).toBe(keptInode);
    expect(readFileSync(elsewhere, 'utf8')).toBe('old');
    // The folder replaced goes with the staging folder, in the background.
    expect(existsSync(built)).toBe(false);
    expect(await until(() => readdirSync(parent).length === 2)).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(['elsewhere.html', 'site']);
  });
});

describe('swapInto', () => {
  it.each([
    // [rule, a live site before, old folder removed in the background, a leftover of a killed build]
    ['first build: nothing to replace', false, false, false],
    ['rebuild: the old site is removed at once', true, false, false],
    ['large rebuild: the old site is removed in the background', true, true, false],
    ['a killed build left an old folder: the next build removes it', true, false, true],
  ])('%s', async (rule, hadLive, background, leftover) => {
    const parent = mkdtempSync(join(root, 'case-'));
    const target = join(parent, 'site');
    const built = join(parent, '.site.building');
    if (hadLive) tree(target, ['a', 'stale'], 'old');
    if (leftover) tree(`${target}.old-1-1`, ['x'], 'older');
    tree(built, ['a', 'b'], 'new');

    swapInto(built, target, { removeOldInBackground: background });

    // The new site is in place at once, whole, without the stale page; nothing else is named `site`.
    expect(readdirSync(target).sort(), rule).toEqual(['a', 'b']);
    expect(readFileSync(join(target, 'a', 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(built)).toBe(false);
    if (hadLive && !background && !leftover) expect(oldFolders(target)).toEqual([]);
    // Whatever is removed in the background is gone soon after.
    expect(await until(() => oldFolders(target).length === 0)).toBe(true);
    expect(readdirSync(parent)).toEqual(['site']);
  });

  it('a failed swap puts the live site back', () => {
    const parent = mkdtempSync(join(root, 'fail-'));
    const target = join(parent, 'site');
    tree(target, ['a'], 'old');
    expect(() => swapInto(join(parent, 'missing'), target)).toThrow();
    expect(readFileSync(join(target, 'a', 'index.html'), 'utf8')).toBe('old');
    expect(oldFolders(target)).toEqual([]);
  });
});

describe('recoverInterruptedBuilds', () => {
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

  it('a kill between the two renames: the old site is put back', () => {
    const dir = mkdtempSync(join(root, 'kill-'));
    const target = join(dir, 'site');
    tree(`${target}.old-123-1`, ['a'], 'older');
    tree(`${target}.old-123-2`, ['a'], 'old');
    const notes = recoverInterruptedBuilds(target, dir, []);
    expect(readFileSync(join(target, 'a', 'index.html'), 'utf8')).toBe('old');
    expect(notes[0]).toMatch(/^restored .*site from site\.old-123-2/);
  });

  it('staging folders of dead builds are removed, those of running ones kept', () => {
    const dir = mkdtempSync(join(root, 'stage-'));
    const target = join(dir, 'site');
    tree(target, ['a'], 'live');
    const dead = deadPid();
    tree(join(dir, `.site.building-${dead}`), ['a'], 'half');
    tree(join(dir, `.site.building-${process.pid}`), ['a'], 'mine');
    writeFileSync(join(dir, `.site.bodies-${dead}`), 'spooled bodies');
    // What a finished rebuild replaced, left to a remover that did not finish: removed, unreported.
    tree(join(dir, `.site.replaced-${dead}`), ['search-index'], 'replaced');
    tree(join(dir, `newsarchive-src-${dead}-abc`), ['x'], 'tmp');
    tree(join(dir, `newsarchive-src-${process.pid}-def`), ['x'], 'tmp');
    const notes = recoverInterruptedBuilds(target, dir, ['newsarchive-src-']);
    expect(readdirSync(dir).sort()).toEqual([`.site.building-${process.pid}`, `newsarchive-src-${process.pid}-def`, 'site']);
    expect(notes.sort()).toEqual([`removed .site.bodies-${dead}, left by an interrupted build`, `removed .site.building-${dead}, left by an interrupted build`]);
    expect(readFileSync(join(target, 'a', 'index.html'), 'utf8')).toBe('live');
  });

  it('nothing to do on a clean folder', () => {
    const dir = mkdtempSync(join(root, 'clean-'));
    tree(join(dir, 'site'), ['a'], 'live');
    expect(recoverInterruptedBuilds(join(dir, 'site'), dir, ['newsarchive-src-'])).toEqual([]);
  });
});

describe('recoverInterruptedBuilds on a first build', () => {
  it('an output whose parent folder does not exist yet: nothing to do, no error', () => {
    const dir = mkdtempSync(join(root, 'fresh-'));
    expect(recoverInterruptedBuilds(join(dir, 'not-yet', 'site'), dir, ['newsarchive-src-'])).toEqual([]);
  });
});
