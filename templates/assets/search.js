// Search page: the default Pagefind UI over one Simplified index. Queries are converted to
// Simplified in the browser (opencc-js t→cn), so 劉爍 and 刘烁 find the same articles.
(function () {
  var root = document.getElementById('search');
  if (!root || typeof PagefindUI === 'undefined') return;
  var base = root.getAttribute('data-base') || '/';
  var toHans = typeof OpenCC !== 'undefined' ? OpenCC.Converter({ from: 't', to: 'cn' }) : function (s) { return s; };
  var ui = new PagefindUI({
    element: '#search',
    bundlePath: base + 'pagefind/',
    baseUrl: base,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    processTerm: function (term) { return toHans(term); },
    translations: { placeholder: '搜索 Search (简/繁)', zero_results: '没有找到 [SEARCH_TERM] No results' }
  });
  var input = root.querySelector('input');
  if (input && !input.id) {
    input.id = 'search-input';
    var label = document.createElement('label');
    label.setAttribute('for', 'search-input');
    label.className = 'visually-hidden';
    label.textContent = '搜索文章 Search articles';
    input.parentNode.insertBefore(label, input);
  }
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) ui.triggerSearch(q);
})();
