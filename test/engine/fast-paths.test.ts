// The engine's fast paths against its slow ones, bit for bit where the arithmetic is the same:
// - a bar fed one candle per symbol is staged and applied as one row, so the state equals the
//   one pushRow leaves for the same closes (every byte of the exported state);
// - the list queries (one symbol against a list, the highest correlation among a list) give
//   the pair-by-pair correlationById values and pair counts, bit for bit.
import { describe, expect, test } from 'vitest';
import { CorrelationEngine, LIST_QUERIES } from '../../bindings/engine.js';
import { mulberry32 } from '../reference/random-market.js';

const N = 9;
const names = Array.from({ length: N }, (_, i) => `S${i}`);

/** Bars of closes (NaN: no candle); symbol 7 has long gaps, symbol 8 is flat for a stretch. */
function market(seed: number, bars: number): Float64Array[] {
  const next = mulberry32(seed);
  const level = names.map(() => Math.log(20 + 80 * next()));
  return Array.from({ length: bars }, (_, b) => {
    const common = next() - 0.5;
    return Float64Array.from(names, (_, i) => {
      if (i === 7 && b % 9 < 3) return Number.NaN;
      if (i === 5 && next() < 0.1) return Number.NaN;
      if (!(i === 8 && b > 20 && b < 45)) level[i]! += 0.01 * ((i % 3) * common + next() - 0.5);
      return Math.exp(level[i]!);
    });
  });
}

function engineWith(simd: boolean | 'auto'): CorrelationEngine {
  const engine = CorrelationEngine.createSync({ window: 30, minPeriods: 6, simd });
  for (const name of names) engine.addSymbol(name);
  return engine;
}

function stateBytes(engine: CorrelationEngine): Uint8Array[] {
  const s = engine.exportState();
  return [s.core, s.records];
}

describe.each([false, 'auto'] as const)('simd: %s', (simd) => {
  test('a bar fed symbol by symbol leaves every byte pushRow leaves', () => {
    const rows = market(3, 80);
    const whole = engineWith(simd);
    const bySymbol = engineWith(simd);
    const order = mulberry32(11);
    rows.forEach((row, b) => {
      const t = 1_000 + b;
      whole.pushRow(t, row);
      // Any order of arrival within the bar; a re-send of one candle, revised then restored.
      const ids = names.map((_, i) => i).sort(() => order() - 0.5);
      let first = true;
      for (const i of ids) {
        if (Number.isNaN(row[i]!)) continue;
        const result = bySymbol.setCandles(names[i]!, [{ timestamp: t, close: row[i]! }]);
        expect(result).toMatchObject({ appended: first ? 1 : 0, filled: 1, revised: 0, inserted: 0 });
        first = false;
      }
      const i = ids.find((k) => !Number.isNaN(row[k]!))!;
      expect(bySymbol.setCandles(names[i]!, [{ timestamp: t, close: row[i]! * 1.5 }])).toMatchObject({ revised: 1 });
      expect(bySymbol.setCandles(names[i]!, [{ timestamp: t, close: row[i]! * 1.5 }])).toMatchObject({ unchanged: 1 });
      bySymbol.setCandles(names[i]!, [{ timestamp: t, close: row[i]! }]);
      // Reading in the middle of the feed (every few bars) applies the bar; nothing else changes.
      if (b % 7 === 0) expect(bySymbol.correlation('S0', 'S1')).toBe(whole.correlation('S0', 'S1'));
    });
    expect(stateBytes(bySymbol)).toEqual(stateBytes(whole));
    expect(bySymbol.stats()).toEqual(whole.stats());
  });

  test('a late candle or a new symbol during a staged bar: the same state as applying the bar first', () => {
    const rows = market(5, 40);
    const whole = engineWith(simd);
    const bySymbol = engineWith(simd);
    rows.forEach((row, b) => {
      const t = 1_000 + b;
      whole.pushRow(t, row);
      for (let i = 0; i < N; i++) if (!Number.isNaN(row[i]!)) bySymbol.setCandles(names[i]!, [{ timestamp: t, close: row[i]! }]);
    });
    // A revision of an older bar arrives while the newest bar is staged.
    whole.setCandles('S2', [{ timestamp: 1_030, close: 44 }]);
    bySymbol.setCandles('S2', [{ timestamp: 1_030, close: 44 }]);
    // A new symbol's first candle lands in a staged bar.
    const next = Float64Array.from(rows[0]!);
    whole.addSymbol('NEW');
    whole.pushRow(2_000, Float64Array.from([...next, 12]));
    for (let i = 0; i < N; i++) if (!Number.isNaN(next[i]!)) bySymbol.setCandles(names[i]!, [{ timestamp: 2_000, close: next[i]! }]);
    expect(bySymbol.setCandles('NEW', [{ timestamp: 2_000, close: 12 }])).toMatchObject({ appended: 0, filled: 1 });
    expect(stateBytes(bySymbol)).toEqual(stateBytes(whole));
  });

  test('list queries give correlationById and pairObservationsById, bit for bit', () => {
    const engine = engineWith(simd);
    market(7, 70).forEach((row, b) => engine.pushRow(1_000 + b, row));
    engine.addSymbol('EMPTY'); // no candles: every pair unknown
    const list = engine[LIST_QUERIES];
    const n = engine.symbolCount;
    const ids = [...Array.from({ length: n }, (_, i) => i), -1, 3];
    let known = 0;
    for (let self = 0; self < n; self++) {
      const correlations: number[] = [];
      const observations: number[] = [];
      list.correlationsWith(self, ids, ids.length, correlations, observations);
      ids.forEach((j, k) => {
        const want = j < 0 ? Number.NaN : engine.correlationById(self, j);
        expect(Object.is(correlations[k], want), `${self}/${j}: ${correlations[k]} vs ${want}`).toBe(true);
        expect(observations[k], `${self}/${j}`).toBe(j < 0 ? 0 : engine.pairObservationsById(self, j));
        if (!Number.isNaN(want)) known += 1;
      });
    }
    expect(known).toBeGreaterThan(n * n / 2);
    // The book's highest correlation: every subset tried against the pair-by-pair maximum.
    const pick = mulberry32(13);
    for (let trial = 0; trial < 40; trial++) {
      const subset = ids.filter(() => pick() < 0.5);
      let best = Number.NaN;
      for (let a = 0; a < subset.length; a++) {
        for (let b = a + 1; b < subset.length; b++) {
          if (subset[a]! < 0 || subset[b]! < 0) continue;
          const r = engine.correlationById(subset[a]!, subset[b]!);
          if (!Number.isNaN(r) && !(r <= best)) best = r;
        }
      }
      expect(Object.is(list.maxCorrelation(subset, subset.length), best), `subset ${subset}`).toBe(true);
    }
  });

  test('the data version moves with every change that can move an answer, and only then', () => {
    const engine = engineWith(simd);
    const list = engine[LIST_QUERIES];
    const rows = market(9, 40);
    rows.forEach((row, b) => engine.pushRow(1_000 + b, row));
    const v0 = list.dataVersion();
    engine.correlation('S0', 'S1');
    engine.matrix();
    expect(list.dataVersion()).toBe(v0);
    engine.setCandles('S0', [{ timestamp: 1_039, close: rows[39]![0]! }]); // a re-send
    expect(list.dataVersion()).toBe(v0);
    engine.setCandles('S0', [{ timestamp: 1_040, close: 30 }]); // a staged bar
    const v1 = list.dataVersion();
    expect(v1).not.toBe(v0);
    engine.addSymbol('LATE');
    expect(list.dataVersion()).not.toBe(v1);
  });
});
