import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSite } from '../../src/build/index.ts';
import { listFiles } from './support/link-check.ts';

/**
 * Rebuilds reuse unchanged article pages and the search index from the live site
 * (src/build/reuse.ts). Each case checks the rebuilt site against a full build of the same input
 * with `--no-cache`, byte for byte, every file.
 */
const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const ours = (dir: string) =>
  new Map(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

let work: string;
/** The article the removal case took out, put back by the next case. */
let removed: { file: string; bytes: Buffer } | null = null;
let input: string;
const site = () => join(work, 'site');
const rebuild = (extra: { base?: string } = {}) => buildSite({ input, output: site(), ...extra });
async function expectSameAsFullBuild(extra: { base?: string } = {}) {
  const full = join(work, `full-${Math.random().toString(36).slice(2)}`);
  // Made as a large archive is (its bodies wait in a file), while the rebuilds keep them in memory.
  await buildSite({ input, output: full, cache: false, spoolFromBytes: 0, ...extra });
  expect(ours(site())).toEqual(ours(full));
  expect(listFiles(join(site(), 'search-index')).length).toBeGreaterThan(5);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'na-incremental-'));
  input = join(work, 'seeds');
  cpSync(SEEDS, input, { recursive: true });
  await rebuild();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an incremental rebuild', () => {
  it('renders nothing again when nothing changed', async () => {
    const jsonl = () => statSync(join(site(), 'data', 'articles.jsonl')).ino;
    const before = jsonl();
    const { render } = await rebuild();
    expect(render).toMatchObject({ pagesRendered: 0, searchIndex: 'reused' });
    // Every record's line is where it was: the export's part is the live file, linked.
    expect(jsonl()).toBe(before);
    // 5 article pages (both scripts on each) and every person, outlet, region and date page.
    expect(render.pagesReused).toBeGreaterThan(35);
    await expectSameAsFullBuild();
  });

  it('re-renders only the page of a changed article, and the indexes', async () => {
    const file = readdirSync(input).sort()[2]!;
    const text = readFileSync(join(input, file), 'utf8');
    const at = text.indexOf('。', 500);
    writeFileSync(join(input, file), `${text.slice(0, at)}，并新增增量测试句${text.slice(at)}`);
    const records = () =>
      new Map(
        listFiles(join(site(), 'articles'))
          .filter((f) => f.endsWith('article.json'))
          .map((f) => [f, statSync(join(site(), 'articles', f)).ino]),
      );
    const before = records();
    const people = () => statSync(join(site(), 'data', 'people.json')).ino;
    const peopleBefore = people();
    const { render } = await rebuild();
    expect(render).toMatchObject({ pagesRendered: 1, searchIndex: 'patched' });
    // No person changed: the people download is the live file.
    expect(people()).toBe(peopleBefore);
    // The new index's state is in place for the next build, and nothing else is left beside it.
    const cacheDir = join(work, '.cache', 'newsarchive');
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('search-state'))).toEqual(['search-state.json']);
    const page = listFiles(join(site(), 'articles')).find((f) => readFileSync(join(site(), 'articles', f), 'utf8').includes('并新增增量测试句'));
    expect(page).toBeDefined();
    // The other articles' article.json files are the live site's, kept (hard links: same inode).
    const after = records();
    const kept = [...after].filter(([f, ino]) => before.get(f) === ino).map(([f]) => f);
    expect(kept.length).toBe(after.size - 1);
    expect(kept).not.toContain(page!.replace(/index\.html$/, 'article.json'));
    await expectSameAsFullBuild();
  });

  it('re-renders the person page when an article changes what it says of an official', async () => {
    const person = (name: string) =>
      readFileSync(join(site(), 'people', listFiles(join(site(), 'people')).find((f) => readFileSync(join(site(), 'people', f), 'utf8').includes(`<h1>${name}</h1>`))!), 'utf8');
    const file = readdirSync(input).sort()[2]!;
    const text = readFileSync(join(input, file), 'utf8');
    // An official named with a post in this article: the first "<post><name>" the person pages list.
    const { corpus } = await rebuild();
    const official = corpus.articles.find((a) => a.sourceFile.endsWith(file))!.officials.find((o) => o.posts.length && text.includes(o.posts[0]! + o.name))!;
    expect(official).toBeDefined();
    writeFileSync(join(input, file), text.replace(official.posts[0]! + official.name, `增量测试局局长${official.name}`));
    const peopleBefore = statSync(join(site(), 'data', 'people.json')).ino;
    const { render } = await rebuild();
    // A person changed: the people download is written again (and equals a full build's, below).
    expect(statSync(join(site(), 'data', 'people.json')).ino).not.toBe(peopleBefore);
    expect(readFileSync(join(site(), 'data', 'people.json'), 'utf8')).toContain('增量测试局局长');
    expect(render.pagesRendered).toBeGreaterThan(1);
    expect(person(official.name)).toContain('增量测试局局长');
    await expectSameAsFullBuild();
  });

  it('drops the pages of a removed article, and renders again only the pages that listed it', async () => {
    const file = readdirSync(input).sort()[1]!;
    removed = { file, bytes: readFileSync(join(input, file)) };
    rmSync(join(input, file));
    const before = listFiles(join(site(), 'articles')).length;
    const { render } = await rebuild();
    // No page prints the article count but the home page (an index, always made): the other
    // articles' pages are kept.
    expect(render.pagesReused).toBeGreaterThanOrEqual(3);
    expect(listFiles(join(site(), 'articles')).length).toBe(before - 2); // its page and its article.json
    await expectSameAsFullBuild();
  });

  it("renders an added article and the pages that list it, and keeps the other articles' pages", async () => {
    writeFileSync(join(input, removed!.file), removed!.bytes);
    const pages = () =>
      new Map(
        listFiles(join(site(), 'articles')).map((f) => {
          const path = join(site(), 'articles', f);
          return [f, { ino: statSync(path).ino, bytes: readFileSync(path, 'utf8') }];
        }),
      );
    const before = pages();
    const { render } = await rebuild();
    const after = pages();
    expect(after.size).toBe(before.size + 2);
    // The files of the articles already there are kept (the live file, same inode), but for those
    // whose content the new article changes (officials it shares with them: their person pages'
    // addresses): never made again to the same bytes.
    const made = [...before].filter(([f, { ino }]) => after.get(f)!.ino !== ino);
    for (const [f, { bytes }] of made) expect(after.get(f)!.bytes, f).not.toBe(bytes);
    expect(made.length).toBeLessThan(before.size);
    expect(render.pagesReused).toBeGreaterThan(0);
    await expectSameAsFullBuild();
  });

  it('renders a page again when it was deleted from the live site by hand', async () => {
    const victim = listFiles(join(site(), 'articles')).find((f) => f.endsWith('index.html'))!;
    rmSync(join(site(), 'articles', victim));
    const { render } = await rebuild();
    expect(render.pagesRendered).toBe(1);
    await expectSameAsFullBuild();
  });

  it('renders pages of every kind again when they were deleted from the live site by hand', async () => {
    const person = listFiles(join(site(), 'people')).find((f) => f.endsWith('/index.html'))!;
    const region = listFiles(join(site(), 'regions')).find((f) => f.endsWith('/index.html'))!;
    rmSync(join(site(), 'people', person));
    rmSync(join(site(), 'regions', region));
    const { render } = await rebuild();
    expect(render.pagesRendered).toBe(2);
    await expectSameAsFullBuild();
  });

  it('makes the whole site again when the last build was killed while it put its files in place', async () => {
    // A rebuild deletes the manifest before it renames its files into the live site: a kill
    // halfway leaves some pages new and others old, and no manifest to trust them by.
    const page = join(site(), 'articles', listFiles(join(site(), 'articles')).find((f) => f.endsWith('/index.html'))!);
    writeFileSync(page, 'half put in place');
    rmSync(join(work, '.cache', 'newsarchive', 'render-manifest.json'));
    const { render } = await rebuild();
    expect(render.pagesReused).toBe(0);
    expect(readFileSync(page, 'utf8')).not.toBe('half put in place');
    await expectSameAsFullBuild();
  });

  it('writes an article.json again when it was deleted from the live site by hand', async () => {
    const victim = listFiles(join(site(), 'articles')).find((f) => f.endsWith('article.json'))!;
    rmSync(join(site(), 'articles', victim));
    const { render } = await rebuild();
    expect(render.pagesRendered).toBe(0);
    expect(statSync(join(site(), 'articles', victim)).size).toBeGreaterThan(100);
    await expectSameAsFullBuild();
  });

  it('makes the search index whole again when a file of the live one was deleted by hand', async () => {
    const file = readdirSync(input).sort()[0]!;
    writeFileSync(join(input, file), readFileSync(join(input, file), 'utf8').replace('。', '，索引修补测试。'));
    rmSync(join(site(), 'search-index', 'b', '0.json'));
    const { render } = await rebuild();
    expect(render).toMatchObject({ pagesRendered: 1, searchIndex: 'built' });
    await expectSameAsFullBuild();
  });

  it('makes everything again when the live site is gone but the cache is kept', async () => {
    const file = readdirSync(input).sort()[3]!;
    writeFileSync(join(input, file), readFileSync(join(input, file), 'utf8').replace('。', '，站点已删除。'));
    rmSync(site(), { recursive: true });
    const { render } = await rebuild();
    expect(render).toMatchObject({ pagesReused: 0, searchIndex: 'built' });
    await expectSameAsFullBuild();
  });

  it('does not take keys from a sibling site that shares the cache folder', async () => {
    // site/ and sibling/ share .cache/newsarchive/; sibling is built from other input.
    const other = join(work, 'other-input');
    cpSync(SEEDS, other, { recursive: true });
    const file = readdirSync(other).sort()[3]!;
    writeFileSync(join(other, file), readFileSync(join(other, file), 'utf8').replace('。', '，兄弟站点。'));
    await buildSite({ input: other, output: join(work, 'sibling') });
    // Now site/ itself is built from that input: the sibling's keys match the new pages, but the
    // files in site/ were rendered from the old input and must not be kept.
    const { render } = await buildSite({ input: other, output: site() });
    expect(render.pagesReused).toBe(0);
    const full = join(work, 'full-sibling');
    await buildSite({ input: other, output: full, cache: false });
    expect(ours(site())).toEqual(ours(full));
    await rebuild(); // back to the shared input for the next case
  });

  it('removes the cached records of pipelines no longer in use, but the latest of them', async () => {
    const cache = join(work, '.cache', 'newsarchive');
    const older = join(cache, 'articles', '1'.repeat(16));
    const newer = join(cache, 'articles', '2'.repeat(16));
    for (const [dir, t] of [
      [older, 1_000],
      [newer, 2_000],
    ] as const) {
      mkdirSync(join(dir, 'ab'), { recursive: true });
      utimesSync(dir, t, t);
    }
    mkdirSync(join(cache, '0f')); // entries as builds before 0.2 filed them
    const { render } = await rebuild();
    expect(render.pagesRendered).toBe(0); // this pipeline's records are used as they are
    // Removed by a detached process while the build returns.
    await vi.waitFor(() => expect([existsSync(older), existsSync(join(cache, '0f'))]).toEqual([false, false]), { timeout: 10_000, interval: 100 });
    expect(existsSync(newer)).toBe(true);
  });

  it('renders everything again for another base path', async () => {
    const { render } = await rebuild({ base: '/sub/' });
    expect(render.pagesReused).toBe(0);
    await expectSameAsFullBuild({ base: '/sub/' });
  });
});
