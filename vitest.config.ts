import { defineConfig } from 'vitest/config';

// `npm test`: fast unit/property suites only, the library's (test/) and the replay's and
// command line's (tools/test/). The 10^6-row drift run lives in test/long
// (`npm run test:long`, vitest.long.config.ts) so the default run stays quick.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'tools/test/**/*.test.ts'],
    exclude: ['test/long/**', 'test/browser/**', 'node_modules/**'],
    // Property suites run hundreds of cases; on two shared cores a busy neighbour can stretch
    // one past vitest's 5 s default. A timeout guards against hangs, it is not a speed check.
    testTimeout: 60_000,
  },
});
