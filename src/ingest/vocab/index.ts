/**
 * The vocabularies of extraction, one data file per concept (see README.md in this folder), read
 * once and handed out frozen: word lists as sets and maps, and the regular-expression alternations
 * the extractors and the segmenter build their patterns from. Nothing here names a site or a seed:
 * only general words of Chinese news pages.
 *
 * Some files hold both scripts (the modules that read them match the text as written); the others
 * are Simplified only (their readers match a Simplified rendering of the text). `VOCABULARY` below
 * lists every list with its script, for tests/unit/vocab.test.ts.
 */
import type { Bylines } from '../../article.ts';
import boilerplateJson from './boilerplate.json' with { type: 'json' };
import chromeJson from './chrome.json' with { type: 'json' };
import creditJson from './credit-labels.json' with { type: 'json' };
import dateJson from './date-labels.json' with { type: 'json' };
import organisationsJson from './organisations.json' with { type: 'json' };
import originalTitleJson from './original-title-labels.json' with { type: 'json' };
import placeholdersJson from './placeholders.json' with { type: 'json' };
import placesJson from './places.json' with { type: 'json' };
import postsJson from './post-titles.json' with { type: 'json' };
import presenceJson from './presence-verbs.json' with { type: 'json' };
import sourceJson from './source-labels.json' with { type: 'json' };
import stopJson from './stop-words.json' with { type: 'json' };
import surnamesJson from './surnames.json' with { type: 'json' };
import timeJson from './time-words.json' with { type: 'json' };
import transliterationJson from './transliteration.json' with { type: 'json' };

// ---------------------------------------------------------------------------------------------
// Helpers.

/**
 * `s` with every character that means something in a regular expression escaped (the syntax
 * characters and `/`: the only escapes a `u` pattern allows outside a character class).
 */
export function escapeRegExp(s: string): string {
  return s.replace(/[\^$\\.*+?()[\]{}|/]/gu, '\\$&');
}

/**
 * A non-capturing group matching any of the words, longest first (so `责任编辑` is tried before
 * `编辑`, `摄影` before `摄`), each word escaped. Ties keep code-point order, so the source of a
 * pattern never depends on the order of a data file.
 */
export function alternation(words: Iterable<string>): string {
  const list = [...new Set(words)].sort((a, b) => [...b].length - [...a].length || (a < b ? -1 : a > b ? 1 : 0));
  if (!list.length) throw new Error('vocab: an empty word list cannot make an alternation');
  return `(?:${list.map(escapeRegExp).join('|')})`;
}

const list = (words: readonly string[]): readonly string[] => Object.freeze([...new Set(words)]);
const set = (...lists: ReadonlyArray<readonly string[]>): ReadonlySet<string> => new Set(lists.flat());

// ---------------------------------------------------------------------------------------------
// Credits: labels, suffixes, actions (credit-labels.json).

export type CreditRole = 'reporter' | 'photographer' | 'author' | 'editor' | 'chiefEditor' | 'reviewer';
export const CREDIT_ROLES: readonly CreditRole[] = Object.freeze(['reporter', 'photographer', 'author', 'editor', 'chiefEditor', 'reviewer']);

/** The byline field each role's names go to (a photographer is credited among the reporters). */
export const BYLINE_FIELD: Readonly<Record<CreditRole, keyof Bylines>> = Object.freeze({
  reporter: 'reporters',
  photographer: 'reporters',
  author: 'authors',
  editor: 'editors',
  chiefEditor: 'chiefEditors',
  reviewer: 'reviewers',
});

/** Roles whose label makes a `byline` line (the people who made the piece). */
export const MAKER_ROLES: readonly CreditRole[] = Object.freeze(['reporter', 'photographer', 'author']);
/** Roles whose label makes a `credit` line (the staff who handled it). */
export const STAFF_ROLES: readonly CreditRole[] = Object.freeze(['editor', 'chiefEditor', 'reviewer']);

function roleMap(groups: Record<string, string[]>, file: string): ReadonlyMap<string, CreditRole> {
  const out = new Map<string, CreditRole>();
  for (const [role, words] of Object.entries(groups)) {
    if (!(CREDIT_ROLES as readonly string[]).includes(role)) throw new Error(`vocab/${file}: unknown role "${role}" (known: ${CREDIT_ROLES.join(', ')})`);
    for (const w of words) {
      const had = out.get(w);
      if (had && had !== role) throw new Error(`vocab/${file}: "${w}" has two roles (${had}, ${role})`);
      out.set(w, role as CreditRole);
    }
  }
  return out;
}

/** Every credit label and its role, both scripts (`记者`, `記者` → reporter). */
export const CREDIT_LABELS: ReadonlyMap<string, CreditRole> = roleMap(creditJson.labels, 'credit-labels.json');
/** The labels of the given roles. */
export function creditLabels(...roles: CreditRole[]): readonly string[] {
  return [...CREDIT_LABELS].filter(([, r]) => roles.includes(r)).map(([w]) => w);
}
/**
 * Labels that are a label only before a separator (`/`, `:`, `|`, after optional spaces: `文/`,
 * `图：`, `统筹：`): otherwise they are ordinary words (`统筹安排`).
 */
export const LABELS_BEFORE_SEPARATOR_ONLY: ReadonlySet<string> = set(creditJson.onlyBeforeSeparator);
/**
 * Labels that also open headlines (`人民日报评论员：坚定信心`): the byline extractor reads them, but
 * a line they open is no byline line for the segmenter.
 */
export const HEADLINE_OPENERS: ReadonlySet<string> = set(creditJson.headlineOpeners);
/** Labels whose slot is typed so strongly that a nickname in it (`小婷`) is read as a name. */
export const STRONG_LABELS: ReadonlySet<string> = set(creditJson.strong);
/** Suffixes after the names (`张三 摄`, `张三/摄`), and their roles. */
export const CREDIT_SUFFIXES: ReadonlyMap<string, CreditRole> = roleMap(creditJson.suffixes, 'credit-labels.json');
/** Suffixes after the names and a slash only (`李四/文`, `李四/图`), and their roles. */
export const SLASH_SUFFIXES: ReadonlyMap<string, CreditRole> = roleMap(creditJson.suffixesAfterSlash, 'credit-labels.json');
/** Words between an organisation and `记者` (`某某日报全媒体记者`). */
export const REPORTER_QUALIFIERS = list(creditJson.reporterQualifiers);
/** What a credit says was done: compiled (`整理`), reported or filed (`报道`, `电`), translated, pictures supplied. */
export const CREDIT_ACTIONS = Object.freeze({
  compiled: list(creditJson.actions.compiled),
  reported: list(creditJson.actions.reported),
  translated: list(creditJson.actions.translated),
  pictures: list(creditJson.actions.pictures),
});
export const ALL_CREDIT_ACTIONS = list(Object.values(creditJson.actions).flat());

// ---------------------------------------------------------------------------------------------
// Labels of the header: source, date, original title.

/** Labels naming where an article comes from (`来源`, `稿源`, `发布机构`…), both scripts. */
export const SOURCE_LABELS = list(sourceJson.labels);
/** Before a source label, these make it a video's or a picture's source (`图片来源`), not the article's. */
export const SOURCE_MEDIA_QUALIFIERS = list(sourceJson.mediaQualifiers);
/** `本文来自…`: the subject and the verb of a note saying where the piece comes from. */
export const SOURCE_NOTICE_SUBJECTS = list(sourceJson.noticeSubjects);
export const SOURCE_NOTICE_VERBS = list(sourceJson.noticeVerbs);
/** A platform's stamp: `发布于` + a place + the account (`某某日报官方账号`). */
export const POSTED_ON = list(sourceJson.postedOn);
export const ACCOUNT_WORDS = list(sourceJson.accounts);

/** Labels before a publication stamp (`发布时间`, `日期`, `印发`…), both scripts. */
export const DATE_LABELS_PUBLISHED = list(dateJson.published);
/** Labels that say the stamp is a change, not the publication (`更新`, `最后修改`). */
export const DATE_LABELS_MODIFIED = list(dateJson.modified);
export const DATE_LABELS = list([...dateJson.published, ...dateJson.modified]);

/** `原标题`, `原標題`. */
export const ORIGINAL_TITLE_LABELS = list(originalTitleJson.labels);

// ---------------------------------------------------------------------------------------------
// Page furniture and boilerplate.

/** Any one of these marks a copyright or disclaimer text (both scripts; match case-insensitively). */
export const BOILERPLATE_STRONG = list(boilerplateJson.strong);
/** Two of these make a line boilerplate (Simplified). */
export const BOILERPLATE_TERMS = list(boilerplateJson.terms);

export const CHROME_PHRASES = list(chromeJson.phrases);
export const CONTACT_LABELS = list(chromeJson.contact);
export const BREADCRUMB_LABELS = list(chromeJson.breadcrumb);
export const HOME_LINKS = list(chromeJson.home);
export const PAGINATION = Object.freeze({
  previous: list(chromeJson.pagination.previous),
  next: list(chromeJson.pagination.next),
  first: list(chromeJson.pagination.first),
  last: list(chromeJson.pagination.last),
});
export const BUTTONS = list(chromeJson.buttons);
export const COUNTERS = list(chromeJson.counters);

// ---------------------------------------------------------------------------------------------
// Names and organisations.

/** Words in a name, credit or source slot that name nobody (`本报`, `转载文章`, `佚名`). */
export const PLACEHOLDERS: ReadonlySet<string> = set(placeholdersJson.words);
/** Holders in `版权归X所有` that name no one the archive could check (`本网`, `原作者`). */
export const COPYRIGHT_HOLDER_PLACEHOLDERS = list(placeholdersJson.copyrightHolders);

export const ORGANISATIONS = Object.freeze({
  media: list(organisationsJson.media),
  bodies: list(organisationsJson.bodies),
  newsOrganisations: list(organisationsJson.newsOrganisations),
  nonPublic: list(organisationsJson.nonPublic),
  other: list(organisationsJson.other),
  units: list(organisationsJson.units),
  nameCharacters: list(organisationsJson.nameCharacters),
});
/** Every ending that makes a word an organisation's name (`某某日报`, `某某网`, `某某县统计局`). */
export const ORGANISATION_ENDINGS = list([...organisationsJson.media, ...organisationsJson.bodies]);

/** The common single-character surnames (Simplified). */
export const COMMON_SINGLE_SURNAMES = list(surnamesJson.common);
/** Characters of transliterated foreign names (Simplified). */
export const TRANSLITERATION_CHARACTERS: ReadonlySet<string> = set(transliterationJson.characters);

// ---------------------------------------------------------------------------------------------
// Posts and the words around names in running text (Simplified).

export const POST_HEADS = Object.freeze({
  domestic: list(postsJson.domestic),
  foreign: list(postsJson.foreign),
  foreignOnly: list(postsJson.foreignOnly),
  nameFirst: list(postsJson.nameFirst),
  nonOfficial: list(postsJson.nonOfficial),
});
/** Every head a public post phrase ends in. */
export const OFFICIAL_POST_HEADS = list([...postsJson.domestic, ...postsJson.foreign]);
export const POST_LEVEL_MARKERS = Object.freeze({
  national: list(postsJson.levelMarkers.national),
  nationalHeads: list(postsJson.levelMarkers.nationalHeads),
  zone: list(postsJson.levelMarkers.zone),
  township: list(postsJson.levelMarkers.township),
});

export const TIME_WORDS = list(timeJson.words);

export const STOP_WORDS = Object.freeze({
  /** Words that end a name; the time words (`昨天`, `下午`) end one too. */
  afterName: list([...stopJson.afterName, ...timeJson.words]),
  beforePost: list(stopJson.beforePost),
  citingVerbs: list(stopJson.citingVerbs),
  notNames: list(stopJson.notNames),
  notInGivenName: list(stopJson.notInGivenName),
  weakSurnames: list(stopJson.weakSurnames),
  notNameStart: list(stopJson.notNameStart),
});

export const PRESENCE_VERBS = Object.freeze({
  inSentence: list(presenceJson.inSentence),
  rightAfterName: list(presenceJson.rightAfterName),
  afterLocative: list(presenceJson.afterLocative),
});

export const PLACE_SUFFIXES = list(placesJson.suffixes);
export const AREA_TABLE_PLACEHOLDERS: ReadonlySet<string> = set(placesJson.tablePlaceholders);
export const GENERIC_PLACE_SHORT_NAMES: ReadonlySet<string> = set(placesJson.genericShortNames);

// ---------------------------------------------------------------------------------------------

export type Script = 'both' | 'simplified';

/**
 * Every list of every file: where it lives, its words, and the script it is written in (`both`:
 * each word in Simplified and Traditional, as pages write them; `simplified`: matched on a
 * Simplified rendering). For the vocabulary tests.
 */
export const VOCABULARY: ReadonlyArray<{ file: string; key: string; words: readonly string[]; script: Script }> = Object.freeze(
  [
    ...Object.entries(creditJson.labels).map(([k, words]) => ({ file: 'credit-labels.json', key: `labels.${k}`, words, script: 'both' as Script })),
    { file: 'credit-labels.json', key: 'onlyBeforeSeparator', words: creditJson.onlyBeforeSeparator, script: 'both' as Script },
    { file: 'credit-labels.json', key: 'headlineOpeners', words: creditJson.headlineOpeners, script: 'both' as Script },
    { file: 'credit-labels.json', key: 'strong', words: creditJson.strong, script: 'both' as Script },
    ...Object.entries(creditJson.suffixes).map(([k, words]) => ({ file: 'credit-labels.json', key: `suffixes.${k}`, words, script: 'both' as Script })),
    ...Object.entries(creditJson.suffixesAfterSlash).map(([k, words]) => ({ file: 'credit-labels.json', key: `suffixesAfterSlash.${k}`, words, script: 'both' as Script })),
    { file: 'credit-labels.json', key: 'reporterQualifiers', words: creditJson.reporterQualifiers, script: 'both' as Script },
    ...Object.entries(creditJson.actions).map(([k, words]) => ({ file: 'credit-labels.json', key: `actions.${k}`, words, script: 'both' as Script })),
    ...Object.entries(sourceJson)
      .filter(([k]) => k !== '$comment')
      .map(([k, words]) => ({ file: 'source-labels.json', key: k, words: words as string[], script: 'both' as Script })),
    { file: 'date-labels.json', key: 'published', words: dateJson.published, script: 'both' as Script },
    { file: 'date-labels.json', key: 'modified', words: dateJson.modified, script: 'both' as Script },
    { file: 'original-title-labels.json', key: 'labels', words: originalTitleJson.labels, script: 'both' as Script },
    { file: 'boilerplate.json', key: 'strong', words: boilerplateJson.strong, script: 'both' as Script },
    { file: 'boilerplate.json', key: 'terms', words: boilerplateJson.terms, script: 'simplified' as Script },
    { file: 'chrome.json', key: 'phrases', words: chromeJson.phrases, script: 'simplified' as Script },
    { file: 'chrome.json', key: 'contact', words: chromeJson.contact, script: 'simplified' as Script },
    { file: 'chrome.json', key: 'breadcrumb', words: chromeJson.breadcrumb, script: 'both' as Script },
    { file: 'chrome.json', key: 'home', words: chromeJson.home, script: 'both' as Script },
    ...Object.entries(chromeJson.pagination).map(([k, words]) => ({ file: 'chrome.json', key: `pagination.${k}`, words, script: 'both' as Script })),
    { file: 'chrome.json', key: 'buttons', words: chromeJson.buttons, script: 'both' as Script },
    { file: 'chrome.json', key: 'counters', words: chromeJson.counters, script: 'both' as Script },
    { file: 'placeholders.json', key: 'words', words: placeholdersJson.words, script: 'both' as Script },
    { file: 'placeholders.json', key: 'copyrightHolders', words: placeholdersJson.copyrightHolders, script: 'both' as Script },
    ...Object.entries(organisationsJson)
      .filter(([k]) => k !== '$comment')
      .map(([k, words]) => ({ file: 'organisations.json', key: k, words: words as string[], script: 'both' as Script })),
    { file: 'surnames.json', key: 'common', words: surnamesJson.common, script: 'simplified' as Script },
    { file: 'transliteration.json', key: 'characters', words: transliterationJson.characters, script: 'simplified' as Script },
    ...Object.entries(postsJson)
      .filter(([k]) => k !== '$comment' && k !== 'levelMarkers')
      .map(([k, words]) => ({ file: 'post-titles.json', key: k, words: words as string[], script: 'simplified' as Script })),
    ...Object.entries(postsJson.levelMarkers).map(([k, words]) => ({ file: 'post-titles.json', key: `levelMarkers.${k}`, words, script: 'simplified' as Script })),
    ...Object.entries(stopJson)
      .filter(([k]) => k !== '$comment')
      .map(([k, words]) => ({ file: 'stop-words.json', key: k, words: words as string[], script: 'simplified' as Script })),
    { file: 'time-words.json', key: 'words', words: timeJson.words, script: 'both' as Script },
    ...Object.entries(presenceJson)
      .filter(([k]) => k !== '$comment')
      .map(([k, words]) => ({ file: 'presence-verbs.json', key: k, words: words as string[], script: 'simplified' as Script })),
    ...Object.entries(placesJson)
      .filter(([k]) => k !== '$comment')
      .map(([k, words]) => ({ file: 'places.json', key: k, words: words as string[], script: 'simplified' as Script })),
  ].map((e) => Object.freeze({ ...e, words: Object.freeze([...e.words]) })),
);
