import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../../src/article.ts';
import { ingestCorpusSync } from '../../src/build/ingest.ts';
import { MAX_INPUT_BYTES } from '../../src/ingest/decode.ts';
import { MAX_HTML_DEPTH } from '../../src/ingest/html.ts';
import type { InputFile } from '../../src/ingest/index.ts';
import { readInputDir } from '../../src/io/read-input.ts';
import { unpackCorpus } from '../../src/packed-article.ts';
import { SEEDS_DIR } from './seeds.ts';

/**
 * Issue 6: hostile inputs, shared by tests/unit/robustness.test.ts (in process) and
 * tests/integration/robustness-cli.test.ts (through the CLI). Every committed fixture in
 * tests/fixtures/hostile/ has its expected outcome in expected.json; large, binary and
 * file-system-specific inputs (names that only some file systems allow, links, pipes) are
 * generated here.
 */

export interface Expected {
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

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = join(root, 'tests/fixtures/hostile');
export const manifest = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;
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

export const generated: Record<string, { bytes?: Uint8Array | Buffer; expected: Expected }> = {
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
    bytes: Buffer.concat([
      Buffer.from([0xff, 0xfe, 0, 0]),
      ...[...base].map((c) => {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(c.codePointAt(0)!);
        return b;
      }),
    ]),
    expected: { status: 'article', encoding: 'utf-32le', mustContain: ['全市乡村振兴工作推进会'] },
  },
  'one-char-10000-lines.txt': { bytes: Buffer.from('啊\n'.repeat(10_000)), expected: { status: 'article', mustContain: ['啊'] } },
  'deep-nesting-10000.html': {
    bytes: Buffer.from(`<html><body>${'<div>'.repeat(10_000)}<p>${base.split('\n')[1]}</p>${'</div>'.repeat(10_000)}</body></html>`),
    expected: {
      status: 'article',
      format: 'html',
      mustContain: ['全市乡村振兴工作推进会'],
      diagnostics: [{ rule: 'html-depth', severity: 'warning', message: `nested about 1000\\d elements deep \\(limit ${MAX_HTML_DEPTH}\\)` }],
    },
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

/** A temporary folder with every hostile input, committed and generated, and a copy of the seeds. */
export function makeHostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'na-hostile-'));
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
  return dir;
}

/** `readInputDir` + `ingestCorpus` over a folder, as the CLI runs them; the reader's problems join the skips. */
export function readAndIngest(dir: string): { files: InputFile[]; corpus: Corpus } {
  const read = readInputDir(dir);
  const corpus = unpackCorpus(ingestCorpusSync(read.files));
  corpus.skipped.push(...read.problems);
  return { files: read.files, corpus };
}
