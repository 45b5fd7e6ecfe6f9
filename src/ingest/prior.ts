import { toSimplified } from '../text/script.ts';

/**
 * Character n-gram counts (n = 1..3, Simplified) from the corpus being built: the "evidence
 * from the corpus" a repair may use to choose between candidates it cannot decide from the
 * bytes. Built at the edge (the pipeline), passed to stages as data.
 */
export interface NgramPrior {
  count(ngram: string): number;
  /** Number of characters counted. */
  total: number;
}

const HAN = /\p{Script=Han}/u;
const QUOTE = /[“”"「」]/;

/** The prior's counting rule: n-grams start at Han characters and quotes (a text's "prior characters"). */
export function isPriorChar(c: string): boolean {
  return HAN.test(c) || QUOTE.test(c);
}

/**
 * Whether each BMP code point is a prior character (see `isPriorChar`): 0 not yet known, 1 no,
 * 2 yes. The prior is built over millions of characters; a table read costs far less than a
 * Unicode property test per character.
 */
const PRIOR_BMP = new Uint8Array(0x10000);

function isPriorCodePoint(cp: number): boolean {
  if (cp > 0xffff) return isPriorChar(String.fromCodePoint(cp));
  let v = PRIOR_BMP[cp]!;
  if (v === 0) PRIOR_BMP[cp] = v = isPriorChar(String.fromCharCode(cp)) ? 2 : 1;
  return v === 2;
}

/**
 * Adds the 1-, 2- and 3-grams of `text` (in Simplified) that start at a prior character to
 * `counts`; returns how many prior characters the text has. The one counting rule of the prior,
 * of a document's own counts (which a repair takes out of it) and of the prior's sample size.
 * Grams are whole code points, read off the text by index (no array of characters is made).
 */
export function countPriorGrams(text: string, counts: Map<string, number> | null): number {
  if (!counts) return countPriorChars(text);
  const s = toSimplified(text);
  const width = (i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);
  let n = 0;
  for (let i = 0; i < s.length; i += width(i)) {
    if (!isPriorCodePoint(s.codePointAt(i)!)) continue;
    n++;
    if (!counts) continue;
    for (let k = 0, j = i; k < 3 && j < s.length; k++) {
      j += width(j);
      const gram = s.slice(i, j);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return n;
}

/**
 * How many prior characters `text` has in Simplified, counted on the text as it is: the t→cn
 * converter maps every prior character to exactly one prior character and every other to
 * others (each of its dictionary entries keeps length and kind, checked over the installed
 * dictionaries in tests/unit/prior.test.ts), so converting first, a millisecond per article,
 * would change nothing. This is the sample size a build reads for every text it decodes.
 */
function countPriorChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (isPriorCodePoint(cp)) n++;
    i += cp > 0xffff ? 2 : 1;
  }
  return n;
}

/** A prior's counts as data (Simplified n-gram → count), and its total: what a build can keep. */
export interface PriorTable {
  counts: Map<string, number>;
  total: number;
}

/** The counts of the leading texts, up to the cap: memory stays flat on very large archives. */
export function countNgrams(texts: Iterable<string>, maxChars = 4_000_000): PriorTable {
  const counts = new Map<string, number>();
  let total = 0;
  for (const raw of texts) {
    if (total >= maxChars) break;
    total += countPriorGrams(raw, counts);
  }
  return { counts, total };
}

/** The prior that answers from a table. */
export function priorOf({ counts, total }: PriorTable): NgramPrior {
  return { count: (g) => counts.get(toSimplified(g)) ?? 0, total };
}

/** Caps the text sampled so memory stays flat on very large archives. */
export function buildNgramPrior(texts: Iterable<string>, maxChars = 4_000_000): NgramPrior {
  return priorOf(countNgrams(texts, maxChars));
}

export const EMPTY_PRIOR: NgramPrior = { count: () => 0, total: 0 };
