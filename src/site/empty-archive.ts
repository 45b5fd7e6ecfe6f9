import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An input that yields no article would replace a live archive with an empty one: a typo in a
 * folder name, a mount that is not there. The build refuses unless the caller says so.
 */
export class EmptyArchiveError extends Error {}

/** How many articles the archive already in `output` holds (0 when there is none). */
export function articlesInSite(output: string): number {
  const report = join(output, 'data', 'build-report.json');
  if (existsSync(report)) {
    try {
      const r = JSON.parse(readFileSync(report, 'utf8')) as { totals?: { published?: unknown } };
      if (typeof r.totals?.published === 'number') return r.totals.published;
    } catch {
      // an unreadable report: judged by the pages below
    }
  }
  return existsSync(join(output, 'articles')) ? 1 : 0;
}
