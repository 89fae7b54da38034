// Trades: recent, historical (by id), historical block trades, and aggregate trades.

import * as z from 'zod';
import { checkTimeRange, id, limit, symbol, time } from '../../schemas/params.js';
import { decimal, int64, timestamp } from '../../schemas/values.js';
import { defineEndpoint } from '../endpoint.js';

export const trade = z.object({
  id: int64,
  price: decimal,
  qty: decimal,
  quoteQty: decimal,
  time: timestamp,
  isBuyerMaker: z.boolean(),
  isBestMatch: z.boolean(),
});
export type Trade = z.output<typeof trade>;

export const tradesParams = z.strictObject({ symbol, limit: limit(1000, 500).optional() });
export type TradesParams = z.input<typeof tradesParams>;

export const trades = defineEndpoint({
  name: 'trades',
  method: 'GET',
  path: '/api/v3/trades',
  security: 'NONE',
  description: 'The most recent trades of a symbol, oldest first.',
  dataSource: 'Memory',
  marketDataHost: true,
  params: tradesParams,
  response: z.array(trade),
  weight: () => 25,
});

export const historicalTradesParams = z.strictObject({
  symbol,
  limit: limit(1000, 500).optional(),
  fromId: id.optional(),
});
export type HistoricalTradesParams = z.input<typeof historicalTradesParams>;

export const historicalTrades = defineEndpoint({
  name: 'historicalTrades',
  method: 'GET',
  path: '/api/v3/historicalTrades',
  security: 'NONE',
  description: 'Older trades of a symbol, from trade id `fromId` on (the most recent ones without it).',
  dataSource: 'Database',
  marketDataHost: false,
  params: historicalTradesParams,
  response: z.array(trade),
  weight: () => 25,
});

export const blockTrade = z.object({
  id: int64,
  price: decimal,
  qty: decimal,
  quoteQty: decimal,
  time: timestamp,
  isBuyerMaker: z.boolean(),
});
export type BlockTrade = z.output<typeof blockTrade>;

export const historicalBlockTradesParams = z.strictObject({
  symbol,
  fromId: id,
  limit: limit(1000, 500).optional(),
});
export type HistoricalBlockTradesParams = z.input<typeof historicalBlockTradesParams>;

export const historicalBlockTrades = defineEndpoint({
  name: 'historicalBlockTrades',
  method: 'GET',
  path: '/api/v3/historicalBlockTrades',
  security: 'NONE',
  description: 'Block trades of a symbol, from block trade id `fromId` on.',
  dataSource: 'Database',
  marketDataHost: false,
  params: historicalBlockTradesParams,
  response: z.array(blockTrade),
  weight: () => 25,
});

/** An aggregate trade as Binance sends it (one-letter keys). */
export const aggTradeRaw = z.object({
  a: int64,
  p: decimal,
  q: decimal,
  f: int64,
  l: int64,
  T: timestamp,
  m: z.boolean(),
  M: z.boolean(),
});

/** An aggregate trade with readable names. */
export interface AggTrade {
  /** Aggregate trade id (`a`). */
  readonly id: z.output<typeof int64>;
  readonly price: string;
  readonly qty: string;
  /** First and last trade id it aggregates (`f`, `l`). */
  readonly firstTradeId: z.output<typeof int64>;
  readonly lastTradeId: z.output<typeof int64>;
  /** Epoch ms (`T`). */
  readonly time: number;
  /** Was the buyer the maker (`m`)? */
  readonly isBuyerMaker: boolean;
  /** Was the trade the best price match (`M`)? */
  readonly isBestMatch: boolean;
}

export const aggTrade = aggTradeRaw.transform(
  (t): AggTrade => ({
    id: t.a,
    price: t.p,
    qty: t.q,
    firstTradeId: t.f,
    lastTradeId: t.l,
    time: t.T,
    isBuyerMaker: t.m,
    isBestMatch: t.M,
  }),
);

// The docs no longer say whether `fromId` combines with `startTime`/`endTime`; such a request is sent
// as given and Binance's answer decides.
export const aggTradesParams = z
  .strictObject({
    symbol,
    fromId: id.optional(),
    startTime: time.optional(),
    endTime: time.optional(),
    limit: limit(1000, 500).optional(),
  })
  .superRefine(checkTimeRange);
export type AggTradesParams = z.input<typeof aggTradesParams>;

export const aggTrades = defineEndpoint({
  name: 'aggTrades',
  method: 'GET',
  path: '/api/v3/aggTrades',
  security: 'NONE',
  description:
    'Aggregate trades (fills of one taker order at one price, summed) of a symbol, by id or time range, oldest first.',
  dataSource: 'Database',
  marketDataHost: true,
  params: aggTradesParams,
  response: z.array(aggTrade),
  weight: () => 4,
});
