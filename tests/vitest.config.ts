import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test` runs the unit project: pure functions in process, golden files, the negative set and the
// real-page and repair ratchets (Node alone, under a minute). `npm run test:integration` runs what spawns
// the CLI, starts worker pools or servers, builds whole sites or writes big folders.
// `npm run test:browser` needs Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: new URL('..', import.meta.url).pathname,
          include: ['tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts', 'tests/negative/**/*.test.ts', 'tests/fixtures/**/*.test.ts', 'tests/real/**/*.test.ts', 'tests/repair/**/*.test.ts'],
          // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine.
          // These files are CPU-bound and independent, so use every core.
          maxWorkers: availableParallelism(),
          // One module graph per worker, not per file: importing the stages (dictionaries, OpenCC,
          // zod schemas, the seed corpus of tests/support/seeds.ts) again for every file was half
          // of the time. Unit files call pure functions and share only lazily built, read-only
          // tables, so they pass in any order (checked with --sequence.shuffle); a test that
          // changes globals, environment variables or module state belongs in tests/integration.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integration',
          root: new URL('..', import.meta.url).pathname,
          include: ['tests/integration/**/*.test.ts', 'tests/site/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'browser',
          root: new URL('..', import.meta.url).pathname,
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
