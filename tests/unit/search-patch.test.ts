import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TextsNeeded, writeSearchIndex, type IndexSource, type SearchSource } from '../../src/site/search-index.ts';
import fc from 'fast-check';
import { encodePosting } from '../../src/browser/search-engine.ts';
import { BucketSet, listsAny } from '../../src/site/search-patch.ts';
import { listFiles } from '../site/support/link-check.ts';

/**
 * A rebuild patches the live search index (src/site/search-patch.ts). Every case checks the
 * patched index against one made whole from the same records, file for file.
 */
const work = mkdtempSync(join(tmpdir(), 'na-search-patch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CHARS = '萍乡经开区召开项目推进会研究部署工业发展座谈会指出要发挥放合作的带动作用新位优势明显刘烁黄强安源湘东芦溪上栗莲花';
/** A document of `n` characters picked by a small deterministic generator. */
function doc(i: number, n = 400, salt = 0): SearchSource {
  let x = (i + 1) * 7919 + salt * 104729;
  let text = '';
  for (let k = 0; k < n; k++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    text += CHARS[x % CHARS.length];
  }
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    url: `/articles/${i}/`,
    title: `第${i}篇`,
    original: 'hans',
    searchText: text,
    date: { zh: day, sortKey: `2023-05-${day}`, iso: `2023-05-${day}` },
    outlet: null,
    body: text,
    bodyHans: null,
    filters: { region: [], outlet: [], year: ['2023'], person: i % 3 ? [] : ['刘烁'] },
  };
}
// 120,000 characters (30 buckets); article 30 is short, so its tokens fall in a few buckets only.
const DOCS = Array.from({ length: 60 }, (_, i) => doc(i, i === 30 ? 5 : 2000));

const files = (dir: string) =>
  new Map(
    listFiles(join(dir, 'search-index')).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, 'search-index', f)))
        .digest('hex'),
    ]),
  );

function whole(docs: readonly SearchSource[]) {
  const dir = mkdtempSync(join(work, 'whole-'));
  return { dir, stats: writeSearchIndex(dir, docs) };
}

describe('patching the search index', () => {
  const live = whole(DOCS);
  const cases: Array<[string, SearchSource[], number]> = [
    // [what changed, the new records, records indexed again]
    ['nothing', DOCS, 0],
    ['one article edited', DOCS.map((d, i) => (i === 30 ? { ...d, searchText: `${d.searchText}新增`, body: `${d.body}新增` } : d)), 1],
    ['one article added, newest of all (every number moves)', [...DOCS, { ...doc(99), date: { zh: '', sortKey: '2024-01-01', iso: '2024-01-01' } }], 1],
    ['one article removed', DOCS.filter((_, i) => i !== 12), 0],
    ['a filter changed, not the text', DOCS.map((d, i) => (i === 5 ? { ...d, filters: { ...d.filters, person: ['黄强'] } } : d)), 1],
  ];
  it.each(cases)('%s: the same files as a whole index', (_what, docs, again) => {
    const expected = whole(docs);
    const dir = mkdtempSync(join(work, 'patched-'));
    const got = writeSearchIndex(dir, docs, { previous: { root: join(live.dir, 'search-index'), state: live.stats.state! } });
    // The bucket count is the same in these cases (within one 4,096-character step).
    expect(expected.stats.buckets).toBe(live.stats.state!.buckets);
    expect(got).toMatchObject({ patched: again, key: expected.stats.key });
    expect(files(dir)).toEqual(files(expected.dir));
    expect(got.state).toEqual(expected.stats.state);
  });

  // The old texts at hand (as a build keeps them: src/site/search-texts.ts): the same files.
  const oldText = (d: { url: string }) => DOCS.find((x) => x.url === d.url)!.searchText;
  it.each(cases)('%s, with the old texts at hand: the same files as a whole index', (_what, docs, again) => {
    const expected = whole(docs);
    const dir = mkdtempSync(join(work, 'patched-texts-'));
    const got = writeSearchIndex(dir, docs, { previous: { root: join(live.dir, 'search-index'), state: live.stats.state! }, previousText: oldText });
    expect(got).toMatchObject({ patched: again, key: expected.stats.key });
    expect(files(dir)).toEqual(files(expected.dir));
    expect(got.state).toEqual(expected.stats.state);
  });

  it.each([
    ['a word added to a long article', (t: string) => `${t.slice(0, 900)}鑫${t.slice(900)}`],
    ['a word taken out of a long article', (t: string) => t.slice(0, 900) + t.slice(902)],
  ])('%s, with its old text at hand, rewrites only the buckets of the words whose counts changed', (_what, edit) => {
    const docs = DOCS.map((d, i) => (i === 7 ? { ...d, searchText: edit(d.searchText), body: edit(d.body) } : d));
    const previous = { root: join(live.dir, 'search-index'), state: live.stats.state! };
    const withText = writeSearchIndex(mkdtempSync(join(work, 'few-')), docs, { previous, previousText: oldText });
    const without = writeSearchIndex(mkdtempSync(join(work, 'many-')), docs, { previous });
    // One character in or out changes the counts of at most 9 words (one of one character,
    // three of two, five of three): at most 9 of the 30 buckets, where every bucket that holds a
    // word of the article is rewritten without the old text.
    expect(withText.buckets).toBeGreaterThan(0);
    expect(withText.buckets).toBeLessThanOrEqual(9);
    expect(without.buckets).toBe(live.stats.state!.buckets);
  });

  it('links the buckets and documents it does not change from the live index', () => {
    const docs = DOCS.map((d, i) => (i === 30 ? { ...d, searchText: `${d.searchText}鑫`, body: `${d.body}鑫` } : d));
    const dir = mkdtempSync(join(work, 'linked-'));
    const got = writeSearchIndex(dir, docs, { previous: { root: join(live.dir, 'search-index'), state: live.stats.state! } });
    const inode = (root: string, f: string) => statSync(join(root, 'search-index', f)).ino;
    const buckets = listFiles(join(dir, 'search-index', 'b'));
    const linked = buckets.filter((f) => inode(dir, `b/${f}`) === inode(live.dir, `b/${f}`));
    expect(got.buckets).toBe(buckets.length - linked.length);
    expect(linked.length).toBeGreaterThan(0);
    const docsLinked = listFiles(join(dir, 'search-index', 'd')).filter((f) => inode(dir, `d/${f}`) === inode(live.dir, `d/${f}`));
    expect(docsLinked.length).toBe(DOCS.length - 1);
  });

  it('makes the index whole when the live one lost a file', () => {
    const damaged = whole(DOCS);
    const state = damaged.stats.state!;
    rmSync(join(damaged.dir, 'search-index', 'b', '0.json'));
    const docs = DOCS.map((d, i) => (i === 1 ? { ...d, searchText: `${d.searchText}甲`, body: `${d.body}甲` } : d));
    const dir = mkdtempSync(join(work, 'fallback-'));
    const got = writeSearchIndex(dir, docs, { previous: { root: join(damaged.dir, 'search-index'), state } });
    expect(got.patched).toBeNull();
    expect(files(dir)).toEqual(files(whole(docs).dir));
  });

  it('keeps a record named by its URL and key alone, without its text', () => {
    const state = live.stats.state!;
    const docs = DOCS.map((d, i) => (i === 30 ? { ...d, searchText: `${d.searchText}新增`, body: `${d.body}新增` } : d));
    const named: IndexSource[] = docs.map((d, i) => (i === 30 ? d : { url: d.url, key: state.docs.find((s) => s.url === d.url)!.key }));
    const dir = mkdtempSync(join(work, 'named-'));
    const got = writeSearchIndex(dir, named, { previous: { root: join(live.dir, 'search-index'), state } });
    expect(got.patched).toBe(1);
    expect(files(dir)).toEqual(files(whole(docs).dir));
  });

  it('asks for the texts when records came without them and the index must be made whole', () => {
    const state = live.stats.state!;
    const named: IndexSource[] = [...DOCS.map((d) => ({ url: d.url, key: state.docs.find((s) => s.url === d.url)!.key })), ...Array.from({ length: 30 }, (_, i) => doc(100 + i))];
    expect(() => writeSearchIndex(mkdtempSync(join(work, 'asks-')), named, { previous: { root: join(live.dir, 'search-index'), state } })).toThrow(TextsNeeded);
    expect(() => writeSearchIndex(mkdtempSync(join(work, 'asks-')), [{ url: '/nowhere/', key: 'k' }], { previous: { root: join(live.dir, 'search-index'), state } })).toThrow(TextsNeeded);
  });

  it('makes the index whole when the bucket count changed', () => {
    const docs = [...DOCS, ...Array.from({ length: 30 }, (_, i) => doc(100 + i))];
    const dir = mkdtempSync(join(work, 'grown-'));
    const got = writeSearchIndex(dir, docs, { previous: { root: join(live.dir, 'search-index'), state: live.stats.state! } });
    expect(got.patched).toBeNull();
    expect(got.state!.buckets).toBeGreaterThan(live.stats.state!.buckets);
  });
});

describe('listsAny', () => {
  const cases: Array<[string, number[], number[], number[], boolean]> = [
    // [rule, posting's documents, their counts, documents asked, listed]
    ['the first document', [0, 5, 40], [1, 1, 1], [0], true],
    ['one in the middle, with a count', [3, 36, 1300], [2, 7, 1], [36], true],
    ['the last one', [3, 36, 1300], [1, 1, 9], [1300], true],
    ['a count is not a document', [3, 36], [36, 1], [7, 39], false],
    ['none of several', [3, 36, 1300], [1, 1, 1], [4, 35, 37, 2000], false],
    ['an empty posting', [], [], [1], false],
  ];
  it.each(cases)('%s', (_rule, docs, counts, asked, listed) => {
    expect(listsAny(encodePosting(docs, counts), asked)).toBe(listed);
  });
  it('says what decoding the posting says', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(5000), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 40, maxLength: 40 }),
        fc.uniqueArray(fc.nat(5000), { maxLength: 5 }),
        (docs, counts, asked) => {
          const sorted = [...docs].sort((a, b) => a - b);
          const ask = [...asked].sort((a, b) => a - b);
          expect(listsAny(encodePosting(sorted, counts.slice(0, sorted.length)), ask)).toBe(ask.some((d) => sorted.includes(d)));
        },
      ),
    );
  });
});

describe('BucketSet', () => {
  const cases: Array<[string, number, number[]]> = [
    ['none', 10, []],
    ['the first and the last', 17, [0, 16]],
    ['several in one byte', 8, [1, 2, 3, 7]],
  ];
  it.each(cases)('%s survives being stored', (_rule, buckets, members) => {
    const set = new BucketSet(buckets);
    for (const b of members) set.add(b);
    const flags = new Uint8Array(buckets);
    BucketSet.mark(set.toString(), flags);
    expect([...flags.keys()].filter((b) => flags[b])).toEqual(members);
  });
});
