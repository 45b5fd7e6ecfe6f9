import { describe, expect, it } from 'vitest';
import { LineRecordSchema } from '../../src/article.ts';
import { expandLineRecord, toExportRecord, toLineRecord } from '../../src/io/export.ts';
import { seedCorpus } from '../support/seeds.ts';

describe('a line of data/articles.jsonl stores each text once and expands to the whole record', () => {
  const cases = seedCorpus().articles.map((a) => [a.id, a] as const);
  it.each(cases)('%s', (_id, a) => {
    const line = JSON.parse(JSON.stringify(toLineRecord(a)));
    expect(LineRecordSchema.safeParse(line).success).toBe(true);
    expect(expandLineRecord(line)).toEqual(JSON.parse(JSON.stringify(toExportRecord(a))));
    // The original and its Simplified rendering; the machine-made Traditional one is derived.
    expect(line.textHant).toBeNull();
    expect(line.textHans === null).toBe(a.textHans === a.text);
    expect(JSON.stringify(line).length).toBeLessThan(JSON.stringify(toExportRecord(a)).length);
  });
});
