#!/usr/bin/env node
// The installed command runs the compiled JavaScript in dist/ (made by `npm install`'s prepare
// script, or `npm run compile`): no TypeScript is compiled at run time.
import { existsSync } from 'node:fs';

const cli = new URL('../../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('newsarchive: dist/ is missing: run `npm install` (or `npm run compile`) in the newsarchive folder first\n');
  process.exit(2);
}
await import(cli.href);
