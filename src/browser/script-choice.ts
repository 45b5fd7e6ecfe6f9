// The 简/繁 toggle of an article page works without JavaScript (CSS over two radio buttons, see
// templates/layouts/article.njk). This adds what needs a script: the reader's choice is kept for
// the next article, a link ending in #hans or #hant opens the page in that script, and the page's
// language follows the script shown. Bundled by src/site/browser-scripts.ts as
// `assets/script-choice.js`.
const KEY = 'newsarchive.script';
const LANG: Record<string, string> = { hans: 'zh-Hans', hant: 'zh-Hant' };
const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="script"]')];

// Storage can be refused (private windows, file: pages): the toggle still works, unremembered.
function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function show(script: string, remember: boolean): void {
  const radio = radios.find((r) => r.value === script);
  if (!radio) return;
  radio.checked = true;
  document.documentElement.lang = LANG[script]!;
  if (!remember) return;
  try {
    localStorage.setItem(KEY, script);
  } catch {
    // see `stored`
  }
}

const fromLink = /^#(hans|hant)$/.exec(window.location.hash)?.[1];
const wanted = fromLink ?? stored();
if (wanted) show(wanted, false);
for (const r of radios) r.addEventListener('change', () => show(r.value, true));
window.addEventListener('hashchange', () => {
  const script = /^#(hans|hant)$/.exec(window.location.hash)?.[1];
  if (script) show(script, false);
});
