import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carryOver, hashTree, packageVersion, readManifest, sha256, writeManifest } from '../../src/build/reuse.ts';

const root = mkdtempSync(join(tmpdir(), 'na-reuse-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

describe('readManifest', () => {
  const cases: Array<[string, string | null, boolean]> = [
    ['no path', null, false],
    ['missing file', join(root, 'none.json'), false],
    ['not JSON', 'x{', false],
    ['another version', JSON.stringify({ version: 2, output: '/site', pages: { 'a/index.html': 'k' }, shards: {} }), false],
    ['no pages', JSON.stringify({ version: 1, output: '/site', shards: {} }), false],
    // Two sites next to each other share one cache folder: keys of the other one do not count.
    ['another site folder', JSON.stringify({ version: 1, output: '/other', pages: { 'a/index.html': 'k' }, shards: {} }), false],
    ['a manifest', JSON.stringify({ version: 1, output: '/site', pages: { 'a/index.html': 'k' }, shards: {} }), true],
  ];
  it.each(cases)('%s → %s', (_label, content, usable) => {
    let path = content;
    if (content !== null && !content.startsWith(root)) {
      path = join(root, `${sha256(content).slice(0, 8)}.json`);
      writeFileSync(path, content);
    }
    const m = readManifest(path, '/site');
    // An unusable manifest means "render everything", never an error.
    expect(Object.keys(m.pages).length > 0).toBe(usable);
  });

  it('round-trips what writeManifest wrote', () => {
    const path = join(root, 'deep', 'm.json');
    const m = { version: 1 as const, output: '/site', pages: { 'x/index.html': 'a' }, shards: { 'search-index': 'b' } };
    writeManifest(path, m);
    expect(readManifest(path, '/site')).toEqual(m);
  });
});

describe('hashTree', () => {
  it('changes with any byte or name, and not otherwise', () => {
    const dir = join(root, 'tree');
    file(join(dir, 'a.njk'), 'A');
    file(join(dir, 'sub', 'b.njk'), 'B');
    const h = hashTree(dir);
    expect(hashTree(dir)).toBe(h);
    writeFileSync(join(dir, 'sub', 'b.njk'), 'B!');
    expect(hashTree(dir)).not.toBe(h);
    writeFileSync(join(dir, 'sub', 'b.njk'), 'B');
    expect(hashTree(dir)).toBe(h);
    file(join(dir, 'c.njk'), '');
    expect(hashTree(dir)).not.toBe(h);
  });
});

describe('carryOver', () => {
  const live = join(root, 'live');
  const next = join(root, 'next');
  file(join(live, 'articles', 'x', 'index.html'), 'page');
  file(join(live, 'search-index', 'b', '0.json'), 'chunk');

  it('links a page into the new site (same bytes, no copy)', () => {
    expect(carryOver(live, next, 'articles/x/index.html')).toBe(true);
    expect(readFileSync(join(next, 'articles', 'x', 'index.html'), 'utf8')).toBe('page');
    expect(statSync(join(next, 'articles', 'x', 'index.html')).ino).toBe(statSync(join(live, 'articles', 'x', 'index.html')).ino);
  });
  it('carries a whole folder (a search bundle)', () => {
    expect(carryOver(live, next, 'search-index')).toBe(true);
    expect(readFileSync(join(next, 'search-index', 'b', '0.json'), 'utf8')).toBe('chunk');
  });
  it('says false for a file the live site no longer has, so the caller renders it', () => {
    expect(carryOver(live, next, 'articles/gone/index.html')).toBe(false);
    expect(existsSync(join(next, 'articles', 'gone'))).toBe(false);
  });
  it('says false for a folder the live site no longer has, and leaves the new site as it was', () => {
    file(join(next, 'index.html'), 'home');
    expect(carryOver(live, next, 'gone-folder')).toBe(false);
    expect(readFileSync(join(next, 'index.html'), 'utf8')).toBe('home');
  });
  it('never overwrites a file the new build wrote itself', () => {
    file(join(next, 'articles', 'y', 'index.html'), 'new');
    file(join(live, 'articles', 'y', 'index.html'), 'old');
    carryOver(live, next, 'articles/y/index.html');
    expect(readFileSync(join(next, 'articles', 'y', 'index.html'), 'utf8')).toBe('new');
  });
});

describe('packageVersion', () => {
  it.each(['opencc-js', '@11ty/eleventy'])('reads the installed version of %s', (name) => {
    expect(packageVersion(name)).toMatch(/^\d+\.\d+\.\d+/);
  });
});
