/**
 * A strict TypeScript bot written against the real ccxt typings (the pinned dev dependency):
 * what `fetchOHLCV` and `fetchPositions` return goes into the manager as it is, no cast and no
 * mapping, and the order helpers speak ccxt's `OrderSide`. `npm run typecheck` compiles it
 * against the built package with every strict flag.
 */
import type { Exchange, OHLCV, OrderSide, Position } from 'ccxt';
import { PortfolioRiskManager, orderAmount, orderSideToClose, sideOpenedBy } from 'portfolio-guard';

export async function tick(exchange: Exchange, risk: PortfolioRiskManager, symbol: string, side: OrderSide, amount: number): Promise<void> {
  risk.updateMarketData(symbol, await exchange.fetchOHLCV(symbol, '1h', undefined, 5));
  const rows: OHLCV[] = await exchange.fetchOHLCV(symbol, '1h');
  risk.updateMarketData(symbol, rows);
  // Rows typed loosely, as a bot's own helpers often have them, go in as well.
  const loose: (number | undefined)[][] = rows;
  risk.updateMarketData(symbol, loose);
  risk.syncPositions(await exchange.fetchPositions());
  const positions: Position[] = await exchange.fetchPositions([symbol]);
  risk.syncPositions(positions, { regimes: { [symbol]: 'TRENDING' } });

  const answer = risk.validateNewPosition({ symbol, side: sideOpenedBy(side), proposedQuantity: amount });
  const step = exchange.market(symbol).precision.amount;
  const allowed = orderAmount(answer, amount, step);
  if (allowed > 0) await exchange.createOrder(symbol, 'market', side, allowed);
  const close: OrderSide = orderSideToClose('long');
  void close;
}

export function refused(risk: PortfolioRiskManager): void {
  // @ts-expect-error -- a position's notional is a number, not the string an exchange's raw payload holds.
  risk.syncPositions([{ symbol: 'BTC/USDT:USDT', side: 'long', notional: '10750' }]);
  // @ts-expect-error -- orderSideToClose takes a position side, not an order side.
  orderSideToClose('buy');
}
