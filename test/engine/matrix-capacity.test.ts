// The full matrix goes past the records. At W = 4,096 with 16,361 symbols or more, the records
// end near 2.15 GB and N² f64 take 2.14 GB more: the matrix's end is past 4 GiB, which a 32-bit
// address cannot say. The core must refuse it (correlationMatrix() false, which the engine
// turns into a CapacityError) before growing memory, not wrap to a small address and write
// outside memory. Tested on a raw core whose state block claims that many symbols, so no test
// needs gigabytes: the refusal must come from the size arithmetic alone.
import { describe, expect, test } from 'vitest';
import { loadCoreSync } from '../../bindings/wasm/load.js';
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
