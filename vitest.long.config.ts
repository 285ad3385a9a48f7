import { defineConfig } from 'vitest/config';

// `npm run test:long`: the long drift/determinism runs (minutes, not seconds).
export default defineConfig({
  test: {
    include: ['test/long/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
  },
});
