import { createHash } from 'node:crypto';

/** Longest slug kept before the hash suffix: file systems cap names at 255 bytes. */
const MAX_SLUG = 60;

function shortHash(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex').slice(0, 8);
}

/**
 * ASCII letters, digits, `-` and `_` only, lower-case: safe on every file system and in every
 * URL, and never `.`/`..`. Anything else (Chinese, `/`, NUL, spaces) becomes `-`.
 */
function asciiPart(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_SLUG);
}

/**
 * Stable URL slugs for a set of raw keys (article ids, person ids, outlet names). A key that
 * is already a safe slug keeps it; any other key gets a short sha256 of its exact code units
 * appended, so 广东/廣東 and NFC/NFD spellings (which collapse to the same ASCII) each keep a
 * distinct URL that never depends on which other keys exist in the build. Two keys that still
 * collide (e.g. equal ids from different folders) are told apart by a hash of `tiebreak`.
 */
export function assignSlugs(items: ReadonlyArray<{ key: string; raw: string; tiebreak?: string }>): Map<string, string> {
  const first = new Map<string, string>();
  for (const { key, raw } of items) {
    const ascii = asciiPart(raw);
    first.set(key, ascii === raw && ascii !== '' ? ascii : `${ascii || 'x'}-${shortHash(raw)}`);
  }
  const counts = new Map<string, number>();
  for (const slug of first.values()) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const { key, tiebreak } of items) {
    const slug = first.get(key)!;
    out.set(key, (counts.get(slug) ?? 0) > 1 ? `${slug}-${shortHash(tiebreak ?? key)}` : slug);
  }
  return out;
}

/**
 * Person pages by person id: `/people/<slug>/`, where the slug is the id's ASCII letters, digits
 * and dashes (`p-刘烁` → `p`, `p-刘烁-2` → `p-2`), `-`, and the first 8 hex digits of the SHA-256
 * of the id in UTF-8: `p-刘烁` → `/people/p-4819a68c/`. Derived from the id alone, so a page keeps
 * its address from build to build; the site's `data/people.json` gives each person's `url`.
 */
export function personPaths(ids: readonly string[]): Map<string, string> {
  return new Map([...assignSlugs(ids.map((id) => ({ key: id, raw: id })))].map(([id, slug]) => [id, `/people/${slug}/`]));
}
