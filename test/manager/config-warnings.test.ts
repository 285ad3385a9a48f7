// Config that cannot be misread: a cap above 1 is accepted (leverage is real) but said out loud
// ("25 = 2,500% of equity"), at creation and when a live update sets one; a disabled manager
// created with rule keys says those keys do nothing.
import { expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { recordingLogger } from './helpers.js';

function warnings(config: Record<string, unknown>): string[] {
  const logger = recordingLogger();
  PortfolioRiskManager.createSync(config, { logger });
  return logger.lines.filter((l) => l.level === 'warn').map((l) => l.line);
}

test('a percentage where a fraction is meant: accepted, and the warn says what it means', () => {
  expect(warnings({ portfolio_risk: { enabled: true, max_symbol_exposure_pct: 25, max_regime_exposure_pct: 1.5 } })).toEqual([
    '[PORTFOLIO_RISK] maxSymbolExposurePct=25 means 2,500% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
    '[PORTFOLIO_RISK] maxRegimeExposurePct=1.5 means 150% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
  ]);
  expect(PortfolioRiskManager.createSync({ max_symbol_exposure_pct: 25 }).config.maxSymbolExposurePct).toBe(25);
});

test('the book-level caps are fractions of equity too: gross, net, asset and every group cap', () => {
  expect(
    warnings({
      portfolio_risk: {
        enabled: true,
        max_gross_exposure_pct: 25,
        max_net_exposure_pct: 0.8,
        max_asset_exposure_pct: 1.25,
        groups: { L1: { symbols: ['BTC/USDT'], max_exposure_pct: 40 }, MEME: { symbols: ['DOGE/USDT'], max_exposure_pct: 0.1 } },
      },
    }),
  ).toEqual([
    '[PORTFOLIO_RISK] maxGrossExposurePct=25 means 2,500% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
    '[PORTFOLIO_RISK] maxAssetExposurePct=1.25 means 125% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
    '[PORTFOLIO_RISK] groups.L1.maxExposurePct=40 means 4,000% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
  ]);
  // A live update warns for a book-level cap it newly sets above 1, not for one it leaves as it was.
  const logger = recordingLogger();
  const m = PortfolioRiskManager.createSync({ enabled: true, maxGrossExposurePct: 1.5 }, { logger });
  m.updateConfig({ maxGrossExposurePct: 1.5, maxNetExposurePct: 2 });
  expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.line)).toEqual([
    '[PORTFOLIO_RISK] maxGrossExposurePct=1.5 means 150% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
    '[PORTFOLIO_RISK] maxNetExposurePct=2 means 200% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
  ]);
});

test('rule keys on a disabled manager: one warn naming them; none without rule keys or when enabled', () => {
  expect(warnings({ portfolio_risk: { max_symbol_exposure_pct: 0.2, min_fill_ratio: 0.3, correlation_lookback: 50 } })).toEqual([
    '[PORTFOLIO_RISK] enabled is false, so maxSymbolExposurePct, minFillRatio change nothing: every trade is allowed at 1.0 until enabled: true',
  ]);
  expect(warnings({ enabled: false })).toEqual([]);
  expect(warnings({ correlationLookback: 50, timeframe: '1h' })).toEqual([]);
  expect(warnings({ enabled: true, maxSymbolExposurePct: 0.2 })).toEqual([]);
  expect(warnings({})).toEqual([]);
});

test('a live update that sets a cap above 1 warns too', () => {
  const logger = recordingLogger();
  const m = PortfolioRiskManager.createSync({ enabled: true }, { logger });
  m.updateConfig({ maxDirectionalExposurePct: 3 });
  m.updateConfig({ minFillRatio: 0.2 }); // the cap is unchanged: said once
  expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.line)).toEqual([
    '[PORTFOLIO_RISK] maxDirectionalExposurePct=3 means 300% of equity: caps are fractions (0.25 is 25%); above 1 only makes sense with leverage',
  ]);
});
