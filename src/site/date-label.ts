import type { DateField } from '../article.ts';

export interface DateLabel {
  /** Chinese label with its precision, e.g. `1月28日（年份不详）`. */
  zh: string;
  /** English label, e.g. `28 January, year unknown`. */
  en: string;
  /** ISO 8601 (possibly partial: `2023-08`, `2023`) when the year is known, else null. */
  iso: string | null;
  /** Sorts newest first when compared descending; undated sorts last. */
  sortKey: string;
  /** Index group: a year (`2023`), `year-unknown` (month/day only) or `undated`. */
  group: string;
  month: number | null;
  /** A year suggested from context, shown as a suggestion only. */
  suggestion: { zh: string; en: string } | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** How a date reads on the page: exactly as precise as the source, never more. */
export function describeDate(date: DateField | null): DateLabel {
  const y = date?.year ?? null;
  const m = date?.month ?? null;
  const d = date?.day ?? null;
  const suggested = date?.suggestedYear ?? null;
  const suggestion = suggested && y === null ? { zh: `推测为${suggested.year}年`, en: `possibly ${suggested.year}` } : null;
  const base = { suggestion, month: m };
  if (y !== null && m !== null && d !== null) {
    const time = date?.precision === 'datetime' && date.value ? date.value.slice(11, 16) : '';
    return {
      ...base,
      zh: `${y}年${m}月${d}日${time ? ' ' + time : ''}`,
      en: `${d} ${MONTHS[m - 1] ?? m} ${y}${time ? ' ' + time : ''}`,
      iso: date?.precision === 'datetime' && date.value ? date.value : `${y}-${pad2(m)}-${pad2(d)}`,
      sortKey: `${y}-${pad2(m)}-${pad2(d)}${time ? 'T' + time : ''}`,
      group: String(y),
    };
  }
  if (y !== null && m !== null) {
    return { ...base, zh: `${y}年${m}月`, en: `${MONTHS[m - 1] ?? m} ${y}`, iso: `${y}-${pad2(m)}`, sortKey: `${y}-${pad2(m)}`, group: String(y) };
  }
  if (y !== null) return { ...base, zh: `${y}年`, en: String(y), iso: String(y), sortKey: String(y), group: String(y) };
  if (m !== null) {
    const zh = d !== null ? `${m}月${d}日（年份不详）` : `${m}月（年份不详）`;
    const en = d !== null ? `${d} ${MONTHS[m - 1] ?? m}, year unknown` : `${MONTHS[m - 1] ?? m}, year unknown`;
    // `0000-` keeps partial dates after every dated article when sorting newest first.
    return { ...base, zh, en, iso: null, sortKey: `0000-${pad2(m)}-${pad2(d ?? 0)}`, group: 'year-unknown' };
  }
  return { ...base, zh: '日期不详', en: 'date unknown', iso: null, sortKey: '', group: 'undated' };
}
