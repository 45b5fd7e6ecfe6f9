import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

/**
 * Pagefind configurations compared by the bench (one index build each, in a child process so the
 * RSS of Pagefind's backend binary is counted in the tree):
 * - `html`: the naive setup, Pagefind over the built HTML (zh-Hans and zh-Hant pages);
 * - `records-zh`: custom records, Simplified text only, one forced language (jieba segmentation);
 * - `records-zh-lead`: the same, title + first 600 characters only;
 * - `bigram`: Simplified text pre-segmented into overlapping character pairs, indexed under a
 *   non-CJK language (no jieba at all): each pair is a word, so 2-character queries hit exactly,
 *   and a query `经开区` becomes the phrase `"经开 开区"`;
 * - `bigram-shards`: the same in shards of `shardSize` records built one after another (memory
 *   bounded by the shard), searched together with Pagefind's multisite `mergeIndex`.
 * - `pairs`: what the site ships (src/site/search-index.ts, `writeSearchBundles`): pairs written
 *   as code-point digits (`toSearchPairs`), an original-script excerpt in the meta, shards of
 *   `shardSize` records in `pagefind/`, `pagefind-2/`…, a fresh Pagefind service per shard.
 */
export type SearchVariant = 'html' | 'records-zh' | 'records-zh-lead' | 'bigram' | 'bigram-shards' | 'pairs';

export interface SearchRecord {
  url: string;
  title: string;
  textHans: string;
  source: string;
  year: string;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** `经开区建设` → `经开 开区 区建 建设`; non-Han text is kept. A lone character stays itself. */
export function bigrams(text: string): string {
  return text.replace(HAN_RUN, (run) => {
    const cs = [...run];
    if (cs.length < 2) return ` ${run} `;
    const out: string[] = [];
    for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i]! + cs[i + 1]!);
    return ` ${out.join(' ')} `;
  });
}

async function indexRecords(records: readonly SearchRecord[], outDir: string, mode: 'zh' | 'lead' | 'bigram'): Promise<void> {
  const { index, errors } = await pagefind.createIndex(mode === 'bigram' ? { forceLanguage: 'en' } : { forceLanguage: 'zh' });
  if (!index) throw new Error(errors.join('; '));
  for (const r of records) {
    const text = mode === 'lead' ? r.textHans.slice(0, 600) : r.textHans;
    const content = mode === 'bigram' ? `${bigrams(r.title)}\n${bigrams(text)}` : `${r.title}\n${text}`;
    const res = await index.addCustomRecord({
      url: r.url,
      content,
      language: mode === 'bigram' ? 'en' : 'zh',
      meta: { title: r.title },
      filters: { source: [r.source], year: [r.year] },
    });
    if (res.errors.length) throw new Error(res.errors.join('; '));
  }
  await index.writeFiles({ outputPath: outDir });
  await index.deleteIndex();
}

export async function runSearchVariant(variant: SearchVariant, opts: { records?: SearchRecord[]; siteDir?: string; outDir: string; shardSize?: number }): Promise<{ shards: number }> {
  try {
    if (variant === 'html') {
      const { index, errors } = await pagefind.createIndex({});
      if (!index) throw new Error(errors.join('; '));
      await index.addDirectory({ path: opts.siteDir! });
      await index.writeFiles({ outputPath: opts.outDir });
      return { shards: 1 };
    }
    const records = opts.records ?? [];
    if (variant === 'pairs') {
      const { writeSearchBundles, SEARCH_LANGUAGE } = await import('../site/search-index.ts');
      const { excerptOf, toSearchPairs } = await import('../site/bigrams.ts');
      mkdirSync(opts.outDir, { recursive: true });
      const stats = await writeSearchBundles(
        opts.outDir,
        records,
        (r) => ({
          url: r.url,
          content: toSearchPairs(`${r.title}\n${r.textHans}`),
          language: SEARCH_LANGUAGE,
          meta: { title: r.title, excerpt: excerptOf(r.textHans) },
          filters: { source: [r.source], year: [r.year] },
        }),
        { shardSize: opts.shardSize ?? 2000 },
      );
      return { shards: stats.shards };
    }
    if (variant === 'bigram-shards') {
      const size = opts.shardSize ?? 2000;
      let k = 0;
      for (let s = 0; s < records.length; s += size, k++) await indexRecords(records.slice(s, s + size), join(opts.outDir, `shard-${k}`), 'bigram');
      return { shards: k };
    }
    await indexRecords(records, opts.outDir, variant === 'records-zh' ? 'zh' : variant === 'records-zh-lead' ? 'lead' : 'bigram');
    return { shards: 1 };
  } finally {
    await pagefind.close();
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * What the first query downloads, from the files written: the entry JSON, pagefind.js, the WASM
 * for the index's language, the meta file, the index chunk(s) holding the query's words (we take
 * the largest chunk per word: an upper bound, since chunk boundaries are in the compressed meta),
 * and the fragments of the first 5 results (median fragment size). For shards, the meta of every
 * shard is loaded (mergeIndex queries all) and one chunk per shard per word.
 */
export function firstQueryKB(bundleDirs: readonly string[], words: number): number {
  let bytes = 0;
  let fragments: number[] = [];
  bundleDirs.forEach((dir, i) => {
    const files = readdirSync(dir);
    if (i === 0) {
      bytes += sizeOf(join(dir, 'pagefind.js')) + sizeOf(join(dir, 'pagefind-entry.json'));
      const wasm = files.filter((f) => f.startsWith('wasm.')).map((f) => sizeOf(join(dir, f)));
      bytes += Math.max(0, ...wasm);
    }
    bytes += Math.max(0, ...files.filter((f) => f.endsWith('.pf_meta')).map((f) => sizeOf(join(dir, f))));
    const chunks = readdirSync(join(dir, 'index')).map((f) => sizeOf(join(dir, 'index', f)));
    bytes += words * Math.max(0, ...chunks);
    fragments = fragments.concat(readdirSync(join(dir, 'fragment')).map((f) => sizeOf(join(dir, 'fragment', f))));
  });
  fragments.sort((a, b) => a - b);
  bytes += 5 * (fragments[Math.floor(fragments.length / 2)] ?? 0);
  return Math.round(bytes / 102.4) / 10;
}

export function readRecords(path: string): SearchRecord[] {
  return JSON.parse(readFileSync(path, 'utf8')) as SearchRecord[];
}
