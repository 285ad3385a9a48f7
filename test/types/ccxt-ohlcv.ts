/**
 * A strict TypeScript consumer that feeds ccxt's candles straight in, as a bot written against
 * ccxt's typings does: no cast, no mapping. `npm run typecheck` compiles it against the built
 * package (`portfolio-guard` resolves to dist/, as it does for a user) with every strict flag.
 *
 * `Num` and `OHLCV` are ccxt's own definitions (ccxt's types.ts): every field of a row may be
 * undefined in the type, timestamp and close included; the manager checks them at run time.
 */
import { PortfolioRiskManager, type Candle } from 'portfolio-guard';

type Num = number | undefined;
type OHLCV = [Num, Num, Num, Num, Num, Num];

/** The part of a ccxt Exchange a bot's candle loop calls. */
interface Exchange {
  fetchOHLCV(symbol: string, timeframe?: string, since?: number, limit?: number): Promise<OHLCV[]>;
}

export async function feed(exchange: Exchange, risk: PortfolioRiskManager): Promise<void> {
  risk.updateMarketData('BTC/USDT', await exchange.fetchOHLCV('BTC/USDT', '1h'));
  const rows: OHLCV[] = await exchange.fetchOHLCV('ETH/USDT', '1h', undefined, 5);
  risk.updateMarketData('ETH/USDT', rows);
  risk.updateMarketData('SOL/USDT', rows.slice(-3));
  // A readonly array of rows, and a row with a Date, are candles too.
  const frozen: readonly OHLCV[] = rows;
  risk.updateMarketData('SOL/USDT', frozen);
  const dated: Candle[] = [[new Date(), 1, 1, 1, 1, 1], { time: new Date(), close: 1 }];
  risk.updateMarketData('SOL/USDT', dated);
}

export function refused(risk: PortfolioRiskManager): void {
  // @ts-expect-error -- rows of strings are not candles (the check above would pass anything otherwise).
  risk.updateMarketData('BTC/USDT', [['1704067200000', '1', '1', '1', '1', '1']]);
  // @ts-expect-error -- a candle object needs its close.
  risk.updateMarketData('BTC/USDT', [{ timestamp: 1_704_067_200_000 }]);
}
