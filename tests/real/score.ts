/**
 * The real-page scorer: every page of `tests/real/pages/` through the whole pipeline (as one
 * corpus, as a user's folder would be), compared field by field with what a reader checked by
 * hand. Shared by `npm run eval:real` (the table) and `real-pages.test.ts` (the ratchet).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/article.ts';
import { ingestCorpusSync } from '../../src/build/ingest.ts';
import { unpackCorpus } from '../../src/packed-article.ts';
import { toSimplified } from '../../src/text/script.ts';

export const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));

export interface Expected {
  title: string | null;
  date: { value: string | null; precision: string };
  outlet: string | null;
  site: string | null;
  reporters: string[];
  authors: string[];
  editors: string[];
  officials: Array<{ name: string; posts: string[] }>;
  bodyStart: string;
  bodyEnd: string;
}

export interface RealPage {
  name: string;
  file: string;
  set: string;
  source: { repo: string; path: string; commit: string; url: string | null };
  expected: Expected;
}

/** Every page with its expectations, sorted by name. */
export function loadPages(dir = PAGES_DIR): RealPage[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return names.flatMap((json) => {
    const meta = JSON.parse(readFileSync(dir + json, 'utf8'));
    const base = json.replace(/\.json$/, '');
    const file = readdirSync(dir).find((f) => f !== json && f.startsWith(base + '.'));
    if (!file) return [];
    return [{ name: base, file, set: meta.set ?? 'news', source: meta.source, expected: meta.expected }];
  });
}

/** Width and space folded, Simplified: how a title or a name is compared. */
export function norm(s: string | null | undefined): string {
  return toSimplified((s ?? '').normalize('NFKC')).replace(/[\s\u00a0\u3000]+/gu, '');
}

export interface PageScore {
  name: string;
  set: string;
  bodyFound: boolean;
  bodyExact: boolean;
  title: boolean;
  date: boolean;
  outlet: boolean;
  site: boolean;
  /** Expected byline names, and how many were found in the right role. */
  bylineNames: number;
  bylineRight: number;
  /** Names found in a byline role that the reader did not list. */
  bylineExtra: number;
  officialsExpected: number;
  officialsFound: number;
  officialsRight: number;
  got: { title: string | null; date: string | null; outlet: string | null; site: string | null; bylines: string; officials: string; body: string };
}

const ROLE_GROUPS: Record<'reporters' | 'authors' | 'editors', Array<keyof Article['bylines']>> = {
  reporters: ['reporters'],
  authors: ['authors'],
  editors: ['editors', 'chiefEditors', 'reviewers'],
};

/**
 * The body as a reader sees it on the page: the lines from the first body line to the last, with
 * a credit split off the start of the first (`新华社北京1月1日电（记者 X）`), which readers
 * count as the first paragraph's start, and nothing after the last body piece of the last line.
 */
function bodyRegion(a: Article | undefined): string[] {
  if (!a) return [];
  const segs = a.segments;
  const isBody = (k: string) => k === 'body' || k === 'heading';
  let first = segs.findIndex((s) => isBody(s.kind));
  if (first < 0) return [];
  let last = first;
  segs.forEach((s, i) => isBody(s.kind) && (last = i));
  while (first > 0 && segs[first - 1]!.line === segs[first]!.line) first--;
  const out: string[] = [];
  for (let i = first; i <= last; i++) {
    const s = segs[i]!;
    if (s.kind === 'blank') continue;
    if (out.length && i > first && s.line === segs[i - 1]!.line) out[out.length - 1] += s.text;
    else out.push(s.text);
  }
  return out;
}

/** A date matches when the extracted value agrees with the expected one at its precision (or finer). */
function dateMatches(got: string | null, want: string | null): boolean {
  if (want === null) return got === null;
  if (got === null) return false;
  return got.replace(/[+-]\d{2}:\d{2}$|Z$/, '').startsWith(want);
}

export function scorePage(page: RealPage, a: Article | undefined): PageScore {
  const e = page.expected;
  const region = bodyRegion(a);
  const text = norm(region.join('\n'));
  const lines = region.map(norm).filter(Boolean);
  const start = norm(e.bodyStart);
  const end = norm(e.bodyEnd);
  const b = a?.bylines;
  let bylineNames = 0;
  let bylineRight = 0;
  const expectedAll = new Set<string>();
  for (const role of ['reporters', 'authors', 'editors'] as const) {
    const got = new Set(ROLE_GROUPS[role].flatMap((r) => b?.[r] ?? []).map(norm));
    for (const n of e[role] ?? []) {
      bylineNames++;
      expectedAll.add(norm(n));
      if (got.has(norm(n))) bylineRight++;
    }
  }
  const gotAll = new Set(b ? Object.values(b).flat().map(norm) : []);
  const bylineExtra = [...gotAll].filter((n) => !expectedAll.has(n)).length;
  const wantOfficials = new Set(e.officials.map((o) => norm(o.name)));
  const gotOfficials = new Set((a?.officials ?? []).map((o) => norm(o.nameHans)));
  return {
    name: page.name,
    set: page.set,
    bodyFound: !!a && text.length > 0 && text.includes(start) && text.includes(end),
    bodyExact: !!a && lines.length > 0 && lines[0]!.startsWith(start) && lines[lines.length - 1]!.endsWith(end),
    title: !!a && norm(a.title?.value) === norm(e.title),
    date: !!a && dateMatches(a.date?.value ?? null, e.date.value),
    outlet: !!a && norm(a.outlet?.value) === norm(e.outlet),
    site: !!a && norm(a.site?.value) === norm(e.site),
    bylineNames,
    bylineRight,
    bylineExtra,
    officialsExpected: wantOfficials.size,
    officialsFound: gotOfficials.size,
    officialsRight: [...gotOfficials].filter((n) => wantOfficials.has(n)).length,
    got: {
      title: a?.title?.value ?? null,
      date: a?.date?.value ?? null,
      outlet: a?.outlet?.value ?? null,
      site: a?.site?.value ?? null,
      bylines: b ? JSON.stringify(Object.fromEntries(Object.entries(b).filter(([, v]) => v.length))) : '',
      officials: (a?.officials ?? []).map((o) => `${o.name}(${o.posts.join('；')})`).join(' '),
      body: a ? `${a.text.slice(0, 20)} … ${a.text.slice(-20)}` : '(skipped)',
    },
  };
}

export interface Summary {
  pages: number;
  bodyFound: number;
  bodyExact: number;
  title: number;
  date: number;
  outlet: number;
  site: number;
  bylines: number;
  bylinePrecision: number;
  officialsPrecision: number;
  officialsRecall: number;
  officialsF1: number;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function summarize(scores: PageScore[]): Summary {
  const count = (f: (s: PageScore) => boolean) => ratio(scores.filter(f).length, scores.length);
  const sum = (f: (s: PageScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const p = ratio(
    sum((s) => s.officialsRight),
    sum((s) => s.officialsFound),
  );
  const r = ratio(
    sum((s) => s.officialsRight),
    sum((s) => s.officialsExpected),
  );
  const right = sum((s) => s.bylineRight);
  return {
    pages: scores.length,
    bodyFound: count((s) => s.bodyFound),
    bodyExact: count((s) => s.bodyExact),
    title: count((s) => s.title),
    date: count((s) => s.date),
    outlet: count((s) => s.outlet),
    site: count((s) => s.site),
    bylines: ratio(
      right,
      sum((s) => s.bylineNames),
    ),
    bylinePrecision: ratio(right, right + sum((s) => s.bylineExtra)),
    officialsPrecision: p,
    officialsRecall: r,
    officialsF1: p + r === 0 ? 0 : (2 * p * r) / (p + r),
  };
}

/** Ingest every page as one corpus and score each. */
export function scoreCorpus(dir = PAGES_DIR): { scores: PageScore[]; skipped: Array<{ file: string; reason: string }> } {
  const pages = loadPages(dir);
  const corpus = unpackCorpus(ingestCorpusSync(pages.map((p) => ({ name: p.file, bytes: readFileSync(dir + p.file) }))));
  const byFile = new Map(corpus.articles.map((a) => [a.sourceFile, a]));
  return { scores: pages.map((p) => scorePage(p, byFile.get(p.file))), skipped: corpus.skipped };
}
