import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eleventy } from '@11ty/eleventy';
import Tinypool from 'tinypool';
import { readInputDir } from '../io/read-input.ts';
import { writeDataFiles } from '../io/write-data.ts';
import { ArticleCache, defaultCacheDir } from '../io/cache.ts';
import { ingestCorpusParallel } from '../io/parallel.ts';
import type { PackedArticle, StoredArticle } from '../packed-article.ts';
import type { Corpus } from '../pipeline.ts';
import configure from './eleventy.config.ts';
import { createProgress, type Progress } from './progress.ts';
import { articlesInSite, EmptyArchiveError, publishedIds } from './live-site.ts';
import { assertSafeOutput, normalizeBase } from './safe-output.ts';
import { carryOver, hashTree, packageVersion, readManifest, sha256, writeManifest } from './reuse.ts';
import { INDEX_DIR, packSearchSource, searchSource, type PackedSearchSource, type SearchIndexStats } from './search-index.ts';
import type { ArticleView } from './article-view.ts';
import type { SearchTask } from './search-worker.ts';
import { buildSiteData } from './site-data.ts';
import { copyAssets, itemTemplates, stageInput, stageItemInput } from './stage.ts';
import { recoverInterruptedBuilds, swapInto } from './swap.ts';

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
}

export interface RenderOptions {
  /** Whole or packed articles (a build's are packed: see src/packed-article.ts). */
  corpus: Corpus<StoredArticle>;
  output: string;
  base?: string;
  siteUrl?: string;
  /** See `BuildOptions.searchWith`. */
  searchWith?: string[];
  log?: (message: string) => void;
  /** Folder of templates; defaults to the project's `templates/`. */
  templatesDir?: string;
  /** Extra files dropped into Eleventy's input (tests use it to inject a failing template). */
  extraTemplates?: Record<string, string>;
  /** Skip the search index (fast tests of page rendering). */
  search?: boolean;
  /** Per-stage counters; default: on stderr when it is a terminal, silent otherwise. */
  progress?: Progress;
  /**
   * Item pages (articles, people, outlets, regions, dates) per Eleventy run (default
   * `PAGES_PER_RUN`): Eleventy keeps every page it renders in memory until its run ends, so a
   * large archive is rendered in several runs. The output is the same whatever the size.
   */
  pagesPerRun?: number;
  /**
   * Render manifest of the last build into `output` (see src/site/reuse.ts): unchanged article
   * pages and the search index are then taken from the live site instead of being made again.
   * Null or absent: everything is rendered.
   */
  manifestPath?: string | null;
}

/** What the last rebuild did: pages rendered vs carried over, and what became of the search index. */
export interface RenderStats {
  pagesRendered: number;
  pagesReused: number;
  searchIndex: 'built' | 'reused' | 'none';
}

/**
 * See `RenderOptions.pagesPerRun`: about 0.1 GB of Eleventy's memory per 1,000 pages. Runs of
 * 2,000 pages build 4,000 articles as fast as runs of 4,000 (79 s and 83 s, measured).
 */
export const PAGES_PER_RUN = 2000;

/** Temporary folders of a build, followed by its process id. */
const STAGING_PREFIXES = ['newsarchive-src-', 'newsarchive-items-'];

/** From this many pages the replaced site is deleted in the background (see `swapInto`). */
export const REMOVE_OLD_IN_BACKGROUND_FROM = 2000;

/** The in-memory lists that item templates paginate over (see templates/pages/*.njk). */
const ITEM_LISTS = ['articlePages', 'personPages', 'outletPages', 'regionPages', 'datePages'] as const;
type ItemLists = Record<(typeof ITEM_LISTS)[number], unknown[]>;

/**
 * Splits the item pages into runs of at most `size` pages, in order. The first run also renders
 * every other page (indexes, feeds, search): there is always one.
 */
export function renderRuns(lists: ItemLists, size: number): ItemLists[] {
  const runs: ItemLists[] = [];
  const empty = (): ItemLists => Object.fromEntries(ITEM_LISTS.map((k) => [k, []])) as unknown as ItemLists;
  let run = empty();
  let count = 0;
  for (const kind of ITEM_LISTS) {
    for (let i = 0; i < lists[kind].length; ) {
      if (count === size) {
        runs.push(run);
        run = empty();
        count = 0;
      }
      const take = lists[kind].slice(i, i + size - count);
      run[kind].push(...take);
      count += take.length;
      i += take.length;
    }
  }
  runs.push(run);
  return runs;
}

/** One article page to render: which article (corpus order), in which script, where. */
interface ArticlePage {
  article: number;
  variant: string;
  permalink: string;
}

/** A run's article pages with their views, as templates/pages/articles.njk reads them. */
function withViews(pages: readonly ArticlePage[], viewOf: (i: number) => ArticleView): Array<{ view: ArticleView; variant: string; permalink: string }> {
  const views = new Map<number, ArticleView>();
  return pages.map((p) => {
    let view = views.get(p.article);
    if (!view) views.set(p.article, (view = viewOf(p.article)));
    return { view, variant: p.variant, permalink: p.permalink };
  });
}

// Plain JavaScript when compiled; through tsx from the sources (see src/io/parallel.ts).
const SEARCH_WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './search-worker.mjs' : './search-worker.js', import.meta.url));

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** A template that fails to compile, for checking that a failed build keeps the old site. */
const BROKEN_TEMPLATE = { 'broken-by-request.njk': '---\npermalink: /broken/index.html\n---\n{% if %}\n' };

/** Ingest a folder of raw articles and build the site from it (see `renderSite`). */
export async function buildSite(options: BuildOptions): Promise<{ corpus: Corpus<PackedArticle>; render: RenderStats }> {
  const progress = options.progress ?? createProgress();
  const userLog = options.log ?? (() => {});
  const log = (m: string) => {
    progress.clear();
    userLog(m);
  };
  assertSafeOutput(options.input, options.output);
  const started = performance.now();
  progress.note('reading input');
  // Ids the live site published stay with their files (see `uniqueArticleIds`).
  const input = readInputDir(resolve(options.input), { previousIds: publishedIds(resolve(options.output)) });
  const { problems } = input;
  const fileCount = input.files.length;
  const cache = options.cache === false ? null : new ArticleCache(defaultCacheDir(resolve(options.output)));
  // Same records as the sequential `ingestCorpus`, byte for byte, over all cores.
  const { stats, ...corpus } = await ingestCorpusParallel(input.files, { cache, onProgress: (stage, done, total) => progress.tick(stage, done, total) });
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
  const inject = process.env.NEWSARCHIVE_INJECT_TEMPLATE_ERROR === '1' ? BROKEN_TEMPLATE : undefined;
  let render: RenderStats;
  try {
    render = await renderSite({
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
    });
  } finally {
    progress.clear();
  }
  return { corpus, render };
}

/**
 * Renders a corpus into `output`: copy the templates to a temporary folder, run Eleventy over
 * them with the site data in memory into a fresh sibling of `output` (only the pages whose
 * inputs changed since the last build; the rest are carried over), build the search index
 * beside it, add the data downloads, then swap the new folder in. Any failure before the swap
 * leaves the previous site as it was.
 */
export async function renderSite(options: RenderOptions): Promise<RenderStats> {
  const progress = options.progress ?? createProgress();
  const userLog = options.log ?? (() => {});
  const log = (m: string) => {
    progress.clear();
    userLog(m);
  };
  const base = normalizeBase(options.base ?? '/');
  const output = resolve(options.output);
  for (const note of recoverInterruptedBuilds(output, tmpdir(), STAGING_PREFIXES)) log(note);
  // The process id in the name lets a later build remove the folders of a killed one.
  const stagingIn = mkdtempSync(join(tmpdir(), `${STAGING_PREFIXES[0]}${process.pid}-`));
  // Input of the runs after the first: item templates only (see `renderRuns`).
  const stagingItems = mkdtempSync(join(tmpdir(), `${STAGING_PREFIXES[1]}${process.pid}-`));
  const stagingOut = join(dirname(output), `.${basename(output)}.building-${process.pid}`);
  rmSync(stagingOut, { recursive: true, force: true });
  let search: Promise<SearchIndexStats> | null = null;
  try {
    let t = performance.now();
    progress.note('site data');
    const site = buildSiteData(options.corpus, base, options.siteUrl ?? '');
    const templatesDir = options.templatesDir ?? TEMPLATES;
    stageInput(stagingIn, { templatesDir, ...(options.extraTemplates ? { extraTemplates: options.extraTemplates } : {}) });

    // Which pages must be rendered: those whose key differs from the last build's.
    const previous = readManifest(options.manifestPath ?? null, output);
    const context = sha256(hashTree(templatesDir), JSON.stringify(options.extraTemplates ?? {}), base, options.siteUrl ?? '', JSON.stringify(site.data.site), packageVersion('@11ty/eleventy'));
    const pageKeys: Record<string, string> = {};
    const reusedPages: string[] = [];
    /** Keeps the items whose page must be rendered; records every page's key. */
    const toRender = <T>(items: readonly T[], relOf: (item: T) => string, keyOf: (item: T) => string): T[] =>
      items.filter((item) => {
        const rel = relOf(item).replace(/^\/+/, '');
        const key = (pageKeys[rel] = sha256(context, keyOf(item), rel));
        const same = previous.pages[rel] === key && existsSync(join(output, rel));
        if (same) reusedPages.push(rel);
        return !same;
      });
    // Article views are made here to key their pages and feed the search index, then dropped:
    // each run of pages makes its own again (see `withViews`), so they are never all in memory.
    const articleUrls: string[] = [];
    const searchSources: PackedSearchSource[] = [];
    const articlePages: ArticlePage[] = [];
    for (let i = 0; i < site.articleCount; i++) {
      const view = site.viewOf(i);
      articleUrls.push(view.url);
      searchSources.push(packSearchSource(searchSource(view)));
      const viewHash = sha256(JSON.stringify(view));
      const pages: ArticlePage[] = [
        { article: i, variant: view.original, permalink: `${view.url}index.html` },
        { article: i, variant: view.original === 'hans' ? 'hant' : 'hans', permalink: `${view.altUrl}index.html` },
      ];
      for (const page of toRender(pages, (p) => p.permalink, (p) => `article\0${viewHash}\0${p.variant}`)) articlePages.push(page);
    }
    // The other one-page-per-item templates print their item and `site` only: same treatment.
    const data = site.data;
    const itemPages = (kind: string, items: Array<{ url: string }>) => toRender(items, (i) => `${i.url}index.html`, (i) => `${kind}\0${JSON.stringify(i)}`);
    const pagination = {
      articlePages,
      personPages: itemPages('person', data.people),
      outletPages: itemPages('outlet', data.outlets.list),
      regionPages: itemPages('region', data.regions.list),
      datePages: itemPages('date', data.dates),
    };
    const rendered = Object.values(pagination).reduce((n, list) => n + list.length, 0);

    // The search index is built in a worker thread while Eleventy renders on this one: two
    // cores busy.
    progress.note('search index and pages (Eleventy)');
    search = options.search === false ? null : indexInWorker({ dir: stagingOut, live: output, articles: searchSources, previous: previous.shards });
    // Eleventy's own console output would interleave with the CLI's; its errors reach the
    // caller through the thrown error, its warnings through `log`.
    const quiet = () => {};
    const warn = (m: string) => (/Benchmark/.test(m) ? undefined : log(`eleventy: ${String(m).replace(/\x1b\[[0-9;]*m/g, '')}`));
    const runs = renderRuns(pagination, Math.max(1, options.pagesPerRun ?? PAGES_PER_RUN));
    if (runs.length > 1) stageItemInput(stagingItems, { templatesDir, items: itemTemplates(templatesDir, ITEM_LISTS) });
    for (const [k, lists] of runs.entries()) {
      if (runs.length > 1) progress.note(`pages (Eleventy run ${k + 1} of ${runs.length}) and search index`);
      const eleventy = new Eleventy(k === 0 ? stagingIn : stagingItems, stagingOut, {
        quietMode: true,
        pathPrefix: base,
        // `searchWith` is read by the search page only, which is always rendered: it is kept out
        // of `site` so that it is not part of every page's key.
        config: (cfg) => configure(cfg, { outputDir: stagingOut, globalData: { ...site.data, ...lists, articlePages: withViews(lists.articlePages as ArticlePage[], site.viewOf), searchWith: options.searchWith ?? [] } }),
      });
      eleventy.logger.overrideLogger({ log: quiet, info: quiet, warn, error: quiet });
      await eleventy.write();
    }
    // After Eleventy, so a carried-over page can never be a file Eleventy writes to.
    const madeDirs = new Set<string>();
    for (const rel of reusedPages) {
      if (!carryOver(output, stagingOut, rel, madeDirs)) throw new Error(`${rel} disappeared from ${output} during the build`);
    }
    // Static assets are copied after Eleventy succeeds (its passthrough copy runs alongside
    // rendering and would still be writing when a failed build's folder is removed).
    copyAssets(stagingIn, stagingOut);
    log(`rendered with Eleventy: ${rendered} item pages${runs.length > 1 ? ` in ${runs.length} runs` : ''}, ${reusedPages.length} unchanged kept, and every index (${Math.round(performance.now() - t)} ms)`);
    const urlOf = new Map(articleUrls.map((url, i) => [i, url]));
    const byKey = new Map(options.corpus.articles.map((a, i) => [a.id + '\0' + a.sourceFile, urlOf.get(i)!]));
    progress.note('data exports');
    writeDataFiles(stagingOut, options.corpus, (id, file) => base.replace(/\/$/, '') + (byKey.get(id + '\0' + file) ?? ''));
    t = performance.now();
    const stats = search ? await search : null;
    if (stats) log(`search index: ${stats.records} records, ${stats.reused ? 'unchanged, kept' : `${stats.buckets} buckets in ${stats.passes} pass${stats.passes > 1 ? 'es' : ''}`} (${stats.ms} ms)`);
    swapInto(stagingOut, output, { removeOldInBackground: Object.keys(pageKeys).length >= REMOVE_OLD_IN_BACKGROUND_FROM });
    if (options.manifestPath) writeManifest(options.manifestPath, { version: 1, output, pages: pageKeys, shards: stats ? { [INDEX_DIR]: stats.key } : {} });
    log(`site written to ${output}${base === '/' ? '' : ` for base ${base}`}`);
    return { pagesRendered: rendered, pagesReused: reusedPages.length, searchIndex: !stats ? 'none' : stats.reused ? 'reused' : 'built' };
  } catch (err) {
    // The search worker may still be writing into the folder: let it finish (or fail) first.
    await search?.catch(() => {});
    rmSync(stagingOut, { recursive: true, force: true });
    throw new Error(`site build failed; the previous site (if any) is unchanged: ${messages(err)}`, { cause: err });
  } finally {
    progress.clear();
    rmSync(stagingIn, { recursive: true, force: true });
    rmSync(stagingItems, { recursive: true, force: true });
  }
}

/** Builds the search index in a worker thread (see src/site/search-worker.ts). */
async function indexInWorker(task: SearchTask): Promise<SearchIndexStats> {
  const pool = new Tinypool({ filename: SEARCH_WORKER, minThreads: 1, maxThreads: 1 });
  try {
    return (await pool.run(task)) as SearchIndexStats;
  } finally {
    await pool.destroy();
  }
}

/** Eleventy wraps the real reason in a chain (`cause` or `originalError`): show it all. */
function messages(err: unknown): string {
  const out: string[] = [];
  const next = (e: Error): unknown => e.cause ?? (e as Error & { originalError?: unknown }).originalError;
  for (let e: unknown = err; e instanceof Error && out.length < 6; e = next(e)) out.push(e.message);
  return out.join(' ← ');
}
