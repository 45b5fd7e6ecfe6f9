// What the search page keeps besides the query: the date range and the rule that applies it.
// Pure functions (no DOM), used by search.ts.

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
