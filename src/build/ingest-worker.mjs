// Plain-JS entry for tinypool workers: Node does not run TypeScript, and the tsx loader of the
// parent (CLI, bench or vitest) does not reach worker threads, so register it here.
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./ingest-worker.ts', import.meta.url);
export default mod.default;
