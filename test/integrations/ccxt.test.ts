// The manager against the real ccxt package, offline: a Binance USDⓈ-M exchange object
// (`new ccxt.binanceusdm()`) whose HTTP is replaced by responses written below in Binance's
// own wire format (exchangeInfo, positionRisk v3, klines). ccxt's parsers turn them into
// unified markets, positions and candles exactly as they do on the wire; the manager takes
// those as they are. Expected exposures are worked by hand from the payloads.
import ccxt from 'ccxt';
import { describe, expect, test } from 'vitest';
import { PortfolioRiskManager } from '../../bindings/manager/index.js';
import { orderAmount, orderSideToOpen, sideOpenedBy } from '../../bindings/orders.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** One perpetual of GET /fapi/v1/exchangeInfo (the fields ccxt's parseMarket reads). */
function perpetual(symbol: string, baseAsset: string, stepSize: string) {
  return {
    symbol, pair: symbol, contractType: 'PERPETUAL', deliveryDate: 4133404800000, onboardDate: 1569398400000, status: 'TRADING',
    maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000', baseAsset, quoteAsset: 'USDT', marginAsset: 'USDT',
    pricePrecision: 2, quantityPrecision: 3, baseAssetPrecision: 8, quotePrecision: 8, underlyingType: 'COIN', underlyingSubType: [],
    triggerProtect: '0.0500', liquidationFee: '0.012500', marketTakeBound: '0.05', maxMoveOrderLimit: 10000,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '4529764', tickSize: '0.01' },
      { filterType: 'LOT_SIZE', stepSize, maxQty: '1000', minQty: stepSize },
      { filterType: 'MARKET_LOT_SIZE', stepSize, maxQty: '120', minQty: stepSize },
      { filterType: 'MIN_NOTIONAL', notional: '5' },
    ],
    orderTypes: ['LIMIT', 'MARKET'], timeInForce: ['GTC', 'IOC'],
  };
}

/** One entry of GET /fapi/v3/positionRisk: a signed positionAmt and notional, strings as Binance sends them. */
function risk(symbol: string, positionSide: string, positionAmt: string, markPrice: string, notional: string) {
  return {
    symbol, positionSide, positionAmt, entryPrice: markPrice, breakEvenPrice: markPrice, markPrice, unRealizedProfit: '0.00000000',
    liquidationPrice: '0', isolatedMargin: '0', notional, marginAsset: 'USDT', isolatedWallet: '0', initialMargin: '0',
    maintMargin: '0', positionInitialMargin: '0', openOrderInitialMargin: '0', adl: 2, bidNotional: '0', askNotional: '0',
    updateTime: T0,
  };
}

/** GET /fapi/v1/klines rows: [openTime, open, high, low, close, volume, closeTime, …] with prices as strings. */
function klines(closes: number[]) {
  return closes.map((c, k) => [T0 + k * HOUR, String(c), String(c), String(c), String(c), '10.0', T0 + (k + 1) * HOUR - 1, '0', 1, '0', '0', '0']);
}

/** A binanceusdm whose every request is answered from `routes` (path → body); anything else fails the test. */
function offlineBinance(routes: Record<string, unknown>) {
  const exchange = new ccxt.binanceusdm({ apiKey: 'offline-key', secret: 'offline-secret' });
  exchange.setMarkets([perpetual('BTCUSDT', 'BTC', '0.001'), perpetual('ETHUSDT', 'ETH', '0.001'), perpetual('SOLUSDT', 'SOL', '1')].map((m) => exchange.parseMarket(m)));
  const requested: string[] = [];
  exchange.fetch = async (url: string) => {
    const path = new URL(url).pathname;
    requested.push(path);
    if (!(path in routes)) throw new Error(`unexpected request ${path}`);
    return routes[path];
  };
  return { exchange, requested };
}

async function manager(config: Record<string, unknown> = {}) {
  const m = await PortfolioRiskManager.create({ enabled: true, ...config });
  m.updateEquity(100_000);
  return m;
}

describe('fetchPositions → syncPositions', () => {
  const first = [
    risk('BTCUSDT', 'BOTH', '0.250', '43000.00000000', '10750.00000000'),
    risk('ETHUSDT', 'BOTH', '-3.000', '2250.00000000', '-6750.00000000'),
  ];

  test('ccxt parses Binance position risk into unified positions the manager takes as they are', async () => {
    const { exchange, requested } = offlineBinance({ '/fapi/v3/positionRisk': first, '/fapi/v1/leverageBracket': [] });
    const positions = await exchange.fetchPositions();
    expect(requested).toContain('/fapi/v3/positionRisk');
    expect(positions.map((p) => [p.symbol, p.side, p.contracts, p.notional])).toEqual([
      ['BTC/USDT:USDT', 'long', 0.25, 10_750],
      ['ETH/USDT:USDT', 'short', 3, 6_750],
    ]);
    const m = await manager();
    m.syncPositions(positions);
    // 10,750 / 100,000 and 6,750 / 100,000.
    expect(m.getSymbolExposure('BTC/USDT:USDT')).toBe(0.1075);
    expect(m.getSymbolExposure('ETH/USDT:USDT')).toBe(0.0675);
    expect(m.getDirectionalExposure('long')).toBe(0.1075);
    expect(m.getDirectionalExposure('short')).toBe(0.0675);
  });

  test('a later fetch: the BTC position keeps its id at its new notional, ETH closes, SOL opens', async () => {
    const m = await manager();
    const events: string[] = [];
    m.on('registered', ({ position: p }) => events.push(`+${p.id} ${p.symbol}`));
    m.on('unregistered', ({ position: p }) => events.push(`-${p.id} ${p.symbol}`));
    m.syncPositions(await offlineBinance({ '/fapi/v3/positionRisk': first, '/fapi/v1/leverageBracket': [] }).exchange.fetchPositions());
    const later = [
      risk('BTCUSDT', 'BOTH', '0.400', '43500.00000000', '17400.00000000'),
      risk('ETHUSDT', 'BOTH', '0.000', '2250.00000000', '0'),
      risk('SOLUSDT', 'BOTH', '-100', '95.00000000', '-9500.00000000'),
    ];
    m.syncPositions(await offlineBinance({ '/fapi/v3/positionRisk': later, '/fapi/v1/leverageBracket': [] }).exchange.fetchPositions());
    expect(m.getPositions().map((p) => [p.id, p.symbol, p.side, p.size])).toEqual([
      ['p1', 'BTC/USDT:USDT', 'long', 17_400],
      ['p3', 'SOL/USDT:USDT', 'short', 9_500],
    ]);
    expect(events).toEqual(['+p1 BTC/USDT:USDT', '+p2 ETH/USDT:USDT', '-p2 ETH/USDT:USDT', '+p3 SOL/USDT:USDT']);
    expect(m.getDirectionalExposure('short')).toBe(0.095);
  });

  test('a hedge-mode account (positionSide LONG and SHORT) parsed by parsePositionRisk: both sides held, or netted', async () => {
    const { exchange } = offlineBinance({});
    const positions = [
      risk('BTCUSDT', 'LONG', '0.300', '40000.00000000', '12000.00000000'),
      risk('BTCUSDT', 'SHORT', '-0.100', '40000.00000000', '-4000.00000000'),
    ].map((p) => exchange.parsePositionRisk(p));
    expect(positions.map((p) => [p.side, p.hedged])).toEqual([['long', true], ['short', true]]);
    const hedge = await manager();
    hedge.syncPositions(positions);
    expect(hedge.getSymbolExposure('BTC/USDT:USDT')).toBe(0.16); // 12,000 + 4,000
    const netting = await manager({ positionMode: 'netting' });
    netting.syncPositions(positions);
    expect(netting.getPositions().map((p) => [p.side, p.size])).toEqual([['long', 8_000]]); // 12,000 − 4,000
  });
});

describe('fetchOHLCV → updateMarketData, and an order from the answer', () => {
  test('ccxt candles go straight in; the answer becomes an order amount at the market amount step', async () => {
    const btc = [42_000, 42_420, 42_000, 42_840, 42_400, 43_000];
    const { exchange } = offlineBinance({ '/fapi/v1/klines': klines(btc) });
    const candles = await exchange.fetchOHLCV('BTC/USDT:USDT', '1h');
    expect(candles.map((c) => c[4])).toEqual(btc);
    const m = await manager({ maxSymbolExposurePct: 0.1 });
    expect(m.updateMarketData('BTC/USDT:USDT', candles).appended).toBe(6);
    // 0.4 BTC at the last close 43,000 is $17,200 against a $10,000 cap: 10,000 / 17,200.
    const answer = m.validateNewPosition({ symbol: 'BTC/USDT:USDT', side: sideOpenedBy('buy'), proposedQuantity: 0.4 });
    expect(answer.sizeMultiplier).toBeCloseTo(10_000 / 17_200, 12);
    const step = exchange.market('BTC/USDT:USDT').precision.amount;
    expect(step).toBe(0.001);
    // 0.4 × 0.5814 = 0.23256 BTC, down to 0.232.
    expect(orderAmount(answer, 0.4, step)).toBe(0.232);
    // The order that opens the long the answer was for: a buy.
    expect(orderSideToOpen('long')).toBe('buy');
  });
});
