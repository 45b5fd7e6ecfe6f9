import { createHash } from 'node:crypto';
import { countNgrams, countPriorGrams, priorOf, type GramCounts, type NgramPrior, type PriorTable } from '../ingest/prior.ts';
import { toSimplified } from '../text/script.ts';

/** The default cap of `buildNgramPrior`, which `ingestCorpus` uses. */
export const PRIOR_MAX_CHARS = 4_000_000;

/** What a text adds to the prior's cap: its prior characters (see `countPriorGrams`). */
export function priorChars(source: string): number {
  return countPriorGrams(source, null);
}

/**
 * How many leading texts the prior's sample takes, given each text's `priorChars` (read in order
 * and only as far as needed): the texts `buildNgramPrior` can consume before its cap, plus one
 * more for safety.
 */
export function sampleLength(count: number, charsAt: (i: number) => number, maxChars = PRIOR_MAX_CHARS): number {
  return Math.min(count, consumedLength(count, charsAt, maxChars) + 1);
}

/** How many leading texts `buildNgramPrior` counts before its cap (the same rule). */
export function consumedLength(count: number, charsAt: (i: number) => number, maxChars = PRIOR_MAX_CHARS): number {
  let total = 0;
  let end = 0;
  while (end < count && total < maxChars) total += charsAt(end++);
  return end;
}

/**
 * The leading texts `buildNgramPrior` can consume before its cap, plus one more for safety.
 * Workers rebuild the prior from this sample instead of receiving a large Map: the prior applies
 * its own cap, so a sample that is a superset prefix gives exactly the same counts, and its size
 * is bounded by the cap, not by N (memory per worker stays flat).
 */
export function priorSample(sources: readonly string[], maxChars = PRIOR_MAX_CHARS): string[] {
  return sources.slice(
    0,
    sampleLength(sources.length, (i) => priorChars(sources[i]!), maxChars),
  );
}

/**
 * What determines the prior: recorded with cached articles whose repairs consulted it. Made from
 * the cache keys of the sample's texts, not the texts: a key fixes the raw bytes, the name and
 * the pipeline version, hence the decoded text, so equal keys mean an equal prior, and a build
 * whose records all come from the cache never unpacks a text to know it.
 */
export function priorDigest(sampleKeys: readonly string[]): string {
  const h = createHash('sha256');
  for (const k of sampleKeys) h.update(k).update('\u0000');
  return h.digest('hex');
}

/** The questions a repair asked the prior, with the answers: `[ngram, count]`. */
export type PriorAnswers = Array<[string, number]>;
/** Key of `total` among the answers (not an n-gram: n-grams are 1–3 characters). */
const TOTAL = '\u0000total';

/**
 * Where a build keeps priors (the cache: `ArticleCache.getPrior`): `load` gives this build's prior
 * if it can be had without counting the sample (kept, or an earlier one with the change applied),
 * `save` keeps one just counted.
 */
export interface PriorStore {
  load(): PriorTable | null;
  save(table: PriorTable): void;
}

/**
 * A prior built on first use. Most articles never consult it (only a lost-character repair
 * with several candidates does), so building it lazily saves ~1.4 s per process at 4,000
 * articles, and `consulted` tells the cache which results depend on the rest of the corpus.
 */
export class LazyPrior implements NgramPrior {
  #sample: readonly string[] | (() => readonly string[]);
  #built: NgramPrior | undefined;
  #maxChars: number;
  #store: PriorStore | undefined;
  #consulted = false;
  /** Every question asked since the last reset, with its answer (`total` under TOTAL). */
  #answers = new Map<string, number>();

  /**
   * `sample` may be a function: it is then called only if the prior is consulted. With a
   * `store`, the prior is taken from it when it has it, and given to it once built.
   */
  constructor(sample: readonly string[] | (() => readonly string[]), maxChars = PRIOR_MAX_CHARS, store?: PriorStore) {
    this.#sample = sample;
    this.#maxChars = maxChars;
    this.#store = store;
  }

  #get(): NgramPrior {
    this.#consulted = true;
    try {
      if (this.#built) return this.#built;
      const kept = this.#store?.load() ?? null;
      const table = kept ?? countNgrams(typeof this.#sample === 'function' ? this.#sample() : this.#sample, this.#maxChars);
      // A counted prior is kept (once per digest: a no-op when it is there). One the store made
      // from a kept one is kept only if `keepBuilt` asks: the next build makes it the same way,
      // and packing a real prior's millions of n-grams costs a rebuild most of a second.
      if (kept) this.#unkept = kept;
      else this.#store?.save(table);
      return (this.#built = priorOf(table));
    } catch (err) {
      // The sequential pipeline has its own recovery for a text that breaks the prior; the
      // caller falls back to it rather than imitating it.
      throw new PriorFailed((err as Error).message);
    }
  }

  count(ngram: string): number {
    const n = this.#get().count(ngram);
    this.#answers.set(ngram, n);
    return n;
  }

  get total(): number {
    const n = this.#get().total;
    this.#answers.set(TOTAL, n);
    return n;
  }

  /**
   * What the prior answered since the last reset. A repair is a function of its text and of
   * these answers, so when another corpus's prior gives the same answers to the same questions,
   * the repair would come out the same: the cache keeps the record instead of redoing it.
   */
  answers(): PriorAnswers {
    return [...this.#answers];
  }

  /** True when this prior gives every answer in `answers` (always asked in full: it is exact). */
  agrees(answers: PriorAnswers): boolean {
    return answers.every(([q, n]) => (q === TOTAL ? this.total : this.count(q)) === n);
  }

  #unkept: PriorTable | null = null;

  /**
   * Keeps the prior this one was given by its store, if it has been built that way: for worker
   * threads about to process articles with the same prior, which take it from the store.
   */
  keepBuilt(): void {
    if (!this.#unkept) return;
    this.#store?.save(this.#unkept);
    this.#unkept = null;
  }

  /** True once the prior has been built (it is built on first use). */
  get built(): boolean {
    return this.#built !== undefined;
  }

  /** True when `count` or `total` was read since the last `resetConsulted`. */
  get consulted(): boolean {
    return this.#consulted;
  }

  resetConsulted(): void {
    this.#consulted = false;
    this.#answers.clear();
  }
}

/**
 * Answers recorded under an earlier prior, checked against the current one without building it.
 * The two priors count the same texts except `removed` (counted then, not now) and `added`: a
 * count is unchanged exactly when those texts' counts of its n-gram cancel, and the new total is
 * known from the texts' `priorChars`. Only the few changed texts are counted (building the prior
 * counts millions of characters).
 */
export class PriorDelta {
  #removed = new Map<string, number>();
  #added = new Map<string, number>();
  #total: number;

  constructor(removed: readonly string[], added: readonly string[], total: number) {
    for (const t of removed) countPriorGrams(t, this.#removed);
    for (const t of added) countPriorGrams(t, this.#added);
    this.#total = total;
  }

  /**
   * The current prior's table from the earlier one's: its counts minus the removed texts', plus
   * the added texts', answered over the earlier table as it is (a copy of a real prior's millions
   * of counts took a rebuild some tenths of a second).
   */
  applyTo(earlier: PriorTable): PriorTable {
    return { counts: new ChangedCounts(earlier.counts, this.#removed, this.#added), total: this.#total };
  }

  /** True when the current prior gives every answer in `answers`, as `LazyPrior.agrees` would tell. */
  agrees(answers: PriorAnswers): boolean {
    return answers.every(([q, n]) => {
      if (q === TOTAL) return this.#total === n;
      const g = this.#simplified(q); // the prior counts and looks up in Simplified
      return (this.#removed.get(g) ?? 0) === (this.#added.get(g) ?? 0);
    });
  }

  /**
   * A question's n-gram in Simplified, converted once: a rebuild checks some hundreds of records
   * whose questions are mostly the same common characters and pairs (a conversion each was 0.1 s).
   */
  #conversions = new Map<string, string>();
  #simplified(q: string): string {
    let g = this.#conversions.get(q);
    if (g === undefined) this.#conversions.set(q, (g = toSimplified(q)));
    return g;
  }
}

export class PriorFailed extends Error {
  override name = 'PriorFailed';
}

/** Counts with a change of sample applied: a count that falls to 0 or below is gone. */
class ChangedCounts implements GramCounts {
  readonly #base: GramCounts;
  readonly #removed: ReadonlyMap<string, number>;
  readonly #added: ReadonlyMap<string, number>;
  constructor(base: GramCounts, removed: ReadonlyMap<string, number>, added: ReadonlyMap<string, number>) {
    this.#base = base;
    this.#removed = removed;
    this.#added = added;
  }
  get(gram: string): number | undefined {
    let n = this.#base.get(gram);
    const removed = this.#removed.get(gram);
    if (removed !== undefined) {
      const left = (n ?? 0) - removed;
      n = left > 0 ? left : undefined;
    }
    const added = this.#added.get(gram);
    return added === undefined ? n : (n ?? 0) + added;
  }
  *[Symbol.iterator](): Iterator<[string, number]> {
    for (const [gram] of this.#base) {
      const n = this.get(gram);
      if (n !== undefined) yield [gram, n];
    }
    for (const gram of this.#added.keys()) if (this.#base.get(gram) === undefined) yield [gram, this.get(gram)!];
  }
}
