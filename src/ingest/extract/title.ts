import type { Article, TitleField } from '../../article.ts';
import { alternation, ORIGINAL_TITLE_LABELS, OFFICIAL_POST_HEADS, POST_HEADS, TIME_WORDS } from '../vocab/index.ts';
import { alignedSimplified } from './official-grammar.ts';

/**
 * The headline, first found wins:
 *   1. a `原标题:`/`原標題:` label: its inline text or the next line(s), with a `——访…` subtitle;
 *   2. the headline segment above the dateline (segmentation), with a `——` subtitle line;
 *   3. HTML `<title>` minus the site suffix (split on ` - `, `_`, `|`), when no headline segment
 *      agrees with it;
 *   4. derived from the lead sentence (`derived: true`): leading date and time-of-day words are
 *      dropped (`4月21日下午，`), then a leading list of posts (`市委副书记、市长`; the words are
 *      vocab/time-words.json and vocab/post-titles.json, posts matched in Simplified), so
 *      `<date>，<posts><name><predicate>。` gives `<name><predicate>`; a long sentence is cut to
 *      its first clause. The result is in the article's own script.
 */

const WS = '[\\s\\u00a0\\u3000]';
const ORIGINAL_TITLE = new RegExp(`^${WS}*${alternation(ORIGINAL_TITLE_LABELS)}${WS}*[:：]${WS}*(.*)$`, 'u');
const LEAD_DATE = new RegExp(`^(?:(?:(?:19|20)\\d{2}年)?\\d{1,2}月\\d{1,2}[日号號]|(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2})?${WS}*` + `${alternation(TIME_WORDS)}?${WS}*[，,、]?${WS}*`, 'u');
/** Every post word, official or not (`董事长`, `代表`); matched on the Simplified rendering of the lead. */
const POST_WORD = alternation([...OFFICIAL_POST_HEADS, ...POST_HEADS.nonOfficial]);
const POSTS = new RegExp(`^(?:[\\p{Script=Han}]{0,10}?副?${POST_WORD})(?:、[\\p{Script=Han}]{0,10}?副?${POST_WORD})*${WS}?`, 'u');
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
  // The aligned Simplified rendering has the same length, so a match there cuts the original.
  const posts = POSTS.exec(alignedSimplified(s));
  if (posts && !ORG_TAIL.test(s.slice(posts[0].length)) && [...s.slice(posts[0].length)].length >= 4) {
    s = s.slice(posts[0].length);
  }
  if ([...s].length > 40) s = s.split(/[，,；;：:]/u)[0] ?? s;
  s = s.replace(/[，,、；;：:“”"]+$/u, '').trim();
  return [...s].length >= 4 ? s : null;
}

/** `<title>` separators: `_`, `|`, `｜`, `--`, and a dash or `·` with space around it. */
const TITLE_SEPARATOR = /\s*(?:[_|｜]|--+|——)\s*|\s+[-–—·]\s+/u;

/** Width, case and spaces folded: how a headline is compared with the page's `<title>`. */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000"'“”‘’]+/gu, '')
    .toLowerCase();
}

/**
 * A visible headline agrees with the `<title>` when one holds the other (the `<title>` adds a
 * site or column name; a long headline may be cut short in the `<title>`).
 */
function agrees(headline: string, pageTitle: string): boolean {
  const h = fold(headline);
  const t = fold(pageTitle);
  if ([...h].length < 4 || !t) return false;
  if (t.includes(h)) return true;
  const first = fold(pageTitle.split(TITLE_SEPARATOR)[0] ?? '');
  return [...first].length >= 8 && h.startsWith(first.replace(/(?:\.\.\.|…)+$/u, ''));
}

/** Names the page gives its site: a `<title>` part equal to one of them is never the headline. */
function siteNames(article: Article): Set<string> {
  const meta = article.page?.meta ?? {};
  const names = ['og:site_name', 'application-name', 'sitename', 'site_name', 'site'].map((k) => meta[k]).filter((v): v is string => !!v);
  return new Set(names.map(fold));
}

/**
 * The headline part of a `<title>`: its parts without the site's names, the longest of the
 * first two (sites put the column or the site first as often as last: `新闻动态--某学会官网`
 * has no headline at all, and a part shorter than five characters is never taken alone).
 */
function titlePart(pageTitle: string, sites: Set<string>): string | null {
  const parts = pageTitle
    .split(TITLE_SEPARATOR)
    .map(clean)
    .filter((p) => p && !sites.has(fold(p)));
  if (!parts.length) return null;
  const pick = parts.length > 1 && [...parts[1]!].length > [...parts[0]!].length * 2 ? parts[1]! : parts[0]!;
  return [...pick].length >= 5 ? pick : null;
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
  // A text file's `原标题:` label is the article's own statement of its headline.
  if (fromSegments && label && article.format !== 'html') return fromSegments;

  const pageTitle = article.page?.title ? clean(article.page.title) : '';
  if (article.format === 'html' && article.page) {
    const sites = siteNames(article);
    const headings = article.page.headings ?? [];
    // The visible headline: a heading (h1 first) or a header line that agrees with `<title>`.
    const visible = [
      ...headings.filter((h) => h.level === 1).map((h) => h.text),
      ...(fromSegments && !label ? [fromSegments.value!] : []),
      ...headings.filter((h) => h.level > 1).map((h) => h.text),
      ...segs.filter((s) => s.kind !== 'body' && s.kind !== 'blank' && [...clean(s.text)].length <= 80).map((s) => clean(s.text)),
    ];
    if (pageTitle) {
      const hit = visible.find((h) => !sites.has(fold(h)) && agrees(h, pageTitle));
      if (hit) return { value: hit, from: 'header', evidence: `visible headline, agrees with <title>${pageTitle}</title>`, subtitle: sub, derived: false };
    }
    if (fromSegments) return fromSegments;
    const h1 = headings.filter((h) => h.level === 1 && !sites.has(fold(h.text)) && [...h.text].length >= 5 && [...h.text].length <= 80);
    if (h1.length === 1) return { value: h1[0]!.text, from: 'header', evidence: `the page's one h1`, subtitle: null, derived: false };
    const part = pageTitle ? titlePart(pageTitle, sites) : null;
    if (part) return { value: part, from: 'html-title', evidence: pageTitle, subtitle: null, derived: false };
  }
  if (fromSegments) return fromSegments;

  const lead = segs.find((s) => s.kind === 'body');
  if (lead) {
    const value = deriveFromLead(lead.text);
    if (value) return { value, from: 'lede', evidence: clean(lead.text).slice(0, 80), subtitle: null, derived: true };
  }
  return none();
}
