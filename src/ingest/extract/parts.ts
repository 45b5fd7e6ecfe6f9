/**
 * Sub-articles of a compilation (several interviews under one headline): each has a heading
 * line, an interviewee line `——访<posts> <name>`, body lines and a reporter byline that is
 * either its own line (`记者 孙强`) or glued to the last paragraph (`…生态。   记者 张伟`).
 *
 * One `——访` subtitle is an ordinary interview, not a compilation: parts need two or more.
 */
import type { Article, Part, SegmentKind } from '../../article.ts';
import { alternation, creditLabels } from '../vocab/index.ts';
import { alignedSimplified, findPostNames } from './official-grammar.ts';

const INTERVIEW_LINE = /^[\s\u00a0\u3000]*[—–－\-─]{1,3}[\s\u00a0\u3000]*访/;
const NAMES = '\\p{Script=Han}{2,4}(?:[\\s\\u00a0\\u3000、，,]+\\p{Script=Han}{2,4})*';
/** The reporters' labels (vocab/credit-labels.json), matched on the Simplified rendering. */
const REPORTER = alternation(creditLabels('reporter'));
/** A byline on its own line: `记者 邹平 杨宝岭`, `本报记者 孙强`. */
const OWN_BYLINE = new RegExp(`^[\\s\\u00a0\\u3000]*(?:本报)?${REPORTER}[\\s\\u00a0\\u3000:：]*(${NAMES})[\\s\\u00a0\\u3000]*$`, 'u');
/** A byline glued after the closing punctuation of the last paragraph, after spaces/NBSP. */
const GLUED_BYLINE = new RegExp(`([。！？!?”」])[\\s\\u00a0\\u3000]+(?:本报)?${REPORTER}[\\s\\u00a0\\u3000]+(${NAMES})[\\s\\u00a0\\u3000]*$`, 'u');
/** Lines that end the last part when no byline does (chrome after the body). */
const NON_CONTENT: ReadonlySet<SegmentKind> = new Set(['nav', 'chrome', 'boilerplate', 'pagination', 'credit', 'source', 'url']);

interface Line {
  text: string;
  kind: SegmentKind;
}

function contentLines(article: Article): Line[] {
  const lines: Line[] = article.segments.length ? article.segments.map((s) => ({ text: s.text, kind: s.kind })) : article.text.split('\n').map((text) => ({ text, kind: 'body' as const }));
  return lines.filter((l) => l.kind !== 'blank' && l.text.trim() !== '');
}

function splitNames(s: string): string[] {
  return s.split(/[\s\u00a0\u3000、，,]+/).filter(Boolean);
}

/** Reporter names at the end of a line and the line without them, or null. */
function bylineOf(text: string): { reporters: string[]; rest: string } | null {
  const hans = alignedSimplified(text);
  const own = OWN_BYLINE.exec(hans);
  if (own) {
    const at = hans.indexOf(own[1]!);
    return { reporters: splitNames(text.slice(at, at + own[1]!.length)), rest: '' };
  }
  const glued = GLUED_BYLINE.exec(hans);
  if (glued) {
    const cut = glued.index + glued[1]!.length;
    const at = hans.lastIndexOf(glued[2]!);
    return { reporters: splitNames(text.slice(at, at + glued[2]!.length)), rest: text.slice(0, cut).trimEnd() };
  }
  return null;
}

function interviewee(text: string, corpus: string): Part['interviewee'] {
  const hans = alignedSimplified(text);
  const m = findPostNames(hans, corpus)[0];
  const n = m?.names[0];
  if (!m || !n) return null;
  return { name: text.slice(n.start, n.end), posts: [text.slice(m.postStart, m.postEnd)] };
}

export function extractParts(article: Article): Part[] {
  const lines = contentLines(article);
  const starts = lines.flatMap((l, i) => (INTERVIEW_LINE.test(alignedSimplified(l.text)) && i > 0 ? [i] : []));
  if (starts.length < 2) return [];
  const corpus = alignedSimplified(lines.map((l) => l.text).join('\n'));

  return starts.map((k, p) => {
    // The body runs to the next part's heading (the line before its `——访` line).
    const limit = p + 1 < starts.length ? starts[p + 1]! - 1 : lines.length;
    const body: string[] = [];
    let reporters: string[] = [];
    for (let i = k + 1; i < limit; i++) {
      const line = lines[i]!;
      if (p + 1 === starts.length && NON_CONTENT.has(line.kind)) break;
      const by = bylineOf(line.text);
      if (by) {
        if (by.rest) body.push(by.rest.trim());
        reporters = by.reporters;
        break;
      }
      body.push(line.text.trim());
    }
    return {
      title: lines[k - 1]!.text.trim(),
      interviewee: interviewee(lines[k]!.text, corpus),
      reporters,
      body: body.join('\n'),
    };
  });
}
