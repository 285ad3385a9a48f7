// Configuration: the defaults, the snake_case portfolio_risk YAML block as-is, and errors naming the key.
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_RISK_CONFIG, parseRiskConfig } from '../../bindings/config.js';
import { ConfigError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';

const PORTFOLIO_RISK_YAML = `
portfolio_risk:
  enabled: false # Set to true to enable portfolio-level risk management

  # Correlation settings
  correlation_lookback: 100 # Bars for correlation calculation
  max_pairwise_correlation: 0.85 # Max allowed correlation (0.0-1.0)

  # Exposure limits (as percentage of total equity)
  max_symbol_exposure_pct: 0.25 # 25% max per symbol
  max_directional_exposure_pct: 0.60 # 60% max long or short
  max_regime_exposure_pct: 0.50 # 50% max per regime
`;

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  test('are the documented ones (docs/manager.md table)', () => {
    expect(DEFAULT_RISK_CONFIG).toEqual({
      enabled: false,
      correlationLookback: 100,
      minPeriods: 20,
      maxPairwiseCorrelation: 0.85,
      maxCorrelationReduction: 0.75,
      maxSymbolExposurePct: 0.25,
      maxDirectionalExposurePct: 0.6,
      maxRegimeExposurePct: 0.5,
      minFillRatio: 0.1,
      hedgeAwareCorrelation: true,
      onError: 'block',
      onUnknownCorrelation: 'ignore',
      reservationTtlMs: 60_000,
      positionMode: 'hedge',
    });
    expect(parseRiskConfig(undefined)).toEqual(DEFAULT_RISK_CONFIG);
    expect(Object.isFrozen(DEFAULT_RISK_CONFIG)).toBe(true);
  });
});

describe('the snake_case portfolio_risk YAML block', () => {
  test('is accepted as parsed, with and without the outer portfolio_risk key', () => {
    const doc = parseYaml(PORTFOLIO_RISK_YAML);
    expect(parseRiskConfig(doc)).toEqual(DEFAULT_RISK_CONFIG);
    expect(parseRiskConfig(doc.portfolio_risk)).toEqual(DEFAULT_RISK_CONFIG);
  });

  test('"Step 1: enable" edit turns it on; every other key keeps its value', () => {
    const doc = parseYaml(PORTFOLIO_RISK_YAML.replace('enabled: false', 'enabled: true'));
    expect(parseRiskConfig(doc)).toEqual({ ...DEFAULT_RISK_CONFIG, enabled: true });
  });

  test('an empty block (YAML null) means the defaults', () => {
    expect(parseRiskConfig(parseYaml('portfolio_risk:\n'))).toEqual(DEFAULT_RISK_CONFIG);
  });

  test('the live-trading keys from a YAML file: timeframe (a name or a number of ms) and the snake_case rest', () => {
    const doc = parseYaml(`
portfolio_risk:
  enabled: true
  timeframe: 1h
  timestamp_unit: s
  on_unknown_correlation: maxCut
  account_currency: USDT
  reservation_ttl_ms: 30000
  position_mode: netting
`);
    expect(parseRiskConfig(doc)).toEqual({
      ...DEFAULT_RISK_CONFIG,
      enabled: true,
      timeframe: '1h',
      timestampUnit: 's',
      onUnknownCorrelation: 'maxCut',
      accountCurrency: 'USDT',
      reservationTtlMs: 30_000,
      positionMode: 'netting',
    });
    expect(parseRiskConfig(parseYaml('portfolio_risk:\n  timeframe: 90000\n')).timeframe).toBe(90_000);
    // A manager created from the parsed block floors candle times to the hour.
    const m = PortfolioRiskManager.createSync(doc);
    m.updateMarketData('BTC/USDT', [[1_704_069_000, 0, 0, 0, 42_000, 1]]); // 2024-01-01 00:30 UTC, in seconds
    const hourly = PortfolioRiskManager.createSync();
    hourly.updateMarketData('BTC/USDT', [[Date.UTC(2024, 0, 1, 0), 0, 0, 0, 42_000, 1]]);
    expect(m.engine.exportState()).toEqual(hourly.engine.exportState());
  });

  test('snake_case forms exist for every key', () => {
    const c = parseRiskConfig({
      min_periods: 30,
      max_correlation_reduction: 0.5,
      min_fill_ratio: 0.2,
      hedge_aware_correlation: false,
      on_error: 'allow',
    });
    expect(c).toMatchObject({ minPeriods: 30, maxCorrelationReduction: 0.5, minFillRatio: 0.2, hedgeAwareCorrelation: false, onError: 'allow' });
  });
});

describe('errors name the key as the caller spelled it', () => {
  test('unknown key (strict)', () => {
    const e = configError(() => parseRiskConfig({ max_symbol_exposure: 0.3 } as never));
    expect(e.field).toBe('max_symbol_exposure');
    expect(e.message).toMatch(/^max_symbol_exposure: unknown key/);
  });

  test('wrong type, inside the wrapper', () => {
    const e = configError(() => parseRiskConfig({ portfolio_risk: { max_symbol_exposure_pct: '25%' } } as never));
    expect(e.field).toBe('portfolio_risk.max_symbol_exposure_pct');
    expect(e.value).toBe('25%');
    expect(e.message).toContain('"25%"');
  });

  test('out of range', () => {
    expect(configError(() => parseRiskConfig({ maxPairwiseCorrelation: 1.5 })).field).toBe('maxPairwiseCorrelation');
    expect(configError(() => parseRiskConfig({ correlation_lookback: 1 })).field).toBe('correlation_lookback');
    expect(configError(() => parseRiskConfig({ correlationLookback: 10.5 })).field).toBe('correlationLookback');
    expect(configError(() => parseRiskConfig({ minFillRatio: -0.1 })).field).toBe('minFillRatio');
    expect(configError(() => parseRiskConfig({ maxRegimeExposurePct: Number.POSITIVE_INFINITY })).field).toBe('maxRegimeExposurePct');
    expect(configError(() => parseRiskConfig({ onError: 'ignore' } as never)).field).toBe('onError');
  });

  test('the same key in both spellings', () => {
    const e = configError(() => parseRiskConfig({ enabled: true, minPeriods: 10, min_periods: 12 } as never));
    expect(e.field).toBe('min_periods');
  });

  test('a key beside the wrapper, and a non-object', () => {
    expect(configError(() => parseRiskConfig({ portfolio_risk: {}, enabled: true } as never)).field).toBe('enabled');
    expect(configError(() => parseRiskConfig([] as never)).field).toBe('config');
    expect(configError(() => parseRiskConfig({ portfolio_risk: 3 } as never)).field).toBe('portfolio_risk');
  });

  test('minPeriods above the lookback', () => {
    const e = configError(() => parseRiskConfig({ correlationLookback: 30, minPeriods: 31 }));
    expect(e.field).toBe('minPeriods');
  });
});

test('minPeriods left at its default follows a shorter lookback down (a pair could never be known otherwise)', () => {
  expect(parseRiskConfig({ correlation_lookback: 10 }).minPeriods).toBe(10);
  expect(parseRiskConfig({ correlation_lookback: 50 }).minPeriods).toBe(20);
});

test('create options: logger must be console/pino shaped, unknown options rejected', () => {
  expect(configError(() => PortfolioRiskManager.createSync({}, { logger: {} as never })).field).toBe('logger');
  expect(configError(() => PortfolioRiskManager.createSync({}, { verbose: true } as never)).message)
    .toBe('verbose: unknown option (known: logger, initialCapacity, maxSymbols, simd, now)');
  expect(configError(() => PortfolioRiskManager.createSync({}, { simd: 'yes' } as never)).message).toBe("simd: must be 'auto', true or false, got \"yes\"");
  expect(configError(() => PortfolioRiskManager.createSync({}, null as never)).message).toBe('options: must be an object, got null');
  expect(configError(() => PortfolioRiskManager.createSync({}, { initialCapacity: 0 })).field).toBe('initialCapacity');
});

test('the manager reads the parsed config and passes lookback and minPeriods to its engine', async () => {
  const m = await PortfolioRiskManager.create({ portfolio_risk: { enabled: true, correlation_lookback: 50, min_periods: 25 } });
  expect(m.enabled).toBe(true);
  expect(m.config.correlationLookback).toBe(50);
  expect(m.engine.window).toBe(50);
  expect(m.engine.minPeriods).toBe(25);
  await expect(PortfolioRiskManager.create({ max_symbol_exposure_pct: -1 })).rejects.toBeInstanceOf(ConfigError);
});
