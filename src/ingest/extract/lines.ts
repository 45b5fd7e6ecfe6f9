import type { Segment } from '../../article.ts';

/**
 * The segments as a reader reads them: a bare label (`来源：`) marked `continued` is joined with
 * the labelled line that holds its value, so every extractor sees `来源：某某日报` whole.
 */
export function readingLines(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.continued) {
      let j = i + 1;
      while (j < segments.length && segments[j]!.kind === 'blank') j++;
      const next = segments[j];
      if (next && next.kind === s.kind) {
        out.push({ ...s, text: s.text.trim() + next.text.trim() });
        i = j;
        continue;
      }
    }
    out.push(s);
  }
  return out;
}
