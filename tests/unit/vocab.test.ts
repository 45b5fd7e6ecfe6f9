import type { Element, Root, RootContent } from 'hast';
import * as OpenCC from 'opencc-js';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { Article, Official } from '../../src/article.ts';
import { extractBylines } from '../../src/ingest/extract/bylines.ts';
import { extractDate } from '../../src/ingest/extract/date.ts';
import { looksLikePersonalName, isPlaceholder, ORGANISATION_ENDING, SURNAMES } from '../../src/ingest/extract/names.ts';
import { alignedSimplified, endsNameAt, findPostNames } from '../../src/ingest/extract/official-grammar.ts';
import { extractOfficials } from '../../src/ingest/extract/officials.ts';
import { extractSource } from '../../src/ingest/extract/source.ts';
import { extractTitle } from '../../src/ingest/extract/title.ts';
import { findMainContent } from '../../src/ingest/main-content.ts';
import { toSimplified } from '../../src/text/script.ts';
import * as V from '../../src/ingest/vocab/index.ts';
import { BODY, seg } from '../support/extract.ts';

// The vocabularies of src/ingest/vocab/: each list sound on its own, no word in two lists that
// contradict each other, and every module that should read a list recognising each of its words.
// Synthetic text only: invented outlets (某某日报) and people (张三, 王建国).

const words = (...lists: ReadonlyArray<Iterable<string>>) => new Set(lists.flatMap((l) => [...l]));
const labels = [...V.CREDIT_LABELS.keys()];
const HEADER = '某市召开工作会议';

/** The kinds of the segments of line `n` (1-based). */
const kindsOf = (a: Article, n: number) => a.segments.filter((s) => s.line === n).map((s) => s.kind);

describe('vocab: every list is sound', () => {
  it.each(V.VOCABULARY.map((e) => [`${e.file} ${e.key}`, e] as const))('%s: non-empty, no duplicates, no padding', (_name, e) => {
    expect(e.words.length).toBeGreaterThan(0);
    expect(e.words.filter((w, i) => e.words.indexOf(w) !== i)).toEqual([]);
    expect(e.words.filter((w) => !w || w !== w.trim())).toEqual([]);
  });

  // `於` is a surname of its own on the mainland (not 于), so it stands in Simplified lists.
  const SIMPLIFIED_AS_WRITTEN = new Set(['於']);
  it.each(V.VOCABULARY.filter((e) => e.script === 'simplified').map((e) => [`${e.file} ${e.key}`, e] as const))('%s is Simplified (it is matched on the Simplified rendering)', (_name, e) => {
    expect(e.words.filter((w) => toSimplified(w) !== w && !SIMPLIFIED_AS_WRITTEN.has(w))).toEqual([]);
  });

  const converters = ['t', 'tw', 'hk'].map((to) => OpenCC.Converter({ from: 'cn', to: to as 't' }));
  it.each(V.VOCABULARY.filter((e) => e.script === 'both').map((e) => [`${e.file} ${e.key}`, e] as const))('%s holds every word in both scripts', (_name, e) => {
    const have = new Set(e.words);
    // A Simplified word needs one of its Traditional forms (OpenCC: standard, Taiwan or Hong Kong).
    const noTraditional = e.words.filter((w) => toSimplified(w) === w && !converters.some((c) => have.has(c(w))));
    // A Traditional word needs its Simplified form.
    const noSimplified = e.words.filter((w) => toSimplified(w) !== w && !have.has(toSimplified(w)));
    expect({ noTraditional, noSimplified }).toEqual({ noTraditional: [], noSimplified: [] });
  });

  it('the helpers escape words and put the longest first', () => {
    expect(V.alternation(['文', '文字', '文/图', 'E-mail', '评论('])).toBe('(?:E-mail|文\\/图|评论\\(|文字|文)');
    expect(new RegExp(V.alternation(['a.b']), 'u').test('axb')).toBe(false);
    expect(() => V.alternation([])).toThrow();
  });
});

describe('vocab: no word in two lists that contradict', () => {
  const creditLabelsByRole = (role: V.CreditRole) => V.creditLabels(role);
  const heads = words(V.OFFICIAL_POST_HEADS);
  const stops = words(V.STOP_WORDS.afterName, V.STOP_WORDS.beforePost);
  const cases: Array<[string, ReadonlySet<string>, ReadonlySet<string>]> = [
    ...V.CREDIT_ROLES.flatMap((a, i) =>
      V.CREDIT_ROLES.slice(i + 1).map((b): [string, ReadonlySet<string>, ReadonlySet<string>] => [
        `a credit label has one role (${a} / ${b})`,
        words(creditLabelsByRole(a)),
        words(creditLabelsByRole(b)),
      ]),
    ),
    ['a source label credits nobody', words(labels), words(V.SOURCE_LABELS)],
    ['a date label is neither a credit label…', words(labels), words(V.DATE_LABELS)],
    ['…nor a source label', words(V.SOURCE_LABELS), words(V.DATE_LABELS)],
    ['a modified stamp is not a publication stamp', words(V.DATE_LABELS_PUBLISHED), words(V.DATE_LABELS_MODIFIED)],
    ['a credit label is not a placeholder', words(labels), V.PLACEHOLDERS],
    ['a credit label is not a stop word of running text', words(labels), stops],
    ['a credit label is not a public post (主编 is not 主任)', words(labels), heads],
    ['a post head does not end a name before it', heads, words(V.STOP_WORDS.afterName)],
    ['a post word that makes no official is no official head', heads, words(V.POST_HEADS.nonOfficial)],
    ['a post China does not have is not a domestic post', words(V.POST_HEADS.foreignOnly), words(V.POST_HEADS.domestic)],
    ['a time word is no post', words(V.TIME_WORDS), heads],
    ['copyright vocabulary is not page-widget vocabulary', words(V.BOILERPLATE_STRONG), words(V.CHROME_PHRASES)],
    ['a button or a counter is not an outlet ending', words(V.BUTTONS, V.COUNTERS), words(V.ORGANISATION_ENDINGS)],
  ];
  it.each(cases)('%s', (_name, a, b) => {
    expect([...a].filter((w) => b.has(w))).toEqual([]);
  });

  const subsets: Array<[string, Iterable<string>, ReadonlySet<string>]> = [
    ['citing verbs are stop words before a post', V.STOP_WORDS.citingVerbs, words(V.STOP_WORDS.beforePost)],
    ['heads that follow a name are post heads', V.POST_HEADS.nameFirst, heads],
    ['foreign-only posts are foreign posts', V.POST_HEADS.foreignOnly, words(V.POST_HEADS.foreign)],
    ['weak surnames are surnames', V.STOP_WORDS.weakSurnames, SURNAMES],
    ['separator-only labels are labels', V.LABELS_BEFORE_SEPARATOR_ONLY, words(labels)],
    ['strong labels are labels', V.STRONG_LABELS, words(labels)],
    ['headline openers are labels of the makers', V.HEADLINE_OPENERS, words(V.creditLabels(...V.MAKER_ROLES))],
    ['name characters are organisation endings', V.ORGANISATIONS.nameCharacters, words(V.ORGANISATION_ENDINGS, V.ORGANISATIONS.units)],
    ['national heads are post heads', V.POST_LEVEL_MARKERS.nationalHeads, heads],
  ];
  it.each(subsets)('%s', (_name, part, whole) => {
    expect([...part].filter((w) => !whole.has(w))).toEqual([]);
  });

  it('a verb that shows presence right after a name also ends the name', () => {
    expect(V.PRESENCE_VERBS.rightAfterName.filter((v) => !endsNameAt(`王建国${v}`, 3))).toEqual([]);
  });
});

describe('vocab: credit labels are read by the segmenter and the byline extractor alike', () => {
  const line = (label: string) => `${label}：张三`;
  const cases = labels.map((l) => [l, V.CREDIT_LABELS.get(l)!] as const);

  it.each(cases)('%s (%s)', (label, role) => {
    const a = seg(`${HEADER}\n${line(label)}\n${BODY}`);
    expect(extractBylines(a)[V.BYLINE_FIELD[role]]).toEqual(['张三']);
    if (V.HEADLINE_OPENERS.has(label)) {
      // Read where a credit stands, but a line it opens may be a headline: `人民日报评论员：坚定信心`.
      expect(kindsOf(seg(`${label}：坚定信心\n${BODY}`), 1)).not.toContain('byline');
    } else {
      expect(kindsOf(a, 2)).toEqual([V.STAFF_ROLES.includes(role) ? 'credit' : 'byline']);
    }
  });

  it.each(cases.filter(([l]) => /^\p{Script=Han}{2,}$/u.test(l) && !V.LABELS_BEFORE_SEPARATOR_ONLY.has(l)))('%s closing a paragraph in brackets is split off as a credit', (label, role) => {
    const a = seg(`${HEADER}\n${BODY}（${label} 张三）`);
    expect(kindsOf(a, 2)).toEqual(['body', 'byline']);
    expect(extractBylines(a)[V.BYLINE_FIELD[role]]).toContain('张三');
  });

  it.each([...V.LABELS_BEFORE_SEPARATOR_ONLY])('%s run into a word is no label', (label) => {
    const a = seg(`${HEADER}\n${BODY}\n${label}安全和发展\n${BODY}`);
    expect(Object.values(extractBylines(a)).flat()).toEqual([]);
  });

  const suffixLines: Array<[string, V.CreditRole]> = [
    ...[...V.CREDIT_SUFFIXES].map(([w, r]): [string, V.CreditRole] => [`张三 ${w}`, r]),
    ...[...V.SLASH_SUFFIXES].map(([w, r]): [string, V.CreditRole] => [`张三/${w}`, r]),
  ];
  it.each(suffixLines)('%s: a credit suffix (%s)', (text, role) => {
    const a = seg(`${HEADER}\n${BODY}\n${text}`);
    expect(kindsOf(a, 3)).toEqual(['byline']);
    expect(extractBylines(a)[V.BYLINE_FIELD[role]]).toEqual(['张三']);
  });

  it.each(V.creditLabels('reporter'))('%s glued to the end of a paragraph, and opening one in brackets', (label) => {
    const tail = seg(`${HEADER}\n${BODY}  ${label} 张三`);
    expect(kindsOf(tail, 2)).toEqual(['body', 'byline']);
    const head = seg(`${HEADER}\n（${label} 李四）${BODY}`);
    expect(kindsOf(head, 2)).toEqual(['byline', 'body']);
    expect(extractBylines(tail).reporters).toEqual(['张三']);
    expect(extractBylines(head).reporters).toEqual(['李四']);
  });

  it.each([...V.ALL_CREDIT_ACTIONS, ...labels.filter((l) => /^\p{Script=Han}{2,}$/u.test(l))])('a word ending in %s is no name', (w) => {
    expect(looksLikePersonalName(`王${w}`)).toBe(false);
  });

  it.each(V.ORGANISATIONS.newsOrganisations)('某某%s + a reporter label names the outlet', (ending) => {
    for (const label of V.creditLabels('reporter')) {
      expect(extractSource(seg(`${HEADER}\n某某${ending}${label} 张三\n${BODY}`)).outlet.value).toBe(`某某${ending}`);
    }
  });
});

describe('vocab: header labels', () => {
  it.each([...V.SOURCE_LABELS])('%s：某某日报 is a source line and names the outlet', (label) => {
    const a = seg(`${HEADER}\n${label}：某某日报\n${BODY}`);
    expect(kindsOf(a, 2)).toEqual(['source']);
    expect(extractSource(a).outlet.value).toBe('某某日报');
    // A video's or a picture's source is not the article's.
    for (const q of V.SOURCE_MEDIA_QUALIFIERS) expect(extractSource(seg(`${HEADER}\n${q}${label}：某某网\n${BODY}`)).outlet.value).toBeNull();
    // A source label ends the names of a credit before it.
    expect(extractBylines(seg(`${HEADER}\n${BODY}\n编辑：张三${label}某某日报`)).editors).toEqual(['张三']);
  });

  it.each(V.SOURCE_NOTICE_SUBJECTS.flatMap((s) => V.SOURCE_NOTICE_VERBS.map((v) => `（${s}${v}某某新闻）`)))('%s is a source notice', (text) => {
    expect(kindsOf(seg(`${HEADER}\n${BODY}\n${text}`), 3)).toEqual(['source']);
  });

  it.each([...V.DATE_LABELS_PUBLISHED])('%s：2023-08-01 is a labelled stamp that outranks a bare one', (label) => {
    const a = seg(`${HEADER}\n2023-09-09 12:00\n${label}：2023-08-01\n${BODY}`);
    expect(kindsOf(a, 3)).toEqual(['dateline']);
    expect(extractDate(a).date.value).toBe('2023-08-01');
  });

  it.each([...V.DATE_LABELS_MODIFIED])('%s：2023-08-01 is a change, not the publication', (label) => {
    expect(extractDate(seg(`${HEADER}\n2023-09-09 12:00\n${label}：2023-08-01\n${BODY}`)).date.value).toBe('2023-09-09T12:00+08:00');
  });

  it.each([...V.ORIGINAL_TITLE_LABELS])('%s：… gives the headline', (label) => {
    const a = seg(`${label}：某某会议胜利召开\n${BODY}`);
    expect(kindsOf(a, 1)).toEqual(['title']);
    expect(extractTitle(a).value).toBe('某某会议胜利召开');
  });

  it.each([...V.TIME_WORDS])('5月1日%s，… is dropped from a derived headline', (w) => {
    expect(extractTitle(seg(`5月1日${w}，王建国出席会议并讲话。`)).value).toBe('王建国出席会议并讲话');
  });

  it.each(V.TIME_WORDS.filter((w) => toSimplified(w) === w))('%s ends a name', (w) => {
    expect(endsNameAt(`王建${w}出席`, 2)).toBe(true);
  });
});

describe('vocab: page furniture and boilerplate', () => {
  const otherTerm = (t: string) => V.BOILERPLATE_TERMS.find((o) => !o.includes(t) && !t.includes(o))!;
  it.each([...V.BOILERPLATE_STRONG])('%s marks a boilerplate line', (w) => {
    expect(kindsOf(seg(`${HEADER}\n${BODY}\n本页${w}说明`), 3)).toEqual(['boilerplate']);
  });
  it.each([...V.BOILERPLATE_TERMS])('%s with another term marks a boilerplate line', (t) => {
    expect(kindsOf(seg(`${HEADER}\n${BODY}\n${t}，${otherTerm(t)}`), 3)).toEqual(['boilerplate']);
  });

  /** The body of a page with two equal paragraphs of prose in two boxes, the second holding `word`. */
  function bodyOf(word: string): Element {
    const p = '会议指出，过去一年全市上下攻坚克难，各项经济指标稳中有进，民生福祉持续增进，各项工作取得新成效。';
    const tree = unified().use(rehypeParse).parse(`<html><body><div><p id="a">${p}</p></div><div><p id="b">${p}${word}</p></div></body></html>`) as Root;
    const html = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'html')!;
    return (html.children as RootContent[]).find((c): c is Element => c.type === 'element' && c.tagName === 'body')!;
  }
  it.each([...V.BOILERPLATE_STRONG])('%s makes a block a footer for the main-content finder', (w) => {
    expect(findMainContent(bodyOf(w), () => false)?.element.properties['id']).toBe('a');
  });

  it.each([...V.CHROME_PHRASES])('%s marks a widget line', (w) => {
    expect(kindsOf(seg(`${HEADER}\n${BODY}\n${w}`), 3)).toEqual(['chrome']);
  });
  it.each([...V.CONTACT_LABELS])('%s：0791-88888888 is a contact line', (w) => {
    expect(kindsOf(seg(`${HEADER}\n${BODY}\n${w}：0791-88888888`), 3)).toEqual(['chrome']);
  });
  it.each([...V.BREADCRUMB_LABELS])('%s：某某网 > 新闻 is a breadcrumb that names the site', (w) => {
    const a = seg(`${w}：某某网 > 新闻 > 正文\n${HEADER}\n${BODY}`);
    expect(kindsOf(a, 1)).toEqual(['nav']);
    expect(extractSource(a).site.value).toBe('某某网');
  });
  it.each([...V.HOME_LINKS])('a breadcrumb opening with %s names no site', (w) => {
    expect(extractSource(seg(`当前位置：${w} > 新闻 > 正文\n${HEADER}\n${BODY}`)).site.value).toBeNull();
  });
  it.each(Object.entries(V.PAGINATION).flatMap(([k, ws]) => ws.map((w) => [w, k] as const)))('1 2 3 %s is a pagination bar (%s)', (w, kind) => {
    const a = seg(`${HEADER}\n${BODY}\n1 2 3 ${w}`);
    expect(kindsOf(a, 3)).toEqual(['pagination']);
    expect(a.truncated).toBe(kind === 'next' || kind === 'last');
  });
  it.each([...V.BUTTONS, ...V.COUNTERS, ...V.PLACEHOLDERS])('%s beside a stamp is no outlet', (w) => {
    expect(extractSource(seg(`${HEADER}\n2023-08-01 10:00 ${w} 某某日报\n${BODY}`)).outlet.value).toBe('某某日报');
  });
});

describe('vocab: names, places and organisations', () => {
  it.each([...V.PLACEHOLDERS])('%s names nobody', (w) => {
    expect(isPlaceholder(w)).toBe(true);
    expect(extractSource(seg(`${HEADER}\n来源：${w}\n${BODY}`)).outlet.value).toBeNull();
  });
  it.each([...V.ORGANISATION_ENDINGS])('某某%s is an organisation; 王%s is a name only if a name may end so', (e) => {
    expect(ORGANISATION_ENDING.test(`某某${e}`)).toBe(true);
    expect(looksLikePersonalName(`王${e}`)).toBe(/^\p{Script=Han}$/u.test(e) && V.ORGANISATIONS.nameCharacters.includes(e));
  });
  it.each(V.ORGANISATIONS.media)('某某%s opens a lead that names its outlet', (e) => {
    expect(extractSource(seg(`某某${e}8月1日电 ${BODY}`)).outlet.value).toBe(`某某${e}`);
  });
  it.each(V.ORGANISATIONS.bodies.filter((e) => toSimplified(e) === e))('（某某县某某%s） signs a government text', (e) => {
    expect(extractSource(seg(`${HEADER}\n${BODY}\n（某某县某某${e}）`)).outlet.value).toBe(`某某县某某${e}`);
  });
  it.each(V.COMMON_SINGLE_SURNAMES)('%s建国 is a name', (s) => {
    expect(SURNAMES.has(s)).toBe(true);
    expect(looksLikePersonalName(`${s}建国`)).toBe(true);
  });
});

describe('vocab: posts and the words around names', () => {
  const names = (text: string) => {
    const hans = alignedSimplified(text);
    return findPostNames(hans, hans).flatMap((m) => m.names.map((n) => hans.slice(n.start, n.end)));
  };
  const officials = (text: string): Official[] => extractOfficials({ ...seg(`${text}\n${BODY}`), bylines: { reporters: [], authors: [], editors: [], chiefEditors: [], reviewers: [] }, parts: [] });

  it.each([...V.POST_HEADS.domestic])('市%s王建国 is an official', (h) => {
    expect(names(`会上，市${h}王建国出席并讲话。`)).toEqual(['王建国']);
  });
  it.each([...V.POST_HEADS.foreign])('法国%s马克龙 is a foreign official', (h) => {
    expect(names(`法国${h}马克龙抵达北京。`)).toEqual(['马克龙']);
  });
  it.each([...V.POST_HEADS.nameFirst])('王建国%s强调 names him before the post', (h) => {
    expect(names(`会上，王建国${h}强调，要抓好落实。`)).toEqual(['王建国']);
  });
  it.each([...V.POST_HEADS.nonOfficial])('%s王建国 makes no official, but opens a lead', (h) => {
    expect(names(`会上，某某${h}王建国出席。`)).toEqual([]);
    expect(extractTitle(seg(`${h}王建国出席会议并讲话。`)).value).toBe('王建国出席会议并讲话');
  });
  it.each([...V.OFFICIAL_POST_HEADS])('%s王建国 opens a lead: the derived headline starts at the name', (h) => {
    expect(extractTitle(seg(`${h}王建国出席会议并讲话。`)).value).toBe('王建国出席会议并讲话');
  });
  it.each([...V.STOP_WORDS.afterName])('%s ends a name', (w) => {
    expect(endsNameAt(`王建${w}`, 2)).toBe(true);
  });
  it.each([...V.STOP_WORDS.beforePost])('%s ends what stands before a post', (w) => {
    const hans = alignedSimplified(`会上${w}市长王建国出席。`);
    expect(findPostNames(hans, hans)[0]?.postStart).toBe(2 + w.length);
  });
  it.each([...V.STOP_WORDS.citingVerbs])('%s makes the post a citation', (w) => {
    expect(officials(`会上，大家${w}市长王建国的讲话精神。`)[0]?.role).toBe('mentioned');
  });
  it.each([...V.STOP_WORDS.notNames])('%s after a post is no name', (w) => {
    expect(names(`市长${w}。`)).toEqual([]);
  });
  it.each([...V.STOP_WORDS.notNameStart])('记者 %s某某 is no byline', (c) => {
    expect(kindsOf(seg(`${HEADER}\n记者 ${c}某某\n${BODY}`), 2)).not.toContain('byline');
  });
  it.each([...V.PRESENCE_VERBS.inSentence])('市长王建国，%s: present', (v) => {
    expect(officials(`会上，市长王建国，${v}。`)[0]?.role).toBe('present');
  });
  it.each([...V.PRESENCE_VERBS.rightAfterName])('a later 王建国%s: present', (v) => {
    expect(officials(`市长王建国的名字见于文件。\n王建国${v}。`)[0]?.role).toBe('present');
  });
  it.each(V.ORGANISATIONS.nonPublic.filter((e) => toSimplified(e) === e))('某某%s主任 is no public office', (e) => {
    expect(officials(`会上，某某${e}主任王建国出席并讲话。`)).toEqual([]);
  });
});
