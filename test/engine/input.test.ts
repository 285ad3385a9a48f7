import { describe, expect, test } from 'vitest';
import { CorrelationEngine } from '../../bindings/engine.js';
import { NotFoundError, ValidationError } from '../../bindings/errors.js';

function loaded(): CorrelationEngine {
  const engine = CorrelationEngine.createSync({ window: 10, minPeriods: 3 });
  for (let i = 0; i < 3; i++) {
    engine.setCandles(`S${i}`, Array.from({ length: 15 }, (_, t) => [t, 0, 0, 0, 100 + ((t * (i + 3)) % 7), 0]));
  }
  return engine;
}

describe('bad candles throw a ValidationError naming the field and change nothing', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['non-finite close', [[20, 0, 0, 0, Infinity, 0]], /candles\[0\]\.close/],
    ['NaN close', [[20, 0, 0, 0, NaN, 0]], /candles\[0\]\.close/],
    ['zero close', [[20, 0, 0, 0, 0, 0]], /candles\[0\]\.close: must be a finite price > 0, got 0/],
    ['negative close', [{ timestamp: 20, close: -1 }], /candles\[0\]\.close/],
    ['string close', [{ timestamp: 20, close: '5' }], /candles\[0\]\.close/],
    ['short array', [[20, 1, 2]], /candles\[0\]: must be \[timestamp/],
    ['not an array', { 0: [20, 0, 0, 0, 1, 0] }, /^candles: must be an array/],
    ['null candle', [null], /candles\[0\]: must be an OHLCV array/],
    ['fractional timestamp', [[20.5, 0, 0, 0, 1, 0]], /candles\[0\]\.timestamp: must be an integer/],
    ['missing timestamp', [{ close: 1 }], /candles\[0\]\.timestamp: is missing/],
    ['unsorted', [[21, 0, 0, 0, 1, 0], [20, 0, 0, 0, 1, 0]], /candles\[1\]\.timestamp: is older than/],
    ['duplicate', [[21, 0, 0, 0, 1, 0], [21, 0, 0, 0, 2, 0]], /candles\[1\]\.timestamp: duplicates/],
    ['bad late candle after good ones', [[16, 0, 0, 0, 1, 0], [17, 0, 0, 0, -2, 0]], /candles\[1\]\.close/],
  ];
  for (const [name, candles, message] of cases) {
    test(name, () => {
      const engine = loaded();
      const before = engine.exportState();
      expect(() => engine.setCandles('S1', candles as never)).toThrow(ValidationError);
      expect(() => engine.setCandles('S1', candles as never)).toThrow(message);
      expect(() => engine.setCandles('NEW', candles as never)).toThrow(ValidationError);
      expect(engine.exportState()).toEqual(before);
    });
  }

  test('symbol names: empty, non-string and too long are refused; __proto__ and unicode are data', () => {
    const engine = loaded();
    const before = engine.exportState();
    expect(() => engine.setCandles('', [])).toThrow('symbol: must be a non-empty string, got ""');
    expect(() => engine.setCandles(42 as never, [])).toThrow('symbol: must be a non-empty string, got 42');
    expect(() => engine.setCandles('x'.repeat(257), [])).toThrow(/at most 256/);
    expect(engine.exportState()).toEqual(before);
    for (const name of ['__proto__', 'constructor', 'toString', 'BTC/USDT', 'ЕВРО€']) {
      engine.setCandles(name, Array.from({ length: 15 }, (_, t) => [t, 0, 0, 0, 50 + (t % 4), 0]));
    }
    expect(engine.symbols().slice(3)).toEqual(['__proto__', 'constructor', 'toString', 'BTC/USDT', 'ЕВРО€']);
    expect(engine.correlation('__proto__', 'constructor')).toBeCloseTo(1, 12);
  });

  test('pushRow checks its timestamp and one close per symbol', () => {
    const engine = loaded();
    const before = engine.exportState();
    expect(() => engine.pushRow(30, new Float64Array(2))).toThrow(/closes: must hold one close per symbol \(3\)/);
    expect(() => engine.pushRow(30, [1, 0, 1])).toThrow(/closes\[1\]/);
    expect(() => engine.pushRow(30.5, [1, 1, 1])).toThrow(/timestamp/);
    expect(engine.exportState()).toEqual(before);
  });

  test('unknown symbols and ids are NotFoundErrors', () => {
    const engine = loaded();
    expect(() => engine.correlation('S0', 'nope')).toThrow(NotFoundError);
    expect(() => engine.correlationById(0, 3)).toThrow(NotFoundError);
    expect(() => engine.row('nope')).toThrow(/symbol: unknown symbol "nope"/);
  });

  test('engine options are validated', () => {
    expect(() => CorrelationEngine.createSync({ window: 0 })).toThrow(/window/);
    expect(() => CorrelationEngine.createSync({ window: 10, minPeriods: 11 })).toThrow(/minPeriods/);
    expect(() => CorrelationEngine.createSync({ simd: 'yes' as never })).toThrow(/simd/);
  });

  test('engine options: the same checks and messages as the manager\'s, as ValidationErrors', () => {
    const refused = (options: unknown): ValidationError => {
      try {
        CorrelationEngine.createSync(options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return error as ValidationError;
      }
      throw new Error(`accepted ${String(options)}`);
    };
    expect(refused({ simd: 'yes' }).message).toBe("simd: must be 'auto', true or false, got \"yes\"");
    expect(refused({ windw: 50 }).message).toBe('windw: unknown option (known: window, minPeriods, initialCapacity, maxSymbols, simd)');
    expect(refused({ windw: 50 }).value).toBe(50);
    expect(refused(null).message).toBe('options: must be an object, got null');
    expect(refused(7).field).toBe('options');
    expect(CorrelationEngine.createSync(undefined).window).toBe(100);
  });
});
