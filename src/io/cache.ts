import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { bodyBytes, bodyDigest, rememberBodyDigest, type PackedArticle } from '../packed-article.ts';
import type { InputFile } from '../ingest/index.ts';
import type { InputIndex } from './read-input.ts';
import { currentPipelineDigest } from './pipeline-digest.ts';
import type { PriorAnswers } from '../build/prior-sample.ts';
import { packPrior, unpackPrior, type PriorTable } from '../ingest/prior.ts';
import type { KeptStores } from '../ingest/repair/kept.ts';

/**
 * Content-hash cache of processed articles, one JSON file per entry.
 *
 * Key = sha256(raw bytes) + file name (+ the id the reader assigned) + the digest of the
 * pipeline's code and data packages (src/io/pipeline-digest.ts) + hash of the curator override. The name and id are in the key because the article's id and
 * `sourceFile` come from them. The n-gram prior
 * is corpus-wide, so an entry also records `priorDigest` when (and only when) its repairs read the
 * prior, with the questions its repairs asked the prior and the answers (`priorAnswers`): such an
 * entry is reused while the prior's sample is unchanged, or when the new prior gives the same
 * answers; every other entry is independent of the rest of the corpus.
 *
 * One file per entry (not one pack): a changed article rewrites one small file. An entry is the
 * packed article (src/packed-article.ts) as it is: one line of JSON (the entry's fields and the
 * article's metadata), then the deflated body bytes. Reading one parses the small line and
 * checks the body's checksum, without unpacking it (20,000 articles as whole JSON were ~600 MB
 * to parse).
 */
const FORMAT = 4;
/** Priors' samples kept (see `getSample`): one per build whose sample changed. */
const SAMPLES_KEPT = 8;
/** Priors kept (see `setPrior`). */
const PRIORS_KEPT = 2;
/** Where the last build's `InputIndex` is kept. */
const INPUT_INDEX = 'inputs.json';
/** Entry folders kept for pipelines other than the current one (see `staleFolders`). */
const OTHER_PIPELINES_KEPT = 1;

export interface CacheEntry {
  v: number;
  key: string;
  priorDigest: string | null;
  /** With `priorDigest`: what the repairs asked the prior and were told. */
  priorAnswers: PriorAnswers | null;
  /** `priorChars` of the decoded text: how far it fills the prior's sample, known unpacked. */
  priorChars: number;
  article: PackedArticle;
}

/**
 * The first line of an entry's file. `sha256`: of the body, so that a build reading the entry
 * knows it without hashing the body (see `bodyDigest`); absent from entries written before it was.
 */
type EntryHead = Omit<CacheEntry, 'article'> & { meta: Omit<PackedArticle, 'body'>; crc: number; sha256?: string };

/** What an entry is written from. */
type EntryParts = Pick<CacheEntry, 'article' | 'priorChars' | 'priorDigest'> & { priorAnswers?: PriorAnswers | null };

/** An entry's first line, newline included (`body`: its packed body's bytes). */
function headLine(key: string, entry: EntryParts, body: Uint8Array): Buffer {
  const { priorDigest, priorChars } = entry;
  const { body: _, ...meta } = entry.article;
  const head: EntryHead = { v: FORMAT, key, priorDigest, priorAnswers: priorDigest === null ? null : (entry.priorAnswers ?? null), priorChars, meta, crc: crc32(body), sha256: bodyDigest(body) };
  return Buffer.from(`${JSON.stringify(head)}\n`);
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Unreadable or inconsistent entries, ignored (and overwritten on the next write). */
  corrupt: number;
  writes: number;
}

/** `<output>/../.cache/newsarchive`: next to the site, git-ignored by `.cache/`. */
export function defaultCacheDir(output: string): string {
  return join(dirname(output), '.cache', 'newsarchive');
}

/** JSON with sorted keys, so an override's hash does not depend on YAML key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function cacheKey(file: InputFile, rawSha256: string = sha256Hex(file.bytes), pipeline: string = currentPipelineDigest()): string {
  const override = file.override ? sha256Hex(stableJson(file.override)) : '-';
  return sha256Hex(`${FORMAT}\u0000${pipeline}\u0000${rawSha256}\u0000${file.name}\u0000${file.id ?? ''}\u0000${override}`);
}

export class ArticleCache {
  readonly dir: string;
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0, writes: 0 };
  #pipeline: string | undefined;

  /** `pipeline`: the pipeline digest whose records this cache reads and writes (default: this installation's). */
  constructor(dir: string, pipeline?: string) {
    this.dir = dir;
    this.#pipeline = pipeline;
  }

  /**
   * Where the entry of `key` is kept. Entries are filed by the pipeline digest that made them
   * (`articles/<digest>/`): every key changes with it, so an upgrade's records never mix with the
   * last one's, and the folder of a pipeline no longer in use is removed whole (`staleFolders`).
   */
  entryPath(key: string): string {
    this.#pipeline ??= currentPipelineDigest();
    return join(this.dir, 'articles', this.#pipeline.slice(0, 16), key.slice(0, 2), `${key}.json`);
  }

  #path(key: string): string {
    return this.entryPath(key);
  }

  /**
   * Folders of entries no build of this installation will read: those of other pipelines (the
   * code or a data package changed, and with it every key) but the latest `OTHER_PIPELINES_KEPT`
   * (going back to the previous version keeps its records), and those of the layout before
   * entries were filed by pipeline. Each holds a whole corpus's records: without this, every
   * upgrade would add one more copy of the archive to the cache.
   */
  staleFolders(): string[] {
    this.#pipeline ??= currentPipelineDigest();
    const current = this.#pipeline.slice(0, 16);
    const list = (dir: string) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()) : []);
    const others = list(join(this.dir, 'articles'))
      .filter((e) => e.name !== current)
      .map((e) => ({ path: join(this.dir, 'articles', e.name), t: statSync(join(this.dir, 'articles', e.name)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(OTHER_PIPELINES_KEPT)
      .map((e) => e.path);
    const oldLayout = list(this.dir)
      .filter((e) => /^[0-9a-f]{2}$/.test(e.name))
      .map((e) => join(this.dir, e.name));
    return [...others, ...oldLayout];
  }

  /** The entry for `key`, or null when absent or unusable (a corrupted entry is a miss). */
  get(key: string): CacheEntry | null {
    let raw: Buffer;
    try {
      raw = readFileSync(this.#path(key));
    } catch {
      this.stats.misses++;
      return null;
    }
    try {
      const newline = raw.indexOf(10); // JSON never holds a raw line break
      const e = JSON.parse(raw.subarray(0, newline).toString('utf8')) as EntryHead;
      const body = raw.subarray(newline + 1);
      const ok =
        newline > 0 &&
        e &&
        e.v === FORMAT &&
        e.key === key &&
        (e.priorDigest === null || typeof e.priorDigest === 'string') &&
        (e.priorAnswers === null || Array.isArray(e.priorAnswers)) &&
        Number.isInteger(e.priorChars) &&
        e.meta &&
        typeof e.meta.id === 'string' &&
        typeof e.meta.sha256 === 'string' &&
        e.meta.repairCounts &&
        typeof e.meta.repairCounts === 'object';
      // A truncated or altered body fails its CRC (and would fail zlib's own check on unpacking).
      if (ok && crc32(body) === e.crc) {
        // The body matches its checksum, so the digest written with it is its digest.
        if (typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256)) rememberBodyDigest(body, e.sha256);
        return { v: e.v, key: e.key, priorDigest: e.priorDigest, priorAnswers: e.priorAnswers, priorChars: e.priorChars, article: { ...e.meta, body } };
      }
    } catch {
      // fall through: corrupted
    }
    this.stats.corrupt++;
    this.stats.misses++;
    return null;
  }

  /**
   * The keys of the texts a prior counted, in order, filed under its digest (see
   * `PriorDelta`): null when not kept or unreadable.
   */
  getSample(digest: string): string[] | null {
    try {
      const keys = JSON.parse(readFileSync(this.#samplePath(digest), 'utf8')) as unknown;
      return Array.isArray(keys) && keys.every((k) => typeof k === 'string') ? keys : null;
    } catch {
      return null;
    }
  }

  /**
   * Keeps a prior's sample keys under its digest; only the last `SAMPLES_KEPT` are kept, and
   * those of the priors kept (`setPrior`): a build makes its prior from a kept one and the change
   * between their samples, however many builds ago that one was counted.
   */
  setSample(digest: string, keys: readonly string[]): void {
    const path = this.#samplePath(digest);
    if (existsSync(path)) return;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(keys));
    renameSync(tmp, path);
    const kept = readdirSync(dirname(path))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, t: statSync(join(dirname(path), f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    const priors = new Set(this.priorDigests().map((d) => `${d}.json`));
    for (const { f } of kept.slice(SAMPLES_KEPT)) if (!priors.has(f)) rmSync(join(dirname(path), f), { force: true });
  }

  #samplePath(digest: string): string {
    return join(this.dir, 'samples', `${digest.replace(/[^0-9a-f]/g, '')}.json`);
  }

  /** The prior kept under `digest` (see `setPrior`), or null. */
  getPrior(digest: string): PriorTable | null {
    try {
      return unpackPrior(readFileSync(this.#priorPath(digest)));
    } catch {
      return null;
    }
  }

  /** Digests of the priors kept, newest first. */
  priorDigests(): string[] {
    const dir = join(this.dir, 'priors');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => /^[0-9a-f]+\.bin$/.test(f))
      .map((f) => ({ digest: f.slice(0, -4), t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .map((e) => e.digest);
  }

  /**
   * Keeps a prior's counts under its digest (packed: see `packPrior`), so that a later build
   * whose sample changed a little makes its own from it (`PriorDelta.applyTo`) instead of
   * counting millions of characters; only the last `PRIORS_KEPT` are kept (a prior of real text
   * is some tens of MB). A prior that cannot be kept (a read-only or full cache) is counted again
   * by the next build: never an error.
   */
  setPrior(digest: string, table: PriorTable): void {
    const path = this.#priorPath(digest);
    if (existsSync(path)) return;
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmp, packPrior(table));
      renameSync(tmp, path);
      const dir = dirname(path);
      // Priors kept as JSON by earlier versions are not read any more.
      for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(join(dir, f), { force: true });
      for (const old of this.priorDigests().slice(PRIORS_KEPT)) rmSync(this.#priorPath(old), { force: true });
    } catch {
      rmSync(tmp, { force: true }); // not kept
    }
  }

  #priorPath(digest: string): string {
    return join(this.dir, 'priors', `${digest.replace(/[^0-9a-f]/g, '')}.bin`);
  }

  /**
   * The table `name` this pipeline made (src/ingest/repair/kept.ts: the character model, the
   * per-character answers of opencc-js and pinyin-pro), kept under the pipeline digest (its code
   * and data packages are in it), or null.
   */
  getKept(name: string): Uint8Array | null {
    try {
      return readFileSync(this.#keptPath(name));
    } catch {
      return null;
    }
  }

  /** Keeps the table `name`; the ones other pipelines made are removed. */
  setKept(name: string, bytes: Uint8Array): void {
    const path = this.#keptPath(name);
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    for (const f of readdirSync(dirname(path))) if (f.endsWith('.bin') && join(dirname(path), f) !== path) rmSync(join(dirname(path), f), { force: true });
  }

  /** Where the pipeline keeps its tables (`keepTablesIn` in src/ingest/repair/kept.ts). */
  keptStores(): KeptStores {
    return (name) => ({ load: () => this.getKept(name), save: (bytes) => this.setKept(name, bytes) });
  }

  /** `<dir>/<name>/<pipeline>.bin`: one folder per table. */
  #keptPath(name: string): string {
    this.#pipeline ??= currentPipelineDigest();
    return join(this.dir, name.replace(/[^a-z0-9-]/g, ''), `${this.#pipeline.slice(0, 16)}.bin`);
  }

  /**
   * What the last build knew of its input files (see `InputIndex` in src/io/read-input.ts), or
   * null when none is kept or it is not one.
   */
  getInputIndex(): InputIndex | null {
    try {
      const index = JSON.parse(readFileSync(join(this.dir, INPUT_INDEX), 'utf8')) as { v?: unknown; dir?: unknown; files?: unknown };
      if (index.v !== FORMAT || typeof index.dir !== 'string' || !index.files || typeof index.files !== 'object') return null;
      const fields = ['size', 'mtime', 'ctime', 'ino', 'dev', 'sha256'] as const;
      for (const f of Object.values(index.files as Record<string, unknown>)) {
        if (!f || typeof f !== 'object' || !fields.every((k) => typeof (f as Record<string, unknown>)[k] === 'string')) return null;
      }
      return { dir: index.dir, files: index.files as InputIndex['files'] };
    } catch {
      return null;
    }
  }

  /** Keeps what this build knew of its input files, for the next one. */
  setInputIndex(index: InputIndex): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, INPUT_INDEX);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ v: FORMAT, ...index }));
    renameSync(tmp, path);
  }

  /** Counts a usable lookup; the caller decides (prior digest) whether an entry is a hit. */
  hit(): void {
    this.stats.hits++;
  }

  set(key: string, entry: EntryParts): void {
    const path = this.#path(key);
    mkdirSync(dirname(path), { recursive: true });
    // Whatever stands at the entry's name (a folder put there by hand, a stray file) is replaced.
    if (existsSync(path) && !statSync(path).isFile()) rmSync(path, { recursive: true, force: true });
    const body = bodyBytes(entry.article.body);
    // Write then rename: a crash never leaves a half-written entry under the real name.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([headLine(key, entry, body), body]));
    renameSync(tmp, path);
    this.stats.writes++;
  }

  /**
   * Marks an entry read from the cache as made with `priorDigest` (a record that gives the same
   * answers under a new prior is the same record). Only its first line changes, by a digest of
   * the same length: it is written over in place, one small write instead of the whole entry
   * and a rename (a rebuild after an edit inside the prior's sample does this for a few hundred
   * records). A torn write fails the line's parse and reads as a miss. When the line is not
   * where it should be, the whole entry is written.
   */
  restamp(key: string, entry: CacheEntry, priorDigest: string): void {
    const body = bodyBytes(entry.article.body);
    const after = headLine(key, { ...entry, priorDigest }, body);
    // With a digest of the same length the line keeps its length: the file's line ends where
    // the new one does, or it is not the line this entry was read from.
    if (entry.priorDigest?.length === priorDigest.length) {
      let fd = -1;
      try {
        fd = openSync(this.#path(key), 'r+');
        const end = Buffer.alloc(1);
        if (readSync(fd, end, 0, 1, after.length - 1) === 1 && end[0] === 10 && writeSync(fd, after, 0, after.length, 0) === after.length) {
          this.stats.writes++;
          return;
        }
      } catch {
        // written whole below
      } finally {
        if (fd >= 0) closeSync(fd);
      }
    }
    this.set(key, { ...entry, priorDigest });
  }
}
