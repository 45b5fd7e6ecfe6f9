import type { Skipped } from './article.ts';

/**
 * What the command says when a stage failed on some files: a bug in newsarchive, said as one,
 * never as bad input. The files are skipped (the rest of the archive builds); `--debug` adds the
 * stack of each. Empty when nothing went wrong.
 */
export function bugReport(skipped: readonly Skipped[], debug: boolean): string {
  const bugs = skipped.filter((s) => s.bug);
  if (!bugs.length) return '';
  const lines = [
    `newsarchive: ${bugs.length} file${bugs.length > 1 ? 's' : ''} hit a bug in newsarchive (not a problem with the file${bugs.length > 1 ? 's' : ''}); the rest of the archive was built.`,
  ];
  for (const s of bugs) {
    lines.push(`  ${s.file}: ${s.bug!.stage}: ${s.reason.replace(/^internal error in [^:]+: /, '')}`);
    if (debug) lines.push(...s.bug!.stack.split('\n').map((l) => `    ${l}`));
  }
  lines.push(debug ? 'Please report it with the stack above.' : 'Run again with --debug to see the stack, and please report it.');
  return lines.join('\n') + '\n';
}
