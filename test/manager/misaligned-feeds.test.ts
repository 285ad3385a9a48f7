// Without a timeframe the exact-timestamp grid stays, but two feeds that never share a bar are
// told apart from short histories: one warn, naming both symbols and suggesting `timeframe`,
// when a decision runs into their unknown correlations.
import { expect, test } from 'vitest';
import { candlesFromReturns, enabledManager, recordingLogger, returnsWithCorrelation } from './helpers.js';

const t0 = Date.UTC(2024, 0, 1);
const late = (candles: number[][]) => candles.map(([t, ...rest]) => [t! + 1_000, ...rest]);

function market(config: Record<string, unknown>, solBars = 40) {
  const logger = recordingLogger();
  const m = enabledManager(config, { logger });
  const { x, y } = returnsWithCorrelation(0.995, 40, 11);
  m.updateMarketData('BTC/USDT', candlesFromReturns(x, 42_000, t0));
  m.updateMarketData('SOL/USDT', late(candlesFromReturns(returnsWithCorrelation(0.3, solBars, 5).y, 100, t0)));
  m.updateMarketData('ETH/USDT', candlesFromReturns(y, 2_300, t0));
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'R' });
  return { m, warnings: () => logger.lines.filter((l) => l.level === 'warn' && l.line.includes('do not line up')).map((l) => l.line) };
}

const ask = { symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000, regime: 'R' } as const;

test('a feed stamped 1 s late: one warn per misaligned pair, naming both and suggesting timeframe', () => {
  const { m, warnings } = market({});
  m.validateNewPosition(ask);
  m.validateNewPosition(ask);
  expect(warnings()).toEqual([
    "[PORTFOLIO_RISK] Candles do not line up: ETH/USDT (41 bars) and SOL/USDT (41 bars) share 0 timestamps in the window; their correlation stays unknown. Set timeframe (e.g. '1m', '1h') to floor candle times to bars",
    "[PORTFOLIO_RISK] Candles do not line up: BTC/USDT (41 bars) and SOL/USDT (41 bars) share 0 timestamps in the window; their correlation stays unknown. Set timeframe (e.g. '1m', '1h') to floor candle times to bars",
  ]);
});

test('not with a timeframe (the feeds line up), nor for a history too short to matter, nor on a dry run', () => {
  const aligned = market({ timeframe: '1m' });
  aligned.m.validateNewPosition(ask);
  expect(aligned.warnings()).toEqual([]);

  // 10 SOL bars: fewer than minPeriods (20), so its pairs are merely young, not misaligned.
  const short = market({}, 9);
  short.m.validateNewPosition(ask);
  expect(short.warnings()).toEqual([]);

  const dry = market({});
  dry.m.validateNewPosition(ask, { dryRun: true });
  expect(dry.warnings()).toEqual([]);
});
