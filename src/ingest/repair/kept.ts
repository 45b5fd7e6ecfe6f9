/**
 * Tables the repairs derive from the pipeline's data packages (jieba's dictionary, opencc-js,
 * pinyin-pro), kept between processes. Each is the same for every build of one installation,
 * and a process that repairs a single article (a rebuild after one edit) would otherwise pay for
 * making it, or for asking a package about each character it looks at for the first time: the
 * character model took 0.3–0.4 s to make, the per-character answers some 0.2 s of a rebuild.
 *
 * Where they are kept is given by the edge that runs the pipeline (the build's cache:
 * src/io/cache.ts, filed by the pipeline digest, which covers the code and the packages'
 * versions). Without a store, each table's module asks the packages character by character as
 * before: the answers are the same either way, and tests check it.
 */
export interface KeptStore {
  load(): Uint8Array | null;
  save(bytes: Uint8Array): void;
}

/** Where each named table is kept. */
export type KeptStores = (name: string) => KeptStore;

let stores: KeptStores | undefined;
/** Tables being made: while one is, asking for it gives null, so its maker asks the package. */
const making = new Set<string>();

/** Sets where tables are kept (undefined: nowhere); returns what was set before. */
export function keepTablesIn(next: KeptStores | undefined): KeptStores | undefined {
  const before = stores;
  stores = next;
  return before;
}

/**
 * The table `name`: read back from its store, or made by `build` and kept. Null when there is no
 * store (the caller then answers character by character). Bytes that `parse` refuses (another
 * format, cut short, altered) are made again and kept over; a store that cannot be read or
 * written costs the time of making the table, never the article being repaired. While `build`
 * runs, asking for the same table gives null: it is made of the answers the caller gives without it.
 */
export function keptTable<T>(name: string, codec: { parse(bytes: Uint8Array): T | null; bytes(table: T): Uint8Array }, build: () => T): T | null {
  const store = stores?.(name);
  if (!store || making.has(name)) return null;
  let kept: Uint8Array | null = null;
  try {
    kept = store.load();
  } catch {
    // unreadable: made again below
  }
  const parsed = kept ? codec.parse(kept) : null;
  if (parsed) return parsed;
  making.add(name);
  let built: T;
  try {
    built = build();
  } finally {
    making.delete(name);
  }
  try {
    store.save(codec.bytes(built));
  } catch {
    // Not kept (a read-only or full cache): made again by the next process, the same table.
  }
  return built;
}
