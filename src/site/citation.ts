import type { DateLabel } from './date-label.ts';

/** What a citation of one archived article says. */
export interface CitationInput {
  /** Article id: the citation key. */
  id: string;
  title: string;
  authors: readonly string[];
  outlet: string | null;
  date: DateLabel;
  /** The page's address: absolute with `--site-url`, else root-relative (the page completes it). */
  url: string;
  sha256: string;
  sourceFile: string;
}

/**
 * One format of the citation, split around its URL so that a page built without `--site-url`
 * can put its own address there (see templates/layouts/article.njk).
 */
export interface Citation {
  format: 'plain' | 'bibtex' | 'ris' | 'csl-json';
  label: string;
  before: string;
  url: string;
  after: string;
}

// Where the URL goes: a private-use character, which JSON.stringify leaves as it is and which is
// taken out of every value first (article text is hostile input).
const URL_MARK = '\ue000';

/** The citation in the formats researchers paste: a plain reference, BibTeX, RIS and CSL-JSON. */
export function citationsOf(input: CitationInput): Citation[] {
  const clean = (s: string) => s.replaceAll(URL_MARK, '');
  const c = {
    ...input,
    title: clean(input.title),
    authors: input.authors.map(clean),
    outlet: input.outlet === null ? null : clean(input.outlet),
    date: { ...input.date, zh: clean(input.date.zh) },
    sourceFile: clean(input.sourceFile),
    id: clean(input.id),
  };
  const iso = c.date.iso;
  const [y, m, d] = (iso ?? '').slice(0, 10).split('-').map(Number);
  const archived = `sha256 ${c.sha256.slice(0, 12)}, ${c.sourceFile}`;
  const plain = [c.authors.length ? `${c.authors.join('、')}.` : '', `「${c.title}」.`, c.outlet ? `${c.outlet},` : '', `${c.date.zh}.`, URL_MARK, `(${archived})`].filter(Boolean).join(' ');
  // BibTeX (biblatex's @online): braces in a value would end it, so they are escaped.
  const bib = (s: string) => s.replace(/[{}\\]/g, (ch) => `\\${ch}`);
  const bibtex = [
    `@online{${c.id.replace(/[^A-Za-z0-9_:-]/g, '_')},`,
    `  title = {${bib(c.title)}},`,
    ...(c.authors.length ? [`  author = {${c.authors.map(bib).join(' and ')}},`] : []),
    ...(c.outlet ? [`  organization = {${bib(c.outlet)}},`] : []),
    ...(iso ? [`  date = {${iso.slice(0, 10)}},`] : []),
    `  url = {${URL_MARK}},`,
    `  note = {${bib(`${c.date.zh}; ${archived}`)}},`,
    '}',
  ].join('\n');
  // RIS: one tag per line; a line break inside a value would start a new tag.
  const ris1 = (s: string) => s.replace(/[\r\n]+/g, ' ');
  const ris = [
    'TY  - NEWS',
    `TI  - ${ris1(c.title)}`,
    ...c.authors.map((a) => `AU  - ${ris1(a)}`),
    ...(c.outlet ? [`T2  - ${ris1(c.outlet)}`] : []),
    ...(y ? [`PY  - ${y}`, `DA  - ${[y, m ? String(m).padStart(2, '0') : '', d ? String(d).padStart(2, '0') : ''].join('/')}/`] : []),
    `UR  - ${URL_MARK}`,
    `N1  - ${ris1(`${c.date.zh}; ${archived}`)}`,
    'ER  - ',
  ].join('\n');
  const csl = JSON.stringify(
    [
      {
        id: c.id,
        type: 'article-newspaper',
        title: c.title,
        ...(c.authors.length ? { author: c.authors.map((literal) => ({ literal })) } : {}),
        ...(c.outlet ? { 'container-title': c.outlet } : {}),
        ...(y ? { issued: { 'date-parts': [[y, ...(m ? [m] : []), ...(m && d ? [d] : [])]] } } : {}),
        URL: URL_MARK,
        note: `${c.date.zh}; ${archived}`,
      },
    ],
    null,
    2,
  );
  const split = (format: Citation['format'], label: string, text: string): Citation => {
    const at = text.indexOf(URL_MARK);
    return { format, label, before: text.slice(0, at), url: c.url, after: text.slice(at + URL_MARK.length) };
  };
  return [split('plain', '文字 Reference', plain), split('bibtex', 'BibTeX', bibtex), split('ris', 'RIS', ris), split('csl-json', 'CSL-JSON', csl)];
}
