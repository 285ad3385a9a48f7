// A name is checked once per call: updateMarketData leaves the symbol to the engine, which
// checks it once before parsing the candles and adding the symbol (not again on the way in).
import { expect, test, vi } from 'vitest';
import * as names from '../../bindings/names.js';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';

vi.mock('../../bindings/names.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../bindings/names.js')>();
  return { ...original, checkName: vi.fn(original.checkName) };
});

const T = 1_700_000_000_000;
const candles = Array.from({ length: 5 }, (_, k) => [T + k * 60_000, 0, 0, 0, 100 + k, 1]);

test('one updateMarketData, one check of its symbol (new symbol and known symbol alike)', () => {
  const m = PortfolioRiskManager.createSync({ enabled: true });
  const checkName = vi.mocked(names.checkName);
  for (const symbol of ['BTC/USDT', 'BTC/USDT', 'ETH/USDT']) {
    checkName.mockClear();
    m.updateMarketData(symbol, candles);
    expect(checkName.mock.calls).toEqual([[symbol, 'symbol']]);
  }
});

test('registerPosition and validateNewPosition check each name once', () => {
  const m = PortfolioRiskManager.createSync({ enabled: true });
  m.updateEquity(100_000);
  const checkName = vi.mocked(names.checkName);
  checkName.mockClear();
  m.registerPosition({ id: 'mine', symbol: 'BTC/USDT', side: 'long', size: 1_000, regime: 'R' });
  expect(checkName.mock.calls).toEqual([['mine', 'id'], ['BTC/USDT', 'symbol'], ['R', 'regime']]);
  checkName.mockClear();
  m.validateNewPosition({ symbol: 'ETH/USDT', side: 'long', proposedSize: 1_000, regime: 'R' });
  expect(checkName.mock.calls).toEqual([['ETH/USDT', 'symbol'], ['R', 'regime']]);
});
