import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, metaCharset, SkipError } from '../../src/ingest/decode.ts';
import { toTraditional } from '../../src/text/script.ts';

const seed001 = readFileSync(new URL('../../seeds/001_8100e753179c915b.txt', import.meta.url), 'utf8');
const trad = toTraditional(seed001);
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('decodeBytes: encodings chosen by evidence', () => {
  it.each([
    ['UTF-8', bytes(seed001), 'utf-8', seed001],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(seed001)]), 'utf-8', seed001],
    ['UTF-16LE with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed001, 'utf16le')])), 'utf-16le', seed001],
    ['UTF-16BE with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(seed001, 'utf16le').swap16()])), 'utf-16be', seed001],
    ['UTF-16LE without BOM', new Uint8Array(Buffer.from(seed001, 'utf16le')), 'utf-16le', seed001],
    ['GBK', new Uint8Array(iconv.encode(seed001, 'gbk')), 'gb18030', seed001],
    ['GB18030 with a 4-byte sequence', new Uint8Array(iconv.encode(seed001 + '㐀€', 'gb18030')), 'gb18030', seed001 + '㐀€'],
    // Not TextDecoder('big5') as the expectation: Node's ICU decoder silently drops characters
    // such as 峯 (in a person's name in this seed) and the HKSCS set; iconv-lite keeps them.
    ['Big5', new Uint8Array(iconv.encode(trad, 'big5')), 'big5', iconv.decode(iconv.encode(trad, 'big5'), 'big5hkscs')],
  ])('%s', (_name, input, encoding, text) => {
    const out = decodeBytes(input, 'a.txt');
    expect(out.encoding).toBe(encoding);
    expect(out.text).toBe(text);
  });

  it('HTML declares its charset in <meta>', () => {
    const html = `<html><head><meta charset="gb2312"><title>标题</title></head><body><p>${seed001.slice(0, 200)}</p></body></html>`;
    const out = decodeBytes(new Uint8Array(iconv.encode(html, 'gbk')), 'page.html');
    expect(out.encoding).toBe('gb18030');
    expect(out.text).toContain('内陆开放');
  });

  it('reads http-equiv charset declarations', () => {
    expect(metaCharset(bytes('<meta http-equiv="Content-Type" content="text/html; charset=GBK">'))).toBe('gb18030');
  });

  it('a bad byte inside UTF-8 is a diagnostic with its byte offset, not silent U+FFFD', () => {
    const good = Buffer.from(seed001, 'utf8');
    const at = Buffer.byteLength(seed001.slice(0, 10));
    const damaged = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
    const out = decodeBytes(new Uint8Array(damaged), 'a.txt');
    expect(out.encoding).toBe('utf-8');
    expect(out.diagnostics).toEqual([expect.objectContaining({ rule: 'decode', offset: at, unit: 'byte' })]);
    expect(out.diagnostics[0]!.message).toMatch(new RegExp(`byte offset ${at}`));
  });
});

describe('decodeBytes: files that are not articles are skipped with the reason', () => {
  it.each([
    ['empty', new Uint8Array(), /empty/],
    ['binary with NUL', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]), /binary/],
    ['control characters', bytes('\x01\x02\x03\x04abc\x05\x06'), /binary/],
    ['too large', new Uint8Array(11 * 1024 * 1024).fill(0x41), /too large/],
  ])('%s', (_name, input, reason) => {
    expect(() => decodeBytes(input, 'x.txt')).toThrow(SkipError);
    expect(() => decodeBytes(input, 'x.txt')).toThrow(reason);
  });
});

describe('decodeBytes: damage around UTF-8', () => {
  const text = '某市召开工作会议，会议强调各级各部门要切实履行职责。';
  it('a short UTF-8 article with a few bad bytes: U+FFFD and a diagnostic per byte, never skipped', () => {
    const u = Buffer.from(text, 'utf8');
    const bytes = Buffer.concat([u.subarray(0, 12), Buffer.from([0xff, 0xfe]), u.subarray(12, 30), Buffer.from([0xc3, 0x28]), u.subarray(30)]);
    const d = decodeBytes(bytes, 'a.txt');
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('某市召开\ufffd\ufffd工作会议');
    expect(d.diagnostics.filter((x) => x.rule === 'decode').map((x) => x.offset)).toEqual([12, 13, 32]);
  });

  it('a UTF-8 byte order mark before GBK bytes: read as GBK, with a diagnostic', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(text, 'gbk')]), 'b.txt');
    expect(d.text).toBe(text);
    expect(d.encoding).toBe('gb18030');
    expect(d.diagnostics.map((x) => x.message)).toContain('a UTF-8 byte order mark stands before gb18030 bytes; read as gb18030');
  });
});
