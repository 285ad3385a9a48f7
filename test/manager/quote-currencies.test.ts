// Quote currencies: with an accountCurrency, a quantity of BASE/QUOTE (or BASE/QUOTE:SETTLE) is
// worth quantity × close × the QUOTE → ACCOUNT rate: the close of QUOTE/ACCOUNT when the manager
// has its candles, else 1 / the close of ACCOUNT/QUOTE, else the rate set with
// updateQuoteRate, else NO_PRICE. Without an accountCurrency, prices are in account currency.
import { expect, test } from 'vitest';
import { ValidationError } from '../../bindings/errors.js';
import type { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { enabledManager } from './helpers.js';

const t0 = Date.UTC(2024, 0, 1);
const close = (m: PortfolioRiskManager, symbol: string, price: number, bar = 0) => m.updateMarketData(symbol, [[t0 + bar * 60_000, 0, 0, 0, price, 1]]);
const worth = (m: PortfolioRiskManager, id: string) => m.getPosition(id)!.size;

test('ETH/BTC in a USDT account: quantity × the ETH/BTC close × the BTC/USDT close, re-marked when either moves', () => {
  const m = enabledManager({ accountCurrency: 'USDT' });
  close(m, 'ETH/BTC', 0.05);
  close(m, 'BTC/USDT', 40_000);
  const id = m.registerPosition({ symbol: 'ETH/BTC', side: 'long', quantity: 10, regime: 'R' });
  expect(worth(m, id)).toBe(10 * 0.05 * 40_000);
  close(m, 'BTC/USDT', 50_000, 1);
  expect(worth(m, id)).toBe(10 * 0.05 * 50_000);
  close(m, 'ETH/BTC', 0.04, 1);
  expect(worth(m, id)).toBe(10 * 0.04 * 50_000);
});

test('the inverse pair: a USDT-quoted symbol in a BTC account divides by the BTC/USDT close', () => {
  const m = enabledManager({ accountCurrency: 'BTC' });
  close(m, 'ETH/USDT', 2_000);
  close(m, 'BTC/USDT', 40_000);
  const id = m.registerPosition({ symbol: 'ETH/USDT', side: 'short', quantity: 2, regime: 'R' });
  expect(worth(m, id)).toBe(2 * 2_000 * (1 / 40_000));
  m.updateEquity(1);
  expect(m.getDirectionalExposure('short')).toBe(2 * 2_000 * (1 / 40_000));
});

test('with candles of both QUOTE/ACCOUNT and ACCOUNT/QUOTE, the direct pair is the rate', () => {
  const m = enabledManager({ accountCurrency: 'USDT' });
  close(m, 'ETH/BTC', 0.05);
  close(m, 'USDT/BTC', 1 / 50_000); // would value BTC at 50,000
  const id = m.registerPosition({ symbol: 'ETH/BTC', side: 'long', quantity: 10 });
  expect(worth(m, id)).toBe(10 * 0.05 * (1 / (1 / 50_000)));
  close(m, 'BTC/USDT', 40_000);
  expect(worth(m, id)).toBe(10 * 0.05 * 40_000);
});

test('updateQuoteRate when there are no candles of the currency; candles of it take over once they arrive', () => {
  const m = enabledManager({ account_currency: 'USDT' });
  m.updateEquity(100_000);
  close(m, 'SAP/EUR', 200);
  const none = m.validateNewPosition({ symbol: 'SAP/EUR', side: 'long', proposedQuantity: 10, regime: 'R' });
  expect([none.code, none.reason]).toEqual(['NO_PRICE', 'no_price: no rate for EUR: send candles of EUR/<account currency> or call updateQuoteRate("EUR", rate)']);
  m.updateQuoteRate('EUR', 1.1);
  const id = m.registerPosition({ symbol: 'SAP/EUR', side: 'long', quantity: 10, regime: 'R' });
  expect(worth(m, id)).toBe(10 * 200 * 1.1);
  close(m, 'EUR/USDT', 1.05);
  expect(worth(m, id)).toBe(10 * 200 * 1.05);
  m.updateQuoteRate('EUR', 2); // candles win
  expect(worth(m, id)).toBe(10 * 200 * 1.05);
});

test('symbols: BASE/QUOTE:SETTLE is quoted in QUOTE; the account currency itself and non-ccxt names need no rate', () => {
  const m = enabledManager({ accountCurrency: 'USDT' });
  close(m, 'BTC/USDT:USDT', 40_000);
  close(m, 'BTCUSDT', 40_000);
  close(m, 'BTC/USD:BTC', 40_000);
  expect(worth(m, m.registerPosition({ symbol: 'BTC/USDT:USDT', side: 'long', quantity: 1 }))).toBe(40_000);
  expect(worth(m, m.registerPosition({ symbol: 'BTCUSDT', side: 'long', quantity: 1 }))).toBe(40_000);
  const inverse = m.registerPosition({ symbol: 'BTC/USD:BTC', side: 'long', quantity: 1 });
  expect(worth(m, inverse)).toBeNaN(); // USD → USDT unknown
  m.updateQuoteRate('USD', 1);
  expect(worth(m, inverse)).toBe(40_000);
});

test('without an accountCurrency every price is taken to be in account currency', () => {
  const m = enabledManager();
  close(m, 'ETH/BTC', 0.05);
  expect(worth(m, m.registerPosition({ symbol: 'ETH/BTC', side: 'long', quantity: 10 }))).toBe(0.5);
  expect(() => m.updateQuoteRate('BTC', 40_000)).toThrow(ValidationError);
});

test('the account currency has no rate to set', () => {
  const m = enabledManager({ accountCurrency: 'USDT' });
  expect(() => m.updateQuoteRate('USDT', 1)).toThrow('currency: is the account currency (its rate is 1), got "USDT"');
});
