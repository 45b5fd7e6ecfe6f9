import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../support/temp-dirs.ts';
import { readInputDir } from '../../src/io/read-input.ts';

// The reader's other cases are tests/unit/read-input-links.test.ts; this one writes 130,000 files.
const temp = tempDirs('na-links-');

describe('a folder of very many files is read without exhausting the stack', () => {
  it('130,000 files in one folder', () => {
    const dir = temp();
    for (let i = 0; i < 130_000; i++) writeFileSync(join(dir, `${i}.txt`), '');
    const { files } = readInputDir(dir);
    expect(files).toHaveLength(130_000);
  }, 120_000);
});
