import { resolve } from 'node:path';
import { ArticleCache, defaultCacheDir } from '../io/cache.ts';
import { readInputDir } from '../io/read-input.ts';
import type { ArticlePage } from '../site/render.ts';
import { packSearchSource, searchSource, type PackedSearchSource } from '../site/search-index.ts';
import { buildSiteData } from '../site/site-data.ts';
import { ingestCorpus } from './ingest.ts';

/**
 * The archive's data for `npm run dev` (Eleventy's own `--serve` over `templates/`): the input
 * folder read again and every article taken from the build's cache, so template work needs no
 * re-ingest (an article the cache lacks is ingested, and cached, once). Every page is rendered
 * in one Eleventy run; the search index is written after it.
 */
export async function loadDevSite(options: { input?: string; output?: string } = {}) {
  const input = resolve(options.input ?? process.env.NEWSARCHIVE_INPUT ?? 'seeds');
  const output = resolve(options.output ?? process.env.NEWSARCHIVE_OUTPUT ?? 'site');
  const { files } = readInputDir(input);
  const corpus = await ingestCorpus(files, { cache: new ArticleCache(defaultCacheDir(output)) });
  const site = buildSiteData(corpus, '/');
  const articlePages: Array<ArticlePage & { view: ReturnType<typeof site.viewOf> }> = [];
  const search: PackedSearchSource[] = [];
  for (let i = 0; i < site.articleCount; i++) {
    const view = site.viewOf(i);
    search.push(packSearchSource(searchSource(view)));
    articlePages.push({ article: i, permalink: `${view.url}index.html`, view });
  }
  const d = site.data;
  return {
    articles: corpus.articles.length,
    search,
    globalData: {
      ...d,
      articlePages,
      personPages: d.people,
      outletPages: d.outlets.list,
      regionPages: d.regions.list,
      datePages: d.dates,
      searchWith: [] as string[],
    },
  };
}
