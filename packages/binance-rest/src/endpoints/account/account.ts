// Account endpoints (USER_DATA): balances and permissions, trades, the unfilled order count,
// commission rates, prevented matches, SOR allocations, order amendments and the filters that apply
// to the account.

import * as z from 'zod';
import { assetFilter, exchangeFilter, symbolFilter } from '../../schemas/filters.js';
import { checkExclusive, checkWindow, idParam } from '../../schemas/order-params.js';
import { limit, symbol, time } from '../../schemas/params.js';
import { count, decimal, int64, timestamp } from '../../schemas/values.js';
import { defineEndpoint } from '../endpoint.js';

const openEnum = <T extends string>() => z.string() as unknown as z.ZodType<T | (string & {}), string>;

export const balance = z.object({ asset: z.string(), free: decimal, locked: decimal });
export type Balance = z.output<typeof balance>;

export const accountResponse = z.object({
  /** Commission rates in basis points (15 = 0.15%); `commissionRates` has them as decimals. */
  makerCommission: count,
  takerCommission: count,
  buyerCommission: count,
  sellerCommission: count,
  commissionRates: z.object({ maker: decimal, taker: decimal, buyer: decimal, seller: decimal }),
  canTrade: z.boolean(),
  canWithdraw: z.boolean(),
  canDeposit: z.boolean(),
  brokered: z.boolean(),
  requireSelfTradePrevention: z.boolean(),
  preventSor: z.boolean(),
  updateTime: timestamp,
  accountType: openEnum<'SPOT'>(),
  balances: z.array(balance),
  permissions: z.array(z.string()),
  uid: int64,
});
export type Account = z.output<typeof accountResponse>;

export const account = defineEndpoint({
  name: 'account',
  method: 'GET',
  path: '/api/v3/account',
  security: 'USER_DATA',
  description: "The account's balances, commission rates, permissions and trading flags.",
  dataSource: 'Database',
  marketDataHost: false,
  params: z.strictObject({
    omitZeroBalances: z
      .boolean()
      .describe('true to leave out assets whose free and locked are both zero')
      .optional(),
  }),
  response: accountResponse,
  weight: () => 20,
});

export const myTrade = z.object({
  symbol: z.string(),
  id: int64,
  orderId: int64,
  orderListId: int64,
  price: decimal,
  qty: decimal,
  quoteQty: decimal,
  commission: decimal,
  commissionAsset: z.string(),
  time: timestamp,
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
  isBestMatch: z.boolean(),
});
export type MyTrade = z.output<typeof myTrade>;

const myTradesObject = z.strictObject({
  symbol,
  orderId: idParam.optional(),
  startTime: time.optional(),
  endTime: time.optional(),
  fromId: idParam.optional(),
  limit: limit(1000, 500).optional(),
});
export type MyTradesParams = z.input<typeof myTradesObject>;

export const myTrades = defineEndpoint({
  name: 'myTrades',
  method: 'GET',
  path: '/api/v3/myTrades',
  security: 'USER_DATA',
  description:
    "The account's trades on a symbol: of one order, from a trade id up, in a time range (at most 24 hours), or the most recent.",
  dataSource: 'Database',
  marketDataHost: false,
  // Binance's supported combinations: symbol with nothing, orderId, startTime, endTime, fromId,
  // startTime and endTime, or orderId and fromId.
  params: myTradesObject.superRefine((v, ctx) => {
    checkExclusive(v, ctx, 'fromId', ['startTime', 'endTime'], 'fromId pages by id, not by time');
    checkExclusive(v, ctx, 'orderId', ['startTime', 'endTime'], "an order's trades are not filtered by time");
    checkWindow(v, ctx);
  }),
  response: z.array(myTrade),
  weight: (params) => (params.orderId === undefined ? 20 : 5),
});

export const orderCountEntry = z.object({
  rateLimitType: openEnum<'ORDERS'>(),
  interval: openEnum<'SECOND' | 'MINUTE' | 'HOUR' | 'DAY'>(),
  intervalNum: count,
  limit: count,
  count,
});
export type OrderCountEntry = z.output<typeof orderCountEntry>;

export const orderRateLimit = defineEndpoint({
  name: 'orderRateLimit',
  method: 'GET',
  path: '/api/v3/rateLimit/order',
  security: 'USER_DATA',
  description:
    "The account's unfilled order count in each ORDERS interval (10 seconds, 1 day), with the limits.",
  dataSource: 'Memory',
  marketDataHost: false,
  params: z.strictObject({}),
  response: z.array(orderCountEntry),
  weight: () => 40,
});

const rates = z.object({ maker: decimal, taker: decimal, buyer: decimal, seller: decimal });
export const commissionRatesResponse = z.object({
  symbol: z.string(),
  standardCommission: rates,
  specialCommission: rates.optional(),
  taxCommission: rates,
  discount: z.object({
    enabledForAccount: z.boolean(),
    enabledForSymbol: z.boolean(),
    discountAsset: z.string(),
    discount: decimal,
  }),
});
export type CommissionRates = z.output<typeof commissionRatesResponse>;

export const commissionRates = defineEndpoint({
  name: 'commissionRates',
  method: 'GET',
  path: '/api/v3/account/commission',
  security: 'USER_DATA',
  description:
    'The commission rates on a symbol: standard, special and tax (maker, taker, buyer, seller), and the BNB discount.',
  dataSource: 'Database',
  marketDataHost: false,
  params: z.strictObject({ symbol }),
  response: commissionRatesResponse,
  weight: () => 20,
});

export const preventedMatch = z.object({
  symbol: z.string(),
  preventedMatchId: int64,
  takerOrderId: int64,
  makerSymbol: z.string().optional(),
  makerOrderId: int64,
  tradeGroupId: int64,
  selfTradePreventionMode: openEnum<
    'EXPIRE_TAKER' | 'EXPIRE_MAKER' | 'EXPIRE_BOTH' | 'DECREMENT' | 'TRANSFER'
  >(),
  price: decimal,
  takerPreventedQuantity: decimal.optional(),
  makerPreventedQuantity: decimal.optional(),
  transactTime: timestamp,
});
export type PreventedMatch = z.output<typeof preventedMatch>;

const preventedObject = z.strictObject({
  symbol,
  preventedMatchId: idParam.optional(),
  orderId: idParam.optional(),
  fromPreventedMatchId: idParam.optional(),
  limit: limit(1000, 500).optional(),
});
export type MyPreventedMatchesParams = { readonly symbol: string } & (
  | { readonly preventedMatchId: number | bigint | string }
  | {
      readonly orderId: number | bigint | string;
      readonly fromPreventedMatchId?: number | bigint | string;
      readonly limit?: number;
    }
);

export const myPreventedMatches = defineEndpoint({
  name: 'myPreventedMatches',
  method: 'GET',
  path: '/api/v3/myPreventedMatches',
  security: 'USER_DATA',
  description:
    'Matches self-trade prevention prevented (the orders it expired): one by id, or those of an order.',
  dataSource: 'Database',
  marketDataHost: false,
  params: preventedObject.superRefine((v, ctx) => {
    if (v.preventedMatchId === undefined && v.orderId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['preventedMatchId'],
        message: "one of 'preventedMatchId' or 'orderId' is required",
      });
    }
    checkExclusive(
      v,
      ctx,
      'preventedMatchId',
      ['orderId', 'fromPreventedMatchId', 'limit'],
      'it names one match',
    );
  }) as unknown as z.ZodType<z.output<typeof preventedObject>, MyPreventedMatchesParams>,
  response: z.array(preventedMatch),
  weight: (params) => (params.orderId === undefined ? 2 : 20),
});

export const allocation = z.object({
  symbol: z.string(),
  allocationId: int64,
  allocationType: openEnum<'SOR'>(),
  orderId: int64,
  orderListId: int64,
  price: decimal,
  qty: decimal,
  quoteQty: decimal,
  commission: decimal,
  commissionAsset: z.string(),
  time: timestamp,
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
  isAllocator: z.boolean(),
});
export type Allocation = z.output<typeof allocation>;

const allocationsObject = z.strictObject({
  symbol,
  startTime: time.optional(),
  endTime: time.optional(),
  fromAllocationId: idParam.optional(),
  limit: limit(1000, 500).optional(),
  orderId: idParam.optional(),
});
export type MyAllocationsParams = z.input<typeof allocationsObject>;

export const myAllocations = defineEndpoint({
  name: 'myAllocations',
  method: 'GET',
  path: '/api/v3/myAllocations',
  security: 'USER_DATA',
  description: 'Allocations from orders placed through smart order routing (SOR).',
  dataSource: 'Database',
  marketDataHost: false,
  params: allocationsObject.superRefine((v, ctx) => {
    checkExclusive(v, ctx, 'fromAllocationId', ['startTime', 'endTime'], 'it pages by id, not by time');
    checkExclusive(
      v,
      ctx,
      'orderId',
      ['startTime', 'endTime'],
      "an order's allocations are not filtered by time",
    );
    checkWindow(v, ctx);
  }),
  response: z.array(allocation),
  weight: () => 20,
});

export const amendment = z.object({
  symbol: z.string(),
  orderId: int64,
  executionId: int64,
  origClientOrderId: z.string(),
  newClientOrderId: z.string(),
  origQty: decimal,
  newQty: decimal,
  time: timestamp,
});
export type Amendment = z.output<typeof amendment>;

export const orderAmendments = defineEndpoint({
  name: 'orderAmendments',
  method: 'GET',
  path: '/api/v3/order/amendments',
  security: 'USER_DATA',
  description: 'Every keep-priority amendment of one order, oldest first.',
  dataSource: 'Database',
  marketDataHost: false,
  params: z.strictObject({
    symbol,
    orderId: idParam,
    fromExecutionId: idParam.optional(),
    limit: limit(1000, 500).optional(),
  }),
  response: z.array(amendment),
  weight: () => 4,
});

export const myFiltersResponse = z.object({
  exchangeFilters: z.array(exchangeFilter),
  symbolFilters: z.array(symbolFilter),
  assetFilters: z.array(assetFilter),
});
export type MyFilters = z.output<typeof myFiltersResponse>;

export const myFilters = defineEndpoint({
  name: 'myFilters',
  method: 'GET',
  path: '/api/v3/myFilters',
  security: 'USER_DATA',
  description:
    'The filters that apply to the account on a symbol: exchange, symbol and asset filters (MAX_ASSET is only visible here).',
  dataSource: 'Memory',
  marketDataHost: false,
  params: z.strictObject({ symbol }),
  response: myFiltersResponse,
  weight: () => 40,
});
