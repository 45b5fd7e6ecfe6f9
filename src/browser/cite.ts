// Article pages built without --site-url name themselves by path in their citation: this puts
// the page's own address there (every format), once the page is open in a browser. Bundled by
// src/site/browser-scripts.ts as `assets/cite.js`.
for (const e of document.querySelectorAll<HTMLElement>('.cite-url[data-relative]')) {
  e.textContent = new URL(e.textContent ?? '', window.location.href).href;
}
