import { describe, expect, it } from 'vitest';
import { PriorDelta } from '../../src/build/prior-sample.ts';
import { countNgrams, packPrior, priorOf, unpackPrior, type PriorTable } from '../../src/ingest/prior.ts';
import { SEED_IDS, seedText } from './seed-texts.ts';

/**
 * A prior kept by a build (src/io/cache.ts) is packed (`packPrior`) and answered from the bytes
 * as they are (`unpackPrior`): it must answer every question as the counted table does.
 */
const SEEDS = SEED_IDS.map(seedText);
const counted = countNgrams(SEEDS);
const sorted = (t: PriorTable) => [...t.counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const questions = [...[...counted.counts].map(([g]) => g), '没有的', '𠮶', '𠮶𪚥乾', '劉爍', 'x', '“经', '経開區'];

describe('packPrior / unpackPrior', () => {
  const back = unpackPrior(packPrior(counted))!;

  it('reads back every count, and nothing else', () => {
    expect(back).not.toBeNull();
    expect(back.total).toBe(counted.total);
    expect(sorted(back)).toEqual(sorted(counted));
    for (const q of questions) expect([q, back.counts.get(q)]).toEqual([q, counted.counts.get(q)]);
    // The prior reads it in Simplified, as it reads a counted table.
    const [a, b] = [priorOf(counted), priorOf(back)];
    for (const q of questions) expect(b.count(q)).toBe(a.count(q));
  });

  it.each([
    ['one n-gram', countNgrams(['经'])],
    ['no n-gram', countNgrams([''])],
    ['n-grams beyond the BMP', countNgrams(['𠮶𪚥乾𠮶𪚥'])],
  ])('reads back a prior of %s', (_, table) => {
    expect(sorted(unpackPrior(packPrior(table))!)).toEqual(sorted(table));
  });

  it('takes a change of sample over the packed table as over the counted one', () => {
    const now = [...SEEDS.slice(1), '刘烁出席会议并讲话，并且要加快发展。'];
    const delta = new PriorDelta([SEEDS[0]!], [now.at(-1)!], countNgrams(now).total);
    const expected = countNgrams(now);
    const overPacked = delta.applyTo(back);
    expect(sorted(overPacked)).toEqual(sorted(expected));
    for (const q of [...questions, '并且要']) expect([q, overPacked.counts.get(q)]).toEqual([q, expected.counts.get(q)]);
    // And packed in its turn, as a build keeps the prior it made that way.
    expect(sorted(unpackPrior(packPrior(overPacked))!)).toEqual(sorted(expected));
  });

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 2)],
    ['altered', (b: Buffer) => Buffer.from(b.map((x, i) => (i === b.length - 3 ? x ^ 1 : x)))],
    ['another format', (b: Buffer) => Buffer.from(b.toString('latin1').replace('newsarchive-prior 1', 'newsarchive-prior 9'), 'latin1')],
    ['not a prior at all', () => Buffer.from('{"total":3,"grams":["a"],"counts":[3]}')],
    ['empty', () => Buffer.alloc(0)],
  ])('refuses bytes that are %s', (_, spoil) => {
    expect(unpackPrior(spoil(Buffer.from(packPrior(counted))))).toBeNull();
  });

  it('reads bytes that do not start on a 4-byte boundary (a slice of a larger read)', () => {
    const bytes = packPrior(counted);
    const shifted = Buffer.alloc(bytes.length + 1);
    Buffer.from(bytes).copy(shifted, 1);
    expect(sorted(unpackPrior(shifted.subarray(1))!)).toEqual(sorted(counted));
  });

  it('keeps no prior whose counts it could not hold exactly', () => {
    expect(() => packPrior({ total: 1, counts: new Map([['经', 1.5]]) })).toThrow(RangeError);
  });
});
