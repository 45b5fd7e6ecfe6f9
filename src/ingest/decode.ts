import iconv from 'iconv-lite';
import type { Diagnostic } from '../article.ts';
import { toSimplified } from '../text/script.ts';

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
  const magic = binarySignature(bytes);
  if (magic) throw new SkipError(`binary file (${magic})`);

  const bom = decodeWithBom(bytes);
  if (bom && bom.encoding === 'utf-8' && bom.diagnostics.length) {
    // A UTF-8 byte order mark on bytes that are not UTF-8 (an editor added it to a GBK file):
    // the bytes after it are read by evidence, as if the mark were not there.
    const rest = bytes.subarray(3);
    const mostlyUtf8 = decodeDamagedUtf8(rest);
    if (mostlyUtf8) return finish(mostlyUtf8);
    const legacy = chooseLegacy(rest);
    if (legacy) {
      legacy.diagnostics.push({ rule: 'decode', severity: 'warning', message: `a UTF-8 byte order mark stands before ${legacy.encoding} bytes; read as ${legacy.encoding}` });
      return finish(legacy);
    }
  }
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
    // GBK bytes often decode *strictly* as Big5 too (and the other way round), so a declaration
    // is believed only when its reading is about as plausible as the best other reading.
    if (text !== null) {
      const other = chooseLegacy(bytes);
      if (!other || other.encoding === declared || commonChineseShare(text) >= commonChineseShare(other.text) - 0.1) {
        return finish({ text, encoding: declared, diagnostics: [] });
      }
      return finish({ ...other, diagnostics: [...other.diagnostics, declaredMismatch(declared, other.encoding)] });
    }
    // The declaration lies; fall through to evidence.
  }

  const damagedUtf8 = decodeDamagedUtf8(bytes);
  if (damagedUtf8) return finish(damagedUtf8);

  const legacy = chooseLegacy(bytes);
  if (legacy) {
    if (declared && declared !== legacy.encoding) legacy.diagnostics.push(declaredMismatch(declared, legacy.encoding));
    return finish(legacy);
  }
  // A short UTF-8 text with a few bad bytes (too few characters for the 2 % rule above) that no
  // legacy encoding reads either: UTF-8 with U+FFFD and a diagnostic per bad byte.
  const lenient = decodeDamagedUtf8(bytes, true);
  if (lenient) return finish(lenient);
  throw new SkipError('undecodable: not valid UTF-8, UTF-16, GB18030 or Big5');
}

function declaredMismatch(declared: string, actual: string): Diagnostic {
  return { rule: 'decode', severity: 'warning', message: `the page declares charset ${declared} but its bytes read as ${actual}; decoded as ${actual}` };
}

/**
 * Well-known binary formats, by their leading bytes. Such files are skipped with a name the
 * curator recognises instead of a generic "binary data" (a PDF may have no NUL in its head).
 */
const SIGNATURES: ReadonlyArray<readonly [string, number, number[] | string]> = [
  ['PNG image', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['JPEG image', 0, [0xff, 0xd8, 0xff]],
  ['GIF image', 0, 'GIF8'],
  ['PDF document', 0, '%PDF-'],
  ['ZIP archive or Office document', 0, [0x50, 0x4b, 0x03, 0x04]],
  ['ZIP archive', 0, [0x50, 0x4b, 0x05, 0x06]],
  ['gzip archive', 0, [0x1f, 0x8b]],
  ['7-Zip archive', 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR archive', 0, 'Rar!\x1a\x07'],
  ['bzip2 archive', 0, 'BZh'],
  ['xz archive', 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['Microsoft Office (OLE) document', 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['ELF executable', 0, [0x7f, 0x45, 0x4c, 0x46]],
  ['Windows executable', 0, 'MZ'],
  ['WebAssembly module', 0, [0x00, 0x61, 0x73, 0x6d]],
  ['SQLite database', 0, 'SQLite format 3\x00'],
  ['WebP image', 8, 'WEBP'],
  ['MP4/QuickTime media', 4, 'ftyp'],
];

function binarySignature(bytes: Uint8Array): string | null {
  for (const [name, at, sig] of SIGNATURES) {
    const want = typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig;
    if (bytes.length >= at + want.length && want.every((b, i) => bytes[at + i] === b)) {
      // 'MZ' and 'BZh' are also plausible starts of text: require a NUL nearby as well.
      if ((sig === 'MZ' || sig === 'BZh') && bytes.subarray(0, 512).indexOf(0) === -1) continue;
      return name;
    }
  }
  return null;
}

/**
 * Strict decoding, or null. Big5 goes through iconv-lite's Big5-HKSCS table: Node's
 * TextDecoder('big5') (ICU) silently *drops* HKSCS characters such as 啲 哋 嘅 (lead bytes
 * 0x87–0xA0) even with `fatal: true`, losing text without a trace.
 */
function tryStrict(label: string, bytes: Uint8Array): string | null {
  if (label === 'big5') {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'big5hkscs');
    return text.includes('\ufffd') ? null : text;
  }
  try {
    return strictDecoder(label).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of control characters above which decoded "text" is taken for binary data. */
const MAX_CONTROL_SHARE = 0.05;

/**
 * Last checks on any decoded text: an empty or blank file is skipped; control characters are
 * either a sign of binary data (many) or stray bytes from a terminal or a word processor (few).
 * Stray ones are removed here, with a diagnostic, because no later stage or output format wants
 * them: XML feeds reject C0 controls, and U+2028/U+2029 end lines inside inline scripts.
 * Form feed, vertical tab, NEL and the Unicode line/paragraph separators become line breaks.
 */
function finish(d: Decoded): Decoded {
  if (d.text.length === 0) throw new SkipError('empty file (no text after the byte order mark)');
  if (!/[^\s\u3000\ufeff\u200b]/u.test(d.text)) throw new SkipError('empty file (only whitespace)');
  let control = 0;
  let first = -1;
  for (let i = 0; i < d.text.length; i++) {
    if (isControl(d.text.charCodeAt(i))) {
      control++;
      if (first < 0) first = i;
    }
  }
  if (control === 0) return d;
  if (control / d.text.length > MAX_CONTROL_SHARE) {
    throw new SkipError(`binary data (${control} control characters in ${d.text.length})`);
  }
  const text = d.text.replace(CONTROL, (c) => (LINE_BREAKING.has(c) ? '\n' : ''));
  const code = d.text.charCodeAt(first).toString(16).toUpperCase().padStart(4, '0');
  return {
    ...d,
    text,
    diagnostics: [
      ...d.diagnostics,
      {
        rule: 'decode',
        severity: 'warning',
        message: `${control} control character${control === 1 ? '' : 's'} removed or turned into line breaks (first U+${code} at char offset ${first} of the decoded text)`,
        offset: first,
        unit: 'char',
      },
    ],
  };
}

// C0 controls except tab, line feed and carriage return (CR is the whitespace rule's business),
// DEL, C1 controls, the Unicode line/paragraph separators and the noncharacters U+FFFE/U+FFFF.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]/g;
const LINE_BREAKING = new Set(['\x0b', '\x0c', '\x85', '\u2028', '\u2029']);

function isControl(c: number): boolean {
  return (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfffe || c === 0xffff;
}

function decodeWithBom(bytes: Uint8Array): Decoded | null {
  // UTF-32 BOMs first: FF FE 00 00 also starts with the UTF-16LE BOM.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return decodeUtf32(bytes, true);
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return decodeUtf32(bytes, false);
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

/** UTF-32 with a BOM (TextDecoder has no UTF-32): rare, but cheap to read rather than skip. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): Decoded {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let bad = 0;
  for (let i = 4; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      bad++;
      parts.push('\ufffd');
    } else parts.push(String.fromCodePoint(cp));
  }
  const label = littleEndian ? 'utf-32le' : 'utf-32be';
  const diagnostics: Diagnostic[] = [];
  if (bad > 0 || bytes.length % 4 !== 0) {
    diagnostics.push({ rule: 'decode', severity: 'warning', message: `invalid ${label} data after the byte order mark; replaced with U+FFFD` });
  }
  return { text: parts.join(''), encoding: label, diagnostics };
}

/**
 * UTF-16 without a BOM. NUL bytes are the trigger (ASCII digits and line breaks put one in every
 * other byte), but mostly-Chinese text has too few of them for a parity vote, and ideographs
 * such as 一 (U+4E00) put NULs on the other parity too. So both byte orders are decoded and
 * judged like the legacy encodings: the reading must be nearly all Chinese, ASCII and CJK
 * punctuation, and mostly common characters. Other NULs are binary data.
 */
function sniffBomlessUtf16(bytes: Uint8Array): Decoded | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0 || bytes.indexOf(0) === -1) return null;
  let best: { label: string; text: string; score: number } | null = null;
  for (const label of ['utf-16le', 'utf-16be']) {
    const text = tryStrict(label, bytes);
    if (text === null || text.length === 0) continue;
    const plausible = text.match(/[\p{Script=Han}\x20-\x7e\t\n\r\u3000-\u303f\uff00-\uffef“”‘’—…·]/gu)?.length ?? 0;
    if (plausible / text.length < 0.95) continue;
    const score = commonChineseShare(text);
    if (score < 0.5 && /\p{Script=Han}/u.test(text)) continue;
    if (!best || score > best.score) best = { label, text, score };
  }
  if (!best) return null;
  return {
    text: best.text,
    encoding: best.label,
    diagnostics: [{ rule: 'decode', severity: 'info', message: `${best.label} without a byte order mark (detected from the decoded text)` }],
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
function decodeDamagedUtf8(bytes: Uint8Array, lenient = false): Decoded | null {
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
  if (multibyte === 0 || bad.length > (lenient ? multibyte / 4 : Math.max(3, multibyte * 0.02))) return null;
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
    const text = tryStrict(label, bytes);
    if (text !== null) readings.push({ text, encoding: label, diagnostics: [] });
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

/**
 * Memo for `isCommonChinese`: a large file repeats the same few thousand characters, and the
 * test (a GBK round trip and a Simplified conversion) is the costly part of choosing an encoding.
 */
const commonCache = new Map<string, boolean>();

function isCommonChinese(ch: string): boolean {
  let known = commonCache.get(ch);
  if (known === undefined) {
    known = /\p{Script=Han}/u.test(ch) ? isGb2312Level1(ch) || isGb2312Level1(toSimplified(ch)) : /[\u3000-\u303f\uff00-\uffef“”‘’—…·]/.test(ch);
    if (commonCache.size < 100_000) commonCache.set(ch, known);
  }
  return known;
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
    if (isCommonChinese(ch)) common++;
  }
  return han === 0 ? 0 : common / han;
}
