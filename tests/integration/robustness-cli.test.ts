import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/article.ts';
import { FIXTURES, makeHostileFolder, readAndIngest, root } from '../support/hostile.ts';
import { hashSeeds } from '../support/seeds.ts';

/**
 * Issue 6: the hostile folder of tests/unit/robustness.test.ts through the CLI: the same articles
 * and skips as `readInputDir` + `ingestCorpus` in process, the skips on stderr, exit codes.
 */

let dir: string;
let seedsBefore: Record<string, string>;
let corpus: Corpus;

beforeAll(() => {
  seedsBefore = hashSeeds();
  dir = makeHostileFolder();
  ({ corpus } = readAndIngest(dir));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hostile inputs through the CLI', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });

  it('`ingest --input <hostile> --json <file>` exits 0, writes the articles and lists the skips on stderr', () => {
    const out = join(dir, '..', `${dir.split('/').pop()}-out.json`);
    const r = cli('ingest', '--input', dir, '--json', out);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { articles: unknown[]; skipped: Array<{ file: string; reason: string }> };
    rmSync(out);
    expect(json.articles).toHaveLength(corpus.articles.length);
    expect(json.skipped.map((s) => s.file).sort()).toEqual(corpus.skipped.map((s) => s.file).sort());
    expect(r.stderr).toContain('SKIPPED empty.txt: empty file (0 bytes)');
    expect(r.stderr).toContain('SKIPPED binary-pdf.pdf: binary file (PDF document)');
    expect(r.stderr).toMatch(/SKIPPED duplicate-b\.txt: duplicate of duplicate-a\.txt/);
    // A file name cannot write a terminal escape or a fake row.
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('bad_name_[31m');
    expect(hashSeeds()).toEqual(seedsBefore);
  });

  it('`--strict` exits non-zero when anything is skipped or warned, and 0 on a clean folder', () => {
    expect(cli('ingest', '--input', dir, '--json', '-', '--strict').status).toBe(1);
    const clean = mkdtempSync(join(tmpdir(), 'na-clean-'));
    copyFileSync(join(FIXTURES, 'utf8-no-bom.txt'), join(clean, 'clean.txt'));
    // Written beside the folder: inside it, the next run would read the export as an article.
    const r = cli('ingest', '--input', clean, '--json', `${clean}-out.json`, '--strict');
    rmSync(clean, { recursive: true, force: true });
    rmSync(`${clean}-out.json`, { force: true });
    expect(r.status, r.stderr).toBe(0);
  });
});
