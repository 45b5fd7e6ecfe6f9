import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repairText } from '../../src/ingest/repair/index.ts';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { seedCorpus } from '../support/seeds.ts';

/**
 * Golden files per seed: the repaired text and the repair records. Regenerate only with
 * `UPDATE=1 npm test` and review the diff: a change here is a change in what readers see.
 */
const UPDATE = process.env['UPDATE'] === '1';
const dir = (id: string) => new URL(`./${id}/`, import.meta.url);

function golden(id: string, name: string, actual: string): void {
  const file = new URL(name, dir(id));
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`missing golden ${id}/${name}: run UPDATE=1 npm test and review the diff`);
    mkdirSync(dir(id), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden files over seeds/', () => {
  for (const article of seedCorpus().articles) {
    describe(article.id, () => {
      it('repaired text matches the golden file', () => golden(article.id, 'repaired.txt', article.repaired));
      it('body text matches the golden file', () => golden(article.id, 'body.txt', article.text));
      it('repair records match the golden file', () =>
        golden(
          article.id,
          'repairs.json',
          JSON.stringify(
            article.repairs.map(({ rule, span, before, after, confidence, evidence, candidates }) => ({ rule, span, before, after, confidence, evidence, ...(candidates ? { candidates } : {}) })),
            null,
            1,
          ) + '\n',
        ));
      it('replaying the records on the source reproduces the repaired text', () => {
        expect(replayRepairs(article.source, article.repairs)).toBe(article.repaired);
      });
      it('repairing the repaired text changes nothing (idempotent)', () => {
        const again = repairText(article.repaired);
        expect(again.repairs).toEqual([]);
        expect(again.text).toBe(article.repaired);
      });
    });
  }
});
