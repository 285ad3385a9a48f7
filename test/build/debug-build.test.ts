/**
 * The debug build (unoptimised, assertions kept) and the two release builds the package
 * ships must compute the same bits: an optimiser that reordered floating-point work would
 * show up here. All three are driven through the compiler's raw bindings with the same calls.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { instantiateSync } from '../../bindings/wasm/core-bindings.generated.js';
import { mulberry32 } from '../reference/random-market.js';

type Core = ReturnType<typeof instantiateSync>;
const build = (name: string) => fileURLToPath(new URL(`../../build/${name}`, import.meta.url));

function load(file: string): Core {
  return instantiateSync(new WebAssembly.Module(readFileSync(build(file))), {});
}

/** Candles symbol by symbol (with gaps, revisions and a back-fill), then full rows. */
function drive(core: Core): Uint8Array {
  const N = 5;
  const rnd = mulberry32(17);
  core.init(24, 6, 2);
  for (let i = 0; i < N; i++) core.addSymbol();
  const price = Array.from({ length: N }, () => 10 + 90 * rnd());
  const heap = () => new Float64Array(core.memory.buffer);
  const ingest = (symbol: number, ts: number[], closes: number[]) => {
    heap().set(ts, core.inputTsPtr() >>> 3);
    heap().set(closes, core.inputClosePtr() >>> 3);
    core.ingest(symbol, ts.length);
  };
  for (let i = 0; i < N; i++) {
    const ts: number[] = [];
    const closes: number[] = [];
    for (let t = 0; t < 60; t++) {
      price[i] *= Math.exp((rnd() - 0.5) * 0.06);
      if (rnd() < 0.1) continue;
      ts.push(t * 60_000);
      closes.push(price[i]);
    }
    ingest(i, ts, closes);
  }
  ingest(2, [59 * 60_000], [price[2] * 1.01]); // a revision
  ingest(4, [30 * 60_000 + 1], [price[4]]); // a new row inside the window
  for (let t = 60; t < 200; t++) {
    const row = price.map((p, i) => (price[i] = p * Math.exp((rnd() - 0.5) * (t > 150 ? 0.0001 : 0.05))));
    if (t % 17 === 0) row[1] = Number.NaN;
    heap().set(row, core.rowInputPtr() >>> 3);
    core.pushRow(t * 60_000);
  }
  expect(core.correlationMatrix()).toBe(true);
  const start = core.matrixPtr();
  return new Uint8Array(core.memory.buffer.slice(start, start + N * N * 8));
}

describe('the debug build computes what the release builds compute', () => {
  test('debug, release scalar and release SIMD give identical bits', () => {
    const debug = drive(load('core-debug.wasm'));
    expect(drive(load('core-scalar.wasm'))).toEqual(debug);
    expect(drive(load('core-simd.wasm'))).toEqual(debug);
    const values = new Float64Array(debug.buffer);
    expect(values.some((r) => Number.isFinite(r) && r !== 1)).toBe(true);
  });
});
