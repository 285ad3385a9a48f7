// With a volatility or shock cap, a whole bar (updateMarketBar, or pushRow on the manager's
// engine) recomputes the book's covariance risk as part of the bar, so the first validation
// after it reads it ready. The answers must be the ones a manager that computes it at the
// validation gives: a twin fed the same bars symbol by symbol (updateMarketData, the same
// engine state bit for bit) answers every proposal identically.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../../bindings/manager/index.js';
import { MINUTE, T0 } from '../helpers.js';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT', 'ADA/USDT'];
const CONFIG = { enabled: true, correlationLookback: 30, timeframe: '1m', maxPortfolioVolatility: 0.42, maxShockRisk: 0.95, maxSymbolExposurePct: 1 } as const;

interface RiskDiagnostics { bookRisk: { recomputes: number } }
const recomputes = (m: PortfolioRiskManager) => (m as unknown as RiskDiagnostics).bookRisk.recomputes;

test('the book risk recomputed with the bar answers as one recomputed at the validation', () => {
  const byBar = PortfolioRiskManager.createSync(CONFIG);
  const byRow = PortfolioRiskManager.createSync(CONFIG);
  const bySymbol = PortfolioRiskManager.createSync(CONFIG);
  for (const sym of SYMBOLS) byRow.engine.addSymbol(sym);
  let s = 17;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const level = SYMBOLS.map((_, k) => Math.log(20 + 40 * k));
  const bar = () => {
    const common = next() - 0.5;
    return SYMBOLS.map((_, k) => Math.exp((level[k]! += 0.004 * ((k + 1) * common + next() - 0.5))));
  };
  const feed = (t: number, closes: number[]) => {
    byBar.updateMarketBar(t, new Map(SYMBOLS.map((sym, k) => [sym, closes[k]!])));
    byRow.engine.pushRow(t, closes);
    SYMBOLS.forEach((sym, k) => bySymbol.updateMarketData(sym, [[t, 0, 0, 0, closes[k]!, 0]]));
  };
  for (let t = 0; t < 40; t++) feed(T0 + t * MINUTE, bar());
  for (const m of [byBar, byRow, bySymbol]) {
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 30_000 });
    m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 20_000 });
    m.registerPosition({ symbol: 'SOL/USDT', side: 'short', size: 10_000 });
  }
  let cut = 0;
  for (let t = 40; t < 70; t++) {
    const before = [byBar, byRow].map(recomputes);
    feed(T0 + t * MINUTE, bar());
    // The bar itself recomputed the book's risk; the validations below only read it.
    expect([byBar, byRow].map(recomputes)).toEqual(before.map((n) => n + 1));
    for (const [symbol, side, size] of [['XRP/USDT', 'long', 40_000], ['ADA/USDT', 'short', 25_000], ['BTC/USDT', 'long', 15_000]] as const) {
      const request = { symbol, side, proposedSize: size };
      const a = byBar.validateNewPosition(request);
      expect(a).toEqual(bySymbol.validateNewPosition(request));
      expect(byRow.validateNewPosition(request)).toEqual(a);
      if (a.binding === 'volatility' || a.binding === 'shock') cut += 1;
    }
    expect([byBar, byRow].map(recomputes)).toEqual(before.map((n) => n + 1));
    expect(byBar.getStats()).toEqual(bySymbol.getStats());
  }
  // The caps did size trades, so the comparison covered the sized answers.
  expect(cut).toBeGreaterThan(5);
});
