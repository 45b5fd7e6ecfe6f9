import { readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, Corpus } from '../../src/article.ts';
import type { InputFile } from '../../src/ingest/index.ts';
import { FIXTURES, generated, makeHostileFolder, manifest, readAndIngest, type Expected } from '../support/hostile.ts';
import { hashSeeds, SEEDS_DIR } from '../support/seeds.ts';

/**
 * Issue 6: hostile inputs. Every committed fixture in tests/fixtures/hostile/ has its expected
 * outcome in expected.json; large, binary and file-system-specific inputs (names that only some
 * file systems allow, links, pipes) are generated in tests/support/hostile.ts. All of them, plus
 * the five seeds, go through `readInputDir` + `ingestCorpus` together, as the CLI runs them; the
 * same folder through the CLI itself is tests/integration/robustness-cli.test.ts.
 */

let dir: string;
let seedsBefore: Record<string, string>;
let corpus: Corpus;
let files: InputFile[];
const outcomes = new Map<string, { article?: Article; reasons: string[] }>();

beforeAll(() => {
  seedsBefore = hashSeeds();
  dir = makeHostileFolder();
  ({ files, corpus } = readAndIngest(dir));
  for (const a of corpus.articles) outcomes.set(a.sourceFile, { article: a, reasons: [] });
  for (const s of corpus.skipped) {
    const o = outcomes.get(s.file) ?? { reasons: [] };
    o.reasons.push(s.reason);
    outcomes.set(s.file, o);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const all: Array<[string, Expected]> = [...Object.entries(manifest), ...Object.entries(generated).map(([k, g]) => [k, g.expected] as [string, Expected])];

describe('hostile inputs: every file ends as an article or a skip with the right reason', () => {
  it('has at least 25 committed fixtures, each with an expected outcome', () => {
    const committed = readdirSync(FIXTURES).filter((f) => f !== 'expected.json');
    expect(committed.length).toBeGreaterThanOrEqual(25);
    expect(committed.sort()).toEqual(Object.keys(manifest).sort());
  });

  it('crashes on nothing: no internal errors, no unexpected outcomes', () => {
    const internal = corpus.skipped.filter((s) => /internal error/.test(s.reason));
    expect(internal).toEqual([]);
    const known = new Set([...all.map(([f]) => f), ...readdirSync(SEEDS_DIR).map((f) => `seeds-copy/${f}`)]);
    expect([...outcomes.keys()].filter((f) => !known.has(f))).toEqual([]);
  });

  it('publishes every good file: the five seeds among the hostile inputs', () => {
    for (const f of readdirSync(SEEDS_DIR)) expect(outcomes.get(`seeds-copy/${f}`)?.article, f).toBeDefined();
  });

  it('reports a file as an article or as skipped, never both', () => {
    for (const [file, o] of outcomes) if (o.article) expect(o.reasons, file).toEqual([]);
  });

  it('gives every article a distinct id', () => {
    const ids = corpus.articles.map((a) => a.id.toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(all)('%s', (file, want) => {
    const got = outcomes.get(file);
    if (want.status === 'ignored') {
      expect(got, `${file} should produce no report`).toBeUndefined();
      return;
    }
    expect(got, `${file} has no outcome`).toBeDefined();
    if (want.status === 'skipped') {
      expect(got!.article, `${file} was published`).toBeUndefined();
      expect(
        got!.reasons.some((r) => new RegExp(want.reason!).test(r)),
        `${file}: ${got!.reasons.join(' | ')}`,
      ).toBe(true);
      return;
    }
    const a = got!.article!;
    expect(a, `${file} was skipped: ${got!.reasons.join(' | ')}`).toBeDefined();
    if (want.encoding) expect(a.encoding).toBe(want.encoding);
    if (want.format) expect(a.format).toBe(want.format);
    if (want.id) expect(a.id).toBe(want.id);
    // Content is checked on the decoded source and on the published text; both must hold it.
    for (const s of want.mustContain ?? []) expect(a.source + '\n' + a.repaired, `${file} lost ${s}`).toContain(s);
    for (const s of want.mustNotContain ?? []) expect(a.repaired).not.toContain(s);
    if (want.mustNotMatch) expect(a.source).not.toMatch(new RegExp(want.mustNotMatch));
    if (want.urlsMustNotMatch) for (const u of a.page?.urls ?? []) expect(u).not.toMatch(new RegExp(want.urlsMustNotMatch));
    for (const d of want.diagnostics ?? []) {
      const { message, ...fields } = d;
      expect(a.diagnostics, `${file}: ${JSON.stringify(a.diagnostics)}`).toContainEqual(
        expect.objectContaining({ ...fields, ...(message ? { message: expect.stringMatching(new RegExp(message)) } : {}) }),
      );
    }
    if (want.override !== undefined) {
      const input = files.find((f) => f.name === file)!;
      expect(input.override).toEqual(want.override);
    }
  });

  it('no override reaches a prototype', () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('leaves seeds/ byte-identical', () => {
    expect(hashSeeds()).toEqual(seedsBefore);
  });
});
