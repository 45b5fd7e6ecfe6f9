import { describe, expect, it } from 'vitest';
import { LazyPrior, PriorDelta, type PriorAnswers } from '../../src/build/prior-sample.ts';
import { countNgrams, countPriorGrams } from '../../src/ingest/prior.ts';

/**
 * `PriorDelta` tells whether answers recorded under an earlier prior hold under the current one,
 * from the texts that left and joined the sample alone: it must say what building the current
 * prior and asking it (`LazyPrior.agrees`) says, question by question.
 */
const BEFORE = ['萍乡经开区召开项目推进会。', '座谈会指出，要发挥“经开区”的带动作用。', '劉爍出席會議並講話。', '并且要加快发展。'];
const cases: Array<[string, string[]]> = [
  // [what changed, the sample now]
  ['one text edited', [BEFORE[0]!, '座谈会指出，要发挥经开区的带动作用，并且。', BEFORE[2]!, BEFORE[3]!]],
  ['one text removed', [BEFORE[0]!, BEFORE[1]!, BEFORE[3]!]],
  ['one text added', [...BEFORE, '刘烁强调，并且要加快。']],
  ['the same text in the other script', [BEFORE[0]!, BEFORE[1]!, '刘烁出席会议并讲话。', BEFORE[3]!]],
  ['nothing', BEFORE],
];

/** Every n-gram either sample holds, a few it does not, in both scripts, and the total. */
function questions(now: string[]): string[] {
  const grams = new Map<string, number>();
  for (const t of [...BEFORE, ...now]) countPriorGrams(t, grams);
  return [...grams.keys(), '劉爍', '並且', '没有', '\u0000total'];
}

describe('PriorDelta', () => {
  it.each(cases)('%s: each answer holds exactly when the new prior gives it', (_what, now) => {
    const before = new LazyPrior(BEFORE);
    const after = new LazyPrior(now);
    const removed = BEFORE.filter((t) => !now.includes(t));
    const added = now.filter((t) => !BEFORE.includes(t));
    const total = now.reduce((n, t) => n + countPriorGrams(t, null), 0);
    const delta = new PriorDelta(removed, added, total);
    for (const q of questions(now)) {
      const answer: PriorAnswers = [[q, q === '\u0000total' ? before.total : before.count(q)]];
      expect([q, delta.agrees(answer)]).toEqual([q, after.agrees(answer)]);
    }
  });

  it.each(cases)('%s: the earlier table with the change applied is the new one', (_what, now) => {
    const removed = BEFORE.filter((t) => !now.includes(t));
    const added = now.filter((t) => !BEFORE.includes(t));
    const total = now.reduce((n, t) => n + countPriorGrams(t, null), 0);
    const got = new PriorDelta(removed, added, total).applyTo(countNgrams(BEFORE));
    const expected = countNgrams(now);
    expect(got.total).toBe(expected.total);
    expect(new Map([...got.counts].sort())).toEqual(new Map([...expected.counts].sort()));
  });
});

describe('LazyPrior with a store', () => {
  it('answers from the table the store has, without reading its sample, and keeps a table it counted', () => {
    const kept: Array<ReturnType<typeof countNgrams>> = [];
    const table = countNgrams(['刘烁出席会议。']);
    let read = 0;
    const fromStore = new LazyPrior(() => (read++, BEFORE), 4_000_000, { load: () => table, save: (t) => kept.push(t) });
    expect(fromStore.count('刘烁')).toBe(1);
    expect(fromStore.count('经开区')).toBe(0);
    expect(read).toBe(0);
    // What the store gave is kept again only when asked (for workers about to take it from there).
    expect(kept).toEqual([]);
    fromStore.keepBuilt();
    fromStore.keepBuilt();
    expect(kept).toEqual([table]);
    const counted = new LazyPrior(BEFORE, 4_000_000, { load: () => null, save: (t) => kept.push(t) });
    expect(counted.count('经开区')).toBe(2);
    expect(kept.at(-1)).toEqual(countNgrams(BEFORE));
  });
});
