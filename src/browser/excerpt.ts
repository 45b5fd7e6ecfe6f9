// A search result's excerpt: the place in the article's body where the query matches, with the
// matches marked. Pure functions over strings (no DOM): search.ts makes text nodes and <mark>s
// of the parts, so article text never becomes markup. Places are counted in code points.

/** A stretch of a text: code points `start` (included) to `end` (excluded). */
export interface Span {
  start: number;
  end: number;
}

/** One piece of an excerpt: text as written, marked when it is a match. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

export interface Excerpt {
  parts: ExcerptPart[];
  /** Whether the text goes on before the excerpt, or after it (shown as …). */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** Code points an excerpt shows, and how many of them come before the first match at most. */
export const EXCERPT_CHARS = 120;
export const CONTEXT_CHARS = 30;

const HAN = /^\p{Script=Han}+$/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[。！？!?\n]/;

/** Whether `c` continues a Latin word or a number (the index reads a Han character as a break). */
const continuesWord = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c) && !HAN.test(c);

/**
 * Where the query's tokens (`queryTokens` of the Simplified query) occur in a body: spans in
 * order, merged where they overlap or touch (萍乡经, 乡经开, 经开区 → one 萍乡经开区). `hans` is
 * the body in Simplified, code point for code point, which is what the index holds; it is folded
 * as the index folds text (NFKC, lower case) one character at a time, so that every span is at
 * the same place in the body as written. A Han token matches anywhere, as the index holds every
 * 1–3-character piece of a Han run; a Latin word or a number only whole (2 is not found in 2023).
 */
export function matchSpans(hans: string, tokens: readonly string[]): Span[] {
  let folded = '';
  /** The code point of the body each UTF-16 unit of `folded` comes from. */
  const from: number[] = [];
  Array.from(hans).forEach((c, i) => {
    const f = c.normalize('NFKC').toLowerCase();
    folded += f;
    for (let k = 0; k < f.length; k++) from.push(i);
  });
  const spans: Span[] = [];
  for (const token of tokens) {
    if (!token) continue;
    const whole = !HAN.test(token);
    for (let at = folded.indexOf(token); at >= 0; at = folded.indexOf(token, at + 1)) {
      const end = at + token.length;
      if (whole && (continuesWord(folded[at - 1]) || continuesWord(folded[end]))) continue;
      spans.push({ start: from[at]!, end: from[end - 1]! + 1 });
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * The excerpt of a body for its matches `spans`: `size` code points from a little before the
 * first match (at most `context`, from the start of its sentence when one starts there), so that
 * the matches close after it show too; near the end of the body it starts earlier, to show as
 * much. Without a match (the query was found in the title or the names only), the start of the
 * body. Line breaks between paragraphs read as spaces.
 */
export function excerptOf(text: string, spans: readonly Span[], size = EXCERPT_CHARS, context = CONTEXT_CHARS): Excerpt {
  const chars = Array.from(text);
  const first = spans[0];
  let start = 0;
  if (first) {
    start = Math.max(0, first.start - context);
    for (let i = first.start - 1; i >= start; i--) {
      if (SENTENCE_END.test(chars[i]!)) {
        start = i + 1;
        break;
      }
    }
    start = Math.min(start, Math.max(0, chars.length - size));
  }
  const end = Math.min(chars.length, Math.max(start + size, first?.end ?? 0));
  const piece = (a: number, b: number) => chars.slice(a, b).join('').replace(/\s+/g, ' ');
  const parts: ExcerptPart[] = [];
  let at = start;
  for (const span of spans) {
    if (span.end <= start || span.start >= end) continue;
    const a = Math.max(span.start, start);
    const b = Math.min(span.end, end);
    if (a > at) parts.push({ text: piece(at, a), mark: false });
    parts.push({ text: piece(a, b), mark: true });
    at = b;
  }
  if (at < end) parts.push({ text: piece(at, end), mark: false });
  return { parts, cutBefore: start > 0, cutAfter: end < chars.length };
}
