// One rule for every name, with one set of messages: a symbol, regime or position id is a
// non-empty string of at most 256 UTF-16 units, a strategy a string of at most 256; the engine
// and the manager refuse the same bad name with the same words, and a refused call changes
// nothing (a 10^8-character strategy would otherwise be kept, and written to every snapshot).
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../bindings/errors.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';

const T = 1_700_000_000_000;
const candles = Array.from({ length: 30 }, (_, k) => [T + k * 60_000, 0, 0, 0, 100 * Math.exp(0.01 * Math.sin(k)), 1]);

function manager(): PortfolioRiskManager {
  const m = PortfolioRiskManager.createSync({ enabled: true, correlationLookback: 20, minPeriods: 5 });
  m.updateMarketData('BTC/USDT', candles);
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'TRENDING' });
  return m;
}

function thrown(call: () => unknown): ValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('did not throw');
}

const LONGEST = 'N'.repeat(256);
const TOO_LONG = 'N'.repeat(257);
const position = { symbol: 'ETH/USDT', side: 'long', size: 1_000, regime: 'R' } as const;
const request = { symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000, regime: 'R' } as const;

describe('regime, strategy and id: at most 256 characters, in registerPosition and validateNewPosition', () => {
  const calls: [string, string, (m: PortfolioRiskManager, value: string) => unknown][] = [
    ['registerPosition', 'regime', (m, regime) => m.registerPosition({ ...position, regime })],
    ['registerPosition', 'strategy', (m, strategy) => m.registerPosition({ ...position, strategy })],
    ['registerPosition', 'id', (m, id) => m.registerPosition({ ...position, id })],
    ['validateNewPosition', 'regime', (m, regime) => m.validateNewPosition({ ...request, regime })],
    ['validateNewPosition', 'strategy', (m, strategy) => m.validateNewPosition({ ...request, strategy })],
  ];
  test.each(calls)('%s: %s of 257 is refused and changes nothing; 256 is accepted', (_call, field, call) => {
    const m = manager();
    const before = m.snapshot();
    const error = thrown(() => call(m, TOO_LONG));
    expect(error.field).toBe(field);
    expect(error.message).toBe(`${field}: must be at most 256 characters, got 257`);
    expect(m.snapshot()).toEqual(before);
    expect(() => call(m, LONGEST)).not.toThrow();
  });

  test('a 10^7-character strategy is refused before anything is kept', () => {
    const m = manager();
    const before = m.snapshot();
    expect(() => m.registerPosition({ ...position, strategy: 's'.repeat(1e7) })).toThrow('strategy: must be at most 256 characters, got 10000000');
    expect(m.snapshot()).toEqual(before);
  });

  test('an empty strategy is still fine (it is optional and informational)', () => {
    const m = manager();
    expect(m.getPosition(m.registerPosition({ ...position, strategy: '' }))!.strategy).toBe('');
  });
});

describe('the engine and the manager refuse a bad symbol with the same message', () => {
  const BAD: [string, unknown, string][] = [
    ['empty', '', 'must be a non-empty string, got ""'],
    ['a number', 42, 'must be a non-empty string, got 42'],
    ['undefined', undefined, 'must be a non-empty string, got undefined'],
    ['257 characters', TOO_LONG, 'must be at most 256 characters, got 257'],
  ];
  const entryPoints: [string, (m: PortfolioRiskManager, symbol: never) => unknown][] = [
    ['engine.setCandles', (m, s) => m.engine.setCandles(s, candles)],
    ['engine.addSymbol', (m, s) => m.engine.addSymbol(s)],
    ['updateMarketData', (m, s) => m.updateMarketData(s, candles)],
    ['registerPosition', (m, s) => m.registerPosition({ ...position, symbol: s })],
    ['validateNewPosition', (m, s) => m.validateNewPosition({ ...request, symbol: s })],
    ['getSymbolExposure', (m, s) => m.getSymbolExposure(s)],
  ];
  for (const [what, symbol, message] of BAD) {
    test(`${what}`, () => {
      const m = manager();
      const before = m.snapshot();
      for (const [name, call] of entryPoints) {
        expect(thrown(() => call(m, symbol as never)).message, name).toBe(`symbol: ${message}`);
      }
      expect(thrown(() => m.getCorrelation('BTC/USDT', symbol as never)).message).toBe(`b: ${message}`);
      expect(thrown(() => m.unregisterPosition(symbol as never)).message).toBe(`idOrSymbol: ${message}`);
      expect(m.snapshot()).toEqual(before);
    });
  }
});
