import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { rerunWithSizedHeap } from './io/heap.ts';
import { jsonPieces, writeJsonFile } from './io/write-json.ts';
import { repairCountsOf, type StoredArticle } from './packed-article.ts';
import type { Corpus } from './article.ts';
import { EmptyArchiveError } from './build/live-site.ts';
import { createProgress } from './build/progress.ts';
import { bugReport } from './bug-report.ts';

/**
 * The only place that parses options, prints for the user and sets the exit code. Everything
 * else is the programmatic API.
 */
const HELP = `newsarchive — raw Chinese news articles → a searchable static archive

Usage:
  newsarchive ingest [--input DIR] [--json FILE] [--report] [--strict]
  newsarchive build  [--input DIR] [--output DIR] [--base /sub/path/] [--site-url URL]
                     [--search-with URL]... [--no-cache] [--allow-empty] [--strict]
  newsarchive serve  [--output DIR] [--port 8080]

Options:
  --input DIR    folder of raw articles (.txt, .html; any encoding)   [default: seeds]
  --json FILE    write the Article records as JSON ('-' or absent: stdout)
  --report       print per-field counts and conflicts
  --output DIR   where the site is written                            [default: site]
  --base PATH    deploy sub-path, e.g. /archive/                       [default: /]
  --site-url URL public origin, e.g. https://example.org: absolute URLs in
                 citations, JSON-LD, the Atom feed and sitemap.xml
  --search-with URL
                 build: the search page also searches the archive built at URL
                 (its base, e.g. /archive-2019/ or https://example.org/a/);
                 repeat for several
  --no-cache     build: re-process every article (ignore and do not write
                 the cache in .cache/newsarchive/ next to the output folder)
  --allow-empty  build: publish an archive of no article over one that has some
                 (without it, an input that yields nothing leaves the site as it is)
  --strict       exit non-zero when any file is skipped or any warning is found
  --debug        show the stack of any internal error (a bug in newsarchive)
  --help         this text (on any command)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      input: { type: 'string', default: 'seeds' },
      json: { type: 'string' },
      report: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      output: { type: 'string', default: 'site' },
      base: { type: 'string', default: '/' },
      'site-url': { type: 'string' },
      'search-with': { type: 'string', multiple: true },
      'no-cache': { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
      'allow-empty': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      debug: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!['ingest', 'build', 'serve'].includes(command)) {
    process.stderr.write(`newsarchive: unknown command '${command}'\n\n${HELP}`);
    return 2;
  }
  // Every option is checked before any work: a typo costs one line, never an ingest or a site.
  checkOptions(command, values);

  if (command === 'ingest' || command === 'build') {
    // A large corpus gets a heap sized to it, larger or smaller than Node's default (src/io/heap.ts).
    const code = rerunWithSizedHeap(resolve(values.input!));
    if (code !== null) return code;
  }

  // The pipeline is imported only now: a process that re-ran itself above waits for its child
  // without holding the pipeline's modules (about 50 MB of a large build's peak).
  if (command === 'ingest') {
    const { toExport } = await import('./io/export.ts');
    const corpus = await ingest(values.input!);
    // In pieces (src/io/write-json.ts): a large corpus is longer than one JavaScript string.
    if (values.json && values.json !== '-') writeJsonFile(values.json, toExport(corpus));
    else {
      let buffer = '';
      for (const piece of jsonPieces(toExport(corpus))) {
        buffer += piece;
        if (buffer.length > 1 << 20) {
          process.stdout.write(buffer);
          buffer = '';
        }
      }
      process.stdout.write(buffer + '\n');
    }
    process.stderr.write(summaryTable(corpus));
    if (values.report) process.stderr.write(qualityReport(corpus));
    process.stderr.write(bugReport(corpus.skipped, values.debug!));
    return exitCode(corpus, values.strict!);
  }
  if (command === 'build') {
    const { buildSite } = await import('./build/index.ts');
    const siteUrl = values['site-url'];
    if (siteUrl !== undefined && !/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?\/?$/.test(siteUrl)) throw new UsageError(`--site-url must be an origin such as https://example.org, not '${siteUrl}'`);
    const searchWith = (values['search-with'] ?? []).map((url) => {
      if (!/^(https?:\/\/[^/\s]+)?\/\S*$/.test(url))
        throw new UsageError(`--search-with must be the base URL of another archive, such as /archive-2019/ or https://example.org/archive/, not '${url}'`);
      return url.endsWith('/') ? url : `${url}/`;
    });
    const result = await buildSite({
      input: resolve(values.input!),
      output: resolve(values.output!),
      base: values.base!,
      allowEmpty: values['allow-empty']!,
      ...(siteUrl ? { siteUrl } : {}),
      ...(searchWith.length ? { searchWith } : {}),
      ...(values['no-cache'] ? { cache: false } : {}),
      log: (m: string) => process.stderr.write(m + '\n'),
      progress: createProgress(process.stderr),
    });
    process.stderr.write(summaryTable(result.corpus));
    process.stderr.write(bugReport(result.corpus.skipped, values.debug!));
    process.stderr.write(whereToView(resolve(values.output!), values.base!));
    return exitCode(result.corpus, values.strict!);
  }
  // serve (the commands were checked above)
  const { serveSite } = await import('./io/serve.ts');
  await serveSite({ dir: resolve(values.output!), port: Number(values.port), log: (m: string) => process.stderr.write(m + '\n') });
  return 0;
}

/** The build's last words: where the site is and how to look at it. */
function whereToView(output: string, base: string): string {
  const rel = relative(process.cwd(), output) || '.';
  const folder = rel.startsWith('..') ? output : rel;
  return `\nThe site is in ${folder}/. To view it: npx newsarchive serve --output ${folder}, then open http://127.0.0.1:8080${base}\nTo publish it, copy ${folder}/ to any static host (README, "Deploy").\n`;
}

/** Every article through the ingest driver, over all cores, packed (src/packed-article.ts). */
async function ingest(input: string): Promise<Corpus<StoredArticle>> {
  const { readInputDir } = await import('./io/read-input.ts');
  const { ingestCorpus } = await import('./build/ingest.ts');
  const { files, problems } = readInputDir(resolve(input));
  const { stats: _, ...corpus } = await ingestCorpus(files, { cache: null });
  corpus.skipped.push(...problems);
  corpus.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return corpus;
}

function exitCode(corpus: Corpus<StoredArticle>, strict: boolean): number {
  // A bug is never a success, even when the rest of the archive was built.
  if (corpus.skipped.some((s) => s.bug)) return 1;
  if (!strict) return 0;
  const warnings = corpus.articles.some((a) => a.diagnostics.some((d) => d.severity !== 'info'));
  return corpus.skipped.length > 0 || warnings ? 1 : 0;
}

function repairsByKind(a: StoredArticle): string {
  return (
    Object.entries(repairCountsOf(a))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || '—'
  );
}

/**
 * File names come from the user's disk and may hold line breaks or terminal escape sequences
 * (legal on Linux): shown escaped, so a name cannot forge a table row or recolour the terminal.
 */
export function printable(s: string): string {
  return s.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function pad(s: string, n: number): string {
  // CJK characters take two columns in a terminal
  const width = [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(1, n - width));
}

export function summaryTable(corpus: Corpus<StoredArticle>): string {
  const rows = [[pad('id', 28), pad('enc', 9), pad('script', 7), pad('diag', 5), 'repairs'].join('')];
  for (const a of corpus.articles) {
    const diag = a.diagnostics.filter((d) => d.severity !== 'info').length;
    rows.push([pad(printable(a.id), 28), pad(a.encoding, 9), pad(a.script, 7), pad(String(diag), 5), repairsByKind(a)].join(''));
  }
  for (const s of corpus.skipped) rows.push(`SKIPPED ${printable(s.file)}: ${printable(s.reason)}`);
  rows.push(`${corpus.articles.length} articles, ${corpus.skipped.length} skipped, ${corpus.people.length} people`);
  return rows.join('\n') + '\n';
}

/** Per-field coverage and every conflict, for `--report`. */
export function qualityReport(corpus: Corpus<StoredArticle>): string {
  const n = corpus.articles.length;
  const has = (f: (a: StoredArticle) => boolean) => corpus.articles.filter(f).length;
  const lines = [
    '',
    'Field coverage',
    `  title        ${has((a) => !!a.title?.value)}/${n} (derived ${has((a) => !!a.title?.derived)})`,
    `  date         ${has((a) => !!a.date?.value)}/${n} (${['datetime', 'date', 'month', 'month-day', 'year'].map((p) => `${p} ${has((a) => a.date?.precision === p)}`).join(', ')})`,
    `  outlet       ${has((a) => !!a.outlet?.value)}/${n}`,
    `  site         ${has((a) => !!a.site?.value)}/${n}`,
    `  region       ${has((a) => !!a.region?.province)}/${n} (city ${has((a) => !!a.region?.city)}, county ${has((a) => !!a.region?.county)})`,
    `  officials    ${corpus.articles.reduce((s, a) => s + a.officials.length, 0)} in ${has((a) => a.officials.length > 0)} articles`,
    `  reporters    ${has((a) => a.bylines.reporters.length > 0)}/${n}`,
    `  parts        ${has((a) => a.parts.length > 0)} compilations`,
    `  people       ${corpus.people.length} (${corpus.people.filter((p) => new Set(p.appearances.map((x) => x.articleId)).size > 1).length} in more than one article)`,
    `  truncated    ${has((a) => a.truncated)}`,
    `  repairs      ${corpus.articles.reduce((s, a) => s + Object.values(repairCountsOf(a)).reduce((n, k) => n + k, 0), 0)}`,
    '',
    'Conflicts and warnings',
  ];
  for (const a of corpus.articles) {
    for (const d of a.diagnostics) if (d.severity !== 'info') lines.push(`  ${printable(a.id)}: [${d.rule}] ${printable(d.message)}`);
  }
  for (const s of corpus.skipped) lines.push(`  ${printable(s.file)}: skipped — ${printable(s.reason)}`);
  return lines.join('\n') + '\n';
}

/** A mistake in how the command was called: said in one line, with the usage, exit code 2. */
class UsageError extends Error {}

/**
 * The options a command reads, checked against the disk and their forms before any work. Throws a
 * `UsageError` naming the option and the reason.
 */
function checkOptions(command: string, values: Record<string, unknown>): void {
  const input = values['input'] as string;
  const output = values['output'] as string;
  if (command === 'ingest' || command === 'build') {
    const st = statOrNull(input);
    if (!st) throw new UsageError(`--input '${input}': no such folder`);
    if (!st.isDirectory()) throw new UsageError(`--input '${input}' is a file: give the folder that holds the articles`);
    try {
      accessSync(input, constants.R_OK | constants.X_OK);
    } catch {
      throw new UsageError(`--input '${input}': the folder cannot be read (permission denied)`);
    }
  }
  const json = values['json'] as string | undefined;
  if (command === 'ingest' && json && json !== '-') {
    // The next run would ingest its own export as an article.
    const inputReal = realpathSync(input);
    const target = resolve(json);
    const targetDir = statOrNull(dirname(target)) ? realpathSync(dirname(target)) : dirname(target);
    if (targetDir === inputReal || targetDir.startsWith(inputReal + sep))
      throw new UsageError(`--json '${json}' is inside the input folder: the next run would read it as an article; write it elsewhere`);
    if (statOrNull(target)?.isDirectory()) throw new UsageError(`--json '${json}' is a folder, not a file`);
  }
  if (command === 'build' || command === 'serve') {
    const st = statOrNull(output);
    if (st && !st.isDirectory()) throw new UsageError(`--output '${output}' is a file, not a folder`);
    if (command === 'serve' && !st) throw new UsageError(`--output '${output}': no such folder (build the site first: npm run build)`);
  }
  if (command === 'build') {
    const base = values['base'] as string;
    if (!/^\/(?:(?:[\p{L}\p{N}._~-]|%[0-9A-Fa-f]{2})+\/)*$/u.test(base)) {
      throw new UsageError(`--base must be a path that starts and ends with '/', with no spaces or quotes, such as /archive/, not '${base}'`);
    }
  }
  if (command === 'serve') {
    const port = values['port'] as string;
    if (!/^\d+$/.test(port) || +port < 1 || +port > 65535) throw new UsageError(`--port must be a number from 1 to 65535, not '${port}'`);
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function isUsageError(err: unknown): boolean {
  return err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS') === true;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (isUsageError(err)) {
      process.stderr.write(`newsarchive: ${(err as Error).message}\n\n${HELP}`);
      process.exitCode = 2;
      return;
    }
    if ((err as { code?: string })?.code === 'EADDRINUSE') {
      process.stderr.write(`newsarchive: the port is already in use by another program: choose another with --port\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof EmptyArchiveError) {
      process.stderr.write(`newsarchive: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    // Anything else is a bug in newsarchive: said as one, with the stack under --debug.
    const debug = process.argv.includes('--debug');
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      debug
        ? `newsarchive: internal error (a bug in newsarchive): ${(err as Error).stack ?? message}\n`
        : `newsarchive: internal error (a bug in newsarchive): ${message}\nRun again with --debug to see the stack, and please report it.\n`,
    );
    process.exitCode = 1;
  },
);
