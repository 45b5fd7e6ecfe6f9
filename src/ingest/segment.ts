import type { Article, Diagnostic, Segment, SegmentKind } from '../article.ts';
import { isWebUrl } from './html.ts';
import { lineAt, lineStarts, mapOffsets } from './repair/edits.ts';
import { toSimplified } from '../text/script.ts';
import {
  alternation,
  BOILERPLATE_STRONG,
  BOILERPLATE_TERMS,
  BREADCRUMB_LABELS,
  CHROME_PHRASES,
  CONTACT_LABELS,
  CREDIT_LABELS,
  CREDIT_SUFFIXES,
  creditLabels,
  DATE_LABELS,
  HEADLINE_OPENERS,
  LABELS_BEFORE_SEPARATOR_ONLY,
  MAKER_ROLES,
  ORIGINAL_TITLE_LABELS,
  PAGINATION,
  SLASH_SUFFIXES,
  SOURCE_LABELS,
  SOURCE_NOTICE_SUBJECTS,
  SOURCE_NOTICE_VERBS,
  STAFF_ROLES,
  STOP_WORDS,
} from './vocab/index.ts';

/**
 * Segmentation: every line of `article.repaired` gets a label; nothing is dropped.
 *
 * Two passes. The first labels each line by what it is on its own (a URL, a pagination bar, a
 * `来源:` label, a dateline, a credit or byline, copyright/disclaimer boilerplate, navigation,
 * hotlines and widgets). The second finds the body as the run from the first to the last prose
 * line (sentence punctuation) that the first pass left unlabelled and before any pagination bar;
 * short unlabelled lines inside the run are headings, the headline is the unlabelled line that
 * sits just above the dateline/source block (or after a `原标题:` label), and everything else
 * outside the run is chrome. A byline glued to a paragraph (`…生态。 记者 张伟`, or the
 * `(记者李华)` prefix) is split off as its own segment with the same line number.
 *
 * Labels are matched in both scripts (来源/來源, 记者/記者…); vocabularies are matched on the
 * Simplified rendering of the line. Every word list is in src/ingest/vocab/ (credit labels shared
 * with the byline extractor, source and date labels with theirs). No seed-specific strings.
 */

const WS = '[\\s\\u00a0\\u3000]';
/** Between a label and its names: whitespace, or a lost character left as `?`, `？`, U+FFFD, 〓. */
const SEP = '[\\s\\u00a0\\u3000?？\\uFFFD〓]';
const NAME = '(?:\\p{Script=Han}{1,6}[·•]\\p{Script=Han}{1,8}|\\p{Script=Han}{2,4})';
const NAMES = `${NAME}(?:(?:${WS}+|[、，,])${NAME}){0,5}`;
/**
 * Labels that introduce the names of the people who made the piece: reporters, photographers,
 * authors; not those that also open headlines (`人民日报评论员：坚定信心`).
 */
const REPORTER_LABEL = alternation(creditLabels(...MAKER_ROLES).filter((l) => !HEADLINE_OPENERS.has(l)));
/** The reporters' own labels (`记者`, `通讯员`): the ones glued to a paragraph or opening it. */
const REPORTERS_ONLY = alternation(creditLabels('reporter'));
/** Org prefix of a reporter label: `本报`, `某某日報全媒體`… (no punctuation, short). */
const ORG_PREFIX = '[\\p{Script=Han}]{0,12}?';
/** A token opening with one of these is a phrase (`记者在…`), not a name. */
const NAME_STOP = new RegExp(`^${alternation(STOP_WORDS.notNameStart)}`, 'u');
/**
 * A line opened by `文`, `图`, `文字` run together with what follows (`文/图 X`, `文：X`, `文 X`
 * are credits, `文字直播` is not: opening a line, a space separates too). The label is taken
 * whole: `文字` is not `文` + `字`.
 */
const SEPARATOR_ONLY_START = new RegExp(`^[\\s(（]*(?=(${alternation(LABELS_BEFORE_SEPARATOR_ONLY)}))\\1(?![/／:：\\s])`, 'u');

const BYLINE_LINE = new RegExp(`^${WS}*[(（]?${ORG_PREFIX}${REPORTER_LABEL}${SEP}*[:：]?${SEP}*(${NAMES})(?:${WS}+${REPORTER_LABEL}${WS}*[:：]?${WS}*${NAMES})*${WS}*[)）]?${WS}*$`, 'u');
/** A byline glued to the end of a paragraph after some padding. */
const BYLINE_TAIL = new RegExp(`^(.*[。！？!?”」』）)])(${WS}+)(${ORG_PREFIX}${REPORTERS_ONLY}${WS}*[:：]?${WS}*${NAMES})${WS}*$`, 'u');
/** A credit line of names and a suffix: `李九/文`, `张三 摄`. */
const SUFFIX_CREDIT = new RegExp(`^${WS}*${NAMES}${WS}*(?:[/／]${WS}*${alternation(SLASH_SUFFIXES.keys())}|(?:[/／]${WS}*)?${alternation(CREDIT_SUFFIXES.keys())})${WS}*$`, 'u');
/**
 * Inside a closing bracket, a credit label of two characters or more that is a label wherever it
 * stands, or a suffix (`（责任编辑：X）`, `（经济日报评论员）`, `（X 摄）`).
 */
const BRACKET_CREDIT = alternation([...[...CREDIT_LABELS.keys()].filter((l) => /^\p{Script=Han}{2,}$/u.test(l) && !LABELS_BEFORE_SEPARATOR_ONLY.has(l)), ...CREDIT_SUFFIXES.keys()]);
/** A bracketed credit or signature after a paragraph's last sentence. */
const CREDIT_TAIL = new RegExp(`^(.*[。！？!?”」』])(${WS}*[(（]${WS}*(?:[^()（）]{0,12}?${BRACKET_CREDIT}[^()（）]{0,24}|${NAME}(?:[、${WS.slice(1, -1)}]+${NAME}){0,2})${WS}*[)）]${WS}*)$`, 'u');
/** Everything up to and including the first reporter label. */
const REPORTER_LABEL_PREFIX = new RegExp(`^.*?${REPORTERS_ONLY}`, 'u');
/** `(记者李华)`, `本报讯（记者 张三 通讯员 李四）`, `新华社北京1月1日电(记者 X)` at a paragraph start. */
const BYLINE_HEAD = new RegExp(`^(${WS}*[^()（）。，,]{0,20}?[(（][^()（）]{0,8}?${REPORTERS_ONLY}${WS}*[:：]?${WS}*${NAMES}(?:${WS}+[^()（）]{0,12})?[)）])`, 'u');

/** A staff label (editors, chief editors, reviewers) and a separator opening the line. */
const CREDIT_LINE = new RegExp(`^${WS}*[(（]?${alternation(creditLabels(...STAFF_ROLES))}${WS}*[:：|｜]`, 'u');
const SOURCE_LINE = new RegExp(`^${WS}*[(（]?${WS}*[\\p{Script=Han}]{0,4}${alternation(SOURCE_LABELS)}${WS}*[:：]`, 'u');
/** `（本文来自澎湃新闻，更多原创资讯请下载…）`: where the piece comes from, not the piece. */
const SOURCE_NOTICE = new RegExp(`^${WS}*[(（]?${WS}*${alternation(SOURCE_NOTICE_SUBJECTS)}${alternation(SOURCE_NOTICE_VERBS)}`, 'u');
const ORIGINAL_TITLE = new RegExp(`^${WS}*[(（]?${WS}*(?:本文)?${alternation(ORIGINAL_TITLE_LABELS)}${WS}*[:：]${WS}*(.*?)${WS}*(?:[)）]${WS}*)?$`, 'u');
const URL_LINE = /^\s*(?:https?:\/\/|www\.)\S+\s*$/i;
const DATE_IN_LINE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|[〇零○一二]{4}年|(?<![\d/])\d{1,2}\/\d{1,2}\/(?:19|20)\d{2}(?![\d/])|(?:19|20)\d{2}年\d{1,2}月号/u;
const DATE_LABEL = new RegExp(`${alternation(DATE_LABELS)}\\s*[:：]`, 'u');
const PAGE_TOKENS = new RegExp(`\\[\\d+\\]|【\\d+】|\\d+|${alternation(Object.values(PAGINATION).flat())}|第\\s*\\d+\\s*[页頁]|共\\s*\\d+\\s*[页頁]|<<|>>|«|»|…|\\.\\.\\.`, 'gu');
/** A link to the previous or the next page, or a page number in brackets. */
const PAGE_STEP = new RegExp(`^(?:${alternation([...PAGINATION.previous, ...PAGINATION.next])}|\\[\\d+\\]|【\\d+】)$`, 'u');
/** A bar that says more pages follow: a next or last link, or a later page number. */
const MORE_PAGES = new RegExp(`${alternation([...PAGINATION.next, ...PAGINATION.last])}|\\[[2-9]\\d*\\]|【[2-9]\\d*】`, 'u');
/** An opening that runs on into the next paragraph: it ends with a comma, a colon or an enumeration mark. */
const LEAD_IN = /^[^。！？!?]{1,40}[，,：:、]$/u;
const SUBTITLE_DASH = /^[\s\u00a0\u3000]*(?:——|--|—|－－)/u;

/** Copyright / disclaimer vocabulary (vocab/boilerplate.json; terms in Simplified). */
const BOILER_TERMS = BOILERPLATE_TERMS;
const BOILER_STRONG = new RegExp(alternation(BOILERPLATE_STRONG), 'iu');
/** Page widgets, hotlines, related-news blocks, share buttons (vocab/chrome.json, Simplified). */
const CHROME_TERMS = new RegExp(alternation(CHROME_PHRASES), 'u');
const CONTACT = new RegExp(`${alternation(CONTACT_LABELS)}\\s*[:：]?\\s*[\\d-]{5,}`, 'iu');
const BREADCRUMB = new RegExp(alternation(BREADCRUMB_LABELS), 'u');

interface Piece {
  kind: SegmentKind | null;
  text: string;
  line: number;
  reason?: string;
  continued?: true;
}

/** A label alone on its line: `来源：`, `发布日期:`, `索 引 号：`. */
/** What a label and its value on two lines can be. */
const JOINABLE = new Set<SegmentKind>(['source', 'dateline', 'credit', 'byline']);
const BARE_LABEL = /^[\p{Script=Han}\s\u00a0\u3000]{1,10}[:：]$/u;

function clean(s: string): string {
  return s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/gu, '');
}

/** Width and spaces folded, for comparing a line with the page's headings. */
function fold(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u00a0\u3000]+/gu, '');
}

function hanCount(s: string): number {
  return (s.match(/\p{Script=Han}/gu) ?? []).length;
}

/** Prose: has sentence punctuation, or commas in a line of some length. */
function isProse(s: string): boolean {
  const t = clean(s);
  if (/[。；]/u.test(t)) return true;
  // A short line whose only punctuation is a final `？`/`！` is a headline, not prose.
  if (/[！？!?]/u.test(t) && (hanCount(t) >= 20 || /[！？!?][^\s\u00a0\u3000]/u.test(t))) return true;
  const commas = (t.match(/[，,]/gu) ?? []).length;
  // A lead-in clause `调研过程中，X强调：` is prose too.
  if (commas >= 1 && /[：:]$/u.test(t)) return true;
  return commas >= 1 && hanCount(t) >= 20;
}

function boilerScore(hans: string): number {
  let n = 0;
  for (const term of BOILER_TERMS) if (hans.includes(term)) n++;
  return n;
}

/**
 * A pagination bar is a real sequence of page links: two page numbers or more, or a previous /
 * next link. A lone `首页` (home) above a headline, or `共1页`, is not one.
 */
function isPagination(t: string): boolean {
  const tokens = t.match(PAGE_TOKENS) ?? [];
  if (tokens.length === 0 || t.replace(PAGE_TOKENS, '').replace(/[\s\u00a0\u3000|｜]+/gu, '') !== '') return false;
  if (!tokens.some((tok) => /页|頁|\[\d+\]|【\d+】/u.test(tok))) return false;
  const numbers = tokens.filter((tok) => /^(?:\[\d+\]|【\d+】|\d+|第\s*\d+\s*[页頁])$/u.test(tok)).length;
  return numbers >= 2 || tokens.some((tok) => PAGE_STEP.test(tok));
}

function isNavList(t: string): boolean {
  if (isProse(t)) return false;
  const tokens = t.split(/[\s\u00a0\u3000|｜·]+/u).filter(Boolean);
  if (tokens.length < 5) return false;
  const avg = tokens.reduce((n, tok) => n + [...tok].length, 0) / tokens.length;
  return avg <= 7;
}

function isBreadcrumb(t: string): boolean {
  if (BREADCRUMB.test(t)) return true;
  const parts = t.split(/[>＞»›]/u);
  return parts.length >= 3 && parts.every((p) => [...clean(p)].length <= 16) && !isProse(t);
}

function validNames(names: string): boolean {
  return names
    .split(/[\s\u00a0\u3000、，,]+/u)
    .filter(Boolean)
    .every((n) => !NAME_STOP.test(n));
}

function isBylineLine(t: string): boolean {
  if ([...t].length > 40) return false;
  const m = BYLINE_LINE.exec(t);
  if (!m || !validNames(m[1] ?? '')) return false;
  // `文` / `图` alone are labels only when followed by a separator: `文/图 X`, `文：X`.
  if (SEPARATOR_ONLY_START.test(t)) return false;
  return true;
}

/** First pass: what a line is on its own. Returns pieces (a line may split into several). */
function labelLine(raw: string, line: number, prev: Piece | undefined, linkShare = 0): Piece[] {
  const t = clean(raw);
  if (!t) return [{ kind: 'blank', text: raw, line }];
  const hans = toSimplified(t);
  const one = (kind: SegmentKind | null, reason?: string): Piece[] => [{ kind, text: raw, line, ...(reason ? { reason } : {}) }];

  if (URL_LINE.test(t)) return one('url', 'URL line');
  if (/^[|｜\s]+$/u.test(t)) return one('chrome', 'separator');
  if (isPagination(t)) return one('pagination', 'page links');
  if (ORIGINAL_TITLE.test(t)) return one('title', 'original-title label');
  if (DATE_IN_LINE.test(t) && !/[。！？]/u.test(t) && ([...t].length <= 80 || DATE_LABEL.test(t))) return one('dateline', 'date in a short line');
  if (SOURCE_LINE.test(t) && [...t].length <= 60) return one('source', 'source label');
  if (SOURCE_NOTICE.test(t) && [...t].length <= 80) return one('source', 'source notice');
  if (CREDIT_LINE.test(t) && [...t].length <= 80) return one('credit', 'staff label');
  if (isBylineLine(t)) return one('byline', 'reporter label + names');
  if (SUFFIX_CREDIT.test(t)) return one('byline', 'names + credit suffix');

  const score = boilerScore(hans);
  if (BOILER_STRONG.test(hans) && (score >= 1 || !isProse(t))) return one('boilerplate', 'copyright/disclaimer vocabulary');
  if (score >= 2 && (isProse(t) || [...t].length <= 40)) return one('boilerplate', 'copyright/disclaimer vocabulary');
  if (prev?.kind === 'boilerplate' && /^[\s\u00a0\u3000]*(?:\d+|[一二三四五六七八九十]+)[、.．)）]/u.test(t)) return one('boilerplate', 'numbered item of a disclaimer');

  // Mostly link text (a menu, a related-news list, a headline list): never the article's prose.
  if (linkShare >= 0.6 && !(isProse(t) && linkShare < 0.9 && hanCount(t) >= 30)) return one('nav', 'mostly link text');
  if (CONTACT.test(hans) && !/[。]/u.test(t)) return one('chrome', 'contact / hotline');
  if (isBreadcrumb(t)) return one('nav', 'breadcrumb');
  if (isNavList(t)) return one('nav', 'list of short links');
  if (CHROME_TERMS.test(hans) && (!isProse(t) || [...t].length <= 30 || /关注.*(公众号|微博|微信)|扫码|二维码/u.test(hans))) {
    return one('chrome', 'page widget / related links');
  }

  // Prose: split off a byline glued to its start or end, and a trailing ` |` separator.
  const pieces: Piece[] = [];
  let rest = raw;
  const head = BYLINE_HEAD.exec(rest);
  if (head && isProse(rest.slice(head[1]!.length))) {
    pieces.push({ kind: 'byline', text: head[1]!, line, reason: 'byline prefix of a paragraph' });
    rest = rest.slice(head[1]!.length);
  }
  let tailPieces: Piece[] = [];
  const sep = /^(.*[^\s\u00a0\u3000|｜])([\s\u00a0\u3000]*[|｜][\s\u00a0\u3000]*)$/u.exec(rest);
  if (sep && isProse(sep[1]!)) {
    tailPieces = [{ kind: 'chrome', text: sep[2]!, line, reason: 'trailing separator' }];
    rest = sep[1]!;
  }
  const tail = BYLINE_TAIL.exec(rest);
  if (tail && validNames(tail[3]!.replace(REPORTER_LABEL_PREFIX, ''))) {
    tailPieces = [{ kind: 'byline', text: tail[2]! + tail[3]! + rest.slice(tail[0].length), line, reason: 'byline glued to a paragraph end' }, ...tailPieces];
    rest = tail[1]!;
  }
  // `…。（记者 张三）`, `…。（责任编辑：李四）`, `…。（李楠）`, `…。（经济日报评论员）`: the credit or the
  // signature closing a paragraph.
  const credit = CREDIT_TAIL.exec(rest);
  if (!tail && credit && isProse(credit[1]!)) {
    tailPieces = [{ kind: 'byline', text: credit[2]!, line, reason: 'credit in brackets closing a paragraph' }, ...tailPieces];
    rest = credit[1]!;
  }
  pieces.push({ kind: null, text: rest, line }, ...tailPieces);
  return pieces;
}

function isTitleCandidate(t: string): boolean {
  const n = [...t].length;
  return n >= 4 && n <= 64 && !/[。！？:：]$/u.test(t) && hanCount(t) >= 3 && !SUFFIX_CREDIT.test(t);
}

/**
 * What the saved page's structure says about each line of the repaired text: the lines of the
 * main content element (1-based, inclusive) and each line's share of link text. The page gives
 * offsets in the source; the repairs carry them to the repaired text.
 */
function pageStructure(article: Article, lines: string[]): { main: [number, number] | null; linkShare: number[] } {
  const linkShare = new Array<number>(lines.length).fill(0);
  const page = article.page;
  if (!page || (!page.main && !page.links?.length)) return { main: null, linkShare };
  const offsets = [...(page.main ?? []), ...(page.links ?? [])];
  const mapped = mapOffsets(offsets, article.repairs);
  const starts = lineStarts(article.repaired);
  const lineOf = (o: number) => lineAt(starts, o) - 1;
  let main: [number, number] | null = null;
  let k = 0;
  if (page.main) {
    main = [lineOf(mapped[0]!) + 1, lineOf(Math.max(mapped[0]!, mapped[1]! - 1)) + 1];
    k = 2;
  }
  const linkChars = new Array<number>(lines.length).fill(0);
  for (; k + 1 < mapped.length; k += 2) {
    // A link may run over a line break: count its characters on each line it covers.
    for (let o = mapped[k]!; o < mapped[k + 1]!; ) {
      const li = lineOf(o);
      const lineEnd = Math.min(mapped[k + 1]!, starts[li]! + lines[li]!.length);
      linkChars[li]! += lines[li]!.slice(o - starts[li]!, lineEnd - starts[li]!).replace(/\s+/gu, '').length;
      o = starts[li]! + lines[li]!.length + 1;
    }
  }
  lines.forEach((l, i) => {
    const n = l.replace(/\s+/gu, '').length;
    linkShare[i] = n ? Math.min(1, linkChars[i]! / n) : 0;
  });
  return { main, linkShare };
}

/** Label every line of `article.repaired`; set `text`, `truncated`, `url`. Pure. */
export function segmentArticle(article: Article): Article {
  const lines = article.repaired.split(/\r?\n/);
  const structure = pageStructure(article, lines);
  const pieces: Piece[] = [];
  let prev: Piece | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    // A bare label whose value is on the next line (a saved table row, a definition list):
    // labelled as one line, both halves get the label.
    if (BARE_LABEL.test(clean(raw))) {
      let j = i + 1;
      while (j < lines.length && !clean(lines[j]!)) j++;
      const value = j < lines.length ? clean(lines[j]!) : '';
      if (value && [...value].length <= 40 && !BARE_LABEL.test(value)) {
        const got = labelLine(clean(raw) + value, i + 1, prev, Math.max(structure.linkShare[i]!, structure.linkShare[j]!));
        const kind = got.length === 1 ? got[0]!.kind : null;
        if (kind && JOINABLE.has(kind)) {
          const reason = `${got[0]!.reason ?? kind} (label and value on two lines)`;
          pieces.push({ kind, text: raw, line: i + 1, reason, continued: true });
          for (let k = i + 1; k < j; k++) pieces.push({ kind: 'blank', text: lines[k]!, line: k + 1 });
          pieces.push((prev = { kind, text: lines[j]!, line: j + 1, reason }));
          i = j;
          continue;
        }
      }
    }
    const got = labelLine(raw, i + 1, prev, structure.linkShare[i]);
    pieces.push(...got);
    const last = got[got.length - 1];
    if (last && last.kind !== 'blank') prev = last;
  }

  // On a saved page, prose outside the main content element (sidebars, related news, footers)
  // is never the body, as long as the main content holds prose at all.
  const main = structure.main;
  const prose = (p: Piece) => p.kind === null && isProse(p.text);
  const inMain = (p: Piece) => !main || (p.line >= main[0] && p.line <= main[1]);
  if (main) {
    // Inside the article, a sentence that merely mentions a statement or a viewpoint is prose:
    // only strong copyright vocabulary, or three terms, make it boilerplate there.
    for (const p of pieces) {
      if (p.kind === 'boilerplate' && inMain(p) && isProse(p.text)) {
        const hans = toSimplified(clean(p.text));
        if (!BOILER_STRONG.test(hans) && boilerScore(hans) < 3) {
          p.kind = null;
          delete p.reason;
        }
      }
    }
  }
  if (main && pieces.some((p) => prose(p) && inMain(p))) {
    for (const p of pieces) {
      if (prose(p) && !inMain(p)) {
        p.kind = 'chrome';
        p.reason = 'prose outside the main content of the page';
      }
    }
  }

  // Body run: first..last unlabelled prose piece, up to the first pagination bar after it.
  let start = pieces.findIndex(prose);
  let end = -1;
  let pagination = pieces.length;
  if (start >= 0) {
    const bar = pieces.findIndex((p, i) => i > start && p.kind === 'pagination');
    if (bar >= 0) pagination = bar;
    for (let i = start; i < pagination; i++) if (prose(pieces[i]!)) end = i;
    // The headline repeated at the top of the article's own box is the headline, not the body.
    const headlines = new Set([...(article.page?.headings ?? []).map((h) => fold(h.text)), ...(article.page?.title ? [fold(article.page.title)] : [])]);
    const pageTitle = article.page?.title ? fold(article.page.title) : '';
    for (let i = start; i <= end; i++) {
      const p = pieces[i]!;
      if (p.kind === 'blank') continue;
      const f = fold(p.text);
      if (p.kind !== null || !f || /[。；]$/u.test(f) || !(headlines.has(f) || ([...f].length >= 6 && pageTitle.startsWith(f)))) break;
      p.kind = 'title';
      p.reason = 'headline repeated above the article';
      start = i + 1;
      while (start <= end && !prose(pieces[start]!)) start++;
    }
    // In the article's box, a closing line that reads as a clause (`…支持Windows和MAC，暂时没有简体中文`)
    // ends the body too.
    for (let i = end + 1; main && i < pagination; i++) {
      const p = pieces[i]!;
      if (p.kind === 'blank') continue;
      if (p.kind !== null || !inMain(p) || !/[，,；]/u.test(p.text) || hanCount(p.text) < 10) break;
      end = i;
    }
    // A paragraph's first words set apart (`下周一，`, `女士们、先生们：`) start the body too, and so
    // do the exclamations and bracketed subheads (`【某某网】…`) opening the article in its box,
    // when the page says where the article is.
    for (let i = start - 1; i >= 0; i--) {
      const p = pieces[i]!;
      if (p.kind === 'blank') continue;
      if (p.kind !== null || !inMain(p)) break;
      if (!LEAD_IN.test(clean(p.text)) && !(main && hanCount(p.text) >= 4 && (/[！？!?…]$/u.test(clean(p.text)) || /^【[^】]{1,12}】/u.test(clean(p.text))))) break;
      start = i;
    }
  }

  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.kind !== null) continue;
    if (start >= 0 && i >= start && i <= end) {
      if (prose(p)) {
        p.kind = 'body';
      } else {
        p.kind = [...clean(p.text)].length <= 50 ? 'heading' : 'body';
        p.reason = p.kind === 'heading' ? 'short line inside the body' : 'long line inside the body';
      }
    } else if (i > end && start >= 0) {
      p.kind = 'chrome';
      p.reason = i > pagination ? 'after pagination' : 'after the body';
    }
  }

  // Header: headline and subtitle among the unlabelled lines above the body.
  const headerEnd = start >= 0 ? start : pieces.length;
  const label = pieces.findIndex((p, i) => i < headerEnd && p.kind === 'title' && p.reason === 'original-title label');
  const free = (i: number) => i < headerEnd && pieces[i]!.kind === null;
  const nextFree = (from: number) => {
    for (let i = from; i < headerEnd; i++) if (pieces[i]!.kind !== 'blank') return free(i) ? i : -1;
    return -1;
  };
  let titleIdx = -1;
  if (label >= 0) {
    const inline = ORIGINAL_TITLE.exec(clean(pieces[label]!.text))?.[1] ?? '';
    if (inline) {
      pieces[label]!.reason = 'original-title label with the headline';
      titleIdx = label;
    } else {
      titleIdx = nextFree(label + 1);
    }
  } else {
    const candidates: number[] = [];
    for (let i = 0; i < headerEnd; i++) if (free(i) && isTitleCandidate(clean(pieces[i]!.text))) candidates.push(i);
    const meta = pieces.findIndex((p, i) => i < headerEnd && ['dateline', 'source', 'credit', 'byline'].includes(p.kind ?? '') && candidates.some((c) => c < i));
    const before = meta >= 0 ? candidates.filter((c) => c < meta) : candidates;
    // Skip a leading subtitle-like line: the headline is not a `——` line.
    const pick = before.filter((c) => !SUBTITLE_DASH.test(pieces[c]!.text));
    titleIdx = pick.length ? pick[pick.length - 1]! : -1;
  }
  if (titleIdx >= 0 && pieces[titleIdx]!.kind === null) {
    pieces[titleIdx]!.kind = 'title';
    pieces[titleIdx]!.reason = label >= 0 ? 'line after the original-title label' : 'headline above the dateline';
  }
  if (titleIdx >= 0) {
    const sub = nextFree(titleIdx + 1);
    if (sub >= 0 && SUBTITLE_DASH.test(pieces[sub]!.text)) {
      pieces[sub]!.kind = 'subtitle';
      pieces[sub]!.reason = 'dash line after the headline';
    }
  }
  for (const p of pieces) {
    if (p.kind === null) {
      p.kind = 'chrome';
      p.reason = 'above the body';
    }
  }

  const segments: Segment[] = pieces.map((p) => ({ kind: p.kind!, text: p.text, line: p.line, ...(p.reason ? { reason: p.reason } : {}), ...(p.continued ? { continued: true as const } : {}) }));
  const text = segments
    .filter((s) => s.kind === 'body' || s.kind === 'heading')
    .map((s) => clean(s.text))
    .filter(Boolean)
    .join('\n');

  const diagnostics: Diagnostic[] = [...article.diagnostics];
  const bars = segments.filter((s) => s.kind === 'pagination');
  const truncated = bars.some((s) => MORE_PAGES.test(s.text));
  if (truncated) {
    diagnostics.push({
      rule: 'segment-truncated',
      severity: 'warning',
      message: `multi-page article: only one page is present (pagination at line ${bars[0]!.line}: "${clean(bars[0]!.text)}")`,
    });
  }
  if (!text) diagnostics.push({ rule: 'segment-no-body', severity: 'warning', message: 'no body text found' });

  return { ...article, segments, text, truncated, url: findUrl(article, segments), diagnostics };
}

function findUrl(article: Article, segments: Segment[]): string | null {
  if (article.format === 'html' && article.page) {
    const meta = article.page.meta;
    // Only web addresses: a `javascript:` or `data:` og:url never becomes the article's URL.
    const web = (u: string | undefined) => (u && isWebUrl(u) ? u.trim() : undefined);
    const fromMeta = web(meta['og:url']) ?? web(meta['twitter:url']) ?? web(meta['url']);
    const candidate = fromMeta ?? article.page.urls.find((u) => web(u));
    if (candidate) return candidate;
  }
  const first = segments.find((s) => s.kind !== 'blank');
  if (first && first.kind === 'url') {
    const u = clean(first.text);
    return /^www\./i.test(u) ? `http://${u}` : u;
  }
  return null;
}
