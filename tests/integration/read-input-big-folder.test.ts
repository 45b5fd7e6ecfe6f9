import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputDir } from '../../src/io/read-input.ts';

// The reader's other cases are tests/unit/read-input-links.test.ts; this one writes 130,000 files.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'na-links-'));
  dirs.push(d);
  return d;
};

describe('a folder of very many files is read without exhausting the stack', () => {
  it('130,000 files in one folder', () => {
    const dir = temp();
    for (let i = 0; i < 130_000; i++) writeFileSync(join(dir, `${i}.txt`), '');
    const { files } = readInputDir(dir);
    expect(files).toHaveLength(130_000);
  }, 120_000);
});
