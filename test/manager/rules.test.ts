// The pure sizing rules, against worked numbers computed by hand.
import { describe, expect, test } from 'vitest';
import { correlationCut, decideSize, type SizingInput, type SizingLimits } from '../../bindings/manager/index.js';
import { newSizingOutcome } from '../../bindings/manager/rules.js';

const defaults: SizingLimits = {
  maxPairwiseCorrelation: 0.85,
  maxCorrelationReduction: 0.75,
  maxSymbolExposurePct: 0.25,
  maxDirectionalExposurePct: 0.6,
  maxRegimeExposurePct: 0.5,
  minFillRatio: 0.1,
};

const input = (over: Partial<SizingInput>): SizingInput => ({
  proposed: 10_000,
  equity: 100_000,
  rho: Number.NaN,
  symbolCurrent: 0,
  directionCurrent: 0,
  regimeCurrent: 0,
  ...over,
});

const decide = (over: Partial<SizingInput>, limits = defaults) => decideSize(limits, input(over), newSizingOutcome());

describe('correlationCut', () => {
  test('worked example: ρ 0.92, t 0.85 → excess (0.92−0.85)/(1−0.85) = 0.4667, multiplier 0.5333', () => {
    const cut = correlationCut(0.92, 0.85, 0.75);
    expect(cut).toBeCloseTo(0.07 / 0.15, 12);
    expect(1 - cut).toBeCloseTo(8 / 15, 12);
    expect((1 - cut).toFixed(2)).toBe('0.53');
  });
  test('capped at maxCorrelationReduction: ρ 0.99 would cut 0.933, cut is 0.75', () => {
    expect(correlationCut(0.99, 0.85, 0.75)).toBe(0.75);
  });
  test('ρ at or below the threshold, NaN, and threshold 1 cut nothing', () => {
    expect(correlationCut(0.85, 0.85, 0.75)).toBe(0);
    expect(correlationCut(0.5, 0.85, 0.75)).toBe(0);
    expect(correlationCut(Number.NaN, 0.85, 0.75)).toBe(0);
    expect(correlationCut(1, 1, 0.75)).toBe(0);
    expect(correlationCut(-0.99, 0.85, 0.75)).toBe(0);
  });
});

describe('decideSize', () => {
  test('nothing binds: multiplier 1, binding none', () => {
    const o = decide({});
    expect(o).toMatchObject({ multiplier: 1, allowedSize: 10_000, binding: 'none', blocked: false, cut: 0 });
    expect(o.symbol).toEqual({ limitPct: 0.25, limit: 25_000, current: 0, headroom: 25_000 });
  });

  test('correlation 0.92 → 0.5333× of the proposal', () => {
    const o = decide({ rho: 0.92 });
    expect(o.binding).toBe('correlation');
    expect(o.multiplier).toBeCloseTo(8 / 15, 12);
    expect(o.allowedSize).toBeCloseTo(10_000 * 8 / 15, 8);
  });

  test('symbol: $15k long open + $15k proposed → headroom $10k, 0.67×', () => {
    const o = decide({ proposed: 15_000, symbolCurrent: 15_000 });
    expect(o.binding).toBe('symbol');
    expect(o.allowedSize).toBe(10_000);
    expect(o.multiplier).toBe(10_000 / 15_000);
    expect(o.symbol.headroom).toBe(10_000);
  });

  test('direction: $45k long + $20k → $15k, 0.75×', () => {
    const o = decide({ proposed: 20_000, directionCurrent: 45_000 });
    expect(o.binding).toBe('direction');
    expect(o.allowedSize).toBe(15_000);
    expect(o.multiplier).toBe(0.75);
  });

  test('regime: $40k TRENDING + $15k → $10k, 0.67×', () => {
    const o = decide({ proposed: 15_000, regimeCurrent: 40_000 });
    expect(o.binding).toBe('regime');
    expect(o.allowedSize).toBe(10_000);
    expect(o.multiplier).toBe(10_000 / 15_000);
  });

  test('2.0× upstream: $40k against an empty $25k symbol cap → exactly 0.625 and $25,000', () => {
    const o = decide({ proposed: 40_000 });
    expect(o.binding).toBe('symbol');
    expect(o.multiplier).toBe(0.625);
    expect(40_000 * o.multiplier).toBe(25_000);
  });

  test('the tightest rule binds: correlation leaves $5,333, symbol headroom $4,000 → symbol', () => {
    const o = decide({ rho: 0.92, symbolCurrent: 21_000 });
    expect(o.binding).toBe('symbol');
    expect(o.allowedSize).toBe(4_000);
    expect(o.cut).toBeCloseTo(0.07 / 0.15, 12);
  });

  test('ties go to the earlier rule (symbol before direction before regime)', () => {
    const o = decide({ symbolCurrent: 20_000, directionCurrent: 55_000, regimeCurrent: 45_000 });
    expect(o.allowedSize).toBe(5_000);
    expect(o.binding).toBe('symbol');
  });

  test('below minFillRatio: 9% of the proposal left → blocked, multiplier 0, raw multiplier kept', () => {
    const o = decide({ symbolCurrent: 24_100 });
    expect(o.blocked).toBe(true);
    expect(o.multiplier).toBe(0);
    expect(o.allowedSize).toBe(0);
    expect(o.rawMultiplier).toBeCloseTo(0.09, 12);
    expect(o.binding).toBe('symbol');
  });

  test('exactly minFillRatio is allowed', () => {
    const o = decide({ symbolCurrent: 24_000 });
    expect(o.blocked).toBe(false);
    expect(o.multiplier).toBe(0.1);
  });

  test('a cap already past its limit leaves nothing: blocked even with minFillRatio 0', () => {
    const o = decide({ directionCurrent: 70_000 }, { ...defaults, minFillRatio: 0 });
    expect(o.direction.headroom).toBe(-10_000);
    expect(o.blocked).toBe(true);
    expect(o.multiplier).toBe(0);
  });

  test('maxCorrelationReduction 1 and ρ 1: the correlation rule alone blocks', () => {
    const o = decide({ rho: 1 }, { ...defaults, maxCorrelationReduction: 1 });
    expect(o).toMatchObject({ blocked: true, binding: 'correlation', multiplier: 0 });
  });
});
