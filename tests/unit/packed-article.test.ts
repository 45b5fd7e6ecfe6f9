import { describe, expect, it } from 'vitest';
import { BODY_FIELDS, type Article } from '../../src/article.ts';
import { isPacked, packArticle, repairCountsOf, unpackArticle, unpackBody } from '../../src/packed-article.ts';
import { seedCorpus } from '../support/seeds.ts';

const seeds = () => seedCorpus().articles;

describe('packArticle / unpackArticle', () => {
  it.each(seeds().map((a) => [a.id, a] as const))('%s: unpacking gives the article back, field for field', (_, article) => {
    const packed = packArticle(article);
    expect(isPacked(packed)).toBe(true);
    expect(unpackArticle(packed)).toEqual(article);
    // Packing what was unpacked gives the same bytes: the form is stable.
    expect(Buffer.from(packArticle(unpackArticle(packed)).body).equals(Buffer.from(packed.body))).toBe(true);
  });

  it('keeps the body out of the metadata and counts the repairs by rule', () => {
    const article = seeds().find((a) => a.repairs.length > 0)!;
    const packed = packArticle(article);
    for (const field of BODY_FIELDS) expect(packed).not.toHaveProperty(field);
    expect(packed.id).toBe(article.id);
    expect(packed.officials).toEqual(article.officials);
    const total = Object.values(packed.repairCounts).reduce((n, k) => n + k, 0);
    expect(total).toBe(article.repairs.length);
    expect(repairCountsOf(packed)).toEqual(repairCountsOf(article));
  });

  it('is much smaller than the article as JSON', () => {
    for (const article of seeds()) expect(packArticle(article).body.length).toBeLessThan(JSON.stringify(article).length / 2);
  });

  it('returns a whole article as it is', () => {
    const article = seeds()[0]!;
    expect(isPacked(article)).toBe(false);
    expect(unpackArticle(article)).toBe(article);
  });

  it.each([
    ['one byte changed', (b: Buffer) => ((b[b.length - 6]! ^= 0xff), b)],
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 20)],
    ['not deflated at all', () => Buffer.from('{"source":"x"}')],
  ])('a damaged body throws instead of giving a wrong article: %s', (_, damage) => {
    const packed = packArticle(seeds()[0]!);
    expect(() => unpackBody(damage(Buffer.from(packed.body)))).toThrow();
  });

  it('a body without its fields throws', () => {
    const { body } = packArticle({ ...seeds()[0]!, source: 1 as unknown as string } as Article);
    expect(() => unpackBody(body)).toThrow(/lacks its fields/);
  });
});
