import type { Candidate, Confidence, Diagnostic } from '../../article.ts';
import type { NgramPrior } from '../prior.ts';
import { toSimplified } from '../script.ts';
import { applyEdits, type Edit } from './edits.ts';
import {
  decodePair,
  decodeUserDefinedPair,
  encodeChar,
  foldFullwidth,
  hex,
  isHan,
  isSimplifiedOnly,
  isTraditionalOnly,
  rarityCost,
  unfoldAscii,
} from './gbk.ts';
import { isReadingOf, isTonedSyllable } from './pinyin.ts';
import type { RepairOptions, RuleOutput } from './rule.ts';

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
 *    rare-character clusters, ASCII symbols sandwiched in CJK, tone letters outside glosses,
 *    `?` before `/tag>`) and a window around each;
 * 2. `enumerateHypotheses`: for each window, every combination of "what a `?` was", "was this
 *    gloss spurious", "was this ASCII folded" and "was a lead byte lost here"; each hypothesis is
 *    turned back into GBK bytes with holes and re-paired by `repairBytes` (the pairing of a byte
 *    string whose holes are all lead-capable is deterministic from the left, so no search over
 *    alignments is needed, only over the hole values of each pair);
 * 3. the cheapest hypothesis is kept only if it beats the literal reading by `MIN_GAIN`, and
 *    the holes it leaves are filled by hard constraints, then typographic and corpus priors,
 *    else by a visible placeholder.
 */

const RULE = 'gbk-shift';

/** The reference solver's acceptance margin, in cost units (see the costs below). */
const MIN_GAIN = 6;

const COST = {
  /** A gloss that does not fit its host, or a scar left as text. */
  misfitGloss: 8,
  /** `/strong>` with its `<` missing. */
  tagResidue: 8,
  /** A literal `?` touching CJK. */
  strayQuestion: 2,
  /** A lone ASCII letter or digit between two CJK characters (`猴L(`). */
  isolatedLatin: 2,
  /** `^ _ [ ] { } | \` touching CJK. */
  sandwichedSymbol: 4,
  /** A Simplified-only character in a Traditional document (钡, 绱). */
  scriptMismatch: 3,
  /** An unknown byte put back. */
  hole: 1.5,
  /** A lead byte assumed lost (on top of its hole). */
  lostByte: 1,
  /** A gloss assumed spurious (it must also pass the straddle reading). */
  spurious: 0.5,
  /** An ASCII character assumed to be a folded full-width one. */
  unfold: 0.3,
  /** Discount for a lost byte at the A3|A1 straddle, the trigger this damage is known for. */
  knownTrigger: 1,
} as const;

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
  prior: NgramPrior | undefined;
  selfCounts: Map<string, number> | undefined;
  /** See `RepairOptions.deadline`. */
  deadline?: number | undefined;
}

function charCost(ch: string, doc: DocContext): number {
  let cost = rarityCost(ch);
  if (doc.traditional && isSimplifiedOnly(ch)) cost += COST.scriptMismatch;
  return cost;
}

/** Traditional when Traditional-only characters clearly outnumber Simplified-only ones. */
function isTraditionalDocument(text: string): boolean {
  let trad = 0;
  let simp = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x3400) continue;
    if (isTraditionalOnly(ch)) trad++;
    else if (isSimplifiedOnly(ch)) simp++;
  }
  return trad >= 5 && trad >= 4 * simp;
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
    if (ch === '!' || ch === '?') flags |= ODD_PUNCT;
    else if (TONE_LETTER.test(ch)) {
      flags |= ODD_TONE;
      signals.push({ at: i, strong: false, note: `tone letter ${ch} outside a gloss` });
    } else if (SANDWICH_SYMBOLS.has(ch) && prevChar.charCodeAt(0) >= 0x80) {
      const next = text.codePointAt(i + 1) ?? 0;
      if (next >= 0x80 || next === 0x28) signals.push({ at: i, strong: false, note: `ASCII ${ch} sandwiched in CJK` });
    } else if (code >= 0x80) {
      if (rarityCost(ch) >= 3) flags |= ODD_RARE;
      if (doc.traditional && isSimplifiedOnly(ch)) flags |= ODD_SCRIPT;
    }
    cps.push(i);
    odd.push(flags);
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
// 2. Hypotheses: what each ambiguous unit was, and where a lead byte was lost.

type Choice =
  | 'literal'
  /** `?` = an unknown byte that replaced the original one. */
  | 'replaced'
  /** `?` = a folded full-width `？` (A3BF). */
  | 'unfold'
  /** scar: a dangling byte + `(` of a spurious straddle gloss; the gloss goes. */
  | 'spurious'
  /** scar: a dangling byte + `(` of a genuine gloss; the gloss stays and must fit. */
  | 'genuine'
  /** qtag: a dangling byte + the `<` of the tag. */
  | 'eatenLt';

const ALTERNATIVES: Record<Unit['kind'], Choice[]> = {
  char: ['literal'],
  ascii: ['literal'],
  gloss: ['literal'],
  scar: ['literal', 'spurious', 'genuine'],
  qtag: ['literal', 'eatenLt', 'replaced'],
  q: ['literal', 'replaced', 'unfold'],
};

interface Hypothesis {
  choices: Choice[];
  /** Unit indexes before which a lost lead byte is put back (at most two, ascending). */
  lost: number[];
}

/** Units whose ASCII may be an unfolded full-width character (`!` inside `兩不!钡`). */
function isFoldToggle(units: Unit[], k: number): boolean {
  const u = units[k]!;
  if (u.kind !== 'ascii') return false;
  const touchesCjk = (j: number) => {
    const n = units[j];
    return !!n && n.kind !== 'ascii';
  };
  if (FOLDABLE_PUNCT.has(u.ch)) return touchesCjk(k - 1) || touchesCjk(k + 1);
  if (/[A-Za-z0-9]/.test(u.ch)) return touchesCjk(k - 1) && touchesCjk(k + 1);
  return false;
}

const MAX_HYPOTHESES = 6000;

/**
 * Every hypothesis for a window, the literal reading first. With `fixedLost` ≥ 0 every
 * hypothesis also puts back a lost byte there: a second pass for windows that hold two runs.
 */
export function* enumerateHypotheses(units: Unit[], doc: DocContext, fixedLost = -1): Generator<Hypothesis> {
  const alts: Choice[][] = units.map((u, k) => (isFoldToggle(units, k) ? ['literal', 'unfold'] : ALTERNATIVES[u.kind]));
  // A lost byte is only plausible right before punctuation or a rare character: that is where
  // the shifted pairing becomes visible.
  const lostSites = [-1];
  units.forEach((u, k) => {
    if ((u.kind === 'ascii' && FOLDABLE_PUNCT.has(u.ch)) || u.kind === 'q' || (u.kind === 'char' && charCost(u.ch, doc) >= 3)) lostSites.push(k);
  });
  // Keep the search bounded: drop fold toggles from the right, then lost-byte sites.
  const size = () => alts.reduce((n, a) => n * a.length, 1) * lostSites.length;
  for (let k = alts.length - 1; k >= 0 && size() > MAX_HYPOTHESES; k--) {
    if (units[k]!.kind === 'ascii' && alts[k]!.length > 1) alts[k] = ['literal'];
  }
  while (size() > MAX_HYPOTHESES && lostSites.length > 1) lostSites.pop();
  if (size() > MAX_HYPOTHESES) return;
  const index = new Array<number>(alts.length).fill(0);
  for (const site of lostSites) {
    if (fixedLost >= 0 && (site === -1 || site === fixedLost)) continue;
    const lost = [fixedLost, site].filter((x) => x >= 0).sort((a, b) => a - b);
    index.fill(0);
    for (;;) {
      yield { choices: index.map((c, k) => alts[k]![c]!), lost };
      let k = 0;
      while (k < index.length && ++index[k]! === alts[k]!.length) index[k++] = 0;
      if (k === index.length) break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes: a hypothesis turned back into a GBK byte string with holes, then re-paired.

/** A spurious gloss's straddle: GBK(prev, hole) must read `py`. */
interface Straddle {
  prev: number;
  py: string;
  unique: boolean;
}

type Item =
  | { kind: 'byte'; b: number; unfolded: boolean }
  /** An unknown byte. Holes are always lead-capable (0x81–FE): the decoder took them as leads. */
  | { kind: 'hole'; allowed: number[] | null; straddle?: Straddle }
  | { kind: 'gloss'; py: string; required: boolean }
  | { kind: 'scarText'; text: string };

const ALL_LEADS: number[] = Array.from({ length: 0xfe - 0x81 + 1 }, (_, i) => 0x81 + i);
/**
 * A byte the decoder showed as a lone `?`: a lead byte before an invalid byte, or 0x80 (never a
 * lead, but a valid trail: 個 = 82 80).
 */
const QUESTION_BYTES: number[] = [0x80, ...ALL_LEADS];

/** Lead-capable bytes X with GBK(prev, X) reading `py`: the straddle of a spurious gloss. */
function straddleBytes(prev: number, py: string): number[] {
  return ALL_LEADS.filter((x) => {
    const ch = decodePair(prev, x);
    return !!ch && isReadingOf(ch, py);
  });
}

function lastByte(items: Item[]): number | null {
  for (let k = items.length - 1; k >= 0; k--) {
    const it = items[k]!;
    if (it.kind === 'byte') return it.b;
    if (it.kind === 'hole' || it.kind === 'scarText') return null;
  }
  return null;
}

/** The byte string with holes a hypothesis stands for; null if it is self-contradictory. */
function buildItems(units: Unit[], h: Hypothesis): Item[] | null {
  const items: Item[] = [];
  const pushChar = (ch: string, unfolded: boolean) => {
    const bytes = encodeChar(ch);
    if (!bytes) return false;
    for (const b of bytes) items.push({ kind: 'byte', b, unfolded });
    return true;
  };
  for (let k = 0; k < units.length; k++) {
    if (h.lost.includes(k)) items.push({ kind: 'hole', allowed: null });
    const u = units[k]!;
    const choice = h.choices[k]!;
    switch (u.kind) {
      case 'char':
        if (!pushChar(u.ch, false)) return null;
        break;
      case 'ascii':
        if (!pushChar(choice === 'unfold' ? unfoldAscii(u.ch)! : u.ch, choice === 'unfold')) return null;
        break;
      case 'gloss':
        items.push({ kind: 'gloss', py: u.py, required: false });
        break;
      case 'scar':
        if (choice === 'literal') {
          items.push({ kind: 'byte', b: 0x3f, unfolded: false }, { kind: 'scarText', text: `${u.py})` });
        } else if (choice === 'genuine') {
          items.push({ kind: 'hole', allowed: null }, { kind: 'gloss', py: u.py, required: true });
        } else {
          const prev = lastByte(items);
          if (prev === null || prev < 0x81) return null;
          const allowed = straddleBytes(prev, u.py);
          if (allowed.length === 0) return null;
          items.push({ kind: 'hole', allowed, straddle: { prev, py: u.py, unique: allowed.length === 1 } });
        }
        break;
      case 'qtag':
      case 'q':
        if (choice === 'literal') items.push({ kind: 'byte', b: 0x3f, unfolded: false });
        else if (choice === 'unfold') pushChar('？', true);
        else if (choice === 'replaced') items.push({ kind: 'hole', allowed: QUESTION_BYTES });
        else items.push({ kind: 'hole', allowed: null }, { kind: 'byte', b: 0x3c, unfolded: false });
        break;
    }
  }
  return items;
}

interface Option {
  ch: string;
  bytes: [number, number];
  cost: number;
}

type Token =
  | { kind: 'char'; options: Option[]; minCost: number; holes: number; unfolded: boolean; straddles: Straddle[]; straddleAt: 0 | 1 }
  | { kind: 'ascii'; ch: string }
  | { kind: 'gloss'; py: string; fits: boolean; wasMisfit?: boolean }
  | { kind: 'scarText'; text: string };

function minCostOf(options: Option[]): number {
  let min = Infinity;
  for (const o of options) if (o.cost < min) min = o.cost;
  return min;
}

/** Readings of pairs of two known bytes, per script (index: lead << 8 | trail). */
const KNOWN_PAIR_CACHE = { t: new Map<number, Option[]>(), s: new Map<number, Option[]>() };

/** Readings of pairs with holes depend only on the bytes and the document's script. */
const PAIR_CACHE = new Map<string, Option[]>();

/** Every reading of a pair whose bytes may be holes, memoised. */
function pairOptions(lead: Item & { kind: 'byte' | 'hole' }, trail: Item & { kind: 'byte' | 'hole' }, doc: DocContext): Option[] {
  if (lead.kind === 'byte' && trail.kind === 'byte') {
    const cache = doc.traditional ? KNOWN_PAIR_CACHE.t : KNOWN_PAIR_CACHE.s;
    const code = (lead.b << 8) | trail.b;
    let known = cache.get(code);
    if (!known) {
      known = [];
      // The literal reading of mojibake can show a user-defined (Private Use Area) pair; a
      // pair with a hole never reads as one.
      const ch = decodePair(lead.b, trail.b) ?? decodeUserDefinedPair(lead.b, trail.b);
      if (ch) known.push({ ch, bytes: [lead.b, trail.b], cost: charCost(ch, doc) });
      if (cache.size > 50_000) cache.clear();
      cache.set(code, known);
    }
    return known;
  }
  const keyOf = (x: Item & { kind: 'byte' | 'hole' }) => (x.kind === 'byte' ? String(x.b) : x.allowed === QUESTION_BYTES ? 'hq' : `h${x.allowed?.join(',') ?? '*'}`);
  const key = `${doc.traditional ? 't' : 's'}${keyOf(lead)}|${keyOf(trail)}`;
  const cached = PAIR_CACHE.get(key);
  if (cached) return cached;
  const leads = lead.kind === 'byte' ? [lead.b] : (lead.allowed ?? ALL_LEADS);
  const trails = trail.kind === 'byte' ? [trail.b] : (trail.allowed ?? ALL_LEADS);
  const options: Option[] = [];
  for (const l of leads) {
    for (const t of trails) {
      const ch = decodePair(l, t);
      if (ch) options.push({ ch, bytes: [l, t], cost: charCost(ch, doc) });
    }
  }
  if (PAIR_CACHE.size > 50_000) PAIR_CACHE.clear(); // bounded: archives are large
  PAIR_CACHE.set(key, options);
  return options;
}

/**
 * Re-pairs a byte string with holes. A byte < 0x80 is ASCII, anything else starts a pair, so the
 * pairing is forced from the left; only the values of holes inside a pair are searched. A gloss
 * right after a pair is checked against every candidate of the pair.
 */
export function repairBytes(items: Item[], doc: DocContext): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < items.length) {
    const it = items[i]!;
    if (it.kind === 'gloss') {
      // Not right after a pair (that case is handled below): an orphan.
      if (it.required) return null;
      tokens.push({ kind: 'gloss', py: it.py, fits: false });
      i++;
      continue;
    }
    if (it.kind === 'scarText') {
      tokens.push({ kind: 'scarText', text: it.text });
      i++;
      continue;
    }
    if (it.kind === 'byte' && it.b < 0x80) {
      tokens.push({ kind: 'ascii', ch: String.fromCharCode(it.b) });
      i++;
      continue;
    }
    const next = items[i + 1];
    if (!next || (next.kind !== 'byte' && next.kind !== 'hole')) return null;
    // A pair of two unconstrained unknown bytes would be a character the text says nothing about.
    const free = (x: Item) => x.kind === 'hole' && (!x.allowed || x.allowed === QUESTION_BYTES);
    if (free(it) && free(next)) return null;
    const options = pairOptions(it, next, doc);
    if (options.length === 0) return null;
    const holes = (it.kind === 'hole' ? 1 : 0) + (next.kind === 'hole' ? 1 : 0);
    const straddles = [it, next].flatMap((x) => (x.kind === 'hole' && x.straddle ? [x.straddle] : []));
    const straddleAt = it.kind === 'hole' && it.straddle ? 0 : 1;
    const unfolded = (it.kind === 'byte' && it.unfolded) || (next.kind === 'byte' && next.unfolded);
    const tok: Token & { kind: 'char' } = { kind: 'char', options, minCost: minCostOf(options), holes, unfolded, straddles, straddleAt };
    tokens.push(tok);
    i += 2;
    const gloss = items[i];
    if (gloss?.kind === 'gloss') {
      const fitting = options.filter((o) => isReadingOf(o.ch, gloss.py));
      if (gloss.required && fitting.length === 0) return null;
      if (fitting.length > 0) {
        tok.options = fitting;
        tok.minCost = minCostOf(fitting);
      }
      tokens.push({ kind: 'gloss', py: gloss.py, fits: fitting.length > 0 });
      i++;
    }
  }
  return tokens;
}

function tokenText(t: Token, pick?: string): string {
  switch (t.kind) {
    case 'char': {
      const ch = pick ?? (t.holes > 0 ? PLACEHOLDER : t.options[0]!.ch);
      return t.unfolded ? foldFullwidth(ch) : ch;
    }
    case 'ascii':
      return t.ch;
    case 'gloss':
      return `(${t.py})`;
    case 'scarText':
      return t.text;
  }
}

/** Total cost of a parse: character rarity, oddities the literal text shows, and the holes. */
function scoreTokens(tokens: Token[], h: Hypothesis): number {
  let cost = 0;
  const isCjk = (t: Token | undefined) => !!t && t.kind !== 'ascii';
  let out = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'char') {
      cost += t.minCost + t.holes * COST.hole;
      out += tokenText(t);
    } else if (t.kind === 'gloss') {
      if (!t.fits) cost += COST.misfitGloss;
      out += `(${t.py})`;
    } else if (t.kind === 'scarText') {
      cost += COST.misfitGloss;
      out += t.text;
    } else {
      const prev = tokens[k - 1];
      const next = tokens[k + 1];
      const touches = isCjk(prev) || isCjk(next);
      if (t.ch === '?' && touches) cost += COST.strayQuestion;
      else if (SANDWICH_SYMBOLS.has(t.ch) && touches) cost += COST.sandwichedSymbol;
      else if (/[A-Za-z0-9]/.test(t.ch) && isCjk(prev) && isCjk(next)) cost += COST.isolatedLatin;
      out += t.ch;
    }
  }
  cost += (out.match(TAG_RESIDUE)?.length ?? 0) * COST.tagResidue;
  for (const c of h.choices) {
    if (c === 'spurious') cost += COST.spurious;
    else if (c === 'unfold') cost += COST.unfold;
  }
  cost += h.lost.length * COST.lostByte;
  return cost;
}

// ---------------------------------------------------------------------------------------------
// 3. Filling holes: hard constraints first, then typography and the corpus prior.

interface HoleResult {
  char: string;
  confidence: Confidence;
  evidence: string;
  candidates?: Candidate[];
}

function ngramCount(doc: DocContext, gram: string): number {
  if (!doc.prior) return 0;
  doc.selfCounts ??= countNgrams(doc.text);
  // The prior was built over the corpus, this document included: its own counts would be
  // self-evidence (the garbled text "votes" for itself), so they are subtracted.
  return Math.max(0, doc.prior.count(gram) - (doc.selfCounts.get(toSimplified(gram)) ?? 0));
}

/** Same counting as buildNgramPrior, over one document. */
function countNgrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const chars = [...toSimplified(text)];
  for (let i = 0; i < chars.length; i++) {
    if (!isHan(chars[i]!) && !/[“”"「」]/.test(chars[i]!)) continue;
    let gram = '';
    for (let n = 0; n < 3 && i + n < chars.length; n++) {
      gram += chars[i + n]!;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

const STRIP_GLOSSES = /\([^\s()]{1,7}\)/g;
const CONTEXT_SLICE = 48;

/** Corpus support for `ch` between `left` and `right` (glosses removed): trigrams weigh 3. */
function priorScore(doc: DocContext, left: string, ch: string, right: string): { score: number; trigrams: number } {
  if (!doc.prior) return { score: 0, trigrams: 0 };
  // Only the two characters on each side count: a short slice is enough (glosses are ≤ 9
  // characters), and keeps this linear in the window rather than in the document.
  const l = [...left.slice(-CONTEXT_SLICE).replace(STRIP_GLOSSES, '')].slice(-2);
  const r = [...right.slice(0, CONTEXT_SLICE).replace(STRIP_GLOSSES, '')].slice(0, 2);
  const grams3 = [l.join('') + ch, (l[1] ?? '') + ch + (r[0] ?? ''), ch + r.join('')].filter((g) => [...g].length === 3);
  const grams2 = [(l[1] ?? '') + ch, ch + (r[0] ?? '')].filter((g) => [...g].length === 2);
  let trigrams = 0;
  let score = 0;
  for (const g of grams3) {
    const c = ngramCount(doc, g);
    if (c > 0) trigrams++;
    score += 3 * Math.min(c, 5);
  }
  for (const g of grams2) score += Math.min(ngramCount(doc, g), 5);
  return { score, trigrams };
}

const SENTENCE_FINAL = new Set([...'。！？!?']);

/**
 * Typographic priors: a `”` that closes an open `“` where the paragraph ends, and sentence-final
 * punctuation before the `”` that closes a quoted sentence (not a short quoted term).
 */
function typographicBonus(ch: string, left: string, right: string): { bonus: number; why: string } {
  const paraLeft = left.slice(left.lastIndexOf('\n') + 1);
  const paraRight = right.split(/[\n]/, 1)[0]!.replace(/<[^<>]*>/g, '').replace(TAG_RESIDUE, '');
  if (ch === '”') {
    const open = (paraLeft.match(/“/g)?.length ?? 0) - (paraLeft.match(/”/g)?.length ?? 0);
    if (open > 0 && !/\p{Script=Han}/u.test(paraRight)) return { bonus: 8, why: 'closes the open “ at the paragraph end' };
  }
  if (SENTENCE_FINAL.has(ch) && right.startsWith('”')) {
    const openAt = paraLeft.lastIndexOf('“');
    const closeAt = paraLeft.lastIndexOf('”');
    if (openAt > closeAt && paraLeft.length - openAt > 10) return { bonus: 4, why: 'ends the quoted sentence before its ”' };
  }
  return { bonus: 0, why: '' };
}

function candidateList(scored: { o: Option; score: number }[]): Candidate[] {
  return scored.slice(0, 8).map(({ o, score }) => ({ char: o.ch, bytes: hex(o.bytes).toLowerCase(), score: Math.round(score * 10) / 10 }));
}

/** Fills one hole pair; `left`/`right` are the surrounding text with other holes as they stand. */
function fillHole(tok: Token & { kind: 'char' }, left: string, right: string, doc: DocContext): HoleResult {
  const opts = [...tok.options].sort((a, b) => a.cost - b.cost);
  const best = opts[0]!;
  const byteInfo = `${hex(best.bytes)}`;
  if (opts.length === 1) {
    return { char: best.ch, confidence: 'high', evidence: `${byteInfo} = ${best.ch} is the only pair the constraints allow` };
  }
  if (opts.length <= 6 && opts[1]!.cost - best.cost >= 4) {
    return {
      char: best.ch,
      confidence: 'high',
      evidence: `${byteInfo} = ${best.ch}; the other ${opts.length - 1} pair(s) the constraints allow are rare characters`,
    };
  }
  // Content the bytes cannot tell: rank the plausible (not rare) candidates by context.
  const plausible = opts.filter((o) => o.cost <= best.cost + 2.5);
  const scored = plausible
    .map((o) => {
      const shown = tok.unfolded ? foldFullwidth(o.ch) : o.ch;
      const p = priorScore(doc, left, shown, right);
      const t = typographicBonus(shown, left, right);
      return { o, score: p.score + t.bonus, prior: p, typo: t };
    })
    .sort((a, b) => b.score - a.score || a.o.cost - b.o.cost);
  const top = scored[0]!;
  const second = scored[1]?.score ?? 0;
  const candidates = candidateList(scored);
  if (top.score > 0 && top.score >= 2 * second) {
    const why: string[] = [];
    if (top.typo.bonus > 0) why.push(top.typo.why);
    if (top.prior.score > 0) why.push(`corpus n-grams support it (${top.prior.trigrams} trigram(s))`);
    const confidence: Confidence = top.typo.bonus > 0 || top.prior.trigrams >= 2 ? 'medium' : 'low';
    return { char: top.o.ch, confidence, evidence: `${hex(top.o.bytes)} = ${top.o.ch} chosen of ${opts.length}: ${why.join('; ')}`, candidates };
  }
  // Nothing picks a candidate. U+FFFD is the character a decoder shows for an unknown byte: it
  // is visible to a reader, it cannot be encoded in GBK (so this rule never re-reads it, which
  // keeps the rule idempotent), and the candidates stay in the record for a later re-ranking.
  return { char: PLACEHOLDER, confidence: 'low', evidence: `lost byte: ${opts.length} candidates, none preferred by context; placeholder U+FFFD`, candidates };
}

// ---------------------------------------------------------------------------------------------
// The rule.

interface Solved {
  tokens: Token[];
  hypothesis: Hypothesis;
  cost: number;
  baseline: number;
}

/**
 * Unknown bytes right before A3 A1 (the GBK code of ！). The lost bytes of this damage family
 * sit at an A3|A1 straddle (a byte-level ！→! replacement orphans the preceding lead byte), so
 * a hole there is the known mechanism rather than an arbitrary guess.
 */
function holesAtKnownTrigger(items: Item[]): number {
  let n = 0;
  for (let k = 0; k + 2 < items.length; k++) {
    const [a, b, c] = [items[k]!, items[k + 1]!, items[k + 2]!];
    if (a.kind === 'hole' && !a.straddle && b.kind === 'byte' && b.b === 0xa3 && c.kind === 'byte' && c.b === 0xa1) n++;
  }
  return n;
}

function solveWindow(units: Unit[], doc: DocContext): Solved | null {
  const st: { baseline: number | null; literal: string; best: Solved | null } = { baseline: null, literal: '', best: null };
  const search = (fixedLost: number): boolean => {
    let first = fixedLost < 0;
    for (const h of enumerateHypotheses(units, doc, fixedLost)) {
      // A window of dense damage can hold very many hypotheses: past the time budget the best so
      // far stands (the caller reports the budget).
      if (doc.deadline !== undefined && performance.now() > doc.deadline) break;
      const items = buildItems(units, h);
      const tokens = items ? repairBytes(items, doc) : null;
      if (first) {
        // The first hypothesis is the literal reading: every choice 'literal', no lost byte.
        first = false;
        if (!items || !tokens) return false;
        st.baseline = scoreTokens(tokens, h);
        st.literal = tokens.map((t) => tokenText(t)).join('');
        continue;
      }
      if (!items || !tokens || st.baseline === null) continue;
      const cost = scoreTokens(tokens, h) - holesAtKnownTrigger(items) * COST.knownTrigger;
      if (st.best && cost >= st.best.cost) continue;
      if (tokens.map((t) => tokenText(t)).join('') === st.literal) continue; // the same text read another way: not a repair
      st.best = { tokens, hypothesis: h, cost, baseline: st.baseline };
    }
    return true;
  };
  if (!search(-1)) return null;
  // A window can hold two runs, each behind its own lost byte (two A3|A1 straddles close
  // together): try a second lost byte on top of the best single one.
  const single = st.best;
  if (single && single.hypothesis.lost.length === 1) search(single.hypothesis.lost[0]!);
  return st.best;
}

function describeHypothesis(units: Unit[], s: Solved): string[] {
  const notes: string[] = [];
  const h = s.hypothesis;
  for (const at of h.lost) {
    const u = units[at]!;
    notes.push(`lead byte lost before "${u.kind === 'char' || u.kind === 'ascii' ? u.ch : '?'}"`);
  }
  units.forEach((u, k) => {
    const c = h.choices[k]!;
    if (c === 'literal') return;
    if (u.kind === 'scar') notes.push(c === 'spurious' ? `gloss (${u.py}) is spurious: it was inserted inside a straddle` : `scar ?${u.py}) is a genuine gloss whose "(" was eaten`);
    else if (u.kind === 'ascii') notes.push(`${u.ch} unfolded to ${unfoldAscii(u.ch)} (${hex(encodeChar(unfoldAscii(u.ch)!)!)}) before re-encoding`);
    else if (c === 'eatenLt') notes.push('"?" = a dangling byte + the "<" of the tag');
    else if (c === 'replaced') notes.push('"?" = a byte replaced by "?"');
    else if (c === 'unfold') notes.push('"?" unfolded to ？');
  });
  return notes;
}

function minConfidence(cs: Confidence[]): Confidence {
  if (cs.includes('low')) return 'low';
  if (cs.includes('medium')) return 'medium';
  return 'high';
}

/** Renders the chosen hypothesis, fills its holes, and turns it into one edit. */
function buildEdit(text: string, w: Window, units: Unit[], s: Solved, doc: DocContext): Edit | null {
  const picks = new Map<number, HoleResult>();
  const render = () => s.tokens.map((t, k) => tokenText(t, picks.get(k)?.char)).join('');
  // Two passes: a hole's typographic context may be another hole (。 before ” in one run).
  for (let pass = 0; pass < 2; pass++) {
    s.tokens.forEach((t, k) => {
      if (t.kind !== 'char' || t.holes === 0) return;
      const before = s.tokens.slice(0, k).map((x, j) => tokenText(x, picks.get(j)?.char)).join('');
      const after = s.tokens.slice(k + 1).map((x, j) => tokenText(x, picks.get(k + 1 + j)?.char)).join('');
      picks.set(k, fillHole(t, text.slice(0, w.start) + before, after + text.slice(w.end), doc));
    });
  }
  const output = render();
  const source = text.slice(w.start, w.end);
  if (output === source) return null;

  const evidence: string[] = [...new Set(w.signals.map((x) => x.note))];
  evidence.push(...describeHypothesis(units, s));
  s.tokens.forEach((t, k) => {
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
      const host = s.tokens[k - 1];
      const hostChar = host?.kind === 'char' ? tokenText(host, picks.get(k - 1)?.char) : '';
      if (w.signals.some((x) => x.note.includes(`(${t.py})`))) evidence.push(`orphan gloss (${t.py}) fits ${hostChar} after realignment`);
    }
  });
  evidence.push(`cost ${s.baseline.toFixed(1)} → ${s.cost.toFixed(1)} (gain ${(s.baseline - s.cost).toFixed(1)} ≥ ${MIN_GAIN})`);
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
    confidence: minConfidence(holes.map((hr) => hr.confidence)),
    evidence,
  };
  if (candidates.length > 0) edit.candidates = candidates;
  return edit;
}

/** The repair rule: realigns GBK byte-shift runs; see the module comment. */
export function realignGbkShift(text: string, options: RepairOptions = {}): RuleOutput {
  const doc: DocContext = { text, traditional: isTraditionalDocument(text), prior: options.prior, selfCounts: undefined, deadline: options.deadline };
  const edits: Edit[] = [];
  const diagnostics: Diagnostic[] = [];
  const runs = findSuspectRuns(text, doc);
  for (let k = 0; k < runs.length; k++) {
    const w = runs[k]!;
    const units = tokenize(text, w.start, w.end);
    const unencodable = units.some((u) => (u.kind === 'char' || u.kind === 'ascii') && !encodeChar(u.ch));
    const solved = unencodable ? null : solveWindow(units, doc);
    const edit = solved && solved.baseline - solved.cost >= MIN_GAIN ? buildEdit(text, w, units, solved, doc) : null;
    if (edit) edits.push(edit);
    if (options.deadline !== undefined && performance.now() > options.deadline) {
      // Published with what was repaired: this run's reading may be partial, later ones untouched.
      diagnostics.push({
        rule: RULE,
        severity: 'warning',
        message: `repair time budget spent in the suspected GBK byte-shift run at offset ${w.start}${k + 1 < runs.length ? `; ${runs.length - k - 1} later run(s) were left as they are` : ''}`,
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
