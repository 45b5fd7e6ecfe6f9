import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { PageInfo } from '../article.ts';
import { findMainContent } from './main-content.ts';

const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head']);

/**
 * Deepest element nesting parsed as a tree. hast-util-from-parse5, hast-util-to-text and the
 * walkers below recurse once per level, and a page nested ~10,000 deep overflows the stack; real
 * news pages stay under ~100. Deeper pages are read flattened (see `flatten`), with a warning.
 */
export const MAX_HTML_DEPTH = 500;

/** Elements that have no end tag, or whose end tag the parser supplies: they add no depth. */
const NO_DEPTH = new Set('area base br col embed hr img input link meta param source track wbr keygen p li dt dd tr td th option optgroup rp rt tbody thead tfoot colgroup caption'.split(' '));

/**
 * An upper-bound-ish estimate of the element depth, from the tags alone (no parse): open tags
 * push, end tags pop. Cheap and linear, so it can run before the recursive parser does.
 */
export function estimateHtmlDepth(html: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (NO_DEPTH.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

/** Only web addresses are kept as the page's URLs: never `javascript:`, `data:` and the like. */
export function isWebUrl(u: string): boolean {
  return /^https?:\/\/[^\s<>"']+$/i.test(u.trim());
}

/**
 * A saved page → text with paragraph breaks (hast-util-to-text follows innerText rules, so
 * block elements become line breaks and lines between Chinese characters join without a
 * space), plus what the page says about itself: `<title>`, meta tags and its URLs.
 */
export function htmlToText(html: string): { text: string; page: PageInfo; flattened?: number } {
  const depth = estimateHtmlDepth(html);
  if (depth > MAX_HTML_DEPTH) return { ...htmlTreeToText(flatten(html)), flattened: depth };
  try {
    return htmlTreeToText(html);
  } catch (err) {
    // The estimate can miss nesting the parser builds itself (unclosed formatting elements):
    // a stack overflow still ends in the flat reading, never in a lost article.
    if (err instanceof RangeError) return { ...htmlTreeToText(flatten(html)), flattened: depth };
    throw err;
  }
}

/**
 * A page too deep to parse as a tree, reduced to a flat one: scripts, styles and comments go;
 * `<title>`, `<meta>`, `<link>` and `<base>` stay (they are leaves); every other tag becomes a
 * `<br>` when it is a block (so paragraphs stay apart) or nothing when inline. The parser still
 * decodes entities, so the text reads as in the tree path.
 */
function flatten(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style|noscript|template|svg|iframe)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<\/?([a-zA-Z][\w:-]*)[^>]*>/g, (t, name: string) => {
      const n = name.toLowerCase();
      if (n === 'title' || n === 'meta' || n === 'link' || n === 'base') return t;
      return BLOCK.has(n) ? '<br>' : '';
    });
}

const BLOCK = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul body html'.split(' '),
);

function htmlTreeToText(html: string): { text: string; page: PageInfo } {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  const meta: Record<string, string> = {};
  const urls: string[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  let title: string | null = null;

  visit(tree, (el) => {
    if (el.tagName === 'title' && title === null) title = toText(el).trim() || null;
    if (el.tagName === 'meta') {
      const key = String(el.properties['name'] ?? el.properties['property'] ?? el.properties['itemProp'] ?? '').toLowerCase();
      const content = el.properties['content'];
      if (key && typeof content === 'string' && !(key in meta)) meta[key] = content.trim();
    }
    if (el.tagName === 'link' && String(el.properties['rel'] ?? '').includes('canonical') && typeof el.properties['href'] === 'string') {
      urls.push(el.properties['href'].trim());
    }
    if (el.tagName === 'base' && typeof el.properties['href'] === 'string') urls.push(el.properties['href'].trim());
  });
  for (const key of ['og:url', 'twitter:url', 'url']) if (meta[key]) urls.push(meta[key]);

  strip(tree);
  const body = findElement(tree, 'body') ?? tree;
  visit(body, (el) => {
    const level = /^h([1-3])$/.exec(el.tagName)?.[1];
    if (!level || headings.length >= 12) return;
    const text = toText(el, { whitespace: 'normal' }).replace(/\s+/gu, ' ').trim();
    if (text) headings.push({ level: +level, text });
  });
  const text = tidy(toText(body, { whitespace: 'normal' }));
  const structure = markStructure(body, text);
  return {
    text,
    page: { title, meta, urls: [...new Set(urls.filter(isWebUrl))], main: structure?.main ?? null, links: structure?.links ?? [], headings },
  };
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Noncharacters (never in interchanged text) that mark where structure starts and ends. */
const MAIN_START = '\uFDD0';
const MAIN_END = '\uFDD1';
const LINK_START = '\uFDD2';
const LINK_END = '\uFDD3';
const MARKS = /[\uFDD0-\uFDD3]/u;

/**
 * The main content and the link texts as offsets in `text`: markers are put into the tree, the
 * tree is read again, and the marked reading is aligned with `text` (they differ only in
 * whitespace that the markers kept from being collapsed). Null when the page has no prose, or
 * already holds the marker characters.
 */
function markStructure(body: Root | Element, text: string): { main: [number, number] | null; links: number[] } | null {
  if (MARKS.test(text)) return null;
  const main = findMainContent(body, () => false);
  const mark = (el: Element, start: string, end: string) => {
    el.children.unshift({ type: 'text', value: start });
    el.children.push({ type: 'text', value: end });
  };
  if (main) {
    main.elements[0]!.children.unshift({ type: 'text', value: MAIN_START });
    main.elements[main.elements.length - 1]!.children.push({ type: 'text', value: MAIN_END });
  }
  visit(body, (el) => {
    if (el.tagName === 'a') mark(el, LINK_START, LINK_END);
  });
  const marked = toText(body, { whitespace: 'normal' });
  const at = alignMarks(text, marked);
  if (!at) return null;
  let range: [number, number] | null = null;
  const links: number[] = [];
  let open = -1;
  for (const [mark, offset] of at) {
    if (mark === MAIN_START) range = [offset, offset];
    else if (mark === MAIN_END && range) range[1] = offset;
    else if (mark === LINK_START) open = offset;
    else if (mark === LINK_END && open >= 0) {
      if (offset > open) links.push(open, offset);
      open = -1;
    }
  }
  return { main: range && range[1] > range[0] ? range : null, links };
}

/**
 * Offsets in `text` of every marker in `marked`, in order. `text` is `marked` without its
 * markers, give or take whitespace; null if they differ in anything else.
 */
function alignMarks(text: string, marked: string): Array<[string, number]> | null {
  const out: Array<[string, number]> = [];
  let i = 0;
  for (let j = 0; j < marked.length; j++) {
    const ch = marked[j]!;
    if (ch >= MAIN_START && ch <= LINK_END) {
      out.push([ch, i]);
      continue;
    }
    if (text[i] === ch) {
      i++;
      continue;
    }
    while (i < text.length && /\s/u.test(text[i]!) && text[i] !== ch) i++;
    if (text[i] === ch) i++;
    else if (!/\s/u.test(ch)) return null;
  }
  return out;
}

function visit(node: Root | Element, fn: (el: Element) => void): void {
  for (const child of node.children as RootContent[]) {
    if (child.type === 'element') {
      fn(child);
      visit(child, fn);
    }
  }
}

function strip(node: Root | Element): void {
  node.children = (node.children as RootContent[]).filter((c) => !(c.type === 'comment' || (c.type === 'element' && DROP.has(c.tagName)))) as typeof node.children;
  for (const c of node.children as RootContent[]) if (c.type === 'element') strip(c);
}

function findElement(node: Root | Element, tag: string): Element | null {
  for (const c of node.children as RootContent[]) {
    if (c.type !== 'element') continue;
    if (c.tagName === tag) return c;
    const inner = findElement(c, tag);
    if (inner) return inner;
  }
  return null;
}
