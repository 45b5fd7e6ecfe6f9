import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/**
 * Packed texts (article bodies, the search index's texts) kept in a file instead of memory while
 * a build renders. The build needs each only when a page, an export or an index pass is made from
 * it; held in memory, 20,000 articles' were 0.25 GB of the build's peak. Read back they come from
 * the operating system's file cache, which is not the build's memory.
 *
 * The file is removed as soon as it is opened (it lives on through the open descriptor), so a
 * killed build leaves nothing behind; where the system does not allow that, `close` removes it.
 * A place in it is plain data (`Spooled`), so a worker thread of the same process can read it.
 */
export class BodySpool {
  readonly #path: string;
  readonly #fd: number;
  #unlinked = false;
  #size = 0;

  constructor(path: string) {
    this.#path = path;
    this.#fd = openSync(path, 'w+');
    try {
      rmSync(path);
      this.#unlinked = true;
    } catch {
      // removed by `close`
    }
  }

  /**
   * Writes `bytes` at the end of the file; returns where to read them back. `sha256`: their
   * SHA-256, kept with the place for a caller that needs to tell whether they changed without
   * reading them back (see `bodyDigest` in src/packed-article.ts).
   */
  put(bytes: Uint8Array, options: { sha256?: string } = {}): Spooled {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.#fd, bytes, done, bytes.length - done, this.#size + done);
    const at: Spooled = { spool: this.#fd, offset: this.#size, length: bytes.length, ...(options.sha256 ? { sha256: options.sha256 } : {}) };
    this.#size += bytes.length;
    return at;
  }

  /** After this, reading what it holds throws. */
  close(): void {
    closeSync(this.#fd);
    if (!this.#unlinked) rmSync(this.#path, { force: true });
  }
}

/** Where bytes are in a `BodySpool`: its file descriptor, offset and length. */
export interface Spooled {
  spool: number;
  offset: number;
  length: number;
  /** SHA-256 of the bytes (hex), when the spool was asked to keep it. */
  sha256?: string;
}

export function isSpooled(x: unknown): x is Spooled {
  return typeof x === 'object' && x !== null && typeof (x as Spooled).spool === 'number' && typeof (x as Spooled).offset === 'number';
}

/** The bytes at `at`, read back whole. */
export function readSpooled(at: Spooled): Uint8Array {
  const out = Buffer.allocUnsafe(at.length);
  let done = 0;
  while (done < at.length) {
    const n = readSync(at.spool, out, done, at.length - done, at.offset + done);
    if (n === 0) throw new Error(`spooled bytes cut short (${done} of ${at.length} at ${at.offset})`);
    done += n;
  }
  return out;
}

/**
 * The bytes at each of `places`, read back in a few large reads (places next to each other in
 * the file, as a spool writes them, are read together): a build takes back thousands of bodies
 * at its end, one read each took 0.2 s at 4,000 articles. Each result is a view into the read.
 */
export function readAllSpooled(places: readonly Spooled[], chunkBytes = 16 * 2 ** 20): Uint8Array[] {
  const out: Uint8Array[] = new Array(places.length);
  let i = 0;
  while (i < places.length) {
    // A run of places that follow one another in one file, up to about `chunkBytes`.
    const first = places[i]!;
    let end = i + 1;
    let length = first.length;
    while (end < places.length && places[end]!.spool === first.spool && places[end]!.offset === first.offset + length && length + places[end]!.length <= chunkBytes) {
      length += places[end]!.length;
      end++;
    }
    const run = readSpooled({ spool: first.spool, offset: first.offset, length });
    for (let at = 0; i < end; i++) {
      out[i] = run.subarray(at, at + places[i]!.length);
      at += places[i]!.length;
    }
  }
  return out;
}
