// Trading states and the drawdown guard: halted blocks everything, reducing allows only what
// lowers gross exposure, and the guard trips at maxDrawdownPct below the equity peak and
// resumes at resumeDrawdownPct, releasing only a state it set itself.
import { describe, expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../../bindings/manager/index.js';
import { ValidationError } from '../../../bindings/errors.js';
import { enabledManager } from '../helpers.js';

describe('setTradingState', () => {
  test("halted blocks every validation with code HALTED, counted; active trades again", () => {
    const m = enabledManager();
    m.updateEquity(100_000);
    m.setTradingState('halted');
    expect(m.tradingState).toBe('halted');
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 1_000 })).toMatchObject({ allowed: false, code: 'HALTED', binding: 'halted', sizeMultiplier: 0, details: null });
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedQuantity: 1 })).toMatchObject({ code: 'HALTED', allowedQuantity: 0 });
    expect(m.getStats()).toMatchObject({ blockedTrades: 2, blockedByPortfolioRule: { halted: 2 }, tradingState: 'halted' });
    m.setTradingState('active');
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 1_000 }).code).toBe('ALLOWED');
  });

  test('reducing, hedge mode: every new position is blocked', () => {
    const m = enabledManager();
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000 });
    m.setTradingState('reducing');
    for (const side of ['long', 'short'] as const) {
      expect(m.validateNewPosition({ symbol: 'BTC/USDT', side, proposedSize: 1_000 })).toMatchObject({ code: 'BLOCKED', binding: 'reducing', reason: 'trading_state_reducing_blocked_0.00' });
    }
  });

  test('reducing, netting mode: an offsetting trade is allowed, the part past the net is not', () => {
    const m = enabledManager({ positionMode: 'netting' });
    m.updateEquity(100_000);
    m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000 });
    m.setTradingState('reducing');
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize: 6_000 })).toMatchObject({ code: 'ALLOWED', allowedSize: 6_000 });
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'short', proposedSize: 16_000 })).toMatchObject({ code: 'REDUCED', binding: 'reducing', allowedSize: 10_000 });
    expect(m.validateNewPosition({ symbol: 'BTC/USDT', side: 'long', proposedSize: 1_000 })).toMatchObject({ code: 'BLOCKED', binding: 'reducing' });
    expect(m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000 })).toMatchObject({ code: 'BLOCKED', binding: 'reducing' });
  });

  test('a bad state is a ValidationError naming the field, and changes nothing', () => {
    const m = enabledManager();
    expect(() => m.setTradingState('paused' as never)).toThrow(ValidationError);
    try {
      m.setTradingState('paused' as never);
    } catch (e) {
      expect((e as ValidationError).field).toBe('state');
    }
    expect(m.tradingState).toBe('active');
  });

  test('every change fires one tradingState event; setting the same state fires none', () => {
    const m = enabledManager();
    const seen: string[] = [];
    m.on('tradingState', (c) => seen.push(`${c.from}->${c.to} ${c.cause}`));
    m.setTradingState('reducing');
    m.setTradingState('reducing');
    m.setTradingState('halted');
    m.setTradingState('active');
    expect(seen).toEqual(['active->reducing manual', 'reducing->halted manual', 'halted->active manual']);
  });
});

describe('drawdownGuard', () => {
  const guard = { drawdownGuard: { maxDrawdownPct: 0.2, resumeDrawdownPct: 0.05 } };

  test('trips at 20% below the peak, holds while the drawdown is above 5%, resumes at 5%', () => {
    const m = enabledManager(guard);
    const seen: string[] = [];
    m.on('tradingState', (c) => seen.push(`${c.to} ${c.cause} ${c.drawdown.toFixed(4)}`));
    const path: [number, string][] = [
      [100_000, 'active'],
      [120_000, 'active'], // new peak
      [96_500, 'active'], // 19.58%
      [96_000, 'reducing'], // exactly 20%
      [80_000, 'reducing'],
    ];
    for (const [equity, state] of path) {
      m.updateEquity(equity);
      expect(m.tradingState, `at ${equity}`).toBe(state);
    }
    m.updateEquity(113_000); // 5.83%: still reducing (a recovery that has not reached the resume level)
    expect(m.tradingState).toBe('reducing');
    m.updateEquity(114_000); // exactly 5%: resumes
    expect(m.tradingState).toBe('active');
    expect(seen).toEqual(['reducing drawdown 0.2000', 'active recovered 0.0500']);
  });

  test('the peak is a high-water mark: it does not reset when the guard trips (a recovery is measured from it)', () => {
    const m = enabledManager(guard);
    m.updateEquity(100_000);
    m.updateEquity(75_000); // trips
    // Positions were cut; equity steadies at 76,000: still 24% below the peak, so still reducing
    // (the guard does not re-arm from the new level, which is what would trade the drawdown again).
    m.updateEquity(76_000);
    expect(m.tradingState).toBe('reducing');
    m.updateEquity(95_000);
    expect(m.tradingState).toBe('active');
    // A new peak moves the trip level with it.
    m.updateEquity(150_000);
    m.updateEquity(121_000); // 19.3%
    expect(m.tradingState).toBe('active');
    m.updateEquity(119_000); // 20.7%
    expect(m.tradingState).toBe('reducing');
  });

  test('a state set by hand is not released by the guard, and halted is never touched', () => {
    const m = enabledManager(guard);
    m.updateEquity(100_000);
    m.setTradingState('reducing');
    m.updateEquity(101_000);
    expect(m.tradingState).toBe('reducing');
    m.setTradingState('halted');
    m.updateEquity(50_000);
    expect(m.tradingState).toBe('halted');
    m.setTradingState('active');
    m.updateEquity(50_000); // 50% below the 101,000 peak
    expect(m.tradingState).toBe('reducing');
  });

  test('the peak and the state survive a snapshot', () => {
    const m = enabledManager(guard);
    m.updateEquity(100_000);
    m.updateEquity(79_000);
    const restored = PortfolioRiskManager.restoreSync(m.snapshot());
    expect(restored.tradingState).toBe('reducing');
    expect(restored.config.drawdownGuard).toEqual(guard.drawdownGuard);
    restored.updateEquity(94_000); // 6% below the restored peak of 100,000
    expect(restored.tradingState).toBe('reducing');
    restored.updateEquity(95_000);
    expect(restored.tradingState).toBe('active');
  });

  test('without a guard, equity moves change nothing', () => {
    const m = enabledManager();
    m.updateEquity(100_000);
    m.updateEquity(1);
    expect(m.tradingState).toBe('active');
  });
});

describe('switching the drawdown guard off', () => {
  test('drawdownGuard: null leaves a reducing the guard set in place; setting the guard again can release it', () => {
    const m = enabledManager({ drawdownGuard: { maxDrawdownPct: 0.2, resumeDrawdownPct: 0.05 } });
    m.updateEquity(120_000);
    m.updateEquity(96_000); // 20% below the peak
    expect(m.tradingState).toBe('reducing');
    m.updateConfig({ drawdownGuard: null });
    expect(m.config.drawdownGuard).toBeUndefined();
    m.updateEquity(119_000); // would have resumed under the guard
    expect(m.tradingState).toBe('reducing');
    m.updateConfig({ drawdown_guard: { max_drawdown_pct: 0.2, resume_drawdown_pct: 0.05 } });
    m.updateEquity(119_000);
    expect(m.tradingState).toBe('active');
  });
});
