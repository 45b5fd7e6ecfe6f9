// Overlapping character pairs for the search index and for queries. One implementation, shared:
// the build imports this module (src/site/bigrams.ts) and the search page loads it as an ES module.
//
// Pagefind indexes the pairs as words under a forced non-CJK language (no jieba segmentation), so
//   经开区建设 → 经开 开区 区建 建设 设
// Each character is written as digits after a `z` (经开 → z2055912416, see `code`): the
// search page is `<html lang="zh-Hans">`, and Pagefind re-segments a query with the browser's
// Chinese word segmenter (Intl.Segmenter) on such pages, which would break pairs of Han
// characters apart again; a letter and digits stay one word in every language, and the stemmer
// leaves a word ending in a digit alone.
// Every run of Han characters ends with its last character as a token of its own: a one-character
// query then finds every occurrence (as a prefix of a pair, or as that last token), and the token
// separates runs, so a phrase never matches across punctuation (经开，开区 is not 经开区).
// Text outside Han runs (Latin words, digits) is kept as it is.

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;

/**
 * One Han character as digits, prefix-free: the Basic Multilingual Plane (U+2E80–U+FFFF) as 5
 * digits of `cp - 0x2E80` (00000–53631), the supplementary ideographs (U+20000–U+3869F) as `9` +
 * 5 digits of `cp - 0x20000`. A pair is 10 or 12 digits (经开 → 2055912416).
 */
const code = (c) => {
  const cp = c.codePointAt(0);
  return cp < 0x10000 ? String(Math.max(0, cp - 0x2e80)).padStart(5, '0') : `9${String(Math.min(99999, cp - 0x20000)).padStart(5, '0')}`;
};

/** A token back in characters (for reading an index or a query while debugging, and for tests). */
export function decodeToken(token) {
  if (!/^z\d{5,}$/.test(token)) return token;
  let out = '';
  for (let i = 1; i < token.length; ) {
    if (token[i] === '9') {
      if (i + 6 > token.length) return token;
      out += String.fromCodePoint(0x20000 + Number(token.slice(i + 1, i + 6)));
      i += 6;
    } else {
      if (i + 5 > token.length) return token;
      out += String.fromCodePoint(0x2e80 + Number(token.slice(i, i + 5)));
      i += 5;
    }
  }
  return out;
}

/**
 * Every token starts with `z`, so a number typed as a query (2023) never prefix-matches a
 * character's digits; a letter followed by digits is still one word, and the stemmer leaves a
 * word ending in a digit alone.
 */
const MARK = 'z';

/** Pair tokens of one run of Han characters, plus its last character (a lone character: itself). */
function runTokens(run) {
  const cs = Array.from(run);
  const out = [];
  for (let i = 0; i + 1 < cs.length; i++) out.push(MARK + code(cs[i]) + code(cs[i + 1]));
  out.push(MARK + code(cs[cs.length - 1]));
  return out;
}

/** Index text → space-separated pair tokens (give it Simplified text). */
export function toSearchPairs(text) {
  return text
    .replace(HAN_RUN, (run) => ` ${runTokens(run).join(' ')} `)
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/**
 * A query (already Simplified) → the Pagefind query for the pair index (shown here decoded).
 * - 2 characters: the pair itself (经开 → 经开).
 * - 3+ characters: the pairs as an exact phrase, so they must be adjacent (经开区 → "经开 开区").
 *   Pagefind treats only a whole query in quotes as a phrase: a query of several parts
 *   (萍乡 经开区) searches all their pairs anywhere in a page instead.
 * - 1 character: Pagefind matches words by prefix, so 经 finds every pair that begins with it and
 *   every run that ends with it, that is every page containing the character.
 * Quotes typed by the reader ask for a phrase of the whole query.
 */
export function toSearchQuery(query) {
  let q = query.trim();
  const quoted = /^".*"$/s.test(q) && q.length > 1;
  q = q.replace(/["“”]/g, ' ').trim();
  // A phrase the reader quoted reads across spaces between Han characters.
  if (quoted) q = q.replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
  if (!HAN.test(q)) return quoted ? `"${q}"` : q;
  const parts = q.split(/\s+/).filter(Boolean);
  const tokens = [];
  let longRuns = 0;
  for (const part of parts) {
    const text = part.replace(HAN_RUN, (run) => {
      const cs = Array.from(run);
      if (cs.length >= 3) longRuns++;
      if (cs.length === 1) return ` ${MARK}${code(run)} `;
      const pairs = [];
      for (let i = 0; i + 1 < cs.length; i++) pairs.push(MARK + code(cs[i]) + code(cs[i + 1]));
      return ` ${pairs.join(' ')} `;
    });
    tokens.push(...text.split(/\s+/).filter(Boolean));
  }
  const joined = tokens.join(' ');
  const phrase = (quoted && tokens.length > 1) || (parts.length === 1 && longRuns === 1 && tokens.length > 1 && !/[^\p{Script=Han}]/u.test(parts[0]));
  return phrase ? `"${joined}"` : joined;
}
