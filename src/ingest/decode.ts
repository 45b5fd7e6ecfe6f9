import iconv from 'iconv-lite';
import type { Diagnostic } from '../article.ts';
import { toSimplified } from './script.ts';

/** A fatal problem with one file: the file is skipped with this reason; the others go on. */
export class SkipError extends Error {
  override name = 'SkipError';
}

export interface Decoded {
  text: string;
  /** WHATWG label of what was decoded: utf-8, utf-16le, utf-16be, gb18030, big5. */
  encoding: string;
  diagnostics: Diagnostic[];
}

/** Files larger than this are not articles (a saved page with inline images is ~1 MB at most). */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

const strictDecoder = (label: string) => new TextDecoder(label, { fatal: true });

/**
 * Raw bytes → text, choosing the encoding by evidence: BOM, then strict UTF-8, then an HTML
 * `<meta charset>`, then GB18030 vs Big5 by which reading yields common Chinese. Never guesses
 * silently: a lossy decode leaves diagnostics with byte offsets.
 */
export function decodeBytes(bytes: Uint8Array, fileName: string): Decoded {
  if (bytes.length === 0) throw new SkipError('empty file (0 bytes)');
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new SkipError(`too large (${bytes.length} bytes; the limit is ${MAX_INPUT_BYTES} bytes)`);
  }
  const bom = decodeWithBom(bytes);
  if (bom) return finish(bom);

  const utf16 = sniffBomlessUtf16(bytes);
  if (utf16) return finish(utf16);

  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new SkipError(`binary data (NUL byte at offset ${nul})`);

  const utf8 = tryStrict('utf-8', bytes);
  if (utf8 !== null) return finish({ text: utf8, encoding: 'utf-8', diagnostics: [] });
  // Not clean UTF-8: mostly-UTF-8 text with a few bad bytes, or a legacy encoding.

  const declared = isHtmlName(fileName) || looksLikeHtml(bytes) ? metaCharset(bytes) : null;
  if (declared && declared !== 'utf-8') {
    const text = tryStrict(declared, bytes);
    if (text !== null) return finish({ text, encoding: declared, diagnostics: [] });
    // The declaration lies; fall through to evidence.
  }

  const damagedUtf8 = decodeDamagedUtf8(bytes);
  if (damagedUtf8) return finish(damagedUtf8);

  const legacy = chooseLegacy(bytes);
  if (legacy) return finish(legacy);
  throw new SkipError('undecodable: not valid UTF-8, UTF-16, GB18030 or Big5');
}

function tryStrict(label: string, bytes: Uint8Array): string | null {
  try {
    return strictDecoder(label).decode(bytes);
  } catch {
    return null;
  }
}

function finish(d: Decoded): Decoded {
  const control = countControlCharacters(d.text);
  if (d.text.length > 0 && control / d.text.length > 0.01) {
    throw new SkipError(`binary data (${control} control characters in ${d.text.length})`);
  }
  return d;
}

function countControlCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) n++;
  }
  return n;
}

function decodeWithBom(bytes: Uint8Array): Decoded | null {
  const boms: Array<[number[], string]> = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [sig, label] of boms) {
    if (sig.every((b, i) => bytes[i] === b)) {
      const diagnostics: Diagnostic[] = [];
      let text: string;
      try {
        text = strictDecoder(label).decode(bytes.subarray(sig.length));
      } catch {
        text = new TextDecoder(label).decode(bytes.subarray(sig.length));
        diagnostics.push({ rule: 'decode', severity: 'warning', message: `invalid ${label} data after the byte order mark; replaced with U+FFFD` });
      }
      return { text, encoding: label, diagnostics };
    }
  }
  return null;
}

/**
 * UTF-16 without a BOM: the NUL high bytes of ASCII characters fall on one parity, and the
 * decoded text reads as Chinese and ASCII. Accept only such clear cases; other NULs are binary.
 */
function sniffBomlessUtf16(bytes: Uint8Array): Decoded | null {
  if (bytes.length < 8 || bytes.length % 2 !== 0) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
  // Ideographs such as 一 (U+4E00) put a NUL on the other parity too: ask for a clear majority.
  const label = oddNul > 4 * evenNul ? 'utf-16le' : evenNul > 4 * oddNul ? 'utf-16be' : null;
  if (!label) return null;
  const text = tryStrict(label, bytes);
  if (text === null) return null;
  const plausible = text.match(/[\p{Script=Han}\x20-\x7e\s\u3000-\u303f\uff00-\uffef“”‘’—…]/gu)?.length ?? 0;
  if (plausible / text.length < 0.95) return null;
  return {
    text,
    encoding: label,
    diagnostics: [{ rule: 'decode', severity: 'info', message: `${label} without a byte order mark (detected from NUL byte positions)` }],
  };
}

function isHtmlName(name: string): boolean {
  return /\.x?html?$/i.test(name);
}

function asciiHead(bytes: Uint8Array, n = 4096): string {
  return Buffer.from(bytes.subarray(0, n)).toString('latin1');
}

export function looksLikeHtml(bytes: Uint8Array | string): boolean {
  const head = typeof bytes === 'string' ? bytes.slice(0, 4096) : asciiHead(bytes);
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<meta[\s>])/i.test(head) || /<body[\s>]/i.test(head);
}

const CHARSET_ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
};

/** `<meta charset="gb2312">` or `<meta http-equiv=… content="text/html; charset=gbk">`. */
export function metaCharset(bytes: Uint8Array): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(asciiHead(bytes));
  if (!m) return null;
  return CHARSET_ALIASES[m[1]!.toLowerCase()] ?? null;
}

/**
 * Text that is UTF-8 but for a few bad bytes (a truncated download, a spliced fragment) is kept
 * as UTF-8; each bad sequence becomes U+FFFD and a diagnostic with its byte offset.
 */
function decodeDamagedUtf8(bytes: Uint8Array): Decoded | null {
  const bad: number[] = [];
  let multibyte = 0;
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      bad.push(i);
      i++;
    } else {
      if (len > 1) multibyte++;
      i += len;
    }
  }
  if (multibyte === 0 || bad.length > Math.max(3, multibyte * 0.02)) return null;
  const text = new TextDecoder('utf-8').decode(bytes);
  const diagnostics: Diagnostic[] = bad.slice(0, 20).map((offset) => ({
    rule: 'decode',
    severity: 'warning' as const,
    message: `invalid UTF-8 byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at byte offset ${offset}; replaced with U+FFFD`,
    offset,
    unit: 'byte' as const,
  }));
  if (bad.length > 20) diagnostics.push({ rule: 'decode', severity: 'warning', message: `${bad.length - 20} more invalid UTF-8 bytes` });
  return { text, encoding: 'utf-8', diagnostics };
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  for (let k = 1; k <= need; k++) {
    const t = b[i + k];
    if (t === undefined || (t & 0xc0) !== 0x80) return 0;
  }
  return need + 1;
}

/**
 * GB18030 vs Big5: decode both strictly and keep the reading with the larger share of common
 * Chinese — characters whose Simplified form lies in GB2312 level 1 (the 3,755 most frequent
 * characters, ordered by the standard itself). Misread bytes land on symbols, kana and rare
 * characters instead.
 */
function chooseLegacy(bytes: Uint8Array): Decoded | null {
  const readings: Decoded[] = [];
  for (const label of ['gb18030', 'big5']) {
    try {
      readings.push({ text: strictDecoder(label).decode(bytes), encoding: label, diagnostics: [] });
    } catch {
      // not this encoding
    }
  }
  if (readings.length === 0) {
    // Lossy GB18030 as a last resort, when nearly everything decodes.
    const text = new TextDecoder('gb18030').decode(bytes);
    const lost = (text.match(/\uFFFD/g) ?? []).length;
    if (lost > 0 && lost <= Math.max(2, text.length * 0.01) && commonChineseShare(text) > 0.6) {
      return {
        text,
        encoding: 'gb18030',
        diagnostics: [{ rule: 'decode', severity: 'warning', message: `${lost} undecodable GB18030 sequences replaced with U+FFFD` }],
      };
    }
    return null;
  }
  readings.sort((a, b) => commonChineseShare(b.text) - commonChineseShare(a.text));
  const best = readings[0]!;
  if (commonChineseShare(best.text) < 0.3) return null;
  return best;
}

function isGb2312Level1(ch: string): boolean {
  const b = iconv.encode(ch, 'gbk');
  if (b.length !== 2) return false;
  const code = (b[0]! << 8) | b[1]!;
  return code >= 0xb0a1 && code <= 0xd7f9 && iconv.decode(b, 'gbk') === ch;
}

function commonChineseShare(text: string): number {
  let han = 0;
  let common = 0;
  for (const ch of text) {
    if (/[\s\x21-\x7e]/.test(ch)) continue;
    han++;
    if (/\p{Script=Han}/u.test(ch) && (isGb2312Level1(ch) || isGb2312Level1(toSimplified(ch)))) common++;
    else if (/[\u3000-\u303f\uff00-\uffef“”‘’—…·]/.test(ch)) common++;
  }
  return han === 0 ? 0 : common / han;
}
