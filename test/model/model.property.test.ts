// The whole manager against the model (test/model/manager-model.ts), over a few hundred random
// operation sequences; `npm run test:long` runs 10,000 longer ones (test/long/model.long.test.ts).
import fc from 'fast-check';
import { test } from 'vitest';
import { modelProperty } from './scenario.js';

test('every answer and every stats field agrees with the model, across restarts', () => {
  fc.assert(modelProperty(40), { numRuns: 250 });
}, 120_000);
