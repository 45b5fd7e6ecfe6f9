import type { Article, Diagnostic, Field, Segment } from '../../article.ts';

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
 * Values are in the article's own script, as written.
 */

export interface SourceResult {
  outlet: Field<string | null>;
  site: Field<string | null>;
  diagnostics: Diagnostic[];
}

const WS = /[\s\u00a0\u3000]/u;
const SOURCE_LABEL = /(视频|視頻|图片|圖片|图|圖|摄影|攝影)?(?:来源|來源|稿源|转自|轉自)[\s\u00a0\u3000]*[:：][\s\u00a0\u3000]*/gu;
const BYLINE_ORG = /^[\s\u00a0\u3000(（]*([\p{Script=Han}]{2,14}?(?:日报|日報|晚报|晚報|商报|商報|时报|時報|报社|報社|电视台|電視台|广播电台|廣播電台|通讯社|通訊社|新闻网|新聞網))(?:社)?(?:全媒体|全媒體|融媒体|融媒體|首席|特约|特約|见习|見習)*(?:记者|記者)/u;
const BREADCRUMB = /(?:当前位置|您的位置|所在位置|当前的位置|现在的位置|當前位置|您的位置)[\s\u00a0\u3000]*[:：]?[\s\u00a0\u3000]*([^>＞»›]+?)[\s\u00a0\u3000]*[>＞»›]/u;
const DISCLAIMER_HEAD = /^[\s\u00a0\u3000]*(.+?)(?:版权|版權)(?:与|與|和|及)?(?:免责|免責)?(?:声明|聲明)/u;
const HOLDER = /(?:版权|版權)(?:归|歸|属于|屬於|属|屬)(.+?)(?:所有|共有)/u;
const DOMAIN = /(?:[a-z0-9-]+\.)+[a-z]{2,}/iu;

function clean(s: string): string {
  return s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/gu, '');
}

/** The value after a label: up to whitespace or `|`, keeping balanced brackets only. */
function labelValue(rest: string): string {
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
  return out.replace(/[，,。;；]+$/u, '');
}

/** `嘉兴日报-嘉兴网` → ['嘉兴日报', '嘉兴网']; a dash inside brackets does not split. */
function splitPair(value: string): [string, string | null] {
  const m = /^([^()（）]+?)[-－—–]([^-－—–]+)$/u.exec(value);
  return m ? [m[1]!, m[2]!] : [value, null];
}

function registrable(host: string): string {
  const parts = host.toLowerCase().replace(/^www\./, '').split('.');
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
  const segs = (kinds: string[]): Segment[] => article.segments.filter((s) => kinds.includes(s.kind));

  // Outlet from a source label; its second half may be the site.
  let labelSite: Field<string | null> | null = null;
  for (const seg of segs(['source', 'dateline'])) {
    for (const m of seg.text.matchAll(SOURCE_LABEL)) {
      if (m[1]) continue; // video / picture source: not the article's
      const value = labelValue(seg.text.slice(m.index! + m[0].length));
      if (!value || /^(?:本网|本網|本站|网络|網絡|互联网|互聯網)$/u.test(value)) continue;
      const [first, second] = splitPair(value);
      outlet ??= { value: first, from: 'label', evidence: clean(seg.text) };
      if (second) labelSite ??= { value: second, from: 'label', evidence: clean(seg.text) };
    }
  }
  if (!outlet) {
    for (const seg of segs(['byline'])) {
      const m = BYLINE_ORG.exec(seg.text);
      if (m && !/^(?:本报|本報)/u.test(m[1]!)) {
        outlet = { value: m[1]!, from: 'byline', evidence: clean(seg.text) };
        break;
      }
    }
  }

  // Site candidates in priority order.
  const siteName = article.page?.meta['og:site_name'];
  if (siteName) sites.push({ value: siteName, from: 'html-meta', evidence: `og:site_name=${siteName}` });
  for (const seg of segs(['nav'])) {
    const m = BREADCRUMB.exec(seg.text);
    if (m && !/^(?:首页|首頁|网站首页|網站首頁|主页|主頁)$/u.test(clean(m[1]!))) {
      sites.push({ value: clean(m[1]!), from: 'header', evidence: clean(seg.text) });
      break;
    }
  }
  if (labelSite) sites.push(labelSite);
  const host = hostOf(article.url);
  for (const seg of segs(['boilerplate'])) {
    const head = DISCLAIMER_HEAD.exec(seg.text);
    if (head && [...head[1]!].length <= 30 && !/[，,。]/u.test(head[1]!) && !/^(?:本|凡|\d)/u.test(head[1]!)) {
      sites.push({ value: clean(head[1]!), from: 'copyright', evidence: clean(seg.text) });
      continue;
    }
    const holder = HOLDER.exec(seg.text);
    if (!holder) continue;
    const name = clean(holder[1]!);
    if (/^(?:本网|本網|本站|原作者|作者|版权所有人|版權所有人|版权人|版權人)/u.test(name)) continue;
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
  if (host) sites.push({ value: host, from: 'url', evidence: article.url! });
  const pageTitle = article.page?.title;
  if (pageTitle) {
    const parts = pageTitle.split(/\s+[-–—|_]\s+|_|\|/u).map(clean).filter(Boolean);
    if (parts.length >= 2) sites.push({ value: parts[parts.length - 1]!, from: 'html-title', evidence: pageTitle });
  }

  return { outlet: outlet ?? none(), site: sites[0] ?? none(), diagnostics };
}
