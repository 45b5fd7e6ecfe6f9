/**
 * Overlapping Simplified character pairs for the search index (see templates/assets/search-pairs.js,
 * the one implementation, which the search page loads too so that queries split the same way).
 */
export { decodeToken, toSearchPairs, toSearchQuery } from '../../templates/assets/search-pairs.js';

/** Readable excerpt for a search result: the start of the text as written, on one line. */
export function excerptOf(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cs = Array.from(flat);
  return cs.length <= length ? flat : `${cs.slice(0, length).join('')}…`;
}

/** Split `items` into consecutive shards of at most `size` (at least one shard, maybe empty). */
export function shardsOf<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out.length ? out : [[]];
}

/** Bundle folder of shard `k` (0-based): `pagefind/`, `pagefind-2/`, `pagefind-3/`… */
export const shardDir = (k: number) => (k === 0 ? 'pagefind' : `pagefind-${k + 1}`);
