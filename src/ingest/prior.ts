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

/** Caps the text sampled so memory stays flat on very large archives. */
export function buildNgramPrior(texts: Iterable<string>, maxChars = 4_000_000): NgramPrior {
  const counts = new Map<string, number>();
  let total = 0;
  for (const raw of texts) {
    if (total >= maxChars) break;
    const chars = [...toSimplified(raw)];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (!HAN.test(c) && !/[“”"「」]/.test(c)) continue;
      total++;
      let gram = '';
      for (let n = 0; n < 3 && i + n < chars.length; n++) {
        gram += chars[i + n]!;
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
  }
  return { count: (g) => counts.get(toSimplified(g)) ?? 0, total };
}

export const EMPTY_PRIOR: NgramPrior = { count: () => 0, total: 0 };
