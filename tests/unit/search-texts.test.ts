import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSearchIndex, type IndexSource, type SearchSource } from '../../src/site/search-index.ts';
import type { SearchState } from '../../src/site/search-patch.ts';
import { keepSearchTexts, SearchTexts } from '../../src/site/search-texts.ts';

/** The search texts kept beside the index's state (src/site/search-texts.ts), as a build's worker keeps them. */
const work = mkdtempSync(join(tmpdir(), 'na-search-texts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const source = (i: number, text: string): SearchSource & { key: string } => ({
  url: `/articles/${i}/`,
  key: `k${i}-${text.length}`,
  title: `第${i}篇`,
  original: 'hans',
  searchText: text,
  date: { zh: '', sortKey: `2023-05-${10 + i}`, iso: null },
  outlet: null,
  body: text,
  bodyHans: null,
  filters: { region: [], outlet: [], year: [], person: [] },
});

/** One build: the index, then its texts kept as the worker keeps them (the `.next` file moved into place). */
function build(sources: IndexSource[], previous: SearchState | null, path: string) {
  const dir = mkdtempSync(join(work, 'site-'));
  const live = previous ? SearchTexts.open(path) : null;
  const stats = writeSearchIndex(dir, sources, previous ? { previous: { root: join(previousDir!, 'search-index'), state: previous }, previousText: (d) => live?.text(d) ?? null } : {});
  const next = keepSearchTexts(stats.state!, sources, previous, live, path, stats.patched !== null);
  live?.close();
  if (next) renameSync(next, path);
  previousDir = dir;
  lastState = stats.state;
  return { stats, next };
}
let previousDir: string | null = null;

describe('the search texts kept beside the state', () => {
  const path = join(work, 'search-texts.bin');
  const texts = ['萍乡经开区召开项目推进会', '刘烁主持召开座谈会', '安源区湘东区芦溪县'];
  const first = build(
    texts.map((t, i) => source(i, t)),
    null,
    path,
  );

  it('are written whole by a build that makes the index whole, and read back by each record', () => {
    expect(first.next).toBe(`${path}.next`);
    const live = SearchTexts.open(path)!;
    const byUrl = new Map(first.stats.state!.docs.map((d) => [d.url, live.text(d)]));
    live.close();
    expect(texts.map((_, i) => byUrl.get(`/articles/${i}/`))).toEqual(texts);
  });

  it('are appended to by a patch, the unchanged records keeping their places', () => {
    const before = statSync(path).size;
    const edited = `${texts[1]}并讲话`;
    const state = first.stats.state!;
    const sources: IndexSource[] = texts.map((t, i) => (i === 1 ? source(1, edited) : { url: `/articles/${i}/`, key: source(i, t).key }));
    const again = build(sources, state, path);
    expect(again.stats.patched).toBe(1);
    expect(again.next).toBeNull();
    expect(statSync(path).size).toBeGreaterThan(before);
    const live = SearchTexts.open(path)!;
    const byUrl = new Map(again.stats.state!.docs.map((d) => [d.url, d]));
    expect(live.text(byUrl.get('/articles/1/')!)).toBe(edited);
    expect(byUrl.get('/articles/0/')!.text).toEqual(state.docs.find((d) => d.url === '/articles/0/')!.text);
    live.close();
  });

  it('are written afresh when the file is mostly texts no record names', () => {
    // Dead bytes at the end of the file, as many patches would leave.
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.alloc(3 << 20)]));
    const state = previousState();
    const sources: IndexSource[] = state.docs.map((d, i) => (i === 0 ? source(9, '莲花县上栗县') : { url: d.url, key: d.key }));
    const again = build(sources, state, path);
    expect(again.next).toBe(`${path}.next`);
    expect(statSync(path).size).toBeLessThan(1 << 20);
    const live = SearchTexts.open(path)!;
    const had = new Map([texts[0]!, `${texts[1]}并讲话`, texts[2]!].map((t, i) => [`/articles/${i}/`, t]));
    had.delete(state.docs[0]!.url);
    expect(again.stats.state!.docs.map((d) => live.text(d)).sort()).toEqual(['莲花县上栗县', ...had.values()].sort());
    live.close();
  });

  it('read as none when damaged, so the patch touches every bucket of the record instead', () => {
    const live = SearchTexts.open(path)!;
    const doc = previousState().docs[0]!;
    expect(live.text({ ...doc, text: [doc.text![0] + 1, doc.text![1]] })).toBeNull();
    expect(live.text({ ...doc, text: [statSync(path).size, 10] })).toBeNull();
    expect(live.text({ ...doc, text: undefined as never })).toBeNull();
    live.close();
    expect(SearchTexts.open(join(work, 'none.bin'))).toBeNull();
  });
});

let lastState: SearchState | null = null;
function previousState(): SearchState {
  return lastState!;
}
