import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPages, scoreCorpus, summarize, type Summary } from './score.ts';

/**
 * The ratchet over the real-page corpus: no field may fall below the level recorded in
 * `levels.json`. When a change raises a field, raise its level in the same commit
 * (`npm run eval:real -- --json` prints the figures), so it can never silently fall back.
 */
const levels: Record<string, Partial<Summary>> = JSON.parse(readFileSync(new URL('./levels.json', import.meta.url), 'utf8'));
const { scores, skipped } = scoreCorpus();

describe('real saved pages (tests/real/pages)', () => {
  it('every page has its provenance and its bytes', () => {
    const pages = loadPages();
    expect(pages.length).toBeGreaterThanOrEqual(40);
    for (const p of pages) {
      expect(p.source.repo, p.name).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(p.source.commit, p.name).toMatch(/^[0-9a-f]{40}$/);
      expect(p.source.path, p.name).toBeTruthy();
    }
  });

  it('no page is skipped', () => {
    expect(skipped).toEqual([]);
  });

  for (const [set, floor] of Object.entries(levels)) {
    const summary = summarize(set === 'all' ? scores : scores.filter((s) => s.set === set));
    for (const [field, level] of Object.entries(floor)) {
      it(`${set}: ${field} stays at or above ${level}`, () => {
        expect(summary[field as keyof Summary]).toBeGreaterThanOrEqual(level as number);
      });
    }
  }
});
