// Exposures are a function of the open book, not of its history: closing or resizing a
// position leaves no rounding residue behind, so a cap filled exactly is exactly full.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { enabledManager } from './helpers.js';

test('a cap left exactly full after a fractional position closed allows nothing (no dust of headroom)', () => {
  const m = enabledManager({ maxDirectionalExposurePct: 0.25, minFillRatio: 0 });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'SOL/USDT', side: 'long', size: 16_514.4, regime: 'T' });
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 25_000, regime: 'T' });
  m.unregisterPosition('SOL/USDT');
  // 16,514.4 + 25,000 − 16,514.4 is 25,000.000000000004 in floating point; the book says 25,000.
  expect(m.getDirectionalExposure('long')).toBe(0.25);
  const answer = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 1, regime: 'R' });
  expect(answer).toMatchObject({ code: 'BLOCKED', binding: 'direction', sizeMultiplier: 0 });
  expect(answer.details!.direction.headroom).toBe(0);
});

const sizeArb = fc.double({ min: 0.01, max: 50_000, noNaN: true });

test('the same open book reached by different histories has bit-identical exposures', () => {
  fc.assert(
    fc.property(fc.array(sizeArb, { minLength: 1, maxLength: 8 }), fc.array(sizeArb, { maxLength: 8 }), fc.array(sizeArb, { maxLength: 8 }), (kept, transient, resizedFrom) => {
      const direct = enabledManager();
      const winding = enabledManager();
      for (const m of [direct, winding]) m.updateEquity(1e6);
      kept.forEach((size, k) => {
        direct.registerPosition({ symbol: `S${k % 3}`, side: k % 2 ? 'short' : 'long', size, regime: `R${k % 2}` });
        // The winding history opens other positions in between, resizes, and closes them again.
        const id = winding.registerPosition({ symbol: `S${k % 3}`, side: k % 2 ? 'short' : 'long', size: resizedFrom[k] ?? size, regime: `R${k % 2}` });
        const extra = transient[k];
        if (extra !== undefined) winding.registerPosition({ id: `t${k}`, symbol: `S${(k + 1) % 3}`, side: 'long', size: extra, regime: 'R0' });
        winding.resizePosition(id, size);
      });
      transient.forEach((_, k) => { if (k < kept.length) winding.unregisterPosition(`t${k}`); });
      const bits = (m: typeof direct) => [
        ...['S0', 'S1', 'S2'].map((s) => m.getSymbolExposure(s)),
        m.getRegimeExposure('R0'), m.getRegimeExposure('R1'),
        m.getDirectionalExposure('long'), m.getDirectionalExposure('short'),
      ];
      expect(bits(winding)).toEqual(bits(direct));
    }),
    { numRuns: 300 },
  );
});
