import type { Article, Bylines, Segment } from '../../article.ts';
import { emptyBylines } from '../../article.ts';
import {
  ALL_CREDIT_ACTIONS,
  alternation,
  BYLINE_FIELD,
  COUNTERS,
  CREDIT_LABELS,
  CREDIT_SUFFIXES,
  creditLabels,
  LABELS_BEFORE_SEPARATOR_ONLY,
  ORGANISATIONS,
  SLASH_SUFFIXES,
  SOURCE_LABELS,
  STRONG_LABELS,
} from '../vocab/index.ts';
import { readingLines } from './lines.ts';
import { isPlaceholder, looksLikePersonalName, ORGANISATION_ENDING, startsWithPlaceholder } from './names.ts';

/**
 * Bylines by the general grammar of Chinese news credits, wherever a credit stands: header lines
 * (`byline`, `credit`, `source`, `dateline`), the end of the last paragraphs (`。（记者 张三）`,
 * `（责任编辑：李四）`), and short lines just above or below the body that segmentation took for
 * headings or page furniture.
 *
 * A credit is a label and its names (`记者 张三 李四`, `编辑|王五`, `执笔人：赵六`, `文/孙七`), or
 * names and a suffix (`张三 摄`, `李四/文`). A label's value runs to the next label; names are
 * taken while they look like names (a surname from pinyin-pro's table, two to four characters,
 * or a dotted name), so `记者 张三 北京报道` gives 张三 and `作者：最新文章` gives nothing. After
 * `作者`, a user name as written (`笔名_NN1234`) is kept too. Names are kept as written
 * (original script), each once per role. The labels, suffixes and their roles are
 * src/ingest/vocab/credit-labels.json, shared with the segmenter.
 */

type Role = keyof Bylines;

const WS = '[\\s\\u00a0\\u3000]';

/**
 * Every credit label, longest first; a source label (`来源`) ends the names before it and credits
 * nobody; labels such as `文` and `图` count only before a separator (`文/`, `图：`).
 */
const LABEL_RE = new RegExp(
  `${alternation([...[...CREDIT_LABELS.keys()].filter((l) => !LABELS_BEFORE_SEPARATOR_ONLY.has(l)), ...SOURCE_LABELS])}|` + `${alternation(LABELS_BEFORE_SEPARATOR_ONLY)}(?=${WS}*[/／:：|｜])`,
  'gu',
);

/** `张三 摄`, `张三/摄`, `李四/文`: names before a credit suffix (`文`, `图` only after a slash). */
const SUFFIX_RE = new RegExp(
  `(?:^|[\\s\\u00a0\\u3000(（、，,|｜▲])((?:\\p{Script=Han}{2,4}|\\p{Script=Han}{1,8}[·•]\\p{Script=Han}{1,8})(?:[\\s\\u00a0\\u3000、]+\\p{Script=Han}{2,4}){0,3})` +
    `(?:${WS}*[/／]?${WS}*(${alternation(CREDIT_SUFFIXES.keys())})|${WS}*[/／]${WS}*(${alternation(SLASH_SUFFIXES.keys())}))(?=$|[\\s\\u00a0\\u3000)）|｜，,。])`,
  'gu',
);
/** A photo credit's suffix closing a token or a line (`李妍摄`, `新华社记者 谢环驰 摄`). */
const PHOTO_SUFFIX = alternation([...CREDIT_SUFFIXES].filter(([, r]) => r === 'photographer').map(([w]) => w));
/** `石佳/中国青年报`: a writer and the organisation they write for. */
const NAME_SLASH_ORG = /^[\s\u00a0\u3000]*(\p{Script=Han}{2,4})[\s\u00a0\u3000]*[/／][\s\u00a0\u3000]*(\p{Script=Han}{2,12})[\s\u00a0\u3000]*$/u;
/** `新华社北京5月19日电（刘艺、杨吉）`: the reporters of an agency story, named without a label. */
const AGENCY_CREDIT = /^[^。，,（(]{2,30}?(?:电|電)[\s\u00a0\u3000]*[(（]([\p{Script=Han}、\s\u00a0\u3000]{2,30})[)）]/u;
/** Labels of the reporters themselves (`记者`, `通讯员`): in an agency's brackets or a lead. */
const REPORTER_LABELS = alternation(creditLabels('reporter'));
const REPORTER_LABEL_RE = new RegExp(REPORTER_LABELS, 'u');
/** `东方网记者曹磊5月13日报道`: a reporter named in the lead itself. */
const IN_LEAD = new RegExp(`^[^。，,]{0,16}?${REPORTER_LABELS}${WS}*(\\p{Script=Han}{2,4}?)(?=\\d|${WS}|报道|報道)`, 'u');
/** `……。新华社记者 谢环驰 摄` closing a paragraph: a caption's photo credit. */
const TRAILING_PHOTO = new RegExp(`[。！？!?”][^。！？!?]{0,30}${PHOTO_SUFFIX}${WS}*$`, 'u');
/** `李妍摄`: a name and a photo credit in one token. */
const NAME_AND_PHOTO = new RegExp(`^(\\p{Script=Han}{2,4})${PHOTO_SUFFIX}$`, 'u');
/** `（李楠）` closing the last paragraph: the writer's name, as papers sign short pieces. */
const SIGNATURE = /[。！？!?”」][\s\u00a0\u3000]{0,4}[(（][\s\u00a0\u3000]{0,4}(\p{Script=Han}{2,4})[\s\u00a0\u3000]*[)）][\s\u00a0\u3000]*$/u;
/** `杨倩_NF4425`: a name with the site's staff code. */
const NAME_WITH_CODE = /^(\p{Script=Han}{2,4})_[A-Za-z]{1,4}\d+$/u;
/** A Latin user name as an editor signs (`celiawu`); codes with digits are not names. */
const LATIN_USER = /^[A-Za-z][A-Za-z._-]{2,23}$/u;
/**
 * Not a name even in a strong slot: a word ending in a credit's action or label (`北京报道`,
 * `新华社电`, `网络整理`, `本报编辑`).
 */
const CREDIT_WORD = new RegExp(`^\\p{Script=Han}*${alternation([...ALL_CREDIT_ACTIONS, ...[...CREDIT_LABELS.keys()].filter((l) => /^\p{Script=Han}{2,}$/u.test(l))])}$`, 'u');
/** A word in a name slot that names a unit of an organisation (`办公室`, `工作组`) or a counter (`阅读`). */
const UNIT_OR_COUNTER = new RegExp(`(?:${alternation([...ORGANISATIONS.units, ...COUNTERS])}|文章)$`, 'u');

/** A user name after `作者`: letters, digits and `_` allowed, as the site shows it. */
const USER_NAME = /^(?=.*[\p{Script=Han}A-Za-z])[\p{Script=Han}A-Za-z0-9_\-·]{2,24}$/u;

/** A parenthesised group at the end of a paragraph: where papers put the reporter and editor. */
const TAIL_GROUP = /[(（]([^()（）]{1,60})[)）][\s\u00a0\u3000]*$/u;

function roleOf(label: string): Role | null {
  const role = CREDIT_LABELS.get(label);
  return role ? BYLINE_FIELD[role] : null;
}

/** Names in a label's value: stops at the first token that is not a name. */
function namesIn(value: string, role: Role, label: string): string[] {
  const separated = /^[\s\u00a0\u3000:：/／|｜]/u.test(value);
  const v = value.replace(/^[\s\u00a0\u3000:：/／|｜?？\uFFFD〓]+/u, '').split(/[)）(（\]】[【]/u)[0] ?? '';
  const out: string[] = [];
  const userNames = role === 'authors' && /作者/u.test(label);
  const strong = separated && STRONG_LABELS.has(label);
  for (const raw of v.replace(/(\p{Script=Han})(?=\d)/gu, '$1 ').split(/[\s\u00a0\u3000、，,;；/／|｜&＆]+/u)) {
    if (!raw) continue;
    // `李妍摄`: the photo credit ends the list.
    const photo = NAME_AND_PHOTO.exec(raw);
    const tok = photo ? photo[1]! : (NAME_WITH_CODE.exec(raw)?.[1] ?? raw);
    const ok =
      looksLikePersonalName(tok) ||
      (strong && (/^\p{Script=Han}{2,4}$/u.test(tok) ? !looksLikeNoName(tok) && !CREDIT_WORD.test(tok) : out.length === 0 && LATIN_USER.test(tok))) ||
      (userNames && out.length === 0 && USER_NAME.test(tok) && !/^\p{Script=Han}+$/u.test(tok));
    if (!ok) break;
    out.push(tok);
    if (photo) break;
  }
  return out;
}

/**
 * A short word in a name slot that is not a name: a placeholder, an organisation or one of its
 * units, a widget (`本` opens the site's own words, `赞` a tipping button).
 */
function looksLikeNoName(tok: string): boolean {
  return isPlaceholder(tok) || startsWithPlaceholder(tok) || ORGANISATION_ENDING.test(tok) || UNIT_OR_COUNTER.test(tok) || /^(?:本|赞|讚)/u.test(tok);
}

/** Credits in one line of text. */
function creditsIn(text: string, push: (role: Role, name: string) => void): void {
  const hits = [...text.matchAll(LABEL_RE)];
  hits.forEach((m, i) => {
    const label = m[0];
    const role = roleOf(label);
    if (!role) return;
    const from = m.index! + label.length;
    const to = i + 1 < hits.length ? hits[i + 1]!.index! : text.length;
    for (const name of namesIn(text.slice(from, to), role, label)) push(role, name);
  });
  for (const m of text.matchAll(SUFFIX_RE)) {
    const names = m[1]!.split(/[\s\u00a0\u3000、]+/u).filter(Boolean);
    if (!names.every(looksLikePersonalName)) continue;
    const role: Role = BYLINE_FIELD[(m[2] ? CREDIT_SUFFIXES.get(m[2]) : SLASH_SUFFIXES.get(m[3]!))!];
    for (const n of names) push(role, n);
  }
  const writer = NAME_SLASH_ORG.exec(text);
  if (writer && looksLikePersonalName(writer[1]!) && ORGANISATION_ENDING.test(writer[2]!)) push('authors', writer[1]!);
}

const HEADER_KINDS = new Set(['byline', 'credit', 'source', 'dateline']);

/** The lines a credit may stand on: header lines, the ends of the last paragraphs, and short lines next to the body. */
function creditLines(segments: Segment[]): string[] {
  const out: string[] = [];
  const body = segments.map((s, i) => (s.kind === 'body' || s.kind === 'heading' ? i : -1)).filter((i) => i >= 0);
  const first = body.length ? body[0]! : segments.length;
  const last = body.length ? body[body.length - 1]! : -1;
  const short = (s: Segment) => s.kind !== 'blank' && [...s.text.trim()].length <= 60;
  const nonBlankBetween = (a: number, b: number) => segments.slice(a, b).filter((s) => s.kind !== 'blank').length;
  const title = segments.findIndex((s, i) => s.kind === 'title' && i < first);
  segments.forEach((s, i) => {
    if (HEADER_KINDS.has(s.kind)) out.push(s.text);
    else if (title >= 0 && i > title && i < first && short(s)) out.push(s.text);
    else if (i < first && nonBlankBetween(i, first) <= 4 && short(s)) out.push(s.text);
    else if (i > last && last >= 0 && nonBlankBetween(last, i) <= 5 && short(s)) out.push(s.text);
  });
  // The last paragraphs: a parenthesised credit at the end, or a whole short credit line; and
  // short lines inside the body (a caption's photo credit, `《刊名》作者 周纯`).
  for (const i of body.slice(-3)) {
    const text = segments[i]!.text;
    const group = TAIL_GROUP.exec(text);
    if (group) out.push(group[1]!);
    else if ([...text.trim()].length <= 40) out.push(text);
  }
  for (const i of body.slice(0, -3)) if ([...segments[i]!.text.trim()].length <= 60) out.push(segments[i]!.text);
  for (const i of body) {
    const photo = TRAILING_PHOTO.exec(segments[i]!.text);
    if (photo) out.push(photo[0].slice(1));
  }
  return out;
}

/** `…。（李楠）` closing the body, when the name is not already credited otherwise. */
function signature(segments: Segment[]): string | null {
  const last = [...segments].reverse().find((s) => s.kind === 'body');
  const m = last ? SIGNATURE.exec(last.text) : null;
  return m && looksLikePersonalName(m[1]!) ? m[1]! : null;
}

export function extractBylines(article: Article): Bylines {
  const result = emptyBylines();
  const push = (role: Role, name: string) => {
    if (!result[role].includes(name)) result[role].push(name);
  };
  const segments = readingLines(article.segments);
  for (const line of creditLines(segments)) creditsIn(line, push);
  // The opening paragraphs (a caption may come first): an agency credit, or a reporter named in
  // the lead itself (`东方网记者曹磊5月13日报道`).
  const leadLines = [...new Set(segments.filter((s) => s.kind === 'body').map((s) => s.line))].slice(0, 3);
  for (const line of leadLines) {
    const text = segments
      .filter((s) => s.line === line)
      .map((s) => s.text)
      .join('');
    const agency = AGENCY_CREDIT.exec(text);
    if (agency && !REPORTER_LABEL_RE.test(agency[1]!)) {
      const names = agency[1]!.split(/[、\s\u00a0\u3000]+/u).filter(Boolean);
      if (names.every(looksLikePersonalName)) for (const n of names) push('reporters', n);
    }
    const inLead = IN_LEAD.exec(text);
    if (inLead && looksLikePersonalName(inLead[1]!)) push('reporters', inLead[1]!);
  }
  // `（李楠）` split off the last paragraph by segmentation.
  const lastBody = segments.reduce((n, s, i) => (s.kind === 'body' ? i : n), -1);
  for (const s of segments.slice(lastBody + 1, lastBody + 3)) {
    const m = /^[\s\u00a0\u3000]*[(（][\s\u00a0\u3000]*(\p{Script=Han}{2,4})[\s\u00a0\u3000]*[)）][\s\u00a0\u3000]*$/u.exec(s.text);
    if (s.kind === 'byline' && m && looksLikePersonalName(m[1]!) && !Object.values(result).some((names) => names.includes(m[1]!))) push('authors', m[1]!);
  }
  const signed = signature(segments);
  if (signed && !Object.values(result).some((names) => names.includes(signed))) push('authors', signed);
  return result;
}
