import { ingestCorpus } from './src/pipeline.ts';
const u8 = (s: string) => new Uint8Array(Buffer.from(s));
const cases: Record<string, Uint8Array> = {
  'deep10k.html': u8('<html><body>' + '<div>'.repeat(10000) + '乡村振兴工作推进会召开。' + '</div>'.repeat(10000) + '</body></html>'),
  'deep100k.html': u8('<html><body>' + '<div>'.repeat(100000) + '乡村振兴工作推进会召开。' + '</body></html>'),
  'deepspan.html': u8('<html><body><p>' + '<span>'.repeat(20000) + '乡村振兴工作推进会召开。' + '</p></body></html>'),
  'deepb.html': u8('<html><body><p>' + '<b><i>'.repeat(20000) + '乡村振兴工作推进会召开。' + '</p></body></html>'),
  'lines.txt': u8('啊\n'.repeat(10000)),
  'oneline.txt': u8('乡村振兴工作推进会召开。'.repeat(20000)),
  'qs.txt': u8('乡?村(wèi)振 兴?'.repeat(2000)),
};
for (const [name, bytes] of Object.entries(cases)) {
  const t0 = Date.now();
  try {
    const c = ingestCorpus([{ name, bytes }]);
    console.log(name, Date.now() - t0, 'ms', c.articles.length, c.skipped.map((s) => s.reason.slice(0, 200)));
  } catch (e) { console.log(name, 'THROW', (e as Error).stack?.slice(0, 500)); }
}
