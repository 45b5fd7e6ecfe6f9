import type { Article } from '../article.ts';
import { unpackArticle, type StoredArticle } from '../packed-article.ts';
import type { Corpus } from '../pipeline.ts';
import { LazyList } from './write-json.ts';

/**
 * The research export (`newsarchive ingest --json`, `site/data/articles.json`): documented in the
 * README. Field order is fixed so the file diffs well between builds.
 */
export function toExportRecord(a: Article) {
  return {
    id: a.id,
    sourceFile: a.sourceFile,
    sha256: a.sha256,
    byteLength: a.byteLength,
    encoding: a.encoding,
    format: a.format,
    script: a.script,
    url: a.url,
    truncated: a.truncated,
    title: a.title,
    date: a.date,
    outlet: a.outlet,
    site: a.site,
    region: a.region,
    officials: a.officials,
    bylines: a.bylines,
    parts: a.parts,
    text: a.text,
    textHans: a.textHans,
    textHant: a.textHant,
    textHantMachine: a.textHantMachine,
    source: a.source,
    repairs: a.repairs,
    diagnostics: a.diagnostics,
    segments: a.segments,
  };
}

/** Packed articles are unpacked one at a time, as the export is written (see `LazyList`). */
export function toExport(corpus: Corpus<StoredArticle>) {
  return {
    articles: new LazyList(corpus.articles.length, (i) => toExportRecord(unpackArticle(corpus.articles[i]!))),
    people: corpus.people,
    skipped: corpus.skipped,
  };
}
