import { createHash } from 'node:crypto';
import type { ArticleMeta, Person } from '../article.ts';
import { bodyDigest, isPacked, unpackArticle, type StoredArticle } from '../packed-article.ts';
import { currentPipelineDigest } from '../io/pipeline-digest.ts';
import { aboutView } from './about.ts';
import type { Corpus } from '../article.ts';
import { toSimplified, toTraditional } from '../text/script.ts';
import { regionPath, summaryOf, toArticleView, toSearchView, type ArticleView, type Summary, type UrlMap } from './article-view.ts';
import { describeDate, type DateLabel } from './date-label.ts';
import { commonRegion, groupByInitial, initialAnchor, initialOf, isJournalist, latestWithPost, namesakeMark, namesakeNumber, pinyinSortKey } from './people-index.ts';
import { assignSlugs, personPaths } from './slug.ts';
import { barChartSvg, timelineSvg } from './svg.ts';

/**
 * What Eleventy gets, in memory: the data of every page, and a view per article made on demand
 * (`viewOf`): views are the largest part of the site data, so the build makes them one run of
 * pages at a time instead of holding them all. Typed by inference from `buildSiteData`, so a
 * template's data has one definition.
 */
export type SiteData = ReturnType<typeof buildSiteData>;

const bySortKeyDesc = (a: Summary, b: Summary) => (a.date.sortKey < b.date.sortKey ? 1 : a.date.sortKey > b.date.sortKey ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

/**
 * The whole site as data, computed once in TypeScript so templates only loop and escape.
 * Every field of the corpus may be null or empty: pages then say "unknown" instead of failing.
 */
/**
 * `origin` (e.g. `https://example.org`, from `--site-url`) makes citations, JSON-LD, the feed
 * and the sitemap absolute; without it they stay root-relative.
 */
export function buildSiteData(
  corpus: Corpus<StoredArticle>,
  base: string,
  origin = '',
  /** `people`: person summaries the last build made, by the digest of their inputs (see `PersonSummary`). */
  options: { people?: ReadonlyMap<string, PersonSummary> } = {},
) {
  origin = origin.replace(/\/+$/, '');
  const articles = corpus.articles;
  const articleSlugs = assignSlugs(articles.map((a) => ({ key: a.id + '\0' + a.sourceFile, raw: a.id, tiebreak: a.sourceFile })));
  // One outlet across scripts (江西日报 = 江西日報): grouped by the Simplified form, which names it;
  // the spellings the articles use are kept with it.
  const spellings = new Map<string, Set<string>>();
  for (const a of articles) {
    const v = a.outlet?.value;
    if (v) (spellings.get(toSimplified(v)) ?? spellings.set(toSimplified(v), new Set()).get(toSimplified(v))!).add(v);
  }
  const outletNames = [...spellings.keys()].sort();
  // Slugs are keyed by id and file; ids themselves are unique in a corpus (ingest suffixes -2…).
  const articleUrl = (a: ArticleMeta) => `/articles/${articleSlugs.get(a.id + '\0' + a.sourceFile)}/`;
  const personUrl = personPaths(corpus.people.map((p) => p.id));
  const journalistUrl = journalistUrls(corpus.people, personUrl);
  const urls: UrlMap = {
    article: new Map(articles.map((a) => [a.id, articleUrl(a)])),
    person: personUrl,
    outlet: new Map([...assignSlugs(outletNames.map((n) => ({ key: n, raw: n })))].map(([n, s]) => [n, `/outlets/${s}/`])),
    /**
     * The page of a name an article credits (reporter, author, editor…: its bylines and its parts'
     * reporters), as the article writes it: the journalist's person page, or null.
     */
    reporter: (articleId, name) => journalistUrl.get(bylineKey(articleId, name)) ?? null,
  };

  const regionKeys = [...new Set(articles.flatMap((a) => regionPath(a).map((r) => r.key)))].sort();
  const regionSlugs = assignSlugs(regionKeys.map((k) => ({ key: k, raw: k })));
  const regionUrl = (key: string) => `/regions/${regionSlugs.get(key)}/`;

  // Packed articles are unpacked here, one per view (src/packed-article.ts).
  const viewOf = (i: number) => toArticleView(unpackArticle(articles[i]!), urls, regionUrl, origin + base);
  const searchViewOf = (i: number) => toSearchView(unpackArticle(articles[i]!), urls);
  /**
   * What article `i`'s page is made from, as a digest: the article record and every address its
   * page links to. A page whose digest is unchanged is unchanged (with the same templates and
   * view code: the build's page key adds those), so no view is made to tell.
   */
  const pageInputsOf = (i: number): string => {
    const a = articles[i]!;
    const h = createHash('sha256');
    if (isPacked(a)) {
      const { body, repairCounts: _, ...meta } = a;
      h.update(JSON.stringify(meta)).update('\0').update(bodyDigest(body));
    } else h.update(JSON.stringify(a));
    const linked = [
      urls.article.get(a.id),
      a.outlet?.value ? urls.outlet.get(toSimplified(a.outlet.value)) : null,
      ...a.officials.map((o) => urls.person.get(o.personId) ?? null),
      ...regionPath(a).map((r) => regionUrl(r.key)),
      ...Object.values(a.bylines).flatMap((names) => names.map((n) => urls.reporter(a.id, n))),
    ];
    return h
      .update('\0')
      .update(JSON.stringify([linked, origin, base]))
      .digest('hex');
  };
  // `root`: the deploy path without its last slash, put before every root-relative link in the
  // templates (`{{ site.root }}{{ x.url }}`): URLs made at data time, no HTML rewriting.
  const site = { base, root: base.replace(/\/$/, ''), origin, title: '新闻档案 News Archive' };

  /** Every listing's data: made when first read (see `data` below). */
  const listings = () => {
    const summaries = articles.map((a) => summaryOf(a, urls));
    const sorted = [...summaries].sort(bySortKeyDesc);

    // Dates: year → month; month-day without a year and undated get groups of their own.
    const yearGroups = groupBy(sorted, (s) => s.date.group);
    const yearKeys = [...yearGroups.keys()]
      .filter((k) => /^\d+$/.test(k))
      .sort()
      .reverse();
    const dates = [
      ...yearKeys.map((y) => {
        const list = yearGroups.get(y)!;
        const months = groupBy(list, (s) => (s.date.month === null ? 'none' : String(s.date.month)));
        return {
          key: y,
          label: `${y}年`,
          url: `/dates/${y}/`,
          count: list.length,
          months: [...months].map(([m, items]) => ({ label: m === 'none' ? '月份不详 month unknown' : `${m}月`, articles: items })),
        };
      }),
      ...(['year-unknown', 'undated'] as const)
        .filter((k) => yearGroups.has(k))
        .map((k) => ({
          key: k,
          label: k === 'undated' ? '日期不详 Undated' : '年份不详 Year unknown',
          url: `/dates/${k}/`,
          count: yearGroups.get(k)!.length,
          months: [{ label: k === 'undated' ? '' : '仅有月日 month and day only', articles: yearGroups.get(k)! }],
        })),
    ];

    // One pass over `sorted` (each list keeps its order), not one filter per outlet.
    const byOutlet = groupBy(
      sorted.filter((s) => s.outlet),
      (s) => toSimplified(s.outlet!),
    );
    const outlets = outletNames.map((name) => {
      const list = byOutlet.get(name) ?? [];
      const other = [...spellings.get(name)!].filter((s) => s !== name).sort();
      return { name, spellings: other, url: urls.outlet.get(name)!, count: list.length, articles: list };
    });
    const noOutlet = sorted.filter((s) => !s.outlet);

    const regionNodes = new Map<string, { key: string; name: string; level: string; url: string; parent: string | null; children: Set<string>; articles: Summary[] }>();
    articles.forEach((a, i) => {
      let parent: string | null = null;
      for (const r of regionPath(a)) {
        let node = regionNodes.get(r.key);
        if (!node) regionNodes.set(r.key, (node = { key: r.key, name: r.name, level: r.level, url: regionUrl(r.key), parent, children: new Set(), articles: [] }));
        if (parent) regionNodes.get(parent)!.children.add(r.key);
        node.articles.push(summaries[i]!);
        parent = r.key;
      }
    });
    const regionList = [...regionNodes.values()]
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((n) => ({
        key: n.key,
        name: n.name,
        level: n.level,
        url: n.url,
        parent: n.parent ? { name: regionNodes.get(n.parent)!.name, url: regionNodes.get(n.parent)!.url } : null,
        children: [...n.children].sort().map((k) => ({ name: regionNodes.get(k)!.name, url: regionNodes.get(k)!.url, count: regionNodes.get(k)!.articles.length })),
        count: n.articles.length,
        articles: [...n.articles].sort(bySortKeyDesc),
      }));
    const regionTree = regionList.filter((n) => n.parent === null);

    // People: officials are listed on /people/, journalists on /reporters/; both have person pages.
    const { views: people, inputs: personInputs, summaries: personSummaries } = personViews(corpus.people, articles, urls, new Map(articles.map((a, i) => [a.id, summaries[i]!])), options.people);
    const peopleIndex = indexOf(people.filter((p) => p.kind === 'official'));
    const reporters = indexOf(people.filter((p) => p.kind === 'journalist'));

    const perMonth = groupBy(
      sorted.filter((s) => s.date.iso && s.date.month !== null),
      (s) => s.date.iso!.slice(0, 7),
    );
    const monthKeys = [...perMonth.keys()].sort();
    const bars: Array<{ label: string; value: number }> = [];
    if (monthKeys.length) {
      let [y, m] = monthKeys[0]!.split('-').map(Number) as [number, number];
      const last = monthKeys[monthKeys.length - 1]!;
      for (let guard = 0; guard < 600; guard++) {
        const key = `${y}-${String(m).padStart(2, '0')}`;
        bars.push({ label: key, value: perMonth.get(key)?.length ?? 0 });
        if (key >= last) break;
        m++;
        if (m > 12) (m = 1), y++;
      }
    }

    const home = {
      latest: sorted.slice(0, 20),
      total: articles.length,
      peopleCount: corpus.people.length,
      byYear: dates.map((d) => ({ label: d.label, url: d.url, count: d.count })),
      byOutlet: [...outlets.map((o) => ({ label: o.name, url: o.url, count: o.count }))].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)),
      noOutlet: noOutlet.length,
      byRegion: regionTree.map((r) => ({ label: r.name, url: r.url, count: r.count })).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)),
      chart: bars.length ? barChartSvg(bars, '每月文章数 Articles per month') : '',
    };

    const feed = sorted.filter((s) => s.date.iso).slice(0, 50);
    const updated = feed[0]?.date.iso ?? null;

    const sitemap = [
      '/',
      '/dates/',
      '/outlets/',
      '/regions/',
      '/people/',
      '/reporters/',
      '/search/',
      '/about/',
      // One page per article, both scripts on it.
      ...articles.map(articleUrl),
      ...dates.map((d) => d.url),
      ...outlets.map((o) => o.url),
      ...regionList.map((r) => r.url),
      ...people.map((p) => p.url),
    ];

    // What an item page (outlet, region, date) prints of each article it lists is its summary:
    // one digest per summary, made once, names it in those pages' keys (src/build/publish.ts)
    // instead of its whole text once per list it is in (a summary is in five or more).
    const summaryDigests = new Map(summaries.map((s) => [s, digestOf(JSON.stringify(s))]));
    const itemKey = (item: unknown): string => JSON.stringify(item, (_, v: unknown) => (typeof v === 'object' && v !== null && summaryDigests.get(v as Summary)) || v);

    return {
      /** A key of an item page's data (outlets, regions, dates): its JSON with each listed summary as its digest. */
      itemKey,
      sitemap,
      // `root`: the deploy path without its last slash, put before every root-relative link in the
      // templates (`{{ site.root }}{{ x.url }}`): URLs made at data time, no HTML rewriting.
      site,
      catalog: sorted,
      dates,
      outlets: { list: outlets, unknown: noOutlet },
      regions: { list: regionList, tree: regionTree, unknown: sorted.filter((s) => !s.regionLabel) },
      people,
      /** Person id → a digest of what their page is made from (see `personViews`). */
      personInputs,
      /** Each person's summary by the digest of their inputs, for the next build (see `PersonSummary`). */
      personSummaries,
      peopleIndex,
      reporters,
      home,
      about: aboutView(corpus, { origin, base, pipelineDigest: currentPipelineDigest(), articleUrl }),
      feed: { entries: feed.map((s) => ({ ...s, updated: atomDate(s.date.iso!) })), updated: updated ? atomDate(updated) : '1970-01-01T00:00:00Z' },
    };
  };
  let data: ReturnType<typeof listings> | undefined;

  return {
    articleCount: articles.length,
    /** The view of article `i` (in corpus order), made afresh on each call. */
    viewOf: viewOf as (i: number) => ArticleView,
    /** Its search part alone (see `toSearchView`). */
    searchViewOf,
    /** The address of article `i`'s page (root-relative, without the base). */
    urlOf: (i: number) => articleUrl(articles[i]!),
    /** A digest of everything article `i`'s page is made from (see `pageInputsOf`). */
    pageInputsOf,
    /** See `urls.reporter`: the page of a name an article credits, for the article page's bylines. */
    reporterUrl: urls.reporter,
    /** The site-wide values every page prints (cheap: no listing is made for them). */
    site,
    /**
     * The listings (indexes, people, feed, about), made on first read: a build names the
     * articles' pages and starts the search index before it pays for them.
     */
    get data() {
      return (data ??= listings());
    },
  };
}

/** Atom needs a full RFC 3339 timestamp; partial dates get the first instant they cover. */
function atomDate(iso: string): string {
  if (/T/.test(iso)) return iso;
  const [y, m = '01', d = '01'] = iso.split('-');
  return `${y}-${m}-${d}T00:00:00Z`;
}

const ROLE: Record<string, string> = { interviewee: '受访 interviewee', present: '出席 present', mentioned: '提及 mentioned', reporter: '记者 reporter', editor: '编辑 editor' };

/** A name an article credits, by its Simplified form: 劉偉 in a byline and 刘伟 in a part are one journalist. */
const bylineKey = (articleId: string, name: string) => `${articleId}\0${toSimplified(name)}`;

/** (article, credited name) → that journalist's person page (see `urls.reporter`). */
function journalistUrls(people: readonly Person[], personUrl: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of people) {
    if (!isJournalist(p)) continue;
    for (const x of p.appearances) if (!out.has(bylineKey(x.articleId, x.name))) out.set(bylineKey(x.articleId, x.name), personUrl.get(p.id)!);
  }
  return out;
}

/** Article id → indices (into `people`, ascending, each once) of the people appearing in it for whom `include` holds. */
function peopleByArticle(people: readonly Person[], include: (p: Person) => boolean): Map<string, number[]> {
  const index = new Map<string, number[]>();
  people.forEach((p, i) => {
    if (!include(p)) return;
    for (const x of p.appearances) {
      const list = index.get(x.articleId);
      if (!list) index.set(x.articleId, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return index;
}

/**
 * A page lists this many of a person's namesakes at most, then links to the index: a name that
 * recurs in many places (a generated archive has one in 47 places at 1,000 articles) would
 * otherwise make each of its pages list all the others.
 */
const MAX_NAMESAKES_LISTED = 20;

/**
 * Every person's page data, with the namesakes each page lists (same name, another id), and
 * what each person's page is made from as a digest (`inputs`, by id): a page whose digest is
 * unchanged is unchanged, so a rebuild neither makes nor prints the views of those pages.
 */
function personViews(all: readonly Person[], articles: readonly ArticleMeta[], urls: UrlMap, summaryById: Map<string, Summary>, known?: ReadonlyMap<string, PersonSummary>) {
  // "Appeared with" lists officials only: a reporter is not a peer of the officials in their articles.
  const coIndex = peopleByArticle(all, (p) => !isJournalist(p));
  const placeOf = new Map(articles.map((a) => [a.id, regionPath(a).map((r) => r.name)]));
  const byName = groupBy(all, (p) => p.nameHans);
  // Appearances share few distinct dates: each label is made once (a label is read, never changed).
  const labels = new Map<string | null, Map<string | null, DateLabel>>();
  const labelOf = (date: string | null, precision: string | null): DateLabel => {
    let byPrecision = labels.get(date);
    if (!byPrecision) labels.set(date, (byPrecision = new Map()));
    let label = byPrecision.get(precision);
    if (!label) byPrecision.set(precision, (label = describeDate(date ? ({ value: date, precision, ...partsOf(date) } as never) : null)));
    return label;
  };
  // What a person page prints of an article it lists (its title, address and places) and of
  // the officials in it (for "appeared with"), as a digest made once per article.
  const articleFacts = new Map<string, string>();
  const factsOf = (id: string) => {
    let facts = articleFacts.get(id);
    if (facts === undefined) {
      const s = summaryById.get(id);
      let text = JSON.stringify([s?.title ?? null, s?.url ?? null, placeOf.get(id) ?? []]);
      for (const q of coIndex.get(id) ?? []) text += `\n${all[q]!.id}\t${urls.person.get(all[q]!.id)}\t${byName.get(all[q]!.nameHans)!.length}`;
      articleFacts.set(id, (facts = digestOf(text)));
    }
    return facts;
  };
  const context = { all, coIndex, urls, summaryById, placeOf, labelOf, factsOf, peopleNamed: (name: string) => byName.get(name)!.length };
  const made = all.map((p, i) => personView(p, i, context, known));
  const views = made.map((m) => m.view);
  const summaries = new Map(made.map((m) => [m.inputs, m.summary]));
  // Each name's people sorted once (sort keys are unique: they end with the id), not once per
  // person of that name: a name shared by k people cost k sorts of k (20,000 articles: 3 s).
  const byView = new Map(made.map((m) => [m.view, m.inputs]));
  const viewsByName = groupBy(views, (v) => v.name);
  for (const group of viewsByName.values()) group.sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1));
  const inputs = new Map<string, string>();
  // The namesakes a page lists are made from their own inputs: those of the whole name, in order,
  // hashed once per name.
  const nameInputs = new Map<string, string>();
  for (const [name, group] of viewsByName) if (group.length > 1) nameInputs.set(name, digestOf(...group.map((o) => byView.get(o)!)));
  const withNamesakes = views.map((v) => {
    const group = viewsByName.get(v.name)!;
    const others = group
      .slice(0, MAX_NAMESAKES_LISTED + 1)
      .filter((o) => o.id !== v.id)
      .slice(0, MAX_NAMESAKES_LISTED);
    inputs.set(v.id, group.length === 1 ? byView.get(v)! : digestOf(byView.get(v)!, nameInputs.get(v.name)!));
    // Added to the view, not spread into a copy: a spread would read its getters once and keep the values.
    return Object.assign(v, {
      namesakes: others.map((o) => ({ name: o.name, mark: o.mark, url: o.url, post: o.post, postYear: o.postYear, region: o.region, articleCount: o.articleCount })),
      moreNamesakes: Math.max(0, group.length - 1 - MAX_NAMESAKES_LISTED),
    });
  });
  return { views: withNamesakes, inputs, summaries };
}

/** A digest of `parts` (each ended by a NUL), for the keys of person pages. */
const digestOf = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

interface PersonContext {
  all: readonly Person[];
  coIndex: Map<string, number[]>;
  urls: UrlMap;
  summaryById: Map<string, Summary>;
  /** Article id → its region path (province, city, county names). */
  placeOf: Map<string, string[]>;
  /** Article id → a digest of what a person page prints of it and of the officials in it. */
  factsOf: (articleId: string) => string;
  /** How many people have this Simplified name. */
  peopleNamed: (name: string) => number;
  /** An appearance's date label (see `describeDate`), made once per date and precision. */
  labelOf: (date: string | null, precision: string | null) => DateLabel;
}

/**
 * What the indexes and the namesake lists show of a person, and what their page's head says:
 * made from their record and the places of their articles alone, so a build keeps them by the
 * digest of their inputs (`personView`'s `inputs`) and the next build makes them only for the people
 * whose inputs changed (src/build/publish.ts).
 */
export interface PersonSummary {
  kind: 'official' | 'journalist';
  /** `（二）` for the second of several people of this name (as the id `p-<name>-2`), else null. */
  mark: string | null;
  sortKey: string;
  post: string | null;
  postYear: string | null;
  region: string | null;
  articleCount: number;
}

type Dated = { x: Person['appearances'][number]; label: DateLabel; sortKey: string; posts: string[] };

/** A person's appearances with their date labels, oldest first. */
function datedAppearances(p: Person, labelOf: PersonContext['labelOf']): Dated[] {
  return p.appearances
    .map((x) => {
      const label = labelOf(x.date, x.precision);
      return { x, label, sortKey: label.sortKey, posts: x.posts };
    })
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.x.articleId < b.x.articleId ? -1 : 1));
}

function personSummary(p: Person, articleIds: ReadonlySet<string>, { placeOf, peopleNamed, labelOf }: PersonContext): PersonSummary {
  const dated = datedAppearances(p, labelOf);
  const kind = isJournalist(p) ? ('journalist' as const) : ('official' as const);
  // What the indexes show to tell people apart: the latest post (in Simplified, as posts are
  // grouped), for a journalist their roles; and where their articles place them.
  const latest = latestWithPost(dated);
  // A municipality is its own city (北京市 北京市): named once.
  const region = commonRegion([...articleIds].map((id) => placeOf.get(id) ?? [])).filter((name, i, path) => name !== path[i - 1]);
  return {
    kind,
    mark: namesakeMark(p.id, p.nameHans, peopleNamed(p.nameHans)),
    // Namesakes in the order of their ids' numbers (p-x, p-x-2, …, p-x-10).
    sortKey: `${pinyinSortKey(p.nameHans)}\u0000${String(namesakeNumber(p.id, p.nameHans) ?? 0).padStart(6, '0')}\u0000${p.id}`,
    post: kind === 'journalist' ? [...new Set(dated.map(({ x }) => ROLE[x.role] ?? x.role))].join('、') : latest ? toSimplified(latest.posts.join('、')) : null,
    postYear: kind === 'official' && latest && /^\d+$/.test(latest.label.group) ? latest.label.group : null,
    region: region.length ? region.join(' ') : null,
    articleCount: articleIds.size,
  };
}

/**
 * A person's page data, the digest of what it is made from (`inputs`: the person record, the
 * title, address and places of their articles, who appeared with them; not their namesakes, which
 * `personViews` adds) and their summary (taken from `known` by that digest when it is there). The
 * parts only their page prints are made when read (getters), so that the indexes of a large
 * archive, and a rebuild that renders few person pages, do not pay for them.
 */
function personView(p: Person, self: number, context: PersonContext, known: ReadonlyMap<string, PersonSummary> | undefined) {
  const { all, coIndex, urls, summaryById, factsOf, peopleNamed, labelOf } = context;
  const url = urls.person.get(p.id)!;
  const articleIds = new Set(p.appearances.map((x) => x.articleId));
  // The templates and this code are in every page's key (src/build/publish.ts): only data here.
  // People are in id order (src/people/resolve.ts), so who appeared with them, and in what
  // order, follows from the officials of each of their articles.
  let digestInput = `${JSON.stringify(p)}\n${url}\n${peopleNamed(p.nameHans)}\n`;
  for (const id of articleIds) digestInput += factsOf(id);
  const inputs = digestOf(digestInput);
  const summary = known?.get(inputs) ?? personSummary(p, articleIds, context);
  const appearances = () => datedAppearances(p, labelOf).map(({ x, label }) => ({ x, label, article: summaryById.get(x.articleId) ?? null }));
  // Who appeared with them: taken from their own articles through the index (not by scanning
  // everyone), then listed in corpus order before sorting, exactly as a scan of `all` would.
  const coAppearances = () => {
    const shared = new Map<number, number>();
    for (const id of articleIds) {
      for (const q of coIndex.get(id) ?? []) if (q !== self) shared.set(q, (shared.get(q) ?? 0) + 1);
    }
    return [...shared.keys()]
      .sort((a, b) => a - b)
      .filter((q) => all[q]!.id !== p.id)
      .map((q) => ({ name: all[q]!.nameHans, mark: namesakeMark(all[q]!.id, all[q]!.nameHans, peopleNamed(all[q]!.nameHans)), url: urls.person.get(all[q]!.id)!, count: shared.get(q)! }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  };
  const view = {
    id: p.id,
    url,
    kind: summary.kind,
    name: p.nameHans,
    mark: summary.mark,
    sortKey: summary.sortKey,
    /** Where the index lists them: /people/ or /reporters/, at their initial. */
    indexUrl: `${summary.kind === 'journalist' ? '/reporters/' : '/people/'}#${initialAnchor(initialOf(summary.sortKey))}`,
    post: summary.post,
    postYear: summary.postYear,
    region: summary.region,
    articleCount: summary.articleCount,
    get names() {
      return [...new Set([...p.names, toTraditional(p.nameHans)])];
    },
    // One post across scripts (市委副书记、市长 = 市委副書記、市長): grouped by the Simplified
    // form, in order of first appearance, with the other spellings and every dated mention.
    get postGroups() {
      return groupPosts(appearances());
    },
    get appearances() {
      return appearances().map(({ x, label, article }) => ({
        date: label.zh,
        name: x.name,
        posts: x.posts.join('、'),
        role: ROLE[x.role] ?? x.role,
        title: article?.title ?? x.articleId,
        url: article?.url ?? null,
      }));
    },
    get coAppearances() {
      return coAppearances();
    },
    get timeline() {
      const points = datedAppearances(p, labelOf)
        .filter(({ label }) => label.group !== 'undated' && label.group !== 'year-unknown')
        .map(({ x, label }) => ({ at: Number(label.group) + ((label.month ?? 7) - 1) / 12, label: `${label.zh} ${x.posts.join('、')}` }));
      return timelineSvg(points, `${p.nameHans} 出现时间 appearances over time`);
    },
  };
  return { view, inputs, summary };
}

/** An index page's data (/people/, /reporters/): its people under their initial letters. */
function indexOf(views: ReadonlyArray<ReturnType<typeof personViews>['views'][number]>) {
  const entries = views.map((v) => ({ sortKey: v.sortKey, name: v.name, mark: v.mark, url: v.url, post: v.post, postYear: v.postYear, region: v.region, articleCount: v.articleCount }));
  return {
    count: views.length,
    letters: groupByInitial(entries).map(({ letter, items }) => ({ letter, anchor: initialAnchor(letter), people: items })),
  };
}

/** Year/month/day of an appearance's date string (`2023-08-01…`, `2023-08`, `--01-28`, `2023`). */
function partsOf(date: string): { year: number | null; month: number | null; day: number | null; suggestedYear: null } {
  const md = /^--(\d{2})-(\d{2})/.exec(date);
  if (md) return { year: null, month: Number(md[1]), day: Number(md[2]), suggestedYear: null };
  const full = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!full) return { year: null, month: null, day: null, suggestedYear: null };
  return { year: Number(full[1]), month: full[2] ? Number(full[2]) : null, day: full[3] ? Number(full[3]) : null, suggestedYear: null };
}

/** A person's posts grouped by their Simplified form (see `personView`). */
function groupPosts(appearances: ReadonlyArray<{ x: { posts: string[] }; label: { zh: string }; article: Summary | null }>) {
  const groups = new Map<string, { post: string; spellings: Set<string>; mentions: Array<{ date: string; url: string | null }> }>();
  for (const { x, label, article } of appearances) {
    if (!x.posts.length) continue;
    const written = x.posts.join('、');
    const post = toSimplified(written);
    let g = groups.get(post);
    if (!g) groups.set(post, (g = { post, spellings: new Set(), mentions: [] }));
    if (written !== post) g.spellings.add(written);
    g.mentions.push({ date: label.zh, url: article?.url ?? null });
  }
  return [...groups.values()].map((g) => ({ post: g.post, spellings: [...g.spellings].sort(), mentions: g.mentions }));
}
