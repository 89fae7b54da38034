// The order book snapshot.

import * as z from 'zod';
import { limit, symbol, symbolStatus } from '../../schemas/params.js';
import { decimal, int64 } from '../../schemas/values.js';
import { defineEndpoint } from '../endpoint.js';

/** A price level: `[price, quantity]`, both exact decimal strings. */
export const bookLevel = z.tuple([decimal, decimal]);
export type BookLevel = z.output<typeof bookLevel>;

export const depthResponse = z.object({
  lastUpdateId: int64,
  /** Best (highest) bid first. */
  bids: z.array(bookLevel),
  /** Best (lowest) ask first. */
  asks: z.array(bookLevel),
});
export type OrderBook = z.output<typeof depthResponse>;

export const depthParams = z.strictObject({
  symbol,
  limit: limit(5000, 100).optional(),
  symbolStatus: symbolStatus.optional(),
});
export type DepthParams = z.input<typeof depthParams>;

/** Weight of a depth request by its limit (Binance: 1-100 → 5, 101-500 → 25, 501-1000 → 50, more → 250). */
export function depthWeight(levels = 100): number {
  if (levels <= 100) return 5;
  if (levels <= 500) return 25;
  if (levels <= 1000) return 50;
  return 250;
}

export const depth = defineEndpoint({
  name: 'depth',
  method: 'GET',
  path: '/api/v3/depth',
  security: 'NONE',
  description: "A snapshot of a symbol's order book: up to `limit` price levels a side, best first.",
  dataSource: 'Memory',
  marketDataHost: true,
  params: depthParams,
  response: depthResponse,
  weight: (params) => depthWeight(params.limit),
});
