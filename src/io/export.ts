import { EXPORT_KEYS, type Article, type ExportRecord, type Segment } from '../article.ts';
import { replayRepairs } from '../ingest/repair/edits.ts';
import { toSimplified, toTraditional } from '../text/script.ts';
import { unpackArticle, type StoredArticle } from '../packed-article.ts';
import type { Corpus } from '../article.ts';
import { LazyList } from './write-json.ts';

/**
 * The research export (`newsarchive ingest --json`, `site/articles/<id>/article.json`): every field of
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

/**
 * One line of `data/articles.jsonl`: the export record with each text stored once. Left out,
 * because they follow from what is kept (`expandLineRecord` puts them back):
 * - `textHans` when it equals `text` (a Simplified original), `textHant` when it was
 *   machine-converted (opencc-js, Simplified → Traditional) or equals `text`: null;
 * - the `text` of a segment that is a whole line of the repaired document (most are), which
 *   replaying `repairs` over `source` gives; a segment that is part of a line keeps its text.
 */
export type LineRecord = Omit<ExportRecord, 'textHans' | 'textHant' | 'segments'> & {
  textHans: string | null;
  textHant: string | null;
  segments: Array<Omit<Segment, 'text'> & { text?: string }>;
};

export function toLineRecord(a: Article): LineRecord {
  const r = toExportRecord(a);
  const lines = a.repaired.split('\n');
  return {
    ...r,
    textHans: r.textHans === r.text ? null : r.textHans,
    textHant: r.textHantMachine || r.textHant === r.text ? null : r.textHant,
    segments: r.segments.map((s) => {
      if (lines[s.line - 1] !== s.text) return s;
      const { text: _, ...rest } = s;
      return rest;
    }),
  };
}

/** The whole export record back from a line of `data/articles.jsonl`. */
export function expandLineRecord(l: LineRecord): ExportRecord {
  const lines = replayRepairs(l.source, l.repairs).split('\n');
  const textHans = l.textHans ?? (l.script === 'hant' ? toSimplified(l.text) : l.text);
  return {
    ...l,
    textHans,
    textHant: l.textHant ?? (l.textHantMachine ? toTraditional(l.text) : l.text),
    segments: l.segments.map((s) => ({ ...s, text: s.text ?? lines[s.line - 1] ?? '' })),
  };
}
