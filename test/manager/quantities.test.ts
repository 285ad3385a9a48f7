// Quantities, marked to market: a position or a proposal in base units (ccxt's `amount`) is
// worth quantity × the symbol's latest close, re-marked by every new close; a proposal with no
// close yet is NO_PRICE; a position registered before its first close counts 0 and is listed
// as unpriced until one arrives. Sums stay the left-to-right sums of the holdings, bit for bit.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager, recordingLogger } from './helpers.js';

const t0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const close = (m: PortfolioRiskManager, symbol: string, bar: number, price: number) => m.updateMarketData(symbol, [[t0 + bar * HOUR, 0, 0, 0, price, 1]]);

test('2.5 BTC at 40,000 is 100,000; when BTC doubles it counts 200,000 (the position is re-marked)', () => {
  const m = enabledManager({ maxSymbolExposurePct: 5 });
  m.updateEquity(1_000_000);
  close(m, 'BTC/USDT', 0, 40_000);
  const id = m.registerPosition({ symbol: 'BTC/USDT', side: 'long', quantity: 2.5, regime: 'TRENDING' });
  expect(m.getPosition(id)).toEqual({ id, symbol: 'BTC/USDT', side: 'long', size: 100_000, quantity: 2.5, regime: 'TRENDING', strategy: '' });
  expect(m.getSymbolExposure('BTC/USDT')).toBe(0.1);
  close(m, 'BTC/USDT', 1, 80_000);
  expect(m.getSymbolExposure('BTC/USDT')).toBe(0.2);
  expect(m.getStats()).toMatchObject({ longExposure: 0.2, regimeExposures: { TRENDING: 0.2 } });
});

test('the latest bar wins: a revision of it re-marks, a re-sent older bar does not roll the price back', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  close(m, 'ETH/USDT', 5, 2_000);
  m.registerPosition({ symbol: 'ETH/USDT', side: 'short', quantity: 5, regime: 'R' });
  expect(m.getDirectionalExposure('short')).toBe(0.1);
  close(m, 'ETH/USDT', 5, 2_200); // the in-progress bar revised
  expect(m.getDirectionalExposure('short')).toBe(0.11);
  close(m, 'ETH/USDT', 3, 1_000); // history re-sent: older than the latest bar
  expect(m.getDirectionalExposure('short')).toBe(0.11);
  m.updateMarketBar(t0 + 6 * HOUR, { 'ETH/USDT': 2_400 });
  expect(m.getDirectionalExposure('short')).toBe(0.12);
});

test('a proposal by quantity: valued at the close, sized as a notional, answered in both units', () => {
  const m = enabledManager(); // symbol cap 25%
  m.updateEquity(100_000);
  close(m, 'BTC/USDT', 0, 80_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', quantity: 0.1, regime: 'R' }); // 8,000
  const a = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedQuantity: 0.25, regime: 'R' }); // 20,000
  // Headroom 25,000 − 8,000 = 17,000 of 20,000: 0.85×, i.e. 0.2125 BTC.
  expect([a.code, a.sizeMultiplier, a.allowedSize, a.allowedQuantity]).toEqual(['REDUCED', 0.85, 17_000, 0.25 * 0.85]);
  expect(a.details).toMatchObject({ proposedSize: 20_000, valuation: { quantity: 0.25, price: 80_000, quoteRate: 1 }, symbol: { current: 8_000, headroom: 17_000 } });
});

test('no close yet: a proposal by quantity is NO_PRICE (blocked, counted); a proposal by size is sized as always', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  const a = m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedQuantity: 10, regime: 'R' });
  expect(a).toEqual({
    allowed: false,
    sizeMultiplier: 0,
    reason: 'no_price: no close for SOL/USDT yet: send its candles before validating a quantity',
    code: 'NO_PRICE',
    binding: 'no_price',
    allowedSize: 0,
    allowedQuantity: 0,
    details: null,
  });
  expect(m.validateNewPosition({ symbol: 'SOL/USDT', side: 'long', proposedSize: 1_000, regime: 'R' }).code).toBe('ALLOWED');
  expect(m.getStats()).toMatchObject({ validations: 2, blockedTrades: 1, blockedByRule: { noPrice: 1 } });
});

test('registered before its first close: counts 0, listed as unpriced, said once; priced from the first close on', () => {
  const logger = recordingLogger();
  const m = enabledManager({}, { logger });
  m.updateEquity(100_000);
  const id = m.registerPosition({ symbol: 'SOL/USDT', side: 'long', quantity: 100, regime: 'R' });
  expect(m.getPosition(id)!.size).toBeNaN();
  expect(m.getSymbolExposure('SOL/USDT')).toBe(0);
  expect(m.getStats().unpricedPositions).toEqual([id]);
  expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.line)).toEqual([
    '[PORTFOLIO_RISK] Position has no price yet: SOL/USDT id=p1 counts 0 in every exposure until its close (and quote rate) is known',
  ]);
  close(m, 'SOL/USDT', 0, 150);
  expect(m.getSymbolExposure('SOL/USDT')).toBe(0.15);
  expect(m.getStats().unpricedPositions).toEqual([]);
});

test('resizePosition takes the position’s own unit: base units for a quantity', () => {
  const m = enabledManager();
  m.updateEquity(100_000);
  close(m, 'ETH/USDT', 0, 2_000);
  const id = m.registerPosition({ symbol: 'ETH/USDT', side: 'long', quantity: 5, regime: 'R' });
  expect(m.resizePosition(id, 2)).toMatchObject({ quantity: 2, size: 4_000 });
});

test('re-marked sums are the left-to-right sums of the positions in book order, bit for bit, and survive a restore', () => {
  const m = enabledManager({ maxSymbolExposurePct: 10, maxDirectionalExposurePct: 10, maxRegimeExposurePct: 10 });
  m.updateEquity(1e6);
  const symbols = ['A/USDT', 'B/USDT', 'C/USDT'];
  symbols.forEach((s, k) => close(m, s, 0, 10.1 + k * 3.3));
  const amounts = [0.1, 0.7, 1.3, 2.9, 0.3, 5.5, 0.2];
  amounts.forEach((q, k) => {
    if (k % 3 === 2) m.registerPosition({ symbol: symbols[k % 3]!, side: 'long', size: q * 1_000.1, regime: 'R' });
    else m.registerPosition({ symbol: symbols[k % 3]!, side: 'long', quantity: q, regime: 'R' });
  });
  for (let bar = 1; bar <= 5; bar++) {
    m.updateMarketBar(t0 + bar * HOUR, { 'A/USDT': 10.1 * 1.07 ** bar, 'B/USDT': 13.4 / 1.03 ** bar });
    const positions = m.getPositions();
    const leftToRight = (keep: (p: (typeof positions)[number]) => boolean) => positions.filter(keep).reduce((s, p) => s + p.size, 0);
    const answer = m.validateNewPosition({ symbol: 'A/USDT', side: 'long', proposedSize: 1, regime: 'R' }, { dryRun: true });
    expect(answer.details!.symbol.current).toBe(leftToRight((p) => p.symbol === 'A/USDT'));
    expect(answer.details!.direction.current).toBe(leftToRight(() => true));
    expect(answer.details!.regime!.current).toBe(leftToRight(() => true));
    const restored = PortfolioRiskManager.restoreSync(m.snapshot());
    expect(restored.validateNewPosition({ symbol: 'A/USDT', side: 'long', proposedSize: 1, regime: 'R' }, { dryRun: true })).toEqual(answer);
  }
});
