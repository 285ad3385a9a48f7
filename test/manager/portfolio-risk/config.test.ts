// The book-level keys: optional (absent = off), both spellings (nested keys too), and a
// ConfigError naming the key as the caller spelled it for every bad value.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RISK_CONFIG, parseRiskConfig } from '../../../bindings/config.js';
import { ConfigError } from '../../../bindings/errors.js';

describe('book-level risk keys', () => {
  test('absent by default: the defaults carry none of them', () => {
    for (const key of ['maxGrossExposurePct', 'maxNetExposurePct', 'maxOpenPositions', 'groups', 'maxAssetExposurePct', 'maxPortfolioVolatility', 'maxShockRisk', 'barsPerYear', 'drawdownGuard']) {
      expect((DEFAULT_RISK_CONFIG as Record<string, unknown>)[key], key).toBeUndefined();
    }
  });

  test('snake_case YAML, nested keys included, reads as camelCase', () => {
    const c = parseRiskConfig({
      portfolio_risk: {
        max_gross_exposure_pct: 1.5,
        max_net_exposure_pct: 0.5,
        max_open_positions: 4,
        groups: { l1: { symbols: ['ETH/USDT', 'SOL/USDT'], max_exposure_pct: 0.5 } },
        max_asset_exposure_pct: 0.4,
        max_portfolio_volatility: 0.2,
        max_shock_risk: 0.3,
        bars_per_year: 8760,
        drawdown_guard: { max_drawdown_pct: 0.2, resume_drawdown_pct: 0.1 },
      },
    });
    expect(c).toMatchObject({
      maxGrossExposurePct: 1.5,
      maxNetExposurePct: 0.5,
      maxOpenPositions: 4,
      groups: { l1: { symbols: ['ETH/USDT', 'SOL/USDT'], maxExposurePct: 0.5 } },
      maxAssetExposurePct: 0.4,
      maxPortfolioVolatility: 0.2,
      maxShockRisk: 0.3,
      barsPerYear: 8760,
      drawdownGuard: { maxDrawdownPct: 0.2, resumeDrawdownPct: 0.1 },
    });
  });

  const bad: [string, unknown, string][] = [
    ['maxGrossExposurePct', { maxGrossExposurePct: -0.1 }, 'maxGrossExposurePct'],
    ['maxNetExposurePct', { max_net_exposure_pct: 'x' }, 'max_net_exposure_pct'],
    ['maxOpenPositions', { maxOpenPositions: 1.5 }, 'maxOpenPositions'],
    ['maxAssetExposurePct', { maxAssetExposurePct: Number.NaN }, 'maxAssetExposurePct'],
    ['maxPortfolioVolatility', { maxPortfolioVolatility: 0 }, 'maxPortfolioVolatility'],
    ['maxShockRisk', { max_shock_risk: -1 }, 'max_shock_risk'],
    ['barsPerYear', { barsPerYear: 0 }, 'barsPerYear'],
    ['a group limit', { groups: { l1: { symbols: ['A'], maxExposurePct: -1 } } }, 'groups.l1.maxExposurePct'],
    ['a group limit, snake_case', { portfolio_risk: { groups: { l1: { symbols: ['A'], max_exposure_pct: 'x' } } } }, 'portfolio_risk.groups.l1.max_exposure_pct'],
    ['a group without symbols', { groups: { l1: { symbols: [], maxExposurePct: 1 } } }, 'groups.l1.symbols'],
    ['a group key unknown', { groups: { l1: { symbols: ['A'], maxExposurePct: 1, cap: 2 } } }, 'groups.l1.cap'],
    ['drawdown level', { drawdownGuard: { maxDrawdownPct: 1, resumeDrawdownPct: 0.1 } }, 'drawdownGuard.maxDrawdownPct'],
    ['resume above the trip level', { drawdownGuard: { maxDrawdownPct: 0.1, resumeDrawdownPct: 0.2 } }, 'drawdownGuard.resumeDrawdownPct'],
    ['resume above the trip level, snake_case', { drawdown_guard: { max_drawdown_pct: 0.1, resume_drawdown_pct: 0.1 } }, 'drawdown_guard.resumeDrawdownPct'],
  ];
  test.each(bad)('%s: a ConfigError naming the field', (_, config, field) => {
    let error: unknown;
    try {
      parseRiskConfig(config as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
  });
});

describe('book-level keys live', () => {
  test('updateConfig switches a rule on and off, and logs an object key as JSON', async () => {
    const { enabledManager, recordingLogger } = await import('../helpers.js');
    const logger = recordingLogger();
    const m = enabledManager({}, { logger });
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 20_000 });
    const propose = () => m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 20_000 }, { dryRun: true });
    expect(propose().code).toBe('ALLOWED');
    m.updateConfig({ groups: { majors: { symbols: ['BTC/USDT', 'ETH/USDT'], maxExposurePct: 0.3 } } });
    expect(propose()).toMatchObject({ code: 'REDUCED', binding: 'group', allowedSize: 10_000 });
    expect(logger.lines.some((l) => l.line.includes('groups={"majors":{"symbols":["BTC/USDT","ETH/USDT"],"maxExposurePct":0.3}}'))).toBe(true);
    // Without a timeframe or barsPerYear a volatility cap annualises by the grid's bar spacing:
    // accepted. With no candles yet no volatility is known, so it sizes a new risk to nothing.
    m.updateConfig({ maxPortfolioVolatility: 0.2 });
    expect(m.config.maxPortfolioVolatility).toBe(0.2);
    expect(propose()).toMatchObject({ code: 'BLOCKED', binding: 'volatility' });
  });
});

describe('null switches a book-level rule off', () => {
  const LIVE = { correlationLookback: 30, minPeriods: 10, maxPairwiseCorrelation: 1, maxDirectionalExposurePct: 5, maxSymbolExposurePct: 5, maxRegimeExposurePct: 5, timeframe: '1m' };

  async function liveManager(extra: Record<string, unknown>) {
    const { enabledManager, loadCorrelatedPair, recordingLogger } = await import('../helpers.js');
    const logger = recordingLogger();
    const m = enabledManager({ ...LIVE, ...extra }, { logger });
    loadCorrelatedPair(m, 'BTC/USDT', 'ETH/USDT', 0.9, 40);
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 50_000 });
    return { m, logger };
  }
  const propose = (m: import('../../../bindings/manager/index.js').PortfolioRiskManager) =>
    m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 50_000 }, { dryRun: true });

  test('updateConfig({ maxPortfolioVolatility: null }) on a live manager: the rule no longer binds, in both spellings', async () => {
    for (const off of [{ maxPortfolioVolatility: null }, { max_portfolio_volatility: null }]) {
      const { m, logger } = await liveManager({ maxPortfolioVolatility: 0.01 });
      const bound = propose(m);
      expect(bound).toMatchObject({ binding: 'volatility' });
      expect(bound.allowedSize).toBeLessThan(50_000);
      const next = m.updateConfig(off);
      expect(Object.hasOwn(next, 'maxPortfolioVolatility')).toBe(false);
      expect(m.config).toBe(next);
      // As a manager created without the key answers.
      const { m: twin } = await liveManager({});
      const answer = propose(m);
      expect(answer).toMatchObject({ code: 'ALLOWED', allowedSize: 50_000 });
      expect(answer).toEqual(propose(twin));
      expect(logger.lines.at(-1)).toEqual({ level: 'info', line: '[PORTFOLIO_RISK] Config updated: maxPortfolioVolatility=null' });
    }
  });

  test('a rule switched off stays off through a snapshot, and null for an absent key changes nothing', async () => {
    const { PortfolioRiskManager } = await import('../../../bindings/manager/index.js');
    const { m } = await liveManager({ maxPortfolioVolatility: 0.01, maxGrossExposurePct: 0.6, drawdownGuard: { maxDrawdownPct: 0.2, resumeDrawdownPct: 0.1 } });
    m.updateConfig({ maxPortfolioVolatility: null, drawdown_guard: null, maxShockRisk: null });
    expect(m.config.maxGrossExposurePct).toBe(0.6);
    expect(m.config.drawdownGuard).toBeUndefined();
    const restored = PortfolioRiskManager.restoreSync(m.snapshot());
    expect(restored.config).toEqual(m.config);
    expect(Object.hasOwn(restored.config, 'maxPortfolioVolatility')).toBe(false);
    expect(propose(restored)).toEqual(propose(m));
    // The gross cap is still on: 50,000 held, 60,000 allowed.
    expect(propose(m)).toMatchObject({ binding: 'gross', allowedSize: 10_000 });
    expect(restored.snapshot()).toEqual(m.snapshot());
  });

  test('null at creation means absent: an empty YAML value', () => {
    const c = parseRiskConfig({ portfolio_risk: { max_portfolio_volatility: null, max_gross_exposure_pct: 1 } } as never);
    expect(Object.hasOwn(c, 'maxPortfolioVolatility')).toBe(false);
    expect(c).toEqual(parseRiskConfig({ portfolio_risk: { max_gross_exposure_pct: 1 } }));
  });

  const refused: [string, Record<string, unknown>, string, RegExp][] = [
    ['null for a key with a default', { maxSymbolExposurePct: null }, 'maxSymbolExposurePct', /expected number, received null/],
    ['null for a key with a default, snake_case', { min_fill_ratio: null }, 'min_fill_ratio', /expected number, received null/],
    ['null for enabled', { enabled: null }, 'enabled', /expected boolean, received null/],
    ['null for a fixed key', { timeframe: null }, 'timeframe', /fixed at creation/],
    ['a bad value next to a null', { maxPortfolioVolatility: null, max_shock_risk: -1 }, 'max_shock_risk', /Too small/],
    ['null inside a group', { groups: { l1: { symbols: ['BTC/USDT'], maxExposurePct: null } } }, 'groups.l1.maxExposurePct', /received null/],
  ];
  test.each(refused)('%s: a ConfigError naming the field, state unchanged', async (_, update, field, message) => {
    const { m, logger } = await liveManager({ maxPortfolioVolatility: 0.01 });
    const before = m.config;
    const answer = propose(m);
    const lines = logger.lines.length;
    let error: unknown;
    try {
      m.updateConfig(update as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as ConfigError).message).toMatch(message);
    expect(m.config).toBe(before);
    expect(propose(m)).toEqual(answer);
    expect(logger.lines.length).toBe(lines);
  });
});
