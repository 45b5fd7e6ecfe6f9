import { describe, expect, it } from 'vitest';
import type { Repair, Segment } from '../../src/article.ts';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { carryMarks, markRepairs, repairedIntervals, sourceLinesOf } from '../../src/site/repair-marks.ts';
import { seedCorpus } from '../support/seeds.ts';

const edit = (span: [number, number], before: string, after: string, confidence: Repair['confidence'] = 'high', rule = 'test'): Repair => ({ rule, span, before, after, confidence, evidence: [] });
/** The marked stretches of the repaired text, as text, with the indices of the repairs in each. */
function marked(source: string, repairs: Repair[]): Array<[string, number[]]> {
  const repaired = replayRepairs(source, repairs);
  return repairedIntervals(repairs).map((x) => [repaired.slice(x.start, x.end), x.repairs]);
}

describe('repairedIntervals: where each repair ends up in the repaired text', () => {
  const cases: Array<{ name: string; source: string; repairs: Repair[]; want: Array<[string, number[]]> }> = [
    { name: 'a replaced character', source: '甲乙丙', repairs: [edit([1, 2], '乙', '丁')], want: [['丁', [0]]] },
    { name: 'a removed gloss marks the character it glossed', source: '衛(wèi)生', repairs: [edit([1, 6], '(wèi)', '')], want: [['衛', [0]]] },
    {
      name: 'a later edit before it shifts it',
      source: 'ab甲乙',
      repairs: [edit([3, 4], '乙', '丁'), edit([0, 2], 'ab', '')],
      want: [['丁', [0]]],
    },
    {
      name: 'overlapping edits become one mark',
      source: '甲x?丙',
      repairs: [edit([1, 2], 'x', '乙?'), edit([2, 4], '??', '丁', 'low')],
      want: [['乙丁', [0, 1]]],
    },
    { name: 'edits of blanks alone are not marked', source: '甲 乙', repairs: [edit([1, 2], ' ', '')], want: [] },
    {
      name: 'separate edits stay separate, in text order',
      source: '甲,乙,丙',
      repairs: [edit([3, 4], ',', '，'), edit([1, 2], ',', '，')],
      want: [
        ['，', [1]],
        ['，', [0]],
      ],
    },
  ];
  for (const c of cases) it(c.name, () => expect(marked(c.source, c.repairs)).toEqual(c.want));
});

describe('markRepairs and carryMarks: the body paragraphs in runs', () => {
  const source = '标题\n　衛(wèi)生,好\n尾';
  const repairs = [edit([5, 10], '(wèi)', ''), edit([6, 7], ',', '，', 'medium')];
  const repaired = replayRepairs(source, repairs);
  const segments: Segment[] = [
    { kind: 'title', text: '标题', line: 1 },
    { kind: 'body', text: '　衛生，好', line: 2 },
    { kind: 'chrome', text: '尾', line: 3 },
  ];
  it('cuts the body line out of the repaired text, leading blank trimmed, and marks its repairs', () => {
    const runs = markRepairs({ repaired, segments, repairs }, ['衛生，好']);
    expect(runs[0]!.map((r) => [r.text, r.fix?.confidence ?? null])).toEqual([
      ['衛', 'high'],
      ['生', null],
      ['，', 'medium'],
      ['好', null],
    ]);
    expect(runs[0]![0]!.fix!.title).toBe('修复 repaired: (wèi) → ∅（test，high）'); // an unknown rule is named by its id
  });
  it('leaves a paragraph unmarked when it does not match its line, and all when the counts differ', () => {
    expect(markRepairs({ repaired, segments, repairs }, ['别的文字'])).toEqual([[{ text: '别的文字' }]]);
    expect(markRepairs({ repaired, segments, repairs }, ['衛生，好', '多'])).toEqual([[{ text: '衛生，好' }], [{ text: '多' }]]);
  });
  it('carries the marks to the other script when a paragraph keeps its length, else leaves it unmarked', () => {
    const runs = markRepairs({ repaired, segments, repairs }, ['衛生，好']);
    expect(carryMarks(runs, ['卫生，好'])[0]!.map((r) => r.text)).toEqual(['卫', '生', '，', '好']);
    expect(carryMarks(runs, ['卫生，好了'])).toEqual([[{ text: '卫生，好了' }]]);
  });
});

describe('sourceLinesOf: a repair’s line in the raw text', () => {
  it('carries positions back through earlier edits that added or removed line breaks', () => {
    const source = '一\n二三\n四';
    // Split line 2, then fix a character on what is now line 4 (line 3 of the source).
    const repairs = [edit([3, 3], '', '\n'), edit([6, 7], '四', '肆')];
    expect(repairs[1]!.before).toBe(replayRepairs(source, repairs.slice(0, 1)).slice(6, 7));
    expect(sourceLinesOf(source, repairs)).toEqual([2, 3]);
  });
});

describe('on the seeds', () => {
  it('every mark that holds one repair that replaced text shows exactly what that repair wrote', () => {
    for (const a of seedCorpus().articles) {
      const intervals = repairedIntervals(a.repairs);
      for (const x of intervals) {
        const r = a.repairs[x.repairs[0]!]!;
        if (x.repairs.length === 1 && r.after !== '' && r.after.trim() === r.after) expect(a.repaired.slice(x.start, x.end), `${a.id} ${r.rule}`).toBe(r.after);
      }
      // Each repair's raw-text line holds what it replaced, unless an earlier repair changed that text.
      const lines = a.source.split('\n');
      const at = sourceLinesOf(a.source, a.repairs);
      const found = a.repairs.filter((r, i) => r.before.trim() !== '' && lines[at[i]! - 1]!.includes(r.before)).length;
      const checkable = a.repairs.filter((r) => r.before.trim() !== '').length;
      expect(found, a.id).toBeGreaterThanOrEqual(Math.floor(checkable * 0.9));
    }
  });
});
