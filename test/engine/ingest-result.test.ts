// What setCandles reports for each candle it was given, on hand-worked bars, and summed over
// the chunks a long history is fed to the core in.
import { expect, test } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';

const none = { appended: 0, inserted: 0, filled: 0, revised: 0, unchanged: 0, ignoredTooOld: 0 };
const bars = (pairs: Array<[number, number]>) => pairs.map(([timestamp, close]) => ({ timestamp, close }));

test('append, fill, insert, revise, re-send and too old are each counted where they happened', () => {
  const engine = CorrelationEngine.createSync({ window: 3, minPeriods: 2 }); // a grid of 4 rows
  // Three new head rows, each filled.
  expect(engine.setCandles('A', bars([[10, 100], [20, 101], [40, 102]]))).toEqual({ ...none, appended: 3, filled: 3 });
  // 20 and 40 exist; 30 is a new row between them.
  expect(engine.setCandles('B', bars([[20, 50], [30, 51], [40, 52]]))).toEqual({ ...none, inserted: 1, filled: 3 });
  // 10 re-sent as it was, 40 with a new close, 50 a new head row (the full grid evicts 10).
  expect(engine.setCandles('A', bars([[10, 100], [40, 103], [50, 104]]))).toEqual({ ...none, appended: 1, filled: 1, revised: 1, unchanged: 1 });
  // The grid now keeps 20..50: a bar at 5 could not reach the window.
  expect(engine.setCandles('B', bars([[5, 49]]))).toEqual({ ...none, ignoredTooOld: 1 });
  expect(engine.stats().ignoredTooOld).toBe(1);
});

test('a history longer than one core call is counted in full', () => {
  const engine = CorrelationEngine.createSync({ window: 10, minPeriods: 2 });
  const n = 10_000; // more candles than the core reads per call (MAX_INPUT)
  const history = Array.from({ length: n }, (_, k) => ({ timestamp: k * 60_000, close: 100 + (k % 7) }));
  expect(engine.setCandles('A', history)).toEqual({ ...none, appended: n, filled: n });
  expect(engine.setCandles('A', history)).toEqual({ ...none, unchanged: 11, ignoredTooOld: n - 11 });
});
