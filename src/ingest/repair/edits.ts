import type { Candidate, Confidence, Repair } from '../../article.ts';

/** An edit a rule wants to make, in offsets of the text the rule was given. */
export interface Edit {
  start: number;
  end: number;
  after: string;
  confidence: Confidence;
  evidence: string[];
  candidates?: Candidate[];
}

export interface RuleResult {
  text: string;
  repairs: Repair[];
}

/** Offsets where each line starts, for 1-based line numbers by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Applies non-overlapping edits made against one text. Records come out right to left, so
 * replaying them in array order over the same text gives the same result (each span is valid
 * in the text at the moment it is applied).
 */
export function applyEdits(text: string, rule: string, edits: Edit[]): RuleResult {
  const sorted = [...edits]
    .filter((e) => text.slice(e.start, e.end) !== e.after)
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) {
    const right = sorted[i - 1]!;
    const left = sorted[i]!;
    if (left.end > right.start) {
      throw new Error(`${rule}: overlapping edits at ${left.start}-${left.end} and ${right.start}-${right.end}`);
    }
  }
  // Edits are right to left and do not overlap, so every span is also valid in the original
  // text: build the result in one pass instead of re-slicing the whole string per edit.
  const starts = lineStarts(text);
  const pieces: string[] = [];
  let cursor = text.length;
  const repairs: Repair[] = [];
  for (const e of sorted) {
    pieces.push(text.slice(e.end, cursor), e.after);
    cursor = e.start;
    const repair: Repair = {
      rule,
      span: [e.start, e.end],
      before: text.slice(e.start, e.end),
      after: e.after,
      confidence: e.confidence,
      evidence: e.evidence,
      line: lineAt(starts, e.start),
    };
    if (e.candidates) repair.candidates = e.candidates;
    repairs.push(repair);
  }
  pieces.push(text.slice(0, cursor));
  return { text: pieces.reverse().join(''), repairs };
}

/** Re-applies repair records in order; the inverse check of every rule. */
export function replayRepairs(source: string, repairs: readonly Repair[]): string {
  let out = source;
  for (const r of repairs) {
    const [start, end] = r.span;
    if (out.slice(start, end) !== r.before) {
      throw new Error(`replay: ${r.rule} expected ${JSON.stringify(r.before)} at ${start}, found ${JSON.stringify(out.slice(start, end))}`);
    }
    out = out.slice(0, start) + r.after + out.slice(end);
  }
  return out;
}
