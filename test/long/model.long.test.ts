// 10,000 random operation sequences of up to 60 commands (candles in any order with gaps,
// revisions and re-sends, positions, equity, validations, config changes, restarts), each
// checked command by command against the model. The short version runs in `npm test`.
import fc from 'fast-check';
import { test } from 'vitest';
import { modelProperty } from '../model/scenario.js';

test('10,000 sequences: every answer and every stats field agrees with the model', () => {
  fc.assert(modelProperty(60), { numRuns: 10_000 });
});
