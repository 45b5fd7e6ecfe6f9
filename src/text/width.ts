/**
 * Character width: the full-width forms of ASCII (U+FF01–FF5E) and the ideographic space, as
 * Chinese pages write punctuation, against the half-width ASCII a ToDBC fold turns them into.
 * Shared by the repairs (which undo the fold) and the damage model (which applies it).
 */

/** ToDBC, the fold the damaged pages went through: U+FF01–FF5E → ASCII, U+3000 → space. */
export function foldFullwidth(ch: string): string {
  const cp = ch.charCodeAt(0);
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  if (cp === 0x3000) return ' ';
  return ch;
}

/** The inverse of the fold for one ASCII character (`!` → `！`), or null. */
export function unfoldAscii(ch: string): string | null {
  const cp = ch.charCodeAt(0);
  if (cp >= 0x21 && cp <= 0x7e) return String.fromCharCode(cp + 0xfee0);
  return null;
}

/** `foldFullwidth` over a whole string. */
export function foldFullwidthText(text: string): string {
  let out = '';
  for (const ch of text) out += foldFullwidth(ch);
  return out;
}
