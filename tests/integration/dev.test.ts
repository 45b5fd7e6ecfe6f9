import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/index.ts';

/**
 * `npm run dev` is Eleventy's own command over `templates/` with this project's config: run once
 * without `--serve`, it must write the same pages as the build (everything but the data exports).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'newsarchive-dev-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('Eleventy run by its own command (npm run dev)', () => {
  it('renders templates/ in place over the last ingest, the same pages as the build', async () => {
    const site = join(work, 'site');
    await buildSite({ input: join(ROOT, 'seeds'), output: site });
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'node_modules/@11ty/eleventy/cmd.cjs'), '--config=src/site/eleventy.config.ts', '--quiet', `--output=${join(work, 'dev')}`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NEWSARCHIVE_INPUT: join(ROOT, 'seeds'), NEWSARCHIVE_OUTPUT: site },
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const built = files(site);
    const dev = files(join(work, 'dev'));
    const pages = [...built.keys()].filter((k) => !k.startsWith('data/') && !k.endsWith('article.json')).sort();
    expect([...dev.keys()].sort()).toEqual(pages);
    for (const k of pages) expect(dev.get(k), k).toBe(built.get(k));
    expect(existsSync(join(work, 'dev', 'search-index', 'meta.json'))).toBe(true);
  }, 300_000);
});
