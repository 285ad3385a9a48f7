import { describe, expect, test } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';
import { SnapshotError } from '../../bindings/errors.js';

function feed(engine: CorrelationEngine, seed: number, bars: number): void {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const prices = [100, 50, 20, 7];
  for (let t = 0; t < bars; t++) {
    prices.forEach((p, i) => {
      prices[i] = p * Math.exp((rnd() - 0.5) * 0.04);
      if (rnd() < 0.1) return; // a gap
      engine.setCandles(`S${i}`, [[t * 300_000, 0, 0, 0, prices[i], 0]]);
    });
  }
}

describe('exportState / fromState', () => {
  test('a restored engine answers bit-identically, now and after more data', async () => {
    const original = CorrelationEngine.createSync({ window: 25, minPeriods: 8 });
    feed(original, 3, 70);
    const state = original.exportState();
    const restored = CorrelationEngine.fromStateSync(state);
    const restoredAsync = await CorrelationEngine.fromState(state, { simd: false });
    expect(restored.symbols()).toEqual(original.symbols());
    expect(new Uint8Array(restored.matrix().buffer)).toEqual(new Uint8Array(original.matrix().buffer));
    expect(new Uint8Array(restoredAsync.matrix().buffer)).toEqual(new Uint8Array(original.matrix().buffer));
    expect(restored.stats()).toMatchObject({ rows: original.stats().rows, ignoredTooOld: original.stats().ignoredTooOld });
    feed(original, 11, 40);
    feed(restored, 11, 40);
    expect(new Uint8Array(restored.matrix().buffer)).toEqual(new Uint8Array(original.matrix().buffer));
  });

  test('a state block of the wrong size is refused', () => {
    const engine = CorrelationEngine.createSync({ window: 25, minPeriods: 8 });
    feed(engine, 5, 30);
    const state = engine.exportState();
    expect(() => CorrelationEngine.fromStateSync({ ...state, records: state.records.subarray(8) })).toThrow(SnapshotError);
    expect(() => CorrelationEngine.fromStateSync({ ...state, core: state.core.subarray(1) })).toThrow(SnapshotError);
    expect(() => CorrelationEngine.fromStateSync({ ...state, symbols: state.symbols.slice(1) })).toThrow(SnapshotError);
  });
});
