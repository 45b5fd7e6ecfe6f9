import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { profileStages } from './stages.ts';

/**
 * One measured variant, run in its own process so peak RSS is per variant. Prints one JSON line:
 * `{ seconds, maxRssMB, extra }`. Usage: `tsx child.ts <variant> '<json args>'`.
 */
type Args = Record<string, string | number | undefined>;

async function run(variant: string, a: Args): Promise<Record<string, unknown>> {
  switch (variant) {
    case 'floor': {
      // Read every raw file and write one page per article: the cost of touching the disk.
      const out = String(a.output);
      mkdirSync(out, { recursive: true });
      for (const f of readdirSync(String(a.input))) {
        const text = readFileSync(join(String(a.input), f), 'utf8');
        const dir = join(out, f.replace(/\.txt$/, ''));
        mkdirSync(dir);
        writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="zh"><meta charset="utf-8"><pre>${text.replace(/</g, '&lt;')}</pre></html>`);
      }
      return {};
    }
    case 'eleventy': {
      if (a.incremental) {
        // Eleventy's CLI `--incremental=FILE` (the programmatic API needs private init steps).
        const bin = fileURLToPath(new URL('../../node_modules/@11ty/eleventy/cmd.cjs', import.meta.url));
        const r = spawnSync(process.execPath, [bin, '--quiet', '--config=eleventy.config.mjs', '--input=src', `--output=${String(a.output)}`, `--incremental=${String(a.incremental)}`], {
          cwd: String(a.dir),
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(`eleventy --incremental failed: ${r.stderr}`);
        return {};
      }
      process.chdir(String(a.dir));
      const { Eleventy } = (await import('@11ty/eleventy')) as unknown as { Eleventy: new (i: string, o: string, opts: object) => EleventyLike };
      const elev = new Eleventy('src', String(a.output), { quietMode: true, configPath: 'eleventy.config.mjs' });
      await elev.write();
      return {};
    }
    case 'hugo': {
      const r = spawnSync('hugo', ['--quiet', '-s', String(a.dir), '-d', String(a.output)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`hugo failed: ${r.stderr}`);
      return {};
    }
    case 'ingest': {
      const { readInputDir } = await import('../io/read-input.ts');
      const { ingestCorpus } = await import('../build/ingest.ts');
      const { ArticleCache } = await import('../io/cache.ts');
      const { files } = readInputDir(String(a.input));
      const cache = a.cache ? new ArticleCache(String(a.cache)) : null;
      const corpus = await ingestCorpus(files, { threads: Number(a.threads ?? 2), cache, onProgress: progress });
      return { ...corpus.stats, articles: corpus.articles.length, skipped: corpus.skipped.length, cacheStats: cache?.stats ?? null };
    }
    case 'full': {
      // The compiled build (dist/, as `npm install` leaves it) when there is one: what users run.
      const compiled = new URL('../../dist/build/index.js', import.meta.url);
      const path = existsSync(compiled) ? compiled : new URL('../build/index.ts', import.meta.url);
      const { buildSite } = (await import(path.href)) as { buildSite: (o: object) => Promise<{ render: unknown }> };
      // Cold unless asked: the content-hash cache and page reuse are what `incremental` measures.
      const { render } = await buildSite({ input: String(a.input), output: String(a.output), base: '/', log: () => {}, cache: a.cache === 'on' });
      return { render };
    }
    case 'first-query': {
      const { measureFirstQuery } = await import('./first-query.ts');
      return { kb: await measureFirstQuery(String(a.site), JSON.parse(String(a.queries)) as string[]) };
    }
    case 'stages':
      return profileStages(String(a.input), Number(a.sample ?? 300));
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

interface EleventyLike {
  write(): Promise<unknown>;
}

/** A counter per stage on a terminal; nothing otherwise (CI logs stay clean). */
function progress(stage: string, done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r  ${stage} ${done}/${total}   `);
  if (done === total) process.stderr.write('\n');
}

const [variant, json] = process.argv.slice(2);
const t0 = performance.now();
run(variant!, JSON.parse(json ?? '{}') as Args).then(
  (extra) => {
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(`\n${JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, extra })}\n`);
    // Eleventy and the build's worker threads may leave handles open; the measurement is done.
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
