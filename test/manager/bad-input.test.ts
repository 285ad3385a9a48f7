// Bad input throws the typed error naming the field, and leaves state exactly as it was.
import { describe, expect, test } from 'vitest';
import { NotFoundError, ValidationError, type PortfolioGuardError } from '../../bindings/errors.js';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { candlesFromReturns, enabledManager, observableState, returnsWithCorrelation } from './helpers.js';

function populated(): PortfolioRiskManager {
  const m = enabledManager();
  const { x, y } = returnsWithCorrelation(0.7, 30);
  m.updateMarketData('BTC/USDT', candlesFromReturns(x));
  m.updateMarketData('ETH/USDT', candlesFromReturns(y));
  m.updateEquity(100_000);
  m.registerPosition({ symbol: 'BTC/USDT', side: 'long', size: 10_000, regime: 'T' });
  m.registerPosition({ symbol: 'ETH/USDT', side: 'short', size: 5_000, regime: 'R' });
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 30_000, regime: 'T' });
  return m;
}

type Call = (m: PortfolioRiskManager) => unknown;
const any = (v: unknown) => v as never;
const good = { symbol: 'SOL/USDT', side: 'long', proposedSize: 1_000, regime: 'T' };

const cases: [string, Call, typeof ValidationError | typeof NotFoundError, string][] = [
  ['equity NaN', (m) => m.updateEquity(Number.NaN), ValidationError, 'equity'],
  ['register: empty symbol', (m) => m.registerPosition(any({ symbol: '', side: 'long', size: 1, regime: 'T' })), ValidationError, 'symbol'],
  ['register: non-string symbol', (m) => m.registerPosition(any({ symbol: 42, side: 'long', size: 1, regime: 'T' })), ValidationError, 'symbol'],
  ['register: unknown side', (m) => m.registerPosition(any({ symbol: 'A', side: 'buy', size: 1, regime: 'T' })), ValidationError, 'side'],
  ['register: negative size', (m) => m.registerPosition(any({ symbol: 'A', side: 'long', size: -1, regime: 'T' })), ValidationError, 'size'],
  ['register: zero size', (m) => m.registerPosition(any({ symbol: 'A', side: 'long', size: 0, regime: 'T' })), ValidationError, 'size'],
  ['register: infinite size', (m) => m.registerPosition(any({ symbol: 'A', side: 'long', size: Infinity, regime: 'T' })), ValidationError, 'size'],
  ['register: missing regime', (m) => m.registerPosition(any({ symbol: 'A', side: 'long', size: 1 })), ValidationError, 'regime'],
  ['register: non-string strategy', (m) => m.registerPosition(any({ symbol: 'A', side: 'long', size: 1, regime: 'T', strategy: 3 })), ValidationError, 'strategy'],
  ['register: duplicate id', (m) => m.registerPosition({ id: 'p1', symbol: 'A', side: 'long', size: 1, regime: 'T' }), ValidationError, 'id'],
  ['register: not an object', (m) => m.registerPosition(any(null)), ValidationError, 'position'],
  ['unregister: unknown', (m) => m.unregisterPosition('XRP/USDT'), NotFoundError, 'idOrSymbol'],
  ['unregister: empty', (m) => m.unregisterPosition(''), ValidationError, 'idOrSymbol'],
  ['resize: unknown id', (m) => m.resizePosition('p99', 1), NotFoundError, 'id'],
  ['resize: negative', (m) => m.resizePosition('p1', -5), ValidationError, 'size'],
  ['resize: NaN', (m) => m.resizePosition('p1', Number.NaN), ValidationError, 'size'],
  ['validate: negative size', (m) => m.validateNewPosition(any({ ...good, proposedSize: -1 })), ValidationError, 'proposedSize'],
  ['validate: NaN size', (m) => m.validateNewPosition(any({ ...good, proposedSize: Number.NaN })), ValidationError, 'proposedSize'],
  ['validate: size as string', (m) => m.validateNewPosition(any({ ...good, proposedSize: '1000' })), ValidationError, 'proposedSize'],
  ['validate: unknown side', (m) => m.validateNewPosition(any({ ...good, side: 'LONG' })), ValidationError, 'side'],
  ['validate: empty symbol', (m) => m.validateNewPosition(any({ ...good, symbol: '' })), ValidationError, 'symbol'],
  ['validate: empty regime', (m) => m.validateNewPosition(any({ ...good, regime: '' })), ValidationError, 'regime'],
  ['validate: no request', (m) => m.validateNewPosition(any(undefined)), ValidationError, 'request'],
  ['candles: bad close', (m) => m.updateMarketData('BTC/USDT', [[1, 0, 0, 0, 100, 0], [2, 0, 0, 0, 101, 0], [3, 0, 0, 0, 102, 0], [4, 0, 0, 0, -1, 0]]), ValidationError, 'candles[3].close'],
  ['candles: duplicate timestamp', (m) => m.updateMarketData('NEW', [{ timestamp: 5, close: 1 }, { timestamp: 5, close: 2 }]), ValidationError, 'candles[1].timestamp'],
  ['candles: empty symbol', (m) => m.updateMarketData('', []), ValidationError, 'symbol'],
  ['exposure: empty symbol', (m) => m.getSymbolExposure(''), ValidationError, 'symbol'],
  ['exposure: unknown side', (m) => m.getDirectionalExposure(any('flat')), ValidationError, 'side'],
  ['correlation: non-string', (m) => m.getCorrelation('BTC/USDT', any(null)), ValidationError, 'b'],
  ['on: unknown event', (m) => m.on(any('filled'), () => {}), ValidationError, 'event'],
];

describe('each bad call throws a typed error naming the field and changes nothing', () => {
  test.each(cases)('%s', (_name, call, type, field) => {
    const m = populated();
    const before = observableState(m);
    let caught: unknown;
    try {
      call(m);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(type);
    expect((caught as PortfolioGuardError).field).toBe(field);
    expect((caught as Error).message.startsWith(`${field}: `)).toBe(true);
    expect(observableState(m)).toEqual(before);
    expect(m.getCorrelation('BTC/USDT', 'ETH/USDT')).toBeCloseTo(0.7, 12);
  });
});
