import { describe, expect, it } from 'vitest';
import type { Repair } from '../../src/article.ts';
import { applyEdits, mapOffsets, replayRepairs } from '../../src/ingest/repair/edits.ts';

type E = [start: number, end: number, after: string];

/** One rule's records over `text`, as applyEdits writes them (right to left). */
function rule(text: string, name: string, edits: E[]): { text: string; repairs: Repair[] } {
  return applyEdits(
    text,
    name,
    edits.map(([start, end, after]) => ({ start, end, after, confidence: 'high' as const, evidence: [] })),
  );
}

/** Several rules applied in sequence, each to the output of the one before. */
function rules(source: string, steps: E[][]): { text: string; repairs: Repair[] } {
  let text = source;
  const repairs: Repair[] = [];
  steps.forEach((edits, i) => {
    const out = rule(text, `r${i}`, edits);
    text = out.text;
    repairs.push(...out.repairs);
  });
  return { text, repairs };
}

const all = (s: string) => Array.from({ length: s.length + 1 }, (_, i) => i);

describe('mapOffsets: one edit', () => {
  it.each<[string, string, E[], number[]]>([
    // 甲乙丙丁戊己: 丙丁 (2–4) → 一二三.
    ['a replaced span', '甲乙丙丁戊己', [[2, 4, '一二三']], [0, 1, 2, 2, 5, 6, 7]],
    // 乙丙 (1–3) deleted.
    ['a deletion', '甲乙丙丁戊己', [[1, 3, '']], [0, 1, 1, 1, 2, 3, 4]],
    // 二字 inserted at 2: the offset at the insertion point goes after the inserted text.
    ['an insertion', '甲乙丙丁', [[2, 2, '一二']], [0, 1, 4, 5, 6]],
    // A shorter replacement: 乙丙丁 (1–4) → 一.
    ['a shrinking replacement', '甲乙丙丁戊', [[1, 4, '一']], [0, 1, 1, 1, 2, 3]],
    // At the very start and the very end.
    ['an edit at offset 0', '甲乙丙', [[0, 1, '一二']], [0, 2, 3, 4]],
    ['an edit at the end', '甲乙丙', [[2, 3, '']], [0, 1, 2, 2]],
  ])('%s', (_label, source, edits, expected) => {
    const { repairs } = rule(source, 'r', edits);
    expect(mapOffsets(all(source), repairs)).toEqual(expected);
  });
});

describe('mapOffsets: one rule, several edits (one run of records)', () => {
  it('offsets before, between, inside and after the spans', () => {
    // 甲乙丙丁戊己庚辛: 乙 (1–2) deleted, 丁戊 (3–5) → 一, 辛 (7) gets 二三 inserted before it.
    const source = '甲乙丙丁戊己庚辛';
    const { text, repairs } = rule(source, 'r', [
      [1, 2, ''],
      [3, 5, '一'],
      [7, 7, '二三'],
    ]);
    expect(text).toBe('甲丙一己庚二三辛');
    expect(repairs.map((r) => r.span)).toEqual([
      [7, 7],
      [3, 5],
      [1, 2],
    ]);
    expect(mapOffsets(all(source), repairs)).toEqual([0, 1, 1, 2, 2, 3, 4, 7, 8]);
  });
});

describe('mapOffsets: several rules in sequence', () => {
  it.each<[string, string, E[][]]>([
    ['a later rule edits left of an earlier one', '甲乙丙丁戊己庚辛壬癸', [[[6, 8, '']], [[1, 2, '一二三']]]],
    ['a later rule edits right of an earlier one', '甲乙丙丁戊己庚辛壬癸', [[[1, 2, '一二三']], [[8, 9, '']]]],
    ['a later rule edits text an earlier one wrote', '甲乙丙丁戊己庚辛壬癸', [[[2, 3, '一二三']], [[3, 4, '四']]]],
    [
      'three rules, insertions and deletions',
      '甲乙丙丁戊己庚辛壬癸',
      [
        [
          [0, 1, ''],
          [5, 5, '一'],
        ],
        [[3, 6, '二']],
        [
          [2, 2, '三四'],
          [6, 8, ''],
        ],
      ],
    ],
    ['touching spans across rules', '甲乙丙丁戊己庚辛壬癸', [[[4, 6, '一']], [[2, 4, '二二']], [[4, 5, '']]]],
  ])('%s: every character no rule touched is found at its mapped offset in the replayed text', (_label, source, steps) => {
    const { text, repairs } = rules(source, steps);
    expect(replayRepairs(source, repairs)).toBe(text);
    // Characters of the source that survive every rule are the ones whose mapped offset still
    // holds them; the untouched ones are exactly those (the edits never write a source character).
    const mapped = mapOffsets(all(source), repairs);
    const kept = [...source].filter((ch, o) => text[mapped[o]!] === ch);
    expect(kept.join('')).toBe([...source].filter((ch) => text.includes(ch)).join(''));
    // Order is kept: a later offset never maps before an earlier one.
    for (let o = 1; o < mapped.length; o++) expect(mapped[o]!).toBeGreaterThanOrEqual(mapped[o - 1]!);
    expect(mapped[source.length]).toBe(text.length);
  });

  it.each<[string, string, E[][], number[]]>([
    // r0: 庚辛 (6–8) deleted → 甲乙丙丁戊己壬癸; r1: 乙 (1–2) → 一二三 → 甲一二三丙丁戊己壬癸.
    ['left of an earlier rule', '甲乙丙丁戊己庚辛壬癸', [[[6, 8, '']], [[1, 2, '一二三']]], [0, 1, 4, 5, 6, 7, 8, 8, 8, 9, 10]],
    // r0: 丙 (2–3) → 一二三 → 甲乙一二三丁…; r1: 二 (3–4) → 四 → 甲乙一四三丁…: the source 丙 maps to 2.
    ['inside what an earlier rule wrote', '甲乙丙丁戊', [[[2, 3, '一二三']], [[3, 4, '四']]], [0, 1, 2, 5, 6, 7]],
  ])('exact offsets: %s', (_label, source, steps, expected) => {
    const { repairs } = rules(source, steps);
    expect(mapOffsets(all(source), repairs)).toEqual(expected);
  });

  it('hand-written records of two rules, replayed', () => {
    // 来源：某某日报\n\n正文 → (r0) the blank line removed → (r1) 某某 → 某某某.
    const source = '来源：某某日报\n\n正文';
    const repairs: Repair[] = [
      { rule: 'r0', span: [8, 9], before: '\n', after: '', confidence: 'high', evidence: [] },
      { rule: 'r1', span: [3, 5], before: '某某', after: '某某某', confidence: 'high', evidence: [] },
    ];
    const text = replayRepairs(source, repairs);
    expect(text).toBe('来源：某某某日报\n正文');
    const offsets = [source.indexOf('日'), source.indexOf('正'), source.length];
    expect(mapOffsets(offsets, repairs)).toEqual([text.indexOf('日'), text.indexOf('正'), text.length]);
  });
});

describe('mapOffsets: input order', () => {
  it('unsorted offsets, with repeats, come back in their own order', () => {
    const { repairs } = rule('甲乙丙丁戊己', 'r', [[2, 4, '一二三']]);
    expect(mapOffsets([6, 0, 3, 5, 3, 2, 4], repairs)).toEqual([7, 0, 2, 6, 2, 2, 5]);
  });

  it('the same offsets in any order map the same', () => {
    const { repairs } = rules('甲乙丙丁戊己庚辛', [[[1, 2, '']], [[4, 4, '一']]]);
    const sorted = mapOffsets([0, 1, 2, 3, 4, 5, 6, 7, 8], repairs);
    const reversed = mapOffsets([8, 7, 6, 5, 4, 3, 2, 1, 0], repairs);
    expect(reversed).toEqual([...sorted].reverse());
  });

  it.each<[string, number[], Repair[], number[]]>([
    ['no repairs: unchanged', [3, 1, 2], [], [3, 1, 2]],
    ['no offsets', [], [{ rule: 'r', span: [0, 1], before: '甲', after: '', confidence: 'high', evidence: [] }], []],
  ])('%s', (_label, offsets, repairs, expected) => {
    expect(mapOffsets(offsets, repairs)).toEqual(expected);
  });

  it('does not change its input', () => {
    const offsets = [5, 1, 3];
    const { repairs } = rule('甲乙丙丁戊', 'r', [[0, 2, '']]);
    mapOffsets(offsets, repairs);
    expect(offsets).toEqual([5, 1, 3]);
  });
});
