// enabled: false (the default) is zero behaviour change: every trade allowed at 1.0, nothing counted.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { recordingLogger } from './helpers.js';

test('default config is disabled: a trade far past every cap is allowed at 1.0 with reason "disabled"', () => {
  const logger = recordingLogger();
  const m = PortfolioRiskManager.createSync(undefined, { logger });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 90_000, regime: 'T' });
  const events: string[] = [];
  m.on('blocked', () => events.push('blocked'));
  m.on('reduced', () => events.push('reduced'));
  const linesBefore = logger.lines.length;

  const r = m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 500_000, regime: 'T' });
  // allowedSize echoes the proposal: disabled is the identity.
  expect(r).toEqual({ allowed: true, sizeMultiplier: 1, reason: 'disabled', code: 'DISABLED', binding: 'disabled', allowedSize: 500_000, details: null });
  expect(events).toEqual([]);
  expect(logger.lines.length).toBe(linesBefore);
  expect(m.getStats()).toMatchObject({ enabled: false, validations: 0, blockedTrades: 0, reducedTrades: 0 });
});

test('disabled means no behaviour at all: not even malformed requests throw', () => {
  const m = PortfolioRiskManager.createSync({ enabled: false });
  expect(m.validateNewPosition({ symbol: '', side: 'up', proposedSize: Number.NaN } as never).sizeMultiplier).toBe(1);
});

test('bookkeeping still works while disabled (exposures and stats stay truthful)', () => {
  const m = PortfolioRiskManager.createSync({ portfolio_risk: { enabled: false } });
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000, regime: 'T' });
  expect(m.getSymbolExposure('BTC/USDT')).toBe(0.2);
  expect(m.getStats()).toMatchObject({ enabled: false, openPositions: 1, longExposure: 0.2 });
});
