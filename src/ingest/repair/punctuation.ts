import { applyEdits, type Edit } from './edits.ts';
import type { RepairOptions, RuleOutput } from './rule.ts';

/**
 * Undoes the ToDBC fold (full-width → ASCII) for the punctuation that Chinese prose writes
 * full-width: `, : ; ! ? ( )` → `，：；！？（）`, and `﹑` (small form) → `、`.
 *
 * A mark is restored only in CJK context, so URLs, e-mail addresses, times (`09:04`), numbers
 * (`1,000`), codes (`5G+MEC`) and English sentences keep their ASCII. Decisions:
 * - Parentheses are restored in pairs, and only when their content holds CJK text
 *   (`(湖州)` → `（绍兴）`). A pair with Latin-only content (`(wxid_news)`, `(www.x.com)`, a gloss
 *   that did not fit and was kept, `(2023)`) stays ASCII: ASCII is the honest reading when the
 *   original width cannot be told, and it keeps such tokens greppable. Unpaired parentheses
 *   (a truncated `评论(`) are left alone, so a pair is never half-converted.
 * - Decisions are iterated to a fixed point (a restored `，` is CJK context for its neighbour),
 *   which is what makes the rule idempotent.
 */

export const PUNCTUATION_RULE = 'punctuation';

const FULLWIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};

/** Han, CJK symbols and punctuation (、。《》「」【】…), full-width forms, bopomofo, kana. */
function isCjk(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x3000 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xfe50 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x20000 && c <= 0x3134f)
  );
}

// Quotes, dashes and ellipses are shared with English typography, so they count as CJK context
// only on the side where a Chinese mark would touch them: `”,` and `,“`, not `“Hello,”`.
const CJK_BEFORE = new Set(['”', '’', '…', '—', '·']);
const CJK_AFTER = new Set(['“', '‘', '…', '—', '·']);

function cjkBefore(ch: string | undefined): boolean {
  return isCjk(ch) || (ch !== undefined && CJK_BEFORE.has(ch));
}
function cjkAfter(ch: string | undefined): boolean {
  return isCjk(ch) || (ch !== undefined && CJK_AFTER.has(ch));
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Spans where no mark may change: URLs (with or without scheme), e-mail addresses, host names,
 * HTML entities. Trailing sentence punctuation is not part of a URL (`…/a.html,请` ends at `l`).
 * Each pattern marks its own spans (a union), so one match cannot hide another.
 */
const PROTECTED: readonly RegExp[] = [
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]*[A-Za-z0-9\-_~/#=&%]/gi,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|gov|edu|info|html?|shtml|php|aspx?)\b/gi,
  /&#?[A-Za-z0-9]+;/g,
];

function protectedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const re of PROTECTED) {
    for (const m of text.matchAll(re)) mask.fill(1, m.index, m.index + m[0].length);
  }
  return mask;
}

/** Pairs of ASCII parentheses, matched by a stack; unmatched ones are not in the map. */
function matchParentheses(chars: readonly string[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  chars.forEach((ch, i) => {
    if (ch === '(') stack.push(i);
    else if (ch === ')' && stack.length > 0) {
      const open = stack.pop()!;
      pairs.set(open, i);
      pairs.set(i, open);
    }
  });
  return pairs;
}

function hasCjkBetween(chars: readonly string[], open: number, close: number): boolean {
  for (let i = open + 1; i < close; i++) if (isCjk(chars[i])) return true;
  return false;
}

/** Zero-width characters are invisible context: looked through, so removing them later changes nothing. */
const ZERO_WIDTH = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);

function neighbour(chars: readonly string[], i: number, step: 1 | -1): string | undefined {
  let j = i + step;
  while (chars[j] !== undefined && ZERO_WIDTH.has(chars[j]!)) j += step;
  return chars[j];
}

/** Whether the mark at `i` reads as Chinese punctuation given its current neighbours. */
function inCjkContext(chars: readonly string[], i: number): boolean {
  const ch = chars[i]!;
  const prev = neighbour(chars, i, -1);
  const next = neighbour(chars, i, 1);
  // Thousands separators, times, ratios and scores: 1,000 / 09:04 / 3:1.
  if ((ch === ',' || ch === ':' || ch === ';') && isDigit(prev) && isDigit(next)) return false;
  switch (ch) {
    case ',':
    case ';':
      return cjkBefore(prev) || cjkAfter(next);
    case ':':
      // A label colon (`电话:0791…`, `来源: 嘉兴日报`) follows its CJK label.
      return cjkBefore(prev) || (cjkAfter(next) && !isDigit(prev));
    case '!':
    case '?':
      // Sentence-final: it closes CJK text (`精神?湖州`); `Why?“` is not Chinese.
      return cjkBefore(prev) || (cjkAfter(next) && (prev === '!' || prev === '?' || prev === '！' || prev === '？'));
    default:
      return false;
  }
}

/** Restores full-width punctuation in CJK context; one record per changed mark. */
export function restoreFullwidthPunctuation(text: string, _options: RepairOptions = {}): RuleOutput {
  if (!/[,:;!?()\ufe51]/.test(text)) return { text, repairs: [], diagnostics: [] };
  // Work on UTF-16 units: every mark we touch is one unit, and Han outside the BMP only ever
  // serves as context, where its high surrogate is enough (isCjk of a lone surrogate is false,
  // so astral Han is not context: a rare, safe miss).
  const chars = text.split('');
  const mask = protectedMask(text);
  const pairs = matchParentheses(chars);
  const evidence = new Map<number, string>();

  // Only the ASCII marks outside protected spans are ever revisited (linear per pass).
  let pending: number[] = [];
  for (let i = 0; i < chars.length; i++) if (!mask[i] && FULLWIDTH[chars[i]!] !== undefined) pending.push(i);

  let changed = true;
  while (changed) {
    changed = false;
    const still: number[] = [];
    for (const i of pending) {
      const ch = chars[i]!;
      if (FULLWIDTH[ch] === undefined) continue; // converted as the partner of a parenthesis
      still.push(i);
      if (ch === '(') {
        const close = pairs.get(i);
        if (close === undefined || mask[close] || !hasCjkBetween(chars, i, close)) continue;
        chars[i] = '（';
        chars[close] = '）';
        evidence.set(i, 'parenthesis pair encloses CJK text');
        evidence.set(close, 'parenthesis pair encloses CJK text');
        still.pop();
        changed = true;
      } else if (ch !== ')' && inCjkContext(chars, i)) {
        chars[i] = FULLWIDTH[ch]!;
        evidence.set(i, `${ch} in CJK context`);
        still.pop();
        changed = true;
      }
    }
    pending = still;
  }

  const edits: Edit[] = [];
  for (const [i, why] of evidence) {
    edits.push({ start: i, end: i + 1, after: chars[i]!, confidence: 'high', evidence: [why, 'ToDBC fold undone'] });
  }
  for (let i = text.indexOf('\ufe51'); i >= 0; i = text.indexOf('\ufe51', i + 1)) {
    edits.push({ start: i, end: i + 1, after: '、', confidence: 'high', evidence: ['small ideographic comma ﹑ → 、'] });
  }
  const out = applyEdits(text, PUNCTUATION_RULE, edits);
  return { text: out.text, repairs: out.repairs, diagnostics: [] };
}
