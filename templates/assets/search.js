// Search page: the default Pagefind UI over the pair index (see search-pairs.js), one bundle or
// several merged (pagefind/, pagefind-2/…, listed by pagefind/shards.js). A query is converted to
// Simplified in the browser (opencc-js t→cn), so 劉爍 and 刘烁 find the same articles, then split
// into the same overlapping character pairs as the index; 3+ characters become an exact phrase.
// Results show the title and the start of the article in its original script (meta.excerpt): the
// indexed content is pair tokens, which would read as garbage.
import { toSearchQuery } from './search-pairs.js';

const root = document.getElementById('search');
if (root && typeof PagefindUI !== 'undefined') {
  const base = root.getAttribute('data-base') || '/';
  const toHans = typeof OpenCC !== 'undefined' ? OpenCC.Converter({ from: 't', to: 'cn' }) : (s) => s;
  const shards = Array.isArray(window.NEWSARCHIVE_SEARCH_SHARDS) ? window.NEWSARCHIVE_SEARCH_SHARDS : [];
  const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const ui = new PagefindUI({
    element: '#search',
    bundlePath: base + 'pagefind/',
    baseUrl: base,
    mergeIndex: shards.map((dir) => ({ bundlePath: base + dir, baseUrl: base })),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    processTerm: (term) => toSearchQuery(toHans(term)),
    processResult: (result) => {
      if (result.meta && result.meta.excerpt) result.excerpt = escape(result.meta.excerpt);
      return result;
    },
    translations: { placeholder: '搜索 Search (简/繁)', zero_results: '没有找到 [SEARCH_TERM] No results' }
  });
  const input = root.querySelector('input');
  if (input && !input.id) {
    input.id = 'search-input';
    const label = document.createElement('label');
    label.setAttribute('for', 'search-input');
    label.className = 'visually-hidden';
    label.textContent = '搜索文章 Search articles';
    input.parentNode.insertBefore(label, input);
  }
  const q = new URLSearchParams(window.location.search).get('q');
  if (q) ui.triggerSearch(q);
}
