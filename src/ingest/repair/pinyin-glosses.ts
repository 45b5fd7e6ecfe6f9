import type { Diagnostic } from '../../article.ts';
import { applyEdits, type Edit } from './edits.ts';
import { isReadingOf, isTonedSyllable } from './pinyin.ts';
import type { RepairOptions, RuleOutput } from './rule.ts';

/**
 * Pinyin glosses inserted by a content farm after a fixed per-document table of characters:
 * `衛(wèi)生` → `衛生`. A gloss is only removed when the whole document is in "annotation mode"
 * (many glosses, nearly all of them fitting their host), so a lone, legitimate `金(jīn)` in a
 * glossary sentence survives. A gloss that does not fit its host (`L(fēng)`) is left alone: it
 * marks a GBK byte shift, and the realigner (which runs first) is the one to judge it.
 */

export const GLOSS_RULE = 'pinyin-gloss';

/** Gate: at least this many glosses must fit their host… */
export const MIN_FITTING_GLOSSES = 5;
/** …and at least this share of all gloss-shaped tokens must fit. */
export const MIN_FITTING_SHARE = 0.9;

/** Longest toned syllable is six letters (`zhuàng`, `chuāng`); allow combining marks. */
const MAX_SYLLABLE_LENGTH = 8;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: combining tone marks (U+0300–036F) are listed on purpose, as letters a decomposed syllable may hold
const SYLLABLE_SHAPE = /^[a-zü\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]+$/u;

/** One `(syllable)` token directly after a non-space character. */
export interface GlossToken {
  /** Offset of `(`. */
  start: number;
  /** Offset just after `)`. */
  end: number;
  syllable: string;
  /** The character the gloss is attached to (for a doubled gloss, the first token's host). */
  host: string;
  /** True when the syllable is one of the host's readings. */
  fits: boolean;
  /** True when this token repeats the gloss just before it: `發(fā)(fā)`. */
  doubled: boolean;
}

/** The visible character before `index` (zero-width characters are looked through). */
function codePointBefore(text: string, index: number): string {
  while (index > 0 && /[\u200b-\u200d\u2060\ufeff]/.test(text[index - 1]!)) index--;
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text[index - 1]!;
}

/** The syllable of a `(…)` token at `open`, or null when the token is not gloss-shaped. */
function syllableAt(text: string, open: number): { syllable: string; end: number } | null {
  const close = text.indexOf(')', open + 1);
  if (close < 0 || close - open - 1 > MAX_SYLLABLE_LENGTH || close === open + 1) return null;
  const raw = text.slice(open + 1, close);
  if (!SYLLABLE_SHAPE.test(raw)) return null;
  const syllable = raw.normalize('NFC');
  return isTonedSyllable(syllable) ? { syllable, end: close + 1 } : null;
}

/**
 * Every gloss-shaped token (a toned syllable from the closed inventory, in ASCII parentheses,
 * right after a non-space character), with its host check. Linear: one pass over `(`.
 */
export function findGlossTokens(text: string): GlossToken[] {
  const tokens: GlossToken[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('(', from);
    if (open < 0) break;
    from = open + 1;
    const host = codePointBefore(text, open);
    if (host === '' || /\s/u.test(host)) continue;
    const hit = syllableAt(text, open);
    if (!hit) continue;
    const previous = tokens[tokens.length - 1];
    // A doubled gloss `發(fā)(fā)`: the host of the second token is the first token's host.
    const doubled = previous !== undefined && previous.end === open && previous.fits;
    const realHost = doubled ? previous.host : host;
    tokens.push({
      start: open,
      end: hit.end,
      syllable: hit.syllable,
      host: realHost,
      fits: isReadingOf(realHost, hit.syllable),
      doubled,
    });
    from = hit.end;
  }
  return tokens;
}

export interface GlossGate {
  candidates: number;
  fitting: number;
  /** True when the document is annotated and fitting glosses may be removed. */
  annotationMode: boolean;
}

/** The document gate of seed-damage.md §2(a): ≥5 fitting glosses and ≥90% of tokens fitting. */
export function glossGate(tokens: readonly GlossToken[]): GlossGate {
  const candidates = tokens.length;
  const fitting = tokens.filter((t) => t.fits).length;
  const annotationMode = fitting >= MIN_FITTING_GLOSSES && fitting >= MIN_FITTING_SHARE * candidates;
  return { candidates, fitting, annotationMode };
}

/**
 * Some pages of the family write `X(py) ` with a space after the gloss. The space belongs to the
 * gloss only when that is the document's habit (most fitting glosses mid-line are followed by a
 * space), never on a single occurrence, which may be a real word space.
 */
function glossesCarrySpace(text: string, tokens: readonly GlossToken[]): boolean {
  let midLine = 0;
  let spaced = 0;
  for (const t of tokens) {
    if (!t.fits) continue;
    const next = text[t.end];
    if (next === undefined || next === '\n' || next === '\r') continue;
    midLine++;
    if (next === ' ' && text[t.end + 1] === '(') continue; // `X(py) (py)` is not the habit
    if (next === ' ') spaced++;
  }
  return midLine >= MIN_FITTING_GLOSSES && spaced >= MIN_FITTING_SHARE * midLine;
}

function misfitDiagnostic(t: GlossToken): Diagnostic {
  return {
    rule: GLOSS_RULE,
    severity: 'warning',
    message: `gloss (${t.syllable}) does not fit ${JSON.stringify(t.host)}: possible GBK byte shift, left in place`,
    offset: t.start,
    unit: 'char',
  };
}

/** Removes validated pinyin glosses, one record per gloss. */
export function stripPinyinGlosses(text: string, _options: RepairOptions = {}): RuleOutput {
  if (!text.includes('(')) return { text, repairs: [], diagnostics: [] };
  const tokens = findGlossTokens(text);
  const gate = glossGate(tokens);
  if (!gate.annotationMode) return { text, repairs: [], diagnostics: [] };
  const withSpace = glossesCarrySpace(text, tokens);
  const edits: Edit[] = [];
  const diagnostics: Diagnostic[] = [];
  tokens.forEach((t, i) => {
    // A gloss on a placeholder: its host was a lost byte the realigner could not name. The gloss
    // goes like the others (its reading stays in this record, next to the realigner's
    // candidates); only in annotation mode, so a literal `�(x)` elsewhere is left alone.
    const onPlaceholder = t.host === '\uFFFD';
    if (!t.fits && !onPlaceholder) {
      diagnostics.push(misfitDiagnostic(t));
      return;
    }
    const next = tokens[i + 1];
    const isLastOfChain = !(next?.doubled && next.start === t.end);
    const eatSpace = withSpace && isLastOfChain && text[t.end] === ' ';
    edits.push({
      start: t.start,
      end: eatSpace ? t.end + 1 : t.end,
      after: '',
      confidence: onPlaceholder ? 'medium' : 'high',
      evidence: [
        onPlaceholder ? `gloss of a lost character (U+FFFD): its reading was ${t.syllable}` : `${t.syllable} is a reading of ${t.host}`,
        ...(t.doubled ? ['repeats the gloss before it'] : []),
        `annotation mode: ${gate.fitting}/${gate.candidates} glosses fit their host`,
      ],
    });
  });
  const out = applyEdits(text, GLOSS_RULE, edits);
  return { text: out.text, repairs: out.repairs, diagnostics };
}
