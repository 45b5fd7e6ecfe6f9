import { describe, expect, it } from 'vitest';
import { buildCharModel, charModelFrom, countDictionary, countsFromBytes, countsToBytes } from '../../src/ingest/repair/char-model.ts';

// A tiny jieba-format dictionary: `word freq tag` per line.
const model = buildCharModel(['环境 900 n', '软件 300 n', '境 100 n', '环 50 n', '的 5000 uj', 'ab 7 eng'].join('\n'));

describe('buildCharModel: costs in bits from a dictionary', () => {
  it.each([
    ['a dictionary pair is cheaper than its second character alone', '环', '境', (c: number) => c < model.unigram('境')],
    ['Traditional forms read the Simplified counts (環境 = 环境)', '環', '境', (c: number) => c === model.cost('环', '境')],
    ['no pair: the unigram', '的', '境', (c: number) => c === model.unigram('境')],
    ['no left context: the unigram', null, '环', (c: number) => c === model.unigram('环')],
    ['a character the dictionary never saw costs the most', '环', '龘', (c: number) => c === 22],
  ] as const)('%s', (_name, prev, ch, ok) => {
    expect(ok(model.cost(prev, ch))).toBe(true);
  });

  it.each([
    ['。', 4],
    ['A', 5],
    ['☆', 18],
  ])('non-Han %s has a fixed cost', (ch, bits) => {
    expect(model.unigram(ch)).toBe(bits);
  });

  it('pair counts are by Simplified form and in word order', () => {
    expect(model.pairCount('环', '境')).toBe(900);
    expect(model.pairCount('環', '境')).toBe(900);
    expect(model.pairCount('境', '环')).toBe(0);
  });

  it('the corpus prior adds pairs the dictionary lacks', () => {
    const prior = { count: (g: string) => (g === '的' ? 10 : g === '的境' ? 10 : 0) };
    expect(model.cost('的', '境', prior)).toBeLessThan(model.cost('的', '境'));
  });
});

describe('the model kept between processes (countsToBytes / countsFromBytes)', () => {
  const dictionary = ['环境 900 n', '軟件 300 n', '境 100 n', '的 5000 uj', 'ab 7 eng', '中华人民共和国 12 ns'].join('\n');
  const counts = countDictionary(dictionary);

  it('reads back the counts it kept, every one', () => {
    const back = countsFromBytes(countsToBytes(counts))!;
    expect(back).not.toBeNull();
    expect(back.chars).toEqual(counts.chars);
    expect([...back.unigrams]).toEqual([...counts.unigrams]);
    expect(back.total).toBe(counts.total);
    expect(back.pairs.size).toBe(counts.pairs.size);
    for (const [key, count] of counts.pairs) expect(back.pairs.get(key)).toBe(count);
    expect(back.pairs.get(-1)).toBeUndefined();
    // The same model either way.
    const [a, b] = [charModelFrom(counts), charModelFrom(back)];
    for (const [x, y] of [
      ['环', '境'],
      ['软', '件'],
      ['的', '境'],
      ['境', '环'],
    ] as const)
      expect(b.cost(x, y)).toBe(a.cost(x, y));
    expect(counts.chars).toContain('软'); // counted by Simplified form
  });

  it('keeps no table whose counts it could not hold exactly (the model is then made by each process)', () => {
    const fractional = { ...counts, pairs: new Map([...counts.pairs].map(([k, v], i) => [k, i === 0 ? v + 0.5 : v])) };
    expect(() => countsToBytes(fractional)).toThrow(RangeError);
  });

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 8)],
    ['another format', (b: Buffer) => Buffer.from(b.toString('latin1').replace('char-model 4', 'char-model 9'), 'latin1')],
    ['not a model at all', () => Buffer.from('{"format":')],
    ['empty', () => Buffer.alloc(0)],
    [
      'altered: a pair moved where its search cannot reach it',
      (b: Buffer) =>
        withPairSlots(b, (slots) => {
          // One empty slot further on: the search from its home stops at the empty slot it left.
          const size = slots.length / 2;
          const full = (i: number) => slots[2 * (i % size) + 1] !== 0;
          const at = [...Array(size).keys()].find((i) => full(i) && !full(i + 1) && !full(i + 2))!;
          const to = (at + 2) % size;
          [slots[2 * to], slots[2 * to + 1], slots[2 * at], slots[2 * at + 1]] = [slots[2 * at]!, slots[2 * at + 1]!, 0, 0];
        }),
    ],
    ['altered: a pair dropped', (b: Buffer) => withPairSlots(b, (slots) => void (slots[slots.findIndex((c, i) => i % 2 === 1 && c > 0)] = 0))],
  ])('refuses bytes that are %s', (_, spoil) => {
    expect(countsFromBytes(spoil(Buffer.from(countsToBytes(counts))))).toBeNull();
  });
});

/** The kept bytes with the pairs' table (key, count slots) changed by `change`, in a copy. */
function withPairSlots(bytes: Buffer, change: (slots: Uint32Array) => void): Buffer {
  const copy = Buffer.from(bytes);
  const newline = copy.indexOf(10);
  const head = JSON.parse(copy.toString('utf8', 0, newline)) as { chars: string };
  const n = [...head.chars].length;
  const start = newline + 1 + ((8 - ((newline + 1) % 8)) % 8);
  const numbers = copy.buffer.slice(copy.byteOffset + start, copy.byteOffset + copy.length);
  change(new Uint32Array(numbers, 8 * n));
  Buffer.from(numbers).copy(copy, start);
  return copy;
}
