import { fieldText, LISTED_FIELDS, type Article, type ArticleMeta, type Part, type Repair } from '../article.ts';
import { toSimplified, toTraditional } from '../text/script.ts';
import { type Citation, citationsOf } from './citation.ts';
import { carryMarks, markRepairs, type Run, sourceLinesOf } from './repair-marks.ts';
import { REPAIR_NOTES, ruleName } from './rule-notes.ts';
import { describeDate, type DateLabel } from './date-label.ts';
import { type FactWhy, whyDate, whyField, whyOfficial, whyRegion } from './fact-evidence.ts';

/** Every URL a page needs, resolved once from stable ids (never from titles). */
export interface UrlMap {
  article: Map<string, string>;
  person: Map<string, string>;
  outlet: Map<string, string>;
  /** The page of a name an article credits (reporter, editor…), as written there; null if none. */
  reporter: (articleId: string, name: string) => string | null;
}

export type Variant = 'hans' | 'hant';

/**
 * A row of the repairs table (see `repairRowsHtml` in src/site/html.ts): one repair, or several
 * that are the same in every column but where they were made (see `groupRepairRows`).
 */
export interface RepairRow {
  rule: string;
  /** Plain-words name of the rule (src/site/rule-notes.ts). */
  name: string;
  /** Where, in the raw text (numbered on the page), from the top: each line once, with how many times. */
  lines: Array<{ line: number; times: number }>;
  /** How many repairs the row stands for: the sum of `lines`' times. */
  count: number;
  before: string;
  after: string;
  confidence: string;
  uncertain: boolean;
  evidence: string;
  candidates: string;
}

/**
 * One text in both scripts. An article page holds both and a CSS toggle shows one (see
 * templates/layouts/article.njk): one page per article, and names, posts, the outlet and the
 * citation follow the chosen script as the body does.
 */
export interface Scripted {
  hans: string;
  hant: string;
}

export interface Summary {
  id: string;
  url: string;
  title: string;
  lang: string;
  date: DateLabel;
  outlet: string | null;
  outletUrl: string | null;
  regionLabel: string | null;
}

export interface ArticleView extends Summary {
  slug: string;
  /** Script of the original text: the one the page shows first. */
  original: Variant;
  titles: Scripted;
  subtitle: Scripted | null;
  titleDerived: boolean;
  outletNames: Scripted | null;
  site: Scripted | null;
  sourceUrl: string | null;
  region: Array<{ name: Scripted; url: string }>;
  officials: Array<{ name: Scripted; nameHans: string; posts: Scripted; role: string; url: string | null; why: FactWhy }>;
  bylines: Array<{ label: string; names: Array<{ name: Scripted; url: string | null }> }>;
  /** Where the date, outlet and region came from, shown on demand (see src/site/fact-evidence.ts). */
  why: { date: FactWhy; outlet: FactWhy; region: FactWhy };
  /** Listed fields of the schema (see LISTED_FIELDS) that have a value, with their evidence. */
  facts: Array<{ label: string; value: string; evidence: string }>;
  /** The body's paragraphs as plain text (the search index's excerpt). */
  bodies: Record<Variant, string[]>;
  /** The same paragraphs in runs, the repaired ones marked (see src/site/repair-marks.ts). */
  bodyRuns: Record<Variant, Run[][]>;
  /** How many runs are marked as repaired (the page offers the marks only when there are some). */
  markedCount: number;
  parts: Record<Variant, Array<{ title: string; byline: string; paragraphs: string[] }>>;
  textHantMachine: boolean;
  /** Repairs by rule, most frequent first, with how many of each are uncertain, named in plain words (src/site/rule-notes.ts). */
  repairSummary: Array<{ rule: string; name: string; note: string; count: number; uncertain: number }>;
  /** Every repair, the uncertain ones (medium or low confidence, or a `�` left) first; equal ones in one row. */
  repairs: RepairRow[];
  /** How many repairs the rows stand for (`repairs` has one row per group of equal repairs). */
  repairCount: number;
  uncertainCount: number;
  diagnostics: Array<{ rule: string; severity: string; message: string }>;
  source: string;
  sourceFile: string;
  sha256: string;
  encoding: string;
  truncated: boolean;
  cite: string;
  /** The citation in each format and script, split around the page's address (see src/site/citation.ts). */
  citations: Record<Variant, Citation[]>;
  meta: Array<{ name: string; content: string }>;
  jsonLd: Record<string, unknown>;
  searchText: string;
  filters: { region: string[]; outlet: string[]; year: string[]; person: string[] };
}

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** One repair as the table shows it, before equal ones are grouped. */
export type RepairCells = Omit<RepairRow, 'lines' | 'count'> & { line: number };

/**
 * The repairs table's rows: repairs equal in every column but the line share one row, which lists
 * their lines (each once, with a count, from the top), at the place of the first. A body
 * with 100 half-width commas had 100 identical rows, a third of an article page's bytes over the
 * generated corpus; each repair stays one record in `article.json` and the exports.
 */
export function groupRepairRows(cells: readonly RepairCells[]): RepairRow[] {
  const groups = new Map<string, { first: RepairCells; lines: number[] }>();
  for (const c of cells) {
    const key = [c.rule, c.before, c.after, c.confidence, c.uncertain, c.evidence, c.candidates].join('\u0000');
    const group = groups.get(key);
    if (group) group.lines.push(c.line);
    else groups.set(key, { first: c, lines: [c.line] });
  }
  return [...groups.values()].map(({ first: { line: _, ...columns }, lines }) => ({ ...columns, lines: countEqualRuns(lines.sort((x, y) => x - y)), count: lines.length }));
}

/** Sorted line numbers as each line once with how many times it occurs. */
function countEqualRuns(sorted: readonly number[]): Array<{ line: number; times: number }> {
  const out: Array<{ line: number; times: number }> = [];
  for (const line of sorted) {
    const last = out.at(-1);
    if (last?.line === line) last.times++;
    else out.push({ line, times: 1 });
  }
  return out;
}

/** Repairs often touch only whitespace: make it visible in the repairs table. */
function visible(s: string): string {
  if (s === '') return '∅';
  return s
    .replace(/\u00a0/g, '⍽')
    .replace(/\u3000/g, '□')
    .replace(/ /g, '␠')
    .replace(/\r?\n/g, '↵')
    .replace(/\t/g, '⇥');
}

const ROLE_LABEL: Record<string, string> = { interviewee: '受访', present: '出席', mentioned: '提及' };

const BYLINE_LABEL: Array<[keyof Article['bylines'], string]> = [
  ['reporters', '记者 Reporters'],
  ['authors', '作者 Authors'],
  ['editors', '编辑 Editors'],
  ['chiefEditors', '责任编辑 Chief editors'],
  ['reviewers', '审核 Reviewers'],
];

/** Province → city → county path with its index URLs (see `regionNodes`). */
export function regionPath(a: ArticleMeta): Array<{ key: string; name: string; level: 'province' | 'city' | 'county' }> {
  const r = a.region;
  if (!r) return [];
  const code = r.code && /^\d{6}$/.test(r.code) ? r.code : null;
  const out: Array<{ key: string; name: string; level: 'province' | 'city' | 'county' }> = [];
  const levels: Array<['province' | 'city' | 'county', string | null, string | null]> = [
    ['province', r.province, code ? code.slice(0, 2) + '0000' : null],
    ['city', r.city, code && code.slice(2, 4) !== '00' ? code.slice(0, 4) + '00' : null],
    ['county', r.county, code && code.slice(4) !== '00' ? code : null],
  ];
  let path = '';
  for (const [level, name, levelCode] of levels) {
    if (!name) continue;
    path += '/' + name;
    // A GB/T 2260 code is the permanent key; without one, the names path is.
    out.push({ key: levelCode ?? `name:${path}`, name, level });
  }
  return out;
}

export function summaryOf(a: ArticleMeta, urls: UrlMap): Summary {
  const outlet = a.outlet?.value ?? null;
  const region = regionPath(a);
  return {
    id: a.id,
    url: urls.article.get(a.id)!,
    title: a.title?.value || `（无标题）${a.id}`,
    lang: a.script === 'hant' ? 'zh-Hant' : a.script === 'hans' ? 'zh-Hans' : 'zh',
    date: describeDate(a.date),
    outlet,
    // Outlets are keyed by their Simplified form (one outlet across scripts, see site-data.ts).
    outletUrl: outlet ? (urls.outlet.get(toSimplified(outlet)) ?? null) : null,
    regionLabel: region.length ? region.map((r) => r.name).join(' ') : null,
  };
}

/** A repair a reader should check: not sure of itself, or a character left unknown. */
const isUncertain = (r: Repair) => r.confidence !== 'high' || r.after.includes('\ufffd');

function partView(p: Part, convert: (s: string) => string) {
  const by = [p.interviewee ? `${p.interviewee.posts.join('、')} ${p.interviewee.name}`.trim() : '', p.reporters.length ? `记者 ${p.reporters.join('、')}` : ''];
  return { title: convert(p.title), byline: convert(by.filter(Boolean).join(' · ')), paragraphs: paragraphs(convert(p.body)) };
}

/** An article's text in Simplified, and in Traditional (a Traditional original as it is written). */
function convertersFor(a: Pick<Article, 'script'>) {
  return { hansOf: (s: string) => toSimplified(s), hantOf: (s: string) => (a.script === 'hant' ? s : toTraditional(s)) };
}

/** What the search index reads of an article (see `searchSource`): cheap next to the whole view. */
export type SearchView = Summary & Pick<ArticleView, 'original' | 'bodies' | 'searchText' | 'filters'>;

/**
 * The search index's part of an article's view, made without the rest (marks, citations, the
 * repairs table): the build makes it for every article on every build, the whole view only for
 * the pages it renders. `toArticleView` starts from it, so the two always agree.
 */
export function toSearchView(a: Article, urls: UrlMap): SearchView {
  const summary = summaryOf(a, urls);
  const original: Variant = a.script === 'hant' ? 'hant' : 'hans';
  const { hansOf, hantOf } = convertersFor(a);
  const region = regionPath(a);
  const reporters = [...a.bylines.reporters, ...a.bylines.authors];
  const d = summary.date;
  // Articles without a year (undated, or a month and day only) are one value of the search
  // page's year filter, labelled as the dates index labels them, so a reader can reach them.
  const year = d.group === 'undated' || d.group === 'year-unknown' ? ['年份不详 Year unknown'] : [d.group];
  return {
    ...summary,
    original,
    bodies: { hans: paragraphs(a.textHans || hansOf(a.text)), hant: paragraphs(a.textHant || hantOf(a.text)) },
    // One Simplified text serves queries in both scripts (the query is converted in the browser).
    searchText: [hansOf(summary.title), a.title?.subtitle ? hansOf(a.title.subtitle) : '', ...a.officials.map((o) => o.nameHans), hansOf(reporters.join(' ')), a.textHans || hansOf(a.text)]
      .filter(Boolean)
      .join('\n'),
    filters: {
      region: region.length ? [region.map((r) => r.name).join(' ')] : [],
      outlet: summary.outlet ? [toSimplified(summary.outlet)] : [],
      year,
      person: [...new Set(a.officials.map((o) => o.nameHans))],
    },
  };
}

/** Everything an article page shows, as plain strings: the templates only escape and place. */
export function toArticleView(a: Article, urls: UrlMap, regionUrl: (key: string) => string, base: string): ArticleView {
  const summary = toSearchView(a, urls);
  const { original, bodies } = summary;
  const slugUrl = summary.url;
  const title = summary.title;
  const { hansOf, hantOf } = convertersFor(a);
  const both = (s: string): Scripted => ({ hans: hansOf(s), hant: hantOf(s) });
  const bylines = BYLINE_LABEL.map(([k, label]) => ({ label, names: a.bylines[k].map((n) => ({ name: both(n), url: urls.reporter(a.id, n) })) })).filter((b) => b.names.length > 0);
  const region = regionPath(a).map((r) => ({ name: both(r.name), url: regionUrl(r.key) }));
  const officials = a.officials.map((o) => ({
    name: both(o.name),
    nameHans: o.nameHans,
    posts: both(o.posts.join('、')),
    role: ROLE_LABEL[o.role] ?? o.role,
    url: urls.person.get(o.personId) ?? null,
    why: whyOfficial(o),
  }));
  const facts = LISTED_FIELDS.flatMap(({ key, label }) => {
    const value = fieldText(a[key]);
    return value === null ? [] : [{ label, value, evidence: (a[key] as { evidence?: string }).evidence ?? '' }];
  });
  const d = summary.date;
  const reporters = [...a.bylines.reporters, ...a.bylines.authors];
  const citeIn = (convert: (s: string) => string) =>
    citationsOf({
      id: a.id,
      title: convert(title),
      authors: reporters.map(convert),
      outlet: summary.outlet === null ? null : convert(summary.outlet),
      date: d,
      url: `${base.replace(/\/$/, '')}${slugUrl}`,
      sha256: a.sha256,
      sourceFile: a.sourceFile,
    });
  const citations = { hans: citeIn(hansOf), hant: citeIn(hantOf) };
  const first = citations[original][0]!;
  const cite = first.before + first.url + first.after;
  const meta = [
    { name: 'citation_title', content: title },
    ...(d.iso
      ? [
          { name: 'citation_date', content: d.iso },
          { name: 'citation_publication_date', content: d.iso.slice(0, 10).replace(/-/g, '/') },
        ]
      : []),
    ...(summary.outlet ? [{ name: 'citation_publisher', content: summary.outlet }] : []),
    ...reporters.map((r) => ({ name: 'citation_author', content: r })),
    { name: 'description', content: paragraphs(a.text)[0]?.slice(0, 160) ?? title },
  ];
  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    ...(a.title?.subtitle ? { alternativeHeadline: a.title.subtitle } : {}),
    ...(d.iso ? { datePublished: d.iso } : {}),
    inLanguage: summary.lang,
    ...(summary.outlet ? { publisher: { '@type': 'Organization', name: summary.outlet } } : {}),
    ...(reporters.length ? { author: reporters.map((name) => ({ '@type': 'Person', name })) } : {}),
    ...(officials.length ? { mentions: a.officials.map((o) => ({ '@type': 'Person', name: o.name, jobTitle: o.posts.join('、') })) } : {}),
    ...(region.length
      ? {
          contentLocation: {
            '@type': 'Place',
            name: regionPath(a)
              .map((r) => r.name)
              .join(''),
          },
        }
      : {}),
    ...(a.url ? { isBasedOn: a.url } : {}),
    identifier: `sha256:${a.sha256}`,
    url: `${base.replace(/\/$/, '')}${slugUrl}`,
  };
  const marked = markRepairs(a, paragraphs(a.text));
  const bodyRuns = { hans: carryMarks(marked, bodies.hans), hant: carryMarks(marked, bodies.hant) };
  const lines = sourceLinesOf(a.source, a.repairs);
  const numbered = a.repairs.map((r, i) => ({ r, line: lines[i]! }));
  const repairs = [...numbered.filter((x) => isUncertain(x.r)), ...numbered.filter((x) => !isUncertain(x.r))];
  const summaryByRule = new Map<string, { rule: string; name: string; note: string; count: number; uncertain: number }>();
  for (const r of a.repairs) {
    const note = REPAIR_NOTES[r.rule];
    const s = summaryByRule.get(r.rule) ?? summaryByRule.set(r.rule, { rule: r.rule, name: ruleName(r.rule), note: note ? `${note.zh} ${note.en}` : '', count: 0, uncertain: 0 }).get(r.rule)!;
    s.count++;
    if (isUncertain(r)) s.uncertain++;
  }
  return {
    ...summary,
    slug: slugUrl.split('/').filter(Boolean).pop() ?? '',
    original,
    titles: both(title),
    subtitle: a.title?.subtitle ? both(a.title.subtitle) : null,
    titleDerived: a.title?.derived ?? false,
    outletNames: summary.outlet ? both(summary.outlet) : null,
    site: a.site?.value ? both(a.site.value) : null,
    sourceUrl: a.url && /^https?:\/\//i.test(a.url) ? a.url : null,
    region,
    officials,
    bylines,
    why: { date: whyDate(a.date), outlet: whyField(a.outlet), region: whyRegion(a.region) },
    facts,
    bodies,
    bodyRuns,
    markedCount: marked.reduce((n, runs) => n + runs.filter((r) => r.fix).length, 0),
    parts: { hans: a.parts.map((p) => partView(p, hansOf)), hant: a.parts.map((p) => partView(p, hantOf)) },
    textHantMachine: a.textHantMachine,
    repairSummary: [...summaryByRule.values()].sort((x, y) => y.count - x.count || (x.rule < y.rule ? -1 : 1)),
    repairs: groupRepairRows(
      repairs.map(({ r, line }) => ({
        rule: r.rule,
        name: ruleName(r.rule),
        line,
        before: visible(r.before),
        after: visible(r.after),
        confidence: r.confidence,
        uncertain: isUncertain(r),
        evidence: r.evidence.join('; '),
        candidates: (r.candidates ?? []).map((c) => c.char + (c.score !== undefined ? ` (${c.score})` : '')).join('、'),
      })),
    ),
    repairCount: a.repairs.length,
    uncertainCount: a.repairs.filter(isUncertain).length,
    diagnostics: a.diagnostics.map((x) => ({ rule: x.rule, severity: x.severity, message: x.message })),
    source: a.source,
    sourceFile: a.sourceFile,
    sha256: a.sha256,
    encoding: a.encoding,
    truncated: a.truncated,
    cite,
    citations,
    meta,
    jsonLd,
  };
}
