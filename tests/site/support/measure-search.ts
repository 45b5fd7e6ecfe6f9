// Measures the Pagefind index cost: `npx tsx tests/site/support/measure-search.ts [copies of the seeds]`.
// Peak memory is the Pagefind service process (VmHWM), polled once a second.
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputDir } from '../../../src/io/read-input.ts';
import { ingestCorpus } from '../../../src/pipeline.ts';
import { buildSiteData } from '../../../src/site/site-data.ts';
import { writeSearchIndex } from '../../../src/site/search-index.ts';

const copies = Number(process.argv[2] ?? 1);
const { files } = readInputDir('seeds');
const corpus = ingestCorpus(files);
const site = buildSiteData(corpus, '/');
const views = [];
for (let i = 0; i < copies; i++) for (const v of site.articles) views.push({ ...v, url: `${v.url}${i}/`, searchText: v.searchText + ` 副本${i}` });
let peak = 0;
const timer = setInterval(() => {
  try {
    const pids = execSync(`pgrep -P ${process.pid} -f pagefind || true`).toString().trim().split('\n').filter(Boolean);
    for (const p of pids) {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    }
  } catch {}
}, 1000);
const dir = mkdtempSync(join(tmpdir(), 'pf-'));
const stats = await writeSearchIndex(dir, views);
clearInterval(timer);
const size = execSync(`du -sk ${dir}/pagefind`).toString().split('\t')[0];
console.log(`records ${stats.records}, ${stats.ms} ms (adding ${stats.addMs} ms), pagefind peak RSS ${Math.round(peak / 1024)} MB, index ${size} KB, text ${Math.round(views.reduce((s, v) => s + v.searchText.length, 0) / 1024)} K chars`);
rmSync(dir, { recursive: true });
