// Plain-JS entry for the presence worker thread: the parent's tsx loader does not reach worker
// threads, so register it here (as src/build/ingest-worker.mjs does).
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./presence-worker.ts', import.meta.url);
export default mod.default;
