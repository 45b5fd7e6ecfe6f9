import { describe, expect, it } from 'vitest';
import { dateInRange } from '../../src/browser/search-state.ts';

describe('dateInRange', () => {
  const cases: Array<[string, string, string, string, boolean]> = [
    // [rule, article date, from, to, in the range]
    ['no bounds: every article', '', '', '', true],
    ['a day inside', '2023-05-06', '2023-05-01', '2023-05-31', true],
    ['a day on either bound', '2023-05-01', '2023-05-01', '2023-05-01', true],
    ['a day before', '2023-04-30', '2023-05-01', '2023-05-31', false],
    ['a day after', '2023-06-01', '2023-05-01', '2023-05-31', false],
    ['from only', '2024-01-01', '2023-05-01', '', true],
    ['to only', '2024-01-01', '', '2023-05-31', false],
    ['a year overlapping the range: in', '2023', '2023-12-31', '2024-01-31', true],
    ['a year covering the range: in', '2023', '2023-03-01', '2023-03-31', true],
    ['a year before the range', '2022', '2023-01-01', '', false],
    ['a year after the range', '2024', '', '2023-12-31', false],
    ['a month overlapping the range: in', '2023-05', '2023-05-31', '2023-06-30', true],
    ['a month ending before the range', '2023-04', '2023-05-01', '', false],
    ['February ends before March', '2023-02', '2023-03-01', '', false],
    ['a month starting after the range', '2023-06', '', '2023-05-31', false],
    ['an unknown year: in no range', '', '2023-01-01', '', false],
    ['an unknown year: nor an open-ended one', '', '', '2023-01-01', false],
  ];
  it.each(cases)('%s: %s in %s–%s', (_rule, date, from, to, expected) => {
    expect(dateInRange(date, from, to)).toBe(expected);
  });
});
