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

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
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
  let out = text;
  const repairs: Repair[] = [];
  for (const e of sorted) {
    const before = out.slice(e.start, e.end);
    out = out.slice(0, e.start) + e.after + out.slice(e.end);
    const repair: Repair = {
      rule,
      span: [e.start, e.end],
      before,
      after: e.after,
      confidence: e.confidence,
      evidence: e.evidence,
      line: lineAt(text, e.start),
    };
    if (e.candidates) repair.candidates = e.candidates;
    repairs.push(repair);
  }
  return { text: out, repairs };
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
