// Structured log lines, tagged [PORTFOLIO_RISK], on a console- or pino-shaped logger.
import { expect, test } from 'vitest';
import { enabledManager, recordingLogger } from './helpers.js';

test('registered, reduced, blocked, unregistered: one tagged line each, at its level', () => {
  const logger = recordingLogger();
  const m = enabledManager({}, { logger });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
  m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize: 15_000, regime: 'TRENDING' });
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 900_000, regime: 'TRENDING' });
  m.resizePosition('p1', 10_000);
  m.unregisterPosition('BTC/USDT');
  expect(logger.lines).toEqual([
    { level: 'info', line: '[PORTFOLIO_RISK] Position registered: BTC/USDT long size=15000.000000 regime=TRENDING id=p1' },
    { level: 'debug', line: '[PORTFOLIO_RISK] Validating position' },
    { level: 'info', line: '[PORTFOLIO_RISK] Trade size reduced: BTC/USDT short multiplier=0.67 reason=symbol_exposure_reduced_0.67' },
    { level: 'debug', line: '[PORTFOLIO_RISK] Validating position' },
    { level: 'warn', line: '[PORTFOLIO_RISK] Trade blocked: ETH/USDT long reason=symbol_exposure_blocked_0.03' },
    // BTC has no candles: its correlation with ETH is unknown, said once.
    { level: 'warn', line: '[PORTFOLIO_RISK] Correlation unknown: ETH/USDT vs BTC/USDT (0 shared returns, minPeriods 20); onUnknownCorrelation=ignore' },
    { level: 'info', line: '[PORTFOLIO_RISK] Position resized: BTC/USDT long size=15000.000000 -> 10000.000000 id=p1' },
    { level: 'info', line: '[PORTFOLIO_RISK] Position unregistered: BTC/USDT id=p1' },
  ]);
});

test('a logger with only info() gets warnings at info and no debug lines; full-size trades log nothing', () => {
  const lines: string[] = [];
  const m = enabledManager({}, { logger: { info: (line: string) => lines.push(line) } });
  m.updateEquity(100_000);
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000, regime: 'T' });
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 900_000, regime: 'T' });
  expect(lines).toEqual(['[PORTFOLIO_RISK] Trade blocked: ETH/USDT long reason=symbol_exposure_blocked_0.03']);
});

test('pino-style loggers keep their `this`', () => {
  class PinoLike {
    readonly out: string[] = [];
    info(msg: string) { this.out.push(msg); }
  }
  const logger = new PinoLike();
  const m = enabledManager({}, { logger });
  m.registerPosition({ symbol: 'A', side: 'short', size: 0.5, regime: 'R' });
  expect(logger.out).toEqual(['[PORTFOLIO_RISK] Position registered: A short size=0.500000 regime=R id=p1']);
});
