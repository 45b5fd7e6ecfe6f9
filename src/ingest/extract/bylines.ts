import type { Article, Bylines, Segment } from '../../article.ts';
import { emptyBylines } from '../../article.ts';
import { readingLines } from './lines.ts';
import { looksLikePersonalName } from './names.ts';

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
 * (original script), each once per role.
 */

type Role = keyof Bylines;

const LABELS: Array<[RegExp, Role]> = [
  [/^(?:责任编辑|責任編輯|责编|責編|主编|主編|值班编辑|值班編輯)$/u, 'chiefEditors'],
  [/^(?:审核|審核|审校|審校|终审|終審|二审|二審|三审|三審|初审|初審|一审|一審|编审|編審|审稿|審稿)$/u, 'reviewers'],
  [/^(?:编辑|編輯|美编|美編|校对|校對)$/u, 'editors'],
  [/^(?:作者|撰文|撰稿|执笔人|執筆人|执笔|執筆|文字|评论员|評論員|特约评论员|特約評論員|文)$/u, 'authors'],
  [/(?:记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影|图|圖)$/u, 'reporters'],
];

/** Every credit label, longest first; `文` and `图` only before a separator (`文/`, `图：`). */
const LABEL_RE =
  /(?:责任编辑|責任編輯|值班编辑|值班編輯|责编|責編|主编|主編|编辑|編輯|美编|美編|校对|校對|审核|審核|审校|審校|审稿|審稿|终审|終審|二审|二審|三审|三審|初审|初審|一审|一審|编审|編審|作者|撰文|撰稿|执笔人|執筆人|执笔|執筆|特约评论员|特約評論員|评论员|評論員|特约记者|特約記者|见习记者|見習記者|摄影记者|攝影記者|记者|記者|通讯员|通訊員|实习生|實習生|来源|來源|摄影|攝影|(?:文字|文|图|圖)(?=[\s\u00a0\u3000]*[/／:：|｜]))/gu;

/** `张三 摄`, `张三/摄`, `李四/文`: names before a one-character credit. */
const SUFFIX_RE = /(?:^|[\s\u00a0\u3000(（、，,|｜])((?:\p{Script=Han}{2,4}|\p{Script=Han}{1,8}[·•]\p{Script=Han}{1,8})(?:[\s\u00a0\u3000、]+\p{Script=Han}{2,4}){0,3})[\s\u00a0\u3000]*[/／]?[\s\u00a0\u3000]*(摄影|攝影|摄|攝|文)(?=$|[\s\u00a0\u3000)）|｜，,。])/gu;

/** A user name after `作者`: letters, digits and `_` allowed, as the site shows it. */
const USER_NAME = /^(?=.*[\p{Script=Han}A-Za-z])[\p{Script=Han}A-Za-z0-9_\-·]{2,24}$/u;

/** A parenthesised group at the end of a paragraph: where papers put the reporter and editor. */
const TAIL_GROUP = /[(（]([^()（）]{1,60})[)）][\s\u00a0\u3000]*$/u;

function roleOf(label: string): Role | null {
  for (const [re, role] of LABELS) if (re.test(label)) return role;
  return null;
}

/** Names in a label's value: stops at the first token that is not a name. */
function namesIn(value: string, role: Role, label: string): string[] {
  const v = value.replace(/^[\s\u00a0\u3000:：/／|｜?？\uFFFD〓]+/u, '').split(/[)）(（\]】[【]/u)[0] ?? '';
  const out: string[] = [];
  const userNames = role === 'authors' && /作者/u.test(label);
  for (const tok of v.split(/[\s\u00a0\u3000、，,;；/／|｜]+/u)) {
    if (!tok) continue;
    if (looksLikePersonalName(tok) || (userNames && out.length === 0 && USER_NAME.test(tok) && !/^\p{Script=Han}+$/u.test(tok))) {
      out.push(tok);
      continue;
    }
    break;
  }
  return out;
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
    const role: Role = /文/u.test(m[2]!) ? 'authors' : 'reporters';
    for (const n of names) push(role, n);
  }
}

const HEADER_KINDS = new Set(['byline', 'credit', 'source', 'dateline']);

/** The lines a credit may stand on: header lines, the ends of the last paragraphs, and short lines next to the body. */
function creditLines(segments: Segment[]): string[] {
  const out: string[] = [];
  const body = segments.map((s, i) => (s.kind === 'body' || s.kind === 'heading' ? i : -1)).filter((i) => i >= 0);
  const first = body.length ? body[0]! : segments.length;
  const last = body.length ? body[body.length - 1]! : -1;
  const short = (s: Segment) => s.kind !== 'blank' && [...s.text.trim()].length <= 60;
  segments.forEach((s, i) => {
    if (HEADER_KINDS.has(s.kind)) out.push(s.text);
    else if (i < first && i >= first - 6 && short(s)) out.push(s.text);
    else if (i > last && last >= 0 && i <= last + 8 && short(s)) out.push(s.text);
  });
  // The last paragraphs: a parenthesised credit at the end, or a whole short credit line.
  for (const i of body.slice(-3)) {
    const text = segments[i]!.text;
    const group = TAIL_GROUP.exec(text);
    if (group) out.push(group[1]!);
    else if ([...text.trim()].length <= 40) out.push(text);
  }
  return out;
}

export function extractBylines(article: Article): Bylines {
  const result = emptyBylines();
  const push = (role: Role, name: string) => {
    if (!result[role].includes(name)) result[role].push(name);
  };
  for (const line of creditLines(readingLines(article.segments))) creditsIn(line, push);
  return result;
}
