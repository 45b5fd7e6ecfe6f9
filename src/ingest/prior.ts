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
 * Adds the 1-, 2- and 3-grams of `text` (in Simplified) that start at a prior character to
 * `counts`; returns how many prior characters the text has. The one counting rule of the prior,
 * of a document's own counts (which a repair takes out of it) and of the prior's sample size.
 */
export function countPriorGrams(text: string, counts: Map<string, number> | null): number {
  const chars = [...toSimplified(text)];
  let n = 0;
  for (let i = 0; i < chars.length; i++) {
    if (!isPriorChar(chars[i]!)) continue;
    n++;
    if (!counts) continue;
    let gram = '';
    for (let k = 0; k < 3 && i + k < chars.length; k++) {
      gram += chars[i + k]!;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return n;
}

/** Caps the text sampled so memory stays flat on very large archives. */
export function buildNgramPrior(texts: Iterable<string>, maxChars = 4_000_000): NgramPrior {
  const counts = new Map<string, number>();
  let total = 0;
  for (const raw of texts) {
    if (total >= maxChars) break;
    total += countPriorGrams(raw, counts);
  }
  return { count: (g) => counts.get(toSimplified(g)) ?? 0, total };
}

export const EMPTY_PRIOR: NgramPrior = { count: () => 0, total: 0 };
