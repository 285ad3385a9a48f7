// updateConfig: rule settings change live (the simulator's sliders), validated by the creation
// schema; the window settings are fixed; a refused update changes nothing.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RISK_CONFIG, type RiskConfigInput } from '../../bindings/config.js';
import { ConfigError } from '../../bindings/errors.js';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager, loadCorrelatedPair, observableState, recordingLogger } from './helpers.js';

/** BTC long 15k and ETH (ρ = 0.92 with BTC) long 5k against equity 100k. */
function book(m: PortfolioRiskManager): PortfolioRiskManager {
  loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.92);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 15_000, regime: 'TRENDING' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'long', size: 5_000, regime: 'RANGING' });
  return m;
}

const requests = [
  { symbol: 'ETH/USDT', side: 'long', proposedSize: 9_000, regime: 'TRENDING' },
  { symbol: 'ETH/USDT', side: 'short', proposedSize: 9_000, regime: 'TRENDING' },
  { symbol: 'BTC/USDT', side: 'long', proposedSize: 20_000, regime: 'TRENDING' },
  { symbol: 'SOL/USDT', side: 'long', proposedSize: 50_000, regime: 'RANGING' },
] as const;

const answers = (m: PortfolioRiskManager) => requests.map((r) => m.validateNewPosition(r, { dryRun: true }));

const updates: [string, RiskConfigInput | Record<string, unknown>][] = [
  ['threshold', { maxPairwiseCorrelation: 0.5 }],
  ['reduction cap', { maxCorrelationReduction: 0.2 }],
  ['symbol cap (snake_case)', { max_symbol_exposure_pct: 0.1 }],
  ['direction cap', { maxDirectionalExposurePct: 0.3 }],
  ['regime cap', { maxRegimeExposurePct: 0.2 }],
  ['min fill', { minFillRatio: 0.9 }],
  ['hedge awareness off', { hedgeAwareCorrelation: false }],
  ['off', { enabled: false }],
  ['onError', { on_error: 'allow' }],
  ['several keys at once', { maxPairwiseCorrelation: 0.6, maxSymbolExposurePct: 0.4, minFillRatio: 0 }],
];

describe('each rule key changes live and the answers equal a manager created with that config', () => {
  test.each(updates)('%s', (_name, partial) => {
    const live = book(enabledManager());
    answers(live); // fills the correlation caches under the old rules
    const next = live.updateConfig(partial as RiskConfigInput);
    expect(live.config).toBe(next);
    expect(Object.isFrozen(next)).toBe(true);
    const fresh = book(enabledManager(partial));
    expect(next).toEqual(fresh.config);
    expect(answers(live)).toEqual(answers(fresh));
    expect(live.getStats()).toEqual(fresh.getStats());
  });
});

test('updates accumulate: keys not named keep their current values', () => {
  const m = enabledManager({ maxSymbolExposurePct: 0.3 });
  m.updateConfig({ maxPairwiseCorrelation: 0.7 });
  m.updateConfig({ minFillRatio: 0.2 });
  expect(m.config).toEqual({ ...DEFAULT_RISK_CONFIG, enabled: true, maxSymbolExposurePct: 0.3, maxPairwiseCorrelation: 0.7, minFillRatio: 0.2 });
});

test('a key given as undefined is left as it is (zod would otherwise reset it to its default)', () => {
  const m = enabledManager({ maxSymbolExposurePct: 0.3 });
  const next = m.updateConfig({ enabled: undefined, maxSymbolExposurePct: undefined, minPeriods: undefined, minFillRatio: 0.2 });
  expect(next).toMatchObject({ enabled: true, maxSymbolExposurePct: 0.3, minPeriods: 20, minFillRatio: 0.2 });
});

test('a manager can be switched on and off again', () => {
  const m = book(enabledManager({ enabled: false }));
  expect(m.validateNewPosition(requests[2]).code).toBe('DISABLED');
  m.updateConfig({ enabled: true });
  expect(m.validateNewPosition(requests[2])).toMatchObject({ code: 'REDUCED', binding: 'symbol' });
  m.updateConfig({ enabled: false });
  expect(m.validateNewPosition(requests[2]).code).toBe('DISABLED');
});

describe('correlationLookback and minPeriods are fixed at creation', () => {
  test.each([
    ['correlationLookback', { correlationLookback: 50 }, 'correlationLookback: fixed at creation: create a new manager to change it (is 100, got 50)'],
    ['correlation_lookback', { correlation_lookback: 50 }, 'correlation_lookback: fixed at creation: create a new manager to change it (is 100, got 50)'],
    ['minPeriods', { minPeriods: 30 }, 'minPeriods: fixed at creation: create a new manager to change it (is 20, got 30)'],
    ['min_periods', { min_periods: 30, enabled: false }, 'min_periods: fixed at creation: create a new manager to change it (is 20, got 30)'],
  ])('%s', (field, partial, message) => {
    const m = book(enabledManager());
    const before = observableState(m);
    const error = (() => {
      try {
        m.updateConfig(partial as RiskConfigInput);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
    expect(observableState(m)).toEqual(before);
    expect(m.config.enabled).toBe(true);
  });

  test('repeating their current values is accepted (a form that sends every field)', () => {
    const m = enabledManager({ correlationLookback: 50, minPeriods: 10 });
    const next = m.updateConfig({ ...m.config, maxSymbolExposurePct: 0.2 });
    expect(next).toMatchObject({ correlationLookback: 50, minPeriods: 10, maxSymbolExposurePct: 0.2 });
  });
});

describe('a refused update names the key and changes nothing', () => {
  test.each([
    ['threshold above 1', { maxPairwiseCorrelation: 1.5 }, 'maxPairwiseCorrelation'],
    ['negative cap', { maxRegimeExposurePct: -0.1 }, 'maxRegimeExposurePct'],
    ['wrong type', { enabled: 'yes' }, 'enabled'],
    ['unknown key', { maxLeverage: 3 }, 'maxLeverage'],
    ['a good key beside a bad one', { maxSymbolExposurePct: 0.1, minFillRatio: 2 }, 'minFillRatio'],
    ['both spellings', { minFillRatio: 0.2, min_fill_ratio: 0.3 }, 'min_fill_ratio'],
    ['the portfolio_risk wrapper', { portfolio_risk: { enabled: true } }, 'portfolio_risk'],
    ['not an object', 0.3, 'config'],
    ['null', null, 'config'],
  ])('%s', (_name, partial, field) => {
    const m = book(enabledManager());
    answers(m);
    const before = observableState(m);
    const configBefore = m.config;
    const answersBefore = answers(m);
    expect(() => m.updateConfig(partial as RiskConfigInput)).toThrow(ConfigError);
    try {
      m.updateConfig(partial as RiskConfigInput);
    } catch (e) {
      expect((e as ConfigError).field).toBe(field);
    }
    expect(m.config).toBe(configBefore);
    expect(observableState(m)).toEqual(before);
    expect(answers(m)).toEqual(answersBefore);
  });
});

test('the logger gets one line naming what changed; an update that changes nothing logs nothing', () => {
  const logger = recordingLogger();
  const m = enabledManager({}, { logger });
  m.updateConfig({ maxSymbolExposurePct: 0.3, enabled: true });
  m.updateConfig({ enabled: true });
  expect(logger.lines).toEqual([{ level: 'info', line: '[PORTFOLIO_RISK] Config updated: maxSymbolExposurePct=0.3' }]);
});
