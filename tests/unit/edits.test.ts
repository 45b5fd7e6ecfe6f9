import { describe, expect, it } from 'vitest';
import { applyEdits, replayRepairs } from '../../src/ingest/repair/edits.ts';

describe('applyEdits', () => {
  it.each([
    ['abc', [{ start: 1, end: 2, after: 'X' }], 'aXc'],
    [
      'abcdef',
      [
        { start: 0, end: 1, after: '' },
        { start: 4, end: 6, after: 'ZZZ' },
      ],
      'bcdZZZ',
    ],
    ['衛(wèi)生', [{ start: 1, end: 6, after: '' }], '衛生'],
  ])('%s → %s', (text, edits, expected) => {
    const out = applyEdits(
      text,
      'test',
      edits.map((e) => ({ ...e, confidence: 'high' as const, evidence: [] })),
    );
    expect(out.text).toBe(expected);
    expect(replayRepairs(text, out.repairs)).toBe(expected);
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      applyEdits('abcdef', 'test', [
        { start: 0, end: 3, after: '', confidence: 'high', evidence: [] },
        { start: 2, end: 4, after: '', confidence: 'high', evidence: [] },
      ]),
    ).toThrow(/overlapping/);
  });

  it('drops edits that change nothing, so no record claims a change that did not happen', () => {
    const out = applyEdits('abc', 'test', [{ start: 0, end: 1, after: 'a', confidence: 'high', evidence: [] }]);
    expect(out.repairs).toEqual([]);
  });
});
