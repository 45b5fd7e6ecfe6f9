import type { Article, Diagnostic, Field, Segment } from '../../article.ts';
import areaData from 'china-area-data/data.json' with { type: 'json' };
import {
  ACCOUNT_WORDS,
  alternation,
  BREADCRUMB_LABELS,
  BUTTONS,
  COPYRIGHT_HOLDER_PLACEHOLDERS,
  COUNTERS,
  CREDIT_ACTIONS,
  CREDIT_LABELS,
  creditLabels,
  DATE_LABELS,
  HOME_LINKS,
  ORGANISATIONS,
  PLACE_SUFFIXES,
  PLACEHOLDERS,
  POSTED_ON,
  REPORTER_QUALIFIERS,
  SOURCE_LABELS,
  SOURCE_MEDIA_QUALIFIERS,
  TIME_WORDS,
} from '../vocab/index.ts';
import { readingLines } from './lines.ts';
import { isPlaceholder, looksLikePersonalName, ORGANISATION_ENDING, startsWithPlaceholder } from './names.ts';

/**
 * Outlet (the original source: who wrote it) versus site (who hosts this copy).
 *
 * Outlet, first found wins:
 *   1. a `来源:`/`來源:` label in a source or dateline line (not `视频来源`/`图片来源`); a value
 *      `嘉兴日报-嘉兴网` gives outlet 嘉兴日报 and site 嘉兴网;
 *   2. the organisation in front of a reporter label: `某某日報全媒體記者 趙剛` → 某某日報.
 * Site, first found wins:
 *   1. HTML `og:site_name`; 2. the first crumb of a breadcrumb (`您当前的位置 : X > …`);
 *   3. the second half of a `来源: A-B` label; 4. a disclaimer heading `X版权与免责声明`;
 *   5. a copyright holder `版权归X所有`, unless it names a web domain other than the URL's host
 *      (then it is a `source-site-conflict` diagnostic, not a fact); 6. the URL host (the value is
 *      the host name as written, `from: 'url'`); 7. HTML `<title>` suffix after ` - `, `_` or `|`.
 * Values are in the article's own script, as written. Labels, organisation endings, buttons and
 * placeholders are the shared vocabularies of src/ingest/vocab/.
 */

export interface SourceResult {
  outlet: Field<string | null>;
  site: Field<string | null>;
  diagnostics: Diagnostic[];
}

const WS = /[\s\u00a0\u3000]/u;
const S = '[\\s\\u00a0\\u3000]';
/** A source label; group 1 is a qualifier that makes it a video's or a picture's source. */
const SOURCE_LABEL = new RegExp(`(${alternation(SOURCE_MEDIA_QUALIFIERS)})?${alternation(SOURCE_LABELS)}${S}*[:：]?${S}*`, 'gu');
/** Another label right after an empty one (`来源： 访问量：12`): the slot is empty. */
const NEXT_LABEL = /^[\p{Script=Han}]{1,6}[:：]/u;
/** Where a credit line moves on to another label: `证券时报网作者：李在山`. */
const INNER_LABEL = new RegExp(`${alternation([...[...CREDIT_LABELS.keys()].filter((l) => /^\p{Script=Han}{2,}$/u.test(l)), ...DATE_LABELS, ...COUNTERS])}${S}*[:：]`, 'u');
/** A date or a time glued to a value: `人民日报2024-05-13`. */
const GLUED_DATE = /(?:19|20)\d{2}[-/.年]|\d{1,2}:\d{2}/u;
/** A place in brackets after an outlet, as datelines give it: `中国经营报（北京）`. */
const PLACE_SUFFIX = /[（(][\p{Script=Han}]{2,4}[）)]$/u;
/**
 * The opening of a lead that names its outlet: `新华社北京1月1日电`, `腾讯音乐讯`,
 * `IT之家9月30日消息`, `据财联社9月26日消息`, `据新华社报道`. `本报讯` names nobody.
 */
const LEAD_OUTLET = new RegExp(
  `^[\\s\\u00a0\\u3000(（【\\[]*据?((?:[\\p{Script=Han}A-Za-z]{1,10}?${alternation(ORGANISATIONS.media)})|[\\p{Script=Han}A-Za-z]{2,12}?)` +
    `(?:${S}*[\\p{Script=Han}]{0,6}?${S}*\\d{1,2}月\\d{1,2}[日号]?${S}*${alternation(CREDIT_ACTIONS.reported)}|(?:快讯|快訊|讯|訊)(?=[\\s\\u00a0\\u3000（(，,]|$)|(?:报道|報道)(?=[，,]))`,
  'u',
);
/** What opens a lead without naming an outlet: `本报讯`, `记者…`, `日前，…`. */
const LEAD_NO_OUTLET = new RegExp(`^(?:本|${alternation(creditLabels('reporter'))}|${alternation(TIME_WORDS)})`, 'u');
/** A government body signing its text, alone in brackets after it. */
const ISSUER = new RegExp(`^${S}*[(（]${S}*([\\p{Script=Han}]{2,20}${alternation(ORGANISATIONS.bodies)})${S}*[)）]${S}*$`, 'u');
/** What stands beside a stamp without being an outlet: a platform's stamp words, buttons, counters, placeholders. */
const STAMP_NOISE = new RegExp(`${alternation([...POSTED_ON, ...ACCOUNT_WORDS])}|^(?:${alternation([...BUTTONS, ...COUNTERS, ...PLACEHOLDERS])}|[A-Z]?[+-]|A)$|[:：]|\\d|^https?:|\\.com|\\.cn`, 'iu');
const BYLINE_ORG = new RegExp(
  `^[\\s\\u00a0\\u3000(（]*([\\p{Script=Han}]{2,14}?${alternation(ORGANISATIONS.newsOrganisations)})(?:社)?${alternation(REPORTER_QUALIFIERS)}*${alternation(creditLabels('reporter'))}`,
  'u',
);
const BREADCRUMB = new RegExp(`${alternation(BREADCRUMB_LABELS)}${S}*[:：]?${S}*([^>＞»›]+?)${S}*[>＞»›]`, 'u');
/** A breadcrumb's first crumb that is only the home link. */
const HOME = new RegExp(`^${alternation(HOME_LINKS)}$`, 'u');
/** `游民星空[整理]`: a name marked as the compiler of the piece; and the markers beside a stamp (`[原创]`). */
const COMPILER_MARK = new RegExp(`(?:^|${S})([\\p{Script=Han}A-Za-z]{2,12})[[【(（]${alternation(CREDIT_ACTIONS.compiled)}[\\]】)）]`, 'u');
const MARKER = new RegExp(`[[【(（]${alternation([...CREDIT_ACTIONS.compiled, ...PLACEHOLDERS])}[\\]】)）]`, 'gu');
/** A copyright holder that names no one to check against the URL (`本网`, `原作者`). */
const HOLDER_PLACEHOLDER = new RegExp(`^${alternation(COPYRIGHT_HOLDER_PLACEHOLDERS)}`, 'u');
const DISCLAIMER_HEAD = /^[\s\u00a0\u3000]*(.+?)(?:版权|版權)(?:与|與|和|及)?(?:免责|免責)?(?:声明|聲明)/u;
/** Bounded, so a page repeating `版权归` without `所有` costs linear time, not quadratic. */
const HOLDER = /(?:版权|版權)(?:归|歸|属于|屬於|属|屬)([^，,。；;]{1,40}?)(?:所有|共有)/u;
const DOMAIN = /(?:[a-z0-9-]+\.)+[a-z]{2,}/iu;

function clean(s: string): string {
  return s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/gu, '');
}

/** The value after a label: up to whitespace or `|`, keeping balanced brackets only. */
function labelValue(rest: string): string {
  // `来源：[ 某某日报 ]`, `来源：【某某网】`: the value is what the brackets hold.
  const bracketed = /^[[【〔]\s*([^\]】〕]{1,30}?)\s*[\]】〕]/u.exec(rest);
  if (bracketed) return bracketed[1]!.trim();
  if (NEXT_LABEL.test(rest)) return '';
  let out = '';
  let depth = 0;
  for (const ch of rest) {
    if (WS.test(ch) || ch === '|' || ch === '｜') break;
    if (ch === '(' || ch === '（') depth++;
    if (ch === ')' || ch === '）') {
      if (depth === 0) break;
      depth--;
    }
    out += ch;
  }
  const label = INNER_LABEL.exec(out);
  if (label) out = out.slice(0, label.index);
  const date = GLUED_DATE.exec(out);
  if (date) out = out.slice(0, date.index);
  return out.replace(/[，,。;；]+$/u, '').replace(PLACE_SUFFIX, '');
}

/**
 * `人民网-《人民日报》`: the publication in book-title brackets is the original, the other part
 * the site that carries it; `嘉兴日报-嘉兴网` reads left to right.
 */
function outletAndSite(value: string): [string, string | null] {
  const [a, b] = splitPair(value);
  const book = /^《(.+)》$/u;
  if (b && book.test(b) && !book.test(a)) return [book.exec(b)![1]!, a];
  return [a.replace(book, '$1'), b];
}

const ADMIN_SUFFIX = new RegExp(`${alternation(PLACE_SUFFIXES)}$`, 'u');
/** Province-level names, full and short (GB/T 2260 via china-area-data): where a platform says a post was made. */
const PROVINCES = Object.values((areaData as Record<string, Record<string, string>>)['86'] ?? {})
  .flatMap((n) => [n, n.replace(ADMIN_SUFFIX, '')])
  .filter((n) => n.length >= 2)
  .sort((a, b) => b.length - a.length);
/** `发布于北京经济日报官方账号`: a platform's stamp, the place it was posted from, then the account. */
const POSTED_BY = new RegExp(`${alternation(POSTED_ON)}(?:${PROVINCES.join('|')})?([\\p{Script=Han}A-Za-z]{2,12}?)${alternation(ACCOUNT_WORDS)}`, 'u');

/** An outlet named beside the page's stamp: `2019年11月25日 18:57 参考消息`, `中国网 2019-11-25 10:37`. */
function stampOutlet(line: string): string | null {
  const posted = POSTED_BY.exec(line);
  if (posted && ORGANISATION_ENDING.test(posted[1]!)) return posted[1]!;
  // `游民星空[整理]`: a name marked as the compiler of the piece is the outlet whatever it ends in.
  const marked = COMPILER_MARK.exec(line);
  if (marked && !looksLikePersonalName(marked[1]!)) return marked[1]!;
  const rest = line
    .replace(/(?:19|20)\d{2}[-/.年][\s\u00a0\u3000]*\d{1,2}[-/.月][\s\u00a0\u3000]*\d{1,2}[日号]?(?:[\s\u00a0\u3000T]*\d{1,2}[:：时]\d{1,2}(?:[:：分]\d{1,2})?)?/gu, ' ')
    .replace(MARKER, ' ');
  for (const whole of rest.split(/[\s\u00a0\u3000|｜]+/u)) {
    const label = INNER_LABEL.exec(whole);
    const tok = label ? whole.slice(0, label.index) : whole;
    if (!tok || STAMP_NOISE.test(tok)) continue;
    if (!/^[\p{Script=Han}A-Za-z·]{2,16}$/u.test(tok)) return null;
    if (looksLikePersonalName(tok)) return null;
    // A name of four characters or more with no organisation ending is as often a self-media
    // account or a person's pen name as an outlet: only an organisation's name is taken.
    return ORGANISATION_ENDING.test(tok) ? tok : null;
  }
  return null;
}

/** `嘉兴日报-嘉兴网` → ['嘉兴日报', '嘉兴网']; a dash inside brackets does not split. */
function splitPair(value: string): [string, string | null] {
  const m = /^([^()（）]+?)[-－—–]([^-－—–]+)$/u.exec(value);
  return m ? [m[1]!, m[2]!] : [value, null];
}

function registrable(host: string): string {
  const parts = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  const tail2 = parts.slice(-2).join('.');
  return /^(?:com|net|org|gov|edu)\.cn$/.test(tail2) ? parts.slice(-3).join('.') : tail2;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

const none = (): Field<string | null> => ({ value: null, from: 'none', evidence: '' });

export function extractSource(article: Article): SourceResult {
  const diagnostics: Diagnostic[] = [];
  let outlet: Field<string | null> | null = null;
  const sites: Array<Field<string | null>> = [];
  const lines = readingLines(article.segments);
  const segs = (kinds: string[]): Segment[] => lines.filter((s) => kinds.includes(s.kind));

  // Outlet from a source label; its second half may be the site.
  let labelSite: Field<string | null> | null = null;
  for (const seg of segs(['source', 'dateline', 'credit'])) {
    for (const m of seg.text.matchAll(SOURCE_LABEL)) {
      if (m[1]) continue; // video / picture source: not the article's
      const value = labelValue(seg.text.slice(m.index! + m[0].length));
      if (!value || isPlaceholder(value) || looksLikePersonalName(value)) continue;
      const [first, second] = outletAndSite(value);
      outlet ??= { value: first, from: 'label', evidence: clean(seg.text) };
      if (second) labelSite ??= { value: second, from: 'label', evidence: clean(seg.text) };
    }
  }
  if (!outlet) {
    for (const seg of segs(['byline'])) {
      const m = BYLINE_ORG.exec(seg.text);
      if (m && !startsWithPlaceholder(m[1]!)) {
        outlet = { value: m[1]!, from: 'byline', evidence: clean(seg.text) };
        break;
      }
    }
  }
  if (!outlet) {
    // A name beside the stamp above the body, or an organisation alone on a header line
    // (`新华社`, `石佳/中国青年报`): nearest to the body first.
    const body = article.segments.findIndex((s) => s.kind === 'body');
    const end = body < 0 ? article.segments.length : body;
    const title = article.segments.findIndex((s, i) => s.kind === 'title' && i < end);
    for (let i = end - 1, seen = 0; i >= 0 && seen < 20; i--) {
      const s = article.segments[i]!;
      if (s.kind === 'blank') continue;
      seen++;
      if (s.kind === 'nav') continue;
      const t = clean(s.text);
      const alone = i > title && title >= 0 ? /^(?:(\p{Script=Han}{2,4})[/／])?([\p{Script=Han}A-Za-z·]{3,12})$/u.exec(t) : null;
      const name =
        s.kind === 'dateline'
          ? stampOutlet(s.text)
          : alone && (!alone[1] || looksLikePersonalName(alone[1])) && ORGANISATION_ENDING.test(alone[2]!) && !/^本/u.test(alone[2]!) && !looksLikePersonalName(alone[2]!)
            ? alone[2]!
            : null;
      if (name) {
        outlet = { value: name, from: 'header', evidence: t };
        break;
      }
    }
  }

  if (!outlet) {
    // The lead's own opening, or the credit split off it (`新华社北京1月1日电（记者 X）`).
    const first = article.segments.findIndex((s) => s.kind === 'body');
    const line = first >= 0 ? article.segments[first]!.line : -1;
    const lead = article.segments
      .filter((s) => s.line === line)
      .map((s) => s.text)
      .join('');
    const m = LEAD_OUTLET.exec(lead);
    if (m && !LEAD_NO_OUTLET.test(m[1]!) && !looksLikePersonalName(m[1]!)) {
      outlet = { value: m[1]!, from: 'lede', evidence: clean(lead).slice(0, 40) };
    }
  }
  if (!outlet) {
    // The issuing body signing a government text: `（某某县统计局）` closing it.
    const last = article.segments.reduce((n, s, i) => (s.kind === 'body' ? i : n), -1);
    for (const s of article.segments.slice(last + 1, last + 6)) {
      const m = ISSUER.exec(s.text);
      if (m) {
        outlet = { value: m[1]!, from: 'byline', evidence: clean(s.text) };
        break;
      }
    }
  }

  // Site candidates in priority order.
  const siteName = article.page?.meta['og:site_name'];
  if (siteName) sites.push({ value: siteName, from: 'html-meta', evidence: `og:site_name=${siteName}` });
  for (const seg of segs(['nav'])) {
    const m = BREADCRUMB.exec(seg.text);
    if (m && !HOME.test(clean(m[1]!))) {
      sites.push({ value: clean(m[1]!), from: 'header', evidence: clean(seg.text) });
      break;
    }
  }
  if (labelSite) sites.push(labelSite);
  const host = hostOf(article.url);
  for (const seg of segs(['boilerplate'])) {
    const head = DISCLAIMER_HEAD.exec(seg.text);
    if (head && [...head[1]!].length <= 30 && !/[，,。|｜]/u.test(head[1]!) && !/^(?:本|凡|\d)/u.test(head[1]!) && clean(head[1]!).split(/\s+/u).length < 3) {
      sites.push({ value: clean(head[1]!), from: 'copyright', evidence: clean(seg.text) });
      continue;
    }
    const holder = HOLDER.exec(seg.text);
    if (!holder) continue;
    const name = clean(holder[1]!);
    if (HOLDER_PLACEHOLDER.test(name)) continue;
    const domain = DOMAIN.exec(name)?.[0];
    if (domain && host && registrable(domain) !== registrable(host)) {
      diagnostics.push({
        rule: 'source-site-conflict',
        severity: 'warning',
        message: `copyright line claims "${name}" but the page URL host is ${host}; the claim is not used as the site ("${clean(seg.text)}")`,
      });
      continue;
    }
    if (!domain && host) continue; // a holder name we cannot check against the URL: the URL wins
    sites.push({ value: name, from: 'copyright', evidence: clean(seg.text) });
  }
  // The `<title>` names the site in its last part (`…_凤凰网资讯_凤凰网`, `… - 新华网`).
  const pageTitle = article.page?.title;
  if (pageTitle) {
    const parts = pageTitle
      .split(/\s*(?:[_|｜]|--+)\s*|\s+[-–—]\s+/u)
      .map(clean)
      .filter(Boolean);
    const last = parts[parts.length - 1];
    if (parts.length >= 2 && last && [...last].length <= 20) sites.push({ value: last, from: 'html-title', evidence: pageTitle });
  }
  if (host) sites.push({ value: host, from: 'url', evidence: article.url! });

  return { outlet: outlet ?? none(), site: sites[0] ?? none(), diagnostics };
}
