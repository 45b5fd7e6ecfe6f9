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
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line of `offset`, given `lineStarts(text)`. */
export function lineAt(starts: number[], offset: number): number {
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
  const sorted = [...edits].filter((e) => text.slice(e.start, e.end) !== e.after).sort((a, b) => b.start - a.start || b.end - a.end);
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

/**
 * Offsets in `source` carried through the repairs to the same places in the repaired text (an
 * offset inside a replaced span goes to the span's start). Linear: a run of records that go
 * right to left (one rule's, as `applyEdits` writes them) shares one coordinate system and is
 * applied in one merge over the sorted offsets.
 */
export function mapOffsets(offsets: readonly number[], repairs: readonly Repair[]): number[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  let sorted = order.map((i) => offsets[i]!);
  let k = 0;
  while (k < repairs.length) {
    // One run: each record lies wholly left of the one before it.
    let end = k + 1;
    while (end < repairs.length && repairs[end]!.span[1] <= repairs[end - 1]!.span[0]) end++;
    const run = repairs.slice(k, end).reverse(); // now left to right
    const next: number[] = [];
    let shift = 0;
    let r = 0;
    for (const o of sorted) {
      while (r < run.length && run[r]!.span[1] <= o) {
        shift += run[r]!.after.length - (run[r]!.span[1] - run[r]!.span[0]);
        r++;
      }
      const inside = r < run.length && run[r]!.span[0] < o;
      next.push(inside ? run[r]!.span[0] + shift : o + shift);
    }
    sorted = next;
    k = end;
  }
  const out = new Array<number>(offsets.length);
  order.forEach((i, n) => (out[i] = sorted[n]!));
  return out;
}
