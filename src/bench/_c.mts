import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArticleCache } from '../io/cache.ts';
import { ingestCorpusParallel } from '../io/parallel.ts';
import { ingestCorpus } from '../pipeline.ts';
const S = '/work/main/seeds/';
const files = readdirSync(S).sort().map((n) => ({ name: n, bytes: readFileSync(join(S, n)) }));
const cache = new ArticleCache(mkdtempSync(join(tmpdir(), 'c-')));
await ingestCorpusParallel(files, { threads: 0, cache });
const bytes = Buffer.from(files[2]!.bytes); bytes[bytes.length - 1] = bytes[bytes.length - 1] === 0x0a ? 0x20 : 0x0a;
const changed = files.map((f, i) => (i === 2 ? { ...f, bytes } : f));
const a = await ingestCorpusParallel(changed, { threads: 0, cache });
const b = ingestCorpus(changed);
const c = ingestCorpus(files);
for (let i = 0; i < b.articles.length; i++) {
  const x = JSON.stringify(a.articles[i]), y = JSON.stringify(b.articles[i]), z = JSON.stringify(c.articles[i]);
  if (x !== y) { console.log('differs', b.articles[i]!.id, 'seq-orig==seq-changed?', y === z); const k = Object.keys(b.articles[i]!).filter((k) => JSON.stringify((a.articles[i] as any)[k]) !== JSON.stringify((b.articles[i] as any)[k])); console.log(k); }
}
