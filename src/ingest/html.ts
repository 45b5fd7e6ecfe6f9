import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { PageInfo } from '../article.ts';

const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head']);

/**
 * A saved page → text with paragraph breaks (hast-util-to-text follows innerText rules, so
 * block elements become line breaks and lines between Chinese characters join without a
 * space), plus what the page says about itself: `<title>`, meta tags and its URLs.
 */
export function htmlToText(html: string): { text: string; page: PageInfo } {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  const meta: Record<string, string> = {};
  const urls: string[] = [];
  let title: string | null = null;

  visit(tree, (el) => {
    if (el.tagName === 'title' && title === null) title = toText(el).trim() || null;
    if (el.tagName === 'meta') {
      const key = String(el.properties['name'] ?? el.properties['property'] ?? el.properties['itemProp'] ?? '').toLowerCase();
      const content = el.properties['content'];
      if (key && typeof content === 'string' && !(key in meta)) meta[key] = content.trim();
    }
    if (el.tagName === 'link' && String(el.properties['rel'] ?? '').includes('canonical') && typeof el.properties['href'] === 'string') {
      urls.push(el.properties['href']);
    }
    if (el.tagName === 'base' && typeof el.properties['href'] === 'string') urls.push(el.properties['href']);
  });
  for (const key of ['og:url', 'twitter:url', 'url']) if (meta[key]) urls.push(meta[key]);

  strip(tree);
  const body = findElement(tree, 'body') ?? tree;
  const text = toText(body, { whitespace: 'normal' })
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, page: { title, meta, urls: [...new Set(urls)] } };
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
  node.children = (node.children as RootContent[]).filter(
    (c) => !(c.type === 'comment' || (c.type === 'element' && DROP.has(c.tagName))),
  ) as typeof node.children;
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
