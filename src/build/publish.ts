import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentPipelineDigest } from '../io/pipeline-digest.ts';
import { writeDataFiles, writeExportRecord } from '../io/write-data.ts';
import Tinypool from 'tinypool';
import type { PresenceTask } from './presence-worker.ts';
import type { StoredArticle } from '../packed-article.ts';
import type { Corpus } from '../article.ts';
import { silentProgress, type Progress } from './progress.ts';
import { normalizeBase } from './safe-output.ts';
import {
  hashTree,
  packageVersion,
  personSummariesPath,
  readManifest,
  readPersonSummaries,
  readSearchState,
  searchStatePath,
  searchTextsPath,
  sha256,
  writeManifest,
  writePersonSummaries,
} from './reuse.ts';
import type { BodySpool } from '../io/body-spool.ts';
import { INDEX_DIR, packSearchSource, searchSource, spoolSearchSource, type SearchIndexStats } from '../site/search-index.ts';
import { describesLive, type SearchTask } from '../site/search-worker.ts';
import { buildSiteData } from '../site/site-data.ts';
import { copyAssets } from '../site/stage.ts';
import { bundleBrowserScripts } from '../site/browser-scripts.ts';
import { buildSearchIndex, PAGES_PER_RUN, renderPages, type ArticlePage, type ItemLists } from '../site/render.ts';
import { applyInto, recoverInterruptedBuilds, swapInto } from './swap.ts';

export interface PublishOptions {
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
   * Render manifest of the last build into `output` (see src/build/reuse.ts): unchanged article
   * pages and the search index are then taken from the live site instead of being made again.
   * Null or absent: everything is rendered.
   */
  manifestPath?: string | null;
  /** Where the search index's packed texts wait while pages render (a build's: src/io/body-spool.ts); default: in memory. */
  spool?: BodySpool;
}

/** What the last rebuild did: pages rendered vs carried over, and what became of the search index. */
export interface RenderStats {
  pagesRendered: number;
  pagesReused: number;
  searchIndex: 'built' | 'patched' | 'reused' | 'none';
}

/** Temporary folders that builds before 0.2 staged templates in (followed by a process id): removed when found. */
const STAGING_PREFIXES = ['newsarchive-src-', 'newsarchive-items-'];

/** From this many pages the replaced site is deleted in the background (see `swapInto`). */
export const REMOVE_OLD_IN_BACKGROUND_FROM = 2000;

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const SITE_CODE = fileURLToPath(new URL('../site/', import.meta.url));
const IO_CODE = fileURLToPath(new URL('../io/', import.meta.url));

/**
 * Publishes a corpus into `output`: run Eleventy over `templates/` with the site data in memory
 * into a fresh sibling of `output` (for a rebuild, only the pages whose inputs changed since the
 * last build), build the search index beside it, add the data downloads, then swap the new
 * folder in, or for a rebuild put its files into the live site in place (see `applyInto`). Any
 * failure before that leaves the previous site as it was.
 */
export async function publishSite(options: PublishOptions): Promise<RenderStats> {
  const progress = options.progress ?? silentProgress;
  const userLog = options.log ?? (() => {});
  const log = (m: string) => {
    progress.clear();
    userLog(m);
  };
  const base = normalizeBase(options.base ?? '/');
  const output = resolve(options.output);
  for (const note of recoverInterruptedBuilds(output, tmpdir(), STAGING_PREFIXES)) log(note);
  const stagingOut = join(dirname(output), `.${basename(output)}.building-${process.pid}`);
  rmSync(stagingOut, { recursive: true, force: true });
  let search: Promise<SearchIndexStats> | null = null;
  let presence: Promise<string[]> | null = null;
  try {
    let t = performance.now();
    const scripts = bundleBrowserScripts();
    progress.note('site data');
    // Pages are keyed by their inputs, so the code that turns inputs into pages is part of every
    // key: the templates, src/site (as compiled, or as sources under tsx) and the packages it
    // reads text with (script conversion, pinyin).
    const siteCode = sha256(hashTree(SITE_CODE), packageVersion('opencc-js'), packageVersion('pinyin-pro'));
    // The person summaries the last build made, by the digest of their inputs: only the people
    // whose inputs changed are summarized again (see `PersonSummary`).
    const summariesPath = options.manifestPath ? personSummariesPath(options.manifestPath) : null;
    const site = buildSiteData(options.corpus, base, options.siteUrl ?? '', { people: readPersonSummaries(summariesPath, siteCode) });
    const templatesDir = options.templatesDir ?? TEMPLATES;

    // Which pages must be rendered: those whose key differs from the last build's.
    const previous = readManifest(options.manifestPath ?? null, output);
    const context = sha256(hashTree(templatesDir), siteCode, JSON.stringify(options.extraTemplates ?? {}), base, options.siteUrl ?? '', JSON.stringify(site.site), packageVersion('@11ty/eleventy'));
    // A rebuild of a live site made by the same templates and code makes only what changed, and
    // puts it into the live site in place (see `applyInto`); any other build makes the whole site
    // and swaps it in. So the live site's files never include one these templates do not make.
    const inPlace = previous.context === context && existsSync(output);
    const pageKeys: Record<string, string> = {};
    /** Each page kept from the live site, by path: its list and item, should the live site have lost its file. */
    const reusedPages = new Map<string, { list: keyof ItemLists; item: unknown }>();
    /**
     * Keeps the items whose page must be rendered; records every page's key. A page whose key is
     * unchanged is carried over without asking whether the live site still has it (a question per
     * page: a tenth of a second at 4,000 articles); the few a hand deleted are rendered after.
     */
    const toRender = <T>(list: keyof ItemLists, items: readonly T[], relOf: (item: T) => string, keyOf: (item: T) => string): T[] =>
      items.filter((item) => {
        const rel = relOf(item).replace(/^\/+/, '');
        const key = (pageKeys[rel] = sha256(context, keyOf(item), rel));
        const same = inPlace && previous.pages[rel] === key;
        if (same) reusedPages.set(rel, { list, item });
        return !same;
      });
    // Article pages are keyed by what they are made from (see `pageInputsOf`), and only the
    // search part of each view is made here: the whole view is made for the pages rendered, one
    // run at a time (see `withViews`), so views are never all in memory nor made for nothing.
    // A record the live search index holds unchanged is named, not made (see `KeptSource`).
    const articleUrls: string[] = [];
    const articleInputs: string[] = [];
    const searchKeys: string[] = [];
    const spool = options.spool;
    const articlePages: ArticlePage[] = [];
    // The records the live index holds, by address and key (the worker reads the rest of its state).
    const statePath = options.manifestPath ? searchStatePath(options.manifestPath) : null;
    const inLiveIndex = liveRecords(statePath, previous.shards);
    const searchRecord = (i: number) => {
      const packed = packSearchSource(searchSource(site.searchViewOf(i)));
      return { ...(spool ? spoolSearchSource(packed, spool) : packed), key: searchKeys[i]! };
    };
    const searchSources: SearchTask['articles'] = [];
    // An article's `article.json` is its export record: kept from the live site, as its page is,
    // while the article, the export code (src/io) and the schema (in the pipeline digest) are unchanged.
    const dataContext = sha256(hashTree(IO_CODE), currentPipelineDigest(), packageVersion('zod'));
    const keptRecords = new Map<string, number>();
    for (let i = 0; i < site.articleCount; i++) {
      const url = site.urlOf(i);
      articleUrls.push(url);
      articleInputs.push(site.pageInputsOf(i));
      // The search record is made from what the page is made from, by the code in src/site.
      searchKeys.push(sha256(siteCode, 'search', articleInputs[i]!));
      searchSources.push(inLiveIndex.has(url + '\0' + searchKeys[i]!) ? { url, key: searchKeys[i]! } : searchRecord(i));
      // One page per article, holding both scripts (see templates/layouts/article.njk).
      const page: ArticlePage = { article: i, permalink: `${url}index.html` };
      for (const p of toRender(
        'articlePages',
        [page],
        (p) => p.permalink,
        () => `article\0${articleInputs[i]}`,
      ))
        articlePages.push(p);
      const record = `${url}article.json`.replace(/^\/+/, '');
      if ((pageKeys[record] = sha256(dataContext, articleInputs[i]!, record)) === previous.pages[record] && inPlace) keptRecords.set(record, i);
    }
    // The search index is built in a worker thread while the listings are made and Eleventy
    // renders on this one: two cores busy.
    search =
      options.search === false
        ? null
        : buildSearchIndex({ dir: stagingOut, live: output, articles: searchSources, previous: previous.shards, statePath }, () =>
            searchSources.map((s, i) => ('searchText' in s ? s : searchRecord(i))),
          );
    // The other one-page-per-item templates print their item and `site` only: keyed by the item.
    const data = site.data;
    const itemPages = (list: 'outletPages' | 'regionPages' | 'datePages', items: Array<{ url: string }>) =>
      toRender(
        list,
        items,
        (i) => `${i.url}index.html`,
        (i) => `${list.replace(/Pages$/, '')}\0${data.itemKey(i)}`,
      );
    const pagination = {
      articlePages,
      // A person page is keyed by what it is made from (see `personViews`), not by its view:
      // the views of the pages kept are never made whole.
      personPages: toRender(
        'personPages',
        data.people,
        (p) => `${p.url}index.html`,
        (p) => `person\0${data.personInputs.get(p.id)!}`,
      ),
      outletPages: itemPages('outletPages', data.outlets.list),
      regionPages: itemPages('regionPages', data.regions.list),
      datePages: itemPages('datePages', data.dates),
    };
    const rendered = Object.values(pagination).reduce((n, list) => n + list.length, 0);
    // Whether the live site still has the files kept, asked on another thread while Eleventy
    // renders (a question per file); a hand may have deleted some.
    presence = missingFrom(output, [...reusedPages.keys(), ...keptRecords.keys()]);
    presence.catch(() => {}); // awaited after Eleventy; a failure meanwhile must not go unhandled

    progress.note('pages (Eleventy)');
    const render = (lists: typeof pagination) =>
      renderPages({
        outputDir: stagingOut,
        templatesDir,
        ...(options.extraTemplates ? { extraTemplates: options.extraTemplates } : {}),
        base,
        site,
        pagination: lists,
        searchWith: options.searchWith ?? [],
        pagesPerRun: options.pagesPerRun ?? PAGES_PER_RUN,
        log,
        progress,
      });
    const runCount = await render(pagination);
    // Static assets are copied after Eleventy succeeds (its passthrough copy runs alongside
    // rendering and would still be writing when a failed build's folder is removed).
    await scripts;
    copyAssets(templatesDir, stagingOut);
    log(`rendered with Eleventy: ${rendered} item pages${runCount > 1 ? ` in ${runCount} runs` : ''}, ${reusedPages.size} unchanged kept, and every index (${Math.round(performance.now() - t)} ms)`);
    const urlOf = new Map(articleUrls.map((url, i) => [i, url]));
    const byKey = new Map(options.corpus.articles.map((a, i) => [a.id + '\0' + a.sourceFile, urlOf.get(i)!]));
    const pageOf = (id: string, file: string) => byKey.get(id + '\0' + file) ?? '';
    progress.note('data exports');
    const keptIndices = new Set(keptRecords.values());
    // `data/people.json` is made from each person's record and page address, which their page's
    // inputs include: while every person's are unchanged, and the export code, the file is the
    // live site's.
    const peopleKey = sha256(dataContext, base, ...data.people.map((p) => `${p.id}\0${data.personInputs.get(p.id)!}`));
    const { lines } = writeDataFiles(stagingOut, options.corpus, pageOf, base, undefined, {
      live: output,
      hasRecord: (i) => keptIndices.has(i),
      lines: previous.lines ?? null,
      people: inPlace && previous.people === peopleKey,
    });
    // What the live site lost (deleted by hand) is made again: a record written, a page rendered
    // (in one more Eleventy run, into the new files: nothing kept from the live site is there).
    const lost: typeof pagination = { articlePages: [], personPages: [], outletPages: [], regionPages: [], datePages: [] };
    let lostPages = 0;
    for (const rel of await presence) {
      const i = keptRecords.get(rel);
      if (i !== undefined) writeExportRecord(stagingOut, options.corpus.articles[i]!, pageOf);
      else {
        const { list, item } = reusedPages.get(rel)!;
        (lost[list] as unknown[]).push(item);
        lostPages++;
      }
    }
    if (lostPages) {
      await render(lost);
      log(`rendered again: ${lostPages} page${lostPages > 1 ? 's' : ''} the live site no longer had`);
    }
    // A sitemap must list absolute URLs: without the site's address there is none to write.
    if (!options.siteUrl) rmSync(join(stagingOut, 'sitemap.xml'), { force: true });
    t = performance.now();
    const stats = search ? await search : null;
    if (stats) log(`search index: ${stats.records} records, ${searchIndexNote(stats)} (${stats.ms} ms)`);
    if (inPlace) {
      // Unread until written again: a build killed while the files are put in place leaves no
      // manifest, and the next build makes the whole site.
      rmSync(options.manifestPath!, { force: true });
      applyInto(stagingOut, output, {
        pageFolders: new Set(Object.keys(pageKeys).map((rel) => rel.split('/')[0]!)),
        removed: Object.keys(previous.pages).filter((rel) => pageKeys[rel] === undefined),
      });
    } else swapInto(stagingOut, output, { removeOldInBackground: Object.keys(pageKeys).length >= REMOVE_OLD_IN_BACKGROUND_FROM });
    if (options.manifestPath) {
      writeManifest(options.manifestPath, { version: 1, output, context, pages: pageKeys, shards: stats ? { [INDEX_DIR]: stats.key } : {}, lines, people: peopleKey });
      writePersonSummaries(summariesPath!, siteCode, data.personSummaries);
      // The state of the index now live, or none (a stale one would describe another index).
      if (stats?.stateFile) renameSync(stats.stateFile, statePath!);
      else rmSync(statePath!, { force: true });
      if (stats?.textsFile) renameSync(stats.textsFile, searchTextsPath(statePath!));
      else if (!stats?.stateFile) rmSync(searchTextsPath(statePath!), { force: true });
    }
    log(`site written to ${output}${base === '/' ? '' : ` for base ${base}`}`);
    return { pagesRendered: rendered + lostPages, pagesReused: reusedPages.size - lostPages, searchIndex: !stats ? 'none' : stats.reused ? 'reused' : stats.patched !== null ? 'patched' : 'built' };
  } catch (err) {
    // The workers may still be writing into the folder: let them finish (or fail) first.
    await presence?.catch(() => null);
    const stats = await search?.catch(() => null);
    if (stats?.stateFile) rmSync(stats.stateFile, { force: true });
    if (stats?.textsFile) rmSync(stats.textsFile, { force: true });
    rmSync(stagingOut, { recursive: true, force: true });
    throw new Error(`site build failed; the previous site (if any) is unchanged: ${messages(err)}`, { cause: err });
  } finally {
    progress.clear();
  }
}

// Plain JavaScript when compiled; through tsx from the sources (see src/build/ingest.ts).
const PRESENCE_WORKER = fileURLToPath(new URL(new URL(import.meta.url).pathname.endsWith('.ts') ? './presence-worker.mjs' : './presence-worker.js', import.meta.url));

/** Which of these files (site-relative) `live` no longer has, found on a worker thread (src/build/presence-worker.ts). */
async function missingFrom(live: string, rels: string[]): Promise<string[]> {
  if (!rels.length) return [];
  const pool = new Tinypool({ filename: PRESENCE_WORKER, minThreads: 1, maxThreads: 1 });
  try {
    return (await pool.run({ live, rels } satisfies PresenceTask)) as string[];
  } finally {
    await pool.destroy();
  }
}

/**
 * `url \0 key` of every record in the live index whose text is kept beside its state (see
 * src/site/search-texts.ts), from its state when that describes it. A record without its text
 * (kept by a build before texts were) is sent again with it, once.
 */
function liveRecords(statePath: string | null, shards: Record<string, string>): Set<string> {
  const state = readSearchState(statePath);
  return new Set(state && describesLive(state, shards) ? state.docs.filter((d) => d.text).map((d) => d.url + '\0' + d.key) : []);
}

function searchIndexNote(s: SearchIndexStats): string {
  if (s.reused) return 'unchanged, kept';
  if (s.patched !== null) return `patched: ${s.patched} records indexed again, ${s.buckets} buckets written`;
  return `${s.buckets} buckets in ${s.passes} pass${s.passes > 1 ? 'es' : ''}`;
}

/** Eleventy wraps the real reason in a chain (`cause` or `originalError`): show it all. */
function messages(err: unknown): string {
  const out: string[] = [];
  const next = (e: Error): unknown => e.cause ?? (e as Error & { originalError?: unknown }).originalError;
  for (let e: unknown = err; e instanceof Error && out.length < 6; e = next(e)) out.push(e.message);
  return out.join(' ← ');
}
