// Plain-JS entry for the search-index worker thread: the parent's tsx loader does not reach
// worker threads, so register it here (as src/build/ingest-worker.mjs does).
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./search-worker.ts', import.meta.url);
export default mod.default;
