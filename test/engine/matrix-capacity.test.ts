// The full matrix goes past the records. At W = 4,096 with 16,361 symbols or more, the records
// end near 2.15 GB and N² f64 take 2.14 GB more: the matrix's end is past 4 GiB, which a 32-bit
// address cannot say. The core must refuse it (correlationMatrix() false, which the engine
// turns into a CapacityError) before growing memory, not wrap to a small address and write
// outside memory. Tested on a raw core whose state block claims that many symbols, so no test
// needs gigabytes: the refusal must come from the size arithmetic alone.
import { describe, expect, test } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';
import { CapacityError } from '../../bindings/errors.js';
import { loadCoreSync, type CoreExports } from '../../bindings/wasm/load.js';
import { EngineLayout } from '../snapshot/engine-layout.js';

const W = 4096;
const GiB4 = 2 ** 32;

/** The byte where the matrix of n symbols would end, in exact arithmetic (docs/design.md layout). */
function matrixEnd(recordsBegin: number, n: number): number {
  const layout = new EngineLayout(W);
  const recordsEnd = recordsBegin + layout.record(n);
  const start = Math.ceil(recordsEnd / 16) * 16;
  return start + 8 * n * n;
}

describe.each([false, 'auto'] as const)('simd: %s', (simd) => {
  test.each([16_361, 16_384])('%i symbols at W = 4,096: refused before memory grows', (n) => {
    const core = loadCoreSync(simd).exports;
    expect(core.init(W, 2, 1)).toBe(true);
    expect(matrixEnd(core.recordsBegin(), n)).toBeGreaterThan(GiB4);
    // A state block that names n symbols, as a grown engine's would.
    new DataView(core.memory.buffer).setInt32(core.stateBegin() + EngineLayout.global.symbols, n, true);
    const before = core.memory.buffer.byteLength;
    expect(core.correlationMatrix()).toBe(false);
    expect(core.memory.buffer.byteLength).toBe(before);
  });

  test('16,360 symbols at W = 4,096 would still fit under 4 GiB (the boundary is where the issue is)', () => {
    const core = loadCoreSync(simd).exports;
    core.init(W, 2, 1);
    expect(matrixEnd(core.recordsBegin(), 16_360)).toBeLessThanOrEqual(GiB4);
  });
});

// Through the public wrapper: matrixView() and matrix() turn the core's refusal into a
// CapacityError naming the matrix, before any wasm memory or JS array is allocated. The
// engine's core is reached past its private field only to make its state block claim the
// symbols, as above; the engine is otherwise untouched and answers again once it is put back.
test.each([false, 'auto'] as const)('simd: %s — matrixView() and matrix() at 16,361 symbols, W = 4,096: CapacityError, nothing grows', (simd) => {
  const engine = CorrelationEngine.createSync({ window: W, minPeriods: 2, simd });
  engine.setCandles('A', [{ timestamp: 1, close: 10 }, { timestamp: 2, close: 11 }]);
  const core = (engine as unknown as { core: CoreExports }).core;
  const at = core.stateBegin() + EngineLayout.global.symbols;
  const before = core.memory.buffer.byteLength;
  new DataView(core.memory.buffer).setInt32(at, 16_361, true);
  expect(() => engine.matrixView()).toThrow(CapacityError);
  expect(() => engine.matrixView()).toThrow(/^matrix: /);
  expect(() => engine.matrix()).toThrow(CapacityError);
  expect(core.memory.buffer.byteLength).toBe(before);
  new DataView(core.memory.buffer).setInt32(at, 1, true);
  expect(Array.from(engine.matrixView())).toEqual([Number.NaN]);
});
