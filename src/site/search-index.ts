import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import * as pagefind from 'pagefind';
import type { ArticleView } from './article-view.ts';
import { packageVersion } from './reuse.ts';
import { excerptOf, shardDir, shardsOf, toSearchPairs } from './bigrams.ts';

export interface SearchIndexStats {
  records: number;
  ms: number;
  /** Time spent handing records to Pagefind (the rest is building and writing the index). */
  addMs: number;
  /** Pagefind bundles written: `pagefind/`, then `pagefind-2/`… */
  shards: number;
  /** Bundle folder → key, for the next build's `reuse`. */
  keys: Record<string, string>;
  /** Bundles taken over unchanged through `reuse`. */
  reused: number;
}

export interface SearchIndexOptions {
  /** Records per Pagefind bundle (default 2,000, or `NEWSARCHIVE_SEARCH_SHARD_SIZE`). */
  shardSize?: number;
  /**
   * Called with each bundle's folder and key (a hash of its records and the index settings)
   * before it is built: true means the caller has put an identical bundle in place already.
   */
  reuse?: (folder: string, key: string) => boolean;
}

/** Part of every bundle's key: another Pagefind writes other files. */
const PAGEFIND_VERSION = packageVersion('pagefind');

/** Records sent to the Pagefind service at once: one round trip each is slow. */
const BATCH = 64;
/** Pagefind's memory grows with the records in one index: about 1 GB per 1,000 at most. */
export const DEFAULT_SHARD_SIZE = 2000;
/** Any language without CJK segmentation: the content is already split into pair words. */
const LANGUAGE = 'en';
/** Loaded by the search page before its script: the bundles to merge into the first one. */
export const SHARDS_SCRIPT = 'shards.js';

/** What the index needs of an article view (all a worker thread is sent). */
export type SearchSource = Pick<ArticleView, 'url' | 'searchText' | 'title' | 'date' | 'original' | 'outlet' | 'filters'> & { bodies: Partial<ArticleView['bodies']> };

/** The slimmest copy of a view that still makes the same record. */
export function searchSource(a: ArticleView): SearchSource {
  return { url: a.url, searchText: a.searchText, title: a.title, date: a.date, original: a.original, outlet: a.outlet, filters: a.filters, bodies: { [a.original]: a.bodies[a.original] } };
}

/** The Pagefind record of one article: pair tokens to match, original-script title and excerpt to show. */
export function searchRecord(a: SearchSource): { url: string; content: string; language: string; meta: Record<string, string>; filters: Record<string, string[]> } {
  return {
    url: a.url,
    content: toSearchPairs(a.searchText),
    language: LANGUAGE,
    meta: {
      title: a.title,
      date: a.date.zh,
      excerpt: excerptOf((a.bodies[a.original] ?? []).join(' ')),
      ...(a.outlet ? { outlet: a.outlet } : {}),
    },
    filters: a.filters,
  };
}

/** What Pagefind stores per record (the argument of `addCustomRecord`). */
export type SearchRecord = ReturnType<typeof searchRecord>;
/** Language the records are indexed under. */
export const SEARCH_LANGUAGE = LANGUAGE;

/**
 * Writes the search index into `<dir>/pagefind/` (and `<dir>/pagefind-2/`… for more than one
 * shard). Pagefind keeps one index per language, does not fold scripts and segments Chinese with
 * jieba (slow, memory-hungry, and 经开区 then also matches 经开 … 开区 apart). So each article is
 * one custom record whose content is its Simplified text as overlapping character pairs
 * (`toSearchPairs`) under a forced non-CJK language; the search page converts a query to
 * Simplified and splits it the same way (`toSearchQuery`). Shards of at most `shardSize` records
 * are built one after another, each in a fresh Pagefind service that is closed afterwards, so
 * memory is bounded by one shard; the page searches them together with `mergeIndex`.
 * Record URLs are root-relative; the UI adds the base path.
 */
export function writeSearchIndex(dir: string, articles: readonly SearchSource[], options: SearchIndexOptions = {}): Promise<SearchIndexStats> {
  return writeSearchBundles(dir, articles, searchRecord, options);
}

/**
 * The shard loop behind `writeSearchIndex`, for any items (the bench feeds it synthetic ones).
 * Records are made one batch at a time: the pair text of 20,000 articles would not fit at once.
 */
export async function writeSearchBundles<T extends { url: string }>(
  dir: string,
  items: readonly T[],
  toRecord: (item: T) => SearchRecord,
  options: SearchIndexOptions = {},
): Promise<SearchIndexStats> {
  const started = performance.now();
  const size = options.shardSize ?? (Number(process.env.NEWSARCHIVE_SEARCH_SHARD_SIZE) || DEFAULT_SHARD_SIZE);
  const shards = shardsOf(items, size);
  let addMs = 0;
  let reused = 0;
  const keys: Record<string, string> = {};
  for (const [k, shard] of shards.entries()) {
    const folder = shardDir(k);
    const hash = createHash('sha256').update(`${PAGEFIND_VERSION}\0${LANGUAGE}\0${size}\0${k}`);
    for (const a of shard) hash.update('\0').update(JSON.stringify(toRecord(a)));
    keys[folder] = hash.digest('hex');
    if (options.reuse?.(folder, keys[folder]!)) {
      reused++;
      continue;
    }
    try {
      const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE });
      if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
      const t0 = performance.now();
      for (let i = 0; i < shard.length; i += BATCH) {
        const batch = shard.slice(i, i + BATCH);
        // A batch in flight at once: one round trip per record cost a third of the indexing
        // time. The index and fragment files come out the same whatever the arrival order (checked
        // on the seeds); Pagefind's filter chunk names vary between builds either way.
        const results = await Promise.all(batch.map((a) => index.addCustomRecord(toRecord(a))));
        results.forEach((res, j) => {
          if (res.errors.length) throw new Error(`pagefind (${batch[j]!.url}): ${res.errors.join('; ')}`);
        });
      }
      addMs += performance.now() - t0;
      const written = await index.writeFiles({ outputPath: `${dir}/${folder}` });
      if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
      await index.deleteIndex();
    } finally {
      // A fresh service per shard: the memory of the last one goes back to the system.
      await pagefind.close();
    }
  }
  const merged = shards.slice(1).map((_, k) => `${shardDir(k + 1)}/`);
  // Never write through a hard link into the live site (the bundle may be carried over).
  rmSync(`${dir}/pagefind/${SHARDS_SCRIPT}`, { force: true });
  writeFileSync(`${dir}/pagefind/${SHARDS_SCRIPT}`, `window.NEWSARCHIVE_SEARCH_SHARDS = ${JSON.stringify(merged)};\n`);
  return { records: items.length, ms: Math.round(performance.now() - started), addMs: Math.round(addMs), shards: shards.length, keys, reused };
}
