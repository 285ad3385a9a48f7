import { emptySeries, type Market } from '../src/simulation/market.js';

/** A one-minute market of the given closes per symbol (NaN: no candle on that row). */
export function marketOf(columns: Record<string, readonly number[]>): Market {
  const names = Object.keys(columns);
  const rows = columns[names[0]].length;
  return {
    timestamps: Float64Array.from({ length: rows }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000),
    series: names.map((name) => {
      const s = emptySeries(name, 'test', rows);
      s.close.set(columns[name]);
      return s;
    }),
    periodsPerYear: 525_960,
    barLabel: '1m',
  };
}
