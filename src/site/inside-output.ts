import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Throws unless `outputPath` resolves to a file inside `outputDir`: Eleventy writes a permalink
 * like `../../x.html` outside its output folder and exits 0, so every page is checked.
 */
export function assertInsideOutput(outputDir: string, outputPath: string): void {
  if (outputPath.includes('\0')) throw new Error(`refused output path with a NUL byte: ${JSON.stringify(outputPath)}`);
  const rel = relative(resolve(outputDir), resolve(outputPath));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`refused output path outside the output folder: ${JSON.stringify(outputPath)}`);
  }
}
