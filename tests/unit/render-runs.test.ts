import { describe, expect, it } from 'vitest';
import { renderRuns } from '../../src/site/render.ts';

const lists = (a: number, p: number, o = 0, r = 0, d = 0) => ({
  articlePages: Array.from({ length: a }, (_, i) => `a${i}`),
  personPages: Array.from({ length: p }, (_, i) => `p${i}`),
  outletPages: Array.from({ length: o }, (_, i) => `o${i}`),
  regionPages: Array.from({ length: r }, (_, i) => `r${i}`),
  datePages: Array.from({ length: d }, (_, i) => `d${i}`),
});

describe('renderRuns', () => {
  const cases: Array<[string, ReturnType<typeof lists>, number, number[]]> = [
    // [rule, item lists, pages per run, pages in each run]
    ['nothing to render is still one run (the index pages)', lists(0, 0), 4, [0]],
    ['fewer pages than the size: one run', lists(2, 1), 4, [3]],
    ['exactly the size: one run', lists(3, 1), 4, [4]],
    ['runs fill up across kinds, in order', lists(5, 4, 1, 1, 1), 4, [4, 4, 4]],
    ['a run of one page each', lists(2, 1), 1, [1, 1, 1]],
  ];
  it.each(cases)('%s', (_rule, input, size, expected) => {
    const runs = renderRuns(input, size);
    expect(runs.map((r) => Object.values(r).reduce((n, l) => n + l.length, 0))).toEqual(expected);
    // Every page exactly once, in order, each in its own kind.
    for (const kind of Object.keys(input) as Array<keyof typeof input>) expect(runs.flatMap((r) => r[kind])).toEqual(input[kind]);
  });
});
