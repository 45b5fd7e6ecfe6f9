import { utimesSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ArticleCache, cacheKey, defaultCacheDir, sha256Hex } from '../../src/io/cache.ts';
import { SkipError } from '../../src/ingest/decode.ts';
import { bodyDigest, type PackedArticle } from '../../src/packed-article.ts';
import { toExport } from '../../src/io/export.ts';
import { currentPipelineDigest, PIPELINE_PACKAGES, pipelineDigest } from '../../src/io/pipeline-digest.ts';
import { ingestCorpus, ingestCorpusSync } from '../../src/build/ingest.ts';
import type { InputFile } from '../../src/ingest/index.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freshCache(): ArticleCache {
  const d = mkdtempSync(join(tmpdir(), 'na-cache-'));
  dirs.push(d);
  return new ArticleCache(d);
}

function seeds(): InputFile[] {
  return readdirSync(SEEDS)
    .sort()
    .map((n) => ({ name: n, bytes: readFileSync(join(SEEDS, n)) }));
}

const json = (c: Parameters<typeof toExport>[0]) => JSON.stringify(toExport(c));

function entryFiles(cache: ArticleCache): string[] {
  return readdirSync(cache.dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json') && f.startsWith('articles'))
    .map((f) => join(cache.dir, f));
}

describe('content-hash cache', () => {
  it('an unchanged file is not re-processed and the hit returns the same article', async () => {
    const cache = freshCache();
    const files = seeds();
    const first = await ingestCorpus(files, { threads: 0, cache });
    expect(first.stats.processed).toBe(files.length);
    const second = await ingestCorpus(files, { threads: 0, cache });
    expect(second.stats.processed).toBe(0);
    expect(second.stats.cached).toBe(files.length);
    expect(json(second)).toBe(json(ingestCorpusSync(files)));
  });

  it('a changed byte misses; only that file is processed again, records that read the prior are checked against it', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    // Records whose repairs read the corpus prior are kept when the new prior answers their
    // questions the same way (a changed line break changes no n-gram count).
    const dependent = files.filter((f, i) => i !== 2 && cache.get(cacheKey(f))!.priorDigest !== null).length;
    expect(dependent).toBeGreaterThan(0);
    // One more line break at the end (the last byte may be part of a character: changing it
    // would change n-gram counts).
    const bytes = Buffer.concat([Buffer.from(files[2]!.bytes), Buffer.from('\n')]);
    const changed = files.map((f, i) => (i === 2 ? { ...f, bytes } : f));
    const again = await ingestCorpus(changed, { threads: 0, cache });
    // Checked against the change of sample alone (the earlier sample is kept): no prior is built.
    expect(again.stats).toMatchObject({ processed: 1, revalidated: dependent, priorBuilt: false });
    expect(json(again)).toBe(json(ingestCorpusSync(changed)));
    // Checked once: the entries now carry the new prior's digest.
    const third = await ingestCorpus(changed, { threads: 0, cache });
    expect(third.stats).toMatchObject({ processed: 0, revalidated: 0 });
  });

  it('a changed record that reads the prior is repaired with the kept prior, the change of sample applied', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    const kept = cache.priorDigests();
    expect(kept.length).toBe(1); // counted for the first build, and kept
    // A record that read the prior changes: it is repaired again, with a prior made from the
    // kept one (the same records as a build from scratch). That prior is not kept: the next
    // build makes its own from the kept one in the same way, however many builds later.
    const d = files.findIndex((f) => cache.get(cacheKey(f))!.priorDigest !== null);
    let changed = files;
    for (let edit = 1; edit <= 10; edit++) {
      changed = changed.map((f, i) => (i === d ? { ...f, bytes: Buffer.concat([Buffer.from(f.bytes), Buffer.from('\n')]) } : f));
      const again = await ingestCorpus(changed, { threads: 0, cache });
      expect(again.stats.processed).toBe(1);
      if (edit === 1 || edit === 10) expect(json(again)).toBe(json(ingestCorpusSync(changed)));
      expect(cache.priorDigests()).toEqual(kept);
    }
    // Ten samples since: the kept prior's is kept with it.
    expect(cache.getSample(kept[0]!)).not.toBeNull();
  });

  it('without the earlier sample, records that read the prior are checked against the whole new prior', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    const dependent = files.filter((f, i) => i !== 2 && cache.get(cacheKey(f))!.priorDigest !== null).length;
    rmSync(join(cache.dir, 'samples'), { recursive: true });
    const changed = files.map((f, i) => (i === 2 ? { ...f, bytes: Buffer.concat([Buffer.from(f.bytes), Buffer.from('\n')]) } : f));
    const again = await ingestCorpus(changed, { threads: 0, cache });
    expect(again.stats).toMatchObject({ processed: 1, revalidated: dependent, priorBuilt: true });
    expect(json(again)).toBe(json(ingestCorpusSync(changed)));
  });

  it('a record that read the prior is processed again when the prior answers one of its questions otherwise', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    const d = files.findIndex((f) => cache.get(cacheKey(f))!.priorDigest !== null);
    const [gram] = cache.get(cacheKey(files[d]!))!.priorAnswers!.find(([q]) => /^\p{Script=Han}{2,3}$/u.test(q))!;
    // Another (UTF-8) article now contains that n-gram once more.
    const isUtf8 = (b: Uint8Array) => {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(b).includes('。');
      } catch {
        return false;
      }
    };
    const o = files.findIndex((f, i) => i !== d && isUtf8(f.bytes));
    expect(o).toBeGreaterThanOrEqual(0);
    const changed = files.map((f, i) => (i === o ? { ...f, bytes: Buffer.concat([Buffer.from(f.bytes), Buffer.from(`\n${gram}。\n`)]) } : f));
    const again = await ingestCorpus(changed, { threads: 0, cache });
    expect(again.stats.processed).toBeGreaterThanOrEqual(2);
    expect(json(again)).toBe(json(ingestCorpusSync(changed)));
  });

  it('restamps an entry with a new prior digest in place: the same record, the same file', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    const key = cacheKey(files[0]!);
    const entry = cache.get(key)!;
    const path = cache.entryPath(key);
    const inode = statSync(path).ino;
    const digest = 'f'.repeat(64);
    cache.restamp(key, entry, digest);
    const back = cache.get(key)!;
    expect(statSync(path).ino).toBe(inode); // written over, not replaced
    expect(back.priorDigest).toBe(digest);
    expect({ ...back, priorDigest: entry.priorDigest }).toEqual(entry);
    // A digest of another length, or a first line not where it should be: the entry is written whole.
    cache.restamp(key, back, 'abc');
    expect(cache.get(key)!.priorDigest).toBe('abc');
    writeFileSync(path, Buffer.concat([Buffer.from(' '), readFileSync(path)]));
    cache.restamp(key, { ...back, priorDigest: 'abc' }, 'abd');
    expect(cache.get(key)).toMatchObject({ priorDigest: 'abd', priorChars: entry.priorChars });
  });

  it('skips, with the reason, a file found unchanged whose record must be made again but which can no longer be read', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    // A record made with another prior, whose answer no prior gives: it must be made again.
    const key = cacheKey(files[2]!);
    const entry = cache.get(key)!;
    cache.set(key, { ...entry, priorDigest: 'e'.repeat(64), priorAnswers: [['的', -1]] });
    // Its file, as a rebuild holds one it found unchanged: bytes read when asked, and gone by then.
    const gone: InputFile = {
      name: files[2]!.name,
      sha256: sha256Hex(files[2]!.bytes),
      get bytes(): Uint8Array {
        throw new SkipError('unreadable: ENOENT');
      },
    };
    const again = await ingestCorpus([...files.slice(0, 2), gone, ...files.slice(3)], { threads: 0, cache });
    expect(again.skipped).toEqual([{ file: files[2]!.name, reason: 'unreadable: ENOENT' }]);
    expect(again.articles.map((a) => a.sourceFile)).toEqual(files.filter((_, i) => i !== 2).map((f) => f.name));
  });

  it('keeps the index of input files for the next build, and reads none that is not one', () => {
    const cache = freshCache();
    expect(cache.getInputIndex()).toBeNull();
    const index = { dir: '/in', files: { 'a.txt': { size: '3', mtime: '1', ctime: '2', ino: '4', dev: '5', sha256: 'f'.repeat(64) } } };
    cache.setInputIndex(index);
    expect(cache.getInputIndex()).toEqual(index);
    for (const bad of ['{', JSON.stringify({ v: 0, ...index }), JSON.stringify({ v: 4, dir: '/in', files: { 'a.txt': { size: 3 } } })]) {
      writeFileSync(join(cache.dir, 'inputs.json'), bad);
      expect(cache.getInputIndex()).toBeNull();
    }
  });

  it('a changed override or name misses', () => {
    const f = seeds()[1]!;
    const base = cacheKey(f);
    expect(cacheKey({ ...f, override: { title: 'x' } })).not.toBe(base);
    expect(cacheKey({ ...f, name: `other/${f.name}` })).not.toBe(base);
    expect(cacheKey({ ...f, id: 'x-2' })).not.toBe(base);
    // key order in the override does not matter
    expect(cacheKey({ ...f, override: { a: 1, b: 2 } })).toBe(cacheKey({ ...f, override: { b: 2, a: 1 } }));
  });

  it('the key follows the pipeline: a changed rule or a package upgrade misses, with no version kept by hand', () => {
    const f = seeds()[1]!;
    const ingest = fileURLToPath(new URL('../../src/ingest/', import.meta.url));
    const copy = mkdtempSync(join(tmpdir(), 'na-digest-'));
    dirs.push(copy);
    cpSync(ingest, copy, { recursive: true });
    const before = pipelineDigest([copy]);
    expect(pipelineDigest([copy])).toBe(before);
    // One character of one rule changes the digest, hence every key.
    const rule = join(copy, 'repair', 'punctuation.ts');
    writeFileSync(rule, readFileSync(rule, 'utf8') + '\n');
    const after = pipelineDigest([copy]);
    expect(after).not.toBe(before);
    expect(cacheKey(f, undefined, after)).not.toBe(cacheKey(f, undefined, before));
    // The versions of the data packages are part of it.
    expect(pipelineDigest([copy], ['opencc-js'])).not.toBe(pipelineDigest([copy], ['pinyin-pro']));
    expect(PIPELINE_PACKAGES).toEqual(expect.arrayContaining(['opencc-js', 'pinyin-pro', 'china-area-data']));
    // The default key is this installation's.
    expect(cacheKey(f)).toBe(cacheKey(f, undefined, currentPipelineDigest()));
  });

  it('an entry replaced by a folder is a miss, and the next write puts the entry back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'na-cache-dir-'));
    dirs.push(dir);
    const cache = new ArticleCache(dir);
    const f = seeds()[1]!;
    const key = cacheKey(f);
    const path = cache.entryPath(key);
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(cache.get(key)).toBeNull();
    const article = ingestCorpusSync([f]).articles[0]!;
    cache.set(key, { article, priorChars: 0, priorDigest: null });
    expect(cache.get(key)?.article.id).toBe(article.id);
  });

  it('corrupted entries are ignored and rewritten', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    const entries = entryFiles(cache);
    writeFileSync(entries[0]!, '{"v":1,"key":"trunc');
    writeFileSync(entries[1]!, JSON.stringify({ v: 1, key: 'not-this-key', priorDigest: null, article: {} }));
    // The packed body after the first line: one byte changed, or cut short.
    const flipped = readFileSync(entries[2]!);
    flipped[flipped.length - 10] = flipped[flipped.length - 10]! ^ 0xff;
    writeFileSync(entries[2]!, flipped);
    const cut = readFileSync(entries[3]!);
    writeFileSync(entries[3]!, cut.subarray(0, cut.length - 40));
    const again = await ingestCorpus(files, { threads: 0, cache });
    expect(cache.stats.corrupt).toBe(4);
    expect(again.stats.processed).toBe(4);
    expect(json(again)).toBe(json(ingestCorpusSync(files)));
    const third = await ingestCorpus(files, { threads: 0, cache });
    expect(third.stats.processed).toBe(0);
  });

  it("keeps each body's SHA-256 with its entry: a build reading it names the body by it, hashing nothing", async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    const bodyOf = (a: unknown) => (a as PackedArticle).body as Uint8Array;
    const read = await ingestCorpus(files, { threads: 0, cache });
    for (const a of read.articles) expect(bodyDigest(bodyOf(a))).toBe(sha256Hex(bodyOf(a)));
    // Taken from the entry, not computed: a digest written there is the one given back.
    const [entry] = entryFiles(cache);
    const text = readFileSync(entry!, 'latin1');
    const written = /"sha256":"([0-9a-f]{64})"\}\n/.exec(text)![1]!;
    writeFileSync(entry!, text.replace(`"sha256":"${written}"}\n`, `"sha256":"${'0'.repeat(64)}"}\n`), 'latin1');
    const again = await ingestCorpus(files, { threads: 0, cache });
    expect(again.articles.map((a) => bodyDigest(bodyOf(a)))).toContain('0'.repeat(64));
    // An entry written before digests were kept: hashed when asked.
    writeFileSync(entry!, text.replace(`,"sha256":"${written}"}\n`, '}\n'), 'latin1');
    const old = await ingestCorpus(files, { threads: 0, cache });
    expect(old.stats.processed).toBe(0);
    for (const a of old.articles) expect(bodyDigest(bodyOf(a))).toBe(sha256Hex(bodyOf(a)));
  });

  it('an entry made with another prior and no answers to check is processed again', async () => {
    const cache = freshCache();
    const files = seeds();
    await ingestCorpus(files, { threads: 0, cache });
    const f = files[0]!;
    const entry = cache.get(cacheKey(f))!;
    cache.set(cacheKey(f), { article: entry.article, priorChars: entry.priorChars, priorDigest: 'a-digest-of-another-corpus' });
    const again = await ingestCorpus(files, { threads: 0, cache });
    expect(again.stats.processed).toBe(1);
    expect(json(again)).toBe(json(ingestCorpusSync(files)));
  });

  it('files entries by pipeline, and names for removal the folders of pipelines gone but the last one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'na-cache-pipelines-'));
    dirs.push(dir);
    const f = seeds()[1]!;
    const article = ingestCorpusSync([f]).articles[0]!;
    const digests = ['a', 'b', 'c'].map((c) => c.repeat(64));
    digests.forEach((d, i) => {
      const cache = new ArticleCache(dir, d);
      cache.set(cacheKey(f, undefined, d), { article, priorChars: 0, priorDigest: null });
      // Folders made in this order, a second apart in their times.
      utimesSync(join(dir, 'articles', d.slice(0, 16)), 1_000 + i, 1_000 + i);
    });
    mkdirSync(join(dir, '0f'), { recursive: true }); // the layout before entries were filed by pipeline
    const current = new ArticleCache(dir, digests[2]);
    expect(current.get(cacheKey(f, undefined, digests[2]))?.article.id).toBe(article.id);
    // The previous pipeline's folder is kept; the one before it and the old layout go.
    expect(current.staleFolders().sort()).toEqual([join(dir, '0f'), join(dir, 'articles', 'a'.repeat(16))]);
    expect(new ArticleCache(dir, digests[0]).staleFolders()).toContain(join(dir, 'articles', 'b'.repeat(16)));
  });

  it('lives next to the output folder, under a git-ignored .cache/', () => {
    expect(defaultCacheDir('/x/site')).toBe('/x/.cache/newsarchive');
  });
});
