// The manager's per-bar fast paths against the slow ones:
// - updateMarketBar remembers each position's name, engine id, price entry and bar times from
//   bar to bar; bars whose symbols come in changing orders, with symbols missing or new, must
//   leave the same manager as bars in one order, and as the same candles sent one symbol at a
//   time through updateMarketData (a bar fed symbol by symbol is applied as one row): the same
//   snapshot, byte for byte;
// - bar times are floored by a division, checked against the remainder formula.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { BarClock, TIMEFRAMES } from '../../bindings/bar-time.js';
import { enabledManager, rng } from './helpers.js';

const t0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', '__proto__', 'XRP/USDT', 'DOGE/USDT', 'ADA/USDT'];

/** 120 bars; some symbols miss some bars, ADA starts late. */
function market(seed: number): { t: number; closes: [string, number][] }[] {
  const next = rng(seed);
  const level = SYMBOLS.map(() => 0);
  return Array.from({ length: 120 }, (_, b) => {
    const common = next() - 0.5;
    const closes: [string, number][] = [];
    SYMBOLS.forEach((symbol, s) => {
      level[s]! += 0.01 * ((s % 3) * common + (next() - 0.5));
      const present = next() > 0.08 && !(symbol === 'ADA/USDT' && b < 50);
      if (present) closes.push([symbol, (10 + s) * Math.exp(level[s]!)]);
    });
    return { t: t0 + b * MINUTE, closes };
  });
}

test('bars in changing orders, bars in one order and candles symbol by symbol leave the same snapshot', () => {
  for (const seed of [1, 2]) {
    const config = { correlationLookback: 30, minPeriods: 8 };
    const [inOrder, shuffled, bySymbol] = [enabledManager(config), enabledManager(config), enabledManager(config)];
    const order = rng(seed + 100);
    market(seed).forEach(({ t, closes }, b) => {
      inOrder.updateMarketBar(t, new Map(closes));
      // After the first bar (which fixes the engine's ids), any order.
      const mixed = b === 0 ? closes : [...closes].sort(() => order() - 0.5);
      shuffled.updateMarketBar(t, mixed);
      for (const [symbol, close] of closes) bySymbol.updateMarketData(symbol, [[t, 0, 0, 0, close, 1]]);
    });
    const snapshot = inOrder.snapshot();
    expect(shuffled.snapshot()).toEqual(snapshot);
    expect(bySymbol.snapshot()).toEqual(snapshot);
  }
});

test('bar times floored by division equal the remainder formula for every safe integer', () => {
  const steps = Object.keys(TIMEFRAMES) as (keyof typeof TIMEFRAMES)[];
  fc.assert(
    fc.property(fc.constantFrom(...steps), fc.maxSafeInteger(), (timeframe, t) => {
      const clock = new BarClock(timeframe, 'ms');
      const step = TIMEFRAMES[timeframe];
      const offset = timeframe === '1w' ? 4 * 86_400_000 : 0;
      const within = (((t - offset) % step) + step) % step;
      expect(clock.floor(t)).toBe(t - within + 0); // + 0: a bar starting at 0 is 0, not −0
    }),
    { numRuns: 5000 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.maxSafeInteger(), (step, t) => {
      const within = ((t % step) + step) % step;
      expect(new BarClock(step, 'ms').floor(t)).toBe(t - within + 0);
    }),
    { numRuns: 5000 },
  );
});
