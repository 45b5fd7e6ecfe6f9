import { REPAIR_RULES } from './src/ingest/repair/index.ts';
import { buildNgramPrior } from './src/ingest/prior.ts';
const n = Number(process.argv[2] ?? 1000);
let text = '乡?村(wèi)振 兴?'.repeat(n);
let t = Date.now();
const prior = buildNgramPrior([text]); console.log('prior', Date.now() - t);
for (const [name, rule] of REPAIR_RULES) { t = Date.now(); const o = rule(text, { prior }); text = o.text; console.log(name, Date.now() - t, o.repairs.length); }
