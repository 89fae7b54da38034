// Prices and statistics: average price, 24h / trading-day / rolling-window tickers, latest price, best
// bid and ask, and the reference price. Endpoints that take `symbol` or `symbols` answer one object for
// `symbol` and an array otherwise; the client's return types follow the parameters.

import * as z from 'zod';
import {
  checkSymbolChoice,
  symbol,
  symbolCount,
  symbolList,
  symbolStatus,
  tickerType,
  timeZone,
  windowSize,
} from '../../schemas/params.js';
import { count, decimal, int64, timestamp } from '../../schemas/values.js';
import { defineEndpoint } from '../endpoint.js';

export const avgPriceResponse = z.object({
  /** The averaging window in minutes. */
  mins: count,
  price: decimal,
  /** Time of the last trade in the window (epoch ms). */
  closeTime: timestamp,
});
export type AveragePrice = z.output<typeof avgPriceResponse>;

export const avgPrice = defineEndpoint({
  name: 'avgPrice',
  method: 'GET',
  path: '/api/v3/avgPrice',
  security: 'NONE',
  description: "A symbol's volume-weighted average price over the last few minutes.",
  dataSource: 'Memory',
  marketDataHost: true,
  params: z.strictObject({ symbol }),
  response: avgPriceResponse,
  weight: () => 2,
});

const windowStats = {
  openPrice: decimal,
  highPrice: decimal,
  lowPrice: decimal,
  lastPrice: decimal,
  /** Volume in the base asset. */
  volume: decimal,
  /** Volume in the quote asset. */
  quoteVolume: decimal,
  openTime: timestamp,
  closeTime: timestamp,
  /** First and last trade id in the window (-1 when there was no trade). */
  firstId: int64,
  lastId: int64,
  /** Number of trades. */
  count,
};

/** MINI ticker of every ticker endpoint: prices, volumes and trade ids of the window. */
export const miniTicker = z.object({ symbol: z.string(), ...windowStats });
export type MiniTicker = z.output<typeof miniTicker>;

/** FULL ticker of the trading-day and rolling-window endpoints. */
export const windowTicker = z.object({
  symbol: z.string(),
  priceChange: decimal,
  priceChangePercent: decimal,
  weightedAvgPrice: decimal,
  ...windowStats,
});
export type WindowTicker = z.output<typeof windowTicker>;

/** FULL 24h ticker: the window ticker plus previous close, last quantity and the best bid and ask. */
export const ticker24hrFull = z.object({
  symbol: z.string(),
  priceChange: decimal,
  priceChangePercent: decimal,
  weightedAvgPrice: decimal,
  prevClosePrice: decimal,
  lastPrice: decimal,
  lastQty: decimal,
  bidPrice: decimal,
  bidQty: decimal,
  askPrice: decimal,
  askQty: decimal,
  openPrice: decimal,
  highPrice: decimal,
  lowPrice: decimal,
  volume: decimal,
  quoteVolume: decimal,
  openTime: timestamp,
  closeTime: timestamp,
  firstId: int64,
  lastId: int64,
  count,
});
export type Ticker24hr = z.output<typeof ticker24hrFull>;

/** Picks the schema for one symbol or a list, FULL or MINI. */
function tickerSchema(
  full: z.ZodType,
  params: { symbol?: string | undefined; type?: 'FULL' | 'MINI' | undefined },
) {
  const one = params.type === 'MINI' ? miniTicker : full;
  return params.symbol !== undefined ? one : z.array(one);
}

export const ticker24hrParams = z
  .strictObject({
    symbol: symbol.optional(),
    symbols: symbolList().optional(),
    type: tickerType.optional(),
    symbolStatus: symbolStatus.optional(),
  })
  .superRefine((value, ctx) => checkSymbolChoice(value, ctx, false));
export type Ticker24hrParams = z.input<typeof ticker24hrParams>;

export const ticker24hr = defineEndpoint({
  name: 'ticker24hr',
  method: 'GET',
  path: '/api/v3/ticker/24hr',
  security: 'NONE',
  description:
    '24-hour rolling statistics (FULL or MINI) of one symbol, a list, or every symbol (weight 80 for all: name the symbols you need).',
  dataSource: 'Memory',
  marketDataHost: true,
  params: ticker24hrParams,
  response: z.union([ticker24hrFull, miniTicker, z.array(ticker24hrFull), z.array(miniTicker)]),
  responseFor: (params) => tickerSchema(ticker24hrFull, params),
  weight: (params) => {
    if (params.symbol !== undefined) return 2;
    const n = symbolCount(params);
    if (n === 0 || n > 100) return 80;
    return n <= 20 ? 2 : 40;
  },
});

/** 4 per symbol, capped at 200 (trading-day and rolling-window tickers). */
const perSymbolWeight = (params: { symbol?: string | undefined; symbols?: readonly string[] | undefined }) =>
  Math.min(200, 4 * Math.max(1, symbolCount(params)));

export const tradingDayTickerParams = z
  .strictObject({
    symbol: symbol.optional(),
    symbols: symbolList(100).optional(),
    timeZone: timeZone.optional(),
    type: tickerType.optional(),
    symbolStatus: symbolStatus.optional(),
  })
  .superRefine((value, ctx) => checkSymbolChoice(value, ctx, true));
export type TradingDayTickerParams = z.input<typeof tradingDayTickerParams>;

export const tradingDayTicker = defineEndpoint({
  name: 'tradingDayTicker',
  method: 'GET',
  path: '/api/v3/ticker/tradingDay',
  security: 'NONE',
  description:
    'Price change statistics of the current trading day (in `timeZone`) for one symbol or up to 100.',
  dataSource: 'Database',
  marketDataHost: false,
  params: tradingDayTickerParams,
  response: z.union([windowTicker, miniTicker, z.array(windowTicker), z.array(miniTicker)]),
  responseFor: (params) => tickerSchema(windowTicker, params),
  weight: perSymbolWeight,
});

export const rollingWindowTickerParams = z
  .strictObject({
    symbol: symbol.optional(),
    symbols: symbolList(100).optional(),
    windowSize: windowSize.optional(),
    type: tickerType.optional(),
    symbolStatus: symbolStatus.optional(),
  })
  .superRefine((value, ctx) => checkSymbolChoice(value, ctx, true));
export type RollingWindowTickerParams = z.input<typeof rollingWindowTickerParams>;

export const rollingWindowTicker = defineEndpoint({
  name: 'rollingWindowTicker',
  method: 'GET',
  path: '/api/v3/ticker',
  security: 'NONE',
  description:
    'Price change statistics over a rolling window (1m to 7d, default 1d) for one symbol or up to 100; the window opens on a whole minute.',
  dataSource: 'Database',
  marketDataHost: true,
  params: rollingWindowTickerParams,
  response: z.union([windowTicker, miniTicker, z.array(windowTicker), z.array(miniTicker)]),
  responseFor: (params) => tickerSchema(windowTicker, params),
  weight: perSymbolWeight,
});

export const priceTicker = z.object({ symbol: z.string(), price: decimal });
export type PriceTicker = z.output<typeof priceTicker>;

const symbolsOrAllParams = z
  .strictObject({
    symbol: symbol.optional(),
    symbols: symbolList().optional(),
    symbolStatus: symbolStatus.optional(),
  })
  .superRefine((value, ctx) => checkSymbolChoice(value, ctx, false));

export const priceParams = symbolsOrAllParams;
export type PriceParams = z.input<typeof priceParams>;

/** 2 for one symbol, 4 for a list or all (latest price and book ticker). */
const smallWeight = (params: { symbol?: string | undefined }) => (params.symbol !== undefined ? 2 : 4);

export const price = defineEndpoint({
  name: 'price',
  method: 'GET',
  path: '/api/v3/ticker/price',
  security: 'NONE',
  description: 'The latest price of one symbol, a list, or every symbol.',
  dataSource: 'Memory',
  marketDataHost: true,
  params: priceParams,
  response: z.union([priceTicker, z.array(priceTicker)]),
  responseFor: (params) => (params.symbol !== undefined ? priceTicker : z.array(priceTicker)),
  weight: smallWeight,
});

export const bookTickerEntry = z.object({
  symbol: z.string(),
  bidPrice: decimal,
  bidQty: decimal,
  askPrice: decimal,
  askQty: decimal,
});
export type BookTicker = z.output<typeof bookTickerEntry>;

export const bookTickerParams = symbolsOrAllParams;
export type BookTickerParams = z.input<typeof bookTickerParams>;

export const bookTicker = defineEndpoint({
  name: 'bookTicker',
  method: 'GET',
  path: '/api/v3/ticker/bookTicker',
  security: 'NONE',
  description: 'The best bid and ask (price and quantity) of one symbol, a list, or every symbol.',
  dataSource: 'Memory',
  marketDataHost: true,
  params: bookTickerParams,
  response: z.union([bookTickerEntry, z.array(bookTickerEntry)]),
  responseFor: (params) => (params.symbol !== undefined ? bookTickerEntry : z.array(bookTickerEntry)),
  weight: smallWeight,
});

export const referencePriceResponse = z.object({
  symbol: z.string(),
  /** Null while no reference price is set. */
  referencePrice: decimal.nullable(),
  /** When the reference price was valid (epoch ms). */
  timestamp,
});
export type ReferencePrice = z.output<typeof referencePriceResponse>;

export const referencePrice = defineEndpoint({
  name: 'referencePrice',
  method: 'GET',
  path: '/api/v3/referencePrice',
  security: 'NONE',
  description:
    "A symbol's reference price (used by price-range execution rules); -2043 when it never had one.",
  dataSource: 'Memory',
  marketDataHost: false,
  params: z.strictObject({ symbol }),
  response: referencePriceResponse,
  weight: () => 2,
});

export const referencePriceCalculationResponse = z.union([
  z.object({
    symbol: z.string(),
    calculationType: z.literal('ARITHMETIC_MEAN'),
    bucketCount: count,
    bucketWidthMs: count,
  }),
  z.object({
    symbol: z.string(),
    calculationType: z.literal('EXTERNAL'),
    externalCalculationId: int64,
  }),
]);
export type ReferencePriceCalculation = z.output<typeof referencePriceCalculationResponse>;

export const referencePriceCalculation = defineEndpoint({
  name: 'referencePriceCalculation',
  method: 'GET',
  path: '/api/v3/referencePrice/calculation',
  security: 'NONE',
  description: "How a symbol's reference price is calculated; -2043 when it is not calculated.",
  dataSource: 'Memory',
  marketDataHost: false,
  params: z.strictObject({ symbol, symbolStatus: symbolStatus.optional() }),
  response: referencePriceCalculationResponse,
  weight: () => 2,
});
