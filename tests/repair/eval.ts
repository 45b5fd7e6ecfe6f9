/**
 * `npm run eval:repair`: the seeds' damage (and the wider damage of real GBK streams) applied to
 * texts the repairs were never tuned on, the bodies of the real-page corpus, then repaired as a
 * build repairs them (the corpus prior comes from the other damaged texts). Prints glosses and
 * scars left, characters recovered, byte events restored exactly or marked in place with U+FFFD,
 * and time. `-- --json` prints the figures; `-- --events` lists every event that was missed.
 */
import { readFileSync } from 'node:fs';
import { diffChars } from 'diff';
import { buildNgramPrior } from '../../src/ingest/prior.ts';
import { repairText } from '../../src/ingest/repair/index.ts';
import { isTonedSyllable } from '../../src/ingest/repair/pinyin.ts';
import { toSimplified } from '../../src/text/script.ts';
import { ingestCorpusSync } from '../../src/build/ingest.ts';
import { unpackCorpus } from '../../src/packed-article.ts';
import { damageText, type ByteEvent } from '../../src/synth/damage.ts';
import { loadPages } from '../real/score.ts';

const PAGES = new URL('../real/pages/', import.meta.url).pathname;

export interface EvalOptions {
  /** How many texts (the longest bodies of the corpus, in name order). */
  texts?: number;
  /** Lead bytes lost per text at random places. */
  lostPerText?: number;
  seed?: number;
}

export interface DocResult {
  name: string;
  script: 'traditional' | 'simplified';
  chars: number;
  glosses: number;
  glossesLeft: number;
  scarsLeft: number;
  matched: number;
  events: Array<ByteEvent & { outcome: 'exact' | 'marked' | 'missed'; got: string; want: string }>;
  ms: number;
}

export interface EvalSummary {
  texts: number;
  glosses: number;
  glossesLeft: number;
  scarsLeft: number;
  charsPct: number;
  events: number;
  exact: number;
  restoredOrMarked: number;
  maxMs: number;
  /** A document of 100,000 characters (the damaged texts joined): its repair time. */
  ms100k: number;
  /** 100 KB of dense mojibake (one damaged run repeated): its repair time. */
  msDense100k: number;
}

/** Clean bodies of the real-page corpus: long enough to carry damage, in name order. */
export function cleanTexts(count: number): Array<{ name: string; text: string }> {
  const pages = loadPages(PAGES);
  const corpus = unpackCorpus(ingestCorpusSync(pages.map((p) => ({ name: p.file, bytes: readFileSync(PAGES + p.file) }))));
  return corpus.articles
    .map((a) => ({ name: a.sourceFile, text: a.text }))
    .filter((t) => [...t.text].length >= 800 && !t.text.includes('\uFFFD'))
    .slice(0, count);
}

const GLOSS = /\(([^\s()]{1,7})\)/g;
const SCAR = /\?([^\s()?]{1,7})\)/g;

/** Width folded, spaces dropped: how original and repair are compared, with an index map. */
function comparable(text: string): { chars: string[]; at: number[] } {
  const chars: string[] = [];
  const at: number[] = [];
  [...text].forEach((ch, k) => {
    const n = ch.normalize('NFKC');
    if (/^\s+$/u.test(n) || ch === '\u00a0') return;
    for (const c of n) {
      chars.push(c);
      at.push(k);
    }
  });
  return { chars, at };
}

/** Scores one repaired text against its original. */
function scoreDoc(original: string, repaired: string, events: ByteEvent[]): Pick<DocResult, 'matched' | 'events'> {
  const a = comparable(original);
  const b = comparable(repaired.replace(GLOSS, (m, py: string) => (isTonedSyllable(py) ? '' : m)));
  // Original code point index → what the repair has in its place (a char, or null if deleted).
  const inPlace = new Map<number, string | null>();
  let i = 0;
  let matched = 0;
  const parts = diffChars(a.chars.join(''), b.chars.join(''));
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const n = [...part.value].length;
    if (!part.added && !part.removed) {
      for (let k = 0; k < n; k++) inPlace.set(a.at[i + k]!, a.chars[i + k]!);
      matched += n;
      i += n;
    } else if (part.removed) {
      const next = parts[p + 1];
      const added = next?.added ? [...next.value] : [];
      // A replacement of the same length lines up character by character: "in place".
      for (let k = 0; k < n; k++) inPlace.set(a.at[i + k]!, added.length === n ? added[k]! : null);
      i += n;
      if (next?.added) p++;
    }
    // An insertion on its own (part.added) has no original character to put in place.
  }
  const originalChars = [...original];
  return {
    matched,
    events: events.map((e) => {
      const want = originalChars[e.at]!;
      const got = inPlace.get(e.at) ?? '';
      const fold = (c: string) => toSimplified(c.normalize('NFKC'));
      const outcome = fold(got) === fold(want) ? 'exact' : got === '\uFFFD' ? 'marked' : 'missed';
      return { ...e, outcome, got, want };
    }),
  };
}

export function evaluateRepair(options: EvalOptions = {}): { docs: DocResult[]; summary: EvalSummary } {
  const texts = cleanTexts(options.texts ?? 12);
  const seed = options.seed ?? 1;
  const damaged = texts.map((t, k) => {
    const script = k % 2 === 0 ? ('traditional' as const) : ('simplified' as const);
    const r = damageText(t.text, seed + k, {
      keepScript: script === 'simplified',
      lostLeads: options.lostPerText ?? 2,
      lossKind: 'mixed',
      // The A3|A1 straddle of the seeds strikes every `。”` of a text; the seeds' own runs test it.
      straddle: 'none',
    });
    return { name: t.name, script, ...r };
  });
  // The prior a build would have: every text of the corpus (the repair takes each one's own out).
  const prior = buildNgramPrior(damaged.map((d) => d.damaged));
  repairText('預熱', { prior }); // load the character model outside the timings
  const docs: DocResult[] = damaged.map((d) => {
    const t0 = performance.now();
    const out = repairText(d.damaged, { prior });
    const ms = performance.now() - t0;
    const glossesLeft = [...out.text.matchAll(GLOSS)].filter((m) => isTonedSyllable(m[1]!)).length;
    const scarsLeft = [...out.text.matchAll(SCAR)].filter((m) => isTonedSyllable(m[1]!)).length;
    const scored = scoreDoc(d.truth.original, out.text, d.truth.events);
    return {
      name: d.name,
      script: d.script,
      chars: comparable(d.truth.original).chars.length,
      glosses: d.truth.insertions,
      glossesLeft,
      scarsLeft,
      ...scored,
      ms,
    };
  });
  const big = damaged
    .map((d) => d.damaged)
    .join('\n')
    .repeat(3)
    .slice(0, 100_000);
  const t0 = performance.now();
  repairText(big, { prior });
  const ms100k = performance.now() - t0;
  // Dense mojibake: one damaged run of a seed's kind (a lost lead byte before `!`, glosses inside
  // the shifted run) repeated to 100 KB, the worst case for the realigner's windows.
  const run = '期間“兩不!钡臒岢比绱猴L(fēng)在萍鄉(xiāng)';
  const dense = run.repeat(Math.ceil(100_000 / Buffer.byteLength(run)));
  const t1 = performance.now();
  repairText(dense, { prior });
  const msDense100k = performance.now() - t1;
  const events = docs.flatMap((d) => d.events);
  const sum = (f: (d: DocResult) => number) => docs.reduce((n, d) => n + f(d), 0);
  return {
    docs,
    summary: {
      texts: docs.length,
      glosses: sum((d) => d.glosses),
      glossesLeft: sum((d) => d.glossesLeft),
      scarsLeft: sum((d) => d.scarsLeft),
      charsPct: (100 * sum((d) => d.matched)) / sum((d) => d.chars),
      events: events.length,
      exact: events.filter((e) => e.outcome === 'exact').length,
      restoredOrMarked: events.filter((e) => e.outcome !== 'missed').length,
      maxMs: Math.max(...docs.map((d) => d.ms)),
      ms100k,
      msDense100k,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Set(process.argv.slice(2));
  const { docs, summary } = evaluateRepair();
  if (args.has('--json')) console.log(JSON.stringify(summary, null, 2));
  else {
    console.log(`texts ${summary.texts} (half Traditional, half Simplified), glosses inserted ${summary.glosses}`);
    console.log(`glosses left ${summary.glossesLeft}, scars left ${summary.scarsLeft}`);
    console.log(`characters ${summary.charsPct.toFixed(2)} % of the whole repaired text`);
    console.log(`byte events ${summary.events}: restored exactly ${summary.exact}, restored or marked in place ${summary.restoredOrMarked}`);
    console.log(`slowest text ${summary.maxMs.toFixed(0)} ms; 100,000 characters ${summary.ms100k.toFixed(0)} ms; 100 KB of dense mojibake ${summary.msDense100k.toFixed(0)} ms`);
  }
  if (args.has('--events')) {
    for (const d of docs) {
      for (const e of d.events) if (e.outcome !== 'exact') console.log(`${d.name} [${d.script}] ${e.kind} at ${e.at}: want ${e.want}, got ${JSON.stringify(e.got)} (${e.outcome})`);
    }
  }
}
