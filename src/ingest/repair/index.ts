import type { Article } from '../../article.ts';
import { realignGbkShift } from './gbk-shift.ts';
import { stripHtmlResidue } from './html-residue.ts';
import { resolveLoneQuestionMarks } from './lost-characters.ts';
import { splitJoinedParagraphs } from './paragraphs.ts';
import { stripPinyinGlosses } from './pinyin-glosses.ts';
import { restoreFullwidthPunctuation } from './punctuation.ts';
import type { RepairOptions, RepairRule } from './rule.ts';
import { normalizeWhitespace } from './whitespace.ts';

/**
 * The order matters:
 * - the GBK realigner runs first, on text that still has its glosses, because a gloss that does
 *   not fit its host (`L(fēng)`) is what shows where a byte shift is, and a scar `?shù)` is a
 *   gloss whose `(` was eaten;
 * - glosses go before punctuation, so `(wèi)` is not turned into `（wèi）`;
 * - HTML residue goes after the realigner, which restores the `<` of `</strong>`;
 * - lone `?` are judged once mojibake runs no longer contain any;
 * - paragraphs are split last, when the sentence punctuation is full-width again.
 */
export const REPAIR_RULES: ReadonlyArray<readonly [string, RepairRule]> = [
  ['gbk-shift', realignGbkShift],
  ['pinyin-gloss', stripPinyinGlosses],
  ['html-residue', stripHtmlResidue],
  ['lost-characters', resolveLoneQuestionMarks],
  ['punctuation', restoreFullwidthPunctuation],
  ['whitespace', normalizeWhitespace],
  ['paragraphs', splitJoinedParagraphs],
];

/** Runs every repair rule over `article.source`, keeping every record. */
export function repairArticle(article: Article, options: RepairOptions = {}): Article {
  let text = article.source;
  const repairs = [...article.repairs];
  const diagnostics = [...article.diagnostics];
  for (const [, rule] of REPAIR_RULES) {
    const out = rule(text, options);
    text = out.text;
    // One at a time: a spread of ~300,000 records overflows the call stack.
    for (const r of out.repairs) repairs.push(r);
    for (const d of out.diagnostics) diagnostics.push(d);
  }
  return { ...article, repaired: text, repairs, diagnostics };
}

/** The text-level entry point, for tests and for re-running the repairs on their own output. */
export function repairText(text: string, options: RepairOptions = {}) {
  let out = text;
  const repairs = [];
  const diagnostics = [];
  for (const [, rule] of REPAIR_RULES) {
    const r = rule(out, options);
    out = r.text;
    for (const x of r.repairs) repairs.push(x);
    for (const d of r.diagnostics) diagnostics.push(d);
  }
  return { text: out, repairs, diagnostics };
}
