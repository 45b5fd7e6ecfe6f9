import type { Confidence, Repair, Segment } from '../article.ts';
import { REPAIR_NOTES } from './rule-notes.ts';

/**
 * Where the repairs landed in the body a reader sees: each body paragraph as runs of text, the
 * repaired runs marked with what they replaced. Repairs are recorded against the text as it was
 * when each was applied (see `RepairSchema`); this carries every edit forward through the later
 * ones to the repaired document, then cuts the body's lines out of it.
 */

/** A run of a paragraph: `fix` is set on repaired text (what it was, by which rule, how sure). */
export interface Run {
  text: string;
  fix?: { title: string; confidence: Confidence };
}

interface Interval {
  start: number;
  end: number;
  repairs: number[];
}

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };
const BLANK = /^[\s\u00a0\u3000]*$/u;

/** Leading blanks the segmenter trims from a body line (its `clean`). */
const leadingBlank = (s: string) => /^[\s\u00a0\u3000]*/u.exec(s)![0].length;

/**
 * The repaired spans in `repaired`'s coordinates. An edit that only removed text (a pinyin gloss)
 * marks the character before it, the one it was attached to. Edits of blanks alone are left
 * unmarked: there is nothing to see.
 */
export function repairedIntervals(repairs: readonly Repair[]): Interval[] {
  let spans: Interval[] = [];
  repairs.forEach((r, k) => {
    const [s, e] = r.span;
    const delta = r.after.length - (e - s);
    const visible = !(BLANK.test(r.before) && BLANK.test(r.after));
    let start = s;
    let end = s + r.after.length;
    if (visible && start === end && start > 0) start -= 1;
    const merged: number[] = [];
    const next: Interval[] = [];
    for (const x of spans) {
      if (x.end <= start) next.push(x);
      else if (x.start >= e) next.push({ start: x.start + delta, end: x.end + delta, repairs: x.repairs });
      else {
        // Overlaps this edit: one mark covers both.
        start = Math.min(start, x.start);
        end = Math.max(end, x.end <= s ? x.end : x.end + delta);
        merged.push(...x.repairs);
      }
    }
    if (visible || merged.length) next.push({ start, end, repairs: [...merged, ...(visible ? [k] : [])] });
    spans = next.sort((a, b) => a.start - b.start);
  });
  return spans.filter((x) => x.end > x.start && x.repairs.length);
}

const shown = (s: string) => (s === '' ? '∅' : s.replace(/\r?\n/g, '↵'));

function titleOf(repairs: readonly Repair[], indices: readonly number[]): { title: string; confidence: Confidence } {
  const list = indices.map((i) => repairs[i]!);
  const worst = list.reduce<Confidence>((c, r) => (RANK[r.confidence] > RANK[c] ? r.confidence : c), 'high');
  const parts = list.slice(0, 4).map((r) => `${shown(r.before)} → ${shown(r.after)}（${REPAIR_NOTES[r.rule]?.name.zh ?? r.rule}，${r.confidence}）`);
  if (list.length > 4) parts.push(`…+${list.length - 4}`);
  return { title: `修复 repaired: ${parts.join('；')}`, confidence: worst };
}

/**
 * The body paragraphs, as the article's original script shows them, in runs with the repairs
 * marked. A paragraph that does not line up with its body line in the repaired document is one
 * unmarked run (the page then shows it as it is rather than marks in the wrong place).
 */
export function markRepairs(input: { repaired: string; segments: readonly Segment[]; repairs: readonly Repair[] }, paragraphs: readonly string[]): Run[][] {
  const lines = input.segments.filter((s) => (s.kind === 'body' || s.kind === 'heading') && !BLANK.test(s.text));
  if (lines.length !== paragraphs.length || !input.repairs.length) return paragraphs.map((text) => [{ text }]);
  const lineStarts = [0];
  for (let i = input.repaired.indexOf('\n'); i !== -1; i = input.repaired.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const spans = repairedIntervals(input.repairs);
  return lines.map((seg, j) => {
    const text = paragraphs[j]!;
    const from = (lineStarts[seg.line - 1] ?? Number.NaN) + leadingBlank(seg.text);
    if (input.repaired.slice(from, from + text.length) !== text) return [{ text }];
    const runs: Run[] = [];
    let at = 0;
    for (const x of spans) {
      const s = Math.max(x.start - from, at);
      const e = Math.min(x.end - from, text.length);
      if (e <= s) continue;
      if (s > at) runs.push({ text: text.slice(at, s) });
      runs.push({ text: text.slice(s, e), fix: titleOf(input.repairs, x.repairs) });
      at = e;
    }
    if (at < text.length) runs.push({ text: text.slice(at) });
    return runs;
  });
}

/**
 * The same marks over the other script's paragraphs. Script conversion is character for
 * character almost always; a paragraph whose length changed is left unmarked.
 */
export function carryMarks(marked: readonly Run[][], converted: readonly string[]): Run[][] {
  return converted.map((text, j) => {
    const runs = marked[j];
    if (!runs || runs.length === 1 || runs.reduce((n, r) => n + r.text.length, 0) !== text.length) return [{ text }];
    let at = 0;
    return runs.map((r) => ({ ...r, text: text.slice(at, (at += r.text.length)) }));
  });
}

/**
 * Each repair's line in `source` (the raw text the page numbers), 1-based. A repair's recorded
 * `line` is in the text as it was when it was applied, which earlier repairs that add or remove
 * line breaks have shifted: its position is carried back through them to the source.
 */
export function sourceLinesOf(source: string, repairs: readonly Repair[]): number[] {
  const breaks: number[] = [];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) breaks.push(i);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  return repairs.map((r, k) => {
    let at = r.span[0];
    for (let j = k - 1; j >= 0; j--) {
      const [s, e] = repairs[j]!.span;
      const added = repairs[j]!.after.length;
      if (at >= s + added) at -= added - (e - s);
      else if (at > s) at = s;
    }
    return lineAt(at);
  });
}
