import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputBytes, largerHeapFlag, needsLargerHeap } from '../../src/io/heap.ts';

const GB = 2 ** 30;
const MB = 2 ** 20;

describe('largerHeapFlag', () => {
  const cases: Array<[string, number, number, string | null]> = [
    // [rule, machine memory, current heap limit, flag]
    ['three quarters of the machine', 24 * GB, 4 * GB, '--max-old-space-size=18432'],
    ['at most 32 GB', 64 * GB, 4 * GB, '--max-old-space-size=32768'],
    ['none when the heap is already that large', 8 * GB, 6 * GB, null],
  ];
  it.each(cases)('%s', (_rule, total, current, flag) => {
    expect(largerHeapFlag(total, current)).toBe(flag);
  });
});

describe('needsLargerHeap', () => {
  const cases: Array<[string, number, boolean]> = [
    // [rule, bytes of input, with a 4 GB heap: re-run?]
    ['the seeds: no', 60 * 1024, false],
    ['4,000 articles (28 MB): no', 28 * MB, false],
    ['12,000 articles (84 MB): yes', 84 * MB, true],
    ['20,000 articles (140 MB): yes', 140 * MB, true],
  ];
  it.each(cases)('%s', (_rule, bytes, expected) => {
    expect(needsLargerHeap(bytes, 4 * GB)).toBe(expected);
  });
});

describe('inputBytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'na-heap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('adds up the files below the folder, and is 0 for a folder that does not exist', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'x'.repeat(10));
    writeFileSync(join(dir, 'sub', 'b.txt'), 'y'.repeat(5));
    expect(inputBytes(dir)).toBe(15);
    expect(inputBytes(join(dir, 'missing'))).toBe(0);
  });
});
