import type { Element, Root, RootContent } from 'hast';
import { alternation, BOILERPLATE_STRONG } from './vocab/index.ts';

/**
 * The element of a saved page that holds the article, by content density (the idea of GNE and
 * trafilatura): every block's own text scores for the article when it reads as prose (sentence
 * punctuation, few links) and against it when it is links or short labels (menus, related-news
 * lists, share bars, footers). The element whose subtree scores highest is the main content:
 * adding a sidebar or a footer to it costs more than it brings, and one paragraph alone brings
 * less than all of them. Ties go to the deepest element, so a wrapper never wins over the
 * element it wraps. Purely structural: no class names, no site names.
 */

/** Elements whose text starts a new line: text below one belongs to it until a nested block. */
const BLOCK = new Set(
  'address article aside blockquote body dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header li main nav ol p pre section table tbody td tfoot th thead tr ul center font'.split(' '),
);
/** `font` and `center` are blocks of old portal pages only when they hold paragraphs; see `isBlock`. */
const SENTENCE = /[。！？；，、：”」]/gu;
const HAN = /\p{Script=Han}/gu;
const BLOCK_COST = 12;
/** Copyright, disclaimer and registration vocabulary (vocab/boilerplate.json, shared with the segmenter). */
const BOILERPLATE = new RegExp(alternation(BOILERPLATE_STRONG), 'iu');
const NOISE_COST = 4;

interface Own {
  chars: number;
  linkChars: number;
  punct: number;
  han: number;
  /** Copyright, disclaimer or registration vocabulary: a footer however well it reads. */
  boiler?: boolean;
}

export interface MainContent {
  /** The best element, and the run of its siblings that belong with it (it among them). */
  element: Element;
  elements: Element[];
  score: number;
  /** Prose characters inside it, against the page's. */
  proseChars: number;
  pageProseChars: number;
}

function isBlock(el: Element): boolean {
  if (el.tagName === 'font' || el.tagName === 'center') return el.children.some((c) => c.type === 'element' && (c.tagName === 'p' || c.tagName === 'br' || c.tagName === 'div'));
  return BLOCK.has(el.tagName);
}

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

/** What one block's own text (not that of nested blocks) adds to the article. */
function blockScore(own: Own): { score: number; prose: number } {
  if (own.chars === 0) return { score: 0, prose: 0 };
  const plain = own.chars - own.linkChars;
  if (own.linkChars * 2 > own.chars || own.boiler) return { score: -own.chars, prose: 0 };
  // Each block costs a little: a long paragraph hardly feels it, a thread of one-line comments
  // (each in its own block, between user names and times) does.
  // Prose has sentence punctuation at a reader's pace (a mark in forty Han characters at least); a
  // list of names or titles with one stray comma has not.
  if (own.punct >= 1 && own.han >= 10 && own.punct * 40 >= own.han) return { score: plain - own.linkChars - BLOCK_COST, prose: plain };
  // A label, a date line, a headline, a button, a counter: against, and each one costs.
  return { score: -0.25 * own.chars - NOISE_COST, prose: 0 };
}

/**
 * The main content element under `body`, or null when the page has no prose at all. Iterative
 * (no recursion), so a deep page cannot overflow the stack.
 */
export function findMainContent(body: Root | Element, skip: (el: Element) => boolean): MainContent | null {
  // Pass 1: own text of every block, attributed to its nearest block ancestor.
  const own = new Map<Element | Root, Own>();
  const parent = new Map<Element, Element | Root>();
  const order: Element[] = [];
  const stack: Array<{ node: Root | Element; block: Root | Element; inLink: boolean }> = [{ node: body, block: body, inLink: false }];
  own.set(body, { chars: 0, linkChars: 0, punct: 0, han: 0 });
  while (stack.length) {
    const { node, block, inLink } = stack.pop()!;
    const kids = node.children as RootContent[];
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i]!;
      if (c.type === 'text') {
        const t = c.value.replace(/\s+/gu, '');
        if (!t) continue;
        const o = own.get(block)!;
        o.chars += [...t].length;
        if (inLink) o.linkChars += [...t].length;
        o.punct += count(SENTENCE, t);
        if (BOILERPLATE.test(t)) o.boiler = true;
        o.han += count(HAN, t);
      } else if (c.type === 'element') {
        if (skip(c)) continue;
        parent.set(c, node);
        order.push(c);
        const b = isBlock(c) ? c : block;
        if (b === c) own.set(c, { chars: 0, linkChars: 0, punct: 0, han: 0 });
        stack.push({ node: c, block: b, inLink: inLink || c.tagName === 'a' });
      }
    }
  }
  // Pass 2: subtree sums, children before parents (reverse of the pre-order above).
  const score = new Map<Element | Root, number>();
  const prose = new Map<Element | Root, number>();
  const add = (m: Map<Element | Root, number>, k: Element | Root, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const [node, o] of own) {
    const s = blockScore(o);
    add(score, node, s.score);
    add(prose, node, s.prose);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    const p = parent.get(el)!;
    add(score, p, score.get(el) ?? 0);
    add(prose, p, prose.get(el) ?? 0);
  }
  const pageProse = prose.get(body) ?? 0;
  if (pageProse === 0) return null;
  // Pre-order, so among equal scores the deepest element wins.
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of order) {
    const s = score.get(el) ?? 0;
    if (s > 0 && s >= bestScore && (prose.get(el) ?? 0) > 0) {
      best = el;
      bestScore = s;
    }
  }
  if (!best) return null;
  // An article split over sibling elements (a lead paragraph in its own box, the rest in
  // another): siblings that score well on their own join it, as in Readability, when nothing
  // strongly against the article stands between them.
  const siblings = ((parent.get(best) ?? body).children as RootContent[]).filter((c): c is Element => c.type === 'element' && score.has(c));
  const at = siblings.indexOf(best);
  const good = (el: Element) => (score.get(el) ?? 0) > 0 && (prose.get(el) ?? 0) > 0;
  const bad = (el: Element) => (score.get(el) ?? 0) < -0.1 * bestScore;
  let first = at;
  let last = at;
  for (let i = at - 1; i >= 0 && !bad(siblings[i]!); i--) if (good(siblings[i]!)) first = i;
  for (let i = at + 1; i < siblings.length && !bad(siblings[i]!); i++) if (good(siblings[i]!)) last = i;
  const elements = siblings.slice(first, last + 1);
  const sum = (m: Map<Element | Root, number>) => elements.reduce((n, el) => n + (m.get(el) ?? 0), 0);
  return { element: best, elements, score: sum(score), proseChars: sum(prose), pageProseChars: pageProse };
}
