import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.ts';
import { MAX_INPUT_BYTES } from '../../src/ingest/decode.ts';
import { MAX_HTML_DEPTH } from '../../src/ingest/html.ts';
import { readInputDir } from '../../src/io/read-input.ts';
import { ingestCorpus, type Corpus, type InputFile } from '../../src/pipeline.ts';
import { hashSeeds, SEEDS_DIR } from '../support/seeds.ts';

/**
 * Issue 6: hostile inputs. Every committed fixture in tests/fixtures/hostile/ has its expected
 * outcome in expected.json; large, binary and file-system-specific inputs (names that only some
 * file systems allow, links, pipes) are generated here. All of them, plus the five seeds, go
 * through `readInputDir` + `ingestCorpus` together, as the CLI runs them.
 */

interface Expected {
  status: 'article' | 'skipped' | 'ignored';
  reason?: string;
  encoding?: string;
  format?: 'text' | 'html';
  id?: string;
  mustContain?: string[];
  mustNotContain?: string[];
  mustNotMatch?: string;
  urlsMustNotMatch?: string;
  override?: Record<string, unknown> | null;
  diagnostics?: Array<{ rule: string; severity?: string; offset?: number; unit?: string; message?: string }>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(root, 'tests/fixtures/hostile');
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;
delete manifest['$comment'];

/** A small deterministic generator, so "random" binary fixtures are the same on every run. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const base = readFileSync(join(FIXTURES, 'utf8-no-bom.txt'), 'utf8');
const withReporter = (name: string) => Buffer.from(base.replace('王明', name));
const LONG_NAME = `${'长'.repeat(80)}.txt`; // 244 bytes: near the 255-byte limit of most file systems
const NFD = 'cafe\u0301.txt';
const NFC = 'caf\u00e9.txt';
const CONTROL_NAME = 'bad\nname\u001b[31m.txt';

const generated: Record<string, { bytes?: Uint8Array | Buffer; expected: Expected }> = {
  'binary-png.png': {
    bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pseudoRandomBytes(4096, 1)]),
    expected: { status: 'skipped', reason: '^binary file \\(PNG image\\)$' },
  },
  'binary-zip-named.txt': {
    bytes: Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), pseudoRandomBytes(4096, 2)]),
    expected: { status: 'skipped', reason: '^binary file \\(ZIP archive' },
  },
  'binary-pdf.pdf': {
    bytes: Buffer.concat([Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Filter /FlateDecode >> stream\n', 'latin1'), pseudoRandomBytes(4096, 3)]),
    expected: { status: 'skipped', reason: '^binary file \\(PDF document\\)$' },
  },
  'random-bytes.dat': { bytes: pseudoRandomBytes(8192, 4), expected: { status: 'skipped', reason: '^(binary|undecodable)' } },
  'too-large.txt': {
    bytes: Buffer.alloc(MAX_INPUT_BYTES + 1, Buffer.from('乡村振兴。\n')),
    expected: { status: 'skipped', reason: `^too large \\(${MAX_INPUT_BYTES + 1} bytes; the limit is ${MAX_INPUT_BYTES} bytes\\)$` },
  },
  'utf32le-bom.txt': {
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...base].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0)!); return b; })]),
    expected: { status: 'article', encoding: 'utf-32le', mustContain: ['全市乡村振兴工作推进会'] },
  },
  'one-char-10000-lines.txt': { bytes: Buffer.from('啊\n'.repeat(10_000)), expected: { status: 'article', mustContain: ['啊'] } },
  'deep-nesting-10000.html': {
    bytes: Buffer.from(`<html><body>${'<div>'.repeat(10_000)}<p>${base.split('\n')[1]}</p>${'</div>'.repeat(10_000)}</body></html>`),
    expected: { status: 'article', format: 'html', mustContain: ['全市乡村振兴工作推进会'], diagnostics: [{ rule: 'html-depth', severity: 'warning', message: `nested about 1000\\d elements deep \\(limit ${MAX_HTML_DEPTH}\\)` }] },
  },
  'deep-inline-unclosed.html': {
    bytes: Buffer.from(`<html><body><p>${'<b><i><span>'.repeat(10_000)}${base.split('\n')[1]}</p></body></html>`),
    expected: { status: 'article', format: 'html', mustContain: ['全市乡村振兴工作推进会'], diagnostics: [{ rule: 'html-depth', severity: 'warning' }] },
  },
  [LONG_NAME]: { bytes: withReporter('长名'), expected: { status: 'article', id: '长'.repeat(80), mustContain: ['记者长名'] } },
  // NFD sorts first (e < é), keeps the plain id; both ids are NFC, the second one made unique by
  // a hash of its own path (so no other file can move it).
  [NFD]: { bytes: withReporter('钱伟'), expected: { status: 'article', id: 'caf\u00e9', mustContain: ['记者钱伟'] } },
  [NFC]: { bytes: withReporter('孙丽'), expected: { status: 'article', id: 'caf\u00e9-5996d1', mustContain: ['记者孙丽'], diagnostics: [{ rule: 'id', severity: 'warning' }] } },
  // Same id three ways: upper case, another folder, another extension.
  'X.txt': { bytes: withReporter('甲一'), expected: { status: 'article', id: 'X', mustContain: ['记者甲一'] } },
  'sub/x.txt': { bytes: withReporter('乙二'), expected: { status: 'article', id: 'x-914678', mustContain: ['记者乙二'] } },
  'x.html': { bytes: Buffer.from(`<p>${base.replace('王明', '丙三')}</p>`), expected: { status: 'article', id: 'x-bf3b79', format: 'html', mustContain: ['记者丙三'] } },
  [CONTROL_NAME]: { bytes: withReporter('丁四'), expected: { status: 'article', id: 'bad_name_[31m', mustContain: ['记者丁四'] } },
  // Not files: produced below by the file system itself.
  'dangling.txt': { expected: { status: 'skipped', reason: '^broken symbolic link$' } },
  'pipe.txt': { expected: { status: 'skipped', reason: '^not a regular file' } },
};

let dir: string;
let seedsBefore: Record<string, string>;
let corpus: Corpus;
let files: InputFile[];
const outcomes = new Map<string, { article?: Article; reasons: string[] }>();

beforeAll(() => {
  seedsBefore = hashSeeds();
  dir = mkdtempSync(join(tmpdir(), 'na-hostile-'));
  for (const f of readdirSync(FIXTURES)) if (f !== 'expected.json') copyFileSync(join(FIXTURES, f), join(dir, f));
  for (const [name, g] of Object.entries(generated)) {
    if (!g.bytes) continue;
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), g.bytes);
  }
  // Good articles next to the hostile ones: every one must still be published.
  mkdirSync(join(dir, 'seeds-copy'));
  for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(dir, 'seeds-copy', f));
  symlinkSync(join(dir, 'does-not-exist.txt'), join(dir, 'dangling.txt'));
  symlinkSync(dir, join(dir, 'loop')); // a link back to the folder itself: walked once
  execFileSync('mkfifo', [join(dir, 'pipe.txt')]);

  const read = readInputDir(dir);
  files = read.files;
  corpus = ingestCorpus(read.files);
  corpus.skipped.push(...read.problems);
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
      expect(got!.reasons.some((r) => new RegExp(want.reason!).test(r)), `${file}: ${got!.reasons.join(' | ')}`).toBe(true);
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

describe('hostile inputs through the CLI', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });

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
