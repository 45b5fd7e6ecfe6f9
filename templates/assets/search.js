// Search page over the archive's own static index (search-engine.js, files under search-index/).
// The page is a plain GET form (/search/?q=…) that works without JavaScript as a link target;
// this script searches as the reader types, shows ten results at a time and offers filters
// (region, outlet, year, person) whose files load only when their group is first opened.
// A query is converted to Simplified first (opencc-js t→cn, the classic script t2cn.js), so
// 劉爍 and 刘烁 find the same articles. Article text is hostile input: it only ever reaches the
// page through textContent, never as markup.
import { openIndex } from './search-engine.js';

const PAGE = 10;
const DEBOUNCE_MS = 250;
const GROUP_LABELS = { region: '地区 Region', outlet: '来源 Outlet', year: '年份 Year', person: '人物 Person' };

const root = document.getElementById('search');
const form = root && root.querySelector('.search-form');
const input = root && root.querySelector('#search-input');
const statusEl = root && root.querySelector('.search-status');
const filtersEl = root && root.querySelector('.search-filters');
const list = root && root.querySelector('.search-results');
const more = root && root.querySelector('.search-more');

if (root && form && input && statusEl && filtersEl && list && more) {
  const base = root.getAttribute('data-base') || '/';
  const indexRoot = base + 'search-index/';
  const toHans = typeof OpenCC !== 'undefined' ? OpenCC.Converter({ from: 't', to: 'cn' }) : (s) => s;
  const reader = openIndex((path) =>
    fetch(indexRoot + path).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}: ${path}`);
      return r.json();
    }),
  );

  const state = {
    /** The query of the latest search started (trimmed, as typed). */
    query: '',
    /** The query whose results `ids` are, and its ranked document numbers (null: none yet). */
    idsQuery: '',
    ids: null,
    /** `ids` that pass the checked filters, in rank order, and how many of them are shown. */
    filtered: [],
    shown: 0,
  };
  /** Filter groups by name: {name, details, values, byDoc, checked, allowed, items, visible…}. */
  const groups = new Map();
  let searchSeq = 0;
  let renderSeq = 0;
  let timer = 0;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const failed = () => {
    statusEl.textContent = '搜索出错 Search failed';
  };

  const message = (q, n) => (n ? `找到 ${n} 篇 ${n} ${n === 1 ? 'result' : 'results'} for “${q}”` : `没有找到“${q}” No results for “${q}”`);

  /** A page link under the base for a root-relative document URL (anything else links to the base). */
  const hrefOf = (url) => base + (/^\/(?!\/)/.test(String(url)) ? String(url).slice(1) : '');

  function resultItem(doc) {
    const li = el('li', 'search-result');
    // Title and excerpt are in the article's own script: the right CJK font for each.
    if (doc.lang === 'zh-Hans' || doc.lang === 'zh-Hant') li.lang = doc.lang;
    const h2 = el('h2', 'search-result-title');
    const a = el('a', 'search-result-link', doc.title || doc.url);
    a.href = hrefOf(doc.url);
    h2.append(a);
    li.append(h2);
    const meta = [doc.date, doc.outlet].filter(Boolean).join(' · ');
    if (meta) li.append(el('p', 'search-result-meta', meta));
    if (doc.excerpt) li.append(el('p', 'search-result-excerpt', doc.excerpt));
    return li;
  }

  /** Whether document `id` passes the checked filters of every group but `except`. */
  function passes(id, except) {
    for (const g of groups.values()) {
      if (g !== except && g.allowed && !g.allowed.has(id)) return false;
    }
    return true;
  }

  /** OR within a group: the union of its checked values' documents (null when none is checked). */
  function recomputeAllowed(g) {
    if (!g.checked.size) {
      g.allowed = null;
    } else {
      g.allowed = new Set();
      for (const vi of g.checked) for (const id of g.values[vi].ids) g.allowed.add(id);
    }
    g.selected.textContent = g.checked.size ? ` (${g.checked.size} 已选 selected)` : '';
  }

  function itemOf(g, vi) {
    let item = g.items.get(vi);
    if (!item) {
      const id = `search-filter-${g.name.replace(/[^A-Za-z0-9_-]/g, '_')}-${vi}`;
      const wrap = el('div', 'search-filter-value');
      const box = el('input', 'search-filter-checkbox');
      box.type = 'checkbox';
      box.name = g.name;
      box.value = g.values[vi].value;
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
  function updateGroup(g) {
    if (g.state !== 'ready') return;
    const counts = new Array(g.values.length).fill(0);
    for (const id of state.ids ?? []) {
      if (!passes(id, g)) continue;
      const vis = g.byDoc.get(id);
      if (vis) for (const vi of vis) counts[vi]++;
    }
    const visible = [];
    for (let vi = 0; vi < g.values.length; vi++) if (counts[vi] > 0 || g.checked.has(vi)) visible.push(vi);
    for (const vi of visible) {
      const item = itemOf(g, vi);
      if (item.count !== counts[vi]) {
        item.count = counts[vi];
        item.label.textContent = `${g.values[vi].value} (${counts[vi]})`;
      }
    }
    if (visible.length !== g.visible.length || visible.some((vi, i) => vi !== g.visible[i])) {
      g.list.replaceChildren(...visible.map((vi) => g.items.get(vi).wrap));
      g.visible = visible;
    }
    g.note.hidden = visible.length > 0;
    if (!visible.length) g.note.textContent = '无 None';
  }

  async function loadGroup(g) {
    g.state = 'loading';
    g.details.setAttribute('aria-busy', 'true');
    g.note.hidden = false;
    g.note.textContent = '载入中… Loading…';
    try {
      g.values = await reader.filter(g.name);
      g.byDoc = new Map();
      g.values.forEach((v, vi) => {
        for (const id of v.ids) {
          const vis = g.byDoc.get(id);
          if (vis) vis.push(vi);
          else g.byDoc.set(id, [vi]);
        }
      });
      g.state = 'ready';
      updateGroup(g);
    } catch {
      g.state = 'error';
      g.note.hidden = false;
      g.note.textContent = '筛选载入出错 Filters failed to load';
    } finally {
      g.details.removeAttribute('aria-busy');
    }
  }

  /** One closed <details> per filter group of the index, made once. */
  function ensureFilters(meta) {
    if (groups.size || !Array.isArray(meta.filters)) return;
    for (const name of meta.filters) {
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
      const g = { name, details, list: box, note, selected, state: 'idle', values: [], byDoc: new Map(), checked: new Set(), allowed: null, items: new Map(), visible: [] };
      details.addEventListener('toggle', () => {
        if (details.open && g.state === 'idle') void loadGroup(g);
      });
      groups.set(name, g);
      filtersEl.append(details);
    }
  }

  /** Shows the first page of the current results under the current filters. */
  async function render() {
    const seq = ++renderSeq;
    const ids = state.ids ?? [];
    state.filtered = ids.filter((id) => passes(id, null));
    for (const g of groups.values()) updateGroup(g);
    filtersEl.hidden = ids.length === 0 || groups.size === 0;
    try {
      const docs = await reader.docs(state.filtered.slice(0, PAGE));
      if (seq !== renderSeq) return;
      list.replaceChildren(...docs.map(resultItem));
      state.shown = docs.length;
      more.hidden = state.shown >= state.filtered.length;
      statusEl.textContent = message(state.idsQuery, state.filtered.length);
    } catch {
      if (seq === renderSeq) failed();
    }
  }

  async function showMore() {
    const seq = renderSeq;
    const next = state.filtered.slice(state.shown, state.shown + PAGE);
    if (!next.length) return;
    more.disabled = true;
    try {
      const docs = await reader.docs(next);
      if (seq !== renderSeq) return;
      const items = docs.map(resultItem);
      list.append(...items);
      state.shown += docs.length;
      more.hidden = state.shown >= state.filtered.length;
      // Keyboard readers continue from the first new result.
      items[0]?.querySelector('a')?.focus();
    } catch {
      if (seq === renderSeq) failed();
    } finally {
      more.disabled = false;
    }
  }

  function updateUrl(q) {
    const url = new URL(window.location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    if (url.href !== window.location.href) history.replaceState(history.state, '', url);
  }

  async function search(raw, force) {
    window.clearTimeout(timer);
    const q = String(raw).trim();
    if (!force && q === state.query) return;
    const seq = ++searchSeq;
    state.query = q;
    updateUrl(q);
    if (!q) {
      renderSeq++;
      state.ids = null;
      state.idsQuery = '';
      state.filtered = [];
      state.shown = 0;
      list.replaceChildren();
      more.hidden = true;
      filtersEl.hidden = true;
      statusEl.textContent = '';
      return;
    }
    statusEl.textContent = '搜索中… Searching…';
    let found;
    try {
      const [meta, result] = await Promise.all([reader.meta(), reader.search(toHans(q))]);
      if (seq !== searchSeq) return;
      ensureFilters(meta);
      found = result.ids;
    } catch {
      if (seq === searchSeq) failed();
      return;
    }
    state.ids = found;
    state.idsQuery = q;
    // A checked value stays checked only if some result of the new query still has it.
    for (const g of groups.values()) {
      if (g.state !== 'ready' || !g.checked.size) continue;
      for (const vi of [...g.checked]) {
        const docs = g.values[vi].ids;
        if (!found.some((id) => docs.has(id))) {
          g.checked.delete(vi);
          const item = g.items.get(vi);
          if (item) item.box.checked = false;
        }
      }
      recomputeAllowed(g);
    }
    await render();
  }

  input.addEventListener('input', (event) => {
    if (event.isComposing) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(input.value, false), DEBOUNCE_MS);
  });
  input.addEventListener('compositionend', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(input.value, false), DEBOUNCE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search(input.value, true);
  });
  filtersEl.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains('search-filter-checkbox')) return;
    const g = groups.get(box.name);
    if (!g || g.state !== 'ready') return;
    const vi = Number(box.dataset.index);
    if (box.checked) g.checked.add(vi);
    else g.checked.delete(vi);
    recomputeAllowed(g);
    void render();
  });
  more.addEventListener('click', () => void showMore());

  const initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    void search(initial, true);
  }
}
