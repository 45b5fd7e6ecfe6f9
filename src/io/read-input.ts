import { createHash } from 'node:crypto';
import { type BigIntStats, closeSync, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import iconv from 'iconv-lite';
import { JSON_SCHEMA, load as loadYaml } from 'js-yaml';
import { decodeBytes, MAX_INPUT_BYTES, SkipError, type Decoded } from '../ingest/decode.ts';
import { readFrontMatter } from '../ingest/front-matter.ts';
import type { InputFile } from '../ingest/index.ts';
import { articleIdFor, uniqueArticleIds } from '../ingest/index.ts';

const OVERRIDE = /\.meta\.ya?ml$/i;
/** Raw articles that may open with curator front matter (HTML pages never do). */
const FRONT_MATTER_FILE = /\.(txt|md)$/i;

/** An override is a handful of fields; anything bigger is a mistake or an attack. */
export const MAX_OVERRIDE_BYTES = 64 * 1024;
/** Values visited in one override: YAML aliases can make a tiny file a huge (or cyclic) tree. */
const MAX_OVERRIDE_NODES = 10_000;
/** Keys that would reach an object's prototype if a later stage merged the override naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface InputProblem {
  file: string;
  reason: string;
}

/**
 * Every raw article below `dir` (sorted, hidden files ignored) with its curator override.
 * Overrides are YAML read with the JSON schema: plain data, no dates or octals guessed, and no
 * way to run code. An override is a side file `<id>.meta.yml`, or front matter at the top of a
 * `.txt`/`.md` article (src/ingest/front-matter.ts: `---js` is refused, never run); front
 * matter is checked as a side file is, and taken off the bytes the pipeline reads. When both
 * exist the side file wins and the front matter is not applied (reported). Nothing below
 * `dir` is lost silently: a file that cannot be read, is not a regular file, is too large, or
 * an override that is not usable data ends up in `problems` with the reason, and the other
 * files go on.
 */
export function readInputDir(
  dir: string,
  /** `now`: the time of reading (ms), against which a file's last change is old enough to index (tests move it). */
  options: { previousIds?: ReadonlyMap<string, string>; known?: InputIndex | null; now?: number } = {},
): { files: InputFile[]; problems: InputProblem[]; index: InputIndex } {
  const problems: InputProblem[] = [];
  const entries = walk(dir, problems).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const paths = entries.map((e) => e.name);
  const pathOf = new Map(entries.map((e) => [e.name, e.path]));
  const overrides = new Map<string, Record<string, unknown>>();
  const overrideFile = new Map<string, string>();
  /** Every side file by article key, usable or not: it wins over front matter either way. */
  const sideFile = new Map<string, string>();
  const used = new Set<string>();
  for (const name of paths.filter((p) => OVERRIDE.test(p))) {
    const p = pathOf.get(name)!;
    const key = name.replace(OVERRIDE, '');
    if (!sideFile.has(key)) sideFile.set(key, name);
    // `x.meta.yml` and `x.meta.yaml` for one article: neither is silently preferred.
    if (overrideFile.has(key)) {
      problems.push({ file: name, reason: `a second override for the same article (${overrideFile.get(key)} is used); merge them into one file` });
      continue;
    }
    const data = readOverride(p, name, problems);
    if (data) {
      overrides.set(key, data);
      overrideFile.set(key, name);
    }
  }
  const inputs: Array<{ name: string; bytes: Uint8Array; sha256?: string; known?: string | Buffer }> = [];
  const index: InputIndex = { dir, files: {} };
  const known = options.known?.dir === dir ? options.known.files : {};
  const readAt = options.now ?? Date.now();
  for (const name of paths.filter((p) => !OVERRIDE.test(p))) {
    const p = pathOf.get(name)!;
    try {
      // A file the last build read, unchanged on disk since: its hash is known, and its bytes are
      // read only if the pipeline needs them (an article the cache does not hold).
      const was = known[name];
      const now = was ? identity(statSync(p, { bigint: true })) : null;
      if (was && now && sameFile(was, now)) {
        index.files[name] = was;
        inputs.push({ name, bytes: EMPTY, sha256: was.sha256, known: p });
        continue;
      }
      const read = readUpTo(p, MAX_INPUT_BYTES);
      if (typeof read === 'number') {
        problems.push({ file: name, reason: `too large (${read} bytes; the limit is ${MAX_INPUT_BYTES} bytes)` });
        continue;
      }
      const sha256 = createHash('sha256').update(read.bytes).digest('hex');
      inputs.push({ name, bytes: read.bytes, sha256 });
      // Kept for the next build: files with no front matter to take off (their bytes are the
      // article's), whose last change is old enough that a later one cannot share its time stamps.
      const stamp = identity(read.stat);
      if (!(FRONT_MATTER_FILE.test(name) && mayOpenWithDashes(read.bytes)) && readAt - Number(BigInt(stamp.ctime) / 1_000_000n) > RACY_MS) index.files[name] = { ...stamp, sha256 };
    } catch (err) {
      problems.push({ file: name, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    }
  }
  // Which override belongs to which file: `x.meta.yml` beside `x.txt`, or named after its id.
  const keyIn = (map: ReadonlyMap<string, unknown>, name: string) => {
    const stem = name.replace(/\.[^./]+$/, '');
    return map.has(stem) ? stem : map.has(articleIdFor(name)) ? articleIdFor(name) : null;
  };
  const overrideKeyOf = new Map<string, string>();
  /** Each article's override: its data, the file to name in a problem, and where it came from. */
  const overrideOf = new Map<string, { data: Record<string, unknown>; file: string; label: Label }>();
  /** Files whose front matter was taken off: their hash and length as saved. */
  const rawOf = new Map<string, NonNullable<InputFile['raw']>>();
  for (const input of inputs) {
    const key = keyIn(overrides, input.name);
    if (key !== null) {
      overrideKeyOf.set(input.name, key);
      overrideOf.set(input.name, { data: overrides.get(key)!, file: overrideFile.get(key)!, label: 'override' });
    }
    if (input.known || !FRONT_MATTER_FILE.test(input.name) || !mayOpenWithDashes(input.bytes)) continue;
    const side = keyIn(sideFile, input.name);
    const front = takeFrontMatter(input.name, input.bytes, side === null, problems);
    if (front.bytes !== input.bytes) rawOf.set(input.name, { sha256: createHash('sha256').update(input.bytes).digest('hex'), byteLength: input.bytes.length });
    input.bytes = front.bytes;
    if (side !== null && front.data && Object.keys(front.data).length) {
      const name = sideFile.get(side)!;
      problems.push({ file: input.name, reason: `front matter not applied: ${name} is this article's override too, and the side file wins; keep the facts in one of them` });
    } else if (side === null && front.data) {
      overrideOf.set(input.name, { data: front.data, file: input.name, label: 'front matter' });
    }
  }
  // A curator's `id:` pins an article's id (and URL) whatever its file is called.
  const pinned = new Map(options.previousIds ?? []);
  const pinnedByOverride = new Set<string>();
  const pinnedIds = new Set<string>();
  for (const [name, { data, file, label }] of overrideOf) {
    const id = data['id'];
    if (typeof id !== 'string') continue;
    if (!/^[^/\\\x00-\x1f\x7f?#%]{1,100}$/u.test(id) || id === '.' || id === '..') {
      problems.push({ file, reason: `${label}: id "${id}" cannot be a URL path segment (no / \\ ? # %, at most 100 characters); the id field is ignored` });
      continue;
    }
    if (pinnedIds.has(id.normalize('NFC').toLowerCase())) {
      problems.push({ file, reason: `${label}: id "${id}" is already another article's; the id field is ignored` });
      continue;
    }
    pinnedIds.add(id.normalize('NFC').toLowerCase());
    pinned.set(name, id.normalize('NFC'));
    pinnedByOverride.add(name);
  }
  const ids = uniqueArticleIds(
    inputs.map((i) => i.name),
    pinned,
  );
  const files: InputFile[] = inputs.map(({ name, bytes, sha256, known: path }) => {
    const overrideKey = overrideKeyOf.get(name) ?? null;
    if (overrideKey !== null) used.add(overrideKey);
    const given = overrideOf.get(name);
    const override = given ? { ...given.data } : null;
    if (override) delete override['id']; // applied here, as the article's id
    const file: InputFile = path === undefined ? { name, bytes } : knownFile(name, path, sha256!);
    file.override = override && Object.keys(override).length ? override : null;
    if (sha256 && !rawOf.has(name)) file.sha256 = sha256;
    const id = ids.get(name)!;
    if (id !== articleIdFor(name)) file.id = id;
    if (pinnedByOverride.has(name) && pinned.get(name) === id) file.idFromOverride = true;
    const raw = rawOf.get(name);
    if (raw) file.raw = raw;
    return file;
  });
  for (const key of overrides.keys()) {
    if (!used.has(key)) problems.push({ file: overrideFile.get(key)!, reason: 'override has no matching article (expected a file named like the override without .meta.yml)' });
  }
  return { files, problems, index };
}

/**
 * What a build knew of the input files it read (kept in its cache, given back to the next
 * build as `known`): per file, its identity on disk and the hash of its bytes. A file whose
 * size, times of last change (content and status, to the nanosecond), inode and device are all
 * unchanged has the same bytes, as `git status` and `make` assume: a rebuild then hashes and
 * reads only the files that changed (reading and hashing 4,000 articles was 0.2 s of a 5 s rebuild).
 */
export interface InputIndex {
  /** The input folder, as given to `readInputDir`. */
  dir: string;
  files: Record<string, KnownInput>;
}

/** A file's identity on disk (numbers as decimal strings: nanoseconds exceed a double) and the sha256 of its bytes. */
export interface KnownInput {
  size: string;
  mtime: string;
  ctime: string;
  ino: string;
  dev: string;
  sha256: string;
}

/**
 * A file changed within this long of when it was read is not kept in the index: a change in
 * the same tick of a coarse file system clock (FAT: 2 s) would leave its time stamps as they were.
 */
const RACY_MS = 2000;

const EMPTY = new Uint8Array(0);

function identity(st: BigIntStats): Omit<KnownInput, 'sha256'> {
  return { size: String(st.size), mtime: String(st.mtimeNs), ctime: String(st.ctimeNs), ino: String(st.ino), dev: String(st.dev) };
}

function sameFile(a: Omit<KnownInput, 'sha256'>, b: Omit<KnownInput, 'sha256'>): boolean {
  return a.size === b.size && a.mtime === b.mtime && a.ctime === b.ctime && a.ino === b.ino && a.dev === b.dev && BigInt(b.size) <= BigInt(MAX_INPUT_BYTES);
}

/**
 * An input whose bytes are read when first asked for. They must still hash to what the index
 * says: a file changed while the build ran is skipped, with the reason (the next build reads it).
 */
function knownFile(name: string, path: string | Buffer, sha256: string): InputFile {
  let bytes: Uint8Array | undefined;
  return {
    name,
    sha256,
    get bytes(): Uint8Array {
      if (bytes) return bytes;
      let read: ReturnType<typeof readUpTo>;
      try {
        read = readUpTo(path, MAX_INPUT_BYTES);
      } catch (err) {
        throw new SkipError(`unreadable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      if (typeof read === 'number' || createHash('sha256').update(read.bytes).digest('hex') !== sha256) throw new SkipError('changed while the build was running; build again to include it');
      return (bytes = read.bytes);
    },
  };
}

/** One `<id>.meta.yml`, as plain data, or null with the reason in `problems`. */
function readOverride(path: string | Buffer, name: string, problems: InputProblem[]): Record<string, unknown> | null {
  let data: unknown;
  try {
    if (statSync(path).size > MAX_OVERRIDE_BYTES) {
      problems.push({ file: name, reason: `override too large (limit ${MAX_OVERRIDE_BYTES} bytes); ignored` });
      return null;
    }
    // Decoded like an article (a curator on Windows saves GBK): never read as garbled UTF-8.
    data = loadYaml(decodeBytes(readFileSync(path), name).text, { schema: JSON_SCHEMA });
  } catch (err) {
    problems.push({ file: name, reason: `override YAML error: ${(err as Error).message.split('\n')[0]}; ignored` });
    return null;
  }
  return checkOverride(data, name, 'override', problems);
}

/** Where an override came from, as problems name it. */
type Label = 'override' | 'front matter';

/**
 * Parsed YAML (a side file's or front matter's) as an override: a mapping of plain data, or
 * null with the reason in `problems`. Applied later by src/ingest/extract/overrides.ts.
 */
function checkOverride(data: unknown, name: string, label: Label, problems: InputProblem[]): Record<string, unknown> | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file: name, reason: `${label} is not a YAML mapping (expected \`key: value\` lines); ignored` });
    return null;
  }
  const notes: string[] = [];
  const clean = plainData(data, notes, { nodes: 0 }, 0);
  if (clean === undefined || typeof clean !== 'object' || clean === null || Array.isArray(clean)) {
    problems.push({ file: name, reason: `${label} rejected: ${notes[0] ?? 'not plain data'}` });
    return null;
  }
  const out = clean as Record<string, unknown>;
  // An id is a name, never a number: `id: 0123` reads as the string "0123" under the JSON
  // schema, but `id: 1e3` would be the number 1000. Such an id is dropped, not reinterpreted.
  if ('id' in out && typeof out['id'] !== 'string') {
    notes.push(`id must be a string (quote it: id: "${String(out['id'])}"); the id field is ignored`);
    delete out['id'];
  }
  for (const note of notes) problems.push({ file: name, reason: `${label}: ${note}` });
  return out;
}

/**
 * Curator front matter at the top of a `.txt`/`.md` article. The text is decoded as the
 * pipeline will decode it, the front matter read there (src/ingest/front-matter.ts), and the
 * bytes the pipeline reads become the bytes after it (a byte order mark kept), so `source`, its
 * offsets and repair replay never see the front matter. The cut is made on the raw bytes where
 * the re-encoded front matter ends, and kept only if those bytes decode to exactly the text
 * after the front matter; otherwise that text goes on as UTF-8 (reported). `data` is the
 * checked override, or null (not applied; `problems` says why). With `apply` false (a side
 * file wins) the front matter is only taken off the text.
 */
function takeFrontMatter(name: string, bytes: Uint8Array, apply: boolean, problems: InputProblem[]): { bytes: Uint8Array; data: Record<string, unknown> | null } {
  let decoded: Decoded;
  try {
    decoded = decodeBytes(bytes, name);
  } catch {
    return { bytes, data: null }; // the pipeline skips the file with the same reason
  }
  const front = readFrontMatter(decoded.text, { maxBytes: MAX_OVERRIDE_BYTES });
  if (front.problem) problems.push({ file: name, reason: front.problem });
  if (front.bodyOffset === 0) return { bytes, data: null };
  let body = cutBytes(bytes, decoded, front.bodyOffset);
  if (body === null || !decodesTo(body, name, front.body)) {
    body = Buffer.from(front.body, 'utf8');
    problems.push({ file: name, reason: `front matter: the ${decoded.encoding} bytes could not be cut exactly where it ends; the text after it is read as UTF-8` });
  }
  if (!/[^\s\u3000\ufeff\u200b]/u.test(front.body)) problems.push({ file: name, reason: 'front matter with no article text after it' });
  return { bytes: body, data: front.data && apply ? checkOverride(front.data, name, 'front matter', problems) : front.data };
}

/** Cheap test before decoding: after byte order marks, `---` in any encoding (NULs of UTF-16/32 dropped). */
function mayOpenWithDashes(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && i < 8 && (bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf || bytes[i] === 0xfe || bytes[i] === 0xff || bytes[i] === 0)) i++;
  let dashes = 0;
  for (; i < bytes.length && i < 32 && dashes < 3; i++) {
    if (bytes[i] === 0x2d) dashes++;
    else if (bytes[i] !== 0) return false;
  }
  return dashes === 3;
}

const ICONV_LABEL: Record<string, string> = { big5: 'big5hkscs' };

/**
 * The raw bytes without the first `offset` characters of their decoded text: the byte order
 * mark kept (it tells the decoder the encoding), the front matter cut. Null when the front
 * matter does not re-encode to the very bytes it came from (lossy decoding, removed controls).
 */
function cutBytes(bytes: Uint8Array, decoded: Decoded, offset: number): Uint8Array | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const bom = starts(0xef, 0xbb, 0xbf)
    ? 3
    : decoded.encoding.startsWith('utf-32') && (starts(0xff, 0xfe, 0, 0) || starts(0, 0, 0xfe, 0xff))
      ? 4
      : decoded.encoding.startsWith('utf-16') && (starts(0xff, 0xfe) || starts(0xfe, 0xff))
        ? 2
        : 0;
  let head: Buffer;
  try {
    head = iconv.encode(decoded.text.slice(0, offset), ICONV_LABEL[decoded.encoding] ?? decoded.encoding);
  } catch {
    return null;
  }
  if (bom + head.length > bytes.length || !head.equals(bytes.subarray(bom, bom + head.length))) return null;
  return Buffer.concat([bytes.subarray(0, bom), bytes.subarray(bom + head.length)]);
}

function decodesTo(bytes: Uint8Array, name: string, text: string): boolean {
  try {
    return decodeBytes(bytes, name).text === text;
  } catch {
    return !/[^\s\u3000\ufeff\u200b]/u.test(text); // nothing after the front matter: skipped as empty
  }
}

/**
 * A JSON-like copy of YAML data: plain objects, arrays, strings, finite numbers, booleans,
 * null. Prototype keys are dropped (with a note); a tree with too many values (aliases
 * multiplying a small file) or too deep is rejected as a whole (returns undefined).
 */
function plainData(v: unknown, notes: string[], count: { nodes: number }, depth: number): unknown {
  if (++count.nodes > MAX_OVERRIDE_NODES) {
    if (notes[0] !== 'too many values (YAML aliases?)') notes.unshift('too many values (YAML aliases?)');
    return undefined;
  }
  if (depth > 32) {
    notes.unshift('nested too deeply');
    return undefined;
  }
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = plainData(x, notes, count, depth + 1);
      if (c === undefined) return undefined;
      out.push(c);
    }
    return out;
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (FORBIDDEN_KEYS.has(k)) {
        notes.push(`key "${k}" is not allowed; ignored`);
        continue;
      }
      const c = plainData(x, notes, count, depth + 1);
      if (c === undefined) return undefined;
      Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return undefined;
}

/** A file found below the input folder: its path (bytes when its name is not UTF-8) and its name. */
interface Entry {
  path: string | Buffer;
  /** Relative to the input folder, `/`-separated, decoded. */
  name: string;
}

/**
 * A name as the file system holds it: UTF-8 when it is, else GB18030 (file names from Chinese
 * Windows archives), else its bytes escaped as `%XX`. The path keeps the bytes, so the file is
 * read, never lost with ENOENT.
 */
function decodeName(bytes: Buffer): { name: string; exact: boolean } {
  const utf8 = bytes.toString('utf8');
  if (Buffer.from(utf8, 'utf8').equals(bytes)) return { name: utf8, exact: true };
  const gbk = iconv.decode(bytes, 'gb18030');
  if (!gbk.includes('\uFFFD') && iconv.encode(gbk, 'gb18030').equals(bytes)) return { name: gbk, exact: false };
  return { name: [...bytes].map((b) => (b < 0x80 && b !== 0x25 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join(''), exact: false };
}

function joinPath(parent: string | Buffer, child: string | Buffer): string | Buffer {
  if (typeof parent === 'string' && typeof child === 'string') return join(parent, child);
  return Buffer.concat([Buffer.from(parent), Buffer.from(sep), Buffer.from(child)]);
}

/**
 * Regular files below `dir`. Hidden entries (`.git`, `.DS_Store`) are ignored. Symbolic links to
 * files inside the folder are followed; links to folders inside it are not (the folder is read
 * under its own name), and a directory is entered once only (by its real path); a link that
 * leads out of the input folder (to a file elsewhere, or to `/`) is skipped with the reason, so
 * an archive publishes only what was put in its folder. Broken links, unreadable folders and
 * non-regular files (a FIFO would block the read forever) are reported instead of stopping the
 * walk. Names that are not UTF-8 are read as bytes (see `decodeName`). Iterative, so a folder
 * of any size or depth cannot overflow the stack.
 */
function walk(dir: string, problems: InputProblem[]): Entry[] {
  const out: Entry[] = [];
  const seen = new Set<string>();
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (err) {
    problems.push({ file: '.', reason: `unreadable folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return out;
  }
  // Real paths as bytes (`realpathSync.native`: the JavaScript one decodes names it cannot hold),
  // compared as latin1 strings, one character per byte.
  const realOf = (p: string | Buffer) => realpathSync.native(p, { encoding: 'buffer' }).toString('latin1');
  const rootBytes = realOf(root);
  const inside = (real: string) => real === rootBytes || real.startsWith(rootBytes.endsWith(sep) ? rootBytes : rootBytes + sep);
  const folders: Entry[] = [{ path: dir, name: '' }];
  while (folders.length) {
    const folder = folders.pop()!;
    let names: Dirent<Buffer>[];
    try {
      const real = realOf(folder.path);
      if (seen.has(real)) continue;
      seen.add(real);
      names = readdirSync(folder.path, { encoding: 'buffer', withFileTypes: true });
    } catch (err) {
      problems.push({ file: folder.name || '.', reason: `unreadable folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      continue;
    }
    for (const dirent of names) {
      const raw = dirent.name;
      if (raw[0] === 0x2e) continue; // hidden
      const decoded = decodeName(raw);
      const p = joinPath(folder.path, decoded.exact ? decoded.name : raw);
      const name = folder.name ? `${folder.name}/${decoded.name}` : decoded.name;
      // The folder listing tells files and folders apart: a stat per file is for the rest
      // (links, and file systems whose listings do not say).
      if (dirent.isFile()) {
        out.push({ path: p, name });
        continue;
      }
      if (dirent.isDirectory()) {
        folders.push({ path: p, name });
        continue;
      }
      try {
        const link = lstatSync(p).isSymbolicLink();
        if (link) {
          const target = realOf(p);
          if (!inside(target)) {
            problems.push({ file: name, reason: `symbolic link to ${Buffer.from(target, 'latin1').toString('utf8')}, outside the input folder; skipped` });
            continue;
          }
        }
        const st = statSync(p);
        // A link to a folder inside is walked through the folder itself, under its own name.
        if (link && st.isDirectory()) continue;
        if (st.isDirectory()) folders.push({ path: p, name });
        else if (st.isFile()) out.push({ path: p, name });
        else problems.push({ file: name, reason: 'not a regular file (device, socket or pipe); ignored' });
      } catch (err) {
        const link = safe(() => lstatSync(p).isSymbolicLink());
        problems.push({ file: name, reason: link ? 'broken symbolic link' : `unreadable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      }
    }
  }
  return out;
}

/**
 * The file's bytes, or its size when that is over `limit`: checked before reading (a
 * multi-gigabyte file would not even fit in a Buffer), on the open file, so that nothing
 * changes between the check and the read.
 */
function readUpTo(path: string | Buffer, limit: number): { bytes: Buffer; stat: BigIntStats } | number {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd, { bigint: true });
    const size = Number(stat.size);
    if (size > limit) return size;
    const bytes = Buffer.allocUnsafe(size);
    let done = 0;
    for (let n = 1; done < size && n > 0; done += n) n = readSync(fd, bytes, done, size - done, done);
    // A file that shrank while it was read: what was there.
    return { bytes: done < size ? bytes.subarray(0, done) : bytes, stat };
  } finally {
    closeSync(fd);
  }
}

function safe<T>(fn: () => T): T | false {
  try {
    return fn();
  } catch {
    return false;
  }
}
