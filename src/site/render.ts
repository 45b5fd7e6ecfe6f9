import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { ArticleView } from './article-view.ts';
import configure from './eleventy.config.ts';
import type { Progress } from '../build/progress.ts';
import type { SearchIndexStats } from './search-index.ts';
import type { SearchTask } from './search-worker.ts';
import type { SiteData } from './site-data.ts';
import { itemTemplates, pageTemplates } from './stage.ts';

/**
 * Rendering: Eleventy over the staged templates with the site data in memory, and the search
 * index beside it. What to render, where it goes and when it is published is src/build's.
 */

/**
 * See `RenderOptions.pagesPerRun`: about 0.1 GB of Eleventy's memory per 1,000 pages. Runs of
 * 2,000 pages build 4,000 articles as fast as runs of 4,000 (79 s and 83 s, measured).
 */
export const PAGES_PER_RUN = 2000;

/** The in-memory lists that item templates paginate over (see templates/pages/*.njk). */
export const ITEM_LISTS = ['articlePages', 'personPages', 'outletPages', 'regionPages', 'datePages'] as const;
export type ItemLists = Record<(typeof ITEM_LISTS)[number], unknown[]>;

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

/** One article page to render: which article (corpus order), where. */
export interface ArticlePage {
  article: number;
  permalink: string;
}

/**
 * A run's article pages, as templates/pages/articles.njk reads them: each page's view is made
 * when the page reads it (`entry.view`), not for the whole run beforehand, so it becomes garbage
 * once its page is rendered instead of living, and being copied by the garbage collector, until
 * the run ends. Nunjucks reads a member twice per lookup (`typeof obj[k]`, then `obj[k]`): a
 * WeakRef keeps the view for the second read (a WeakRef's target survives the current job)
 * without keeping it alive after.
 */
function withViews(pages: readonly ArticlePage[], viewOf: (i: number) => ArticleView): Array<{ readonly view: ArticleView; permalink: string }> {
  return pages.map((p) => {
    let last: WeakRef<ArticleView> | undefined;
    return {
      permalink: p.permalink,
      get view() {
        let view = last?.deref();
        if (!view) last = new WeakRef((view = viewOf(p.article)));
        return view;
      },
    };
  });
}

export interface RenderPagesOptions {
  /** Eleventy's input: the project's `templates/` (read in place, never copied). */
  templatesDir: string;
  /** Extra templates by name (tests inject a failing one), added as Eleventy virtual templates. */
  extraTemplates?: Record<string, string>;
  outputDir: string;
  base: string;
  site: SiteData;
  /** The item pages to render, by list (see `ITEM_LISTS`). */
  pagination: ItemLists & { articlePages: ArticlePage[] };
  searchWith: string[];
  pagesPerRun: number;
  log: (message: string) => void;
  progress: Progress;
}

/**
 * Eleventy, imported without its ESM resolve hook. The hook makes a changed JavaScript file
 * import afresh in watch mode (Eleventy issue 3270); a build imports nothing twice, and on
 * Node 20 the hook runs on a loader thread that every later import of the process waits for
 * (0.1 s of a rebuild). Eleventy's own switch for it (issue 3371) is read once, at its import:
 * it is set for that moment only, so that an `eleventy --serve` started from here keeps the hook.
 */
async function loadEleventy(): Promise<typeof import('@11ty/eleventy').Eleventy> {
  const asked = process.env.ELEVENTY_SKIP_ESM_RESOLVER;
  process.env.ELEVENTY_SKIP_ESM_RESOLVER = '1';
  try {
    return (await import('@11ty/eleventy')).Eleventy;
  } finally {
    if (asked === undefined) delete process.env.ELEVENTY_SKIP_ESM_RESOLVER;
    else process.env.ELEVENTY_SKIP_ESM_RESOLVER = asked;
  }
}

/**
 * Renders the pages with Eleventy over `templates/`, in runs of at most `pagesPerRun` item pages
 * (one Eleventy setup; a run after the first ignores every template but the item ones); returns
 * the run count.
 */
export async function renderPages(o: RenderPagesOptions): Promise<number> {
  const { site, log, progress } = o;
  const Eleventy = await loadEleventy();
  // Eleventy's own console output would interleave with the CLI's; its errors reach the
  // caller through the thrown error, its warnings through `log`.
  const quiet = () => {};
  const warn = (m: string) => (/Benchmark/.test(m) ? undefined : log(`eleventy: ${String(m).replace(/\x1b\[[0-9;]*m/g, '')}`));
  const runs = renderRuns(o.pagination, Math.max(1, o.pagesPerRun));
  const items = new Set(itemTemplates(o.templatesDir, ITEM_LISTS));
  const others = pageTemplates(o.templatesDir).filter((rel) => !items.has(rel));
  for (const [k, lists] of runs.entries()) {
    if (runs.length > 1) progress.note(`pages (Eleventy run ${k + 1} of ${runs.length}) and search index`);
    const eleventy = new Eleventy(o.templatesDir, o.outputDir, {
      quietMode: true,
      pathPrefix: o.base,
      // `searchWith` is read by the search page only, which is always rendered: it is kept out
      // of `site` so that it is not part of every page's key.
      config: (cfg) => {
        configure(cfg, {
          outputDir: o.outputDir,
          globalData: { ...site.data, ...lists, articlePages: withViews(lists.articlePages as ArticlePage[], site.viewOf), searchWith: o.searchWith },
        });
        if (k === 0) for (const [name, text] of Object.entries(o.extraTemplates ?? {})) cfg.addTemplate(name, text);
        else for (const rel of others) cfg.ignores.add(join(o.templatesDir, rel));
      },
    });
    eleventy.logger.overrideLogger({ log: quiet, info: quiet, warn, error: quiet });
    await eleventy.write();
  }
  return runs.length;
}

// Plain JavaScript when compiled; through tsx from the sources (see src/build/ingest.ts).
const SEARCH_WORKER = fileURLToPath(new URL(new URL(import.meta.url).pathname.endsWith('.ts') ? './search-worker.mjs' : './search-worker.js', import.meta.url));

/**
 * Builds the search index in a worker thread (see src/site/search-worker.ts). A build leaves the
 * texts in its spool file for the worker to read (src/io/body-spool.ts); texts in memory are copied.
 * `withTexts` gives every record with its texts, if the worker asks for them.
 */
export async function buildSearchIndex(task: SearchTask, withTexts: () => SearchTask['articles'] = () => task.articles): Promise<SearchIndexStats> {
  const pool = new Tinypool({ filename: SEARCH_WORKER, minThreads: 1, maxThreads: 1 });
  try {
    // Null: records were sent as kept ones and the index must be made whole (see the worker).
    const stats = (await pool.run(task)) as SearchIndexStats | null;
    return stats ?? ((await pool.run({ ...task, articles: withTexts(), previous: {} })) as SearchIndexStats);
  } finally {
    await pool.destroy();
  }
}
