import { defineConfig } from 'vitest/config';

// `npm run test:long`: runs too long for `npm test` (minutes): the long model-based sequences.
export default defineConfig({
  test: {
    include: ['test/long/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
  },
});
