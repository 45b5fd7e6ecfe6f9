import { defineConfig } from 'vitest/config';

// `npm test` runs the unit project (Node alone); `npm run test:browser` needs Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: new URL('..', import.meta.url).pathname,
          include: ['tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts', 'tests/negative/**/*.test.ts', 'tests/site/**/*.test.ts', 'tests/fixtures/**/*.test.ts', 'tests/real/**/*.test.ts', 'tests/repair/**/*.test.ts'],
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
