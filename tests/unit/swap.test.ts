import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oldFolders, swapInto } from '../../src/site/swap.ts';

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
