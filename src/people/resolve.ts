/**
 * People across articles and scripts. The key is the Simplified name (劉偉 = 刘伟); different
 * strings are always different people (刘建堂 ≠ 刘建中, no edit-distance merging). One name in
 * two regions is two people unless a post naming a specific place links them.
 *
 * Journalists (reporters, authors, editors) are people too: a reporter who writes for two
 * papers is the same kind of "who appeared where" fact. They are resolved in their own groups,
 * never merged with an official of the same name, and their appearances have role 'reporter' or
 * 'editor' and no posts.
 *
 * Ids derive from the name and the region, not from the order articles arrive in: namesakes are
 * ordered by region key, then by their earliest appearance; the first gets `p-<name>`, the next
 * `p-<name>-2`, and so on.
 */
import type { Appearance, ArticleMeta, Person } from '../article.ts';
import { alignedSimplified } from '../ingest/extract/official-grammar.ts';
import { toSimplified } from '../text/script.ts';

type Kind = 'official' | 'staff';

/** `a.localeCompare(b)` as one collator made once (the same order: the default locale's). */
const { compare } = new Intl.Collator();

interface Occurrence {
  kind: Kind;
  nameHans: string;
  appearance: Appearance;
  province: string | null;
  city: string | null;
  /** Post pieces that name a specific place (`绍兴市委书记`): evidence across regions. */
  specificPosts: string[];
  sortKey: string;
  /** Index into the article's officials (to write the resolved id back), or -1. */
  officialIndex: number;
  articleIndex: number;
}

/** A sortable date key: year (or suggested year), month, day; unknown parts sort last. */
function dateKey(a: ArticleMeta): string {
  const d = a.date;
  const year = d?.year ?? d?.suggestedYear?.year ?? 9999;
  const pad = (n: number | null | undefined, w: number) => String(n ?? (w === 4 ? 9999 : 99)).padStart(w, '0');
  return `${pad(year, 4)}-${pad(d?.month, 2)}-${pad(d?.day, 2)}|${d?.value ?? ''}`;
}

/** Posts that start with a place name (not a bare 市/县/区/省/副…) can tie namesakes together. */
function specific(posts: string[]): string[] {
  return posts.flatMap((p) => alignedSimplified(p).split('、')).filter((p) => p.length >= 4 && !/^(市|县|区|省|副|常务|党组|政法委|镇|乡)/.test(p));
}

function occurrences(articles: readonly ArticleMeta[]): Occurrence[] {
  const out: Occurrence[] = [];
  articles.forEach((a, ai) => {
    // Copied field by field into each occurrence below, not spread: a spread is several times slower here.
    const base = {
      province: a.region?.province ?? null,
      city: a.region?.city ?? null,
      sortKey: `${dateKey(a)}|${a.id}`,
      articleIndex: ai,
    };
    const date = a.date?.value ?? null;
    const precision = a.date?.precision ?? 'none';
    a.officials.forEach((o, oi) => {
      out.push({
        province: base.province,
        city: base.city,
        sortKey: base.sortKey,
        articleIndex: ai,
        kind: 'official',
        nameHans: o.nameHans || toSimplified(o.name),
        appearance: { articleId: a.id, date, precision, name: o.name, posts: o.posts, role: o.role },
        specificPosts: specific(o.posts),
        officialIndex: oi,
      });
    });
    // Journalists: bylines plus sub-article reporters, once per article and role.
    const staff: [string, 'reporter' | 'editor'][] = [
      ...a.bylines.reporters.map((n) => [n, 'reporter'] as [string, 'reporter']),
      ...a.bylines.authors.map((n) => [n, 'reporter'] as [string, 'reporter']),
      ...a.parts.flatMap((p) => p.reporters.map((n) => [n, 'reporter'] as [string, 'reporter'])),
      ...[...a.bylines.editors, ...a.bylines.chiefEditors, ...a.bylines.reviewers].map((n) => [n, 'editor'] as [string, 'editor']),
    ];
    const seen = new Set<string>();
    for (const [name, role] of staff) {
      const nameHans = toSimplified(name);
      if (!name || seen.has(`${nameHans}|${role}`)) continue;
      seen.add(`${nameHans}|${role}`);
      out.push({
        province: base.province,
        city: base.city,
        sortKey: base.sortKey,
        articleIndex: ai,
        kind: 'staff',
        nameHans,
        appearance: { articleId: a.id, date, precision, name, posts: [], role },
        specificPosts: [],
        officialIndex: -1,
      });
    }
  });
  return out;
}

/** Two regions agree when every level known on both sides is equal. */
function compatible(a: { province: string | null; city: string | null }, b: { province: string | null; city: string | null }): boolean {
  if (a.province && b.province && a.province !== b.province) return false;
  if (a.city && b.city && a.city !== b.city) return false;
  return true;
}

/**
 * Splits one name's occurrences into people: same region (or a shared place-specific post)
 * means one person; an occurrence without a region joins the only compatible group, if there is
 * exactly one.
 */
function cluster(occs: Occurrence[]): Occurrence[][] {
  // Each group keeps the place-specific posts and the distinct regions of its members, so an
  // occurrence is tested against those, not against every member: a name that recurs in
  // thousands of articles made this pass grow with the square of the corpus.
  const groups: Array<{ members: Occurrence[]; posts: Set<string>; regions: Map<string, Occurrence> }> = [];
  const add = (g: (typeof groups)[number], o: Occurrence) => {
    g.members.push(o);
    for (const p of o.specificPosts) g.posts.add(p);
    if (o.province || o.city) g.regions.set(`${o.province ?? ''}|${o.city ?? ''}`, o);
  };
  const found = (o: Occurrence) => {
    const g = { members: [] as Occurrence[], posts: new Set<string>(), regions: new Map<string, Occurrence>() };
    add(g, o);
    groups.push(g);
  };
  const sharesPost = (g: (typeof groups)[number], o: Occurrence) => o.specificPosts.some((p) => g.posts.has(p));
  const regioned = occs.filter((o) => o.province || o.city);
  const bare = occs.filter((o) => !o.province && !o.city);
  // Most specific first, so a city-level occurrence founds the group a province-only one joins.
  regioned.sort((a, b) => Number(!!b.city) - Number(!!a.city) || compare(a.sortKey, b.sortKey));
  for (const o of regioned) {
    const fits = groups.filter((g) => sharesPost(g, o) || [...g.regions.values()].every((x) => compatible(x, o)));
    if (fits.length === 1) add(fits[0]!, o);
    else found(o);
  }
  for (const o of bare) {
    if (groups.length <= 1) {
      if (groups[0]) add(groups[0], o);
      else found(o);
      continue;
    }
    const fits = groups.filter((g) => sharesPost(g, o));
    if (fits.length === 1) add(fits[0]!, o);
    else found(o);
  }
  return groups.map((g) => g.members);
}

function groupKey(g: Occurrence[]): string {
  const first = [...g].sort((a, b) => compare(a.sortKey, b.sortKey))[0]!;
  const region = g.find((o) => o.city || o.province);
  return `${region?.province ?? '~'}|${region?.city ?? '~'}|${first.sortKey}`;
}

/** Groups in the order of their keys (each key made once, not once per comparison). */
function byGroupKey(groups: Occurrence[][]): Occurrence[][] {
  return groups
    .map((g) => ({ g, key: groupKey(g) }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ g }) => g);
}

/** Reads metadata only: whole and packed articles alike (see src/packed-article.ts). */
export function resolvePeople<A extends ArticleMeta>(articles: A[]): { articles: A[]; people: Person[] } {
  const byName = new Map<string, Occurrence[]>();
  for (const o of occurrences(articles)) {
    const list = byName.get(o.nameHans) ?? [];
    list.push(o);
    byName.set(o.nameHans, list);
  }

  const people: Person[] = [];
  const ids = new Map<Occurrence, string>();
  for (const nameHans of [...byName.keys()].sort()) {
    const occs = byName.get(nameHans)!;
    // Officials first, then journalists: a journalist never merges with an official.
    const groups = [...byGroupKey(cluster(occs.filter((o) => o.kind === 'official'))), ...byGroupKey(cluster(occs.filter((o) => o.kind === 'staff')))];
    groups.forEach((g, gi) => {
      const id = gi === 0 ? `p-${nameHans}` : `p-${nameHans}-${gi + 1}`;
      g.sort((a, b) => compare(a.sortKey, b.sortKey) || compare(a.appearance.role, b.appearance.role));
      const written = [...new Set(g.map((o) => o.appearance.name))].filter((n) => n !== nameHans).sort();
      people.push({ id, names: [nameHans, ...written], nameHans, appearances: g.map((o) => o.appearance) });
      for (const o of g) ids.set(o, id);
    });
  }
  people.sort((a, b) => compare(a.id, b.id));

  // Write resolved ids back into each article's officials (new objects: the input is untouched).
  const officialIds: Array<Array<string | undefined>> = articles.map(() => []);
  for (const [o, id] of ids) if (o.officialIndex >= 0) officialIds[o.articleIndex]![o.officialIndex] = id;
  const out = articles.map((a, ai) => (a.officials.length === 0 ? a : { ...a, officials: a.officials.map((o, oi) => ({ ...o, personId: officialIds[ai]![oi] ?? o.personId })) }));
  return { articles: out, people };
}
