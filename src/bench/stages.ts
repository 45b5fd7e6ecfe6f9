import { readInputDir } from '../io/read-input.ts';
import { convertScript } from '../ingest/convert.ts';
import { extractMetadata } from '../ingest/extract/index.ts';
import { buildNgramPrior } from '../ingest/prior.ts';
import { repairArticle } from '../ingest/repair/index.ts';
import { segmentArticle } from '../ingest/segment.ts';
import { readArticle } from '../ingest/index.ts';

/**
 * Milliseconds per article for each pipeline stage, single-threaded, over a sample: the parallel
 * run cannot split its time by stage, and a sample is enough to see where the time goes.
 */
export function profileStages(input: string, sample: number): Record<string, number> {
  const { files } = readInputDir(input);
  const some = files.slice(0, sample);
  const ms: Record<string, number> = { decode: 0, prior: 0, repair: 0, segment: 0, script: 0, extract: 0 };
  let t = performance.now();
  const decoded = some.map((f) => readArticle(f));
  ms.decode = performance.now() - t;
  t = performance.now();
  const prior = buildNgramPrior(decoded.map((d) => d.source));
  ms.prior = performance.now() - t;
  for (const a of decoded) {
    t = performance.now();
    let x = repairArticle(a, { prior });
    ms.repair! += performance.now() - t;
    t = performance.now();
    x = segmentArticle(x);
    ms.segment! += performance.now() - t;
    t = performance.now();
    x = convertScript(x);
    ms.script! += performance.now() - t;
    t = performance.now();
    extractMetadata(x, {});
    ms.extract! += performance.now() - t;
  }
  const per: Record<string, number> = {};
  for (const [k, v] of Object.entries(ms)) per[k] = k === 'prior' ? v : v / some.length;
  return per;
}
