import type { ArticleMeta, Corpus, DateField, DatePrecision, Severity } from '../article.ts';
import { repairCountsOf, type StoredArticle } from '../packed-article.ts';
import { toSimplified } from '../text/script.ts';
import { regionPath } from './article-view.ts';
import type { Citation } from './citation.ts';
import { describeDate } from './date-label.ts';
import { isJournalist } from './people-index.ts';
import { DIAGNOSTIC_NOTES, type Explanation, REPAIR_NOTES } from './rule-notes.ts';

/**
 * The About page (templates/pages/about.njk): what was ingested, how it was repaired and
 * extracted, how to cite, and the build report in words, all counted here from the corpus.
 * Nothing in it depends on the clock, so two builds of the same input give the same page.
 */
export interface AboutOptions {
  /** `--site-url` without its last slash, or '' when the build had none. */
  origin: string;
  /** The deploy path (`--base`), e.g. `/` or `/archive/`. */
  base: string;
  /** Digest of the pipeline's code and data packages (src/io/pipeline-digest.ts). */
  pipelineDigest: string;
  /** The root-relative page of an article. */
  articleUrl: (a: ArticleMeta) => string;
}

export type AboutView = ReturnType<typeof aboutView>;

/** Skipped files listed by name; the rest are in data/build-report.json. */
export const LISTED_SKIPPED = 50;
/** Articles named under each diagnostic; the rest are on their pages and in the build report. */
export const LISTED_PER_DIAGNOSTIC = 10;

const FORMAT_LABEL: Record<string, string> = { text: '纯文本 Plain text', html: 'HTML 网页 HTML pages' };
const SCRIPT_LABEL: Record<string, string> = { hans: '简体原文 Simplified originals', hant: '繁體原文 Traditional originals', mixed: '简繁混合 Mixed scripts' };
export const PRECISION_LABEL: Record<DatePrecision, string> = {
  datetime: '日期和时间 date and time',
  date: '年月日 year, month and day',
  month: '年月 year and month',
  'month-day': '月日，年份不详 month and day, year unknown',
  year: '仅有年份 year only',
  none: '无日期 no date',
};
const SEVERITY_LABEL: Record<Severity, string> = { error: '错误 error', warning: '警告 warning', info: '提示 info' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The formats every article page offers (`citationsOf` in src/site/citation.ts), explained. */
export const CITATION_FORMATS: ReadonlyArray<{ format: Citation['format']; label: string } & Explanation> = [
  {
    format: 'plain',
    label: '文字 Reference',
    zh: '一行文字引文：作者、标题、媒体、日期、网址，以及原始文件名和其 sha256 的前 12 位',
    en: 'a one-line reference: authors, title, outlet, date, address, and the raw file’s name with the first 12 digits of its sha256',
  },
  { format: 'bibtex', label: 'BibTeX', zh: 'biblatex 的 @online 条目', en: 'an @online entry for biblatex' },
  { format: 'ris', label: 'RIS', zh: 'NEWS 类型记录，可导入 Zotero、EndNote 等', en: 'a NEWS record for Zotero, EndNote and other reference managers' },
  { format: 'csl-json', label: 'CSL-JSON', zh: 'article-newspaper 条目，供 Zotero、Pandoc 等 citeproc 工具使用', en: 'an article-newspaper item for Zotero, Pandoc and other citeproc tools' },
];

/** The research downloads (src/io/write-data.ts), root-relative; `link: false` for a pattern. */
export const DATA_EXPORTS: ReadonlyArray<{ path: string; link: boolean } & Explanation> = [
  {
    path: '/data/articles.jsonl',
    link: true,
    zh: '每行一篇文章的完整记录（每段文字只存一次）；大型存档分为几个部分，见 articles.parts.json',
    en: 'one whole article record per line (each text stored once); a large archive comes in parts, listed in articles.parts.json',
  },
  { path: '/data/articles.parts.json', link: true, zh: 'JSON Lines 各部分的文件名、篇数和大小', en: 'the JSON Lines parts with their article counts and sizes' },
  { path: '/articles/<id>/article.json', link: false, zh: '每篇文章页旁的完整记录', en: 'the whole record of each article, beside its page' },
  { path: '/data/articles.csv', link: true, zh: '每篇文章一行，供电子表格使用（UTF-8 带 BOM）', en: 'one row per article, for spreadsheets (UTF-8 with a BOM)' },
  { path: '/data/appearances.csv', link: true, zh: '每次官员出现一行', en: 'one row per appearance of an official' },
  {
    path: '/data/people.json',
    link: true,
    zh: '所有人物及其出现记录（大型存档分部分，见 people.parts.json）',
    en: 'every person with their appearances (in parts for a large archive, see people.parts.json)',
  },
  { path: '/data/articles.schema.json', link: true, zh: 'JSON Lines 每行的 JSON Schema', en: 'the JSON Schema of one line of the JSON Lines' },
  { path: '/data/article.schema.json', link: true, zh: 'article.json 的 JSON Schema', en: 'the JSON Schema of article.json' },
  { path: '/data/build-report.json', link: true, zh: '每个输入文件的状态、跳过原因和诊断', en: 'every input file with its status, the reason it was skipped and its diagnostics' },
];

/** Counts of `items` by `key`, most frequent first (ties by key). */
function tally<T>(items: readonly T[], key: (t: T) => string): Array<{ key: string; count: number }> {
  const counts = new Map<string, number>();
  for (const t of items) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `1 article`, `3 articles`: English counts in sentences. */
const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Orders dates with a known year: by year, month, day, then the time of day in the value. */
function byTime(a: DateField, b: DateField): number {
  const [x, y] = [a.value ?? '', b.value ?? ''];
  return (a.year ?? 0) - (b.year ?? 0) || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0) || (x < y ? -1 : x > y ? 1 : 0);
}

/** How many of `articles` pass `test`. */
const countOf = (articles: readonly StoredArticle[], test: (a: StoredArticle) => boolean) => articles.filter(test).length;

/** Everything the About page shows, computed from the corpus; see `AboutOptions`. */
export function aboutView(corpus: Corpus<StoredArticle>, options: AboutOptions) {
  const ingested = ingestedOf(corpus);
  const repairs = repairsOf(corpus.articles);
  const findings = findingsOf(corpus.articles, options.articleUrl);
  const { inputs, articles, skipped, newest } = ingested;
  return {
    ingested,
    repairs,
    extraction: extractionOf(corpus.articles),
    citing: {
      formats: CITATION_FORMATS,
      siteUrl: options.origin || null,
      articleUrlPattern: `${options.origin}${options.base.replace(/\/$/, '')}/articles/<id>/`,
      exports: DATA_EXPORTS,
    },
    report: {
      zh: `本次构建读取 ${inputs} 个文件，发布 ${articles} 篇文章，${skipped.files} 个文件被跳过或有问题，修复 ${repairs.total} 处。${newest ? `最新一篇文章的日期是${newest.zh}。` : ''}`,
      en: `This build read ${counted(inputs, 'file')}, published ${counted(articles, 'article')}, skipped or found a problem in ${counted(skipped.files, 'file')}, and made ${counted(repairs.total, 'repair')}.${newest ? ` The newest article is dated ${newest.en}.` : ''}`,
      pipelineDigest: options.pipelineDigest,
      findings: findings.filter((f) => !f.conflict),
      conflicts: findings.filter((f) => f.conflict),
    },
  };
}

/** What was read: files by kind, the files skipped and why, the dates, outlets, regions and people. */
function ingestedOf(corpus: Corpus<StoredArticle>) {
  const articles = corpus.articles;
  // The span covers dates with a known year; only its two ends are described.
  let first: DateField | null = null;
  let last: DateField | null = null;
  for (const a of articles) {
    if (a.date?.year == null) continue;
    if (!first || byTime(a.date, first) < 0) first = a.date;
    if (!last || byTime(a.date, last) > 0) last = a.date;
  }
  const earliest = first && describeDate(first);
  const newest = last && describeDate(last);
  // Regions as the region pages key them (a GB/T 2260 code, else the names' path).
  const regionLevels = new Map<string, string>();
  for (const a of articles) for (const r of regionPath(a)) regionLevels.set(r.key, r.level);
  const levelCount = (level: string) => [...regionLevels.values()].filter((l) => l === level).length;
  const regions = { total: regionLevels.size, provinces: levelCount('province'), cities: levelCount('city'), counties: levelCount('county') };
  // One file may have several problems (two bad keys in one override), and a published file may
  // have one too: files are counted once.
  const skippedFiles = new Set(corpus.skipped.map((s) => s.file)).size;
  const bugFiles = new Set(corpus.skipped.filter((s) => s.bug).map((s) => s.file)).size;
  return {
    inputs: new Set([...articles.map((a) => a.sourceFile), ...corpus.skipped.map((s) => s.file)]).size,
    articles: articles.length,
    formats: tally(articles, (a) => a.format).map((t) => ({ label: FORMAT_LABEL[t.key] ?? t.key, count: t.count })),
    scripts: tally(articles, (a) => a.script).map((t) => ({ label: SCRIPT_LABEL[t.key] ?? t.key, count: t.count })),
    encodings: tally(articles, (a) => a.encoding).map((t) => ({ label: t.key, count: t.count })),
    skipped: {
      files: skippedFiles,
      zh: `${skippedFiles} 个文件被跳过或有问题${bugFiles ? `，其中 ${bugFiles} 个是 newsarchive 自身的错误所致` : ''}。`,
      en: `${counted(skippedFiles, 'file')} ${skippedFiles === 1 ? 'was' : 'were'} skipped or had a problem${bugFiles ? `, ${bugFiles} of them because of a bug in newsarchive` : ''}.`,
      listed: corpus.skipped.slice(0, LISTED_SKIPPED).map((s) => ({ file: s.file, reason: s.reason })),
      more: Math.max(0, corpus.skipped.length - LISTED_SKIPPED),
    },
    span: earliest && newest ? { from: { zh: earliest.zh, en: earliest.en }, to: { zh: newest.zh, en: newest.en } } : null,
    newest: newest ? { zh: newest.zh, en: newest.en } : null,
    // One outlet across scripts (江西日报 = 江西日報), as the outlet pages group them.
    outlets: new Set(articles.flatMap((a) => (a.outlet?.value ? [toSimplified(a.outlet.value)] : []))).size,
    regions: {
      ...regions,
      zh: `${regions.total}（省 ${regions.provinces}、市 ${regions.cities}、县区 ${regions.counties}）`,
      en: `${counted(regions.provinces, 'province')}, ${counted(regions.cities, 'city', 'cities')}, ${counted(regions.counties, 'county', 'counties')}`,
    },
    people: corpus.people.length,
    // As /reporters/ lists them: people credited in bylines only.
    reporters: corpus.people.filter(isJournalist).length,
  };
}

/** The repair rules that fired, in the order the pipeline runs them, and those that did not. */
function repairsOf(articles: readonly StoredArticle[]) {
  const fired = new Map<string, { repairs: number; articles: number }>();
  for (const a of articles) {
    for (const [rule, count] of Object.entries(repairCountsOf(a))) {
      const f = fired.get(rule) ?? { repairs: 0, articles: 0 };
      f.repairs += count;
      f.articles++;
      fired.set(rule, f);
    }
  }
  const pipelineOrder = Object.keys(REPAIR_NOTES);
  const rank = (rule: string) => (pipelineOrder.includes(rule) ? pipelineOrder.indexOf(rule) : pipelineOrder.length);
  return {
    total: [...fired.values()].reduce((n, f) => n + f.repairs, 0),
    articles: countOf(articles, (a) => Object.keys(repairCountsOf(a)).length > 0),
    rules: [...fired].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)).map(([rule, f]) => ({ rule, ...f, note: REPAIR_NOTES[rule] ?? null })),
    notFired: pipelineOrder.filter((rule) => !fired.has(rule)),
  };
}

/** How many articles have each extracted field, with the parts worth telling apart (empty ones left out). */
function extractionOf(articles: readonly StoredArticle[]) {
  const has = (test: (a: StoredArticle) => boolean) => countOf(articles, test);
  const precisions = (Object.keys(PRECISION_LABEL) as DatePrecision[]).filter((p) => p !== 'none');
  return [
    { label: '标题 Title', count: has((a) => !!a.title?.value), parts: [{ label: '取自导语 made from the lead sentence', count: has((a) => !!a.title?.derived) }] },
    {
      label: '日期 Date',
      count: has((a) => !!a.date?.value),
      parts: [
        ...precisions.map((p) => ({ label: PRECISION_LABEL[p], count: has((a) => a.date?.precision === p) })),
        { label: '推测年份（非原文） suggested year, not in source', count: has((a) => !!a.date?.suggestedYear) },
      ],
    },
    { label: '媒体（来源） Outlet', count: has((a) => !!a.outlet?.value), parts: [] },
    { label: '网站 Site', count: has((a) => !!a.site?.value), parts: [] },
    {
      label: '地区 Region',
      count: has((a) => regionPath(a).length > 0),
      parts: [
        { label: '到市 to the city', count: has((a) => !!a.region?.city) },
        { label: '到县区 to the county', count: has((a) => !!a.region?.county) },
      ],
    },
    {
      label: '署名 Bylines',
      count: has((a) => Object.values(a.bylines).some((names) => names.length > 0)),
      parts: [
        { label: '记者 reporters', count: has((a) => a.bylines.reporters.length > 0) },
        { label: '作者 authors', count: has((a) => a.bylines.authors.length > 0) },
        { label: '编辑 editors', count: has((a) => a.bylines.editors.length + a.bylines.chiefEditors.length + a.bylines.reviewers.length > 0) },
      ],
    },
    {
      label: '官员 Officials',
      count: has((a) => a.officials.length > 0),
      parts: [{ label: '人次 mentions', count: articles.reduce((n, a) => n + a.officials.length, 0) }],
    },
    { label: '合集（多篇） Compilations', count: has((a) => a.parts.length > 0), parts: [] },
    { label: '不完整（仅一页） Truncated, one page only', count: has((a) => a.truncated), parts: [] },
  ].map((row) => ({ ...row, parts: row.parts.filter((p) => p.count > 0) }));
}

/** The diagnostics, one sentence per rule and severity (most serious first), naming their articles. */
function findingsOf(articles: readonly StoredArticle[], articleUrl: (a: ArticleMeta) => string) {
  const groups = new Map<string, { rule: string; severity: Severity; messages: number; articles: ArticleMeta[] }>();
  for (const a of articles) {
    for (const d of a.diagnostics) {
      const key = `${d.severity}\0${d.rule}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rule: d.rule, severity: d.severity, messages: 0, articles: [] }));
      g.messages++;
      if (g.articles[g.articles.length - 1] !== a) g.articles.push(a);
    }
  }
  return [...groups.values()]
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.articles.length - a.articles.length || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
    .map((g) => {
      const note = DIAGNOSTIC_NOTES[g.rule];
      const n = g.articles.length;
      return {
        rule: g.rule,
        severity: SEVERITY_LABEL[g.severity],
        articleCount: n,
        messages: g.messages,
        conflict: note?.conflict === true,
        zh: note ? `${n} 篇文章中，${note.zh}。` : `${n} 篇文章有“${g.rule}”诊断（无说明）。`,
        en: note ? `In ${counted(n, 'article')}, ${note.en}.` : `${counted(n, 'article')} had a “${g.rule}” diagnostic (no explanation recorded).`,
        listed: g.articles.slice(0, LISTED_PER_DIAGNOSTIC).map((a) => ({
          title: a.title?.value || a.id,
          url: articleUrl(a),
          lang: a.script === 'hant' ? 'zh-Hant' : a.script === 'hans' ? 'zh-Hans' : 'zh',
        })),
        more: Math.max(0, n - LISTED_PER_DIAGNOSTIC),
      };
    });
}
