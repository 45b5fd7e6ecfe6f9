/**
 * Grammar for "post + name" phrases in Chinese government news (`市委副书记、市长刘伟讲话`).
 *
 * Everything here is general data (a surname list, post heads and stop words from
 * `src/ingest/vocab/`, GB/T 2260 place names from `china-area-data`), never names or phrases
 * taken from particular articles.
 * All matching runs on a Simplified rendering that is aligned character by character with the
 * original line, so offsets found there slice the original (Traditional) text as written.
 */
import areaData from 'china-area-data/data.json' with { type: 'json' };
// The library without its Node entry, which registers all of its ~80 languages on import
// (some 30 ms in every process and worker that ingests): only Chinese is read.
import countries from 'i18n-iso-countries/index.js';
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import { toSimplified } from '../../text/script.ts';
import { alternation, AREA_TABLE_PLACEHOLDERS, OFFICIAL_POST_HEADS, PLACE_SUFFIXES, POST_HEADS as HEADS, POST_LEVEL_MARKERS, STOP_WORDS, TRANSLITERATION_CHARACTERS } from '../vocab/index.ts';
import { SURNAMES } from './names.ts';

countries.registerLocale(zh);
const { getNames } = countries;
import type { Official } from '../../article.ts';

// ---------------------------------------------------------------------------------------------
// Surnames: one table for the whole extractor (see names.ts), minus characters that are far
// more often ordinary words right after a post title (会 和 信 来 将 于是…: see NOT_NAMES).

// Characters that are surnames but, right after a post title, almost always start an ordinary
// word (`书记和市长`, `市长信箱`, `书记来到`, `主任由…兼任`).
const WEAK_SURNAMES: ReadonlySet<string> = new Set(STOP_WORDS.weakSurnames);
const DOUBLE_SET = new Set([...SURNAMES].filter((s) => s.length === 2));
const SINGLE_SET = new Set([...SURNAMES].filter((c) => c.length === 1 && !WEAK_SURNAMES.has(c)));

/** Characters that never sit inside a given name in this register (post and function words). */
const NOT_GIVEN: ReadonlySet<string> = new Set(STOP_WORDS.notInGivenName);

/** Words that start with a surname character but are not names (`市长高度重视`, `主任任期`). */
const NOT_NAMES: ReadonlySet<string> = new Set(STOP_WORDS.notNames);

// ---------------------------------------------------------------------------------------------
// Post grammar. A post phrase ends in one of these heads (vocab/post-titles.json: domestic and
// foreign ones; the names after a foreign post are read by `foreignNameAt`); `、` chains posts of
// one person.
const POST_HEADS = OFFICIAL_POST_HEADS;
const HEAD_RE = new RegExp(alternation(POST_HEADS), 'g');

/** Hard delimiters: a post phrase never spans them (`、` is handled separately). */
const DELIM = /[，,。；;：:！!？?“”"'‘’（）()《》〈〉【】[\]\s\u00a0\u3000—–－\-|｜/]/;

/** Words that end a name: role verbs, prepositions, time words, titles after a name (general grammar). */
const STOP_AFTER = STOP_WORDS.afterName;
const STOP_SET_BY_LEN = [3, 2, 1].map((n) => new Set(STOP_AFTER.filter((w) => w.length === n)));
const SINGLE_STOPS = STOP_SET_BY_LEN[2]!;

/** Verbs and prepositions that end the material *before* a post (`全面落实省委书记…`). */
const STOP_BEFORE = STOP_WORDS.beforePost;
/** A post cut by one of these is a reference to someone's earlier words, not a presence. */
const CITING_VERBS: ReadonlySet<string> = new Set(STOP_WORDS.citingVerbs);

const SPACE = /[ \u00a0\u3000\t]/;
const HAN = /\p{Script=Han}/u;

// ---------------------------------------------------------------------------------------------
// GB/T 2260 place names: a place inside a post gives its level (`昆山市委` is county level).
type PlaceLevel = 'provincial' | 'prefecture' | 'county';
const PLACE_SUFFIX = new RegExp(`${alternation(PLACE_SUFFIXES)}$`, 'u');
const PLACES = new Map<string, PlaceLevel>();
{
  const data = areaData as Record<string, Record<string, string>>;
  const add = (name: string, level: PlaceLevel) => {
    if (AREA_TABLE_PLACEHOLDERS.has(name) || name.length < 2) return;
    if (!PLACES.has(name)) PLACES.set(name, level);
    // Short forms (绍兴市 → 绍兴) are how posts usually write them; keep only 2+ characters.
    const short = name.replace(PLACE_SUFFIX, '');
    if (short.length >= 2 && short !== name && !PLACES.has(short)) PLACES.set(short, level);
  };
  for (const [code, children] of Object.entries(data)) {
    for (const [childCode, name] of Object.entries(children)) {
      if (code === '86') add(name, 'provincial');
      else if (childCode.endsWith('00')) add(name, 'prefecture');
      else add(name, 'county');
    }
  }
}
const MAX_PLACE = 8;

// ---------------------------------------------------------------------------------------------
const simplifiedChars = new Map<string, string>();

/** A character's Simplified form when it is one of the same UTF-16 length, else itself (cached). */
function simplifiedChar(ch: string): string {
  let t = simplifiedChars.get(ch);
  if (t === undefined) {
    t = HAN.test(ch) ? toSimplified(ch) : ch;
    if (t.length !== ch.length) t = ch;
    simplifiedChars.set(ch, t);
  }
  return t;
}

/** Per BMP unit: 0 not yet known, 1 its Simplified form is itself, 2 it changes. */
const UNCHANGED_BMP = new Uint8Array(0x10000);

/** True when `alignedSimplified` would return `s` itself (a surrogate sends it the long way). */
function unchangedBySimplifying(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x2e80) continue; // no Han below the radicals
    if (code >= 0xd800 && code <= 0xdfff) return false;
    let v = UNCHANGED_BMP[code]!;
    if (v === 0) {
      const ch = String.fromCharCode(code);
      UNCHANGED_BMP[code] = v = simplifiedChar(ch) === ch ? 1 : 2;
    }
    if (v === 2) return false;
  }
  return true;
}

/**
 * Simplified rendering with exactly the same UTF-16 length as `s`, so offsets carry over.
 * Character-level t→s is safe for names and posts (劉偉→刘伟, 書記→书记).
 */
export function alignedSimplified(s: string): string {
  // Most lines are Simplified already: found unchanged unit by unit from a table, returned as
  // they are, with no string built.
  if (unchangedBySimplifying(s)) return s;
  let out = '';
  for (const ch of s) out += simplifiedChar(ch);
  return out;
}

function isBoundaryChar(ch: string | undefined): boolean {
  return ch === undefined || ch === '、' || ch === '\n' || DELIM.test(ch) || !HAN.test(ch);
}

/**
 * How well a name may end at `i`: 3 punctuation or end of text, 2 a stop word of two or more
 * characters (`主持`, `陪同`), 1 a one-character stop word (`在`, `对`), 0 not at all.
 */
function endStrength(text: string, i: number): number {
  if (isBoundaryChar(text[i])) return 3;
  if (STOP_SET_BY_LEN[0]!.has(text.slice(i, i + 3)) || STOP_SET_BY_LEN[1]!.has(text.slice(i, i + 2))) return 2;
  return SINGLE_STOPS.has(text[i]!) ? 1 : 0;
}

/** True when a name may end at `i`: punctuation, end of text, or a stop word follows. */
export function endsNameAt(text: string, i: number): boolean {
  return endStrength(text, i) > 0;
}

export interface NameSpan {
  start: number;
  end: number;
}

/**
 * The name starting at `i` (after optional spaces), or null. `corpus` is the whole article in
 * Simplified: a later `陈红对…` confirms a two-character 陈红.
 */
export function nameAt(text: string, i: number, corpus: string): NameSpan | null {
  let j = i;
  while (j < text.length && j - i < 3 && SPACE.test(text[j]!)) j++;
  const weak = WEAK_SURNAMES.has(text[j] ?? '');
  const sl = DOUBLE_SET.has(text.slice(j, j + 2)) ? 2 : SINGLE_SET.has(text[j] ?? '') || weak ? 1 : 0;
  if (!sl) return null;
  // A surname that is more often a word here (`市长信箱`) is a name only as three characters that a
  // punctuation mark or a verb ends (`省委书记信长星出席`).
  if (weak) {
    const end = j + 3;
    const cand = text.slice(j, end);
    const ok = end <= text.length && [...cand.slice(1)].every((c) => HAN.test(c) && !NOT_GIVEN.has(c)) && !NOT_NAMES.has(cand.slice(0, 2)) && endStrength(text, end) >= 2;
    return ok ? { start: j, end } : null;
  }
  const options: { end: number; strength: number }[] = [];
  for (const given of [1, 2]) {
    const end = j + sl + given;
    if (end > text.length) break;
    const cand = text.slice(j, end);
    const givenChars = Array.from(cand.slice(sl));
    if (!givenChars.every((c) => HAN.test(c) && !NOT_GIVEN.has(c))) break;
    if (NOT_NAMES.has(cand) || NOT_NAMES.has(cand.slice(0, 2))) break;
    options.push({ end, strength: endStrength(text, end) });
  }
  const [short, long] = options;
  const pick = (o: { end: number }) => ({ start: j, end: o.end });
  if (short?.strength && long?.strength) {
    // Both readings end well. `刘伟在讲话`: a last character that is itself a one-character
    // stop word (在 对 为…) is the verb. Otherwise the stronger ending wins (`吴刚陪同` beats
    // `吴刚陪|同`), and on a tie the longer name (three-character names are the majority).
    if (SINGLE_STOPS.has(text[short.end]!)) return pick(short);
    return pick(short.strength > long.strength ? short : long);
  }
  if (short?.strength) return pick(short);
  if (long?.strength) return pick(long);
  // Neither ends at a boundary (`市长王某今晨…`): accept a form the article confirms elsewhere.
  for (const o of [long, short]) if (o && confirmedElsewhere(corpus, text.slice(j, o.end))) return pick(o);
  return null;
}

/** The name occurs at least twice in the article, at least once followed by a boundary. */
function confirmedElsewhere(corpus: string, name: string): boolean {
  let count = 0;
  let bounded = false;
  for (let k = corpus.indexOf(name); k >= 0; k = corpus.indexOf(name, k + 1)) {
    count++;
    if (endsNameAt(corpus, k + name.length)) bounded = true;
  }
  return count >= 2 && bounded;
}

export interface PostNameMatch {
  /** Offsets in the line (same for the original and its Simplified rendering). */
  postStart: number;
  postEnd: number;
  /** Each post phrase span (one per person-post chain; `、` inside is kept as written). */
  names: NameSpan[];
  /** The post was preceded by a citing verb (`落实省委书记X…提出的`): a reference, not a presence. */
  cited: boolean;
}

/** Moves a cut left when it falls inside a place name (`和平区` must not lose its 和). */
function extendOverPlace(s: string, cut: number): number {
  let best = cut;
  for (let st = Math.max(0, cut - MAX_PLACE + 1); st < cut; st++) {
    for (let len = 2; len <= MAX_PLACE && st + len <= s.length; len++) {
      if (st + len > cut && PLACES.has(s.slice(st, st + len))) {
        best = Math.min(best, st);
        break;
      }
    }
  }
  return best;
}

/**
 * Finds the start of the post chain ending at `headEnd` in `line` (Simplified), walking back
 * over `、`-joined pieces that each end in a post head, and trimming a leading verb or particle.
 */
function postStartBefore(line: string, headEnd: number): { start: number; cited: boolean } | null {
  let segStart = headEnd;
  while (segStart > 0 && !DELIM.test(line[segStart - 1]!)) segStart--;
  const seg = line.slice(segStart, headEnd);
  const pieces = seg.split('、');
  let start = headEnd;
  let cited = false;
  for (let p = pieces.length - 1; p >= 0; p--) {
    const piece = pieces[p]!;
    const pieceStart = segStart + pieces.slice(0, p).reduce((n, x) => n + x.length + 1, 0);
    if (!endsInHead(piece)) break;
    // Last stop word inside the piece: the post starts after it.
    let cut = 0;
    let verb = '';
    for (const w of STOP_BEFORE) {
      const k = piece.lastIndexOf(w);
      if (k >= 0 && k + w.length > cut && k + w.length < piece.length) {
        cut = k + w.length;
        verb = w;
      }
    }
    if (cut > 0) cut = extendOverPlace(piece, cut);
    start = pieceStart + cut;
    if (cut > 0) {
      cited = CITING_VERBS.has(verb) && cut > 0;
      break;
    }
  }
  if (start >= headEnd) return null;
  return { start, cited };
}

function endsInHead(piece: string): boolean {
  return POST_HEADS.some((h) => piece.endsWith(h));
}

/**
 * Every `post + name(s)` phrase in one line. `hans` is `alignedSimplified(line)`; `corpus` the
 * whole article in Simplified. A name list after one post (`市领导甲、乙、丙出席`) shares the post.
 */
export function findPostNames(hans: string, corpus: string): PostNameMatch[] {
  const out: PostNameMatch[] = [];
  HEAD_RE.lastIndex = 0;
  for (let m = HEAD_RE.exec(hans); m; m = HEAD_RE.exec(hans)) {
    const headEnd = m.index + m[0].length;
    const before = namePostBefore(hans, m.index);
    if (before) {
      // `习近平总书记强调`, `刘伟书记指出`: the name stands before its post.
      out.push({ postStart: m.index, postEnd: headEnd, names: [before], cited: false });
      continue;
    }
    const post = postStartBefore(hans, headEnd);
    if (!post) continue;
    const first = nameAt(hans, headEnd, corpus) ?? (isForeignPost(hans.slice(post.start, headEnd)) ? foreignNameAt(hans, headEnd) : null);
    if (!first) continue;
    const names = [first];
    let q = first.end;
    while (hans[q] === '、') {
      const next = nameAt(hans, q + 1, corpus);
      if (!next || next.start !== q + 1) break;
      names.push(next);
      q = next.end;
    }
    out.push({ postStart: post.start, postEnd: headEnd, names, cited: post.cited });
    HEAD_RE.lastIndex = q;
  }
  return out;
}

/** Country names in Chinese (ISO 3166-1, from i18n-iso-countries), longest first. */
const COUNTRY_RE = new RegExp(
  `^(?:${[...new Set(Object.values(getNames('zh', { select: 'all' })).flat())]
    .filter((n) => /^\p{Script=Han}{2,}$/u.test(n))
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
  'u',
);

/** A post of a foreign state: a country's name, a few characters, a head of state or government post. */
const FOREIGN_HEAD = new RegExp(`${alternation(HEADS.foreign)}$`, 'u');
/** Posts China does not have: foreign wherever they stand. */
const FOREIGN_ONLY_HEAD = new RegExp(`${alternation(HEADS.foreignOnly)}$`, 'u');
function isForeignPost(post: string): boolean {
  // Posts China does not have are foreign wherever they stand (`敦促首相约翰逊`).
  if (FOREIGN_ONLY_HEAD.test(post)) return true;
  for (let i = 0; i <= 2 && i < post.length; i++) {
    const country = COUNTRY_RE.exec(post.slice(i))?.[0];
    if (country) return country !== '中国' && FOREIGN_HEAD.test(post) && [...post].length - i - [...country].length <= 8;
  }
  return false;
}

/**
 * Characters of transliterated foreign names (the Xinhua transliteration tables use a few
 * hundred): a name is the run of them after the post (`默克尔拒绝` gives 默克尔).
 */
const TRANSLITERATION = TRANSLITERATION_CHARACTERS;

/** A transliterated name after a foreign post (`马克龙`, `雅各布·卢`): no surname to go by. */
function foreignNameAt(text: string, i: number): NameSpan | null {
  let end = i;
  while (end < text.length && end - i < 10 && (TRANSLITERATION.has(text[end]!) || (/[·•]/u.test(text[end]!) && TRANSLITERATION.has(text[end + 1] ?? '')))) end++;
  return end - i >= 2 ? { start: i, end } : null;
}

/** Heads a name can stand before (`习近平总书记`, `李强总理`, `刘伟书记`). */
const NAME_FIRST_HEAD = new RegExp(`^${alternation(HEADS.nameFirst)}`, 'u');

/**
 * The name standing right before a post head, as in `习近平总书记强调`: the name starts a clause
 * (a boundary or a stop word before it) and a verb, a boundary or a date follows the head.
 */
function namePostBefore(text: string, headStart: number): NameSpan | null {
  const head = NAME_FIRST_HEAD.exec(text.slice(headStart))?.[0];
  if (!head) return null;
  const headEnd = headStart + head.length;
  if (endStrength(text, headEnd) < 1 && !/^\d/u.test(text.slice(headEnd))) return null;
  for (const len of [3, 2, 4]) {
    const start = headStart - len;
    if (start < 0) continue;
    const cand = text.slice(start, headStart);
    const sl = DOUBLE_SET.has(cand.slice(0, 2)) && len >= 3 ? 2 : SINGLE_SET.has(cand[0]!) ? 1 : 0;
    if (!sl || len - sl > 2 || len - sl < 1) continue;
    if (![...cand.slice(sl)].every((c) => HAN.test(c) && !NOT_GIVEN.has(c)) || NOT_NAMES.has(cand) || NOT_NAMES.has(cand.slice(0, 2))) continue;
    const prev = text.slice(Math.max(0, start - 4), start);
    if (start === 0 || isBoundaryChar(text[start - 1]) || STOP_BEFORE.some((w) => prev.endsWith(w))) return { start, end: headStart };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
type Level = Official['level'];
const RANK: Record<Level, number> = { national: 6, provincial: 5, prefecture: 4, zone: 3, county: 2, township: 1, unknown: 0 };

const NATIONAL_START = new RegExp(`^${alternation(POST_LEVEL_MARKERS.national)}`, 'u');
const NATIONAL_HEAD = new RegExp(alternation(POST_LEVEL_MARKERS.nationalHeads), 'u');
const ZONE = new RegExp(alternation(POST_LEVEL_MARKERS.zone), 'u');
const TOWNSHIP_START = new RegExp(`^${alternation(POST_LEVEL_MARKERS.township)}`, 'u');

/** Level of one post piece (Simplified), or null when the piece alone does not say. */
function pieceLevel(piece: string): Level | null {
  if (NATIONAL_START.test(piece) || NATIONAL_HEAD.test(piece)) return 'national';
  if (ZONE.test(piece)) return 'zone';
  for (let len = Math.min(MAX_PLACE, piece.length); len >= 2; len--) {
    const lvl = PLACES.get(piece.slice(0, len));
    if (!lvl) continue;
    const rest = piece.slice(len);
    if (TOWNSHIP_START.test(rest)) return 'township';
    if (lvl === 'provincial' && /^(省|自治区)?/.test(rest)) return 'provincial';
    return lvl;
  }
  if (/^(省|副省长|省长)/.test(piece)) return 'provincial';
  if (TOWNSHIP_START.test(piece)) return 'township';
  if (/^(县|区)|县长|区长/.test(piece)) return 'county';
  if (/^市|市长|市委/.test(piece)) return 'prefecture';
  return null;
}

/**
 * The organisation level of a person's posts: the highest level among the pieces; a piece that
 * does not say (`政法委书记` after `市委常委`) takes the level of the piece before it.
 */
export function postsLevel(postsHans: string[]): Level {
  let best: Level = 'unknown';
  for (const post of postsHans) {
    let prev: Level | null = null;
    for (const piece of post.split('、')) {
      const lvl: Level | null = pieceLevel(piece) ?? prev;
      if (lvl && RANK[lvl] > RANK[best]) best = lvl;
      prev = lvl;
    }
  }
  return best;
}
