import type { Article, Bylines } from '../../article.ts';
import { emptyBylines } from '../../article.ts';

/**
 * Bylines from the segments labelled `byline`, `credit`, `source` and `dateline` (a header line
 * such as `编辑:王丽    作者:李华` carries several labels). Each label's value runs to the next
 * label, a `|`, a closing bracket or the end; names are 2–4 Han characters (or with a middle dot),
 * separated by spaces or `、`. Names are kept as written (original script) and deduplicated.
 * An empty label (`责任编辑:`) gives nothing; prose such as `本报记者采访各县(市、区)主要负责同志`
 * gives nothing because it is never a byline segment and its value is not a list of names.
 */

type Role = keyof Bylines;

const LABELS: Array<[RegExp, Role]> = [
  [/^(?:责任编辑|責任編輯|责编|責編|主编|主編|值班编辑|值班編輯)$/u, 'chiefEditors'],
  [/^(?:审核|審核|审校|審校|终审|終審|二审|二審|三审|三審|初审|初審|一审|一審|编审|編審)$/u, 'reviewers'],
  [/^(?:编辑|編輯|美编|美編|校对|校對)$/u, 'editors'],
  [/^(?:作者|撰文|撰稿)$/u, 'authors'],
  [/(?:记者|記者|通讯员|通訊員|实习生|實習生)$/u, 'reporters'],
];

const LABEL_RE =
  /(?:责任编辑|責任編輯|值班编辑|值班編輯|责编|責編|主编|主編|编辑|編輯|美编|美編|校对|校對|审核|審核|审校|審校|终审|終審|二审|二審|三审|三審|初审|初審|一审|一審|编审|編審|作者|撰文|撰稿|特约记者|特約記者|见习记者|見習記者|记者|記者|通讯员|通訊員|实习生|實習生|来源|來源|摄影|攝影)/gu;

const NAME = /^(?:\p{Script=Han}{2,4}|\p{Script=Han}{1,6}[·•]\p{Script=Han}{1,8})$/u;
const NAME_STOP = /^[在对从向于把被将了来去到走采进看说与和及等是为就也都各]/u;
/** Words that fill a label slot but are not names. */
const NOT_NAME = /^(?:本报|本網|本网|本台|本站|综合|綜合|报道|報道|整理|供图|供圖|网络|網絡|佚名|未知|暂无|暫無|无|無)$/u;

function roleOf(label: string): Role | null {
  for (const [re, role] of LABELS) if (re.test(label)) return role;
  return null;
}

/** Names in a label's value: stops at the first token that is not a name. */
function namesIn(value: string): string[] {
  const v = value.replace(/^[\s\u00a0\u3000:：?？\uFFFD〓]+/u, '').split(/[|｜)）(（\]】]/u)[0] ?? '';
  const out: string[] = [];
  for (const tok of v.split(/[\s\u00a0\u3000、，,;；/]+/u)) {
    if (!tok) continue;
    if (!NAME.test(tok) || NAME_STOP.test(tok) || NOT_NAME.test(tok)) break;
    out.push(tok);
  }
  return out;
}

export function extractBylines(article: Article): Bylines {
  const result = emptyBylines();
  const push = (role: Role, name: string) => {
    if (!result[role].includes(name)) result[role].push(name);
  };
  for (const seg of article.segments) {
    if (!['byline', 'credit', 'source', 'dateline'].includes(seg.kind)) continue;
    const text = seg.text;
    const hits = [...text.matchAll(LABEL_RE)];
    hits.forEach((m, i) => {
      const label = m[0];
      const role = roleOf(label);
      if (!role) return;
      const from = m.index! + label.length;
      const to = i + 1 < hits.length ? hits[i + 1]!.index! : text.length;
      for (const name of namesIn(text.slice(from, to))) push(role, name);
    });
  }
  return result;
}
