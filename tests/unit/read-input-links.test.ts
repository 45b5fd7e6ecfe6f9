import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../support/temp-dirs.ts';
import { readInputDir } from '../../src/io/read-input.ts';
import { uniqueArticleIds } from '../../src/ingest/index.ts';
import { publishedIds } from '../../src/build/live-site.ts';

const ARTICLE = '某地召开工作会议\n会议强调，各级各部门要切实履行职责，确保各项工作任务落到实处。\n';
const temp = tempDirs('na-links-');

describe('the input folder is the archive: links that leave it are skipped with the reason', () => {
  const outside = temp();
  writeFileSync(join(outside, 'secret.txt'), ARTICLE);
  const dir = temp();
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'b.txt'), ARTICLE);
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'to-a-file-elsewhere.txt'));
  symlinkSync('/', join(dir, 'root'));
  symlinkSync(outside, join(dir, 'to-a-folder-elsewhere'));
  symlinkSync(join(dir, 'sub', 'b.txt'), join(dir, 'inside.txt'));
  symlinkSync(join(dir, 'sub'), join(dir, 'inside-folder'));
  const { files, problems } = readInputDir(dir);

  it.each([['to-a-file-elsewhere.txt'], ['root'], ['to-a-folder-elsewhere']])('%s is skipped', (name) => {
    expect(problems.find((p) => p.file === name)?.reason).toMatch(/^symbolic link to .*, outside the input folder; skipped$/);
    expect(files.some((f) => f.name.startsWith(name))).toBe(false);
  });

  it('links inside the folder are followed; every folder is read once', () => {
    expect(files.map((f) => f.name).sort()).toEqual(['a.txt', 'inside.txt', 'sub/b.txt']);
  });
});

describe('curator overrides are read as their curator wrote them', () => {
  it('an override saved in GBK is decoded, not applied as garbled text', () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    writeFileSync(join(dir, 'a.meta.yml'), iconv.encode('title: 某县召开乡村振兴推进会\noutlet: 某某日报\n', 'gbk'));
    const { files, problems } = readInputDir(dir);
    expect(problems).toEqual([]);
    expect(files[0]!.override).toEqual({ title: '某县召开乡村振兴推进会', outlet: '某某日报' });
  });

  it('x.meta.yml and x.meta.yaml for one article: the second is reported, not silently lost', () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    writeFileSync(join(dir, 'a.meta.yml'), 'title: 甲\n');
    writeFileSync(join(dir, 'a.meta.yaml'), 'title: 乙\n');
    const { files, problems } = readInputDir(dir);
    expect(files[0]!.override).toEqual({ title: '乙' });
    expect(problems).toEqual([{ file: 'a.meta.yml', reason: 'a second override for the same article (a.meta.yaml is used); merge them into one file' }]);
  });
});

describe('an article keeps its id (and URL) when other files are added', () => {
  it.each([
    ['A.txt beside a.txt', ['a.txt'], ['a.txt', 'A.txt']],
    ['a file that sorts first', ['x.txt'], ['a/x.txt', 'x.txt']],
    ['a third file of the same name', ['x.txt', 'sub/x.txt'], ['x.txt', 'sub/x.txt', 'a/x.html']],
  ])('%s', (_rule, before, after) => {
    const first = uniqueArticleIds(before);
    const published = new Map([...first]);
    const second = uniqueArticleIds(after, published);
    for (const name of before) expect(second.get(name)).toBe(first.get(name));
    expect(new Set(second.values()).size).toBe(after.length);
  });

  it('a new colliding file takes a suffix from its own path, whatever else is in the folder', () => {
    const alone = uniqueArticleIds(['x.txt', 'z/x.txt']).get('z/x.txt');
    const crowded = uniqueArticleIds(['x.txt', 'z/x.txt', 'b/x.txt', 'c/x.html']).get('z/x.txt');
    expect(alone).toMatch(/^x-[0-9a-f]{6}$/);
    expect(crowded).toBe(alone);
  });

  it('the build reads the ids the live site published', () => {
    const out = temp();
    mkdirSync(join(out, 'data'));
    writeFileSync(
      join(out, 'data', 'build-report.json'),
      JSON.stringify({
        totals: { published: 1 },
        files: [
          { file: 'a.txt', status: 'published', id: 'a' },
          { file: 'b.txt', status: 'skipped', id: null },
        ],
      }),
    );
    expect([...publishedIds(out)]).toEqual([['a.txt', 'a']]);
    expect(publishedIds(join(out, 'missing')).size).toBe(0);
  });
});

describe('file names that are not UTF-8 (GBK names from Windows archives) are read, not lost', () => {
  it('a GBK-named file and a GBK-named folder are published under their decoded names', () => {
    const dir = temp();
    const gbkName = iconv.encode('新闻稿.txt', 'gbk');
    writeFileSync(Buffer.concat([Buffer.from(dir + '/'), gbkName]), ARTICLE);
    const gbkFolder = Buffer.concat([Buffer.from(dir + '/'), iconv.encode('会议', 'gbk')]);
    mkdirSync(gbkFolder);
    writeFileSync(Buffer.concat([gbkFolder, Buffer.from('/b.txt')]), ARTICLE);
    const { files, problems } = readInputDir(dir);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.name).sort()).toEqual(['会议/b.txt', '新闻稿.txt']);
    expect(files.every((f) => Buffer.from(f.bytes).toString('utf8') === ARTICLE)).toBe(true);
  });

  it('bytes that are neither UTF-8 nor GB18030 keep a name, escaped', () => {
    const dir = temp();
    writeFileSync(Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0x61, 0xff, 0x2e, 0x74, 0x78, 0x74])]), ARTICLE);
    expect(readInputDir(dir).files.map((f) => f.name)).toEqual(['a%FF.txt']);
  });
});

describe('a curator pins an id with `id:`', () => {
  it.each([
    ['"0123"', '0123', []],
    ['江西-2023-宜春', '江西-2023-宜春', []],
  ])('id: %s', (yaml, id, problems) => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    writeFileSync(join(dir, 'a.meta.yml'), `id: ${yaml}\ntitle: 某县会议\n`);
    const r = readInputDir(dir);
    expect(r.problems).toEqual(problems);
    expect(r.files[0]!.id).toBe(id);
    expect(r.files[0]!.override).toEqual({ title: '某县会议' });
  });

  it.each([['a/b'], ['x?y'], ['..']])('an id that cannot be a URL segment (%s) is reported and ignored', (bad) => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    writeFileSync(join(dir, 'a.meta.yml'), `id: "${bad}"\n`);
    const r = readInputDir(dir);
    expect(r.problems[0]!.reason).toMatch(/cannot be a URL path segment/);
    expect(r.files[0]!.id).toBeUndefined();
  });

  it('two overrides claiming one id: the second is reported', () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    writeFileSync(join(dir, 'b.txt'), ARTICLE.replace('工作', '专题'));
    writeFileSync(join(dir, 'a.meta.yml'), 'id: same\n');
    writeFileSync(join(dir, 'b.meta.yml'), 'id: same\n');
    const r = readInputDir(dir);
    expect(r.problems).toEqual([{ file: 'b.meta.yml', reason: 'override: id "same" is already another article\'s; the id field is ignored' }]);
    expect(r.files.find((f) => f.name === 'a.txt')!.id).toBe('same');
  });
});
