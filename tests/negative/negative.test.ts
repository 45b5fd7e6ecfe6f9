import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repairText } from '../../src/ingest/repair/index.ts';

/**
 * Clean text must come out of the repairs unchanged, with no record: the rules act only on
 * evidence of damage. Each file here is a case (ftfy keeps the same kind of "negative" set).
 */
const dir = new URL('./clean/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('negative set: clean text is not changed', () => {
  it.each(cases)('%s', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8').replace(/\n$/, '');
    const out = repairText(text);
    expect(out.repairs).toEqual([]);
    expect(out.text).toBe(text);
  });
});
