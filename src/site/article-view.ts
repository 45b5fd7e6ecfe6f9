import { fieldText, LISTED_FIELDS, type Article, type ArticleMeta, type Official, type Part } from '../article.ts';
import { toSimplified, toTraditional } from '../text/script.ts';
import { type Citation, citationsOf } from './citation.ts';
import { describeDate, type DateLabel } from './date-label.ts';

/** Every URL a page needs, resolved once from stable ids (never from titles). */
export interface UrlMap {
  article: Map<string, string>;
  person: Map<string, string>;
  outlet: Map<string, string>;
}

export type Variant = 'hans' | 'hant';

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
  /** Script of the original text; the other one is at `altUrl`. */
  original: Variant;
  altUrl: string;
  titleHans: string;
  titleHant: string;
  subtitle: string | null;
  titleDerived: boolean;
  site: string | null;
  sourceUrl: string | null;
  region: Array<{ name: string; url: string }>;
  officials: Array<{ name: string; nameHans: string; posts: string; role: string; url: string | null }>;
  bylines: Array<{ label: string; names: string[] }>;
  /** Listed fields of the schema (see LISTED_FIELDS) that have a value, with their evidence. */
  facts: Array<{ label: string; value: string; evidence: string }>;
  bodies: Record<Variant, string[]>;
  parts: Record<Variant, Array<{ title: string; byline: string; paragraphs: string[] }>>;
  textHantMachine: boolean;
  repairs: Array<{ rule: string; line: number | null; before: string; after: string; confidence: string; evidence: string; candidates: string }>;
  diagnostics: Array<{ rule: string; severity: string; message: string }>;
  source: string;
  sourceFile: string;
  sha256: string;
  encoding: string;
  truncated: boolean;
  cite: string;
  /** The citation in each format, split around the page's address (see src/site/citation.ts). */
  citations: Citation[];
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

function officialView(o: Official, urls: UrlMap) {
  return { name: o.name, nameHans: o.nameHans, posts: o.posts.join('、'), role: ROLE_LABEL[o.role] ?? o.role, url: urls.person.get(o.personId) ?? null };
}

function partView(p: Part, convert: (s: string) => string) {
  const by = [p.interviewee ? `${p.interviewee.posts.join('、')} ${p.interviewee.name}`.trim() : '', p.reporters.length ? `记者 ${p.reporters.join('、')}` : ''];
  return { title: convert(p.title), byline: convert(by.filter(Boolean).join(' · ')), paragraphs: paragraphs(convert(p.body)) };
}

/** Everything an article page shows, as plain strings: the templates only escape and place. */
export function toArticleView(a: Article, urls: UrlMap, regionUrl: (key: string) => string, base: string): ArticleView {
  const summary = summaryOf(a, urls);
  const original: Variant = a.script === 'hant' ? 'hant' : 'hans';
  const slugUrl = summary.url;
  const title = summary.title;
  const bylines = BYLINE_LABEL.map(([k, label]) => ({ label, names: a.bylines[k] })).filter((b) => b.names.length > 0);
  const region = regionPath(a).map((r) => ({ name: r.name, url: regionUrl(r.key) }));
  const officials = a.officials.map((o) => officialView(o, urls));
  const facts = LISTED_FIELDS.flatMap(({ key, label }) => {
    const value = fieldText(a[key]);
    return value === null ? [] : [{ label, value, evidence: (a[key] as { evidence?: string }).evidence ?? '' }];
  });
  const d = summary.date;
  const reporters = [...a.bylines.reporters, ...a.bylines.authors];
  const citations = citationsOf({ id: a.id, title, authors: reporters, outlet: summary.outlet, date: d, url: `${base.replace(/\/$/, '')}${slugUrl}`, sha256: a.sha256, sourceFile: a.sourceFile });
  const cite = citations[0]!.before + citations[0]!.url + citations[0]!.after;
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
    ...(officials.length ? { mentions: officials.map((o) => ({ '@type': 'Person', name: o.name, jobTitle: o.posts })) } : {}),
    ...(region.length ? { contentLocation: { '@type': 'Place', name: region.map((r) => r.name).join('') } } : {}),
    ...(a.url ? { isBasedOn: a.url } : {}),
    identifier: `sha256:${a.sha256}`,
    url: `${base.replace(/\/$/, '')}${slugUrl}`,
  };
  const hansOf = (s: string) => toSimplified(s);
  const hantOf = (s: string) => (a.script === 'hant' ? s : toTraditional(s));
  // Articles without a year (undated, or a month and day only) are one value of the search
  // page's year filter, labelled as the dates index labels them, so a reader can reach them.
  const year = d.group === 'undated' || d.group === 'year-unknown' ? ['年份不详 Year unknown'] : [d.group];
  return {
    ...summary,
    slug: slugUrl.split('/').filter(Boolean).pop() ?? '',
    original,
    altUrl: `${slugUrl}${original === 'hans' ? 'hant' : 'hans'}/`,
    titleHans: hansOf(title),
    titleHant: hantOf(title),
    subtitle: a.title?.subtitle ?? null,
    titleDerived: a.title?.derived ?? false,
    site: a.site?.value ?? null,
    sourceUrl: a.url && /^https?:\/\//i.test(a.url) ? a.url : null,
    region,
    officials,
    bylines,
    facts,
    bodies: { hans: paragraphs(a.textHans || hansOf(a.text)), hant: paragraphs(a.textHant || hantOf(a.text)) },
    parts: { hans: a.parts.map((p) => partView(p, hansOf)), hant: a.parts.map((p) => partView(p, hantOf)) },
    textHantMachine: a.textHantMachine,
    repairs: a.repairs.map((r) => ({
      rule: r.rule,
      line: r.line ?? null,
      before: visible(r.before),
      after: visible(r.after),
      confidence: r.confidence,
      evidence: r.evidence.join('; '),
      candidates: (r.candidates ?? []).map((c) => c.char + (c.score !== undefined ? ` (${c.score})` : '')).join('、'),
    })),
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
    // One Simplified text serves queries in both scripts (the query is converted in the browser).
    searchText: [hansOf(title), a.title?.subtitle ? hansOf(a.title.subtitle) : '', ...a.officials.map((o) => o.nameHans), hansOf(reporters.join(' ')), a.textHans || hansOf(a.text)]
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
