// Unknown correlations are visible and governed: a decision that meets one logs a warn per
// pair until the pair is known, counts in stats, and follows onUnknownCorrelation ('ignore'
// keeps the trade, 'block' blocks it, 'maxCut' cuts it as if the pair were perfectly correlated).
import { expect, test } from 'vitest';
import { candlesFromReturns, enabledManager, recordingLogger, returnsWithCorrelation } from './helpers.js';

const t0 = Date.UTC(2024, 0, 1);

/** BTC (candles) and DOGE (no candles yet) open; ETH correlates with BTC at 0.5, below the threshold. */
function book(onUnknownCorrelation: 'ignore' | 'block' | 'maxCut') {
  const logger = recordingLogger();
  const m = enabledManager({ onUnknownCorrelation, correlationLookback: 30, minPeriods: 10 }, { logger });
  const { x, y } = returnsWithCorrelation(0.5, 40, 3);
  m.updateMarketData('BTC/USDT', candlesFromReturns(x, 42_000, t0));
  m.updateMarketData('ETH/USDT', candlesFromReturns(y, 2_300, t0));
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'R' });
  m.registerPosition({ symbol: 'DOGE/USDT', side: 'long', size: 1_000, regime: 'R' });
  const warns = () => logger.lines.filter((l) => l.level === 'warn' && l.line.includes('Correlation unknown')).map((l) => l.line);
  return { m, warns, x };
}

const ask = { symbol: 'ETH/USDT', side: 'long', proposedSize: 8_000, regime: 'R' } as const;

test("'ignore' (the default): the trade is sized as if the pair did not exist; one warn per pair, counted per decision", () => {
  const { m, warns } = book('ignore');
  const a = m.validateNewPosition(ask);
  expect([a.code, a.sizeMultiplier, a.reason]).toEqual(['ALLOWED', 1, 'ok']);
  m.validateNewPosition(ask);
  m.validateNewPosition(ask, { dryRun: true });
  expect(warns()).toEqual(['[PORTFOLIO_RISK] Correlation unknown: ETH/USDT vs DOGE/USDT (0 shared returns, minPeriods 10); onUnknownCorrelation=ignore']);
  expect(m.getStats().unknownCorrelationDecisions).toBe(2);
});

test("'block': blocked, naming the symbol whose correlation is unknown", () => {
  const { m } = book('block');
  const a = m.validateNewPosition(ask);
  expect([a.allowed, a.code, a.binding, a.sizeMultiplier, a.reason]).toEqual([false, 'BLOCKED', 'correlation', 0, 'unknown_correlation_with_DOGE/USDT']);
  expect(a.details!.correlation.cut).toBe(1);
  expect(m.getStats().blockedByRule.correlation).toBe(1);
});

test("'maxCut': cut by maxCorrelationReduction, as for a perfectly correlated pair (0.75 → 0.25×)", () => {
  const { m } = book('maxCut');
  const a = m.validateNewPosition(ask);
  expect([a.code, a.binding, a.sizeMultiplier, a.allowedSize, a.reason]).toEqual(['REDUCED', 'correlation', 0.25, 2_000, 'unknown_correlation_with_DOGE/USDT']);
  // A hedge is no exception: the unknown pair could be correlated either way.
  const hedge = m.validateNewPosition({ ...ask, side: 'short' });
  expect(hedge.sizeMultiplier).toBe(0.25);
});

test("'maxCut' cuts by the configured maxCorrelationReduction, whatever the threshold", () => {
  for (const [maxCorrelationReduction, maxPairwiseCorrelation, expected] of [[0.5, 0.85, 0.5], [0.3, 0.6, 0.7], [1, 0.95, 0]] as const) {
    const m = enabledManager({ onUnknownCorrelation: 'maxCut', maxCorrelationReduction, maxPairwiseCorrelation, minFillRatio: 0 });
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'DOGE/USDT', side: 'long', size: 1_000 });
    const a = m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 8_000 });
    expect(a.sizeMultiplier).toBe(expected);
    expect(a.details!.correlation.cut).toBe(maxCorrelationReduction);
  }
});

test('once the pair is known the policy stops applying and the warn is spent; unknown again, it is said again', () => {
  const { m, warns, x } = book('block');
  m.validateNewPosition(ask);
  // DOGE gets 40 bars moving with BTC: known now.
  m.updateMarketData('DOGE/USDT', candlesFromReturns(x.map((r) => 0.5 * r), 0.08, t0));
  const known = m.validateNewPosition(ask);
  expect(known.details!.correlation.unknown).toEqual([]);
  expect(known.code).not.toBe('BLOCKED');
  // 30 new ETH and BTC bars without DOGE: its bars leave the 30-bar window, the pair is unknown again.
  const more = returnsWithCorrelation(0.5, 30, 9);
  m.updateMarketData('BTC/USDT', candlesFromReturns(more.x, 50_000, t0 + 41 * 60_000));
  m.updateMarketData('ETH/USDT', candlesFromReturns(more.y, 2_000, t0 + 41 * 60_000));
  expect(m.validateNewPosition(ask).reason).toBe('unknown_correlation_with_DOGE/USDT');
  expect(warns()).toHaveLength(2);
  expect(m.getStats().unknownCorrelationDecisions).toBe(2);
});
