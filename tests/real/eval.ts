/**
 * `npm run eval:real`: the per-field table over the real-page corpus (all pages, then each set).
 * `-- --pages` lists what was extracted where a field missed; `-- --json` prints the figures.
 */
import { scoreCorpus, summarize, type PageScore, type Summary } from './score.ts';

const args = new Set(process.argv.slice(2));
const { scores, skipped } = scoreCorpus();

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ROWS: Array<[keyof Summary, string]> = [
  ['bodyFound', 'body found'],
  ['bodyExact', 'body boundaries exact'],
  ['title', 'title exact'],
  ['date', 'date'],
  ['outlet', 'outlet'],
  ['site', 'site'],
  ['bylines', 'byline names in the right role'],
  ['bylinePrecision', 'byline precision'],
  ['officialsPrecision', 'officials precision'],
  ['officialsRecall', 'officials recall'],
  ['officialsF1', 'officials F1'],
];

const sets = [...new Set(scores.map((s) => s.set))].sort();
const columns: Array<[string, Summary]> = [['all', summarize(scores)], ...sets.map((s): [string, Summary] => [s, summarize(scores.filter((x) => x.set === s))])];

if (args.has('--json')) {
  console.log(JSON.stringify(Object.fromEntries(columns), null, 2));
} else {
  console.log(`| field | ${columns.map(([n, s]) => `${n} (${s.pages})`).join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---').join('|')}|`);
  for (const [key, label] of ROWS) console.log(`| ${label} | ${columns.map(([, s]) => pct(s[key])).join(' | ')} |`);
  for (const s of skipped) console.log(`skipped: ${s.file}: ${s.reason}`);
}

if (args.has('--pages')) {
  const misses = (s: PageScore) =>
    (['bodyFound', 'bodyExact', 'title', 'date', 'outlet', 'site'] as const)
      .filter((k) => !s[k])
      .concat(s.bylineRight < s.bylineNames || s.bylineExtra ? ['bylines' as never] : [], s.officialsRight < s.officialsExpected || s.officialsRight < s.officialsFound ? ['officials' as never] : []);
  for (const s of scores) {
    const m = misses(s);
    if (!m.length) continue;
    console.log(`\n${s.name} [${s.set}] misses: ${m.join(', ')}`);
    for (const [k, v] of Object.entries(s.got)) console.log(`  ${k}: ${v}`);
  }
}
