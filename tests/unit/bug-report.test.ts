import { describe, expect, it } from 'vitest';
import { bugSkip, type Skipped } from '../../src/article.ts';
import { bugReport } from '../../src/bug-report.ts';

/** A bug in a stage is said as a bug, never as bad input; --debug shows the stack. */
describe('bugSkip and bugReport', () => {
  const boom = new TypeError("Cannot read properties of undefined (reading 'text')");
  const bug = bugSkip('a.html', 'processing', boom);

  it('the skip says it is a bug in newsarchive, names the stage and keeps the stack', () => {
    expect(bug.reason).toBe("internal error in processing (a bug in newsarchive, not a problem with this file): Cannot read properties of undefined (reading 'text')");
    expect(bug.bug?.stage).toBe('processing');
    expect(bug.bug?.stack).toMatch(/^TypeError: Cannot read properties/);
    expect(bug.bug?.stack).toMatch(/\n\s+at /);
  });

  it.each([
    [[], false, ''],
    [[{ file: 'b.txt', reason: 'not an article: no Chinese text' }], false, ''],
  ] as Array<[Skipped[], boolean, string]>)('nothing to say when no file hit a bug (%#)', (skipped, debug, out) => {
    expect(bugReport(skipped, debug)).toBe(out);
  });

  it('without --debug: one line per file and how to see more, no stack', () => {
    const out = bugReport([{ file: 'b.txt', reason: 'empty file' }, bug], false);
    expect(out).toMatch(/^newsarchive: 1 file hit a bug in newsarchive \(not a problem with the file\)/);
    expect(out).toContain("  a.html: processing: Cannot read properties of undefined (reading 'text')");
    expect(out).toContain('Run again with --debug');
    expect(out).not.toMatch(/\n\s+at /);
    expect(out).not.toContain('b.txt');
  });

  it('with --debug: the stack of each', () => {
    const out = bugReport([bug, bugSkip('c.txt', 'decoding', new Error('x'))], true);
    expect(out).toMatch(/^newsarchive: 2 files hit a bug/);
    expect(out).toMatch(/a\.html: processing:[\s\S]*\n {4}TypeError: Cannot read[\s\S]*\n {4}\s*at /);
    expect(out).toContain('c.txt: decoding: x');
  });
});
