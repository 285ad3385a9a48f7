/**
 * The base asset of a market: what it is exposure to. ccxt writes spot as BASE/QUOTE and
 * derivatives as BASE/QUOTE:SETTLE, so BTC/USDT, BTC/USDC and BTC/USDT:USDT are all BTC. A
 * symbol not written that way (BTCUSDT, AAPL) is its own asset.
 */
export function baseAsset(symbol: string): string {
  const slash = symbol.indexOf('/');
  return slash > 0 ? symbol.slice(0, slash) : symbol;
}
