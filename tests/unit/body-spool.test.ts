import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BodySpool, readAllSpooled, readSpooled } from '../../src/io/body-spool.ts';
import { packArticle, unpackArticle } from '../../src/packed-article.ts';
import { seedCorpus } from '../support/seeds.ts';

const work = mkdtempSync(join(tmpdir(), 'na-spool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('BodySpool', () => {
  it('gives back each body it was given, in any order, and keeps no file in its folder', () => {
    const dir = mkdtempSync(join(work, 'a-'));
    const spool = new BodySpool(join(dir, 'bodies'));
    const bodies = [new Uint8Array([1, 2, 3]), new Uint8Array(0), Uint8Array.from({ length: 70_000 }, (_, i) => i % 251)];
    const refs = bodies.map((b) => spool.put(b));
    expect(refs.map((r) => [r.offset, r.length])).toEqual([
      [0, 3],
      [3, 0],
      [3, 70_000],
    ]);
    for (const i of [2, 0, 1, 2]) expect(Buffer.from(readSpooled(refs[i]!)).equals(Buffer.from(bodies[i]!))).toBe(true);
    // Removed as soon as it was opened: a killed build leaves nothing behind.
    if (process.platform !== 'win32') expect(readdirSync(dir)).toEqual([]);
    spool.close();
    expect(existsSync(join(dir, 'bodies'))).toBe(false);
    expect(() => readSpooled(refs[0]!)).toThrow();
  });

  it.each([
    ['one run', 1 << 20],
    ['a run per place', 1],
    ['runs of two', 5],
  ])('reads places back in large reads (%s), in their order, with places out of order or in another spool read alone', (_, chunk) => {
    const one = new BodySpool(join(work, `r1-${chunk}`));
    const two = new BodySpool(join(work, `r2-${chunk}`));
    const bodies = [[1, 2, 3], [], [4, 5], [6], [7, 8, 9, 10], [11]].map((b) => Uint8Array.from(b));
    const refs = bodies.map((b, i) => (i === 3 ? two : one).put(b));
    const order = [0, 1, 2, 3, 5, 4];
    const read = readAllSpooled(
      order.map((i) => refs[i]!),
      chunk,
    );
    expect(read.map((b) => [...b])).toEqual(order.map((i) => [...bodies[i]!]));
    one.close();
    two.close();
  });

  it.each(seedCorpus().articles.map((a) => [a.id, a] as const))('%s: a spooled article unpacks to the article', (_, article) => {
    const spool = new BodySpool(join(work, `s-${article.id}`));
    const packed = packArticle(article);
    const spooled = { ...packed, body: spool.put(packed.body) };
    expect(unpackArticle(spooled)).toEqual(article);
    spool.close();
  });
});
