import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's "Adding a field, a page type, a repair rule", followed to the letter on a copy of
 * the project: only the files the README names are touched, then the seeds are built. If a field
 * ever needs a fourth file (a template, an export list, a validator), this test fails.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let work: string;
let built: { status: number | null; stderr: string };

/** Inserts `text` right after the one occurrence of `anchor` in `file` (or fails the test). */
function insertAfter(file: string, anchor: string, text: string) {
  const s = readFileSync(file, 'utf8');
  const at = s.indexOf(anchor);
  if (at < 0 || s.indexOf(anchor, at + 1) >= 0) throw new Error(`anchor not found exactly once in ${file}: ${anchor}`);
  writeFileSync(file, s.slice(0, at + anchor.length) + text + s.slice(at + anchor.length));
}

const touched: string[] = [];
const edit = (rel: string, anchor: string, text: string) => {
  insertAfter(join(work, rel), anchor, text);
  touched.push(rel);
};
const create = (rel: string, text: string) => {
  writeFileSync(join(work, rel), text);
  touched.push(rel);
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'newsarchive-extend-'));
  for (const d of ['src', 'templates', 'seeds']) cpSync(join(ROOT, d), join(work, d), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(work, f));
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));

  // A field: the schema (with its starting value), the extractor, its registration.
  edit('src/article.ts', '  parts: z.array(PartSchema),\n', "  hanCount: fieldOf(z.number().int()).nullable().meta({ label: '字数 Characters' }),\n");
  edit('src/article.ts', 'const INITIAL = {\n', '  hanCount: null,\n');
  create(
    'src/ingest/extract/han-count.ts',
    `import type { Article } from '../../article.ts';\n\n/** Han characters in the repaired body. */\nexport function extractHanCount(a: Article): Article['hanCount'] {\n  const n = a.text.match(/\\p{Script=Han}/gu)?.length ?? 0;\n  return n ? { value: n, from: 'body', evidence: 'Han characters counted in the repaired body' } : null;\n}\n`,
  );
  edit('src/ingest/extract/index.ts', "import { extractBylines } from './bylines.ts';\n", "import { extractHanCount } from './han-count.ts';\n");
  edit('src/ingest/extract/index.ts', 'const FIELD_EXTRACTORS: { [K in keyof Article]?: (a: Article) => Article[K] } = {', '\n  hanCount: extractHanCount,\n');

  // A page type: its data, its template.
  edit('src/site/site-data.ts', "    '/reporters/',\n", "    '/levels/',\n");
  edit(
    'src/site/site-data.ts',
    '      reporters,\n',
    '      levels: [...new Set(articles.flatMap((a) => a.officials.map((o) => o.level)))].sort().map((level) => ({ level, names: [...new Set(articles.flatMap((a) => a.officials.filter((o) => o.level === level).map((o) => o.nameHans)))].sort() })),\n',
  );
  create(
    'templates/pages/levels.njk',
    '---\npermalink: /levels/index.html\neleventyExcludeFromCollections: true\n---\n{% extends "base.njk" %}\n{% set pageTitle = "级别 Levels" %}\n{% block main %}\n<h1>{{ pageTitle }}</h1>\n{% for l in levels %}<section><h2>{{ l.level }}</h2><p class="names">{{ l.names | join("、") }}</p></section>{% endfor %}\n{% endblock %}\n',
  );

  // A repair rule: the rule, its place in the list, its note for the About page.
  create(
    'src/ingest/repair/ellipsis.ts',
    `import { applyEdits, type Edit } from './edits.ts';\nimport type { RuleOutput } from './rule.ts';\n\n/** Three ASCII full stops after Han text are a Chinese ellipsis. */\nexport function restoreEllipsis(text: string): RuleOutput {\n  const edits: Edit[] = [...text.matchAll(/(?<=\\p{Script=Han})\\.{3}/gu)].map((m) => ({ start: m.index, end: m.index + 3, after: '……', confidence: 'high', evidence: ['three full stops after Han text'] }));\n  const out = applyEdits(text, 'ellipsis', edits);\n  return { ...out, diagnostics: [] };\n}\n`,
  );
  edit('src/ingest/repair/index.ts', "import { normalizeWhitespace } from './whitespace.ts';\n", "import { restoreEllipsis } from './ellipsis.ts';\n");
  edit('src/ingest/repair/index.ts', "  ['punctuation', restoreFullwidthPunctuation],\n", "  ['ellipsis', restoreEllipsis],\n");
  edit(
    'src/site/rule-notes.ts',
    "English keep their ASCII.',\n    confidence: { zh: '高。', en: 'high.' },\n  },\n",
    "  ellipsis: { name: { zh: '省略号', en: 'ellipsis' }, zh: '把汉字后的三个英文句点改为省略号“……”。', en: 'Makes three full stops after Han text an ellipsis “……”.', confidence: { zh: '高。', en: 'high.' } },\n",
  );

  // Input: the seeds, one with an ellipsis to repair and one with a curator's value for the field.
  const input = join(work, 'input');
  cpSync(join(work, 'seeds'), input, { recursive: true });
  const seed = join(input, '001_8100e753179c915b.txt');
  writeFileSync(seed, readFileSync(seed, 'utf8').replace('。', '...'));
  writeFileSync(join(input, '002_c554e1db008685c7.meta.yml'), 'hanCount: 1234\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'build', '--input', 'input', '--output', 'site', '--no-cache'], { cwd: work, encoding: 'utf8' });
  built = { status: r.status, stderr: r.stderr };
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('following the README to extend newsarchive', () => {
  it('touches three files for a field, two for a page type, three for a repair rule', () => {
    expect(touched.filter((f) => f.startsWith('src/article.ts') || f.includes('extract/'))).toEqual([
      'src/article.ts',
      'src/article.ts',
      'src/ingest/extract/han-count.ts',
      'src/ingest/extract/index.ts',
      'src/ingest/extract/index.ts',
    ]);
    expect(new Set(touched.filter((f) => f.includes('site-data') || f.includes('levels'))).size).toBe(2);
    expect(new Set(touched.filter((f) => f.includes('repair/') || f.includes('rule-notes'))).size).toBe(3);
    expect(built.stderr).not.toMatch(/internal error/);
    expect(built.status).toBe(0);
  });

  it('the copy type-checks: the new field has its type from the schema alone', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: work, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('the field reaches the export, its JSON Schema, the CSV and the article page, with its evidence', () => {
    const data = {
      articles: readFileSync(join(work, 'site/data/articles.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    };
    const a = data.articles.find((x: { id: string }) => x.id.startsWith('003'));
    expect(a.hanCount).toMatchObject({ from: 'body', evidence: 'Han characters counted in the repaired body' });
    expect(a.hanCount.value).toBeGreaterThan(100);
    expect(JSON.stringify(JSON.parse(readFileSync(join(work, 'site/data/articles.schema.json'), 'utf8')))).toContain('"hanCount"');
    const csv = readFileSync(join(work, 'site/data/articles.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/"hanCount"$/);
    const page = readFileSync(join(work, 'site/articles', a.id, 'index.html'), 'utf8');
    expect(page).toContain('字数 Characters');
    expect(page).toContain(String(a.hanCount.value));
  });

  it("the field takes a curator's override, checked against the schema", () => {
    const data = {
      articles: readFileSync(join(work, 'site/data/articles.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    };
    const a = data.articles.find((x: { id: string }) => x.id.startsWith('002'));
    expect(a.hanCount).toEqual({ value: 1234, from: 'override', evidence: 'curator override (hanCount)' });
  });

  it('the page type is built, linked from the sitemap', () => {
    expect(existsSync(join(work, 'site/levels/index.html'))).toBe(true);
    expect(readFileSync(join(work, 'site/levels/index.html'), 'utf8')).toMatch(/<h2>(prefecture|county|provincial)<\/h2>/);
  });

  it('the repair rule runs and leaves its record', () => {
    const data = {
      articles: readFileSync(join(work, 'site/data/articles.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    };
    const a = data.articles.find((x: { id: string }) => x.id.startsWith('001'));
    expect(a.repairs.some((r: { rule: string; after: string }) => r.rule === 'ellipsis' && r.after === '……')).toBe(true);
    expect(a.text).toContain('……');
    // The About page counts it and explains it.
    const about = readFileSync(join(work, 'site/about/index.html'), 'utf8');
    expect(about).toContain('<code>ellipsis</code>');
    expect(about).toContain('Makes three full stops after Han text an ellipsis');
  });
});
