import type { Article, DateField, DatePrecision, Diagnostic, FieldSource } from '../../article.ts';
import { toSimplified } from '../../text/script.ts';
import { alternation, DATE_LABELS, DATE_LABELS_MODIFIED, SOURCE_LABELS } from '../vocab/index.ts';
import { readingLines } from './lines.ts';

/**
 * The article's date with honest precision. First found wins:
 *   1. HTML meta (`article:published_time`, `pubdate`, …);
 *   2. a dateline/source/credit line of the header: `2022-07-20 11:04:16`, `2021年10月 01日 09:04`,
 *      `2022.01.20 16:31`, ISO with an offset, `二〇二二年三月五日`, or a bare `2023年8月`;
 *   3. the URL path: `/2022/04/22/` or `t20220422_` → date, `/2023/08/` → month;
 *   4. the lead of the body: `2022年4月21日` → date, `4月21日` → month-day (year null).
 * A wall-clock time without an offset is China Standard Time (`+08:00`).
 *
 * When the year is unknown a year may be *suggested* (never the value) from general context
 * cues: Party congresses and plenums named in the text (`学习贯彻党的二十大精神` → after
 * 2022-10-16; `迎接党的二十大` → before), a weekday written next to the date, `春节后的首个工作日`
 * against the State Council holiday calendar, and optionally years that the caller found in
 * related articles (same reporter/outlet: `hints.relatedYears`). File times are never used.
 */

export interface DateHints {
  /** Years of related, dated articles (e.g. same reporter), each with the reason. */
  relatedYears?: Array<{ year: number; reason: string }>;
}

export interface DateResult {
  date: DateField;
  diagnostics: Diagnostic[];
}

interface Parsed {
  year: number | null;
  month: number | null;
  day: number | null;
  hour?: number;
  minute?: number;
  second?: number;
  offset?: string;
  match: string;
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnNumber(s: string): number | null {
  // 十, 十二, 二十, 二十一, 三十一
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/u.exec(s);
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  if (!m[2]) return m[1] && m[3] ? null : CN_DIGIT[(m[1] ?? m[3])!]!;
  return (m[1] ? CN_DIGIT[m[1]]! : 1) * 10 + (m[3] ? CN_DIGIT[m[3]]! : 0);
}

const ISO = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?/u;
const NUMERIC =
  /((?:19|20)\d{2})[\s\u00a0\u3000]*[-/.年][\s\u00a0\u3000]*(\d{1,2})[\s\u00a0\u3000]*[-/.月][\s\u00a0\u3000]*(\d{1,2})(?!\d)[\s\u00a0\u3000]*[日号號]?(?:[\s\u00a0\u3000T]*(\d{1,2})[\s\u00a0\u3000]*[:：时時点點][\s\u00a0\u3000]*(\d{1,2})(?:[\s\u00a0\u3000]*[:：分][\s\u00a0\u3000]*(\d{1,2}))?)?/u;
const CHINESE = /([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})[日号號])?/u;
/** `9/17/2004 5:54:13 AM`: month first, as US-made portal software wrote it. */
const US_ORDER = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?![\d/])(?:[\s\u00a0]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[\s\u00a0]*([AaPp][Mm]))?)?/u;
const YEAR_MONTH = /((?:19|20)\d{2})[\s\u00a0\u3000]*年[\s\u00a0\u3000]*(\d{1,2})[\s\u00a0\u3000]*月(?![\s\u00a0\u3000]*\d)/u;
const MONTH_DAY = /(?:((?:19|20)\d{2})年)?(\d{1,2})月(\d{1,2})[日号號]/u;

function valid(y: number | null, m: number | null, d: number | null): boolean {
  if (y !== null && (y < 1949 || y > 2100)) return false;
  if (m !== null && (m < 1 || m > 12)) return false;
  if (d !== null && (d < 1 || d > 31)) return false;
  if (y !== null && m !== null && d !== null) {
    const dt = new Date(Date.UTC(y, m - 1, d));
    if (dt.getUTCMonth() !== m - 1) return false;
  }
  return true;
}

/** A full or partial date in a header line. */
function parseHeader(text: string): Parsed | null {
  let m = ISO.exec(text);
  if (m) {
    return {
      year: +m[1]!,
      month: +m[2]!,
      day: +m[3]!,
      hour: +m[4]!,
      minute: +m[5]!,
      ...(m[6] ? { second: +m[6] } : {}),
      ...(m[7] ? { offset: m[7] === 'Z' ? '+00:00' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') } : {}),
      match: m[0],
    };
  }
  m = NUMERIC.exec(text);
  if (m && valid(+m[1]!, +m[2]!, +m[3]!)) {
    const p: Parsed = { year: +m[1]!, month: +m[2]!, day: +m[3]!, match: m[0].trim() };
    if (m[4] && m[5] && +m[4] < 24 && +m[5] < 60) {
      p.hour = +m[4];
      p.minute = +m[5];
      if (m[6] && +m[6] < 60) p.second = +m[6];
    }
    return p;
  }
  m = US_ORDER.exec(text);
  if (m && valid(+m[3]!, +m[1]!, +m[2]!)) {
    const p: Parsed = { year: +m[3]!, month: +m[1]!, day: +m[2]!, match: m[0].trim() };
    if (m[4] && m[5] && +m[4] <= 12 && +m[5] < 60) {
      p.hour = (+m[4] % 12) + (/^p/i.test(m[7] ?? '') ? 12 : 0);
      if (!m[7]) p.hour = +m[4];
      p.minute = +m[5];
      if (m[6] && +m[6] < 60) p.second = +m[6];
    } else if (m[4] && m[5] && !m[7] && +m[4] < 24 && +m[5] < 60) {
      p.hour = +m[4];
      p.minute = +m[5];
      if (m[6] && +m[6] < 60) p.second = +m[6];
    }
    return p;
  }
  m = CHINESE.exec(text);
  if (m) {
    const year = +[...m[1]!].map((c) => CN_DIGIT[c] ?? 0).join('');
    const month = cnNumber(m[2]!);
    const day = m[3] ? cnNumber(m[3]) : null;
    if (month !== null && valid(year, month, day)) return { year, month, day, match: m[0] };
  }
  m = YEAR_MONTH.exec(text);
  if (m && valid(+m[1]!, +m[2]!, null)) return { year: +m[1]!, month: +m[2]!, day: null, match: m[0] };
  return null;
}

function parseUrl(url: string): Parsed | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  let m = /(?:^|[/_t])((?:19|20)\d{2})[-/]?(0[1-9]|1[0-2])[-/]?(0[1-9]|[12]\d|3[01])(?=[/_.]|$)/u.exec(path);
  if (m && valid(+m[1]!, +m[2]!, +m[3]!)) return { year: +m[1]!, month: +m[2]!, day: +m[3]!, match: m[0] };
  m = /\/((?:19|20)\d{2})[-/]?(0[1-9]|1[0-2])\//u.exec(path);
  if (m) return { year: +m[1]!, month: +m[2]!, day: null, match: m[0] };
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function toField(p: Parsed, from: FieldSource, evidence: string): DateField {
  let value: string;
  let precision: DatePrecision;
  if (p.year !== null && p.month !== null && p.day !== null && p.hour !== undefined && p.minute !== undefined) {
    precision = 'datetime';
    value = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}${p.second !== undefined ? `:${pad(p.second)}` : ''}${p.offset ?? '+08:00'}`;
  } else if (p.year !== null && p.month !== null && p.day !== null) {
    precision = 'date';
    value = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  } else if (p.year !== null && p.month !== null) {
    precision = 'month';
    value = `${p.year}-${pad(p.month)}`;
  } else if (p.month !== null && p.day !== null) {
    precision = 'month-day';
    value = `--${pad(p.month)}-${pad(p.day)}`;
  } else {
    precision = 'year';
    value = String(p.year);
  }
  return { value, from, evidence, precision, year: p.year, month: p.month, day: p.day, suggestedYear: null };
}

// ---------------------------------------------------------------------------------------------
// Year suggestion from context.

/** Opening dates of Party congresses and plenary sessions (public calendar facts). */
const EVENTS: Array<[RegExp, string, string]> = [
  [/党的十八大|十八大(?:精神|以来|报告)/u, '2012-11-08', '党的十八大 (opened 2012-11-08)'],
  [/党的十九大|十九大(?:精神|以来|报告)/u, '2017-10-18', '党的十九大 (opened 2017-10-18)'],
  [/党的二十大|二十大(?:精神|以来|报告)/u, '2022-10-16', '党的二十大 (opened 2022-10-16)'],
  [/十九届四中全会/u, '2019-10-28', '十九届四中全会 (2019-10-28)'],
  [/十九届五中全会/u, '2020-10-26', '十九届五中全会 (2020-10-26)'],
  [/十九届六中全会/u, '2021-11-08', '十九届六中全会 (2021-11-08)'],
  [/二十届二中全会/u, '2023-02-26', '二十届二中全会 (2023-02-26)'],
  [/二十届三中全会/u, '2024-07-15', '二十届三中全会 (2024-07-15)'],
  [/二十届四中全会/u, '2025-10-20', '二十届四中全会 (2025-10-20)'],
];
/** Words that put an event in the future of the article (迎接党的二十大). */
const AHEAD = /(?:迎接|喜迎|迎|召开前|即将召开)[^，。；]{0,4}$/u;

/**
 * First working day after the Spring Festival holiday, per the State Council holiday notices
 * (make-up working days included; 2020 as extended).
 */
const SPRING_FIRST_WORKDAY: Record<number, string> = {
  2008: '02-13',
  2009: '02-01',
  2010: '02-20',
  2011: '02-09',
  2012: '01-29',
  2013: '02-16',
  2014: '02-07',
  2015: '02-25',
  2016: '02-14',
  2017: '02-03',
  2018: '02-22',
  2019: '02-11',
  2020: '02-03',
  2021: '02-18',
  2022: '02-07',
  2023: '01-28',
  2024: '02-18',
  2025: '02-05',
  2026: '02-24',
};
const SPRING_FIRST = /春节(?:假期)?(?:后|过后|之后)(?:的)?(?:首个|第一个|头一个)工作日|节后(?:的)?(?:首个|第一个)工作日|新春(?:上班)?第一天/u;
const WEEKDAYS = '日一二三四五六';

function quote(text: string, index: number, len: number): string {
  return text.slice(Math.max(0, index - 8), Math.min(text.length, index + len + 8)).replace(/\s+/gu, ' ');
}

function suggestYear(bodyHans: string, original: string, month: number, day: number, hints: DateHints): DateField['suggestedYear'] {
  const md = `${pad(month)}-${pad(day)}`;
  const src = original.length === bodyHans.length ? original : bodyHans;
  let lower: string | null = null;
  let upper: string | null = null;
  const reasoning: string[] = [];
  for (const [re, date, label] of EVENTS) {
    const g = new RegExp(re.source, 'gu');
    for (const m of bodyHans.matchAll(g)) {
      const before = bodyHans.slice(Math.max(0, m.index! - 8), m.index!);
      if (AHEAD.test(before)) {
        if (!upper || date < upper) upper = date;
        reasoning.push(`“${quote(src, m.index!, m[0].length)}” looks ahead to ${label} → before it`);
      } else {
        if (!lower || date > lower) lower = date;
        reasoning.push(`“${quote(src, m.index!, m[0].length)}” refers to ${label} as past → after it`);
      }
      break;
    }
  }
  let exact: number[] | null = null;
  const spring = SPRING_FIRST.exec(bodyHans);
  if (spring) {
    const years = Object.entries(SPRING_FIRST_WORKDAY)
      .filter(([, d]) => d === md)
      .map(([y]) => +y);
    if (years.length) {
      exact = years;
      reasoning.push(`“${quote(src, spring.index, spring[0].length)}”: ${md} was the first working day after the Spring Festival holiday in ${years.join(', ')} (holiday calendar)`);
    }
  }
  const wd = new RegExp(`${month}月${day}[日号][（(]?(?:星期|周|礼拜)([${WEEKDAYS}天])`, 'u').exec(bodyHans);
  if (wd) {
    const want = WEEKDAYS.indexOf(wd[1] === '天' ? '日' : wd[1]!);
    const years: number[] = [];
    for (let y = 2000; y <= 2035; y++) if (new Date(Date.UTC(y, month - 1, day)).getUTCDay() === want) years.push(y);
    exact = exact ? exact.filter((y) => years.includes(y)) : years;
    reasoning.push(`“${wd[0]}”: that weekday fits ${years.join(', ')}`);
  }
  const fits = (y: number) => {
    const d = `${y}-${md}`;
    return (!lower || d >= lower) && (!upper || d < upper);
  };
  if (exact) {
    // Several candidate years: the one nearest to the bound we have; none bound: only a unique one.
    const ok = exact.filter(fits);
    const pick = ok.length === 1 ? ok[0] : lower ? ok[0] : upper ? ok[ok.length - 1] : undefined;
    if (pick !== undefined) {
      const why = ok.length === 1 ? '' : ` (the candidate nearest to the ${lower ? 'lower' : 'upper'} bound among ${ok.join(', ')})`;
      return { year: pick, reasoning: [...reasoning, `→ ${pick}${why} (suggestion, not stated in the text)`] };
    }
  }
  const related = (hints.relatedYears ?? []).filter((r) => fits(r.year));
  if (related.length) {
    const r = related[0]!;
    return { year: r.year, reasoning: [...reasoning, r.reason, `→ ${r.year} (suggestion from a related article, not stated in the text)`] };
  }
  if (lower) {
    const ly = +lower.slice(0, 4);
    const y = fits(ly) ? ly : ly + 1;
    if (fits(y)) return { year: y, reasoning: [...reasoning, `→ ${y}: the earliest year consistent with these cues (suggestion, not stated in the text)`] };
  }
  return null;
}

const HTML_DATE_KEYS = [
  'article:published_time',
  'pubdate',
  'publishdate',
  'publish_date',
  'datepublished',
  'dc.date',
  'dc.date.issued',
  'date',
  'og:release_date',
  'firstpublishedtime',
  'publishtime',
  'published_time',
  'created',
  'datecreated',
  'apub:time',
];
/** When the page says only when it last changed: the last resort, and said so in the evidence. */
const HTML_MODIFIED_KEYS = ['article:modified_time', 'datemodified', 'dateupdate', 'lastmodified', 'last-modified', 'og:updated_time'];
/** A label before a stamp (vocab/date-labels.json). */
const DATE_LABEL = new RegExp(`${alternation(DATE_LABELS)}[\\s\\u00a0\\u3000]*[:：]?[\\s\\u00a0\\u3000]*$`, 'u');
/** A label that says the stamp is a change (`更新`, `最后修改`), not the publication. */
const MODIFIED_LABEL = new RegExp(alternation(DATE_LABELS_MODIFIED), 'u');
/** A source label before the stamp (`来源：某某日报 2023-08-01`). */
const SOURCE_LABEL = new RegExp(`${alternation(SOURCE_LABELS)}[\\s\\u00a0\\u3000]*[:：]`, 'u');

/** Header lines: where a page states when it was published. */
const HEADER_KINDS = new Set(['dateline', 'source', 'credit', 'title', 'subtitle', 'byline']);

const dayOf = (f: DateField) => (f.year !== null && f.month !== null && f.day !== null ? `${f.year}-${pad(f.month)}-${pad(f.day)}` : null);
const rank: Record<DatePrecision, number> = { datetime: 4, date: 3, month: 2, year: 1, 'month-day': 0, none: -1 };

/** A time given in another zone, in China Standard Time, as the page's visible stamps are. */
function toChinaTime(f: DateField): DateField {
  if (f.precision !== 'datetime' || !f.value || f.value.endsWith('+08:00')) return f;
  const t = Date.parse(f.value);
  if (Number.isNaN(t)) return f;
  const d = new Date(t + 8 * 3600_000);
  const seconds = /:\d{2}:\d{2}/.test(f.value.slice(11));
  const p: Parsed = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), match: f.value };
  if (seconds) p.second = d.getUTCSeconds();
  return { ...toField(p, f.from, `${f.evidence} (${f.value} in China Standard Time)`), suggestedYear: null };
}

export function extractDate(article: Article, hints: DateHints = {}): DateResult {
  const diagnostics: Diagnostic[] = [];

  // Every candidate, in the order a reader trusts them: the stamps the page shows (labelled ones
  // first, then the lines between the headline and the body, then the rest of the header), the
  // page's meta data, dates at the end of other words, the URL, the lead of the body, and last a
  // last-modified meta. A date inside the body never beats a stamp of the header.
  const segments = readingLines(article.segments);
  const bodyStart = segments.findIndex((s) => s.kind === 'body');
  const titleAt = segments.findIndex((s) => s.kind === 'title');
  const headerLines = segments
    .map((seg, i) => ({ seg, i }))
    .filter(({ seg }) => HEADER_KINDS.has(seg.kind))
    .sort((a, b) => place(a.i) - place(b.i) || a.i - b.i);
  function place(i: number): number {
    if (titleAt >= 0 && i > titleAt && (bodyStart < 0 || i < bodyStart)) return 0; // under the headline
    if (bodyStart < 0 || i < bodyStart) return 1; // above the body
    return 2; // after it (a government page's 发布日期 block)
  }
  // A stamp states the date: it opens its line or follows a label (`发布时间：`). A date at the end
  // of other words (`某某新闻标题2019-09-06` in a related list) is a weaker candidate.
  // A stamp that says what it is (`发布时间：`, `发文日期：`, not `最后更新：`) outranks a bare date
  // near the headline.
  const labelled: DateField[] = [];
  const stamps: DateField[] = [];
  const weak: DateField[] = [];
  for (const { seg } of headerLines) {
    const p = parseHeader(seg.text);
    if (!p) continue;
    const before = seg.text.slice(0, Math.max(0, seg.text.indexOf(p.match))).trim();
    const field = toField(p, 'header', seg.text.trim());
    if (DATE_LABEL.test(before) && !MODIFIED_LABEL.test(before)) labelled.push(field);
    else if (before === '' || DATE_LABEL.test(before) || [...before].length <= 12 || SOURCE_LABEL.test(before)) stamps.push(field);
    else weak.push(field);
  }
  const header = [...labelled, ...stamps];
  const meta = article.page?.meta ?? {};
  const metas: DateField[] = [];
  const modified: DateField[] = [];
  for (const [keys, into] of [
    [HTML_DATE_KEYS, metas],
    [HTML_MODIFIED_KEYS, modified],
  ] as const) {
    for (const key of keys) {
      const v = meta[key];
      const p = v ? parseHeader(v) : null;
      if (p) into.push(toField(p, 'html-meta', `${key}=${v}`));
    }
  }
  const urlDate = article.url ? parseUrl(article.url) : null;
  const url = urlDate ? toField(urlDate, 'url', article.url!) : null;

  let field: DateField | null = header[0] ?? null;
  if (!field && metas[0]) field = toChinaTime(metas[0]);
  if (!field && weak[0]) field = weak[0];
  if (field && field.precision !== 'datetime') {
    // The most precise candidate that agrees with it on the day: a date-only stamp and a meta
    // time of the same day give the time.
    const day = dayOf(field);
    const finer = [...header, ...metas.map(toChinaTime), ...weak].find((c) => c.precision === 'datetime' && day !== null && dayOf(c) === day);
    if (finer) field = { ...finer, evidence: `${finer.evidence}; agrees with ${field.evidence}` };
    else if (rank[field.precision] < rank.date && url && url.precision === 'date' && url.year === field.year && (field.month === null || url.month === field.month)) field = url;
  }
  if (field && urlDate && field.year !== null && urlDate.year !== field.year) {
    diagnostics.push({ rule: 'date-conflict', severity: 'info', message: `${field.from === 'html-meta' ? 'meta' : 'header'} date ${field.value} and URL path ${urlDate.match} disagree on the year` });
  }
  if (!field && url && urlDate!.day !== null) field = url;

  const firstBody = bodyStart >= 0 ? segments[bodyStart] : undefined;
  const lead = firstBody ? firstBody.text.trim().slice(0, 40) : '';
  const leadMatch = MONTH_DAY.exec(lead);
  if (!field && leadMatch && leadMatch[1] && valid(+leadMatch[1], +leadMatch[2]!, +leadMatch[3]!)) {
    field = toField({ year: +leadMatch[1], month: +leadMatch[2]!, day: +leadMatch[3]!, match: leadMatch[0] }, 'lede', firstBody!.text.trim().slice(0, 60));
  }
  if (!field && url) field = url;
  if (!field && modified[0]) field = { ...toChinaTime(modified[0]), evidence: `${modified[0].evidence} (the page's last-modified time: no publication stamp)` };
  if (!field && leadMatch && valid(null, +leadMatch[2]!, +leadMatch[3]!)) {
    field = toField({ year: null, month: +leadMatch[2]!, day: +leadMatch[3]!, match: leadMatch[0] }, 'lede', firstBody!.text.trim().slice(0, 60));
  }
  if (!field) {
    return {
      date: { value: null, from: 'none', evidence: '', precision: 'none', year: null, month: null, day: null, suggestedYear: null },
      diagnostics,
    };
  }
  if (field.year === null && field.month !== null && field.day !== null) {
    const original = article.text || article.repaired;
    field.suggestedYear = suggestYear(toSimplified(original), original, field.month, field.day, hints);
  }
  return { date: field, diagnostics };
}
