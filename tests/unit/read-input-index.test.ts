import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkipError } from '../../src/ingest/decode.ts';
import { readArticle } from '../../src/ingest/index.ts';
import { readInputDir, type InputIndex } from '../../src/io/read-input.ts';
import { tempDirs } from '../support/temp-dirs.ts';

/**
 * A rebuild reads again only the input files that changed since the last build (`InputIndex`):
 * a file whose size, time stamps, inode and device are unchanged keeps its known hash, and its
 * bytes are read only if asked for. `now` stands in for the clock: a file is indexed only once its
 * last change is more than two seconds old.
 */
const temp = tempDirs('na-input-index-');
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const LATER = Date.now() + 60_000;

function folder(files: Record<string, string>): string {
  const dir = temp();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the index of input files a build keeps for the next', () => {
  it('holds every plain file old enough, with the hash of its bytes', () => {
    const dir = folder({ 'a.txt': '甲地召开会议。', 'b.html': '<p>乙地召开会议。</p>' });
    const { files, index } = readInputDir(dir, { now: LATER });
    expect(Object.keys(index.files).sort()).toEqual(['a.txt', 'b.html']);
    expect(index.files['a.txt']).toMatchObject({ sha256: sha('甲地召开会议。'), size: String(Buffer.byteLength('甲地召开会议。')) });
    expect(files.map((f) => f.sha256)).toEqual([sha('甲地召开会议。'), sha('<p>乙地召开会议。</p>')]);
  });

  it('leaves out a file changed within two seconds of the read (its time stamps may not tell a later change)', () => {
    const dir = folder({ 'a.txt': '甲地召开会议。' });
    expect(readInputDir(dir).index.files).toEqual({});
  });

  it('leaves out a file that opens with front matter (its bytes are not the file’s)', () => {
    const dir = folder({ 'a.txt': '---\ntitle: 标题\n---\n甲地召开会议。', 'b.txt': '乙地召开会议。' });
    expect(Object.keys(readInputDir(dir, { now: LATER }).index.files)).toEqual(['b.txt']);
  });
});

describe('a rebuild with the index', () => {
  it('does not read an unchanged file until its bytes are asked for, and then they are the file’s', () => {
    const dir = folder({ 'a.txt': '甲地召开会议。' });
    const known = readInputDir(dir, { now: LATER }).index;
    const [file] = readInputDir(dir, { known, now: LATER }).files;
    expect(file!.sha256).toBe(sha('甲地召开会议。'));
    expect(Object.getOwnPropertyDescriptor(file, 'bytes')?.get).toBeTypeOf('function');
    expect(readArticle(file!)).toMatchObject({ source: '甲地召开会议。', sha256: sha('甲地召开会议。') });
  });

  it('reads a file again when it changed, even to the same size with its modification time put back', () => {
    const dir = folder({ 'a.txt': '甲地召开会议。' });
    const known = readInputDir(dir, { now: LATER }).index;
    const path = join(dir, 'a.txt');
    const { atime, mtime } = statSync(path);
    writeFileSync(path, '乙地召开会议。'); // same length, other bytes; the change time moves
    utimesSync(path, atime, mtime);
    const [file] = readInputDir(dir, { known, now: LATER }).files;
    expect(file!.sha256).toBe(sha('乙地召开会议。'));
    expect(Buffer.from(file!.bytes).toString()).toBe('乙地召开会议。');
  });

  it('skips, with the reason, a file that changed after it was found unchanged', () => {
    const dir = folder({ 'a.txt': '甲地召开会议。' });
    const known = readInputDir(dir, { now: LATER }).index;
    const [file] = readInputDir(dir, { known, now: LATER }).files;
    writeFileSync(join(dir, 'a.txt'), '乙地召开了另一个会议。');
    expect(() => readArticle(file!)).toThrow(SkipError);
    expect(() => file!.bytes).toThrow(/changed while the build was running/);
  });

  it('ignores an index made for another folder', () => {
    const dir = folder({ 'a.txt': '甲地召开会议。' });
    const known: InputIndex = { ...readInputDir(dir, { now: LATER }).index, dir: `${dir}-other` };
    const [file] = readInputDir(dir, { known, now: LATER }).files;
    expect(Object.getOwnPropertyDescriptor(file, 'bytes')?.get).toBeUndefined();
    expect(Buffer.from(file!.bytes).equals(readFileSync(join(dir, 'a.txt')))).toBe(true);
  });
});
