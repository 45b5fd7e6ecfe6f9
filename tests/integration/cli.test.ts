import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../src/site/site-data.ts';
import { seedCorpus } from '../support/seeds.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });

describe("newsarchive: a caller's mistake is one clear line and exit code 2", () => {
  it.each([
    [['ingest', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['build', '--site-url', 'example.org'], /--site-url must be an origin/],
    [['build', '--site-url', 'https://ex"ample.org'], /--site-url must be an origin/],
    [['build', '--input', 'no-such-folder'], /--input 'no-such-folder': no such folder/],
    [['ingest', '--input', 'package.json'], /--input 'package.json' is a file/],
    [['build', '--output', 'package.json'], /--output 'package.json' is a file, not a folder/],
    [['ingest', '--json', 'seeds/out.json'], /--json 'seeds\/out.json' is inside the input folder/],
    [['ingest', '--json', 'tests'], /--json 'tests' is a folder/],
    [['build', '--base', '/a b/'], /--base must be a path/],
    [['build', '--base', "/a'b/"], /--base must be a path/],
    [['build', '--base', 'archive'], /--base must be a path/],
    [['serve', '--output', 'no-such-folder'], /--output 'no-such-folder': no such folder/],
    [['serve', '--output', 'seeds', '--port', 'abc'], /--port must be a number/],
    [['serve', '--output', 'seeds', '--port', '70000'], /--port must be a number/],
  ])('%j', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage:/);
  });

  it.each([[['--help']], [['build', '--help']], [['ingest', '-h']], [['serve', '--help']]])('%j prints the usage and exits 0', (args) => {
    const r = run(...args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/newsarchive ingest/);
    expect(r.stderr).toBe('');
  });
});

describe("a busy port is a caller's mistake, not a crash", () => {
  it('serve on a port another program holds: one line, exit 2', async () => {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const port = (server.address() as AddressInfo).port;
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'serve', '--output', 'seeds', '--port', String(port)], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    server.close();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/port is already in use/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('an input that yields no article never replaces an archive that has some', () => {
  it('refuses with one line and leaves the site as it was; --allow-empty replaces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'na-empty-'));
    const input = join(dir, 'in');
    const empty = join(dir, 'empty');
    const out = join(dir, 'site');
    mkdirSync(input);
    mkdirSync(empty);
    copyFileSync(join(root, 'seeds', readdirSync(join(root, 'seeds')).sort()[0]!), join(input, 'a.txt'));
    const first = run('build', '--input', input, '--output', out, '--no-cache');
    expect(first.status).toBe(0);
    // The build ends by saying where the site is and how to view it.
    expect(first.stderr).toContain(`The site is in ${out}/. To view it: npx newsarchive serve --output ${out}`);
    const before = readFileSync(join(out, 'data', 'build-report.json'), 'utf8');
    const refused = run('build', '--input', empty, '--output', out, '--no-cache');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/no article came out of .*empty.*is left as it is; pass --allow-empty/);
    expect(readFileSync(join(out, 'data', 'build-report.json'), 'utf8')).toBe(before);
    const allowed = run('build', '--input', empty, '--output', out, '--no-cache', '--allow-empty');
    expect(allowed.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'data', 'build-report.json'), 'utf8')).totals.published).toBe(0);
    rmSync(dir, { recursive: true, force: true });
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
