import type { Article, ArticleMeta } from '../../article.ts';
import { toSimplified } from '../../text/script.ts';
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
 * Extractors of further fields, run after the built-in ones (so they may read them) and before
 * curator overrides: one entry per field, `key: (article) => value`. A field added to
 * `ArticleSchema` with a label is listed here and nowhere else (see README, "Adding a field").
 */
const FIELD_EXTRACTORS: { [K in keyof Article]?: (a: Article) => Article[K] } = {};

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
  for (const [key, extract] of Object.entries(FIELD_EXTRACTORS) as Array<[keyof Article, (a: Article) => unknown]>) {
    (a as Record<string, unknown>)[key] = extract(a);
  }
  if (options.override) a = applyOverrides(a, options.override);
  return a;
}

/**
 * Corpus pass for year-less dates: an article without a year and without a suggestion from its
 * own text gets one from dated articles that share a reporter or author (names compared in
 * Simplified). Still only a `suggestedYear`, with the reasoning. Call after every article has
 * been extracted (e.g. at the end of `ingestCorpus`). Pure: returns new records. Reads metadata;
 * `whole` gives the whole article (its lines) for the few that get a suggestion.
 */
export function suggestYearsFromCorpus<A extends ArticleMeta>(articles: A[], whole: (a: A) => Article): A[] {
  // Names are converted once per article, and dated articles are found through an index by
  // name: comparing every undated article with every dated one grew with the square of the corpus.
  const namesOf = new Map<A, string[]>();
  const people = (a: A) => {
    let names = namesOf.get(a);
    if (!names) namesOf.set(a, (names = [...new Set([...a.bylines.reporters, ...a.bylines.authors].map(toSimplified))]));
    return names;
  };
  const needsYear = (a: A) => !!a.date && a.date.year === null && !a.date.suggestedYear && a.date.month !== null;
  if (!articles.some(needsYear)) return [...articles];
  const dated = articles.filter((a) => a.date?.year != null);
  const byName = new Map<string, number[]>();
  dated.forEach((o, i) => {
    for (const n of people(o)) (byName.get(n) ?? byName.set(n, []).get(n)!).push(i);
  });
  return articles.map((a) => {
    if (!needsYear(a)) return a;
    const mine = new Set(people(a));
    // The dated articles sharing a name, in corpus order (as the evidence lists them).
    const related = [...new Set([...mine].flatMap((n) => byName.get(n) ?? []))].sort((x, y) => x - y).map((i) => dated[i]!);
    const relatedYears = related.flatMap((o) => {
      if (o === a) return [];
      const shared = people(o).filter((n) => mine.has(n));
      return shared.length ? [{ year: o.date!.year!, reason: `same reporter/author ${shared.join('、')} in ${o.id} (dated ${o.date!.value})` }] : [];
    });
    if (!relatedYears.length) return a;
    const { date } = extractDate(whole(a), { relatedYears });
    return date.suggestedYear ? { ...a, date: { ...a.date!, suggestedYear: date.suggestedYear } } : a;
  });
}
