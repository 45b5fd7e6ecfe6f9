import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('a rebuild takes the lines of unchanged records from the live site, and makes the others', () => {
    const jsonl = (root: string) => {
      const { parts } = JSON.parse(readFileSync(join(root, 'data', 'articles.parts.json'), 'utf8')) as { parts: Array<{ file: string }> };
      return parts.map((p) => readFileSync(join(root, 'data', p.file), 'utf8')).join('');
    };
    // The live site's line of article 1 is marked: a line taken over keeps the mark.
    const live = mkdtempSync(join(tmpdir(), 'newsarchive-parts-live-'));
    writeDataFiles(live, corpus, (id) => `/articles/${id}/`, '/', LIMIT);
    const { parts } = JSON.parse(readFileSync(join(live, 'data', 'articles.parts.json'), 'utf8')) as { parts: Array<{ file: string }> };
    for (const p of parts)
      writeFileSync(
        join(live, 'data', p.file),
        readFileSync(join(live, 'data', p.file), 'utf8').replace(/^(\{"id":"[^"]+","sourceFile":"[^"]+","sha256":")/gm, (m) => (m.includes(`"${corpus.articles[1]!.id}"`) ? `${m}MARK` : m)),
      );
    const rebuilt = mkdtempSync(join(tmpdir(), 'newsarchive-parts-re-'));
    // Article 1 kept, article 3 made again; the others have no record in the new folder either.
    writeDataFiles(
      rebuilt,
      corpus,
      (id) => `/articles/${id}/`,
      '/',
      LIMIT,
      (i) => i === 1,
      live,
    );
    const lines = jsonl(rebuilt).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(corpus.articles.map((a) => a.id));
    expect(lines.filter((l) => l.includes('"sha256":"MARK')).map((l) => JSON.parse(l).id)).toEqual([corpus.articles[1]!.id]);
    expect(jsonl(rebuilt).replace('"sha256":"MARK', '"sha256":"')).toBe(jsonl(dir));
    rmSync(live, { recursive: true, force: true });
    rmSync(rebuilt, { recursive: true, force: true });
  });
});
