// WebSocket API methods backed by a REST endpoint (web-socket-api.md, "Method ↔ REST"): same
// parameters, same checks, the REST body as `result`.

import type { Route } from '../rest/context.js';
import { restRoutes } from '../rest/routes.js';

const REST_OF: Record<string, string> = {
  ping: 'GET /api/v3/ping',
  time: 'GET /api/v3/time',
  exchangeInfo: 'GET /api/v3/exchangeInfo',
  depth: 'GET /api/v3/depth',
  'trades.recent': 'GET /api/v3/trades',
  'trades.historical': 'GET /api/v3/historicalTrades',
  'trades.aggregate': 'GET /api/v3/aggTrades',
  klines: 'GET /api/v3/klines',
  uiKlines: 'GET /api/v3/uiKlines',
  avgPrice: 'GET /api/v3/avgPrice',
  'ticker.24hr': 'GET /api/v3/ticker/24hr',
  'ticker.tradingDay': 'GET /api/v3/ticker/tradingDay',
  ticker: 'GET /api/v3/ticker',
  'ticker.price': 'GET /api/v3/ticker/price',
  'ticker.book': 'GET /api/v3/ticker/bookTicker',
  'order.place': 'POST /api/v3/order',
  'order.test': 'POST /api/v3/order/test',
  'order.status': 'GET /api/v3/order',
  'order.cancel': 'DELETE /api/v3/order',
  'order.cancelReplace': 'POST /api/v3/order/cancelReplace',
  'order.amend.keepPriority': 'PUT /api/v3/order/amend/keepPriority',
  'openOrders.status': 'GET /api/v3/openOrders',
  'openOrders.cancelAll': 'DELETE /api/v3/openOrders',
  allOrders: 'GET /api/v3/allOrders',
  'orderList.place.oco': 'POST /api/v3/orderList/oco',
  'orderList.place.oto': 'POST /api/v3/orderList/oto',
  'orderList.place.otoco': 'POST /api/v3/orderList/otoco',
  'orderList.cancel': 'DELETE /api/v3/orderList',
  'orderList.status': 'GET /api/v3/orderList',
  'openOrderLists.status': 'GET /api/v3/openOrderList',
  allOrderLists: 'GET /api/v3/allOrderList',
  'account.status': 'GET /api/v3/account',
  'account.commission': 'GET /api/v3/account/commission',
  'account.rateLimits.orders': 'GET /api/v3/rateLimit/order',
  myTrades: 'GET /api/v3/myTrades',
  myPreventedMatches: 'GET /api/v3/myPreventedMatches',
  myAllocations: 'GET /api/v3/myAllocations',
  myFilters: 'GET /api/v3/myFilters',
  'order.amendments': 'GET /api/v3/order/amendments',
};

/** The REST route behind a WebSocket API method (an optional `v3/` prefix is allowed), if any. */
export function routeOf(method: string): Route | undefined {
  const name = method.startsWith('v3/') ? method.slice(3) : method;
  const key = REST_OF[name];
  return key === undefined ? undefined : restRoutes[key];
}

/** Methods served by the WebSocket API (besides the session and user-data stream ones). */
export const ROUTED_METHODS: readonly string[] = Object.keys(REST_OF);
