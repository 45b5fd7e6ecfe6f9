// What the search page's address holds, so that a search can be shared, bookmarked and gone
// back to: `?q=刘烁&from=2023-01-01&to=2023-06-30&year=2023&person=刘烁`, the query, the date
// range and each checked filter value (a group's parameter once per value). Pure functions (no
// DOM): search.ts reads and writes the address with them.

export interface SearchState {
  /** The query as typed, trimmed. */
  q: string;
  /** First and last day of the date range (`YYYY-MM-DD`); '' leaves that end open. */
  from: string;
  to: string;
  /** Filter group → its checked values, in the order they were checked. */
  filters: Map<string, string[]>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NOT_FILTERS = new Set(['q', 'from', 'to']);

/**
 * The state an address's query string (`location.search`) asks for. Every parameter other than
 * `q`, `from` and `to` is a filter group's value; a day that is not `YYYY-MM-DD` and an empty
 * value are left out (a form sent without JavaScript sends `from=&to=`).
 */
export function readSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters = new Map<string, string[]>();
  for (const [group, value] of params) {
    if (NOT_FILTERS.has(group) || !value) continue;
    const values = filters.get(group) ?? [];
    if (!values.includes(value)) values.push(value);
    filters.set(group, values);
  }
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  return { q: (params.get('q') ?? '').trim(), from: day('from'), to: day('to'), filters };
}

/** The query string of a state (`?q=…`, '' for an empty state): query, dates, then the filters in their order. */
export function searchStateQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  for (const [group, values] of state.filters) for (const value of values) params.append(group, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Whether an article's date (as the index stores it: `2023`, `2023-05`, `2023-05-06`, or ''
 * when its year is unknown) is in the range `from`–`to` (days, either may be '' for open).
 * A date stands for every day it may be: 2023 is 2023-01-01 … 2023-12-31 and 2023-05 is
 * 2023-05-01 … 2023-05-31, and it is in the range when any of those days is. An article dated
 * only 2023 is thus in any range that covers part of 2023: the archive cannot say it is not,
 * and a researcher would rather see it than miss it. An article whose year is unknown is in no
 * range (the year filter's 年份不详 Year unknown finds those); with no bound, every article is.
 */
export function dateInRange(date: string, from: string, to: string): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  const first = `${date}-01-01`.slice(0, 10);
  // No month has a day after the 31st: compared as text, `-31` is a month's end.
  const last = date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
  return (!from || last >= from) && (!to || first <= to);
}
