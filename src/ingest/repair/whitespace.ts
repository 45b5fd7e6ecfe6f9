import { applyEdits, type Edit } from './edits.ts';
import type { RepairOptions, RuleOutput } from './rule.ts';

/**
 * Whitespace normalisation, one record per whitespace run changed:
 * - CRLF / CR → LF; U+2028/2029 count as line breaks;
 * - BOM and zero-width characters (U+200B–200D, U+2060, U+FEFF) removed;
 * - indentation at line starts (U+3000 `　　`, or the two ASCII spaces a ToDBC fold leaves of
 *   it) and trailing spaces removed;
 * - more than two consecutive blank lines collapsed to two (one or two blank lines may be
 *   deliberate: a paragraph break, a section break);
 * - inside a line, a run of 2+ spaces, or any run holding NBSP / U+3000 / tab / other Unicode
 *   spaces, becomes ONE ASCII space. A single ASCII space is kept: it is meaningful in headings
 *   (`加速转型升级 助推兴工强市`) and between a title and a name (`书记 王明`).
 *
 * Decision on bylines padded with NBSP (`…政治生态。 \u00a0 \u00a0 记者 张伟`): the padding
 * becomes a single space. That keeps the byline separable (sentence end + one space + `记者`),
 * which segmentation uses to split it off; this rule does not move text between lines.
 */

export const WHITESPACE_RULE = 'whitespace';

/** Line breaks, spaces of every width, and the invisible characters that travel with them. */
const WHITESPACE_RUN = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+/g;
const ZERO_WIDTH = /^[\u200b-\u200d\u2060\ufeff]+$/;
const MAX_BLANK_LINES = 2;

/** Number of line breaks in a run, CRLF counting once. */
function countLineBreaks(run: string): number {
  let n = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run[i];
    if (c === '\r') {
      n++;
      if (run[i + 1] === '\n') i++;
    } else if (c === '\n' || c === '\u2028' || c === '\u2029' || c === '\v' || c === '\f') n++;
  }
  return n;
}

/** Why a run changed, for the record. */
function describe(run: string, after: string): string[] {
  const why: string[] = [];
  if (run.includes('\r')) why.push('CRLF/CR → LF');
  if (/[\u2028\u2029\v\f]/.test(run)) why.push('Unicode line/paragraph separator → LF');
  if (/[\u200b-\u200d\u2060\ufeff]/.test(run)) why.push('BOM/zero-width character removed');
  if (run.includes('\u00a0')) why.push('NBSP');
  if (run.includes('\u3000')) why.push('ideographic space U+3000');
  if (run.includes('\t')) why.push('tab');
  const lines = countLineBreaks(run);
  if (lines > MAX_BLANK_LINES + 1) why.push(`${lines - 1} blank lines collapsed to ${MAX_BLANK_LINES}`);
  if (lines > 0) why.push('spaces at line end/start (indentation) removed');
  else if (after === '') {
    if (!ZERO_WIDTH.test(run)) why.push('leading/trailing whitespace removed');
  } else why.push('inner whitespace run → one space');
  return why;
}

/** What a whitespace run should become. */
function normalizedRun(run: string, atStart: boolean, atEnd: boolean): string {
  const lines = countLineBreaks(run);
  if (lines > 0) return '\n'.repeat(Math.min(lines, MAX_BLANK_LINES + 1));
  if (atStart || atEnd) return '';
  if (ZERO_WIDTH.test(run)) return '';
  return ' ';
}

export function normalizeWhitespace(text: string, _options: RepairOptions = {}): RuleOutput {
  const edits: Edit[] = [];
  for (const m of text.matchAll(WHITESPACE_RUN)) {
    const run = m[0];
    const start = m.index;
    const end = start + run.length;
    const after = normalizedRun(run, start === 0, end === text.length);
    if (after === run) continue;
    edits.push({ start, end, after, confidence: 'high', evidence: describe(run, after) });
  }
  const out = applyEdits(text, WHITESPACE_RULE, edits);
  return { text: out.text, repairs: out.repairs, diagnostics: [] };
}
