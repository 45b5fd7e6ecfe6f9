import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { alignedHans, HEAD_CHARS, packSearchSource, spoolSearchSource, splitBody, writeSearchIndex, type PackedSearchSource, type SearchSource } from '../../src/site/search-index.ts';
import { openIndex } from '../../src/browser/search-engine.ts';
import { buildSearchIndex } from '../../src/site/render.ts';
import { BodySpool } from '../../src/io/body-spool.ts';
import { listFiles } from '../site/support/link-check.ts';

const work = mkdtempSync(join(tmpdir(), 'na-search-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const doc = (url: string, sortKey: string, searchText: string, filters: Partial<SearchSource['filters']> = {}): SearchSource => ({
  url,
  title: url,
  original: 'hans',
  searchText,
  date: { zh: sortKey, sortKey, iso: sortKey || null },
  outlet: filters.outlet?.[0] ?? null,
  body: searchText,
  bodyHans: null,
  filters: { region: [], outlet: [], year: [], person: [], ...filters },
});

const DOCS = [
  doc('/a/', '2023-05-06', '萍乡经开区召开项目推进会，研究部署工业发展。', { region: ['萍乡市'], year: ['2023'], person: ['刘烁'] }),
  doc('/b/', '2023-05-07', '座谈会指出，要发挥经开放合作的带动作用。新开区位优势明显。', { region: ['萍乡市'], year: ['2023'] }),
  doc('/c/', '2022-01-01', '萍乡经开区经开区经开区 GDP增长 2022年', { region: ['安源区'], year: ['2022'], person: ['刘烁', '黄强'] }),
  doc('/d/', '', '没有日期的文章，提到刘烁。'),
];

/** Writes the index of `docs` into a fresh folder and opens it as the search page does. */
function built(docs: ReadonlyArray<SearchSource | PackedSearchSource>, charsPerPass?: number) {
  const dir = mkdtempSync(join(work, 'site-'));
  const stats = writeSearchIndex(dir, docs, charsPerPass ? { charsPerPass } : {});
  const root = join(dir, 'search-index');
  const index = openIndex((path) => JSON.parse(readFileSync(join(root, path), 'utf8')));
  return { dir, root, stats, index, urls: async (q: string) => (await index.docs((await index.search(q)).ids)).map((d) => d.url) };
}

const hashes = (dir: string) =>
  new Map(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

describe('writeSearchIndex + openIndex', () => {
  const { index, urls, root, stats } = built(DOCS);

  const cases: Array<[string, string, string[]]> = [
    // [rule, query, URLs found, best first]
    ['a 3-character word only where it is written', '经开区', ['/c/', '/a/']],
    ['a 2-character word wherever it occurs', '经开', ['/c/', '/b/', '/a/']],
    ['one character finds every page with it', '区', ['/c/', '/b/', '/a/']],
    ['a longer word needs all its 3-character pieces', '萍乡经开区', ['/c/', '/a/']],
    ['not across punctuation', '作用新', []],
    ['several words: pages with all', '萍乡 发展', ['/a/']],
    ['Latin words ignore case', 'gdp', ['/c/']],
    ['numbers are words', '2022', ['/c/']],
    ['an undated page is found (numbered last)', '刘烁', ['/d/']],
    ['a word nowhere', '北京', []],
    ['nothing to search', '，', []],
  ];
  it.each(cases)('%s: %s', async (_rule, query, expected) => {
    expect(await urls(query)).toEqual(expected);
  });

  it('ranks by how often the word occurs, then newest first', async () => {
    // /c/ has 经开区 three times; /a/ once. With equal scores the newer page comes first.
    expect(await urls('经开区')).toEqual(['/c/', '/a/']);
    expect(await urls('萍乡')).toEqual(['/a/', '/c/']);
  });

  it('numbers documents newest first and stores what a result shows', async () => {
    const meta = await index.meta();
    expect(meta).toMatchObject({ version: 2, docs: 4, filters: ['region', 'year', 'person'] });
    expect(await index.docs([0, 3])).toEqual([
      { url: '/b/', title: '/b/', lang: 'zh-Hans', date: '2023-05-07', outlet: '', text: '座谈会指出，要发挥经开放合作的带动作用。新开区位优势明显。' },
      { url: '/d/', title: '/d/', lang: 'zh-Hans', date: '', outlet: '', text: '没有日期的文章，提到刘烁。' },
    ]);
  });

  it("writes every document's date in document order, as runs, as precise as the article says", async () => {
    const docs = [
      doc('/day/', '2023-05-06', '甲'),
      doc('/time/', '2023-05-06T09:04', '乙'),
      { ...doc('/month/', '2023-05', '丙'), date: { zh: '2023年5月', sortKey: '2023-05', iso: '2023-05' } },
      { ...doc('/year/', '2023', '丁'), date: { zh: '2023年', sortKey: '2023', iso: '2023' } },
      { ...doc('/month-day/', '0000-04-21', '戊'), date: { zh: '4月21日（年份不详）', sortKey: '0000-04-21', iso: null } },
      doc('/undated/', '', '己'),
    ];
    const got = built(docs);
    expect(JSON.parse(readFileSync(join(got.root, 'dates.json'), 'utf8'))).toEqual([
      ['2023-05-06', 2],
      ['2023-05', 1],
      ['2023', 1],
      ['', 2],
    ]);
    expect(await got.index.dates()).toEqual(['2023-05-06', '2023-05-06', '2023-05', '2023', '', '']);
  });

  it('keeps the head of a long body in its record and the rest in r/<id>.json, the Simplified text beside a Traditional one', async () => {
    const hant = '劉爍在萍鄉經開區調研。'.repeat(150);
    const hans = '刘烁在萍乡经开区调研。'.repeat(150);
    const long: SearchSource = { ...doc('/long/', '2024-01-01', hans), original: 'hant', body: hant, bodyHans: hans };
    const got = built([long, doc('/short/', '2023-01-01', '短文')]);
    const [record, short] = await got.index.docs([0, 1]);
    expect(record).toMatchObject({ url: '/long/', lang: 'zh-Hant', rest: true, text: Array.from(hant).slice(0, HEAD_CHARS).join(''), hans: Array.from(hans).slice(0, HEAD_CHARS).join('') });
    expect(await got.index.rest(0)).toEqual({ text: Array.from(hant).slice(HEAD_CHARS).join(''), hans: Array.from(hans).slice(HEAD_CHARS).join('') });
    expect(short).toEqual({ url: '/short/', title: '/short/', lang: 'zh-Hans', date: '2023-01-01', outlet: '', text: '短文' });
    expect(existsSync(join(got.root, 'r', '1.json'))).toBe(false);
  });

  it('writes each filter group as values with their documents, most frequent first', async () => {
    expect((await index.filter('region')).map((f) => [f.value, [...f.ids]])).toEqual([
      ['萍乡市', [0, 1]],
      ['安源区', [2]],
    ]);
    expect(existsSync(join(root, 'f', 'outlet.json'))).toBe(false);
  });

  it('writes every bucket file, empty ones too (a missing file would be a failed request)', () => {
    for (let b = 0; b < stats.buckets; b++) expect(existsSync(join(root, 'b', `${b}.json`)), `b/${b}.json`).toBe(true);
  });

  it('writes the same files in one pass or in several', () => {
    // Enough text for several buckets: 12 pages of 1,000 characters from a range of ideographs.
    const text = (i: number) => Array.from({ length: 1000 }, (_, j) => String.fromCodePoint(0x4e00 + ((i * 7919 + j * j) % 3000))).join('');
    const docs = Array.from({ length: 12 }, (_, i) => doc(`/p${i}/`, `2020-01-${10 + i}`, text(i)));
    const one = built(docs);
    const many = built(docs, 2000);
    expect(one.stats).toMatchObject({ passes: 1 });
    expect(many.stats.passes).toBeGreaterThan(1);
    expect(many.stats.buckets).toBe(one.stats.buckets);
    expect(hashes(many.root)).toEqual(hashes(one.root));
  });

  it('writes the same files, under the same key, from packed sources (as the build sends them), in one pass or several', () => {
    const packed = DOCS.map(packSearchSource);
    expect(packed.every((d) => d.searchText instanceof Uint8Array)).toBe(true);
    for (const charsPerPass of [undefined, 20]) {
      const got = built(packed, charsPerPass);
      expect(got.stats.key).toBe(stats.key);
      expect(hashes(got.root)).toEqual(hashes(root));
    }
  });

  it('in a worker thread, reads texts left in a spool file, and writes the same files', async () => {
    const spool = new BodySpool(join(work, 'spool'));
    const spooled = DOCS.map((d) => spoolSearchSource(packSearchSource(d), spool));
    const dir = mkdtempSync(join(work, 'worker-'));
    const got = await buildSearchIndex({ dir, live: dir, articles: spooled, previous: {} });
    spool.close();
    expect(got.key).toBe(stats.key);
    expect(hashes(join(dir, 'search-index'))).toEqual(hashes(root));
  });

  it('writes the same files whatever order the articles come in', () => {
    expect(hashes(built([...DOCS].reverse()).root)).toEqual(hashes(root));
  });

  it('keys the index by its content: same records, same key; one change, another key', () => {
    const again = built(DOCS).stats.key;
    const changed = built([...DOCS.slice(1), { ...DOCS[0]!, searchText: DOCS[0]!.searchText + '新' }]).stats.key;
    expect(again).toBe(stats.key);
    expect(changed).not.toBe(stats.key);
  });

  it('takes over an identical index when asked, writing nothing', () => {
    const dir = mkdtempSync(join(work, 'reuse-'));
    const got = writeSearchIndex(dir, DOCS, { reuse: (folder, key) => folder === 'search-index' && key === stats.key });
    expect(got).toMatchObject({ reused: true, buckets: 0 });
    expect(existsSync(join(dir, 'search-index'))).toBe(false);
  });

  it('writes a valid empty index for no articles', async () => {
    const empty = built([]);
    expect(await empty.index.meta()).toMatchObject({ docs: 0, buckets: 1, filters: [] });
    expect(await empty.urls('经开区')).toEqual([]);
  });
});

describe('alignedHans', () => {
  // A converter that changes a length, as no opencc-js t→cn entry does today.
  const widening = (s: string) => s.replace(/劉/g, '刘').replace(/爍/g, '烁').replace(/臺灣/g, '台湾省');
  const cases: Array<[string, string, string, string]> = [
    // [rule, text, its conversion, the Simplified text kept]
    ['a conversion of the same length is kept as it is', '劉爍在臺灣', '刘烁在台湾', '刘烁在台湾'],
    ['a longer one is replaced by one character for one character', '劉爍在臺灣', '刘烁在台湾省', '刘烁在臺灣'],
    ['characters outside the BMP count once', '𠀀劉', '𠀀刘', '𠀀刘'],
  ];
  it.each(cases)('%s: %s', (_rule, text, hans, expected) => {
    expect(alignedHans(text, hans, widening)).toBe(expected);
  });
});

describe('splitBody', () => {
  const long = '一'.repeat(HEAD_CHARS) + '𠀀二';
  const cases: Array<[string, string, string | null, ReturnType<typeof splitBody>]> = [
    // [rule, body, Simplified body, [head, rest]]
    ['a short body is all head', '短文', null, [{ text: '短文' }, null]],
    ['a body of exactly the head has no rest', '一'.repeat(HEAD_CHARS), null, [{ text: '一'.repeat(HEAD_CHARS) }, null]],
    ['a longer one is cut after the head, by code points', long, null, [{ text: '一'.repeat(HEAD_CHARS) }, { text: '𠀀二' }]],
    [
      'the Simplified text is cut at the same place',
      long,
      '壹'.repeat(HEAD_CHARS) + '𠀀贰',
      [
        { text: '一'.repeat(HEAD_CHARS), hans: '壹'.repeat(HEAD_CHARS) },
        { text: '𠀀二', hans: '𠀀贰' },
      ],
    ],
  ];
  it.each(cases)('%s', (_rule, body, hans, expected) => {
    expect(splitBody(body, hans)).toEqual(expected);
  });
});

describe('search agrees with a plain substring scan (property)', () => {
  // A small alphabet so that random texts share many n-grams, with punctuation and spaces that
  // n-grams must never cross, and Traditional/Simplified pairs left as they are (the index is
  // given Simplified text; the page converts queries before searching).
  const CHARS = ['经', '开', '区', '萍', '乡', '市', '委', '，', '。', ' ', '\n'];
  const text = fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 40 }).map((cs) => cs.join(''));
  const hanQuery = fc.array(fc.constantFrom(...CHARS.slice(0, 7)), { minLength: 1, maxLength: 3 }).map((cs) => cs.join(''));

  it('a 1–3 character query finds exactly the pages that contain it, best first among them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 8 }), hanQuery, async (texts, query) => {
        const docs = texts.map((t, i) => doc(`/p${i}/`, `2020-01-${String(10 + i)}`, t));
        const { urls } = built(docs);
        const expected = docs
          .filter((d) => d.searchText.includes(query))
          .map((d) => d.url)
          .sort();
        expect((await urls(query)).sort()).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('a longer query finds every page that contains it (and only pages with all its 3-character pieces)', async () => {
    const longQuery = fc.array(fc.constantFrom(...CHARS.slice(0, 7)), { minLength: 4, maxLength: 6 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 8 }), longQuery, async (texts, query) => {
        const docs = texts.map((t, i) => doc(`/p${i}/`, `2020-01-${String(10 + i)}`, t));
        const found = new Set(await built(docs).urls(query));
        const cs = Array.from(query);
        for (const d of docs) {
          if (d.searchText.includes(query)) expect(found.has(d.url), `${d.url} contains ${query}`).toBe(true);
          if (found.has(d.url)) for (let i = 0; i + 2 < cs.length; i++) expect(d.searchText).toContain(cs.slice(i, i + 3).join(''));
        }
      }),
      { numRuns: 60 },
    );
  });
});
