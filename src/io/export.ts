import { EXPORT_KEYS, type Article, type ExportRecord } from '../article.ts';
import { unpackArticle, type StoredArticle } from '../packed-article.ts';
import type { Corpus } from '../article.ts';
import { LazyList } from './write-json.ts';

/**
 * The research export (`newsarchive ingest --json`, `site/data/articles.json`): every field of
 * the article schema not marked internal, in the schema's order, so the file diffs well between
 * builds (see `ArticleSchema` in src/article.ts).
 */
export function toExportRecord(a: Article): ExportRecord {
  const out: Record<string, unknown> = {};
  for (const key of EXPORT_KEYS) out[key] = a[key];
  return out as ExportRecord;
}

/** Packed articles are unpacked one at a time, as the export is written (see `LazyList`). */
export function toExport(corpus: Corpus<StoredArticle>) {
  return {
    articles: new LazyList(corpus.articles.length, (i) => toExportRecord(unpackArticle(corpus.articles[i]!))),
    people: corpus.people,
    skipped: corpus.skipped,
  };
}
