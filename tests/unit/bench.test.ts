import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/bench/corpus.ts';
import { writeEleventyProject, writeHugoProject } from '../../src/bench/projects.ts';
import { report, type NResult } from '../../src/bench/report.ts';

// Correctness of the bench's parts only: no timing is asserted anywhere.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('synthetic corpus', () => {
  const a = generateCorpus(60, { seed: 7 });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateCorpus(60, { seed: 7 }).map((x) => x.raw)).toEqual(a.map((x) => x.raw));
    expect(generateCorpus(5, { seed: 8 })[0]!.raw).not.toBe(a[0]!.raw);
  });

  it('has officials who recur across articles, as in a regional archive', () => {
    const big = generateCorpus(400, { seed: 7 });
    const names = big.flatMap((x) => [...x.raw.matchAll(/(?:市长|县长|区长|书记)([\u4e00-\u9fff]{2,3}?)(?=在|参加|，|。)/gu)].map((m) => m[1]!));
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    expect(names.length).toBeGreaterThan(200);
    // Most mentions are of people named in more than one article.
    expect(names.filter((n) => counts.get(n)! > 1).length / names.length).toBeGreaterThan(0.8);
  });

  it('has 2–8 KB articles in both scripts with dates in 2019–2024 and distinct names', () => {
    for (const x of a) {
      const kb = Buffer.byteLength(x.raw) / 1024;
      expect(kb).toBeGreaterThan(1.5);
      expect(kb).toBeLessThan(9);
      expect(Number(x.date.slice(0, 4))).toBeGreaterThanOrEqual(2019);
      expect(Number(x.date.slice(0, 4))).toBeLessThanOrEqual(2024);
    }
    expect(a.some((x) => x.script === 'hant')).toBe(true);
    expect(a.some((x) => x.script === 'hans')).toBe(true);
    expect(new Set(a.map((x) => x.name)).size).toBe(a.length);
  });

  it('damages some articles when given a damage model', () => {
    const damaged = generateCorpus(40, { seed: 3, damaged: 0.5, damage: (t) => ({ damaged: `${t}(damaged)` }) });
    expect(damaged.filter((x) => x.damaged).length).toBeGreaterThan(5);
    expect(damaged.filter((x) => x.damaged).every((x) => x.raw.endsWith('(damaged)'))).toBe(true);
  });
});

describe('comparison projects', () => {
  it('write one Markdown file per article for Eleventy and Hugo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'na-bench-'));
    dirs.push(dir);
    const a = generateCorpus(12, { seed: 2 });
    writeEleventyProject(join(dir, 'e'), a);
    writeHugoProject(join(dir, 'h'), a);
    expect(readdirSync(join(dir, 'e', 'src', 'articles')).filter((f) => f.endsWith('.md'))).toHaveLength(12);
    expect(readdirSync(join(dir, 'h', 'content', 'articles'))).toHaveLength(12);
  });
});

describe('bench report', () => {
  const m = (seconds: number) => ({ seconds, peakRssMB: 100, extra: {} });
  const r = (n: number, full: number | null): NResult => ({
    n,
    runs: 1,
    floor: m(0.5),
    eleventy: m(6),
    hugo: m(2),
    ingest: m(10),
    full: full == null ? null : m(full),
    stages: { decode: 0.2 },
    firstQuery: { 发展: { raw: 290, gzip: 180 }, 鹿寨县: { raw: 310, gzip: 120 } },
    incremental: full == null ? null : { warmS: full + 1, rebuildS: 3, peakRssMB: 500, render: {} },
    files: full == null ? null : { siteMB: n / 100, count: n * 4, largestMB: n / 2000, largest: 'data/articles.jsonl' },
  });

  it('keeps the JSON contract of issue 5 and says null where nothing was measured', () => {
    const { json } = report([r(1000, null), r(4000, 12)], { hasBuild: true, hasHugo: true, damage: true });
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['n', 'ratioVsEleventy', 'ratioVsHugo', 'scale20kOver4k', 'peakRssMB20k', 'incrementalRatio', 'firstQueryKB']));
    expect(Object.keys(json.n['4000']!)).toEqual(expect.arrayContaining(['fullS', 'bareEleventyS', 'hugoS', 'floorS', 'peakRssMB']));
    expect(json.ratioVsEleventy).toBe(2);
    expect(json.ratioVsHugo).toBe(6);
    expect(json.scale20kOver4k).toBeNull();
    expect(json.n['1000']!.fullS).toBeNull();
    expect(json.incrementalRatio).toBe(0.25);
    // The worst of the measured first queries.
    expect(json.firstQueryKB).toBe(180);
    expect(json.firstQueryRawKB).toBe(310);
    expect(json.n['1000']!.incremental).toBeNull();
    // The 20k site figures (issue 16): null without a 20,000 run, taken from it when there is one.
    expect(json.largestFileMB20k).toBeNull();
    expect(json.siteMB20k).toBeNull();
    const big = report([r(4000, 12), r(20000, 60)], { hasBuild: true, hasHugo: true, damage: true }).json;
    expect(big.largestFileMB20k).toBe(10);
    expect(big.siteMB20k).toBe(200);
    expect(big.scale20kOver4k).toBe(5);
    expect(report([r(20000, 60)], { hasBuild: true, hasHugo: true, damage: true }).json.scale20kOver4k).toBeNull();
  });

  it('tells a rebuild of 0.104 of a full build from the target 0.10 (not rounded to a pass)', () => {
    const close = { ...r(4000, 49.44), incremental: { warmS: 50, rebuildS: 5.16, peakRssMB: 500, render: {} } };
    const { json, text } = report([close], { hasBuild: true, hasHugo: true, damage: true });
    expect(json.incrementalRatio).toBe(0.104);
    expect(text).toMatch(/incremental \/ full\s+0\.104×\s+\(target ≤ 0\.1×\) MISSED/);
  });
});
