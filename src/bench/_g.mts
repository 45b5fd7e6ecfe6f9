import { generateCorpus, loadDamageModel } from '/work/main/src/bench/corpus.ts';
const t = performance.now();
const c = generateCorpus(1000, { damage: await loadDamageModel() });
console.log((performance.now() - t).toFixed(0), 'ms', c.filter(a => a.damaged).length, c.filter(a => a.script === 'hant').length, c.reduce((s, a) => s + Buffer.byteLength(a.raw), 0) / c.length);
console.log(c[0]!.raw.slice(0, 400)); console.log(c.find(a => a.damaged)!.raw.slice(0, 300));
