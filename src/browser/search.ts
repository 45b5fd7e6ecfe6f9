// Search page over the archive's own static index (search-engine.ts, files under search-index/).
// Bundled by src/site/browser-scripts.ts as `assets/search.js`; the engine stays a file of its
// own (`assets/search-engine.js`, imported as `./search-engine.js`), the one the build runs.
// The page is a plain GET form (/search/?q=…&from=…&to=…) that works without JavaScript as a
// link target; this script searches as the reader types, shows ten results at a time, each with
// an excerpt around its first matches (excerpt.ts), and offers a date range and filters (region,
// outlet, year, person) whose files load only when first used. The address holds the query, the
// date range and the checked filters (search-state.ts): opening it restores them, and the back
// button returns to the previous ones.
// A query is converted to Simplified first (opencc-js t→cn, the classic script t2cn.js), so
// 劉爍 and 刘烁 find the same articles. The converter is loaded only for a query that has a
// character it can change (assets/t2cn-chars.txt, made from its dictionaries at build time). Article text is hostile input: it only ever reaches the
// page through textContent, never as markup.
//
// One search can cover several archives built separately (build --search-with, listed in the
// root's data-search-with): this one first, then each other base URL, each with its own
// `<base>search-index/`. They are searched at once and their results merged by score (ties: this
// archive first, then the listed order, then document number, i.e. newest first). A result is
// keyed by archive and document number and links under its own archive's base. A filter group
// loads its file from every archive and merges the values by their text. An archive that cannot
// be reached leaves the others' results, with a note in the status.
import { excerptOf, matchSpans, type Span } from './excerpt.ts';
import { INDEX_VERSION, openIndex, queryTokens, type IndexDoc, type IndexMeta, type IndexReader, type SearchResult } from './search-engine.js';
import { dateInRange, readSearchState, searchStateQuery, type SearchState } from './search-state.ts';

/** opencc-js's converter, the global the classic script `assets/t2cn.js` defines once loaded. */
declare const OpenCC: { Converter(options: { from: 't'; to: 'cn' }): (text: string) => string } | undefined;

/** Loads a classic script once; resolves when it has run. */
function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/**
 * The query in Simplified. The characters the converter can change are fetched first (a few KB);
 * the converter itself only when the query has one. If either cannot be had, the query is
 * converted when possible and otherwise searched as typed.
 */
function simplifiedQueries(base: string): (q: string) => Promise<string> {
  let triggers: Promise<Set<string> | null> | null = null;
  let converter: Promise<(s: string) => string> | null = null;
  return async (q) => {
    triggers ??= fetch(`${base}assets/t2cn-chars.txt`)
      .then((r) => (r.ok ? r.text() : null))
      .then((t) => (t ? new Set(t) : null))
      .catch(() => null);
    const set = await triggers;
    if (set && ![...q].some((c) => set.has(c))) return q;
    converter ??= loadScript(`${base}assets/t2cn.js`)
      .then(() => (typeof OpenCC !== 'undefined' ? OpenCC.Converter({ from: 't', to: 'cn' }) : (s: string) => s))
      .catch(() => (s: string) => s);
    return (await converter)(q);
  };
}

/** One archive searched: `meta` is its meta.json once a search has reached it. */
interface Archive {
  i: number;
  base: string;
  meta: IndexMeta | null;
  reader: IndexReader;
}

/** A filter value's checkbox and label, made once the value is first shown. */
interface FilterItem {
  wrap: HTMLDivElement;
  box: HTMLInputElement;
  label: HTMLLabelElement;
  /** The count its label shows (-1: none yet). */
  count: number;
}

type Loading = 'loading' | 'ready' | 'error';

/** A filter group (see `groups` below). */
interface Group {
  name: string;
  details: HTMLDetailsElement;
  list: HTMLDivElement;
  note: HTMLParagraphElement;
  selected: HTMLSpanElement;
  state: 'idle' | Loading;
  /** Loads under way. */
  loading: number;
  from: Map<number, Loading>;
  values: Array<{ value: string; ids: Set<number> }>;
  valueIndex: Map<string, number>;
  order: number[];
  /** Result key → the value numbers it has. */
  byDoc: Map<number, number[]>;
  checked: Set<number>;
  /** Result keys that pass this group's checked values (null: none checked). */
  allowed: Set<number> | null;
  items: Map<number, FilterItem>;
  visible: number[];
  /** Every load asked so far, settled (see loadGroup). */
  loaded: Promise<void>;
}

/**
 * A result to show: its stored fields, the base of its archive, and the body its excerpt is cut
 * from with the query's matches in it (`more`: the body goes on after `text`).
 */
interface Shown {
  doc: IndexDoc;
  base: string;
  text: string;
  spans: Span[];
  more: boolean;
}

/** How a change reaches the address (see writeUrl). */
type HistoryStep = 'typing' | 'dates' | 'submit' | 'filter' | 'replace';

/** What `docsOf` throws: the archives whose documents failed to load. */
type DocsError = Error & { archives: number[] };

const PAGE = 10;
const DEBOUNCE_MS = 250;
const GROUP_LABELS: Record<string, string> = { region: '地区 Region', outlet: '来源 Outlet', year: '年份 Year', person: '人物 Person' };
/** A result's key: archive number × KEY_SPAN + document number (document numbers stay far below). */
const KEY_SPAN = 2 ** 32;
const keyOf = (archive: number, id: number): number => archive * KEY_SPAN + id;
const archiveOf = (key: number): number => Math.floor(key / KEY_SPAN);
const docOf = (key: number): number => key % KEY_SPAN;

/** The search page's elements. */
interface SearchElements {
  root: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  fromInput: HTMLInputElement;
  toInput: HTMLInputElement;
  statusEl: HTMLElement;
  filtersEl: HTMLElement;
  list: HTMLOListElement;
  more: HTMLButtonElement;
}

/** The search page's elements, or null on a page without all of them. */
function searchElements(): SearchElements | null {
  const root = document.getElementById('search');
  const form = root?.querySelector<HTMLFormElement>('.search-form');
  const input = root?.querySelector<HTMLInputElement>('#search-input');
  const fromInput = root?.querySelector<HTMLInputElement>('#search-from');
  const toInput = root?.querySelector<HTMLInputElement>('#search-to');
  const statusEl = root?.querySelector<HTMLElement>('.search-status');
  const filtersEl = root?.querySelector<HTMLElement>('.search-filters');
  const list = root?.querySelector<HTMLOListElement>('.search-results');
  const more = root?.querySelector<HTMLButtonElement>('.search-more');
  return root && form && input && fromInput && toInput && statusEl && filtersEl && list && more ? { root, form, input, fromInput, toInput, statusEl, filtersEl, list, more } : null;
}

const elements = searchElements();
if (elements) searchPage(elements);

/** Makes the search page search. */
function searchPage({ root, form, input, fromInput, toInput, statusEl, filtersEl, list, more }: SearchElements): void {
  const base = root.getAttribute('data-base') || '/';
  const toHans = simplifiedQueries(base);

  /**
   * The other archives' base URLs (data-search-with, a JSON list; root-relative or http(s)),
   * each ending in `/`, without repeats or this archive itself.
   */
  function otherBases(): string[] {
    let listed: unknown;
    try {
      listed = JSON.parse(root.getAttribute('data-search-with') || '[]');
    } catch {
      return [];
    }
    if (!Array.isArray(listed)) return [];
    const seen = new Set([new URL(base, window.location.href).href]);
    const bases: string[] = [];
    for (const item of listed) {
      if (typeof item !== 'string' || !item.trim()) continue;
      const b = item.trim().endsWith('/') ? item.trim() : `${item.trim()}/`;
      let url: URL;
      try {
        url = new URL(b, window.location.href);
      } catch {
        continue;
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || seen.has(url.href)) continue;
      seen.add(url.href);
      bases.push(b);
    }
    return bases;
  }

  /** Archive 0 is this one. `meta` is its meta.json once a search has reached it. */
  const archives: Archive[] = [base, ...otherBases()].map((archiveBase, i) => ({
    i,
    base: archiveBase,
    meta: null,
    reader: openIndex((path) =>
      fetch(archiveBase + 'search-index/' + path).then((r): Promise<unknown> => {
        if (!r.ok) throw new Error(`HTTP ${r.status}: ${path}`);
        return r.json();
      }),
    ),
  }));

  const state = {
    /** The query of the latest search started (trimmed, as typed). */
    query: '',
    /** The query whose results `ids` are, its tokens (in Simplified) and its ranked result keys (null: none yet). */
    idsQuery: '',
    tokens: [] as string[],
    ids: null as number[] | null,
    /** Archives that could not be searched for `idsQuery`. */
    missing: new Set<number>(),
    /** `ids` that pass the checked filters, in rank order, and how many of them are shown. */
    filtered: [] as number[],
    shown: 0,
    /** The date range (`YYYY-MM-DD`, '' for an open end), as the date inputs hold it. */
    from: '',
    to: '',
  };
  /**
   * Filter groups by name: {name, details, values, byDoc, checked, allowed, items, visible…}.
   * `values[vi]` = {value, ids: Set of result keys}, merged over the archives in `from`
   * (archive number → 'loading' | 'ready' | 'error'); `order` lists value numbers most frequent first.
   */
  const groups = new Map<string, Group>();
  /** Filter values the address asked for, by group, until their group is loaded and checks them. */
  let pending = new Map<string, string[]>();
  /** Each archive's document dates (see DateRuns), loaded when a date range is first used. */
  const dates = new Map<number, string[]>();
  /** The edit the current history entry is a draft of, while the reader types or picks days (see writeUrl). */
  let draft: 'typing' | 'dates' | null = null;
  let searchSeq = 0;
  let renderSeq = 0;
  let timer = 0;
  let datesTimer = 0;

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const failed = () => {
    statusEl.textContent = '搜索出错 Search failed';
  };

  const message = (q: string, n: number): string => (n ? `找到 ${n} 篇 ${n} ${n === 1 ? 'result' : 'results'} for “${q}”` : `没有找到“${q}” No results for “${q}”`);
  const missingNote = (m: number): string => (m ? `（${m} 个档案无法搜索 ${m} ${m === 1 ? 'archive' : 'archives'} could not be searched）` : '');
  const status = (): string => message(state.idsQuery, state.filtered.length) + missingNote(state.missing.size);

  /**
   * A page link under an archive's base for a root-relative document URL (anything else links to
   * that base).
   */
  const hrefOf = (url: string, archiveBase: string): string => archiveBase + (/^\/(?!\/)/.test(String(url)) ? String(url).slice(1) : '');

  /**
   * A result with the body its excerpt is cut from: the head its record holds, and the rest of
   * the body only when the head has no match of `tokens`. If the rest cannot be had, the
   * excerpt is cut from the head.
   */
  async function shownOf(archive: Archive, id: number, doc: IndexDoc, tokens: readonly string[]): Promise<Shown> {
    const shown: Shown = { doc, base: archive.base, text: doc.text, spans: matchSpans(doc.hans ?? doc.text, tokens), more: doc.rest === true };
    if (shown.spans.length || !shown.more) return shown;
    try {
      const rest = await archive.reader.rest(id);
      shown.text += rest.text;
      shown.spans = matchSpans((doc.hans ?? doc.text) + (rest.hans ?? rest.text), tokens);
      shown.more = false;
    } catch {
      // The start of the body is excerpt enough.
    }
    return shown;
  }

  /** The results `keys`, in order, with their excerpts' text for `tokens`; a failure names its archives. */
  async function docsOf(keys: number[], tokens: readonly string[]): Promise<Shown[]> {
    const byArchive = new Map<number, number[]>();
    for (const key of keys) {
      const ai = archiveOf(key);
      if (!byArchive.has(ai)) byArchive.set(ai, []);
      byArchive.get(ai)!.push(docOf(key));
    }
    const fetched = new Map<number, Shown>();
    const failedArchives: number[] = [];
    await Promise.all(
      [...byArchive].map(async ([ai, ids]) => {
        const archive = archives[ai]!;
        let docs: IndexDoc[];
        try {
          docs = await archive.reader.docs(ids);
        } catch {
          failedArchives.push(ai);
          return;
        }
        await Promise.all(ids.map(async (id, k) => fetched.set(keyOf(ai, id), await shownOf(archive, id, docs[k]!, tokens))));
      }),
    );
    if (failedArchives.length) throw Object.assign(new Error('documents failed to load'), { archives: failedArchives }) satisfies DocsError;
    return keys.map((key) => fetched.get(key)!);
  }

  /** Leaves out the results of archives that failed, noted in the status as archives that could not be searched. */
  function dropArchives(failedArchives: readonly number[]): void {
    for (const ai of failedArchives) state.missing.add(ai);
    state.ids = (state.ids ?? []).filter((key) => !failedArchives.includes(archiveOf(key)));
  }

  /**
   * After documents failed to load: drops the results of the other archives that failed (noted
   * in the status, like an archive that could not be searched) and returns true, or returns
   * false when this archive failed (the search failed).
   */
  function dropFailed(err: unknown): boolean {
    const failedArchives: number[] = err && Array.isArray((err as Partial<DocsError>).archives) ? (err as DocsError).archives : [0];
    if (failedArchives.includes(0)) return false;
    dropArchives(failedArchives);
    return true;
  }

  /**
   * Loads the dates of every archive that answered and has none yet. An archive whose dates fail
   * leaves the results (a range cannot be applied to it); this archive's failing throws.
   */
  async function loadDates(): Promise<void> {
    const todo = archives.filter((a) => a.meta && !dates.has(a.i));
    const settled = await Promise.allSettled(todo.map((a) => a.reader.dates()));
    const failedArchives: number[] = [];
    settled.forEach((result, k) => {
      if (result.status === 'fulfilled') dates.set(todo[k]!.i, result.value);
      else failedArchives.push(todo[k]!.i);
    });
    if (failedArchives.includes(0)) throw new Error('dates failed to load');
    dropArchives(failedArchives);
  }

  /** The excerpt: text nodes and <mark>s, never markup made of the article's text. */
  function excerptElement({ text, spans, more: goesOn }: Shown): HTMLParagraphElement {
    const { parts, cutBefore, cutAfter } = excerptOf(text, spans);
    const p = el('p', 'search-result-excerpt');
    if (cutBefore) p.append('…');
    for (const part of parts) p.append(part.mark ? el('mark', '', part.text) : part.text);
    if (cutAfter || goesOn) p.append('…');
    return p;
  }

  function resultItem(shown: Shown): HTMLLIElement {
    const { doc, base: archiveBase } = shown;
    const li = el('li', 'search-result');
    // Title and excerpt are in the article's own script: the right CJK font for each.
    if (doc.lang === 'zh-Hans' || doc.lang === 'zh-Hant') li.lang = doc.lang;
    const h2 = el('h2', 'search-result-title');
    const a = el('a', 'search-result-link', doc.title || doc.url);
    a.href = hrefOf(doc.url, archiveBase);
    h2.append(a);
    li.append(h2);
    const meta = [doc.date, doc.outlet].filter(Boolean).join(' · ');
    if (meta) li.append(el('p', 'search-result-meta', meta));
    if (shown.text) li.append(excerptElement(shown));
    return li;
  }

  /** Whether result `id` is in the date range and passes the checked filters of every group but `except`. */
  function passes(id: number, except: Group | null): boolean {
    if ((state.from || state.to) && !dateInRange(dates.get(archiveOf(id))?.[docOf(id)] ?? '', state.from, state.to)) return false;
    for (const g of groups.values()) {
      if (g !== except && g.allowed && !g.allowed.has(id)) return false;
    }
    return true;
  }

  /** OR within a group: the union of its checked values' documents (null when none is checked). */
  function recomputeAllowed(g: Group): void {
    if (!g.checked.size) {
      g.allowed = null;
    } else {
      g.allowed = new Set();
      for (const vi of g.checked) for (const id of g.values[vi]!.ids) g.allowed.add(id);
    }
    g.selected.textContent = g.checked.size ? ` (${g.checked.size} 已选 selected)` : '';
  }

  function itemOf(g: Group, vi: number): FilterItem {
    let item = g.items.get(vi);
    if (!item) {
      const id = `search-filter-${g.name.replace(/[^A-Za-z0-9_-]/g, '_')}-${vi}`;
      const wrap = el('div', 'search-filter-value');
      const box = el('input', 'search-filter-checkbox');
      box.type = 'checkbox';
      box.name = g.name;
      box.value = g.values[vi]!.value;
      box.id = id;
      box.dataset.index = String(vi);
      box.checked = g.checked.has(vi);
      const label = el('label');
      label.htmlFor = id;
      wrap.append(box, label);
      item = { wrap, box, label, count: -1 };
      g.items.set(vi, item);
    }
    return item;
  }

  /**
   * Counts of one loaded group for the current query: results having each value among those that
   * pass the other groups' filters. Values with none are left out unless checked. The DOM list is
   * only rebuilt when the set shown changes, so a focused checkbox keeps its focus.
   */
  function updateGroup(g: Group): void {
    if (g.state !== 'ready') return;
    const counts: number[] = new Array<number>(g.values.length).fill(0);
    for (const id of state.ids ?? []) {
      if (!passes(id, g)) continue;
      const vis = g.byDoc.get(id);
      if (vis) for (const vi of vis) counts[vi]!++;
    }
    const visible: number[] = [];
    for (const vi of g.order) if (counts[vi]! > 0 || g.checked.has(vi)) visible.push(vi);
    for (const vi of visible) {
      const item = itemOf(g, vi);
      if (item.count !== counts[vi]) {
        item.count = counts[vi]!;
        item.label.textContent = `${g.values[vi]!.value} (${counts[vi]})`;
      }
    }
    if (visible.length !== g.visible.length || visible.some((vi, i) => vi !== g.visible[i])) {
      g.list.replaceChildren(...visible.map((vi) => g.items.get(vi)!.wrap));
      g.visible = visible;
    }
    // Archives whose file of this group failed: their results have no values here.
    let failedN = 0;
    for (const st of g.from.values()) if (st === 'error') failedN++;
    const partial = failedN ? `${failedN} 个档案的筛选无法载入 Filters of ${failedN} ${failedN === 1 ? 'archive' : 'archives'} could not be loaded` : '';
    g.note.hidden = visible.length > 0 && !partial;
    if (!visible.length) g.note.textContent = partial ? `无 None（${partial}）` : '无 None';
    else if (partial) g.note.textContent = partial;
  }

  /**
   * Loads group `g`'s file from every archive that has answered a search, lists the group and was
   * not asked yet, and merges the values by their text (a value's documents add up across
   * archives). Called when the group is first opened, after each search while it is open, and
   * for values the address asks for. Resolves when every load asked so far has settled.
   */
  function loadGroup(g: Group): Promise<void> {
    const todo = archives.filter((a) => a.meta && Array.isArray(a.meta.filters) && a.meta.filters.includes(g.name) && !g.from.has(a.i));
    if (todo.length) g.loaded = Promise.all([g.loaded, fetchGroup(g, todo)]).then(() => {});
    return g.loaded;
  }

  async function fetchGroup(g: Group, todo: Archive[]): Promise<void> {
    for (const a of todo) g.from.set(a.i, 'loading');
    if (g.state !== 'ready') {
      g.state = 'loading';
      g.note.hidden = false;
      g.note.textContent = '载入中… Loading…';
    }
    g.loading++;
    g.details.setAttribute('aria-busy', 'true');
    const settled = await Promise.allSettled(todo.map((a) => a.reader.filter(g.name)));
    // Merged in archive order, whatever order the files arrived in.
    settled.forEach((result, k) => {
      const ai = todo[k]!.i;
      if (result.status === 'rejected') {
        g.from.set(ai, 'error');
        return;
      }
      g.from.set(ai, 'ready');
      for (const { value, ids } of result.value) {
        const text = String(value);
        let vi = g.valueIndex.get(text);
        if (vi === undefined) {
          vi = g.values.length;
          g.valueIndex.set(text, vi);
          g.values.push({ value: text, ids: new Set() });
        }
        const merged = g.values[vi]!.ids;
        for (const id of ids) {
          const key = keyOf(ai, id);
          if (merged.has(key)) continue;
          merged.add(key);
          const vis = g.byDoc.get(key);
          if (vis) vis.push(vi);
          else g.byDoc.set(key, [vi]);
        }
      }
    });
    g.order = g.values.map((_, vi) => vi).sort((x, y) => g.values[y]!.ids.size - g.values[x]!.ids.size || x - y);
    if (--g.loading === 0) g.details.removeAttribute('aria-busy');
    if ([...g.from.values()].includes('ready')) {
      g.state = 'ready';
      if (g.checked.size) {
        // A checked value may now hold more documents.
        recomputeAllowed(g);
        void render();
      } else {
        updateGroup(g);
      }
    } else if (!g.loading) {
      g.state = 'error';
      g.note.hidden = false;
      g.note.textContent = '筛选载入出错 Filters failed to load';
    }
  }

  /** One closed <details> per filter group of any archive searched, each made once, in order. */
  function ensureFilters(meta: IndexMeta): void {
    if (!meta || !Array.isArray(meta.filters)) return;
    for (const name of meta.filters) {
      if (typeof name !== 'string' || groups.has(name)) continue;
      const label = GROUP_LABELS[name] || name;
      const details = el('details', 'search-filter');
      details.dataset.group = name;
      const summary = el('summary', '', label);
      const selected = el('span', 'search-filter-selected');
      summary.append(selected);
      const box = el('div', 'search-filter-values');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', label);
      const note = el('p', 'search-filter-note');
      note.hidden = true;
      details.append(summary, box, note);
      const g: Group = {
        name,
        details,
        list: box,
        note,
        selected,
        state: 'idle',
        loading: 0,
        from: new Map(),
        values: [],
        valueIndex: new Map(),
        order: [],
        byDoc: new Map(),
        checked: new Set(),
        allowed: null,
        items: new Map(),
        visible: [],
        loaded: Promise.resolve(),
      };
      details.addEventListener('toggle', () => {
        if (details.open && g.state === 'idle') void loadGroup(g);
      });
      groups.set(name, g);
      filtersEl.append(details);
    }
  }

  /** Shows the first page of the current results under the current date range and filters. */
  async function render(): Promise<void> {
    const seq = ++renderSeq;
    if (state.from || state.to) {
      try {
        await loadDates();
      } catch {
        if (seq === renderSeq) failed();
        return;
      }
      if (seq !== renderSeq) return;
    }
    const ids = state.ids ?? [];
    state.filtered = ids.filter((id) => passes(id, null));
    for (const g of groups.values()) updateGroup(g);
    filtersEl.hidden = ids.length === 0 || groups.size === 0;
    try {
      const docs = await docsOf(state.filtered.slice(0, PAGE), state.tokens);
      if (seq !== renderSeq) return;
      list.replaceChildren(...docs.map(resultItem));
      state.shown = docs.length;
      more.hidden = state.shown >= state.filtered.length;
      statusEl.textContent = status();
    } catch (err) {
      if (seq !== renderSeq) return;
      if (dropFailed(err)) await render();
      else failed();
    }
  }

  async function showMore(): Promise<void> {
    const seq = renderSeq;
    const next = state.filtered.slice(state.shown, state.shown + PAGE);
    if (!next.length) return;
    more.disabled = true;
    try {
      const docs = await docsOf(next, state.tokens);
      if (seq !== renderSeq) return;
      const items = docs.map(resultItem);
      list.append(...items);
      state.shown += docs.length;
      more.hidden = state.shown >= state.filtered.length;
      // Keyboard readers continue from the first new result.
      items[0]?.querySelector('a')?.focus();
    } catch (err) {
      if (seq !== renderSeq) return;
      // Without the failed archive's results, from the first page again.
      if (dropFailed(err)) await render();
      else failed();
    } finally {
      more.disabled = false;
    }
  }

  /** The state the page shows, as its address holds it (search-state.ts). */
  function shownState(): SearchState {
    const filters = new Map<string, string[]>();
    for (const g of groups.values()) {
      const values = [...g.checked].map((vi) => g.values[vi]!.value);
      if (values.length) filters.set(g.name, values);
    }
    for (const [name, values] of pending) if (!filters.has(name)) filters.set(name, values);
    return { q: state.query, from: state.from, to: state.to, filters };
  }

  /**
   * Puts the shown state in the address. Typing a query or picking days makes one history entry,
   * not one per keystroke: its first change pushes an entry (a draft), the next ones replace it.
   * Submitting settles the entry of the query typed (or pushes, when there is none); checking a
   * filter always pushes, so the back button undoes it. 'replace' corrects the entry without
   * making one (a value dropped, the address read on arrival or after going back).
   */
  function writeUrl(step: HistoryStep): void {
    const url = new URL(window.location.href);
    url.search = searchStateQuery(shownState());
    const editing = step === 'typing' || step === 'dates';
    if (url.href !== window.location.href) {
      const push = step === 'filter' || (step === 'submit' && draft !== 'typing') || (editing && draft !== step);
      if (push) history.pushState(null, '', url);
      else history.replaceState(history.state, '', url);
      if (editing) draft = step;
    }
    if (step === 'submit' || step === 'filter') draft = null;
  }

  /** Sets the date range (what the inputs accept of it) and bounds each input by the other. */
  function setDates(from: string, to: string): void {
    fromInput.value = from;
    toInput.value = to;
    state.from = fromInput.value;
    state.to = toInput.value;
    fromInput.max = state.to;
    toInput.min = state.from;
  }

  /**
   * Checks the filter values the address asked for (`pending`) in the groups the archives have,
   * opening and loading those groups first; a value the group does not have is left out, and so
   * are the values of a group no archive lists.
   */
  async function checkPending(): Promise<void> {
    const asked = [...pending].filter(([name]) => groups.has(name));
    pending = new Map();
    await Promise.all(
      asked.map(([name]) => {
        const g = groups.get(name)!;
        g.details.open = true;
        return loadGroup(g);
      }),
    );
    for (const [name, values] of asked) {
      const g = groups.get(name)!;
      for (const value of values) {
        const vi = g.valueIndex.get(value);
        if (vi === undefined) continue;
        g.checked.add(vi);
        const item = g.items.get(vi);
        if (item) item.box.checked = true;
      }
      recomputeAllowed(g);
    }
  }

  /**
   * Searches for `raw`; `step` says how the address follows (see writeUrl). A query typed again
   * as it was is not searched again, unless submitted or restored.
   */
  async function search(raw: string, step: HistoryStep): Promise<void> {
    window.clearTimeout(timer);
    const q = String(raw).trim();
    if (step === 'typing' && q === state.query) return;
    const seq = ++searchSeq;
    state.query = q;
    writeUrl(step);
    if (!q) {
      renderSeq++;
      state.ids = null;
      state.idsQuery = '';
      state.tokens = [];
      state.missing = new Set();
      state.filtered = [];
      state.shown = 0;
      list.replaceChildren();
      more.hidden = true;
      filtersEl.hidden = true;
      statusEl.textContent = '';
      return;
    }
    statusEl.textContent = '搜索中… Searching…';
    let hans: string;
    let settled: Array<PromiseSettledResult<[IndexMeta, SearchResult]>>;
    try {
      hans = await toHans(q);
      settled = await Promise.allSettled(archives.map((a) => Promise.all([a.reader.meta(), a.reader.search(hans)])));
    } catch {
      if (seq === searchSeq) failed();
      return;
    }
    if (seq !== searchSeq) return;
    // Every archive's hits by score; ties: archive order (this one first), then document number.
    const missing = new Set<number>();
    const hits: Array<{ key: number; score: number; ai: number; id: number }> = [];
    settled.forEach((r, ai) => {
      if (r.status === 'rejected') {
        missing.add(ai);
        return;
      }
      const [meta, result] = r.value;
      // An archive built by another version of the index format cannot be read right.
      if (!meta || meta.version !== INDEX_VERSION) {
        missing.add(ai);
        return;
      }
      archives[ai]!.meta = meta;
      ensureFilters(meta);
      result.ids.forEach((id, k) => hits.push({ key: keyOf(ai, id), score: result.scores[k]!, ai, id }));
    });
    if (missing.size === archives.length) {
      failed();
      return;
    }
    hits.sort((x, y) => y.score - x.score || x.ai - y.ai || x.id - y.id);
    const found = hits.map((h) => h.key);
    state.ids = found;
    state.idsQuery = q;
    state.tokens = queryTokens(hans);
    state.missing = missing;
    // Open groups take in the archives reached for the first time.
    for (const g of groups.values()) if (g.state !== 'idle') void loadGroup(g);
    await checkPending();
    if (seq !== searchSeq) return;
    // A checked value stays checked only if some result of the new query still has it.
    for (const g of groups.values()) {
      if (g.state !== 'ready' || !g.checked.size) continue;
      for (const vi of [...g.checked]) {
        const docs = g.values[vi]!.ids;
        if (!found.some((id) => docs.has(id))) {
          g.checked.delete(vi);
          const item = g.items.get(vi);
          if (item) item.box.checked = false;
        }
      }
      recomputeAllowed(g);
    }
    writeUrl('replace');
    await render();
  }

  /** Shows the state an address holds: on arrival, and when the back or forward button returns to one. */
  async function restore(wanted: SearchState): Promise<void> {
    window.clearTimeout(timer);
    window.clearTimeout(datesTimer);
    draft = null;
    input.value = wanted.q;
    setDates(wanted.from, wanted.to);
    for (const g of groups.values()) {
      for (const item of g.items.values()) item.box.checked = false;
      g.checked.clear();
      recomputeAllowed(g);
    }
    pending = new Map(wanted.filters);
    // A query other than the one whose results are shown (or one still being searched) is searched.
    if (!state.ids || wanted.q !== state.idsQuery || state.query !== state.idsQuery) {
      await search(wanted.q, 'replace');
      return;
    }
    // The same results: only the date range and filters change.
    const seq = ++searchSeq;
    await checkPending();
    if (seq !== searchSeq) return;
    writeUrl('replace');
    await render();
  }

  /** The date inputs' range, applied once the reader stops changing it (a day typed digit by digit is one change). */
  function datesChanged(): void {
    window.clearTimeout(datesTimer);
    datesTimer = window.setTimeout(() => {
      if (fromInput.value === state.from && toInput.value === state.to) return;
      setDates(fromInput.value, toInput.value);
      writeUrl('dates');
      if (state.ids) void render();
    }, DEBOUNCE_MS);
  }

  input.addEventListener('input', (event) => {
    if ((event as InputEvent).isComposing) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(input.value, 'typing'), DEBOUNCE_MS);
  });
  input.addEventListener('compositionend', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(input.value, 'typing'), DEBOUNCE_MS);
  });
  for (const dateInput of [fromInput, toInput]) {
    dateInput.addEventListener('input', datesChanged);
    dateInput.addEventListener('change', datesChanged);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(datesTimer);
    setDates(fromInput.value, toInput.value);
    void search(input.value, 'submit');
  });
  filtersEl.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains('search-filter-checkbox')) return;
    const g = groups.get(box.name);
    if (g?.state !== 'ready') return;
    const vi = Number(box.dataset.index);
    if (box.checked) g.checked.add(vi);
    else g.checked.delete(vi);
    recomputeAllowed(g);
    writeUrl('filter');
    void render();
  });
  more.addEventListener('click', () => void showMore());
  window.addEventListener('popstate', () => void restore(readSearchState(window.location.search)));

  void restore(readSearchState(window.location.search));
}
