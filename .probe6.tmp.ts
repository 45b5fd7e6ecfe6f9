import { ingestCorpus } from './src/pipeline.ts';
const n = Number(process.argv[2] ?? 1000);
const t = Date.now();
ingestCorpus([{ name: 'qs.txt', bytes: new Uint8Array(Buffer.from('乡?村(wèi)振 兴?'.repeat(n))) }]);
console.log('total', Date.now() - t);
