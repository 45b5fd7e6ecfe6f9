import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { JSON_SCHEMA, load as loadYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.ts';
import { ingestCorpusSync } from '../../src/build/ingest.ts';
import { readFrontMatter } from '../../src/ingest/front-matter.ts';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { MAX_OVERRIDE_BYTES, readInputDir, type InputProblem } from '../../src/io/read-input.ts';
import { unpackCorpus } from '../../src/packed-article.ts';

/** Issue 18, item 6: curator front matter at the top of a `.txt`/`.md` article. */

const BODY = '全市乡村振兴工作推进会召开\n本报讯（记者王明）5月12日上午，全市乡村振兴工作推进会在市行政中心召开。\n';
const REFUSED = /^front matter refused: .*; not applied, the article is built from the text after it$/;
const WHOLE = /; (not read, |not applied, )?the file is read whole as article text$/;

type Want = { data?: Record<string, unknown> | null; body?: string; problem?: RegExp };

describe('readFrontMatter', () => {
  const cases: Array<[string, string, Want]> = [
    ['no front matter', BODY, { data: null, body: BODY }],
    ['a YAML mapping', `---\ntitle: 标题\ndate: 2023-01-28\noutlet: 萍乡日报\n---\n${BODY}`, { data: { title: '标题', date: '2023-01-28', outlet: '萍乡日报' }, body: BODY }],
    ['after a byte order mark, CRLF', `\ufeff---\r\ntitle: 标题\r\n---\r\n${BODY}`, { data: { title: '标题' }, body: BODY }],
    ['CR line breaks', `---\rtitle: 标题\r---\r${BODY}`, { data: { title: '标题' }, body: BODY }],
    ['delimiters with trailing blanks', `--- \t\ntitle: 标题\n---  \n${BODY}`, { data: { title: '标题' }, body: BODY }],
    ['---yaml names the only language read', `---yaml\ntitle: 标题\n---\n${BODY}`, { data: { title: '标题' }, body: BODY }],
    ['an empty block', `---\n---\n${BODY}`, { data: {}, body: BODY }],
    ['comments only', `---\n# 只有注释\n---\n${BODY}`, { data: {}, body: BODY }],
    ['a blank line kept after the block', `---\ntitle: 标题\n---\n\n${BODY}`, { data: { title: '标题' }, body: `\n${BODY}` }],
    ['no text after the block', '---\ntitle: 标题\n---', { data: { title: '标题' }, body: '' }],
    ['JSON schema: no dates, octals or yes/no guessed', '---\ndate: 2023-01-28\nid: 0123\nflag: yes\n---\n正文', { data: { date: '2023-01-28', id: '0123', flag: 'yes' }, body: '正文' }],
    // not front matter: nothing taken off, nothing said
    ['---- (four dashes)', `----\ntitle: 标题\n----\n${BODY}`, { data: null, body: `----\ntitle: 标题\n----\n${BODY}` }],
    ['--- followed by words', `--- 标题\na: 1\n---\n${BODY}`, { data: null, body: `--- 标题\na: 1\n---\n${BODY}` }],
    ['--- not on the first line', `${BODY}---\na: 1\n---\n`, { data: null, body: `${BODY}---\na: 1\n---\n` }],
    ['---_proto_-like opener', `---__proto__\na: 1\n---\n${BODY}`, { data: null, body: `---__proto__\na: 1\n---\n${BODY}` }],
    // front matter that is not usable data: the text is kept whole, the problem says why
    ['no closing line', `---\ntitle: 标题\n${BODY}`, { data: null, problem: /^front matter not read: the first line is --- but no later line is --- to close it;/ }],
    ['a closing line with words after the dashes', `---\ntitle: 标题\n---x\n${BODY}`, { data: null, problem: /no later line is --- to close it/ }],
    ['only the opening line', '---', { data: null, problem: /no later line is ---/ }],
    ['a list', `---\n- 一\n- 二\n---\n${BODY}`, { data: null, problem: /^front matter is not a YAML mapping \(it is a list; expected `key: value` lines\)/ }],
    ['a string', `---\n本报讯，这是正文。\n---\n${BODY}`, { data: null, problem: /it is a string/ }],
    ['null', `---\nnull\n---\n${BODY}`, { data: null, problem: /it is null/ }],
    ['a YAML error', `---\ntitle: [未闭合\n---\n${BODY}`, { data: null, problem: /^front matter YAML error: .*\(2:\d+\);/ }],
    ['a js-yaml tag that would build a function', `---\ntitle: !!js/function "function () { return 1 }"\n---\n${BODY}`, { data: null, problem: /^front matter YAML error: unknown .*tag/ }],
    ['a line starting with --- inside', `---\na: 1\n--- !x\nb: 2\n---\n${BODY}`, { data: null, problem: /a line starting with --- before its closing --- line/ }],
    ['nesting deeper than js-yaml allows', `---\na: ${'['.repeat(200)}\n---\n${BODY}`, { data: null, problem: /YAML error: .*maxDepth/ }],
    // another language: the block is front matter by its opening line, taken off, never run
    ['---js', `---js\n{ title: (globalThis.__fmRan = 1, '标题') }\n---\n${BODY}`, { data: null, body: BODY, problem: /^front matter refused: ---js would run code, and front matter is data only;/ }],
    ['---javascript', `---javascript\nglobalThis.__fmRan = 1\n---\n${BODY}`, { data: null, body: BODY, problem: REFUSED }],
    ['---JS (any case)', `---JS\nglobalThis.__fmRan = 1\n---\n${BODY}`, { data: null, body: BODY, problem: REFUSED }],
    ['---coffee', `---coffee\ntitle: '标题'\n---\n${BODY}`, { data: null, body: BODY, problem: /---coffee would run code/ }],
    ['---json', `---json\n{"title": "标题"}\n---\n${BODY}`, { data: null, body: BODY, problem: /^front matter refused: only YAML front matter is read, not json;/ }],
    ['---toml', `---toml\ntitle = "标题"\n---\n${BODY}`, { data: null, body: BODY, problem: /^front matter refused: only YAML front matter is read, not toml;/ }],
    ['---constructor (an Object.prototype name)', `---constructor\nx\n---\n${BODY}`, { data: null, body: BODY, problem: /^front matter refused: only YAML front matter is read, not constructor;/ }],
    ['a huge ---js block is refused too, never handed over', `---js\n${'\n'.repeat(70_000)}\n---\n${BODY}`, { data: null, body: BODY, problem: /---js would run code/ }],
  ];

  it.each(cases)('%s', (_, text, want) => {
    const got = readFrontMatter(text);
    expect(got.data).toEqual(want.data ?? null);
    // The body is always the text from bodyOffset on; with a problem and no body given, the whole text.
    expect(got.body).toBe(text.slice(got.bodyOffset));
    expect(got.body).toBe(want.body ?? text);
    if (want.problem) expect(got.problem).toMatch(want.problem);
    else expect(got.problem).toBeUndefined();
    if (want.problem && want.body === undefined) expect(got.problem).toMatch(WHOLE);
  });

  it('runs no code', () => {
    for (const [, text] of cases) readFrontMatter(text);
    expect((globalThis as Record<string, unknown>)['__fmRan']).toBeUndefined();
  });

  it('parses YAML exactly as <id>.meta.yml is parsed (js-yaml, JSON schema)', () => {
    const yaml =
      'title: { value: 标题, subtitle: ——访某某 }\ndate: { value: 2023-01-28, precision: date }\nregion: { province: 江西省, code: 360300 }\nbylines: { reporters: [甲, 乙] }\nid: "007"\nempty:\nn: 1e3';
    expect(readFrontMatter(`---\n${yaml}\n---\n正文`).data).toEqual(loadYaml(yaml, { schema: JSON_SCHEMA }));
  });

  it('a block larger than the limit is not read (the limit is an option, the side file limit by default)', () => {
    const big = `---\ntitle: 标题\nnote: "${'字'.repeat(MAX_OVERRIDE_BYTES / 3)}"\n---\n${BODY}`;
    expect(readFrontMatter(big).problem).toMatch(/^front matter too large \(limit 65536 bytes\); not read, the file is read whole as article text$/);
    expect(readFrontMatter(`---\ntitle: 标题标题\n---\n${BODY}`, { maxBytes: 10 }).problem).toMatch(/too large \(limit 10 bytes\)/);
    expect(readFrontMatter(`---\ntitle: 标题标题\n---\n${BODY}`, { maxBytes: 100 }).data).toEqual({ title: '标题标题' });
  });

  it('is linear on hostile blocks: runs of blank lines, huge texts without a closing line', () => {
    const t0 = performance.now();
    const blank = readFrontMatter(`---\n${'\n'.repeat(60_000)}a: 1\n---\n${BODY}`);
    expect(blank.problem).toMatch(/more than 200 blank lines in a row; not read/);
    expect(blank.data).toBeNull();
    expect(readFrontMatter(`---\n${'\r'.repeat(30_000)}a: 1\n---\n${BODY}`).problem).toMatch(/blank lines in a row/);
    // Up to the limit, runs of blank lines are read.
    expect(readFrontMatter(`---\n${'x: 1\n' + '\n'.repeat(150)}y: 2\n---\n${BODY}`).data).toEqual({ x: 1, y: 2 });
    expect(readFrontMatter(`---\n${'本报讯。'.repeat(2_000_000)}`).problem).toMatch(/no later line is ---/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: a fixture folder through readInputDir and the corpus driver, as the CLI runs them.

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(root, 'tests/fixtures/front-matter');
const raw = (name: string) => readFileSync(join(FIXTURES, name));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('front matter through readInputDir and ingest (tests/fixtures/front-matter)', () => {
  let read: ReturnType<typeof readInputDir>;
  let articles: Map<string, Article>;
  let skipped: Array<{ file: string; reason: string }>;
  beforeAll(() => {
    read = readInputDir(FIXTURES);
    const corpus = unpackCorpus(ingestCorpusSync(read.files));
    articles = new Map(corpus.articles.map((a) => [a.sourceFile, a]));
    skipped = corpus.skipped;
  });
  const article = (name: string) => {
    const a = articles.get(name);
    expect(a, `${name} was not published: ${JSON.stringify(skipped)}`).toBeDefined();
    return a!;
  };
  const input = (name: string) => read.files.find((f) => f.name === name)!;
  const problemsOf = (name: string) => read.problems.filter((p) => p.file === name).map((p) => p.reason);

  it('publishes every article (.md included) and skips none', () => {
    expect(skipped).toEqual([]);
    expect([...articles.keys()].sort()).toEqual(
      ['alias-bomb.md', 'article.md', 'bad-types.md', 'both.md', 'gbk-crlf.txt', 'list.txt', 'page.html', 'pinned.md', 'plain.txt', 'refused-js.md', 'unterminated.txt', 'utf16le-bom.txt'].sort(),
    );
  });

  it('reports exactly these problems, each naming its file', () => {
    const got = read.problems.map((p: InputProblem) => `${p.file}: ${p.reason}`).sort();
    expect(got).toEqual([
      'alias-bomb.md: front matter rejected: too many values (YAML aliases?)',
      "both.md: front matter not applied: both.meta.yml is this article's override too, and the side file wins; keep the facts in one of them",
      'list.txt: front matter is not a YAML mapping (it is a list; expected `key: value` lines); not applied, the file is read whole as article text',
      'refused-js.md: front matter refused: ---js would run code, and front matter is data only; not applied, the article is built from the text after it',
      'unterminated.txt: front matter not read: the first line is --- but no later line is --- to close it; the file is read whole as article text',
    ]);
  });

  it('article.md: title, date and outlet come from the front matter as overrides', () => {
    const a = article('article.md');
    expect(a.title).toMatchObject({ value: '萍乡召开全市乡村振兴工作推进会', from: 'override', evidence: 'curator override (title)', derived: false });
    expect(a.date).toMatchObject({ value: '2023-05-12', precision: 'date', from: 'override', evidence: 'curator override (date)' });
    expect(a.outlet).toEqual({ value: '萍乡日报', from: 'override', evidence: 'curator override (outlet)' });
    expect(input('article.md').override).toEqual({ title: '萍乡召开全市乡村振兴工作推进会', date: '2023-05-12', outlet: '萍乡日报' });
  });

  it('the pipeline reads the text after the front matter: source, offsets and repair replay never see it', () => {
    for (const name of ['article.md', 'gbk-crlf.txt', 'utf16le-bom.txt', 'refused-js.md', 'both.md', 'alias-bomb.md', 'bad-types.md', 'pinned.md']) {
      const a = article(name);
      expect(a.source, name).toMatch(/^全市乡村振兴工作推进会召开\r?\n本报讯/);
      expect(a.source, name).not.toMatch(/^---|title:|process\.exit/m);
      expect(replayRepairs(a.source, a.repairs), name).toBe(a.repaired);
      expect(a.format, name).toBe('text');
    }
  });

  it('sha256 and byteLength are those of the file as saved, front matter included', () => {
    const a = article('article.md');
    const bytes = raw('article.md');
    expect(a.byteLength).toBe(bytes.length);
    expect(a.sha256).toBe(sha256(bytes));
    // A file without front matter is untouched.
    expect(article('plain.txt').sha256).toBe(sha256(raw('plain.txt')));
    expect(Buffer.from(input('plain.txt').bytes).equals(raw('plain.txt'))).toBe(true);
  });

  it('front matter is read on the decoded text: GBK with CRLF, UTF-16LE with a BOM keep their encoding', () => {
    expect(article('gbk-crlf.txt')).toMatchObject({ encoding: 'gb18030', title: { value: '全市乡村振兴工作推进会召开', from: 'override' }, outlet: { value: '江西日报', from: 'override' } });
    expect(article('utf16le-bom.txt')).toMatchObject({ encoding: 'utf-16le', title: { value: '十六位编码的标题', from: 'override' } });
    // The cut keeps the byte order mark and the original bytes of the body.
    const utf16 = raw('utf16le-bom.txt');
    expect([...input('utf16le-bom.txt').bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(Buffer.from(input('utf16le-bom.txt').bytes.subarray(2)).equals(utf16.subarray(utf16.length - input('utf16le-bom.txt').bytes.length + 2))).toBe(true);
  });

  it('---js is refused and never run: the article builds from its text, the front matter is not applied', () => {
    expect((globalThis as Record<string, unknown>)['__frontMatterRan']).toBeUndefined();
    expect(input('refused-js.md').override).toBeNull();
    expect(article('refused-js.md').title?.from).not.toBe('override');
  });

  it('front matter and <id>.meta.yml for one article: the side file wins, the front matter is still taken off the text', () => {
    const a = article('both.md');
    expect(input('both.md').override).toEqual({ title: '旁注文件的标题' });
    expect(a.title).toMatchObject({ value: '旁注文件的标题', from: 'override' });
    expect(a.outlet?.value).not.toBe('前置元数据的媒体');
    expect(a.source).not.toContain('前置元数据');
    expect(problemsOf('both.meta.yml')).toEqual([]);
  });

  it('front matter that is not a mapping, or not closed, leaves the text whole', () => {
    for (const name of ['list.txt', 'unterminated.txt']) {
      expect(input(name).override, name).toBeNull();
      expect(article(name).source, name).toMatch(/^---\n/);
      expect(Buffer.from(input(name).bytes).equals(raw(name)), name).toBe(true);
    }
  });

  it('an alias bomb is a mapping: taken off the text, rejected as a whole', () => {
    expect(input('alias-bomb.md').override).toBeNull();
    expect(article('alias-bomb.md').title?.value).not.toBe('炸弹');
  });

  it('wrong types and unknown keys give the same diagnostics as in a side file; the rest applies', () => {
    const a = article('bad-types.md');
    expect(a.outlet).toEqual({ value: '正常的媒体', from: 'override', evidence: 'curator override (outlet)' });
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ rule: 'override-invalid', message: 'override "title" ignored: expected a string or {value, subtitle}' }));
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ rule: 'override-unknown-key', message: 'override key "colour" is not known and was ignored' }));
  });

  it('id: in front matter pins the article id, as in a side file', () => {
    const a = articles.get('pinned.md')!;
    expect(a.id).toBe('pinned-by-front-matter');
    expect(a.title).toMatchObject({ value: '固定编号的文章', from: 'override' });
    expect(input('pinned.md').override).toEqual({ title: '固定编号的文章' });
  });

  it('HTML is never read for front matter', () => {
    expect(input('page.html').override).toBeNull();
    expect(problemsOf('page.html')).toEqual([]);
    expect(article('page.html').format).toBe('html');
  });
});

describe('front matter: parity with <id>.meta.yml and hostile inputs (generated)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'na-front-matter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = (reporter: string) => BODY.replace('王明', reporter);
  const yaml =
    'title: { value: 标题, subtitle: 副题 }\ndate: { value: 2023-08, precision: month }\nregion: { province: 江西省, city: 萍乡市, code: 360300 }\nofficials: [{ name: 劉爍, posts: [市長], role: present }]\n__proto__: { polluted: yes }\n';
  writeFileSync(join(dir, 'side.txt'), text('甲'));
  writeFileSync(join(dir, 'side.meta.yml'), yaml);
  writeFileSync(join(dir, 'front.md'), `---\n${yaml}---\n${text('乙')}`);
  // Over the side file's size limit: not read, the text kept whole.
  writeFileSync(join(dir, 'huge.md'), `---\ntitle: 标题\nnote: "${'字'.repeat(MAX_OVERRIDE_BYTES)}"\n---\n${text('丙')}`);
  // A control character in GBK front matter: the decoder removes it, so the decoded front matter
  // no longer re-encodes to the raw bytes; the text after it goes on as UTF-8.
  writeFileSync(join(dir, 'control.txt'), iconv.encode(`---\ntitle: 控制\u0001字符\n---\n${text('丁')}`, 'gbk'));
  // Nothing after the front matter: skipped as empty, and said why.
  writeFileSync(join(dir, 'only-front-matter.md'), '---\ntitle: 只有前置元数据\n---\n');
  // An id that cannot be a URL segment.
  writeFileSync(join(dir, 'bad-id.md'), `---\nid: "a/b"\ntitle: 坏编号\n---\n${text('戊')}`);
  writeFileSync(join(dir, 'plain.txt'), text('己'));
  const read = readInputDir(dir);
  const corpus = unpackCorpus(ingestCorpusSync(read.files));
  const get = (name: string) => corpus.articles.find((a) => a.sourceFile === name);
  const problemsOf = (name: string) => read.problems.filter((p) => p.file === name).map((p) => p.reason);

  it('the same YAML as front matter and as a side file gives the same override and problems', () => {
    const side = read.files.find((f) => f.name === 'side.txt')!.override;
    const front = read.files.find((f) => f.name === 'front.md')!.override;
    expect(front).toEqual(side);
    expect(problemsOf('front.md')).toEqual(problemsOf('side.meta.yml').map((r) => r.replace(/^override/, 'front matter')));
    expect(problemsOf('front.md')).toEqual(['front matter: key "__proto__" is not allowed; ignored']);
    expect(get('front.md')!.title).toEqual({ ...get('side.txt')!.title });
    expect(get('front.md')!.region).toEqual(get('side.txt')!.region);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('huge front matter: reported, the article still builds', () => {
    expect(problemsOf('huge.md')).toEqual([`front matter too large (limit ${MAX_OVERRIDE_BYTES} bytes); not read, the file is read whole as article text`]);
    expect(get('huge.md')).toBeDefined();
  });

  it('bytes that cannot be cut exactly: the text after the front matter is read as UTF-8, and said so', () => {
    expect(problemsOf('control.txt')).toEqual(['front matter: the gb18030 bytes could not be cut exactly where it ends; the text after it is read as UTF-8']);
    expect(get('control.txt')).toMatchObject({ encoding: 'utf-8', title: { value: '控制字符', from: 'override' } });
    expect(get('control.txt')!.source).toBe(text('丁'));
  });

  it('front matter with no text after it: the file is skipped as empty, with the reason', () => {
    expect(problemsOf('only-front-matter.md')).toEqual(['front matter with no article text after it']);
    expect(corpus.skipped.find((s) => s.file === 'only-front-matter.md')?.reason).toMatch(/^empty file/);
  });

  it('a bad id in front matter is reported as in a side file, and the rest applies', () => {
    expect(problemsOf('bad-id.md')).toEqual(['front matter: id "a/b" cannot be a URL path segment (no / \\ ? # %, at most 100 characters); the id field is ignored']);
    expect(get('bad-id.md')).toMatchObject({ id: 'bad-id', title: { value: '坏编号', from: 'override' } });
  });

  it('the other articles build', () => {
    expect(get('plain.txt')).toBeDefined();
    expect(corpus.skipped.map((s) => s.file)).toEqual(['only-front-matter.md']);
  });
});
