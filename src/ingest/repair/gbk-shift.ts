import type { Candidate, Confidence, Diagnostic } from '../../article.ts';
import { countPriorGrams, type NgramPrior } from '../prior.ts';
import { toSimplified } from '../../text/script.ts';
import { charModel, type CharModel, type PriorCounts } from './char-model.ts';
import { applyEdits, type Edit } from './edits.ts';
import {
  decodePair,
  decodeUserDefinedPair,
  encodeChar,
  hex,
  isHan,
  isSimplifiedOnly,
  isTraditionalOnly,
  rarityCost,
  SIMPLIFIED_ONLY,
  scriptFactsOf,
  scriptFactsOfCode,
  simplifiedOf,
  TRADITIONAL_ONLY,
} from './gbk.ts';
import { foldFullwidth, unfoldAscii } from '../../text/width.ts';
import { isReadingOf, isTonedSyllable } from './pinyin.ts';
import type { RepairBudget, RepairOptions, RuleOutput } from './rule.ts';

/**
 * GBK byte-shift realigner.
 *
 * Damaged pages went through: GBK encode → a byte lost or replaced → byte-level `X`→`X(py)`
 * glossing that ignores character boundaries (a gloss can land *between* the trail byte of one
 * character and the lead byte of the next: a "straddle") → a GBK decoder that eats an invalid
 * lead+byte pair as one `?` → full-width→ASCII fold. Every such event shifts the pairing of
 * the following bytes until an ASCII byte resyncs it, leaving a run of rare characters.
 *
 * The repair runs in three steps:
 * 1. `findSuspectRuns`: a cheap linear scan for general signals (misfit glosses, scars `?py)`,
 *    a `?` or a lone ASCII letter between CJK characters, rare-character clusters, ASCII symbols
 *    sandwiched in CJK, tone letters outside glosses, `?` before `/tag>`) and a window around each;
 * 2. `readWindow`: a Viterbi search over the bytes each unit of the window may stand for, with a
 *    lost lead byte allowed before any unit; characters are scored by a character model (jieba's
 *    dictionary and the corpus being built), so the search finds where the pairing shifted;
 * 3. the cheapest reading is kept only if it beats the literal one by `MIN_GAIN_BITS`, and the
 *    unknown bytes it leaves are filled by hard constraints (glosses, straddles), then by
 *    typography and the character model in context, else by a visible placeholder with its
 *    candidates.
 */

const RULE = 'gbk-shift';

const TAG_NAMES = 'strong|p|b|span|div|em|font|a|h[1-6]';
const TAG_RESIDUE = new RegExp(`(?<![<\\w])/(?:${TAG_NAMES})>`, 'g');
const QTAG = new RegExp(`\\?/(?:${TAG_NAMES})>`, 'y');
const GLOSS = /\(([^\s()?]{1,7})\)/y;
const SCAR = /\?([^\s()?]{1,7})\)/y;
const TONE_LETTER = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
const SANDWICH_SYMBOLS = new Set([...'^_[]{}|\\']);
/** ASCII that a fold may have produced and that may be unfolded inside a run. */
const FOLDABLE_PUNCT = new Set([...'!"#$%&\'*+,-./:;<=>@[\\]^_`{|}~']);
const PLACEHOLDER = '\uFFFD';

// ---------------------------------------------------------------------------------------------
// Units: the window text cut into the pieces the hypotheses are about.

type Unit =
  | { kind: 'char'; start: number; end: number; ch: string }
  | { kind: 'ascii'; start: number; end: number; ch: string }
  /** `(py)` with a toned syllable: a gloss. */
  | { kind: 'gloss'; start: number; end: number; py: string }
  /** `?py)`: a gloss whose `(` was eaten together with a dangling byte. */
  | { kind: 'scar'; start: number; end: number; py: string }
  /** `?` right before `/tag>`: the `<` may have been eaten by a dangling byte. */
  | { kind: 'qtag'; start: number; end: number }
  /** Any other `?`. */
  | { kind: 'q'; start: number; end: number };

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** Cuts `text[from, to)` into units. Linear. */
function tokenize(text: string, from: number, to: number): Unit[] {
  const units: Unit[] = [];
  let i = from;
  while (i < to) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const end = i + ch.length;
    if (ch === '(') {
      const m = matchAt(GLOSS, text, i);
      if (m && i + m[0].length <= to && isTonedSyllable(m[1]!)) {
        units.push({ kind: 'gloss', start: i, end: i + m[0].length, py: m[1]! });
        i += m[0].length;
        continue;
      }
    } else if (ch === '?') {
      const m = matchAt(SCAR, text, i);
      if (m && i + m[0].length <= to && isTonedSyllable(m[1]!)) {
        units.push({ kind: 'scar', start: i, end: i + m[0].length, py: m[1]! });
        i += m[0].length;
        continue;
      }
      units.push({ kind: matchAt(QTAG, text, i) ? 'qtag' : 'q', start: i, end });
      i = end;
      continue;
    }
    units.push({ kind: ch.charCodeAt(0) < 0x80 ? 'ascii' : 'char', start: i, end, ch });
    i = end;
  }
  return units;
}

// ---------------------------------------------------------------------------------------------
// Document context.

interface DocContext {
  text: string;
  /** Machine-converted Traditional text: Simplified-only characters are suspicious in it. */
  traditional: boolean;
  /** Clearly Simplified: Traditional-only characters are suspicious in it. */
  simplified: boolean;
  prior: NgramPrior | undefined;
  /** The prior without the document's own counts, as the character model reads it. */
  priorCounts?: PriorCounts | undefined;
  model: CharModel;
  /** Memos of the search (per document: costs depend on its script and prior). */
  contextMemo: WeakMap<readonly string[], Map<string, number>>;
  holeMemo: WeakMap<Option[], Map<string | readonly string[], number>>;
  selfCounts: Map<string, number> | undefined;
  /** See `RepairOptions.budget`. */
  budget?: RepairBudget | undefined;
}

/** Which script the document is clearly written in, from its script-specific characters. */
function documentScript(text: string): { traditional: boolean; simplified: boolean } {
  let trad = 0;
  let simp = 0;
  // By UTF-16 unit: a surrogate pair is one character, a lone surrogate is none of either script.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400) continue;
    const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const facts = pair ? scriptFactsOf(text.slice(i, i + 2)) : scriptFactsOfCode(code);
    if (pair) i++;
    if (facts & TRADITIONAL_ONLY) trad++;
    else if (facts & SIMPLIFIED_ONLY) simp++;
  }
  return { traditional: trad >= 5 && trad >= 4 * simp, simplified: simp >= 5 && simp >= 4 * trad };
}

// ---------------------------------------------------------------------------------------------
// 1. Detection: a linear scan for signals, then a window around each.

interface Signal {
  at: number;
  /** true for signals that alone prove damage (scar, misfit gloss, tag residue). */
  strong: boolean;
  note: string;
}

interface Window {
  start: number;
  end: number;
  signals: Signal[];
  /** The window ends just after the ASCII byte that resynced its run. */
  resynced: boolean;
}

const ODD_RARE = 1;
const ODD_SCRIPT = 2;
const ODD_PUNCT = 4;
const ODD_TONE = 8;

/** A CJK character or CJK punctuation (not a space, not a Latin letter). */
function isCjkCode(cp: number): boolean {
  return cp >= 0x2e80 && cp !== 0x3000 && !(cp >= 0xff01 && cp <= 0xff5e) && cp !== 0xfffd;
}

/** Signals in `text`, in one pass over its code points. */
function findSignals(text: string, doc: DocContext): { signals: Signal[]; cps: number[] } {
  const signals: Signal[] = [];
  const cps: number[] = []; // offset of each code point
  const odd: number[] = [];
  // A gloss or scar is one unit of evidence: its characters are not oddities on their own.
  const skipToken = (at: number, length: number): number => {
    for (let k = 0; k < length; k++) {
      cps.push(at + k);
      odd.push(0);
    }
    return at + length;
  };
  let i = 0;
  let prevChar = '';
  let prevPrevChar = '';
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const code = ch.codePointAt(0)!;
    if (ch === '(') {
      const m = matchAt(GLOSS, text, i);
      if (m && isTonedSyllable(m[1]!)) {
        if (!isReadingOf(prevChar, m[1]!)) {
          signals.push({ at: i, strong: true, note: `misfit gloss ${prevChar}(${m[1]})` });
        }
        i = skipToken(i, m[0].length);
        prevChar = ')';
        continue;
      }
    } else if (ch === '?') {
      const m = matchAt(SCAR, text, i);
      if (m && isTonedSyllable(m[1]!)) {
        signals.push({ at: i, strong: true, note: `scar ${m[0]} (a gloss whose "(" was eaten)` });
        i = skipToken(i, m[0].length);
        prevChar = ')';
        continue;
      }
      if (matchAt(QTAG, text, i)) signals.push({ at: i, strong: true, note: '"?" right before a </tag> missing its "<"' });
    }
    let flags = 0;
    const nextCode = text.codePointAt(i + ch.length) ?? 0;
    const betweenCjk = isCjkCode(prevChar.codePointAt(0) ?? 0) && isCjkCode(nextCode);
    if (ch === '!' || ch === '?') {
      flags |= ODD_PUNCT;
      // A `?` right before a CJK character: a byte the decoder could not read (a lead byte
      // replaced by `?`, or a pair eaten as one). A question mark ends a sentence instead.
      if (ch === '?' && isCjkCode(nextCode)) signals.push({ at: i, strong: false, note: '"?" inside CJK text' });
    } else if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a && (betweenCjk || (prevChar === '?' && isCjkCode(prevPrevChar.codePointAt(0) ?? 0) && isCjkCode(nextCode)))) {
      // A trail byte in 0x40–0x7E whose lead byte was lost shows as a lone letter (`軟h境`), or
      // after the `?` the decoder put for its lead byte (`配套?O施`).
      signals.push({ at: i, strong: false, note: `lone ASCII ${ch} between CJK characters` });
    } else if (code >= 0xe0 && code <= 0x1dc && TONE_LETTER.test(ch)) {
      flags |= ODD_TONE;
      signals.push({ at: i, strong: false, note: `tone letter ${ch} outside a gloss` });
    } else if (SANDWICH_SYMBOLS.has(ch) && prevChar.charCodeAt(0) >= 0x80) {
      const next = text.codePointAt(i + 1) ?? 0;
      if (next >= 0x80 || next === 0x28) signals.push({ at: i, strong: false, note: `ASCII ${ch} sandwiched in CJK` });
    } else if (code >= 0x80) {
      if (rarityCost(ch) >= 3) flags |= ODD_RARE;
      if (doc.traditional ? isSimplifiedOnly(ch) : doc.simplified && isTraditionalOnly(ch)) flags |= ODD_SCRIPT;
    }
    cps.push(i);
    odd.push(flags);
    prevPrevChar = prevChar;
    prevChar = ch;
    i += ch.length;
  }
  // A rare character is only a signal next to another oddity: rare genuine names (亳州, 邳州)
  // stand alone, mojibake comes in clusters.
  for (let k = 0; k < odd.length; k++) {
    if (!(odd[k]! & ODD_RARE)) continue;
    let partner = false;
    for (let d = -4; d <= 4 && !partner; d++) {
      if (d === 0 || k + d < 0 || k + d >= odd.length) continue;
      const f = odd[k + d]!;
      if (f & (ODD_RARE | ODD_SCRIPT | ODD_TONE) || (d < 0 && f & ODD_PUNCT)) partner = true;
    }
    if (partner) signals.push({ at: cps[k]!, strong: false, note: `rare-character cluster at ${String.fromCodePoint(text.codePointAt(cps[k]!)!)}` });
  }
  signals.sort((a, b) => a.at - b.at);
  return { signals, cps };
}

const MAX_LEFT = 10;
const MAX_RIGHT = 12;
/** How far a shifted run is followed to its resync point, in code points. */
const MAX_RUN = 48;

/** Offset just past a gloss `(py)` that fits its host, when one ends at code point index `k`. */
function fittingGlossEndingAt(text: string, cps: number[], k: number): number | null {
  if (text[cps[k]!] !== ')') return null;
  for (let len = 3; len <= 9 && k - len + 1 > 0; len++) {
    const open = cps[k - len + 1]!;
    if (text[open] !== '(') continue;
    const py = text.slice(open + 1, cps[k]!);
    const host = String.fromCodePoint(text.codePointAt(cps[k - len]!)!);
    return isTonedSyllable(py) && isReadingOf(host, py) ? k - len : null;
  }
  return null;
}

/**
 * Code point index just past the end of the shifted run that may start before `k`. A shifted
 * pairing lasts until an ASCII byte resyncs it: an ASCII letter or symbol that was the trail of
 * a pair, a `?` that ate a trail byte (and the ASCII byte after it, or nothing before a space or
 * a line end). Glosses and scars inside the run are part of it (a spurious gloss can fit its
 * host in the shifted reading; a genuine one shows as a scar), and so is a full-width
 * character folded to ASCII between CJK characters. The terminator is included.
 */
function runEnd(text: string, cps: number[], indexOf: Map<number, number>, k: number): { stop: number; resynced: boolean } {
  let steps = 0;
  while (k < cps.length && steps < MAX_RUN) {
    const at = cps[k]!;
    const ch = text[at]!;
    if (/\s/.test(ch)) return { stop: k, resynced: false };
    const m = ch === '(' ? matchAt(GLOSS, text, at) : ch === '?' ? matchAt(SCAR, text, at) : null;
    if (m && isTonedSyllable(m[1]!)) {
      k = indexOf.get(at + m[0].length) ?? cps.length;
      continue;
    }
    steps++;
    k++;
    // A lone ASCII character between CJK characters may be a full-width pair the fold turned
    // into ASCII (`Ｓ` = A3 D3 read across two characters): the run may go on through it, and
    // the search decides. The window then reaches the next sure resync.
    const nextCode = k < cps.length ? text.codePointAt(cps[k]!)! : 0;
    const prevCode = k >= 2 ? text.codePointAt(cps[k - 2]!)! : 0;
    if (ch !== '?' && ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) < 0x80 && nextCode >= 0x80 && prevCode >= 0x80 && steps < MAX_RUN / 2) continue;
    if (ch.charCodeAt(0) < 0x80) {
      // A trail byte (0x40–0x7E) resyncs the run for sure; a `?` or a digit ends it too, but may
      // as well start the next one. The trail byte keeps the gloss of its character (`猴L(fēng)`).
      const resynced = ch.charCodeAt(0) >= 0x40;
      const g = k < cps.length && text[cps[k]!] === '(' ? matchAt(GLOSS, text, cps[k]!) : null;
      if (g && isTonedSyllable(g[1]!)) k = indexOf.get(cps[k]! + g[0].length) ?? cps.length;
      // Otherwise keep the character after it, already aligned: a letter between two CJK
      // characters is itself evidence (`龠M商`).
      else if (resynced && k < cps.length && text.charCodeAt(cps[k]!) >= 0x80 && !/\s/.test(text[cps[k]!]!)) k++;
      return { stop: k, resynced };
    }
  }
  return { stop: k, resynced: false };
}

/**
 * Windows around the signals. Left: up to MAX_LEFT code points, stopping at whitespace or at the
 * host of a fitting gloss (an aligned point). Right: up to MAX_RIGHT past the last signal,
 * stopping at whitespace or just after a fitting gloss.
 */
export function findSuspectRuns(text: string, doc: DocContext): Window[] {
  const { signals, cps } = findSignals(text, doc);
  if (signals.length === 0) return [];
  const indexOf = new Map<number, number>();
  cps.forEach((off, k) => indexOf.set(off, k));
  const windows: Window[] = [];
  for (const s of signals) {
    const k0 = indexOf.get(s.at)!;
    let left = k0;
    for (let steps = 0; steps < MAX_LEFT && left > 0; steps++) {
      const prev = text[cps[left - 1]!]!;
      if (/\s/.test(prev)) break;
      const host = fittingGlossEndingAt(text, cps, left - 1);
      if (host !== null) {
        left = host;
        break;
      }
      left--;
    }
    let right = k0 + 1;
    for (let steps = 0; steps < MAX_RIGHT && right < cps.length; steps++) {
      if (/\s/.test(text[cps[right]!]!)) break;
      right++;
      if (right - 1 > k0 + 1 && fittingGlossEndingAt(text, cps, right - 1) !== null) break;
    }
    // Never end inside a gloss or scar: extend to its ")".
    while (right < cps.length && /[^\s()?]/.test(text[cps[right]!]!) && text.slice(cps[right]!).match(/^[^\s()?]{0,7}\)/)) {
      if (text[cps[right - 1]!] === ')') break;
      right++;
    }
    // Past a trail byte that resynced the run, the text is aligned again and belongs to no
    // window of this run.
    const { stop, resynced } = runEnd(text, cps, indexOf, k0);
    right = resynced ? stop : Math.max(right, stop);
    const start = cps[left]!;
    const end = right < cps.length ? cps[right]! : text.length;
    const last = windows[windows.length - 1];
    if (last && start <= last.end && !(last.resynced && s.at >= last.end)) {
      if (end >= last.end) last.resynced = resynced;
      last.end = Math.max(last.end, end);
      last.signals.push(s);
    } else windows.push({ start: last ? Math.max(start, last.end) : start, end, signals: [s], resynced });
  }
  return windows;
}

// ---------------------------------------------------------------------------------------------
// 2. Realignment: a Viterbi search over the window's bytes.
//
// Every unit of the window stands for one or more byte strings of the damaged GBK stream (a
// `?` was a literal `?`, or one unknown byte, or two the decoder ate as one; a `!` was `!` or a
// folded `！` = A3 A1; a gloss was inserted after whatever two bytes precede it). The search
// reads those bytes left to right, pairing them into characters, and may put back a lost lead
// byte before any unit. Its state is small (is a lead byte waiting for its trail, and which; the
// last character, for the language model), so the search is linear in the window: dense damage
// costs what its length costs, not the number of its combinations.

/** Costs in bits (−log2 of a probability), on the scale of the character model. */
const BITS = {
  /** A lead byte put back where the stream lost one. */
  lost: 10,
  /** An unknown byte inside a character (on top of the character's expected cost). */
  hole: 3,
  /** What an unknown character costs when the bytes leave many candidates. */
  unknownChar: 11,
  /** A `?` read as one or two unknown bytes. */
  question: 2,
  /** An ASCII byte the decoder ate with the byte before it: shown as U+FFFD. */
  unknownAscii: 8,
  /** A gloss inserted between two characters' bytes (a straddle), removed. */
  straddleGloss: 1,
  /** A gloss that fits nothing. */
  misfitGloss: 20,
  /** A scar `?py)` left as text: a gloss with its "(" eaten does not occur in clean text. */
  scar: 30,
  /** `/strong>` with its `<` missing. */
  tagResidue: 15,
  /** A literal `?` touching CJK. */
  strayQuestion: 8,
  /** A lone ASCII letter or digit between two CJK characters (`軟h境`). */
  isolatedLatin: 14,
  /** `^ _ [ ] { } | \` touching CJK. */
  sandwichedSymbol: 14,
  /** A character of the other script (钡 in a Traditional document). */
  scriptMismatch: 6,
  /** An ASCII punctuation read as a folded full-width one inside a shifted pairing. */
  unfoldPunct: 0.5,
  unfoldOther: 3,
  /** Discount for a lost byte right before A3 A1 (`！`): the trigger this damage is known for. */
  knownTrigger: 4,
} as const;

/** A realigned reading must beat the literal one by this much. */
const MIN_GAIN_BITS = 5;
/** States kept per position: the search stays linear even where every reading is close. */
const BEAM = 6;
/**
 * A state this far behind the best at the same position is dropped: no later evidence in a
 * window is worth more (a misfit gloss, the largest single cost, is 20 bits).
 */
const PRUNE_BITS = 20;

/** A spurious gloss's straddle: GBK(prev, hole) must read `py`. */
interface Straddle {
  prev: number;
  py: string;
  unique: boolean;
}

/** An unknown byte. */
interface Hole {
  allowed: readonly number[] | null;
  straddle?: Straddle;
}

/** A byte of the stream: known (`hole` null) or unknown (`v` −1). One shape, for speed. */
interface Byte {
  v: number;
  unfolded: boolean;
  hole: Hole | null;
}

const known = (v: number, unfolded = false): Byte => ({ v, unfolded, hole: null });
const unknown = (hole: Hole): Byte => ({ v: -1, unfolded: false, hole });

interface Option {
  ch: string;
  bytes: [number, number];
  cost: number;
}

type Token =
  | {
      kind: 'char';
      options: Option[];
      holes: number;
      unfolded: boolean;
      straddles: Straddle[];
      straddleAt: 0 | 1;
      /** Its cost in the reading, and the left context it was costed in. */
      cost: number;
      before: readonly string[];
    }
  | { kind: 'ascii'; ch: string }
  /** An ASCII byte eaten with the byte before it: unknown, shown as U+FFFD. */
  | { kind: 'unknownAscii' }
  | { kind: 'gloss'; py: string; fits: boolean }
  | { kind: 'scarText'; text: string };

type CharToken = Token & { kind: 'char' };

/** What one unit may have been: byte actions and their cost. */
type Action =
  /** `oddity`: what the byte costs if it stays ASCII where it stands (`軟h境`). */
  { kind: 'byte'; b: Byte; oddity?: number } | { kind: 'unknownAscii' } | { kind: 'gloss'; py: string; required: boolean } | { kind: 'scarText'; text: string };

interface Alternative {
  actions: Action[];
  cost: number;
  note?: string;
}

/** A persistent list, newest first: states share their history. */
interface List<T> {
  head: T;
  tail: List<T> | null;
}

interface State {
  cost: number;
  pending: Byte | null;
  /** The byte before `pending`, or the last byte: what a straddle gloss is checked against. */
  prevByte: Byte | null;
  /**
   * What the last character may be, for the language model: one character, the best candidates
   * of a hole, or none after ASCII.
   */
  left: readonly string[];
  /** The last character token when only glosses followed it: the host of the next gloss. */
  host: CharToken | null;
  tokens: List<Token> | null;
  notes: List<string> | null;
}

const ALL_LEADS: number[] = Array.from({ length: 0xfe - 0x81 + 1 }, (_, i) => 0x81 + i);
const ALL_TRAILS: number[] = Array.from({ length: 0xfe - 0x40 + 1 }, (_, i) => 0x40 + i).filter((b) => b !== 0x7f);
/**
 * A byte the decoder showed as a lone `?`: a lead byte before an invalid byte, or 0x80 (never a
 * lead, but a valid trail: 個 = 82 80). As a trail any trail byte may have been eaten.
 */
const QUESTION_BYTES: number[] = [0x80, ...ALL_LEADS];

/** The trail byte of a gloss's host, eaten with its "(": any trail, narrowed by the gloss. */
const GLOSS_HOST_TRAIL: number[] = [...ALL_TRAILS];

/** Lead-capable bytes X with GBK(prev, X) reading `py`: the straddle of a spurious gloss. */
function straddleBytes(prev: number, py: string): number[] {
  return ALL_LEADS.filter((x) => {
    const ch = decodePair(prev, x);
    return !!ch && isReadingOf(ch, py);
  });
}

function scriptCost(ch: string, doc: DocContext): number {
  if (doc.traditional ? isSimplifiedOnly(ch) : doc.simplified && isTraditionalOnly(ch)) return BITS.scriptMismatch;
  return 0;
}

/** Readings of pairs of two known bytes, per document script (index: lead << 8 | trail). */
const KNOWN_PAIRS = { t: new Map<number, Option[]>(), s: new Map<number, Option[]>(), x: new Map<number, Option[]>() };

/** Readings of a pair whose bytes may be unknown, with their unigram cost. */
const PAIR_CACHE = new Map<string, Option[]>();
const allowedIds = new WeakMap<readonly number[], string>();
let allowedCount = 0;
/** A key for a set of allowed bytes: small sets by content, the shared large ones by identity. */
function allowedKey(allowed: readonly number[] | null): string {
  if (!allowed) return '*';
  if (allowed.length <= 8) return allowed.join(',');
  let id = allowedIds.get(allowed);
  if (id === undefined) {
    id = `#${++allowedCount}`;
    allowedIds.set(allowed, id);
  }
  return id;
}

function pairOptions(lead: Byte, trail: Byte, doc: DocContext): Option[] {
  const model = doc.model;
  if (!lead.hole && !trail.hole) {
    const cache = doc.traditional ? KNOWN_PAIRS.t : doc.simplified ? KNOWN_PAIRS.s : KNOWN_PAIRS.x;
    const code = (lead.v << 8) | trail.v;
    let cached = cache.get(code);
    if (!cached) {
      // The literal reading of mojibake can show a user-defined (Private Use Area) pair; a pair
      // with a hole never reads as one.
      const ch = decodePair(lead.v, trail.v) ?? decodeUserDefinedPair(lead.v, trail.v);
      cached = ch ? [{ ch, bytes: [lead.v, trail.v], cost: rarityCost(ch) >= 6 ? 30 : model.unigram(ch) + scriptCost(ch, doc) }] : [];
      cache.set(code, cached);
    }
    return cached;
  }
  const leads = lead.hole ? (lead.hole.allowed ?? ALL_LEADS) : [lead.v];
  const trails = trail.hole ? (trail.hole.allowed ?? ALL_TRAILS) : [trail.v];
  const key = `${doc.traditional ? 't' : doc.simplified ? 's' : 'x'}${lead.hole ? allowedKey(lead.hole.allowed) : lead.v}|${trail.hole ? allowedKey(trail.hole.allowed) : trail.v}`;
  let options = PAIR_CACHE.get(key);
  if (!options) {
    options = [];
    for (const l of leads) {
      for (const t of trails) {
        const ch = decodePair(l, t);
        if (ch) options.push({ ch, bytes: [l, t], cost: model.unigram(ch) + scriptCost(ch, doc) });
      }
    }
    if (PAIR_CACHE.size > 20_000) PAIR_CACHE.clear(); // bounded: archives are large
    PAIR_CACHE.set(key, options);
  }
  return options;
}

/** −log2 P(ch | what the last character may be): the best of the candidates counts. */
function contextCost(left: readonly string[], ch: string, doc: DocContext): number {
  if (left.length === 0) return doc.model.cost(null, ch, doc.priorCounts);
  if (left.length === 1) return doc.model.cost(left[0]!, ch, doc.priorCounts);
  // A hole's candidates as left context: memoised per candidate list (lists are shared).
  let memo = doc.contextMemo.get(left);
  if (!memo) doc.contextMemo.set(left, (memo = new Map()));
  let min = memo.get(ch);
  if (min === undefined) {
    min = Infinity;
    for (const l of left) min = Math.min(min, doc.model.cost(l, ch, doc.priorCounts));
    memo.set(ch, min);
  }
  return min;
}

/** Candidates a hole's character passes on as left context (the likeliest ones). */
const LEFT_CANDIDATES = 16;

/**
 * The cost of a character token in its left context. A character with unknown bytes costs what
 * its best candidate costs (each unknown byte is paid for separately, and a hole only exists
 * where an event put it, so this optimism cannot open repairs in clean text on its own).
 */
function charTokenCost(tok: Omit<CharToken, 'cost' | 'before'>, left: readonly string[], doc: DocContext): number {
  if (tok.holes === 0) {
    const o = tok.options[0]!;
    return o.cost >= 30 ? o.cost : contextCost(left, o.ch, doc) + scriptCost(o.ch, doc);
  }
  // Memoised per candidate list and left context (lists are shared, contexts repeat).
  let memo = doc.holeMemo.get(tok.options);
  if (!memo) doc.holeMemo.set(tok.options, (memo = new Map()));
  const key = left.length === 1 ? left[0]! : left.length === 0 ? '' : left;
  let min = memo.get(key);
  if (min === undefined) {
    const likely = likeliest(tok.options);
    min = likely[0]!.cost;
    for (const o of likely) min = Math.min(min, contextCost(left, o.ch, doc) + scriptCost(o.ch, doc));
    memo.set(key, min);
  }
  return min + tok.holes * BITS.hole;
}

const likeliestCache = new WeakMap<Option[], Option[]>();
/** The candidates worth a context lookup: the likeliest ones alone, by the unigram. */
function likeliest(options: Option[]): Option[] {
  let out = likeliestCache.get(options);
  if (!out) {
    out = [...options].sort((a, b) => a.cost - b.cost).slice(0, LEFT_CANDIDATES);
    likeliestCache.set(options, out);
  }
  return out;
}

const leftCache = new WeakMap<Option[], readonly string[]>();
const NO_LEFT: readonly string[] = [];
/** What a token leaves as left context for the next character (one shared list per options). */
function leftOf(tok: CharToken): readonly string[] {
  if (tok.unfolded) return NO_LEFT;
  let left = leftCache.get(tok.options);
  if (!left) {
    left = tok.options.length === 1 ? [tok.options[0]!.ch] : likeliest(tok.options).map((o) => o.ch);
    leftCache.set(tok.options, left);
  }
  return left;
}

function push<T>(list: List<T> | null, head: T): List<T> {
  return { head, tail: list };
}

function isTrail(b: Byte): boolean {
  return b.hole !== null || (b.v >= 0x40 && b.v <= 0xfe && b.v !== 0x7f);
}

const NO_STRADDLES: Straddle[] = [];

/** One byte into a state: an ASCII character, a waiting lead byte, or a completed pair. */
/**
 * `s` is the caller's own copy (applyAlternative makes one per alternative): the byte and gloss
 * steps update it in place, which keeps the search from allocating a state per byte.
 */
function pushByte(s: State, b: Byte, doc: DocContext): State | null {
  if (!s.pending) {
    if (!b.hole && b.v < 0x80) {
      // ASCII costs what a character costs, so a reading cannot win by leaving bytes as ASCII.
      const cost = isAsciiSpace(b.v) ? 0 : doc.model.unigram(ASCII_CHARS[b.v]!);
      s.cost += cost;
      s.prevByte = b;
      s.left = NO_LEFT;
      s.host = null;
      s.tokens = push(s.tokens, asciiToken(b.v));
      return s;
    }
    if (!b.hole && (b.v === 0x80 || b.v === 0xff)) return null;
    s.pending = b;
    return s;
  }
  if (!isTrail(b)) return null;
  const lead = s.pending;
  // Two unknown bytes with nothing to narrow them: only a gloss after them can say what they
  // were (a lost lead byte whose trail was eaten with the "(" of its gloss: `影?xiǎng)`).
  if (lead.hole && b.hole && !lead.hole.allowed && b.hole.allowed !== GLOSS_HOST_TRAIL) return null;
  const options = pairOptions(lead, b, doc);
  if (options.length === 0) return null;
  const holes = (lead.hole ? 1 : 0) + (b.hole ? 1 : 0);
  const straddles = holes === 0 ? NO_STRADDLES : [lead, b].flatMap((x) => (x.hole?.straddle ? [x.hole.straddle] : []));
  // Built whole, not spread from a partial: this line runs for every byte pair of every state.
  const tok: CharToken = {
    kind: 'char',
    options,
    holes,
    unfolded: lead.unfolded || b.unfolded,
    straddles,
    straddleAt: lead.hole?.straddle ? 0 : 1,
    cost: 0,
    before: s.left,
  };
  const cost = (tok.cost = charTokenCost(tok, s.left, doc));
  s.cost += cost;
  s.pending = null;
  s.prevByte = b;
  s.left = leftOf(tok);
  s.host = tok;
  s.tokens = push(s.tokens, tok);
  return s;
}

const ASCII_CHARS: string[] = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i));
const ASCII_TOKENS: Token[] = ASCII_CHARS.map((ch) => ({ kind: 'ascii', ch }));
const asciiToken = (v: number): Token => ASCII_TOKENS[v]!;
/** The bytes `\s` matches in ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
const isAsciiSpace = (v: number): boolean => v === 0x20 || (v >= 0x09 && v <= 0x0d);

/** A gloss `(py)`: after its host character, or inside a straddle (then it goes). */
function pushGloss(s: State, py: string, required: boolean, doc: DocContext): State | null {
  if (s.pending) {
    // Inside a pair: the gloss was inserted after the trail byte of one character and the lead
    // byte of the next, which spell a character reading `py`.
    const prev = s.prevByte;
    if (!prev || prev.hole || prev.v < 0x81) return null;
    const lead = s.pending;
    if (!lead.hole) {
      const ch = decodePair(prev.v, lead.v);
      if (!ch || !isReadingOf(ch, py)) return null;
      s.cost += BITS.straddleGloss;
      s.notes = push(s.notes, `gloss (${py}) is spurious: ${hex([prev.v, lead.v])} = ${ch} straddles two characters`);
      return s;
    }
    const allowed = lead.hole.allowed;
    const fitting = straddleBytes(prev.v, py).filter((x) => !allowed || allowed.includes(x));
    if (fitting.length === 0) return null;
    const hole: Hole = { allowed: fitting, straddle: { prev: prev.v, py, unique: fitting.length === 1 } };
    s.cost += BITS.straddleGloss;
    s.pending = unknown(hole);
    s.notes = push(s.notes, `gloss (${py}) is spurious: it was inserted inside a straddle`);
    return s;
  }
  const host = s.host;
  if (host) {
    const fitting = host.options.filter((o) => isReadingOf(o.ch, py));
    if (fitting.length > 0) {
      const gloss: Token = { kind: 'gloss', py, fits: true };
      if (fitting.length === host.options.length) {
        s.tokens = push(s.tokens, gloss);
        return s;
      }
      // The gloss narrows its host's candidates: the host token is rebuilt with them.
      const narrowed: CharToken = { ...host, options: fitting, cost: 0 };
      narrowed.cost = charTokenCost(narrowed, host.before, doc);
      const rebuilt = replaceToken(s.tokens, host, narrowed);
      if (!rebuilt) return null;
      s.cost += narrowed.cost - host.cost;
      s.host = narrowed;
      s.left = leftOf(narrowed);
      s.tokens = push(rebuilt, gloss);
      return s;
    }
  }
  if (required) return null;
  s.cost += BITS.misfitGloss;
  s.tokens = push(s.tokens, { kind: 'gloss', py, fits: false });
  return s;
}

/** The list with `from` replaced by `to` (it is the head, or right behind glosses). */
function replaceToken(list: List<Token> | null, from: Token, to: Token): List<Token> | null {
  if (!list) return null;
  if (list.head === from) return push(list.tail, to);
  if (list.head.kind !== 'gloss') return null;
  const rest = replaceToken(list.tail, from, to);
  return rest ? push(rest, list.head) : null;
}

export const STATS = { units: 0, states: 0, alts: 0, find: 0, read: 0, build: 0 };
function applyAlternative(s: State, alt: Alternative, doc: DocContext): State | null {
  STATS.alts++;
  // One copy per alternative; the steps below update it in place.
  let cur: State | null = { cost: s.cost + alt.cost, pending: s.pending, prevByte: s.prevByte, left: s.left, host: s.host, tokens: s.tokens, notes: alt.note ? push(s.notes, alt.note) : s.notes };
  for (const a of alt.actions) {
    if (!cur) return null;
    switch (a.kind) {
      case 'byte':
        cur = pushByte(cur, a.b, doc);
        if (cur && a.oddity && !cur.pending && cur.tokens?.head.kind === 'ascii') cur.cost += a.oddity;
        break;
      case 'unknownAscii':
        if (cur.pending) return null;
        cur.cost += BITS.unknownAscii;
        cur.prevByte = null;
        cur.left = NO_LEFT;
        cur.host = null;
        cur.tokens = push(cur.tokens, UNKNOWN_ASCII);
        break;
      case 'gloss':
        cur = pushGloss(cur, a.py, a.required, doc);
        break;
      case 'scarText':
        if (cur.pending) return null;
        cur.cost += BITS.scar;
        cur.host = null;
        cur.left = NO_LEFT;
        cur.tokens = push(cur.tokens, { kind: 'scarText', text: a.text });
        break;
    }
  }
  return cur;
}

const UNKNOWN_ASCII: Token = { kind: 'unknownAscii' };
const byte = (v: number, unfolded = false): Action => ({ kind: 'byte', b: known(v, unfolded) });
const hole = (allowed: readonly number[] | null): Action => ({ kind: 'byte', b: unknown({ allowed }) });

function isCjkUnit(u: Unit | undefined): boolean {
  return !!u && u.kind !== 'ascii';
}

/** What a literal ASCII character costs where it stands in the damaged text. */
function asciiOddity(units: Unit[], k: number, before: string, after: string): number {
  const u = units[k]! as Unit & { kind: 'ascii' };
  const prevCjk = k > 0 ? isCjkUnit(units[k - 1]) : before.charCodeAt(0) >= 0x80;
  const nextCjk = k + 1 < units.length ? isCjkUnit(units[k + 1]) : after.charCodeAt(0) >= 0x80;
  if (SANDWICH_SYMBOLS.has(u.ch) && (prevCjk || nextCjk)) return BITS.sandwichedSymbol;
  if (/[A-Za-z0-9]/.test(u.ch) && prevCjk && nextCjk) return BITS.isolatedLatin;
  return 0;
}

const CHAR_ALTERNATIVES = new Map<string, Alternative[]>();

/** Every byte string a unit may stand for; the literal reading comes first. */
function alternativesOf(units: Unit[], k: number, text: string, w: Window): Alternative[] {
  const u = units[k]!;
  const before = text[w.start - 1] ?? '';
  const after = text[w.end] ?? '';
  switch (u.kind) {
    case 'char': {
      // Shared per character: alternatives are read, never changed.
      let alts = CHAR_ALTERNATIVES.get(u.ch);
      if (!alts) {
        alts = [{ actions: encodeChar(u.ch)!.map((b) => byte(b)), cost: 0 }];
        if (CHAR_ALTERNATIVES.size > 20_000) CHAR_ALTERNATIVES.clear();
        CHAR_ALTERNATIVES.set(u.ch, alts);
      }
      return alts;
    }
    case 'ascii': {
      const code = u.ch.charCodeAt(0);
      const alts: Alternative[] = [{ actions: [{ kind: 'byte', b: known(code), oddity: asciiOddity(units, k, before, after) }], cost: 0 }];
      const wide = code === 0x20 ? '\u3000' : unfoldAscii(u.ch);
      const bytes = wide ? encodeChar(wide) : null;
      if (bytes) {
        const cost = FOLDABLE_PUNCT.has(u.ch) ? BITS.unfoldPunct : BITS.unfoldOther;
        alts.push({ actions: bytes.map((b) => byte(b, true)), cost, note: `${u.ch === ' ' ? 'space' : u.ch} unfolded to ${wide} (${hex(bytes)}) before re-encoding` });
      }
      return alts;
    }
    case 'gloss':
      return [{ actions: [{ kind: 'gloss', py: u.py, required: false }], cost: 0 }];
    case 'scar': {
      const alts: Alternative[] = [{ actions: [byte(0x3f), { kind: 'scarText', text: `${u.py})` }], cost: 0 }];
      alts.push({ actions: [hole(null), { kind: 'gloss', py: u.py, required: true }], cost: BITS.question, note: `scar ?${u.py}): a byte and the "(" of its gloss were eaten as one "?"` });
      alts.push({ actions: [hole(GLOSS_HOST_TRAIL), { kind: 'gloss', py: u.py, required: true }], cost: BITS.question, note: `scar ?${u.py}): a byte and the "(" of its gloss were eaten as one "?"` });
      return alts;
    }
    case 'qtag': {
      const alts: Alternative[] = [{ actions: [byte(0x3f)], cost: BITS.tagResidue }];
      alts.push({ actions: [hole(ALL_TRAILS), byte(0x3c)], cost: BITS.question, note: '"?" = a dangling byte + the "<" of the tag' });
      alts.push({ actions: [hole(QUESTION_BYTES)], cost: BITS.question + BITS.tagResidue, note: '"?" = a byte replaced by "?"' });
      return alts;
    }
    case 'q': {
      const touches = isCjkUnit(units[k - 1]) || isCjkUnit(units[k + 1]) || (k === 0 && before.charCodeAt(0) >= 0x80) || (k === units.length - 1 && after.charCodeAt(0) >= 0x80);
      const alts: Alternative[] = [{ actions: [byte(0x3f)], cost: touches ? BITS.strayQuestion : 0 }];
      alts.push(
        { actions: [hole(QUESTION_BYTES)], cost: BITS.question, note: '"?" = one byte the decoder could not read' },
        { actions: [hole(ALL_TRAILS), { kind: 'unknownAscii' }], cost: BITS.question, note: '"?" = a trail byte and the ASCII byte after it, eaten as one' },
        { actions: [hole(ALL_TRAILS), hole(ALL_LEADS)], cost: BITS.question, note: '"?" = a trail byte and the lead byte after it, eaten as one' },
        { actions: [byte(0xa3, true), byte(0xbf, true)], cost: BITS.unfoldPunct, note: '"?" unfolded to ？' },
      );
      return alts;
    }
  }
}

function stateKey(s: State): string {
  const b = (x: Byte | null) => (!x ? '-' : x.hole ? `h${allowedKey(x.hole.allowed)}` : String(x.v));
  return `${b(s.pending)}|${s.pending ? b(s.prevByte) : ''}|${s.left.length === 1 ? s.left[0] : s.left.length}|${s.host && s.host.options.length > 1 ? s.host.options.length : ''}`;
}

interface Reading {
  tokens: Token[];
  notes: string[];
  cost: number;
}

function toArray<T>(list: List<T> | null): T[] {
  const out: T[] = [];
  for (let l = list; l; l = l.tail) out.push(l.head);
  return out.reverse();
}

/**
 * The cheapest reading of a window, and the decoder's own reading (no byte put back, no `?`
 * reinterpreted) that a repair must beat. The literal reading is one path of the same search,
 * followed on its own so it is never pruned.
 */
function readWindow(units: Unit[], text: string, w: Window, doc: DocContext): { best: Reading; literal: Reading } | null {
  const before = text.slice(Math.max(0, w.start - 2), w.start);
  const lastChar = [...before].pop() ?? null;
  const lastBytes = lastChar ? encodeChar(lastChar) : null;
  const first: State = {
    cost: 0,
    pending: null,
    prevByte: lastBytes ? known(lastBytes[lastBytes.length - 1]!) : null,
    left: lastChar && isHan(lastChar) ? [lastChar] : [],
    host: null,
    tokens: null,
    notes: null,
  };
  let literal: State | null = first;
  let states: State[] = [first];
  for (let k = 0; k < units.length; k++) {
    const alts = alternativesOf(units, k, text, w);
    // A step per state and reading of this unit tried: the search's work, whatever the machine.
    if (doc.budget && (doc.budget.steps -= states.length * Math.max(1, alts.length)) < 0) return null;
    const next = new Map<string, State>();
    const offer = (s: State | null) => {
      if (!s) return;
      const key = stateKey(s);
      const old = next.get(key);
      if (!old || s.cost < old.cost) next.set(key, s);
    };
    const u = units[k]!;
    // A lead byte lost right here: the unit's first byte was the trail of a character. Right
    // before A3 A1 (`！`) is where this damage is known to strike.
    const lostCost = BITS.lost - (u.kind === 'ascii' && u.ch === '!' ? BITS.knownTrigger : 0);
    const lostNote = `lead byte lost before "${u.kind === 'char' || u.kind === 'ascii' ? u.ch : '?'}"`;
    const lostHere = unknown({ allowed: null });
    for (const s of states) {
      for (const alt of alts) offer(applyAlternative(s, alt, doc));
      if (!s.pending && u.kind !== 'gloss') {
        const lost: State = { ...s, cost: s.cost + lostCost, pending: lostHere, notes: push(s.notes, lostNote) };
        for (const alt of alts) offer(applyAlternative(lost, alt, doc));
      }
    }
    literal = literal ? applyAlternative(literal, alts[0]!, doc) : null;
    states = [...next.values()].sort((a, b) => a.cost - b.cost);
    if (states.length === 0) return null;
    const bound = states[0]!.cost + PRUNE_BITS;
    states = states.filter((s, i) => i < BEAM && s.cost <= bound);
  }
  const end = states.find((s) => !s.pending);
  if (!end || !literal || literal.pending) return null;
  const reading = (s: State): Reading => ({ tokens: toArray(s.tokens), notes: toArray(s.notes), cost: s.cost });
  return { best: reading(end), literal: reading(literal) };
}

function tokenText(t: Token, pick?: string): string {
  switch (t.kind) {
    case 'char': {
      const ch = pick ?? (t.holes > 0 ? PLACEHOLDER : t.options[0]!.ch);
      return t.unfolded ? foldFullwidth(ch) : ch;
    }
    case 'ascii':
      return t.ch;
    case 'unknownAscii':
      return PLACEHOLDER;
    case 'gloss':
      return `(${t.py})`;
    case 'scarText':
      return t.text;
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Filling holes: hard constraints first, then typography, the language model and the corpus.

interface HoleResult {
  char: string;
  confidence: Confidence;
  evidence: string;
  candidates?: Candidate[];
}

/** The document's own n-grams, counted as the prior counts them. */
function countNgrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  countPriorGrams(text, counts);
  return counts;
}

/**
 * The corpus prior without the document's own counts: the prior was built over the corpus,
 * this document included, and its garbled text must not vote for itself.
 */
function priorWithoutSelf(doc: DocContext): PriorCounts | undefined {
  const prior = doc.prior;
  if (!prior) return undefined;
  const memo = new Map<string, number>();
  return {
    count: (gram) => {
      let n = memo.get(gram);
      if (n === undefined) {
        doc.selfCounts ??= countNgrams(doc.text);
        n = Math.max(0, prior.count(gram) - (doc.selfCounts.get(toSimplified(gram)) ?? 0));
        memo.set(gram, n);
      }
      return n;
    },
  };
}

const STRIP_GLOSSES = /\([^\s()]{1,7}\)/g;
const CONTEXT_SLICE = 48;

/** The two nearest characters on each side, glosses removed. */
function neighbours(left: string, right: string): { l2: string; l: string | null; r: string | null; r2: string } {
  const ls = [...left.slice(-CONTEXT_SLICE).replace(STRIP_GLOSSES, '')].slice(-2);
  const rs = [...right.slice(0, CONTEXT_SLICE).replace(STRIP_GLOSSES, '')].slice(0, 2);
  return { l2: ls.length === 2 ? ls[0]! : '', l: ls[ls.length - 1] ?? null, r: rs[0] ?? null, r2: rs[1] ?? '' };
}

/** Bits a corpus trigram through the candidate is worth: the corpus has seen it in this context. */
const CORPUS_TRIGRAM_BITS = 3;

/** Corpus trigrams through `ch` in its context. */
function corpusTrigrams(prior: PriorCounts | undefined, n: ReturnType<typeof neighbours>, ch: string): number {
  if (!prior || !n.l || !n.r) return 0;
  // Han trigrams only: what the corpus says about words, not about line ends or spacing.
  const grams = [n.l2 + n.l + ch, n.l + ch + n.r, ch + n.r + n.r2].filter((g) => [...g].length === 3 && [...g].every(isHan));
  return grams.filter((g) => prior.count(g) > 0).length;
}

const SENTENCE_FINAL = new Set([...'。！？!?']);

/**
 * Typographic priors: a `”` that closes an open `“` where the paragraph ends, and sentence-final
 * punctuation before the `”` that closes a quoted sentence (not a short quoted term).
 */
function typographicBonus(ch: string, left: string, right: string): { bonus: number; why: string } {
  if (ch !== '”' && !SENTENCE_FINAL.has(ch)) return { bonus: 0, why: '' };
  const paraLeft = left.slice(left.lastIndexOf('\n') + 1);
  const paraRight = right
    .split(/[\n]/, 1)[0]!
    .replace(/<[^<>]*>/g, '')
    .replace(TAG_RESIDUE, '');
  if (ch === '”') {
    const open = (paraLeft.match(/“/g)?.length ?? 0) - (paraLeft.match(/”/g)?.length ?? 0);
    if (open > 0 && !/\p{Script=Han}/u.test(paraRight)) return { bonus: 8, why: 'closes the open “ at the paragraph end' };
  }
  if (SENTENCE_FINAL.has(ch) && right.startsWith('”')) {
    const openAt = paraLeft.lastIndexOf('“');
    const closeAt = paraLeft.lastIndexOf('”');
    if (openAt > closeAt && paraLeft.length - openAt > 10) return { bonus: 8, why: 'ends the quoted sentence before its ”' };
  }
  return { bonus: 0, why: '' };
}

/** What a punctuation candidate costs in a hole before typography speaks for it. */
const PUNCT_IN_HOLE = 11;

/** Margin (bits) by which the best candidate must beat the next to be restored. */
const FILL_MARGIN = 5;
const FILL_MARGIN_MEDIUM = 8;

/** Fills one hole pair; `left`/`right` are the surrounding text with other holes as they stand. */
function fillHole(tok: CharToken, left: string, right: string, doc: DocContext): HoleResult {
  const opts = [...tok.options].sort((a, b) => a.cost - b.cost);
  const best = opts[0]!;
  if (opts.length === 1) {
    return { char: best.ch, confidence: 'high', evidence: `${hex(best.bytes)} = ${best.ch} is the only pair the constraints allow` };
  }
  // Rank by the character in its context: the character model on both sides (with the corpus),
  // and typography for punctuation.
  const near = neighbours(left, right);
  const { l, r } = near;
  const prior = doc.priorCounts;
  const scored = opts
    .map((o) => {
      const shown = tok.unfolded ? foldFullwidth(o.ch) : o.ch;
      const t = typographicBonus(shown, left, right);
      // The character model knows punctuation only by its frequency: in a hole, where prose is
      // expected, a punctuation mark needs typography to speak for it.
      const inContext = isHan(o.ch) ? doc.model.cost(l, o.ch, prior) + (r ? doc.model.cost(o.ch, r, prior) - doc.model.unigram(r) : 0) : Math.max(PUNCT_IN_HOLE, doc.model.unigram(o.ch));
      const trigrams = corpusTrigrams(prior, near, o.ch);
      return { o, bits: inContext + scriptCost(o.ch, doc) - t.bonus - trigrams * CORPUS_TRIGRAM_BITS, typo: t, trigrams };
    })
    .sort((a, b) => a.bits - b.bits || a.o.cost - b.o.cost);
  // 响 and 響 both have GBK codes: they are one character in two scripts, not two candidates.
  // The form of the document's script stands for both (Simplified unless it is Traditional).
  const sameAs = (a: Option, b: Option) => simplifiedOf(a.ch) === simplifiedOf(b.ch);
  const preferred = (o: Option) => (doc.traditional ? !isSimplifiedOnly(o.ch) : !isTraditionalOnly(o.ch));
  const group = scored.filter((x) => sameAs(x.o, scored[0]!.o));
  const top = group.find((x) => preferred(x.o)) ?? group[0]!;
  const rival = scored.find((x) => !sameAs(x.o, top.o));
  const margin = (rival?.bits ?? Infinity) - group[0]!.bits;
  const candidates = scored.slice(0, 8).map(({ o, bits }) => ({ char: o.ch, bytes: hex(o.bytes).toLowerCase(), score: Math.round(-bits * 10) / 10 }));
  if (margin >= FILL_MARGIN) {
    const why: string[] = [];
    if (top.typo.bonus > 0) why.push(top.typo.why);
    if (l && doc.model.pairCount(l, top.o.ch) > 0) why.push(`${l}${top.o.ch} is a dictionary word pair`);
    if (r && doc.model.pairCount(top.o.ch, r) > 0) why.push(`${top.o.ch}${r} is a dictionary word pair`);
    if (top.trigrams > 0) why.push(`corpus n-grams support it (${top.trigrams} trigram(s))`);
    else if (prior && ((l && prior.count(l + top.o.ch) > 0) || (r && prior.count(top.o.ch + r) > 0))) why.push('the corpus has it in this context');
    if (rival) why.push(`${margin.toFixed(1)} bits ahead of ${rival.o.ch}`);
    const confidence: Confidence = margin >= FILL_MARGIN_MEDIUM || top.typo.bonus > 0 ? 'medium' : 'low';
    return { char: top.o.ch, confidence, evidence: `${hex(top.o.bytes)} = ${top.o.ch} chosen of ${opts.length}: ${why.join('; ')}`, candidates };
  }
  // Nothing picks a candidate. U+FFFD is the character a decoder shows for an unknown byte: it
  // is visible to a reader, it cannot be encoded in GBK (so this rule never re-reads it, which
  // keeps the rule idempotent), and the candidates stay in the record for a later re-ranking.
  return { char: PLACEHOLDER, confidence: 'low', evidence: `lost byte: ${opts.length} candidates, none clearly preferred by context; placeholder U+FFFD`, candidates };
}

// ---------------------------------------------------------------------------------------------
// The rule.

function minConfidence(cs: Confidence[]): Confidence {
  if (cs.includes('low')) return 'low';
  if (cs.includes('medium')) return 'medium';
  return 'high';
}

/** Characters of context on each side a hole is filled with. */
const FILL_CONTEXT = 300;

/** Renders the chosen reading, fills its holes, and turns it into one edit. */
function buildEdit(text: string, w: Window, reading: Reading, baseline: number, doc: DocContext): Edit | null {
  const tokens = reading.tokens;
  const picks = new Map<number, HoleResult>();
  const parts = tokens.map((t) => tokenText(t));
  // Two passes: a hole's context may be another hole (。 before ” in one run). The context is
  // bounded (a paragraph's worth on each side), so dense damage stays linear.
  for (let pass = 0; pass < 2; pass++) {
    tokens.forEach((t, k) => {
      if (t.kind !== 'char' || t.holes === 0) return;
      const before = text.slice(Math.max(0, w.start - FILL_CONTEXT), w.start) + parts.slice(Math.max(0, k - FILL_CONTEXT), k).join('');
      const after = parts.slice(k + 1, k + 1 + FILL_CONTEXT).join('') + text.slice(w.end, w.end + FILL_CONTEXT);
      const pick = fillHole(t, before, after, doc);
      picks.set(k, pick);
      parts[k] = tokenText(t, pick.char);
    });
  }
  const output = parts.join('');
  const source = text.slice(w.start, w.end);
  if (output === source) return null;

  const evidence: string[] = [...new Set(w.signals.map((x) => x.note))];
  // Readings of the glosses that signalled this run as misfits.
  const orphaned = new Set(w.signals.flatMap((x) => /^misfit gloss .*\((.+)\)$/.exec(x.note)?.slice(1) ?? []));
  evidence.push(...new Set(reading.notes));
  tokens.forEach((t, k) => {
    if (t.kind === 'char' && t.straddles.length > 0) {
      const pick = picks.get(k);
      const option = t.options.find((o) => o.ch === pick?.char);
      for (const st of t.straddles) {
        const x = option ? option.bytes[t.straddleAt === 0 ? 0 : 1] : undefined;
        const ch = x === undefined ? null : decodePair(st.prev, x);
        evidence.push(`straddle ${hex([st.prev])}|${x === undefined ? '??' : hex([x])} must read ${st.py} → ${ch ?? '?'}${st.unique ? ' unique' : ''}`);
      }
      if (pick) evidence.push(pick.evidence);
    } else if (t.kind === 'char' && t.holes > 0) {
      evidence.push(picks.get(k)!.evidence);
    }
    if (t.kind === 'gloss' && t.fits) {
      const host = tokens[k - 1];
      const hostChar = host?.kind === 'char' ? tokenText(host, picks.get(k - 1)?.char) : '';
      if (orphaned.has(t.py)) evidence.push(`orphan gloss (${t.py}) fits ${hostChar} after realignment`);
    }
  });
  evidence.push(`cost ${baseline.toFixed(1)} → ${reading.cost.toFixed(1)} bits (gain ${(baseline - reading.cost).toFixed(1)} ≥ ${MIN_GAIN_BITS})`);
  const holes = [...picks.values()];
  const candidates = holes.flatMap((hr) => hr.candidates ?? []);

  // Trim what did not change, without cutting a gloss in two.
  let p = 0;
  while (p < output.length && p < source.length && output[p] === source[p]) p++;
  while (p > 0 && /\([^\s()]{0,7}$/.test(source.slice(0, p))) p--;
  let q = 0;
  while (q < output.length - p && q < source.length - p && output[output.length - 1 - q] === source[source.length - 1 - q]) q++;
  while (q > 0 && /^[^\s()?]{0,7}\)/.test(source.slice(source.length - q))) q--;
  const edit: Edit = {
    start: w.start + p,
    end: w.end - q,
    after: output.slice(p, output.length - q),
    confidence: minConfidence([...holes.map((hr) => hr.confidence), ...tokens.filter((t) => t.kind === 'unknownAscii').map(() => 'low' as const)]),
    evidence,
  };
  if (candidates.length > 0) edit.candidates = candidates;
  return edit;
}

/** The repair rule: realigns GBK byte-shift runs; see the module comment. */
export function realignGbkShift(text: string, options: RepairOptions = {}): RuleOutput {
  const { traditional, simplified } = documentScript(text);
  const doc: DocContext = {
    text,
    traditional,
    simplified,
    prior: options.prior,
    selfCounts: undefined,
    budget: options.budget,
    model: undefined!,
    contextMemo: new WeakMap(),
    holeMemo: new WeakMap(),
  };
  const edits: Edit[] = [];
  const diagnostics: Diagnostic[] = [];
  let T = performance.now();
  const runs = findSuspectRuns(text, doc);
  STATS.find = performance.now() - T;
  if (runs.length > 0) {
    doc.model = charModel();
    doc.priorCounts = priorWithoutSelf(doc);
  }
  for (let k = 0; k < runs.length; k++) {
    const w = runs[k]!;
    const units = tokenize(text, w.start, w.end);
    const unencodable = units.some((u) => (u.kind === 'char' || u.kind === 'ascii') && !encodeChar(u.ch));
    T = performance.now();
    const read = unencodable ? null : readWindow(units, text, w, doc);
    const literal = read?.literal;
    const best = read?.best;
    STATS.read += performance.now() - T;
    T = performance.now();
    const edit = literal && best && literal.cost - best.cost >= MIN_GAIN_BITS ? buildEdit(text, w, best, literal.cost, doc) : null;
    STATS.build += performance.now() - T;
    if (edit) edits.push(edit);
    if (options.budget && options.budget.steps < 0) {
      // Published with what was repaired: this run may be untouched, later ones are.
      diagnostics.push({
        rule: RULE,
        severity: 'warning',
        message: `repair budget spent in the suspected GBK byte-shift run at offset ${w.start}${k + 1 < runs.length ? `; ${runs.length - k - 1} later run(s) were left as they are` : ''}`,
        offset: w.start,
        unit: 'char',
      });
      break;
    }
    if (!edit && w.signals.some((x) => x.strong)) {
      diagnostics.push({
        rule: RULE,
        severity: 'warning',
        message: `suspected GBK byte-shift run left as is: ${JSON.stringify(text.slice(w.start, w.end))} (${w.signals.map((x) => x.note).join('; ')})`,
        offset: w.start,
        unit: 'char',
      });
    }
  }
  const out = applyEdits(text, RULE, edits);
  return { text: out.text, repairs: out.repairs, diagnostics };
}
