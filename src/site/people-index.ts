import type { Person } from '../article.ts';
import { pinyinPro } from '../text/pinyin-pro.ts';

/**
 * What the people and reporters indexes need to stay usable at thousands of names: names in
 * pinyin order under their initial letters, and for each person the post, region and number
 * that tell namesakes apart. Plain values in, plain values out (site-data.ts applies them).
 */

/**
 * Sort key of a name (Simplified), character by character: its pinyin without tone, then the
 * tone, then the character itself. So a surname's people stay together (刘 liú before 柳 liǔ,
 * each before 龙 lóng), 李 before 李安 before 廉 (`li`, `li an`, `lian`), and the order is the same
 * on every machine (no locale). The first character is read as a surname (单 shàn, 曾 zēng,
 * 解 xiè, 仇 qiú); ü sorts as u, right after it (lu, lü, luan, lüe, lun, as dictionaries order
 * them); a character without a reading (a Latin letter, ·) stands for itself, lower-cased.
 */
export function pinyinSortKey(name: string): string {
  return pinyinPro()
    .pinyin(name, { type: 'all', mode: 'surname', surname: 'head', toneType: 'none' })
    .map((c) => {
      const reading = c.isZh ? c.pinyin : c.origin.toLowerCase();
      return `${reading.replace(/ü/g, 'u')}\u0002${reading.includes('ü') ? 1 : 0}${c.num}\u0002${c.origin}`;
    })
    .join('\u0001');
}

/** The letter a sort key is filed under: A–Z, or `#` for anything else (digits, symbols). */
export function initialOf(sortKey: string): string {
  const c = sortKey.charAt(0).toUpperCase();
  return c >= 'A' && c <= 'Z' ? c : '#';
}

/** The id of a letter's heading on an index page (`#` has none of its own: `initial-other`). */
export function initialAnchor(letter: string): string {
  return letter === '#' ? 'initial-other' : `initial-${letter}`;
}

/**
 * Items in sort-key order (code units, the same on every machine), grouped under their initial
 * letters; the letters in order, `#` last. Only letters that have items appear.
 */
export function groupByInitial<T extends { sortKey: string }>(items: readonly T[]): Array<{ letter: string; items: T[] }> {
  const sorted = [...items].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const letter = initialOf(item.sortKey);
    const list = groups.get(letter);
    if (list) list.push(item);
    else groups.set(letter, [item]);
  }
  return [...groups.keys()].sort((a, b) => (a === '#' ? 1 : b === '#' ? -1 : a < b ? -1 : 1)).map((letter) => ({ letter, items: groups.get(letter)! }));
}

/** A date's sort key (see `DateLabel.sortKey`) has a year: not undated, not month-day only. */
const hasYear = (sortKey: string) => sortKey !== '' && !sortKey.startsWith('0000');

/**
 * The appearance whose post is the person's latest: the most recent one with a year that names
 * a post; without one, a month and day (year unknown) before no date at all. On equal dates, the
 * later in `appearances`. Null when no appearance names a post.
 */
export function latestWithPost<T extends { posts: readonly string[]; sortKey: string }>(appearances: readonly T[]): T | null {
  let best: T | null = null;
  for (const x of appearances) {
    if (!x.posts.length) continue;
    if (!best || hasYear(x.sortKey) > hasYear(best.sortKey) || (hasYear(x.sortKey) === hasYear(best.sortKey) && x.sortKey >= best.sortKey)) best = x;
  }
  return best;
}

/**
 * Where a person is from, as their articles place them: region paths (province, city, county)
 * are read level by level, and a level's name is kept while more than half of the articles that
 * go that deep (among those that agreed so far) name it. A city official seen in several of its
 * counties gets the city; an article without a city does not hide the city the others give;
 * one misplaced article does not move anyone. Empty when the articles do not agree or say nothing.
 */
export function commonRegion(paths: ReadonlyArray<readonly string[]>): string[] {
  const out: string[] = [];
  let agreeing = paths.filter((p) => p.length > 0);
  for (let level = 0; ; level++) {
    const deep = agreeing.filter((p) => p.length > level);
    if (!deep.length) return out;
    const counts = new Map<string, number>();
    for (const p of deep) counts.set(p[level]!, (counts.get(p[level]!) ?? 0) + 1);
    const [name, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    if (count * 2 <= deep.length) return out;
    out.push(name);
    agreeing = deep.filter((p) => p[level] === name);
  }
}

/**
 * Which of a name's people an id is: `p-<name>` is the first, `p-<name>-2` the second, as
 * src/people/resolve.ts numbers namesakes. Null for an id of another form.
 */
export function namesakeNumber(id: string, nameHans: string): number | null {
  if (id === `p-${nameHans}`) return 1;
  const rest = id.startsWith(`p-${nameHans}-`) ? id.slice(nameHans.length + 3) : '';
  return /^[1-9]\d*$/.test(rest) ? Number(rest) : null;
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; from 100 on, Arabic digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 1 ? DIGITS[tens]! : '') + (tens > 0 ? '十' : '') + (ones > 0 ? DIGITS[ones]! : '');
}

/**
 * The mark that tells namesakes apart, `（二）` for `p-<name>-2`: only for a name that several
 * people share (null otherwise), and the same as the id says, so a page and the data agree.
 */
export function namesakeMark(id: string, nameHans: string, peopleWithName: number): string | null {
  if (peopleWithName < 2) return null;
  const n = namesakeNumber(id, nameHans);
  return `（${n === null ? id : chineseNumeral(n)}）`;
}

/** A journalist: credited in bylines only (reporter, editor), never named as an official. */
export const isJournalist = (p: Person) => p.appearances.every((x) => x.role === 'reporter' || x.role === 'editor');
