import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, parse, relative, resolve } from 'node:path';

const isInside = (parent: string, child: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * The build replaces the whole output folder, so it refuses any folder whose loss would hurt:
 * the file system root, the working folder or one of its parents, the input folder or anything
 * inside or around it, and an existing non-empty folder that is not a previous build (no
 * `data/build-report.json`).
 */
export function assertSafeOutput(input: string, output: string, cwd: string = process.cwd()): void {
  const out = resolve(output);
  const inp = resolve(input);
  if (out === parse(out).root) throw new Error(`refused output folder ${out}: it is the file system root`);
  if (isInside(out, resolve(cwd))) throw new Error(`refused output folder ${out}: it contains the working folder`);
  if (isInside(out, inp) || isInside(inp, out)) throw new Error(`refused output folder ${out}: it overlaps the input folder ${inp}`);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(resolve(out, 'data', 'build-report.json'))) {
    throw new Error(`refused output folder ${out}: it is not empty and not a previous build (no data/build-report.json)`);
  }
}

/** `--base` as Eleventy's pathPrefix: `/`, or `/a/b/` made of plain URL path characters. */
export function normalizeBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '/';
  if (!/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(trimmed) || trimmed.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(`invalid --base ${JSON.stringify(base)}: use a path like /archive/ (letters, digits, . _ ~ -)`);
  }
  return `/${trimmed}/`;
}
