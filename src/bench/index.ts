import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { toSimplified } from '../text/script.ts';
import { generateCorpus, loadDamageModel, type SynthArticle } from './corpus.ts';
import { measure, median, type Measured } from './measure.ts';
import { writeEleventyProject, writeHugoProject, writeRawFiles } from './projects.ts';
import { report, type NResult, type BenchJson } from './report.ts';

/**
 * `npm run bench -- [--n 1000,4000,20000] [--runs 3] [--seed 1] [--json out.json] [--keep]
 *   [--full-runs 1] [--skip-full] [--incremental-max 4000]`
 *
 * Generates N articles, then times in child processes, side by side: our full build (cold: no
 * cache), bare Eleventy, Hugo, the fs floor and parallel ingestion alone; then the per-stage
 * profile, the first search query in Chromium (what it downloads of our search index), and a
 * rebuild after changing one article (cache and page reuse on; the median of `--runs` rebuilds,
 * each after one more article changed).
 */
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000,4000,20000' },
    runs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'full-runs': { type: 'string' },
    'skip-full': { type: 'boolean', default: false },
    'incremental-max': { type: 'string', default: '4000' },
  },
});

const ns = values
  .n!.split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const seed = Number(values.seed);
const hasHugo = ['/usr/bin/hugo', '/usr/local/bin/hugo'].some(existsSync);
const hasBuild = !values['skip-full'] && existsSync(new URL('../build/index.ts', import.meta.url));
const log = (s: string) => process.stderr.write(`${s}\n`);

/** A measurement that fails is reported and left out; the other figures are still worth having. */
async function attempt<T>(label: string, f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (err) {
    log(`  ${label}: FAILED (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

async function timed(label: string, runs: number, variant: string, args: (run: number) => Record<string, unknown>): Promise<Measured & { all: number[] }> {
  const got: Measured[] = [];
  for (let r = 0; r < runs; r++) {
    got.push(await measure(variant, args(r)));
    log(`  ${label} run ${r + 1}/${runs}: ${got[r]!.seconds.toFixed(2)} s, ${got[r]!.peakRssMB.toFixed(0)} MB`);
  }
  const secs = got.map((g) => g.seconds);
  return { seconds: median(secs), peakRssMB: Math.max(...got.map((g) => g.peakRssMB)), extra: got[got.length - 1]!.extra, all: secs };
}

async function benchN(n: number, damage: Awaited<ReturnType<typeof loadDamageModel>>): Promise<NResult> {
  const runs = Number(values.runs ?? (n <= 4000 ? 3 : 1));
  const root = join(tmpdir(), `newsarchive-bench-${n}-${process.pid}`);
  mkdirSync(root, { recursive: true });
  log(`\nN = ${n} (${runs} run${runs > 1 ? 's' : ''}) in ${root}`);
  const articles = generateCorpus(n, { seed, damage });
  const raw = join(root, 'raw');
  writeRawFiles(raw, articles);
  writeEleventyProject(join(root, 'eleventy'), articles);
  if (hasHugo) writeHugoProject(join(root, 'hugo'), articles);
  log(`  generated: ${articles.filter((a) => a.script === 'hant').length} Traditional, ${articles.filter((a) => a.damaged).length} damaged${damage ? '' : ' (no damage model: clean only)'}`);

  // Fresh output folders per run: deleting and rewriting one folder is slow on this disk.
  const out = (name: string, r: number) => join(root, `out-${name}-${r}`);
  const floor = await timed('floor', runs, 'floor', (r) => ({ input: raw, output: out('floor', r) }));
  const eleventy = await timed('bare eleventy', runs, 'eleventy', (r) => ({ dir: join(root, 'eleventy'), output: out('eleventy', r) }));
  const hugo = hasHugo ? await timed('hugo', runs, 'hugo', (r) => ({ dir: join(root, 'hugo'), output: out('hugo', r) })) : null;
  const ingest = await timed('ingest (parallel)', runs, 'ingest', () => ({ input: raw, threads: 2 }));
  const full = hasBuild ? await attempt('full', () => timed('full (buildSite, cold)', Number(values['full-runs'] ?? runs), 'full', (r) => ({ input: raw, output: out('full', r) }))) : null;

  // What a static host receives: the site's total size and its largest file.
  const files = full ? siteFiles(out('full', 0)) : null;
  if (files) log(`  site: ${files.siteMB} MB in ${files.count} files; largest ${files.largestMB} MB (${files.largest})`);

  const stages = (await measure('stages', { input: raw, sample: Math.min(n, 300) })).extra as Record<string, number>;
  log(
    `  stages (ms/article): ${Object.entries(stages)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')}`,
  );

  // The first query, in a real browser over the site the full build wrote.
  const queries = firstQueries(articles);
  const fq = full ? await attempt('first query', () => measure('first-query', { site: out('full', 0), queries: JSON.stringify(queries) })) : null;
  const firstQuery = (fq?.extra.kb as NResult['firstQuery'] | undefined) ?? null;
  if (firstQuery)
    log(
      `  first query (KB of search index and engine, gzip / stored): ${Object.entries(firstQuery)
        .map(([q, kb]) => `${q} ${kb.gzip} / ${kb.raw}`)
        .join(', ')}`,
    );

  // Incremental: a build with the cache on, then, `runs` times, one more article changed and the
  // same build again; the median, as for every other variant (a single rebuild varied by 20 %).
  // By default only up to 4,000 articles, where the ratio is taken.
  let incremental: NResult['incremental'] = null;
  if (full && n <= Number(values['incremental-max'])) {
    const incOut = out('inc', 0);
    const warm = await measure('full', { input: raw, output: incOut, cache: 'on' });
    const again = await timed('rebuild after changing one article', runs, 'full', (r) => {
      const victim = articles[(Math.floor(n / 2) + r) % n]!;
      writeFileSync(join(raw, victim.name), readFileSync(join(raw, victim.name), 'utf8').replace(/。/u, '，并且。'));
      return { input: raw, output: incOut, cache: 'on' };
    });
    incremental = { warmS: warm.seconds, rebuildS: again.seconds, peakRssMB: again.peakRssMB, render: again.extra.render };
    log(`  incremental: first build with cache ${warm.seconds.toFixed(2)} s; after changing one article ${again.seconds.toFixed(2)} s (median) ${JSON.stringify(again.extra.render)}`);
  }

  if (!values.keep) rmSync(root, { recursive: true, force: true });
  return { n, runs, floor, eleventy, hugo, ingest, full, stages, firstQuery, incremental, files };
}

/**
 * Queries for the first-search measurement: the most frequent character pair of the corpus (the
 * longest posting list: the worst case for a 2-character word), a place name and an outlet.
 */
function firstQueries(articles: readonly SynthArticle[]): string[] {
  const counts = new Map<string, number>();
  for (const a of articles.slice(0, 300)) {
    const text = toSimplified(a.body.join(''));
    for (let i = 0; i + 1 < text.length; i++) {
      const pair = text.slice(i, i + 2);
      if (/^\p{Script=Han}{2}$/u.test(pair)) counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '发展';
  return [top, toSimplified(articles[0]!.county), toSimplified(articles[1]?.outlet ?? articles[0]!.outlet)];
}

const damage = await loadDamageModel();
const results: NResult[] = [];
for (const n of ns) results.push(await benchN(n, damage));
const { text, json } = report(results, { hasBuild, hasHugo, damage: !!damage });
process.stdout.write(text);
if (values.json) writeFileSync(values.json, JSON.stringify(json satisfies BenchJson, null, 2) + '\n');

/** Size of a built site and of its largest file, in MB. */
function siteFiles(dir: string): NResult['files'] {
  let total = 0;
  let count = 0;
  let largest = { path: '', bytes: 0 };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const bytes = statSync(p).size;
        total += bytes;
        count++;
        if (bytes > largest.bytes) largest = { path: relative(dir, p), bytes };
      }
    }
  };
  walk(dir);
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 100) / 100;
  return { siteMB: mb(total), count, largestMB: mb(largest.bytes), largest: largest.path };
}
