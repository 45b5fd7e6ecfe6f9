import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the live site in the output folder says about itself (its build report), read before a
 * build replaces it.
 *
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

/** File → id of every article the live site in `output` published (empty when there is none). */
export function publishedIds(output: string): Map<string, string> {
  const ids = new Map<string, string>();
  try {
    const r = JSON.parse(readFileSync(join(output, 'data', 'build-report.json'), 'utf8')) as { files?: Array<{ file?: unknown; id?: unknown; status?: unknown }> };
    for (const f of r.files ?? []) if (f.status === 'published' && typeof f.file === 'string' && typeof f.id === 'string') ids.set(f.file, f.id);
  } catch {
    // no previous build, or an unreadable report: ids are assigned afresh
  }
  return ids;
}
