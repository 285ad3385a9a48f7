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
