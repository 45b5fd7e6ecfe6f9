/**
 * A by-hand check (needs Debian chromium), not part of the bench: a bigram index under a forced
 * non-CJK language answers 2-character queries, and the phrase `"经开 开区"` matches only pages that
 * contain 经开区, while the jieba index (`records-zh`) also matches pages with 经开 and 开区 apart.
 * `npx tsx src/bench/verify-bigram-search.ts`
 */
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { chromium } from 'playwright-core';
import { runSearchVariant, type SearchRecord } from './search-variants.ts';
const root = '/tmp/pfv';
const recs: SearchRecord[] = [
  { url: '/a/', title: '甲', textHans: '萍乡经开区调研工业发展', source: 's', year: '2023' },
  { url: '/b/', title: '乙', textHans: '经开放合作，开区位优势', source: 's', year: '2023' },
  { url: '/c/', title: '丙', textHans: '市委书记讲话强调发展', source: 's', year: '2022' },
];
for (const v of ['bigram', 'records-zh'] as const) await runSearchVariant(v, { records: recs, outDir: join(root, v, 'pagefind') });
writeFileSync(join(root, 'index.html'), '<!doctype html><meta charset=utf-8><body>x</body>');
const srv = createServer((req, res) => {
  const p = join(root, decodeURIComponent((req.url ?? '/').split('?')[0]!));
  if (!existsSync(p) || statSync(p).isDirectory()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'content-type': extname(p) === '.js' ? 'text/javascript' : extname(p) === '.html' ? 'text/html; charset=utf-8' : 'application/octet-stream' });
  res.end(readFileSync(p));
}).listen(8791, '127.0.0.1');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:8791/index.html');
for (const v of ['bigram', 'records-zh']) {
  for (const q of v === 'bigram' ? ['经开', '开区', '经开 开区', '"经开 开区"', '发展'] : ['经开', '经开区', '发展']) {
    const urls = await page.evaluate(async ([v, q]) => {
      const pf = await import(`/${v}/pagefind/pagefind.js?x=${Math.random()}`);
      await pf.options({ basePath: `/${v}/pagefind/` });
      const r = await pf.search(q);
      return Promise.all(r.results.map(async (x: { data: () => Promise<{ url: string }> }) => (await x.data()).url));
    }, [v, q]);
    console.log(v, JSON.stringify(q), urls);
  }
}
await browser.close(); srv.close();
