import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDataFiles } from '../../src/io/write-data.ts';
import { personPaths } from '../../src/site/slug.ts';
import { seedCorpus } from '../support/seeds.ts';

/**
 * Static hosts refuse large files: the exports are cut into parts under a size limit (20 MiB in
 * a build; here 3 KB, so that the five seeds need several parts) and every record is in one.
 */
const dir = mkdtempSync(join(tmpdir(), 'newsarchive-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LIMIT = 3_000;

describe('data exports in parts under the size limit', () => {
  const corpus = seedCorpus();
  writeDataFiles(dir, corpus, (id) => `/articles/${id}/`, '/', LIMIT);
  const data = join(dir, 'data');

  it('articles.jsonl parts: listed, each under the limit unless one record alone is larger, every article once, in order', () => {
    const { records, parts } = JSON.parse(readFileSync(join(data, 'articles.parts.json'), 'utf8'));
    expect(records).toBe(5);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0].file).toBe('articles.jsonl');
    const ids: string[] = [];
    for (const p of parts) {
      const lines = readFileSync(join(data, p.file), 'utf8').trimEnd().split('\n');
      expect(statSync(join(data, p.file)).size).toBe(p.bytes);
      if (lines.length > 1) expect(p.bytes).toBeLessThanOrEqual(LIMIT);
      ids.push(...lines.map((l) => JSON.parse(l).id));
    }
    expect(ids).toEqual(corpus.articles.map((a) => a.id));
  });

  it('people.json parts: valid JSON arrays under the limit, every person once, with the address of their page after the id', () => {
    const { records, parts } = JSON.parse(readFileSync(join(data, 'people.parts.json'), 'utf8'));
    expect(records).toBe(corpus.people.length);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0].file).toBe('people.json');
    const people = parts.flatMap((p: { file: string; bytes: number }) => {
      expect(p.bytes).toBeLessThanOrEqual(LIMIT);
      return JSON.parse(readFileSync(join(data, p.file), 'utf8'));
    });
    expect(people.map(({ url: _, ...person }: { url: string }) => person)).toEqual(JSON.parse(JSON.stringify(corpus.people)));
    expect(people.map((p: { id: string; url: string }) => [p.id, p.url])).toEqual(corpus.people.map((p) => [p.id, personPaths([p.id]).get(p.id)]));
    expect(Object.keys(people[0]).slice(0, 2)).toEqual(['id', 'url']);
  });

  it('one article.json beside each page', () => {
    expect(readdirSync(join(dir, 'articles')).sort()).toEqual(corpus.articles.map((a) => a.id).sort());
  });
});
