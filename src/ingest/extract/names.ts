import surnames from 'pinyin-pro/dist/esm/data/surname.mjs';
import { toSimplified } from '../../text/script.ts';
import { ALL_CREDIT_ACTIONS, alternation, COMMON_SINGLE_SURNAMES, CREDIT_LABELS, CREDIT_SUFFIXES, ORGANISATION_ENDINGS, ORGANISATIONS, PLACEHOLDERS } from '../vocab/index.ts';

/**
 * Is this token a person's name as Chinese credits write them? Two or three Han characters that
 * begin with a surname (four with a compound surname; see SURNAMES below), or a name with a
 * middle dot (`阿卜杜·热合曼`). Compared in Simplified, so 劉爍 reads as 刘烁. Words that fill a
 * credit slot without being a name (`网络整理`, `最新文章`, `赞赏`) fail the surname test or the
 * word list below; no list of people is involved.
 */
/**
 * Surnames: the compound ones from pinyin-pro's table, and the common single surnames by the
 * national household registration counts (top ~400, vocab/surnames.json), written by hand: no
 * maintained package ships a surname list.
 */
// Single surnames from the census list only: pinyin-pro's table also holds rare ones that are
// everyday words (会, 过), which would read `会主办` as a name.
export const SURNAMES: ReadonlySet<string> = new Set([...Object.keys(surnames).filter((k) => k.length > 1), ...COMMON_SINGLE_SURNAMES]);
const DOTTED = /^\p{Script=Han}{1,8}[·•．]\p{Script=Han}{1,8}$/u;
/** `转载文章`, `本站`: the whole value is a placeholder. */
export function isPlaceholder(word: string): boolean {
  return PLACEHOLDERS.has(word.trim());
}

/** `本报记者`, `网络整理`: the word opens with a placeholder of two characters or more. */
export function startsWithPlaceholder(word: string): boolean {
  const w = word.trim();
  for (let n = 2; n <= Math.min(5, w.length); n++) if (PLACEHOLDERS.has(w.slice(0, n))) return true;
  return false;
}

/** The ending of an organisation's name (`某某日报`, `某某网`, `某某县统计局`, `某某之家`): vocab/organisations.json. */
export const ORGANISATION_ENDING = new RegExp(`${alternation(ORGANISATION_ENDINGS)}$`, 'u');

/**
 * Endings no given name has: a dateline's place and verb (`北京报道`), a credit's label, suffix or
 * action (`记者`, `摄`, `整理`), and the organisation endings that are never name characters (not 会
 * or 院: `刘会` is a name; vocab/organisations.json lists them as `nameCharacters`).
 */
const NOT_A_NAME: ReadonlySet<string> = new Set([
  ...ALL_CREDIT_ACTIONS,
  ...CREDIT_SUFFIXES.keys(),
  ...[...CREDIT_LABELS.keys()].filter((l) => /^\p{Script=Han}{2,}$/u.test(l)),
  ...[...ORGANISATION_ENDINGS, ...ORGANISATIONS.newsOrganisations, ...ORGANISATIONS.nonPublic, ...ORGANISATIONS.other].filter((e) => !ORGANISATIONS.nameCharacters.includes(e)),
]);
const LONGEST_NOT_A_NAME = Math.max(...[...NOT_A_NAME].map((w) => w.length));

function endsLikeNoName(t: string): boolean {
  for (let n = 1; n <= Math.min(LONGEST_NOT_A_NAME, t.length); n++) if (NOT_A_NAME.has(t.slice(-n))) return true;
  return false;
}

export function looksLikePersonalName(token: string): boolean {
  const t = token.trim();
  if (endsLikeNoName(t) || startsWithPlaceholder(t)) return false;
  if (DOTTED.test(t)) return true;
  if (!/^\p{Script=Han}{2,4}$/u.test(t)) return false;
  const s = toSimplified(t);
  // A compound surname takes one or two more characters; a single one, one or two (four-character
  // words that start with a surname, `游民星空`, are names of things).
  if (SURNAMES.has(s.slice(0, 2)) && s.length >= 3) return true;
  return SURNAMES.has(s[0]!) && s.length <= 3;
}
