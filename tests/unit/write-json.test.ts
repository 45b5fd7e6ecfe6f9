import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonPieces, LazyList, writeJsonFile } from '../../src/io/write-json.ts';

const dir = mkdtempSync(join(tmpdir(), 'na-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const joined = (v: unknown, depth?: number) => [...jsonPieces(v, depth)].join('');

describe('jsonPieces', () => {
  const cases: Array<[string, unknown]> = [
    ['empty object', {}],
    ['empty array', []],
    ['nested empties', { a: [], b: {}, c: [[]] }],
    ['scalars', [1, 'a', null, true, 1.5]],
    ['undefined and functions are left out of objects, null in arrays', { a: undefined, b: () => 1, c: [undefined, () => 1, 2] }],
    ['line breaks and Han in strings', { text: '第一段\n第二段\u2028', list: ['劉爍\r\n', '"quoted"'] }],
    ['a date (toJSON)', { d: new Date(0), list: [new Date(0)] }],
    ['the export shape', { articles: [{ id: 'a', text: 'x\ny', officials: [{ name: '刘烁', posts: ['县长'] }] }], people: [], skipped: [{ file: 'f', reason: 'r' }] }],
  ];
  it.each(cases)('%s: same text as JSON.stringify(v, null, 2)', (_label, v) => {
    for (const depth of [0, 1, 2, 5]) expect(joined(v, depth)).toBe(JSON.stringify(v, null, 2));
  });

  it('matches JSON.stringify on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (v, depth) => joined(v, depth) === JSON.stringify(v, null, 2)),
      { numRuns: 300 },
    );
  });

  it.each([
    ['empty', 0],
    ['one item', 1],
    ['several items', 4],
  ])('a LazyList (%s) is written as the array it stands for, each item made once, in order', (_label, n) => {
    const made: number[] = [];
    const items = (i: number) => ({ id: `a${i}`, text: `第${i}段\n`, list: [i, null] });
    const lazy = new LazyList(n, (i) => (made.push(i), items(i)));
    const plain = { articles: Array.from({ length: n }, (_, i) => items(i)), people: [] };
    for (const depth of [1, 2, 5]) {
      made.length = 0;
      expect(joined({ articles: lazy, people: [] }, depth)).toBe(JSON.stringify(plain, null, 2));
      expect(made).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(JSON.stringify({ articles: lazy, people: [] }, null, 2)).toBe(JSON.stringify(plain, null, 2));
  });

  it('writes a file with a final newline', () => {
    const v = { articles: [{ id: 'a' }, { id: 'b' }] };
    writeJsonFile(join(dir, 'x.json'), v);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe(JSON.stringify(v, null, 2) + '\n');
  });
});
