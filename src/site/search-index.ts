import * as pagefind from 'pagefind';
import type { ArticleView } from './article-view.ts';

export interface SearchIndexStats {
  records: number;
  ms: number;
  /** Time spent handing records to Pagefind (the rest is building and writing the index). */
  addMs: number;
}

/** Records sent to the Pagefind service at once: one round trip each is slow. */
const BATCH = 64;

/**
 * Writes a Pagefind index to `<dir>/pagefind/`. Pagefind keeps one index per language and does
 * not fold scripts, so every article is added once as a custom record holding its Simplified
 * text (title, names, body) with a forced `zh` language; the search page converts the query to
 * Simplified, and one index then serves both scripts. Record URLs are root-relative; the UI
 * adds the base path.
 */
export async function writeSearchIndex(dir: string, articles: readonly ArticleView[]): Promise<SearchIndexStats> {
  const started = performance.now();
  let addMs = 0;
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  try {
    const record = (a: ArticleView) => ({
      url: a.url,
      content: a.searchText,
      language: 'zh',
      meta: { title: a.title, date: a.date.zh, ...(a.outlet ? { outlet: a.outlet } : {}) },
      filters: a.filters,
    });
    const t0 = performance.now();
    for (let i = 0; i < articles.length; i += BATCH) {
      const batch = articles.slice(i, i + BATCH);
      const results = await Promise.all(batch.map((a) => index.addCustomRecord(record(a))));
      results.forEach((res, j) => {
        if (res.errors.length) throw new Error(`pagefind (${batch[j]!.id}): ${res.errors.join('; ')}`);
      });
    }
    addMs = performance.now() - t0;
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  return { records: articles.length, ms: Math.round(performance.now() - started), addMs: Math.round(addMs) };
}
