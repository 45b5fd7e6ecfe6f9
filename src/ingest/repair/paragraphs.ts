import { applyEdits, type Edit } from './edits.ts';
import type { RepairOptions, RuleOutput } from './rule.ts';

/**
 * Splits a long line whose paragraphs were joined by single ASCII spaces (a page whose `<p>`s
 * were flattened with `join(' ')`): `…陪同。 春節期間…` → `…陪同。\n春節期間…`.
 *
 * Chinese prose has no spaces between words, so a space right after sentence-final punctuation
 * (`。！？：`, or a closing quote after one) and right before a CJK character is a paragraph
 * joint. To stay clear of normal text, a line is split only when it is long and has at least
 * two such joints; a single `。 记者 X` byline tail in a normal paragraph is left to
 * segmentation. Page chrome glued to the end of such a line (` |`) goes to its own line.
 */

export const PARAGRAPHS_RULE = 'paragraphs';

/** A line shorter than this is a paragraph, whatever its spaces. */
export const MIN_JOINED_LINE_LENGTH = 300;
/** Joints needed before a line is taken for several paragraphs. */
export const MIN_JOINTS = 2;

const SENTENCE_END = new Set(['。', '！', '？', '：']);
const CLOSING_QUOTE = new Set(['”', '’', '」', '』']);
const PARAGRAPH_OPENERS = new Set(['“', '‘', '「', '『', '《', '（', '【', '—']);

function isHan(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Script=Han}/u.test(ch);
}

/** Whether the text just before `space` ends a sentence (`。` or `。”`). */
function endsSentence(line: string, space: number): boolean {
  const prev = line[space - 1];
  if (prev === undefined) return false;
  if (SENTENCE_END.has(prev)) return true;
  return CLOSING_QUOTE.has(prev) && SENTENCE_END.has(line[space - 2] ?? '');
}

/** Offsets (within `line`) of the single spaces that join two paragraphs. */
function findJoints(line: string): number[] {
  const joints: number[] = [];
  for (let i = line.indexOf(' '); i >= 0; i = line.indexOf(' ', i + 1)) {
    const next = line[i + 1];
    if (line[i - 1] === ' ' || next === ' ') continue;
    if (endsSentence(line, i) && (isHan(next) || (next !== undefined && PARAGRAPH_OPENERS.has(next)))) joints.push(i);
  }
  return joints;
}

/** A space before a short tail of ASCII symbols only (` |`, ` >>`) at the end of the line. */
function chromeTail(line: string): number | null {
  const m = /(?<=[。！？”’」』]) [!-/:-@[-`{-~]{1,4}$/.exec(line);
  return m ? m.index : null;
}

export function splitJoinedParagraphs(text: string, _options: RepairOptions = {}): RuleOutput {
  const edits: Edit[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (line.length >= MIN_JOINED_LINE_LENGTH) {
      const joints = findJoints(line);
      if (joints.length >= MIN_JOINTS) {
        const evidence = [`${joints.length} spaces after sentence-final punctuation in a ${line.length}-character line`];
        for (const j of joints) {
          edits.push({ start: lineStart + j, end: lineStart + j + 1, after: '\n', confidence: 'high', evidence: ['space after sentence end before CJK text: paragraph joint', ...evidence] });
        }
        const tail = chromeTail(line);
        if (tail !== null && !joints.includes(tail)) {
          edits.push({ start: lineStart + tail, end: lineStart + tail + 1, after: '\n', confidence: 'medium', evidence: ['symbol-only tail after the last paragraph: page chrome', ...evidence] });
        }
      }
    }
    lineStart += line.length + 1;
  }
  const out = applyEdits(text, PARAGRAPHS_RULE, edits);
  return { text: out.text, repairs: out.repairs, diagnostics: [] };
}
