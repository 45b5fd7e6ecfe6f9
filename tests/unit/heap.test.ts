import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapChosen, heapFlag, inputBytes, sizedHeapEnv } from '../../src/io/heap.ts';

const GB = 2 ** 30;
const MB = 2 ** 20;

describe('heapFlag', () => {
  const cases: Array<[string, number, number, string | null]> = [
    // [rule, bytes of input, machine memory, flag]
    ['the seeds: the default heap', 60 * 1024, 24 * GB, null],
    ['4,000 articles (21 MB): the default heap', 21 * MB, 24 * GB, null],
    ['from 32 MB: its need, less than the default', 32 * MB, 24 * GB, '--max-old-space-size=672'],
    ['20,000 articles (104 MB): its need', 104 * MB, 24 * GB, '--max-old-space-size=960'],
    ['100,000 articles (520 MB): its need, more than the default', 520 * MB, 24 * GB, '--max-old-space-size=2624'],
    ['at most three quarters of the machine', 2000 * MB, 4 * GB, '--max-old-space-size=3072'],
    ['at most 32 GB', 20000 * MB, 256 * GB, '--max-old-space-size=32768'],
  ];
  it.each(cases)('%s', (_rule, bytes, total, flag) => {
    expect(heapFlag(bytes, total)).toBe(flag);
  });
});

describe('sizedHeapEnv', () => {
  it('limits malloc to two arenas, keeps the rest of the environment, and leaves a value the user set', () => {
    expect(sizedHeapEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' });
    expect(sizedHeapEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({ MALLOC_ARENA_MAX: '8' });
  });
});

describe('heapChosen', () => {
  it.each([
    [[], '', false],
    [['--max-old-space-size=512'], '', true],
    [[], '--max_old_space_size=2048', true],
    [['--import', 'tsx'], '--enable-source-maps', false],
  ] as Array<[string[], string, boolean]>)('%j %j → %s', (argv, options, chosen) => {
    expect(heapChosen(argv, options)).toBe(chosen);
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
