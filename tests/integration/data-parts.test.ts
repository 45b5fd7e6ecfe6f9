import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    writeDataFiles(rebuilt, corpus, (id) => `/articles/${id}/`, '/', LIMIT, { live, hasRecord: (i) => i === 1, lines: null, people: false });
    const lines = jsonl(rebuilt).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(corpus.articles.map((a) => a.id));
    expect(lines.filter((l) => l.includes('"sha256":"MARK')).map((l) => JSON.parse(l).id)).toEqual([corpus.articles[1]!.id]);
    expect(jsonl(rebuilt).replace('"sha256":"MARK', '"sha256":"')).toBe(jsonl(dir));
    rmSync(live, { recursive: true, force: true });
    rmSync(rebuilt, { recursive: true, force: true });
  });

  describe("with the live site's line index", () => {
    const jsonl = (root: string) => {
      const { parts } = JSON.parse(readFileSync(join(root, 'data', 'articles.parts.json'), 'utf8')) as { parts: Array<{ file: string }> };
      return parts.map((p) => readFileSync(join(root, 'data', p.file), 'utf8')).join('');
    };
    const partsOf = (root: string) => (JSON.parse(readFileSync(join(root, 'data', 'articles.parts.json'), 'utf8')) as { parts: Array<{ file: string }> }).parts.map((p) => p.file);
    const live = mkdtempSync(join(tmpdir(), 'newsarchive-parts-live-'));
    const { lines } = writeDataFiles(live, corpus, (id) => `/articles/${id}/`, '/', LIMIT);
    const rebuild = (kept: (i: number) => boolean, index = lines) => {
      const out = mkdtempSync(join(tmpdir(), 'newsarchive-parts-re-'));
      const result = writeDataFiles(out, corpus, (id) => `/articles/${id}/`, '/', LIMIT, { live, hasRecord: kept, lines: index, people: false });
      return { out, result };
    };
    afterAll(() => rmSync(live, { recursive: true, force: true }));

    it('says where every line is, part by part', () => {
      expect(lines.parts.map((p) => p.file)).toEqual(partsOf(live));
      expect(lines.parts.flatMap((p) => p.ids)).toEqual(corpus.articles.map((a) => a.id));
      for (const p of lines.parts) {
        expect(p.lengths.reduce((n, k) => n + k, 0)).toBe(p.bytes);
        expect(statSync(join(live, 'data', p.file)).size).toBe(p.bytes);
      }
    });

    it('every record kept: each part is the live file, linked, and the index is the same', () => {
      const { out, result } = rebuild(() => true);
      for (const f of partsOf(live)) expect(statSync(join(out, 'data', f)).ino).toBe(statSync(join(live, 'data', f)).ino);
      expect(result.lines).toEqual(lines);
      rmSync(out, { recursive: true, force: true });
    });

    it('one record made again: the parts before it are linked, and the whole is what a full write makes', () => {
      const changed = corpus.articles.length - 1;
      const { out, result } = rebuild((i) => i !== changed);
      expect(jsonl(out)).toBe(jsonl(dir));
      expect(result.lines).toEqual(lines);
      const first = lines.parts[0]!.file;
      if (!lines.parts[0]!.ids.includes(corpus.articles[changed]!.id)) expect(statSync(join(out, 'data', first)).ino).toBe(statSync(join(live, 'data', first)).ino);
      const last = lines.parts.at(-1)!.file;
      expect(statSync(join(out, 'data', last)).ino).not.toBe(statSync(join(live, 'data', last)).ino);
      rmSync(out, { recursive: true, force: true });
    });

    it('an index that does not fit the live parts is not used: the parts are read instead', () => {
      const wrong = { parts: lines.parts.map((p) => ({ ...p, bytes: p.bytes + 1 })) };
      const { out } = rebuild(() => true, wrong);
      expect(jsonl(out)).toBe(jsonl(dir));
      rmSync(out, { recursive: true, force: true });
    });

    describe('people.json, when the caller knows every person unchanged', () => {
      const peopleFiles = (root: string) => [
        ...(JSON.parse(readFileSync(join(root, 'data', 'people.parts.json'), 'utf8')) as { parts: Array<{ file: string }> }).parts.map((p) => p.file),
        'people.parts.json',
      ];
      const keepPeople = () => {
        const out = mkdtempSync(join(tmpdir(), 'newsarchive-parts-re-'));
        writeDataFiles(out, corpus, (id) => `/articles/${id}/`, '/', LIMIT, { live, hasRecord: () => true, lines, people: true });
        return out;
      };

      it('its parts and their list are the live files, linked', () => {
        const out = keepPeople();
        expect(peopleFiles(out).length).toBeGreaterThan(2);
        for (const f of peopleFiles(live)) expect(statSync(join(out, 'data', f)).ino).toBe(statSync(join(live, 'data', f)).ino);
        rmSync(out, { recursive: true, force: true });
      });

      it.each([
        ['a part is missing', (data: string) => rmSync(join(data, 'people.2.json'))],
        ['the list is unreadable', (data: string) => writeFileSync(join(data, 'people.parts.json'), '{')],
        ['the list counts other people', (data: string) => writeFileSync(join(data, 'people.parts.json'), JSON.stringify({ records: 1, parts: [{ file: 'people.json' }] }))],
        ['the list names another file', (data: string) => writeFileSync(join(data, 'people.parts.json'), JSON.stringify({ records: corpus.people.length, parts: [{ file: '../x.json' }] }))],
      ])('are written again, never through a link into the live site, when %s', (_, spoil) => {
        const other = mkdtempSync(join(tmpdir(), 'newsarchive-parts-live-'));
        writeDataFiles(other, corpus, (id) => `/articles/${id}/`, '/', LIMIT);
        const before = new Map(readdirSync(join(other, 'data')).map((f) => [f, readFileSync(join(other, 'data', f), 'utf8')]));
        spoil(join(other, 'data'));
        const spoiled = new Map(readdirSync(join(other, 'data')).map((f) => [f, readFileSync(join(other, 'data', f), 'utf8')]));
        const out = mkdtempSync(join(tmpdir(), 'newsarchive-parts-re-'));
        writeDataFiles(out, corpus, (id) => `/articles/${id}/`, '/', LIMIT, { live: other, hasRecord: () => false, lines: null, people: true });
        for (const f of peopleFiles(dir)) {
          expect(readFileSync(join(out, 'data', f), 'utf8')).toBe(readFileSync(join(dir, 'data', f), 'utf8'));
          if (existsSync(join(other, 'data', f))) expect(statSync(join(out, 'data', f)).ino).not.toBe(statSync(join(other, 'data', f)).ino);
        }
        // The live files are as they were (spoiled, not written over).
        for (const [f, text] of spoiled) expect(readFileSync(join(other, 'data', f), 'utf8')).toBe(text);
        expect(before.size).toBeGreaterThan(0);
        rmSync(out, { recursive: true, force: true });
        rmSync(other, { recursive: true, force: true });
      });
    });

    it('a line that is not where the index says is made again, not copied', () => {
      // The first two lines' ids swapped: the sizes still fit, the places do not.
      const ids = lines.parts.flatMap((x) => x.ids);
      const swap = (id: string) => (id === ids[0] ? ids[1]! : id === ids[1] ? ids[0]! : id);
      const lying = { parts: lines.parts.map((x) => ({ ...x, ids: x.ids.map(swap) })) };
      const { out } = rebuild(() => true, lying);
      expect(jsonl(out)).toBe(jsonl(dir));
      rmSync(out, { recursive: true, force: true });
    });
  });
});
