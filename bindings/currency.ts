/**
 * Currencies and the ccxt way of writing a market: `BASE/QUOTE` for spot, `BASE/QUOTE:SETTLE`
 * for derivatives. A price of `ETH/BTC` is in BTC, so valuing a quantity of it in a USDT
 * account takes a BTC → USDT rate. A symbol not written that way (`BTCUSDT`, `AAPL`) carries no
 * quote currency, and its prices are taken to be in the account currency.
 */
import { ValidationError, quote } from './errors.js';
import { checkName } from './names.js';

/** A currency code: any name without the two characters that build a market symbol around it. */
export const CURRENCY_PATTERN = /^[^/:]*$/;

/** A currency name: a name (non-empty, ≤ 256 units) without "/" or ":". */
export function checkCurrency(value: unknown, field: string): string {
  const name = checkName(value, field);
  if (!CURRENCY_PATTERN.test(name)) {
    throw new ValidationError(field, `must be a currency code without "/" or ":", got ${quote(name)}`, name);
  }
  return name;
}

/** The quote currency of a ccxt-style symbol, or undefined when it is not written BASE/QUOTE. */
export function quoteOf(symbol: string): string | undefined {
  const slash = symbol.indexOf('/');
  if (slash <= 0) return undefined;
  const colon = symbol.indexOf(':', slash + 1);
  const quoteCurrency = colon < 0 ? symbol.slice(slash + 1) : symbol.slice(slash + 1, colon);
  // A second slash or an empty quote is not ccxt's notation: no currency can be read from it.
  return quoteCurrency.length === 0 || quoteCurrency.includes('/') ? undefined : quoteCurrency;
}
