import { readInputDir } from '/work/main/src/io/read-input.ts';
import { ingestCorpusParallel } from '/work/main/src/io/parallel.ts';
const { files } = readInputDir('/work/main/seeds');
const many = Array.from({ length: 200 }, (_, i) => files.map((f) => ({ ...f, name: `${i}_${f.name}`, bytes: Buffer.concat([f.bytes, Buffer.from(`\n${i}`)]) }))).flat();
const r = await ingestCorpusParallel(many, { threads: 2 });
console.log(r.stats, r.articles.length);
