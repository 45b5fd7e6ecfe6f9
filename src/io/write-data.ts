import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { exportJsonSchemas, fieldText, LISTED_FIELDS, type Person } from '../article.ts';
import { join } from 'node:path';
import { repairCountsOf, type StoredArticle } from '../packed-article.ts';
import type { Corpus } from '../article.ts';
import { toExportRecord, toLineRecord } from './export.ts';
import { unpackArticle } from '../packed-article.ts';
import { toCsv } from './write-csv.ts';
import { personPaths } from '../site/slug.ts';
import { writeJsonFile } from './write-json.ts';

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
  /**
   * True for an article whose `article.json` is already in `dir` (carried over from the last
   * build): its record is unchanged, so its line of `articles.jsonl` is taken from `live`.
   */
  hasRecord: (index: number) => boolean = () => false,
  /** The live site, whose `articles.jsonl` lines the records carried over are taken from. */
  live: string | null = null,
): BuildReportEntry[] {
  const articleUrl = (id: string, file: string) => base.replace(/\/$/, '') + pageOf(id, file);
  const personPath = personPaths(corpus.people.map((p) => p.id));
  const personUrl = (id: string) => (personPath.has(id) ? base.replace(/\/$/, '') + personPath.get(id)! : null);
  const out = join(dir, 'data');
  mkdirSync(out, { recursive: true });
  writeArticleRecords(dir, corpus, pageOf, maxFileBytes, hasRecord, live);
  writePeople(out, corpus.people, personUrl, maxFileBytes);
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
  return report;
}

/** Static hosts refuse files over 25 MiB (some over 20): every data file stays under this. */
export const MAX_DATA_FILE_BYTES = 20 * 1024 * 1024 - 64 * 1024;

/**
 * Every article as one line of `data/articles.jsonl` (texts stored once, see `toLineRecord`),
 * in parts under `MAX_DATA_FILE_BYTES`: `articles.jsonl`, then `articles.2.jsonl`, … listed in
 * `data/articles.parts.json`; and each whole record as `article.json` beside its page.
 */
function writeArticleRecords(
  dir: string,
  corpus: Corpus<StoredArticle>,
  pageOf: (id: string, sourceFile: string) => string,
  maxFileBytes: number,
  hasRecord: (index: number) => boolean,
  live: string | null,
): void {
  const liveLines = live ? LiveLines.open(join(live, 'data')) : null;
  const parts: Array<{ file: string; articles: number; bytes: number }> = [];
  let fd = -1;
  let part: { file: string; articles: number; bytes: number } | null = null;
  const open = () => {
    const file = parts.length === 0 ? 'articles.jsonl' : `articles.${parts.length + 1}.jsonl`;
    part = { file, articles: 0, bytes: 0 };
    parts.push(part);
    fd = openSync(join(dir, 'data', file), 'w');
  };
  const append = (line: Buffer) => {
    if (part!.bytes > 0 && part!.bytes + line.length > maxFileBytes) {
      closeSync(fd);
      open();
    }
    writeSync(fd, line);
    part!.bytes += line.length;
    part!.articles++;
  };
  open();
  try {
    for (const [i, stored] of corpus.articles.entries()) {
      // An unchanged record: its line as the last build wrote it, without unpacking the article.
      const kept = hasRecord(i) ? liveLines?.get(stored.id) : undefined;
      if (kept) {
        append(kept);
        continue;
      }
      const article = unpackArticle(stored);
      append(Buffer.from(`${JSON.stringify(toLineRecord(article))}\n`));
      if (hasRecord(i)) continue;
      const page = join(dir, pageOf(article.id, article.sourceFile));
      mkdirSync(page, { recursive: true });
      writeFileSync(join(page, 'article.json'), `${JSON.stringify(toExportRecord(article))}\n`);
    }
  } finally {
    closeSync(fd);
    liveLines?.close();
  }
  writeJsonFile(join(dir, 'data', 'articles.parts.json'), { records: corpus.articles.length, parts }, 2);
}

/**
 * The lines of a live site's `articles.jsonl` parts, by article id: where each is (part, offset,
 * length), found by one pass over the parts; a line is read when it is asked for. Every line
 * begins with its record's `"id"` (see `toLineRecord`).
 */
class LiveLines {
  #fds: number[];
  #at: Map<string, [number, number, number]>;
  private constructor(fds: number[], at: Map<string, [number, number, number]>) {
    this.#fds = fds;
    this.#at = at;
  }

  /** Null when the live site has no parts list or a part cannot be read: every line is made again. */
  static open(data: string): LiveLines | null {
    const fds: number[] = [];
    try {
      const { parts } = JSON.parse(readFileSync(join(data, 'articles.parts.json'), 'utf8')) as { parts: Array<{ file: string }> };
      const at = new Map<string, [number, number, number]>();
      for (const { file } of parts) {
        if (!/^articles(?:\.\d+)?\.jsonl$/.test(file)) return null;
        const fd = openSync(join(data, file), 'r');
        fds.push(fd);
        const bytes = readFileSync(fd);
        for (let start = 0; start < bytes.length; ) {
          const end = bytes.indexOf(0x0a, start);
          if (end < 0) break;
          const id = lineId(bytes, start, end);
          if (id !== null) at.set(id, [fds.length - 1, start, end + 1 - start]);
          start = end + 1;
        }
      }
      return new LiveLines(fds, at);
    } catch {
      for (const fd of fds) closeSync(fd);
      return null;
    }
  }

  get(id: string): Buffer | undefined {
    const where = this.#at.get(id);
    if (!where) return undefined;
    const [part, offset, length] = where;
    const line = Buffer.allocUnsafe(length);
    return readSync(this.#fds[part]!, line, 0, length, offset) === length ? line : undefined;
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
