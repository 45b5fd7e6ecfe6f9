import type { Scripted } from './article-view.ts';
import type { Run } from './repair-marks.ts';

/**
 * The few pieces of article-page markup that are made for every name and every paragraph, as
 * Nunjucks filters (see src/site/eleventy.config.ts): a macro call per name made Nunjucks' frames
 * a tenth of a build. Every text is escaped here, as autoescape would; templates add `| safe`.
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
