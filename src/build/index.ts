import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BodySpool, readAllSpooled, type Spooled } from '../io/body-spool.ts';
import { bodyBytes, bodyDigest } from '../packed-article.ts';
import type { Corpus } from '../article.ts';
import { ArticleCache, defaultCacheDir } from '../io/cache.ts';
import { readInputDir } from '../io/read-input.ts';
import type { PackedArticle } from '../packed-article.ts';
import { ingestCorpus } from './ingest.ts';
import { articlesInSite, EmptyArchiveError, publishedIds } from './live-site.ts';
import { silentProgress, type Progress } from './progress.ts';
import { publishSite, type RenderStats } from './publish.ts';
import { assertSafeOutput } from './safe-output.ts';
import { removeTree } from './swap.ts';

/**
 * The build, in order: read the input folder (src/io), ingest it (src/build/ingest.ts: the
 * pipeline of src/ingest on every article, people across articles), then publish the site
 * (src/build/publish.ts: render with src/site, write the exports, swap the new site in).
 * Nothing here writes to the console: messages go to `log`, counters to `progress`.
 */
export interface BuildOptions {
  input: string;
  output: string;
  /** Deploy sub-path, e.g. `/archive/`. */
  base?: string;
  /** Public origin, e.g. `https://example.org`: makes citations, feed and sitemap absolute. */
  siteUrl?: string;
  /**
   * Base URLs of other archives (built separately, e.g. one per region or year) that the
   * search page searches together with this one: `/archive-2019/`, `https://example.org/a/`.
   */
  searchWith?: string[];
  log?: (message: string) => void;
  /**
   * Reuse processed articles from the content-hash cache in `defaultCacheDir(output)` (a
   * `.cache/newsarchive/` folder next to the output). Default true; `--no-cache` sets false.
   */
  cache?: boolean;
  /** Per-stage counters; default: on stderr when it is a terminal, silent otherwise. */
  progress?: Progress;
  /** See `RenderOptions.pagesPerRun`. */
  pagesPerRun?: number;
  /** Replace an archive that has articles with one that has none (default false: refuse). */
  allowEmpty?: boolean;
  /** From this many bytes of packed bodies, they wait in a file while the site is made (default `SPOOL_FROM_BYTES`). */
  spoolFromBytes?: number;
}

/**
 * Packed bodies (some 7 KB an article) from which a build keeps them in a file instead of memory
 * while it makes the site: about 9,000 articles. Below it, the file costs more than it saves:
 * writing the bodies and reading them all back was 0.17 s of a 5 s rebuild at 4,000 articles,
 * for 29 MB of memory; at 20,000 articles (143 MB) it keeps the build under its memory target.
 */
export const SPOOL_FROM_BYTES = 64 * 2 ** 20;

/** Ingest a folder of raw articles and build the site from it (see `publishSite`). */
export async function buildSite(options: BuildOptions): Promise<{ corpus: Corpus<PackedArticle>; render: RenderStats }> {
  const progress = options.progress ?? silentProgress;
  const userLog = options.log ?? (() => {});
  const log = (m: string) => {
    progress.clear();
    userLog(m);
  };
  assertSafeOutput(options.input, options.output);
  const started = performance.now();
  progress.note('reading input');
  const cache = options.cache === false ? null : new ArticleCache(defaultCacheDir(resolve(options.output)));
  // Ids the live site published stay with their files (see `uniqueArticleIds`); files unchanged
  // since the last build are not read again unless their article must be made again.
  const input = readInputDir(resolve(options.input), { previousIds: publishedIds(resolve(options.output)), known: cache?.getInputIndex() ?? null });
  cache?.setInputIndex(input.index);
  const { problems } = input;
  const fileCount = input.files.length;
  // Same records as the sequential `ingestCorpus`, byte for byte, over all cores.
  const { stats, ...corpus } = await ingestCorpus(input.files, { cache, onProgress: (stage, done, total) => progress.tick(stage, done, total) });
  input.files = []; // the raw bytes are not needed any more: let them go before rendering
  corpus.skipped.push(...problems);
  corpus.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const cached = cache ? `, ${stats.cached} from cache` : '';
  log(`ingested ${fileCount} files: ${corpus.articles.length} articles, ${corpus.skipped.length} skipped${cached} (${Math.round(performance.now() - started)} ms)`);
  const live = corpus.articles.length === 0 && !options.allowEmpty ? articlesInSite(resolve(options.output)) : 0;
  if (live > 0) {
    throw new EmptyArchiveError(
      `no article came out of ${options.input} (${fileCount} files, ${corpus.skipped.length} skipped): the archive in ${options.output} (${live} articles) is left as it is; pass --allow-empty to replace it with an empty one`,
    );
  }
  if (!options.siteUrl) {
    log(
      'no --site-url given: citations and canonical links name pages by their path (each page completes its citation with its own address in the browser), and sitemap.xml is not written; pass --site-url https://your.host to make them absolute',
    );
  }
  const inject = process.env.NEWSARCHIVE_INJECT_TEMPLATE_ERROR === '1' ? BROKEN_TEMPLATE : undefined;
  // While the site is made, the articles' bodies and the search index's texts of a large corpus
  // wait in a file beside the output, not in memory (src/io/body-spool.ts); the bodies are back
  // in the corpus this returns.
  const output = resolve(options.output);
  mkdirSync(dirname(output), { recursive: true });
  let bodyTotal = 0;
  for (const a of corpus.articles) bodyTotal += bodyBytes(a.body).length;
  const spool = bodyTotal >= (options.spoolFromBytes ?? SPOOL_FROM_BYTES) ? new BodySpool(join(dirname(output), `.${basename(output)}.bodies-${process.pid}`)) : null;
  if (spool) for (const a of corpus.articles) a.body = spool.put(bodyBytes(a.body), { sha256: bodyDigest(a.body) });
  let render: RenderStats;
  try {
    render = await publishSite({
      corpus,
      output: options.output,
      ...(options.base ? { base: options.base } : {}),
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      ...(options.searchWith ? { searchWith: options.searchWith } : {}),
      ...(options.pagesPerRun ? { pagesPerRun: options.pagesPerRun } : {}),
      log,
      progress,
      ...(inject ? { extraTemplates: inject } : {}),
      manifestPath: cache ? join(defaultCacheDir(resolve(options.output)), 'render-manifest.json') : null,
      ...(spool ? { spool } : {}),
    });
    if (spool) {
      const bodies = readAllSpooled(corpus.articles.map((a) => a.body as Spooled));
      corpus.articles.forEach((a, i) => (a.body = bodies[i]!));
    }
    // Records of earlier versions of the pipeline: never read again (see `staleFolders`).
    if (cache) for (const dir of cache.staleFolders()) removeTree(dir, true);
  } finally {
    spool?.close();
    progress.clear();
  }
  return { corpus, render };
}

/** A template that fails to compile, for checking that a failed build keeps the old site. */
const BROKEN_TEMPLATE = { 'broken-by-request.njk': '---\npermalink: /broken/index.html\n---\n{% if %}\n' };
