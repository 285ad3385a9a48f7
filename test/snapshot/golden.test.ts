// A snapshot written by this build (test/fixtures/golden-snapshot.bin, made by
// scripts/make-golden-snapshot.mjs) restores, in the SIMD and the scalar build, to the answers
// computed apart from the engine: correlations and pair counts from a two-pass over the same
// closes, exposures worked by hand below. A later change to the snapshot format or to the
// core's memory layout must keep this file readable, or bump the version it changed (and
// re-run the script): a snapshot of another layout is refused by name, never misread.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SnapshotError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { crc32 } from '../../bindings/snapshot/crc32.js';
import { SNAPSHOT_VERSION } from '../../bindings/snapshot/manager-snapshot.js';
import { LAYOUT_VERSION } from '../../bindings/wasm/core-limits.generated.js';
import { pairwiseCount, pairwisePearson } from '../reference/pearson-reference.js';

interface Expected {
  format: number;
  layout: number;
  window: number;
  minPeriods: number;
  candles: Record<string, [number, number][]>;
  correlations: { a: string; b: string; r: number | null; n: number }[];
}

const fixtures = new URL('../fixtures/', import.meta.url);
const golden = new Uint8Array(readFileSync(new URL('golden-snapshot.bin', fixtures)));
const expected = JSON.parse(readFileSync(new URL('golden-snapshot.json', fixtures), 'utf8')) as Expected;
const REGENERATE = 'after changing it on purpose, re-run `npm run build && node scripts/make-golden-snapshot.mjs`';

/**
 * Payload offset of the engine's layout field: after the 59-byte base config, the fixture's
 * 13-byte live-trading keys (no timeframe, no account currency) and the 8-byte equity.
 */
const LAYOUT_AT = 20 + 59 + 13 + 8;

test('the fixture is of this build\'s snapshot format and core layout', () => {
  expect(expected.format, `the snapshot format version changed; ${REGENERATE}`).toBe(SNAPSHOT_VERSION);
  expect(expected.layout, `the core's layout version changed; ${REGENERATE}`).toBe(LAYOUT_VERSION);
  expect(new DataView(golden.buffer, golden.byteOffset).getUint32(LAYOUT_AT, true)).toBe(expected.layout);
});

describe.each([false, 'auto'] as const)('restored with simd: %s', (simd) => {
  const m = PortfolioRiskManager.restoreSync(golden, { simd });

  test('every correlation within 1e-12 of the two-pass, every pair count equal', () => {
    for (const { a, b, r, n } of expected.correlations) {
      const got = m.getCorrelation(a, b);
      if (r === null) expect(got, `${a}/${b}`).toBeNaN();
      else expect(Math.abs(got - r), `${a}/${b}: ${got} vs ${r}`).toBeLessThanOrEqual(1e-12);
      expect(m.engine.pairObservations(a, b), `${a}/${b}`).toBe(n);
    }
  });

  test('exposures, worked by hand from the positions and equity 100,000', () => {
    // BTC: long 10,000 + short 2,500; ETH: long 5,000; SOL: short 7,500.
    expect(m.getSymbolExposure('BTC/USDT')).toBe(0.125);
    expect(m.getSymbolExposure('ETH/USDT')).toBe(0.05);
    expect(m.getSymbolExposure('SOL/USDT')).toBe(0.075);
    // Long 10,000 + 5,000; short 2,500 + 7,500.
    expect(m.getDirectionalExposure('long')).toBe(0.15);
    expect(m.getDirectionalExposure('short')).toBe(0.1);
    // TRENDING: BTC long + ETH long; RANGING: BTC short + SOL short.
    expect(m.getRegimeExposure('TRENDING')).toBe(0.15);
    expect(m.getRegimeExposure('RANGING')).toBe(0.1);
    const stats = m.getStats();
    expect([stats.equity, stats.openPositions, stats.totalExposure, stats.validations]).toEqual([100_000, 4, 0.25, 2]);
    expect(m.getPositions().map((p) => p.id)).toEqual(['p1', 'p2', 'eth-swing', 'p3']);
    expect(m.getPosition('p1')!.strategy).toBe('breakout');
  });

  test('its own snapshot is the fixture, byte for byte', () => {
    expect(m.snapshot()).toEqual(golden);
  });
});

test('the expected correlations agree with the test suite\'s own reference over the same closes', () => {
  const { window: W, minPeriods } = expected;
  const timestamps = [...new Set(Object.values(expected.candles).flat().map(([ts]) => ts))].sort((a, b) => a - b).slice(-(W + 1));
  const returns = (symbol: string): Float64Array => {
    const close = new Map(expected.candles[symbol]);
    return Float64Array.from(timestamps.slice(1), (ts, k) => Math.log(close.get(ts) ?? Number.NaN) - Math.log(close.get(timestamps[k]!) ?? Number.NaN));
  };
  for (const { a, b, r, n } of expected.correlations) {
    expect(pairwiseCount(returns(a), returns(b))).toBe(n);
    const reference = pairwisePearson(returns(a), returns(b), minPeriods);
    if (r === null) expect(reference).toBeNaN();
    else expect(Math.abs(reference - r)).toBeLessThanOrEqual(1e-15);
  }
});

test('a snapshot of another core layout is refused by name, before its engine blocks are read', () => {
  const other = golden.slice();
  const view = new DataView(other.buffer);
  view.setUint32(LAYOUT_AT, LAYOUT_VERSION + 1, true);
  view.setUint32(16, crc32(other.subarray(20)), true);
  let caught: unknown;
  try {
    PortfolioRiskManager.restoreSync(other);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SnapshotError);
  expect((caught as SnapshotError).field).toBe('layout');
  expect((caught as SnapshotError).message).toBe(`layout: the engine state was written by core layout ${LAYOUT_VERSION + 1}; this build reads layout ${LAYOUT_VERSION}`);
});

test('the SIMD and scalar builds share the layout: each restores the other\'s snapshot to the same bytes and answers', () => {
  const scalar = PortfolioRiskManager.restoreSync(golden, { simd: false });
  const simd = PortfolioRiskManager.restoreSync(golden);
  for (const [from, to] of [[scalar, 'auto'], [simd, false]] as const) {
    const bytes = from.snapshot();
    const restored = PortfolioRiskManager.restoreSync(bytes, { simd: to });
    expect(restored.engine.simd).toBe(to === false ? false : simd.engine.simd);
    expect(restored.snapshot()).toEqual(bytes);
    expect(new Uint8Array(restored.engine.matrix().buffer)).toEqual(new Uint8Array(from.engine.matrix().buffer));
  }
});
