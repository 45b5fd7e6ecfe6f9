import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { exportJsonSchemas, fieldText, LISTED_FIELDS, type Person } from '../article.ts';
import { join } from 'node:path';
import { repairCountsOf, type StoredArticle } from '../packed-article.ts';
import type { Corpus } from '../article.ts';
import { toExportRecord, toLineRecord } from './export.ts';
import { unpackArticle } from '../packed-article.ts';
import { toCsv } from './write-csv.ts';
import { personPaths } from '../site/slug.ts';
import { writeJsonFile } from './write-json.ts';
import { linkFile, linkTree } from './link-tree.ts';

export interface BuildReportEntry {
  file: string;
  status: 'published' | 'skipped';
  id: string | null;
  url: string | null;
  reason: string | null;
  diagnostics: Array<{ rule: string; severity: string; message: string; offset?: number; unit?: string }>;
}

/**
 * The research downloads under `<dir>/data/`: the same records as `newsarchive ingest --json`,
 * people, two CSVs for spreadsheets, and the build report (every input, published or skipped).
 */
export function writeDataFiles(
  dir: string,
  corpus: Corpus<StoredArticle>,
  pageOf: (id: string, sourceFile: string) => string,
  base = '/',
  maxFileBytes = MAX_DATA_FILE_BYTES,
  /** What a rebuild takes from the live site instead of making it again. */
  kept: KeptDownloads | null = null,
): { report: BuildReportEntry[]; lines: LineIndex } {
  const articleUrl = (id: string, file: string) => base.replace(/\/$/, '') + pageOf(id, file);
  const personPath = personPaths(corpus.people.map((p) => p.id));
  const personUrl = (id: string) => (personPath.has(id) ? base.replace(/\/$/, '') + personPath.get(id)! : null);
  const out = join(dir, 'data');
  mkdirSync(out, { recursive: true });
  const lines = writeArticleRecords(dir, corpus, pageOf, maxFileBytes, kept?.hasRecord ?? (() => false), kept?.live ?? null, kept?.lines ?? null);
  if (!(kept?.people && linkPeople(join(kept.live, 'data'), out, corpus.people.length))) writePeople(out, corpus.people, personUrl, maxFileBytes);
  const schemas = exportJsonSchemas();
  writeJsonFile(join(out, 'articles.schema.json'), schemas.line, 1);
  writeJsonFile(join(out, 'article.schema.json'), schemas.article, 1);
  writeFileSync(
    join(out, 'articles.csv'),
    toCsv(
      [
        'id',
        'url',
        'title',
        'subtitle',
        'date',
        'date_precision',
        'outlet',
        'site',
        'province',
        'city',
        'county',
        'region_code',
        'reporters',
        'officials',
        'script',
        'encoding',
        'source_file',
        'sha256',
        'repairs',
        'truncated',
        ...LISTED_FIELDS.map((f) => String(f.key)),
      ],
      corpus.articles.map((a) => [
        a.id,
        articleUrl(a.id, a.sourceFile),
        a.title?.value ?? null,
        a.title?.subtitle ?? null,
        csvDate(a.date?.value ?? null),
        a.date?.precision ?? 'none',
        a.outlet?.value ?? null,
        a.site?.value ?? null,
        a.region?.province ?? null,
        a.region?.city ?? null,
        a.region?.county ?? null,
        a.region?.code ?? null,
        a.bylines.reporters.join('、'),
        a.officials.map((o) => o.name).join('、'),
        a.script,
        a.encoding,
        a.sourceFile,
        a.sha256,
        Object.values(repairCountsOf(a)).reduce((n, k) => n + k, 0),
        a.truncated,
        ...LISTED_FIELDS.map((f) => fieldText(a[f.key as keyof typeof a])),
      ]),
    ),
  );
  writeFileSync(
    join(out, 'appearances.csv'),
    toCsv(
      ['person_id', 'name', 'name_hans', 'posts', 'level', 'role', 'article_id', 'article_url', 'date', 'date_precision', 'person_url'],
      corpus.articles.flatMap((a) =>
        a.officials.map((o) => [
          o.personId,
          o.name,
          o.nameHans,
          o.posts.join('、'),
          o.level,
          o.role,
          a.id,
          articleUrl(a.id, a.sourceFile),
          csvDate(a.date?.value ?? null),
          a.date?.precision ?? 'none',
          personUrl(o.personId),
        ]),
      ),
    ),
  );
  const report: BuildReportEntry[] = [
    ...corpus.articles.map((a) => ({ file: a.sourceFile, status: 'published' as const, id: a.id, url: articleUrl(a.id, a.sourceFile), reason: null, diagnostics: a.diagnostics })),
    ...corpus.skipped.map((s) => ({ file: s.file, status: 'skipped' as const, id: null, url: null, reason: s.reason, diagnostics: [] })),
  ].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.status < y.status ? -1 : 1));
  const totals = { inputs: report.length, published: corpus.articles.length, skipped: corpus.skipped.length };
  writeJsonFile(join(out, 'build-report.json'), { totals, files: report });
  return { report, lines };
}

/** What a rebuild takes from the live site (see `writeDataFiles`). */
export interface KeptDownloads {
  /** The live site. */
  live: string;
  /**
   * True for an article whose `article.json` is already in `dir` (carried over from the last
   * build): its record is unchanged, so its line of `articles.jsonl` is taken from `live`.
   */
  hasRecord: (index: number) => boolean;
  /** Where those lines are in the live site (the index the build that wrote it returned). */
  lines: LineIndex | null;
  /**
   * True when `people.json` and its parts would be written as the live site has them: the
   * caller knows every person's inputs unchanged (src/build/publish.ts). They are then linked.
   */
  people: boolean;
}

/** Static hosts refuse files over 25 MiB (some over 20): every data file stays under this. */
export const MAX_DATA_FILE_BYTES = 20 * 1024 * 1024 - 64 * 1024;

/**
 * Where each line of a site's `articles.jsonl` parts is: the parts in order, each with its size
 * and its lines' ids and lengths. The build keeps the live site's in its render manifest, so a
 * rebuild knows where an unchanged record's line is without reading 20 MiB parts to find it.
 */
export interface LineIndex {
  parts: Array<{ file: string; bytes: number; ids: string[]; lengths: number[] }>;
}

/**
 * Every article as one line of `data/articles.jsonl` (texts stored once, see `toLineRecord`),
 * in parts under `MAX_DATA_FILE_BYTES`: `articles.jsonl`, then `articles.2.jsonl`, … listed in
 * `data/articles.parts.json`; and each whole record as `article.json` beside its page.
 *
 * A record carried over from the live site keeps its line as the live site has it: a part made
 * only of the same lines as the live part of its name is that file, linked; other kept lines are
 * copied a run at a time. Lines are written as they come (a cold build holds none of them).
 */
function writeArticleRecords(
  dir: string,
  corpus: Corpus<StoredArticle>,
  pageOf: (id: string, sourceFile: string) => string,
  maxFileBytes: number,
  hasRecord: (index: number) => boolean,
  live: string | null,
  liveIndex: LineIndex | null,
): LineIndex {
  const liveLines = live ? LiveLines.open(join(live, 'data'), liveIndex) : null;
  const index: LineIndex = { parts: [] };
  let part: LineIndex['parts'][number] | null = null;
  let fd = -1;
  // Kept lines not written yet: a run of one live part, from `start`, `bytes` long.
  let run: { part: number; start: number; bytes: number } | null = null;
  const partFile = (k: number) => (k === 0 ? 'articles.jsonl' : `articles.${k + 1}.jsonl`);
  const writeRun = () => {
    if (!run) return;
    if (fd < 0) fd = openSync(join(dir, 'data', part!.file), 'w');
    liveLines!.copy(run.part, run.start, run.bytes, fd);
    run = null;
  };
  const close = () => {
    if (!part) return;
    // The whole of the live part of the same name, and nothing else: the same file.
    const k = index.parts.length - 1;
    if (run && fd < 0 && run.part === k && run.start === 0 && liveLines!.isWholePart(k, part.file, run.bytes)) liveLines!.link(k, join(dir, 'data', part.file));
    else writeRun();
    if (fd >= 0) closeSync(fd);
    fd = -1;
    run = null;
  };
  const append = (id: string, length: number, write: ((fd: number) => void) | { part: number; offset: number }) => {
    if (!part || (part.bytes > 0 && part.bytes + length > maxFileBytes)) {
      close();
      part = { file: partFile(index.parts.length), bytes: 0, ids: [], lengths: [] };
      index.parts.push(part);
    }
    if (typeof write === 'function') {
      writeRun();
      write(fd);
    } else if (run && run.part === write.part && run.start + run.bytes === write.offset) run.bytes += length;
    else {
      writeRun();
      run = { part: write.part, start: write.offset, bytes: length };
    }
    part.bytes += length;
    part.ids.push(id);
    part.lengths.push(length);
  };
  try {
    for (const [i, stored] of corpus.articles.entries()) {
      // An unchanged record: its line as the last build wrote it, without unpacking the article.
      const kept = hasRecord(i) ? liveLines?.find(stored.id) : undefined;
      if (kept) {
        append(stored.id, kept.length, kept);
        continue;
      }
      const article = unpackArticle(stored);
      const line = Buffer.from(`${JSON.stringify(toLineRecord(article))}\n`);
      append(article.id, line.length, () => {
        if (fd < 0) fd = openSync(join(dir, 'data', part!.file), 'w');
        writeSync(fd, line);
      });
      if (!hasRecord(i)) writeExportRecord(dir, article, pageOf);
    }
    close();
    if (!part) {
      // No article: one empty part, so a loader finds the file the list names.
      writeFileSync(join(dir, 'data', partFile(0)), '');
      index.parts.push({ file: partFile(0), bytes: 0, ids: [], lengths: [] });
    }
  } finally {
    if (fd >= 0) closeSync(fd);
    liveLines?.close();
  }
  writeJsonFile(join(dir, 'data', 'articles.parts.json'), { records: corpus.articles.length, parts: index.parts.map((p) => ({ file: p.file, articles: p.ids.length, bytes: p.bytes })) }, 2);
  return index;
}

/** An article's whole record, `article.json` beside its page. */
export function writeExportRecord(dir: string, stored: StoredArticle, pageOf: (id: string, sourceFile: string) => string): void {
  const article = unpackArticle(stored);
  const page = join(dir, pageOf(article.id, article.sourceFile));
  mkdirSync(page, { recursive: true });
  writeFileSync(join(page, 'article.json'), `${JSON.stringify(toExportRecord(article))}\n`);
}

/**
 * The lines of a live site's `articles.jsonl` parts, by article id: where each is (part, offset,
 * length), from the live site's line index when its parts are the sizes it says, otherwise by
 * one pass over the parts.
 */
type LineAt = Map<string, { part: number; offset: number; length: number }>;

class LiveLines {
  #data: string;
  #files: string[];
  #sizes: number[];
  #fds: number[];
  #at: LineAt;
  private constructor(data: string, files: string[], sizes: number[], fds: number[], at: LineAt) {
    this.#data = data;
    this.#files = files;
    this.#sizes = sizes;
    this.#fds = fds;
    this.#at = at;
  }

  /** Null when the live site has no parts list or a part cannot be read: every line is made again. */
  static open(data: string, index: LineIndex | null): LiveLines | null {
    const fds: number[] = [];
    try {
      const { parts } = JSON.parse(readFileSync(join(data, 'articles.parts.json'), 'utf8')) as { parts: Array<{ file: string; bytes: number }> };
      const files = parts.map((p) => p.file);
      if (!files.every((f) => /^articles(?:\.\d+)?\.jsonl$/.test(f))) return null;
      for (const f of files) fds.push(openSync(join(data, f), 'r'));
      const sizes = fds.map((fd) => fstatSync(fd).size);
      const at: LineAt = new Map();
      const indexed = index && index.parts.length === files.length && index.parts.every((p, k) => p.file === files[k] && p.bytes === sizes[k] && p.ids.length === p.lengths.length);
      if (indexed) {
        index.parts.forEach((p, part) => {
          let offset = 0;
          p.ids.forEach((id, j) => {
            at.set(id, { part, offset, length: p.lengths[j]! });
            offset += p.lengths[j]!;
          });
        });
      } else {
        fds.forEach((fd, part) => {
          const bytes = readFileSync(fd);
          for (let start = 0; start < bytes.length; ) {
            const end = bytes.indexOf(0x0a, start);
            if (end < 0) break;
            const id = lineId(bytes, start, end);
            if (id !== null) at.set(id, { part, offset: start, length: end + 1 - start });
            start = end + 1;
          }
        });
      }
      return new LiveLines(data, files, sizes, fds, at);
    } catch {
      for (const fd of fds) closeSync(fd);
      return null;
    }
  }

  /** Where the line of record `id` is, if the live parts hold one that begins as it should. */
  find(id: string): { part: number; offset: number; length: number } | undefined {
    const where = this.#at.get(id);
    if (!where) return undefined;
    // The index says where; the bytes must agree (a part edited by hand is not trusted).
    const head = Buffer.from(`{"id":${JSON.stringify(id)},`);
    const got = Buffer.allocUnsafe(head.length);
    if (where.length <= head.length || readSync(this.#fds[where.part]!, got, 0, head.length, where.offset) !== head.length || !got.equals(head)) return undefined;
    return where;
  }

  /** True when live part `k` is called `file` and is `bytes` long. */
  isWholePart(k: number, file: string, bytes: number): boolean {
    return this.#files[k] === file && this.#sizes[k] === bytes;
  }

  /** Live part `k`, hard-linked to `to` (the old site is never written in place), or copied across file systems. */
  link(k: number, to: string): void {
    linkTree(join(this.#data, this.#files[k]!), to);
  }

  /** Copies `length` bytes of live part `k` from `offset` into `fd`, 1 MiB at a time. */
  copy(k: number, offset: number, length: number, fd: number): void {
    const chunk = Buffer.allocUnsafe(Math.min(length, 1 << 20));
    for (let done = 0; done < length; ) {
      const n = readSync(this.#fds[k]!, chunk, 0, Math.min(chunk.length, length - done), offset + done);
      if (n <= 0) throw new Error(`${this.#files[k]} of the live site ended early`);
      writeSync(fd, chunk, 0, n);
      done += n;
    }
  }

  close(): void {
    for (const fd of this.#fds) closeSync(fd);
    this.#fds = [];
  }
}

const ID_PREFIX = Buffer.from('{"id":"');

/** The id a line of `articles.jsonl` begins with (a JSON string, escapes allowed), or null. */
function lineId(bytes: Buffer, start: number, end: number): string | null {
  if (bytes.compare(ID_PREFIX, 0, ID_PREFIX.length, start, start + ID_PREFIX.length) !== 0) return null;
  for (let i = start + ID_PREFIX.length; i < end; i++) {
    if (bytes[i] === 0x5c)
      i++; // a backslash escapes the next byte
    else if (bytes[i] === 0x22) return JSON.parse(bytes.toString('utf8', start + ID_PREFIX.length - 1, i + 1)) as string;
  }
  return null;
}

/**
 * A date as a spreadsheet shows it well: a month and day without a year (`--04-21` in ISO 8601,
 * which a spreadsheet would take for a formula and the CSV guard would prefix with `'`) is
 * written `04-21`; the precision column says it has no year.
 */
function csvDate(value: string | null): string | null {
  return value?.startsWith('--') ? value.slice(2) : value;
}

/**
 * Links the live site's `people.json` parts and their list into `out`; false when the live list
 * is missing, unreadable or not of `records` people, or a part is missing (then nothing linked
 * is left behind: a file written later at its name must not write through a link into the live
 * site).
 */
function linkPeople(liveData: string, out: string, records: number): boolean {
  let files: string[];
  try {
    const list = JSON.parse(readFileSync(join(liveData, 'people.parts.json'), 'utf8')) as { records?: unknown; parts?: Array<{ file?: unknown }> };
    if (list.records !== records || !Array.isArray(list.parts)) return false;
    files = [...list.parts.map((p) => String(p.file)), 'people.parts.json'];
  } catch {
    return false;
  }
  if (files.some((f) => !/^people(?:\.\d+)?\.json$|^people\.parts\.json$/.test(f))) return false;
  const linked: string[] = [];
  for (const f of files) {
    if (!linkFile(join(liveData, f), join(out, f))) {
      for (const g of linked) rmSync(join(out, g), { force: true });
      return false;
    }
    linked.push(f);
  }
  return true;
}

/**
 * `data/people.json`: every person, one per line of a JSON array, with the address of their page
 * (`url`, after `id`: see `personPaths`). A large archive's list is
 * longer than a static host takes in one file: it is then cut into arrays under
 * `MAX_DATA_FILE_BYTES`, `people.json`, `people.2.json`, … listed in `data/people.parts.json`
 * (written always, so a loader need not guess).
 */
function writePeople(out: string, people: readonly Person[], urlOf: (id: string) => string | null, maxFileBytes: number): void {
  const parts: Array<{ file: string; people: number; bytes: number }> = [];
  let lines: string[] = [];
  let bytes = 2;
  const flush = () => {
    const file = parts.length === 0 ? 'people.json' : `people.${parts.length + 1}.json`;
    const text = lines.length ? `[\n${lines.join(',\n')}\n]\n` : '[]\n';
    writeFileSync(join(out, file), text);
    parts.push({ file, people: lines.length, bytes: Buffer.byteLength(text) });
    lines = [];
    bytes = 2;
  };
  for (const p of people) {
    const { id, ...rest } = p;
    const line = `  ${JSON.stringify({ id, url: urlOf(id), ...rest })}`;
    const size = Buffer.byteLength(line) + 2;
    if (lines.length && bytes + size > maxFileBytes) flush();
    lines.push(line);
    bytes += size;
  }
  flush();
  writeJsonFile(join(out, 'people.parts.json'), { records: people.length, parts }, 2);
}
