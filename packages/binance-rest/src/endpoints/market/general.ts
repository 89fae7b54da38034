// General endpoints: ping, server time, exchange information and execution rules.

import * as z from 'zod';
import { exchangeFilter, symbolFilter } from '../../schemas/filters.js';
import {
  checkSymbolChoice,
  permissions,
  showPermissionSets,
  symbol,
  symbolCount,
  symbolList,
  symbolStatus,
} from '../../schemas/params.js';
import { count, decimal, timestamp } from '../../schemas/values.js';
import { defineEndpoint } from '../endpoint.js';

/** A string enum Binance may extend: the known values for editors, any string accepted. */
const openEnum = <T extends string>() => z.string() as unknown as z.ZodType<T | (string & {}), string>;

export const ping = defineEndpoint({
  name: 'ping',
  method: 'GET',
  path: '/api/v3/ping',
  security: 'NONE',
  description: 'Tests connectivity to the REST API.',
  dataSource: 'Memory',
  marketDataHost: true,
  params: z.strictObject({}),
  response: z.object({}),
  weight: () => 1,
});

export const serverTimeResponse = z.object({ serverTime: timestamp });
export type ServerTime = z.output<typeof serverTimeResponse>;

export const time = defineEndpoint({
  name: 'time',
  method: 'GET',
  path: '/api/v3/time',
  security: 'NONE',
  description: "The exchange's current time (epoch ms).",
  dataSource: 'Memory',
  marketDataHost: true,
  params: z.strictObject({}),
  response: serverTimeResponse,
  weight: () => 1,
});

export type RateLimitType = 'REQUEST_WEIGHT' | 'ORDERS' | 'RAW_REQUESTS';
export type RateLimitInterval = 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';

export const rateLimit = z.object({
  rateLimitType: openEnum<RateLimitType>(),
  interval: openEnum<RateLimitInterval>(),
  intervalNum: count,
  limit: count,
});
export type RateLimit = z.output<typeof rateLimit>;

export type SymbolTradingStatus = 'TRADING' | 'END_OF_DAY' | 'HALT' | 'BREAK' | 'CANCEL_ONLY';
export type OrderType =
  | 'LIMIT'
  | 'LIMIT_MAKER'
  | 'MARKET'
  | 'STOP_LOSS'
  | 'STOP_LOSS_LIMIT'
  | 'TAKE_PROFIT'
  | 'TAKE_PROFIT_LIMIT';
export type SelfTradePreventionMode = 'NONE' | 'EXPIRE_TAKER' | 'EXPIRE_MAKER' | 'EXPIRE_BOTH' | 'DECREMENT';

// Fields Binance added in recent years are optional, so responses from a host that lags behind (or
// from after a field is retired, like `quotePrecision`) still parse.
export const symbolInfo = z.object({
  symbol: z.string(),
  status: openEnum<SymbolTradingStatus>(),
  baseAsset: z.string(),
  baseAssetPrecision: count,
  quoteAsset: z.string(),
  quotePrecision: count.optional(),
  quoteAssetPrecision: count,
  baseCommissionPrecision: count,
  quoteCommissionPrecision: count,
  orderTypes: z.array(openEnum<OrderType>()),
  icebergAllowed: z.boolean(),
  ocoAllowed: z.boolean(),
  otoAllowed: z.boolean().optional(),
  opoAllowed: z.boolean().optional(),
  quoteOrderQtyMarketAllowed: z.boolean(),
  allowTrailingStop: z.boolean(),
  cancelReplaceAllowed: z.boolean(),
  amendAllowed: z.boolean().optional(),
  pegInstructionsAllowed: z.boolean().optional(),
  isSpotTradingAllowed: z.boolean(),
  isMarginTradingAllowed: z.boolean(),
  filters: z.array(symbolFilter),
  permissions: z.array(z.string()),
  permissionSets: z.array(z.array(z.string())).optional(),
  defaultSelfTradePreventionMode: openEnum<SelfTradePreventionMode>().optional(),
  allowedSelfTradePreventionModes: z.array(openEnum<SelfTradePreventionMode>()).optional(),
});
export type SymbolInfo = z.output<typeof symbolInfo>;

export const exchangeInfoResponse = z.object({
  timezone: z.string(),
  serverTime: timestamp,
  rateLimits: z.array(rateLimit),
  exchangeFilters: z.array(exchangeFilter),
  symbols: z.array(symbolInfo),
  /** Smart order routing groups; present only where SOR is available. */
  sors: z.array(z.object({ baseAsset: z.string(), symbols: z.array(z.string()) })).optional(),
});
export type ExchangeInfo = z.output<typeof exchangeInfoResponse>;

export const exchangeInfoParams = z
  .strictObject({
    symbol: symbol.optional(),
    symbols: symbolList().optional(),
    permissions: permissions.optional(),
    showPermissionSets: showPermissionSets.optional(),
    symbolStatus: symbolStatus.optional(),
  })
  .superRefine((value, ctx) => {
    checkSymbolChoice(value, ctx, false);
    const named = value.symbol !== undefined || value.symbols !== undefined;
    for (const key of ['permissions', 'symbolStatus'] as const) {
      if (named && value[key] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `'${key}' only without 'symbol' and 'symbols' (it filters the whole list)`,
        });
      }
    }
  });
export type ExchangeInfoParams = z.input<typeof exchangeInfoParams>;

export const exchangeInfo = defineEndpoint({
  name: 'exchangeInfo',
  method: 'GET',
  path: '/api/v3/exchangeInfo',
  security: 'NONE',
  description:
    'Trading rules: rate limits, exchange filters, and every symbol with its assets, precisions, order types, filters and permissions.',
  dataSource: 'Memory',
  marketDataHost: true,
  params: exchangeInfoParams,
  response: exchangeInfoResponse,
  weight: () => 20,
});

export const executionRule = z.looseObject({ ruleType: z.string() });
export const priceRangeRule = z.object({
  ruleType: z.literal('PRICE_RANGE'),
  bidLimitMultUp: decimal,
  bidLimitMultDown: decimal,
  askLimitMultUp: decimal,
  askLimitMultDown: decimal,
});
export const executionRulesResponse = z.object({
  symbolRules: z.array(
    z.object({
      symbol: z.string(),
      rules: z.array(z.union([priceRangeRule, executionRule])),
    }),
  ),
});
export type ExecutionRules = z.output<typeof executionRulesResponse>;

export const executionRulesParams = z
  .strictObject({
    symbol: symbol.optional(),
    symbols: symbolList().optional(),
    symbolStatus: symbolStatus.optional(),
  })
  .superRefine((value, ctx) => {
    const given = (['symbol', 'symbols', 'symbolStatus'] as const).filter((key) => value[key] !== undefined);
    if (given.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [given[1] as string],
        message: `at most one of 'symbol', 'symbols' and 'symbolStatus' (got ${given.join(' and ')})`,
      });
    }
  });
export type ExecutionRulesParams = z.input<typeof executionRulesParams>;

export const executionRules = defineEndpoint({
  name: 'executionRules',
  method: 'GET',
  path: '/api/v3/executionRules',
  security: 'NONE',
  description: 'Execution rules (price ranges for bids and asks) of one, several or all symbols.',
  dataSource: 'Memory',
  marketDataHost: false,
  params: executionRulesParams,
  response: executionRulesResponse,
  weight: (params) => {
    if (params.symbol !== undefined) return 2;
    if (params.symbols !== undefined) return Math.min(40, 2 * symbolCount(params));
    return 40;
  },
});
