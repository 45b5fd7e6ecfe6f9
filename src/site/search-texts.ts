import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { isSpooled, readSpooled } from '../io/body-spool.ts';
import { packText, unpackText } from '../packed-article.ts';
import type { IndexSource } from './search-index.ts';
import type { SearchState, StateDoc } from './search-patch.ts';

/**
 * The search texts of the live index's records, packed, kept in one file beside its state
 * (`search-texts.bin`; each state record says where its text is). When a record changes, the
 * patch reads its old text and touches only the buckets of the words whose counts changed
 * (src/site/search-patch.ts): an edited sentence rewrites a few bucket files instead of the
 * thousand or so that hold a word of the article.
 *
 * A patch appends the changed records' texts to the file: the live state's places stay valid
 * until the new state replaces it, so a build that fails leaves a usable pair behind. When the
 * file holds more than twice what the records need, it is written afresh, as after a full build
 * (to `<file>.next`, which the build moves into place with the state).
 */
export class SearchTexts {
  private constructor(
    readonly path: string,
    private fd: number,
  ) {}

  /** The file at `path` to read, or null when there is none. */
  static open(path: string): SearchTexts | null {
    try {
      return new SearchTexts(path, openSync(path, 'r'));
    } catch {
      return null;
    }
  }

  /** The text a state record names, or null when it names none or the bytes are not it. */
  text(doc: StateDoc): string | null {
    const bytes = this.bytes(doc);
    if (!bytes) return null;
    try {
      return unpackText(bytes);
    } catch {
      return null; // damaged: zlib's checksum
    }
  }

  bytes(doc: StateDoc): Uint8Array | null {
    if (!doc.text) return null;
    const [offset, length] = doc.text;
    const out = Buffer.allocUnsafe(length);
    try {
      return readSync(this.fd, out, 0, length, offset) === length ? out : null;
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/**
 * Records where each record of `state` (the index just made) has its text, keeping the texts
 * that are not kept yet: appended to `live` (the file the previous state's places are in) when
 * the index was patched and the file is not mostly dead texts, else written whole to
 * `<path>.next`. Returns that file to move into place, or null when `path` was appended to.
 */
export function keepSearchTexts(state: SearchState, sources: ReadonlyArray<IndexSource>, previous: SearchState | null, live: SearchTexts | null, path: string, patched: boolean): string | null {
  const packed = new Map<string, () => Uint8Array>();
  for (const s of sources) {
    if (!('searchText' in s) || !s.key) continue;
    const t = s.searchText;
    packed.set(`${s.url}\0${s.key}`, () => (t instanceof Uint8Array ? t : isSpooled(t) ? readSpooled(t) : packText(t)));
  }
  const kept = new Map<string, StateDoc>();
  if (previous && live) for (const d of previous.docs) if (d.text) kept.set(`${d.url}\0${d.key}`, d);
  const needed = state.docs.reduce((n, d) => n + (kept.get(`${d.url}\0${d.key}`)?.text?.[1] ?? 0), 0);
  let fd = -1;
  try {
    if (patched && live) {
      fd = openSync(live.path, 'a');
      let size = fstatSync(fd).size;
      const fresh = state.docs.filter((d) => !kept.has(`${d.url}\0${d.key}`));
      const added = fresh.map((d) => packed.get(`${d.url}\0${d.key}`)?.() ?? null);
      const total = needed + added.reduce((n, b) => n + (b?.length ?? 0), 0);
      if (size <= 2 * total + (1 << 20)) {
        for (const d of state.docs) {
          const old = kept.get(`${d.url}\0${d.key}`);
          if (old) d.text = old.text!;
        }
        fresh.forEach((d, i) => {
          const bytes = added[i];
          if (!bytes) return;
          writeSync(fd, bytes);
          d.text = [size, bytes.length];
          size += bytes.length;
        });
        return null;
      }
      closeSync(fd);
      fd = -1;
    }
    // Written whole: every text from its source or, for a record kept as it was, from the live file.
    const next = `${path}.next`;
    fd = openSync(next, 'w');
    let size = 0;
    for (const d of state.docs) {
      const id = `${d.url}\0${d.key}`;
      const old = kept.get(id);
      const bytes = packed.get(id)?.() ?? (old && live ? live.bytes(old) : null);
      delete d.text;
      if (!bytes) continue;
      writeSync(fd, bytes);
      d.text = [size, bytes.length];
      size += bytes.length;
    }
    return next;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
