import type { Measured } from './measure.ts';

export interface SearchFigure {
  seconds: number;
  peakRssMB: number;
  firstQueryKB: number;
  firstQuery3CharKB: number;
  shards: number;
}

export interface NResult {
  n: number;
  runs: number;
  floor: Measured;
  eleventy: Measured;
  hugo: Measured | null;
  ingest: Measured;
  full: Measured | null;
  stages: Record<string, number>;
  search: Partial<Record<string, SearchFigure>>;
  incremental: { ingestS: number; eleventyS: number; eleventyIncrementalWorked?: boolean; searchShardS: number; cacheStats: unknown };
}

/** The public contract of `--json` (issue 5): these names stay; extra keys are additions. */
export interface BenchJson {
  n: Record<string, { fullS: number | null; bareEleventyS: number; hugoS: number | null; floorS: number; peakRssMB: number | null } & Record<string, unknown>>;
  ratioVsEleventy: number | null;
  ratioVsHugo: number | null;
  scale20kOver4k: number | null;
  peakRssMB20k: number | null;
  incrementalRatio: number | null;
  firstQueryKB: number | null;
  [extra: string]: unknown;
}

const RECOMMENDED = 'bigram-shards';
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Our pipeline as it would run with the recommended index: ingest + Eleventy + sharded bigrams. */
function projected(r: NResult): { seconds: number; peakRssMB: number } | null {
  const s = r.search[RECOMMENDED] ?? r.search.bigram;
  if (!s) return null;
  return { seconds: r.ingest.seconds + r.eleventy.seconds + s.seconds, peakRssMB: Math.max(r.ingest.peakRssMB, r.eleventy.peakRssMB, s.peakRssMB) };
}

export function report(results: NResult[], env: { hasBuild: boolean; hasHugo: boolean; damage: boolean }): { text: string; json: BenchJson } {
  const at = results.find((r) => r.n === 4000) ?? [...results].filter((r) => r.n <= 4000).pop() ?? results[0]!;
  const big = results.find((r) => r.n === 20000) ?? null;
  const fullOf = (r: NResult | null) => r?.full?.seconds ?? null;
  const proj = (r: NResult | null) => (r ? projected(r) : null);
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? r2(a / b) : null);
  const inc = (r: NResult) => r.incremental.ingestS + r.incremental.eleventyS + r.incremental.searchShardS;

  const json: BenchJson = {
    n: Object.fromEntries(
      results.map((r) => [
        String(r.n),
        {
          fullS: r.full ? r2(r.full.seconds) : null,
          bareEleventyS: r2(r.eleventy.seconds),
          hugoS: r.hugo ? r2(r.hugo.seconds) : null,
          floorS: r2(r.floor.seconds),
          peakRssMB: r.full ? Math.round(r.full.peakRssMB) : null,
          ingestS: r2(r.ingest.seconds),
          ingestPeakRssMB: Math.round(r.ingest.peakRssMB),
          ingestStats: r.ingest.extra,
          projectedFullS: proj(r) ? r2(proj(r)!.seconds) : null,
          projectedPeakRssMB: proj(r) ? Math.round(proj(r)!.peakRssMB) : null,
          stagesMsPerArticle: Object.fromEntries(Object.entries(r.stages).map(([k, v]) => [k, r2(v)])),
          search: r.search,
          incremental: { ...r.incremental, totalS: r2(inc(r)) },
        },
      ]),
    ),
    ratioVsEleventy: ratio(fullOf(at), at.eleventy.seconds),
    ratioVsHugo: ratio(fullOf(at), at.hugo?.seconds),
    scale20kOver4k: ratio(fullOf(big), fullOf(at)),
    peakRssMB20k: big?.full ? Math.round(big.full.peakRssMB) : null,
    incrementalRatio: ratio(fullOf(at) != null ? inc(at) : null, fullOf(at)),
    firstQueryKB: at.search[RECOMMENDED]?.firstQueryKB ?? null,
    ratiosAtN: at.n,
    fullMeasured: env.hasBuild,
    damagedArticles: env.damage,
    projected: {
      note: 'ingest + bare Eleventy + sharded bigram Pagefind index, each measured; used while buildSite is absent or to compare',
      ratioVsEleventy: ratio(proj(at)?.seconds, at.eleventy.seconds),
      ratioVsHugo: ratio(proj(at)?.seconds, at.hugo?.seconds),
      scale20kOver4k: ratio(proj(big)?.seconds, proj(at)?.seconds),
      peakRssMB20k: proj(big) ? Math.round(proj(big)!.peakRssMB) : null,
      incrementalRatio: ratio(inc(at), proj(at)?.seconds),
    },
  };

  const lines: string[] = ['', 'newsarchive bench (medians; seconds; peak RSS of the process tree in MB)', ''];
  lines.push(['N', 'full', 'ingest', 'bare 11ty', 'hugo', 'fs floor', 'projected', 'peak MB (full|proj)'].map((s) => s.padEnd(11)).join(''));
  for (const r of results) {
    const p = proj(r);
    lines.push(
      [String(r.n), r.full ? r.full.seconds.toFixed(2) : 'n/m', r.ingest.seconds.toFixed(2), r.eleventy.seconds.toFixed(2), r.hugo ? r.hugo.seconds.toFixed(2) : 'n/a', r.floor.seconds.toFixed(2), p ? p.seconds.toFixed(2) : 'n/m', `${r.full ? r.full.peakRssMB.toFixed(0) : '—'}|${p ? p.peakRssMB.toFixed(0) : '—'}`]
        .map((s) => s.padEnd(11))
        .join(''),
    );
  }
  lines.push('', 'Search-index variants (one build each): seconds / peak MB / first query KB (2-char | 3-char)');
  for (const r of results) {
    for (const [v, s] of Object.entries(r.search)) lines.push(`  N=${r.n} ${v.padEnd(16)} ${s!.seconds.toFixed(2)} s  ${s!.peakRssMB.toFixed(0)} MB  ${s!.firstQueryKB} | ${s!.firstQuery3CharKB} KB  (${s!.shards} shard${s!.shards > 1 ? 's' : ''})`);
  }
  lines.push('', 'Stages (ms per article, single thread, sample):');
  for (const r of results) lines.push(`  N=${r.n} ${Object.entries(r.stages).map(([k, v]) => `${k} ${v.toFixed(2)}`).join('  ')}   (prior: ms per build)`);
  lines.push('', 'Incremental (one article changed): cached ingest + Eleventy --incremental + one index shard');
  for (const r of results) {
    const note = r.incremental.eleventyIncrementalWorked === false ? ' (Eleventy --incremental failed: full Eleventy build counted)' : '';
    lines.push(`  N=${r.n} ${r.incremental.ingestS.toFixed(2)} + ${r.incremental.eleventyS.toFixed(2)} + ${r.incremental.searchShardS.toFixed(2)} = ${inc(r).toFixed(2)} s${note}`);
  }
  const t = (label: string, v: number | null, target: number, unit = '×') => `  ${label.padEnd(34)} ${v == null ? 'not measured' : `${v}${unit}`}  (target ≤ ${target}${unit}) ${v == null ? '' : v <= target ? 'MET' : 'MISSED'}`;
  lines.push('', `Targets (at N=${at.n})${env.hasBuild ? '' : ' — buildSite absent: the full pipeline is not measured; projected figures below'}`);
  lines.push(t('full / bare Eleventy', json.ratioVsEleventy, 1.5), t('full / Hugo', json.ratioVsHugo, 3), t('20k / 4k', json.scale20kOver4k, 5.5), t('peak RSS at 20k', json.peakRssMB20k, 2048, ' MB'), t('incremental / full', json.incrementalRatio, 0.1), t('first query', json.firstQueryKB, 300, ' KB'));
  const pj = json.projected as Record<string, number | null>;
  lines.push('  projected:', t('full / bare Eleventy', pj.ratioVsEleventy ?? null, 1.5), t('full / Hugo', pj.ratioVsHugo ?? null, 3), t('20k / 4k', pj.scale20kOver4k ?? null, 5.5), t('peak RSS at 20k', pj.peakRssMB20k ?? null, 2048, ' MB'), t('incremental / full', pj.incrementalRatio ?? null, 0.1));
  if (!env.hasHugo) lines.push('  (hugo not installed: Hugo not measured)');
  if (!env.damage) lines.push('  (no damage model: generated articles are clean)');
  return { text: lines.join('\n') + '\n', json };
}
