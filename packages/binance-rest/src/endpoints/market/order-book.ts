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

function levels(json: unknown): BookLevel[] | undefined {
  if (!Array.isArray(json)) return undefined;
  for (const level of json) {
    if (
      !Array.isArray(level) ||
      level.length !== 2 ||
      typeof level[0] !== 'string' ||
      typeof level[1] !== 'string'
    ) {
      return undefined;
    }
  }
  return json as BookLevel[];
}

/** `depthResponse.parse(json)` by hand (the level tuples are what zod is slow at); undefined unless exact. */
export function parseDepth(json: unknown): OrderBook | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { lastUpdateId, bids, asks } = json as Record<string, unknown>;
  const isId =
    (typeof lastUpdateId === 'number' && Number.isInteger(lastUpdateId)) || typeof lastUpdateId === 'bigint';
  const bidLevels = levels(bids);
  const askLevels = levels(asks);
  if (!isId || !bidLevels || !askLevels) return undefined;
  return { lastUpdateId, bids: bidLevels, asks: askLevels };
}

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
  fastParse: parseDepth,
  weight: (params) => depthWeight(params.limit),
});
