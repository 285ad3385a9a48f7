/**
 * The core publishes its limits and the offsets of its result area; TypeScript reads them by
 * name. These tests hold every build to one published layout, hold the limits module the
 * build generates to the wasm's own exports, and check that each named result slot holds the
 * count its name says, on hand-worked candles.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { instantiateSync } from '../../bindings/wasm/core-bindings.generated.js';
import { MAX_SYMBOLS, MAX_WINDOW } from '../../bindings/wasm/core-limits.generated.js';

type Core = ReturnType<typeof instantiateSync>;
const BUILDS = ['core-debug.wasm', 'core-scalar.wasm', 'core-simd.wasm'] as const;
const RESULT_NAMES = [
  'RESULT_APPENDED', 'RESULT_INSERTED', 'RESULT_FILLED', 'RESULT_REVISED', 'RESULT_UNCHANGED', 'RESULT_IGNORED',
  'RESULT_PAIR_COUNT',
] as const;

function load(file: string): Core {
  const bytes = readFileSync(fileURLToPath(new URL(`../../build/${file}`, import.meta.url)));
  return instantiateSync(new WebAssembly.Module(bytes), {});
}

function published(core: Core): Record<string, number> {
  const layout: Record<string, number> = {
    MAX_SYMBOLS: core.MAX_SYMBOLS.value,
    MAX_WINDOW: core.MAX_WINDOW.value,
    MAX_INPUT: core.MAX_INPUT.value,
  };
  for (const name of RESULT_NAMES) layout[name] = core[name].value;
  return layout;
}

describe('the core publishes one layout', () => {
  test('debug, release scalar and release SIMD publish the same limits and result offsets', () => {
    const [debug, ...release] = BUILDS.map((file) => published(load(file)));
    for (const other of release) expect(other).toEqual(debug);
  });

  test('the limits module TypeScript validates against holds the wasm\'s own values', () => {
    for (const file of BUILDS) {
      const core = load(file);
      expect([core.MAX_SYMBOLS.value, core.MAX_WINDOW.value], file).toEqual([MAX_SYMBOLS, MAX_WINDOW]);
    }
  });

  test('result slots are distinct f64 slots between the input buffers and the records', () => {
    const core = load('core-scalar.wasm');
    expect(core.init(10, 2, 1)).toBe(true);
    const offsets = RESULT_NAMES.map((name) => core[name].value);
    expect(new Set(offsets).size).toBe(offsets.length);
    for (const offset of offsets) expect(offset % 8).toBe(0);
    const base = core.resultsPtr();
    expect(base).toBeGreaterThanOrEqual(core.inputClosePtr() + 8 * core.MAX_INPUT.value);
    expect(base + Math.max(...offsets) + 8).toBeLessThanOrEqual(core.recordsBegin());
  });

  test('init refuses a window outside [1, MAX_WINDOW] and accepts the ceiling', () => {
    const core = load('core-scalar.wasm');
    expect(core.init(0, 1, 1)).toBe(false);
    expect(core.init(MAX_WINDOW + 1, 2, 1)).toBe(false);
    expect(core.init(MAX_WINDOW, 2, 1)).toBe(true);
  });
});

describe('each named result slot holds what its name says', () => {
  function fixture(): { core: Core; ingest: (symbol: number, ts: number[], closes: number[]) => Record<string, number> } {
    const core = load('core-scalar.wasm');
    core.init(3, 2, 2); // a grid of 4 rows: a window of 3 returns
    core.addSymbol();
    core.addSymbol();
    const ingest = (symbol: number, ts: number[], closes: number[]) => {
      new Float64Array(core.memory.buffer).set(ts, core.inputTsPtr() >>> 3);
      new Float64Array(core.memory.buffer).set(closes, core.inputClosePtr() >>> 3);
      core.ingest(symbol, ts.length);
      const heap = new Float64Array(core.memory.buffer);
      const slot = (name: (typeof RESULT_NAMES)[number]) => heap[(core.resultsPtr() + core[name].value) >>> 3];
      return {
        appended: slot('RESULT_APPENDED'),
        inserted: slot('RESULT_INSERTED'),
        filled: slot('RESULT_FILLED'),
        revised: slot('RESULT_REVISED'),
        unchanged: slot('RESULT_UNCHANGED'),
        ignored: slot('RESULT_IGNORED'),
      };
    };
    return { core, ingest };
  }

  test('ingest counts: append, fill, revise, re-send, insert, too old', () => {
    const { ingest } = fixture();
    // Symbol 0: bars at 10, 20, 40 make three new head rows, each filled.
    expect(ingest(0, [10, 20, 40], [100, 101, 102])).toEqual({ appended: 3, inserted: 0, filled: 3, revised: 0, unchanged: 0, ignored: 0 });
    // Symbol 1: 20 and 40 exist (filled), 30 is a new row between them (inserted, filled).
    expect(ingest(1, [20, 30, 40], [50, 51, 52])).toEqual({ appended: 0, inserted: 1, filled: 3, revised: 0, unchanged: 0, ignored: 0 });
    // Symbol 0 again: 10 re-sent as is, 40 with a new close, 50 a new head row (the grid is
    // full, so its oldest row, 10, is evicted).
    expect(ingest(0, [10, 40, 50], [100, 103, 104])).toEqual({ appended: 1, inserted: 0, filled: 1, revised: 1, unchanged: 1, ignored: 0 });
    // The grid keeps 20..50; a bar at 5 is older than all of it.
    expect(ingest(1, [5], [49])).toEqual({ appended: 0, inserted: 0, filled: 0, revised: 0, unchanged: 0, ignored: 1 });
  });

  test('correlation leaves its pair\'s pairwise-complete count in RESULT_PAIR_COUNT', () => {
    const { core, ingest } = fixture();
    ingest(0, [10, 20, 30, 40], [100, 101, 99, 103]);
    ingest(1, [10, 30, 40], [50, 52, 51]);
    // Window returns at 20, 30, 40. Symbol 0 has all three; symbol 1 lacks 20 (no close there)
    // and 30 (its predecessor 20 is missing), so the pair shares only the return at 40.
    const count = () => new Float64Array(core.memory.buffer)[(core.resultsPtr() + core.RESULT_PAIR_COUNT.value) >>> 3];
    core.correlation(0, 1);
    expect(count()).toBe(1);
    core.correlation(0, 0);
    expect(count()).toBe(3);
    core.correlation(1, 1);
    expect(count()).toBe(1);
  });
});
