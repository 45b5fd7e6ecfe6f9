import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputBytes, largerHeapFlag } from '../../src/io/heap.ts';

const GB = 2 ** 30;
const MB = 2 ** 20;

describe('largerHeapFlag', () => {
  const cases: Array<[string, number, number, number, string | null]> = [
    // [rule, bytes of input, machine memory, current heap cap, flag]
    ['the seeds: the default heap', 60 * 1024, 24 * GB, 4 * GB, null],
    ['4,000 articles (22 MB): the default heap', 22 * MB, 24 * GB, 4 * GB, null],
    ['12,000 articles (65 MB): the default heap', 65 * MB, 24 * GB, 4 * GB, null],
    ['20,000 articles (109 MB): its need', 109 * MB, 24 * GB, 4 * GB, '--max-old-space-size=4360'],
    ['at most three quarters of the machine', 400 * MB, 16 * GB, 4 * GB, '--max-old-space-size=12288'],
    ['at most 32 GB', 2000 * MB, 256 * GB, 4 * GB, '--max-old-space-size=32768'],
    ['none when the machine allows no more than the current heap', 400 * MB, 4 * GB, 4 * GB, null],
  ];
  it.each(cases)('%s', (_rule, bytes, total, current, flag) => {
    expect(largerHeapFlag(bytes, total, current)).toBe(flag);
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
