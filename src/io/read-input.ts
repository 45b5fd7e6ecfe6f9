import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { JSON_SCHEMA, load as loadYaml } from 'js-yaml';
import type { InputFile } from '../pipeline.ts';
import { articleIdFor } from '../pipeline.ts';

const OVERRIDE = /\.meta\.ya?ml$/i;

/**
 * Every raw article below `dir` (sorted, hidden files ignored) with its curator override.
 * Overrides are YAML read with the JSON schema: plain data, no dates or octals guessed, and no
 * way to run code (unlike `---js` front matter).
 */
export function readInputDir(dir: string): { files: InputFile[]; problems: Array<{ file: string; reason: string }> } {
  const paths = walk(dir).sort();
  const overrides = new Map<string, Record<string, unknown>>();
  const problems: Array<{ file: string; reason: string }> = [];
  for (const p of paths.filter((p) => OVERRIDE.test(p))) {
    const rel = relative(dir, p).split(sep).join('/');
    try {
      const data = loadYaml(readFileSync(p, 'utf8'), { schema: JSON_SCHEMA });
      if (data && typeof data === 'object' && !Array.isArray(data)) overrides.set(rel.replace(OVERRIDE, ''), data as Record<string, unknown>);
      else problems.push({ file: rel, reason: 'override is not a YAML mapping' });
    } catch (err) {
      problems.push({ file: rel, reason: `override YAML error: ${(err as Error).message.split('\n')[0]}` });
    }
  }
  const files: InputFile[] = [];
  for (const p of paths.filter((p) => !OVERRIDE.test(p))) {
    const name = relative(dir, p).split(sep).join('/');
    const key = name.replace(/\.[^./]+$/, '');
    files.push({ name, bytes: readFileSync(p), override: overrides.get(key) ?? overrides.get(articleIdFor(name)) ?? null });
  }
  return { files, problems };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const p = join(dir, entry);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}
