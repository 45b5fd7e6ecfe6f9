import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../src/site/site-data.ts';
import { seedCorpus } from '../support/seeds.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });

describe('newsarchive: a caller\'s mistake is one clear line and exit code 2', () => {
  it.each([
    [['ingest', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['build', '--site-url', 'example.org'], /--site-url must be an origin/],
  ])('%j', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage:/);
  });

  it('--help prints the usage and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/newsarchive ingest/);
  });
});

describe('newsarchive ingest --report', () => {
  it('prints per-field counts and the conflicts it found', () => {
    const r = run('ingest', '--report');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).articles).toHaveLength(5);
    expect(r.stderr).toMatch(/Field coverage/);
    expect(r.stderr).toMatch(/title\s+5\/5 \(derived 2\)/);
    expect(r.stderr).toMatch(/source-site-conflict/);
  });
});

describe('--site-url makes citations absolute', () => {
  it.each([
    ['', '/'],
    ['https://archive.example.org', '/'],
    ['https://archive.example.org/', '/sub/'],
  ])('origin %s, base %s', (origin, base) => {
    const site = buildSiteData(seedCorpus(), base, origin);
    const view = site.viewOf(0);
    const expected = `${origin.replace(/\/$/, '')}${base}articles/`;
    expect(view.jsonLd['url']).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(view.cite).toContain(expected);
  });
});
