import { describe, expect, it } from 'vitest';
import { groupRepairRows, type RepairCells } from '../../src/site/article-view.ts';

/** A comma repair at `line`, with any column changed by `over`. */
const comma = (line: number, over: Partial<RepairCells> = {}): RepairCells => ({
  rule: 'punctuation',
  name: '半角标点',
  line,
  before: ',',
  after: '，',
  confidence: 'high',
  uncertain: false,
  evidence: ', in CJK context',
  candidates: '',
  ...over,
});

/** Each row as `rule before→after: line×times…` for short expectations. */
const brief = (cells: RepairCells[]) => groupRepairRows(cells).map((r) => `${r.rule} ${r.before}→${r.after} ${r.count}: ${r.lines.map((l) => `${l.line}×${l.times}`).join(' ')}`);

describe('groupRepairRows: one row per group of repairs equal in every column but the line', () => {
  const cases: Array<{ name: string; cells: RepairCells[]; want: string[] }> = [
    { name: 'no repairs, no rows', cells: [], want: [] },
    { name: 'one repair, one row', cells: [comma(3)], want: ['punctuation ,→， 1: 3×1'] },
    { name: 'equal repairs on one line count on that line', cells: [comma(3), comma(3), comma(3)], want: ['punctuation ,→， 3: 3×3'] },
    { name: 'lines listed from the top, each once', cells: [comma(5), comma(2), comma(5), comma(9)], want: ['punctuation ,→， 4: 2×1 5×2 9×1'] },
    {
      name: 'any other column that differs makes another row, at the place of its first repair',
      cells: [comma(1), comma(1, { after: '、' }), comma(2), comma(2, { evidence: 'other' }), comma(3, { confidence: 'low', uncertain: true })],
      want: ['punctuation ,→， 2: 1×1 2×1', 'punctuation ,→、 1: 1×1', 'punctuation ,→， 1: 2×1', 'punctuation ,→， 1: 3×1'],
    },
    { name: 'another rule with the same text is another row', cells: [comma(1), comma(1, { rule: 'whitespace' })], want: ['punctuation ,→， 1: 1×1', 'whitespace ,→， 1: 1×1'] },
  ];
  for (const c of cases) it(c.name, () => expect(brief(c.cells)).toEqual(c.want));

  it('keeps every repair: the counts add up to the repairs given', () => {
    const cells = Array.from({ length: 1000 }, (_, i) => comma(i % 37, i % 5 === 0 ? { after: '、' } : {}));
    const rows = groupRepairRows(cells);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(1000);
    for (const r of rows) expect(r.lines.reduce((n, l) => n + l.times, 0)).toBe(r.count);
  });
});
