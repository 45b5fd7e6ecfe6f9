import type { Article } from '../../article.ts';
import { toSimplified } from '../script.ts';
import { extractBylines } from './bylines.ts';
import { extractDate, type DateHints } from './date.ts';
import { extractOfficials } from './officials.ts';
import { applyOverrides } from './overrides.ts';
import { extractParts } from './parts.ts';
import { extractRegion } from './region.ts';
import { extractSource } from './source.ts';
import { extractTitle } from './title.ts';

export interface ExtractOptions {
  /** Curator overrides read from `<id>.meta.yml` (data only, never code). */
  override?: Record<string, unknown> | null;
  /**
   * Context from other articles for a year-less date (e.g. years of dated articles by the same
   * reporter). Only ever a `suggestedYear`, never the value.
   */
  dateHints?: DateHints;
}

/**
 * Metadata extraction over a segmented, script-converted article. Order matters: title, date,
 * source (outlet/site), bylines, officials, parts, region (it weighs officials' posts), then
 * curator overrides last. Pure.
 */
export function extractMetadata(article: Article, options: ExtractOptions = {}): Article {
  let a: Article = { ...article, diagnostics: [...article.diagnostics] };
  a.title = extractTitle(a);
  const date = extractDate(a, options.dateHints ?? {});
  a.date = date.date;
  a.diagnostics.push(...date.diagnostics);
  const source = extractSource(a);
  a.outlet = source.outlet;
  a.site = source.site;
  a.diagnostics.push(...source.diagnostics);
  a.bylines = extractBylines(a);
  a.officials = extractOfficials(a);
  a.parts = extractParts(a);
  a.region = extractRegion(a);
  if (options.override) a = applyOverrides(a, options.override);
  return a;
}

/**
 * Corpus pass for year-less dates: an article without a year and without a suggestion from its
 * own text gets one from dated articles that share a reporter or author (names compared in
 * Simplified). Still only a `suggestedYear`, with the reasoning. Call after every article has
 * been extracted (e.g. at the end of `ingestCorpus`). Pure: returns new records.
 */
export function suggestYearsFromCorpus(articles: Article[]): Article[] {
  const people = (a: Article) => new Set([...a.bylines.reporters, ...a.bylines.authors].map(toSimplified));
  const dated = articles.filter((a) => a.date?.year != null);
  return articles.map((a) => {
    if (!a.date || a.date.year !== null || a.date.suggestedYear || a.date.month === null) return a;
    const mine = people(a);
    const relatedYears = dated.flatMap((o) => {
      if (o === a) return [];
      const shared = [...people(o)].filter((n) => mine.has(n));
      return shared.length ? [{ year: o.date!.year!, reason: `same reporter/author ${shared.join('、')} in ${o.id} (dated ${o.date!.value})` }] : [];
    });
    if (!relatedYears.length) return a;
    const { date } = extractDate(a, { relatedYears });
    return date.suggestedYear ? { ...a, date: { ...a.date, suggestedYear: date.suggestedYear } } : a;
  });
}
