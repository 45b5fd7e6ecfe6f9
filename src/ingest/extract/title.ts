import type { Article, TitleField } from '../../article.ts';

/**
 * The headline, first found wins:
 *   1. a `原标题:`/`原標題:` label: its inline text or the next line(s), with a `——访…` subtitle;
 *   2. the headline segment above the dateline (segmentation), with a `——` subtitle line;
 *   3. HTML `<title>` minus the site suffix (split on ` - `, `_`, `|`), when no headline segment
 *      agrees with it;
 *   4. derived from the lead sentence (`derived: true`): leading date and time-of-day words are
 *      dropped (`4月21日下午，`), then a leading list of posts (`市委副书记、市长`), so
 *      `<date>，<posts><name><predicate>。` gives `<name><predicate>`; a long sentence is cut to
 *      its first clause. The result is in the article's own script.
 */

const WS = '[\\s\\u00a0\\u3000]';
const ORIGINAL_TITLE = new RegExp(`^${WS}*(?:原标题|原標題)${WS}*[:：]${WS}*(.*)$`, 'u');
const LEAD_DATE = new RegExp(
  `^(?:(?:(?:19|20)\\d{2}年)?\\d{1,2}月\\d{1,2}[日号號]|(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2})?${WS}*` +
    `(?:上午|下午|晚上|晚间|晚間|早上|中午|凌晨|傍晚|夜间|夜間|当天|當天|当日|當日|近日|日前|昨天|昨日|今天|今日|前夕|期间|期間)?${WS}*[，,、]?${WS}*`,
  'u',
);
const POST_WORD =
  '(?:副?书记|副?書記|副?市长|副?市長|副?县长|副?縣長|副?区长|副?區長|副?省长|副?省長|副?州长|副?州長|副?镇长|副?鎮長|副?乡长|副?鄉長|副?主任|副?主席|副?部长|副?部長|副?局长|副?局長|副?厅长|副?廳長|委员|委員|常委|党组成员|黨組成員|秘书长|秘書長|副?院长|副?院長|检察长|檢察長|副?董事长|副?董事長|总经理|總經理|负责人|負責人|领导|領導|代表)';
const POSTS = new RegExp(`^(?:[\\p{Script=Han}]{0,10}?${POST_WORD})(?:、[\\p{Script=Han}]{0,10}?${POST_WORD})*${WS}?`, 'u');
/** After a post word, these make it part of an organisation noun (`市委常委会`), not a post. */
const ORG_TAIL = /^[会會议議室办辦处處局部厅廳们們团團组組班]/u;

function clean(s: string): string {
  return s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/gu, '');
}

const none = (): TitleField => ({ value: null, from: 'none', evidence: '', subtitle: null, derived: false });

function deriveFromLead(lead: string): string | null {
  const sentence = (/^[^。！？!?]+/u.exec(clean(lead))?.[0] ?? '').trim();
  if (!sentence) return null;
  let s = sentence.replace(LEAD_DATE, '');
  const posts = POSTS.exec(s);
  if (posts && !ORG_TAIL.test(s.slice(posts[0].length)) && [...s.slice(posts[0].length)].length >= 4) {
    s = s.slice(posts[0].length);
  }
  if ([...s].length > 40) s = s.split(/[，,；;：:]/u)[0] ?? s;
  s = s.replace(/[，,、；;：:“”"]+$/u, '').trim();
  return [...s].length >= 4 ? s : null;
}

export function extractTitle(article: Article): TitleField {
  const segs = article.segments;
  const titleSegs = segs.filter((s) => s.kind === 'title');
  const subtitle = segs.find((s) => s.kind === 'subtitle');
  const sub = subtitle ? clean(subtitle.text) : null;

  let fromSegments: TitleField | null = null;
  const label = titleSegs.find((s) => ORIGINAL_TITLE.test(clean(s.text)));
  const inline = label ? clean(ORIGINAL_TITLE.exec(clean(label.text))![1]!) : '';
  const head = inline || (titleSegs.find((s) => s !== label) ? clean(titleSegs.find((s) => s !== label)!.text) : '');
  if (head) {
    const evidence = [label && !inline ? clean(label.text) : null, inline ? clean(label!.text) : head, sub].filter(Boolean).join(' / ');
    fromSegments = { value: head, from: label ? 'label' : 'header', evidence, subtitle: sub, derived: false };
  }

  const pageTitle = article.page?.title ? clean(article.page.title) : '';
  if (pageTitle) {
    const first = clean(pageTitle.split(/\s+[-–—|_]\s+|_|\||｜/u)[0] ?? '');
    if (first && !(fromSegments && (fromSegments.value!.startsWith(first) || first.startsWith(fromSegments.value!)))) {
      return { value: first, from: 'html-title', evidence: pageTitle, subtitle: null, derived: false };
    }
  }
  if (fromSegments) return fromSegments;

  const lead = segs.find((s) => s.kind === 'body');
  if (lead) {
    const value = deriveFromLead(lead.text);
    if (value) return { value, from: 'lede', evidence: clean(lead.text).slice(0, 80), subtitle: null, derived: true };
  }
  return none();
}
