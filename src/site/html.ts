import type { RepairRow, Scripted } from './article-view.ts';
import type { Run } from './repair-marks.ts';

/**
 * The pieces of article-page markup that are made for every name, paragraph, repair and raw line,
 * as Nunjucks filters (see src/site/eleventy.config.ts): a macro call per name made Nunjucks'
 * frames a tenth of a build, and a template loop over the repairs and the raw lines costs a
 * member lookup and an escape call per cell. Every text is escaped here, as autoescape would;
 * templates add `| safe`.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Nunjucks' own escaping (the same five characters, the same entities). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A text in both scripts: once when they agree, else one span per script (the toggle shows one). */
export function scriptedHtml(x: Scripted): string {
  if (x.hans === x.hant) return escapeHtml(x.hans);
  return `<span data-script="hans" lang="zh-Hans">${escapeHtml(x.hans)}</span><span data-script="hant" lang="zh-Hant">${escapeHtml(x.hant)}</span>`;
}

/** A paragraph's runs, the repaired ones as `<mark>` with what they replaced in their title. */
export function runsHtml(runs: readonly Run[]): string {
  let html = '';
  for (const r of runs) html += r.fix ? `<mark class="fix fix-${r.fix.confidence}" title="${escapeHtml(r.fix.title)}">${escapeHtml(r.text)}</mark>` : escapeHtml(r.text);
  return html;
}

/**
 * The rows of the repairs table (templates/layouts/article.njk gives the header). Each of a row's
 * lines links to the raw text; a line repaired more than once that way says how many times.
 */
export function repairRowsHtml(rows: readonly RepairRow[]): string {
  let html = '';
  for (const r of rows) {
    const cells = [
      escapeHtml(r.name),
      r.lines.map((l) => `<a href="#L${l.line}">${l.line}</a>${l.times > 1 ? `&nbsp;×${l.times}` : ''}`).join(', '),
      String(r.count),
      `<del>${escapeHtml(r.before)}</del>`,
      `<ins>${escapeHtml(r.after)}</ins>`,
      escapeHtml(r.confidence),
      escapeHtml(r.evidence),
      escapeHtml(r.candidates),
    ];
    html += `<tr${r.uncertain ? ' class="uncertain"' : ''}><td>${cells.join('</td><td>')}</td></tr>`;
  }
  return html;
}

/** The raw text, one `<span id="L…">` per line (numbered from 1) for the repairs table to link to. */
export function rawLinesHtml(source: string): string {
  return source
    .split('\n')
    .map((line, i) => `<span class="ln" id="L${i + 1}">${escapeHtml(line)}</span>`)
    .join('\n');
}
