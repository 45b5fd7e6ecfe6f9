import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashSeeds } from '../support/seeds.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });

describe('seeds/ is raw input: byte-exact and never written', () => {
  it('holds the five original articles with their published hashes', () => {
    // sha256 of the originals as delivered; a seed that differs is no longer the original.
    expect(hashSeeds()).toEqual({
      '000_df92d579d6d8ad85.txt': 'd21ad7beb31a041616fa20607eea4bd6a9da1435649f94c32a5dd1dbf2b41764',
      '001_8100e753179c915b.txt': '793c5f2edd4cd2bab20485a3f014882e5fec260cde909e030079827b1c92fdf7',
      '002_c554e1db008685c7.txt': 'b144ea7f3175f7243a63866ef20fa1a11013e8ee5e3034cc0673b1a42e5ebbb5',
      '003_fb3c97319014020c.txt': 'd339a4b66b9d22b345c5ae0846cfc0130b30a5d88cf3bc3c0af52df2580ddeb0',
      '004_d8659d5c0ee6c233.txt': '5d13b9e781f0e6d841c3fdfbc4fdef4d484840071bf7a761a6e3a0c0a43be1a1',
    });
  });

  it('`newsarchive ingest` leaves every seed byte-identical', () => {
    const before = hashSeeds();
    const out = join(mkdtempSync(join(tmpdir(), 'na-')), 'out.json');
    cli('ingest', '--json', out);
    expect(hashSeeds()).toEqual(before);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.articles).toHaveLength(5);
  });
});
