import { applyEdits, type Edit } from './edits.ts';
import type { RepairOptions, RuleOutput } from './rule.ts';

/**
 * HTML left in the text by a careless page-to-text step: whole tags (`</strong>`, `<br>`),
 * tags whose `<` a decoder ate (`/strong>`), and character entities (`&nbsp;`, `&#12290;`).
 *
 * Runs after the GBK realigner, which puts back the `<` of a tag when it repairs the mojibake
 * that ate it. Only a closed list of inline/block tag names is touched, so `a<b`, `1/2>0` and
 * URLs stay as they are.
 */

const RULE = 'html-residue';
const TAGS = 'strong|p|b|i|u|span|div|em|font|a|h[1-6]|br|hr|img|section|article|li|ul|ol|td|tr|table|center|small|big|sup|sub';
/** `<tag …>`, `</tag>`, `<br/>`. */
const ATTR = `\\s+[a-zA-Z-]+(?:\\s*=\\s*(?:"[^"<>]*"|'[^'<>]*'|[^\\s"'<>]+))?`;
const FULL_TAG = new RegExp(`<\\/?(?:${TAGS})(?:${ATTR})*\\s*\\/?>`, 'gi');
/** A closing tag whose `<` was lost: `/strong>`, not preceded by `<` or a word character. */
const BARE_CLOSE = /(?<![<\w])\/(?:strong|p|b|span|div|em|font|a|h[1-6])>/gi;
const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;

const NAMED: Record<string, string> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  times: '×',
  divide: '÷',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  yen: '¥',
  deg: '°',
};

function decodeEntity(body: string): string | null {
  if (body.startsWith('#')) {
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    return String.fromCodePoint(cp);
  }
  return NAMED[body.toLowerCase()] ?? null;
}

/** Tags removed (a `<br>` becomes a line break), entities decoded. */
export function stripHtmlResidue(text: string, _options: RepairOptions = {}): RuleOutput {
  const edits: Edit[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  for (const m of text.matchAll(FULL_TAG)) {
    const start = m.index!;
    const isBreak = /^<br\b/i.test(m[0]);
    taken.push([start, start + m[0].length]);
    edits.push({ start, end: start + m[0].length, after: isBreak ? '\n' : '', confidence: 'high', evidence: [`HTML tag ${m[0]}`] });
  }
  for (const m of text.matchAll(BARE_CLOSE)) {
    const start = m.index!;
    if (!free(start, start + m[0].length)) continue;
    taken.push([start, start + m[0].length]);
    edits.push({ start, end: start + m[0].length, after: '', confidence: 'high', evidence: [`closing tag ${m[0]} whose "<" was lost`] });
  }
  for (const m of text.matchAll(ENTITY)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const decoded = decodeEntity(m[1]!);
    if (decoded === null) continue;
    // `&amp;lt;` decodes to `&lt;`, which a second run would decode again: leave such double
    // escapes alone so that the rule stays idempotent.
    if (decoded === '&' && /^[#a-zA-Z0-9]{2,8};/.test(text.slice(end))) continue;
    // Likewise an escaped tag (`&lt;p&gt;`) is text about HTML, not residue: decoding it would
    // make a tag that the next run strips.
    if (decoded === '<' && new RegExp(`^\\/?(?:${TAGS})\\b`, 'i').test(text.slice(end))) continue;
    if (decoded === '>' && /(?:<|&lt;)\/?[a-z0-9]+\s*$/i.test(text.slice(Math.max(0, start - 20), start))) continue;
    edits.push({ start, end, after: decoded, confidence: 'high', evidence: [`HTML entity ${m[0]}`] });
  }
  const out = applyEdits(text, RULE, edits);
  return { text: out.text, repairs: out.repairs, diagnostics: [] };
}
