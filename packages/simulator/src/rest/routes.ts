// The REST route table: `METHOD /path` → route.

import type { Route } from './context.js';
import {
  account,
  commission,
  myAllocations,
  myFilters,
  myPreventedMatches,
  myTrades,
  orderAmendments,
  rateLimitOrder,
} from './endpoints/account.js';
import { exchangeInfo, executionRules, ping, time } from './endpoints/general.js';
import { klines, uiKlines } from './endpoints/klines.js';
import {
  allOrderList,
  cancelOrderList,
  getOrderList,
  oco,
  openOrderList,
  oto,
  otoco,
} from './endpoints/order-lists.js';
import {
  allOrders,
  amendKeepPriority,
  cancelOpenOrders,
  cancelOrder,
  cancelReplace,
  getOrder,
  newOrder,
  openOrders,
  testOrder,
} from './endpoints/orders.js';
import {
  avgPrice,
  bookTicker,
  price,
  reference,
  referenceCalculation,
  rollingTicker,
  ticker24hr,
  tradingDay,
} from './endpoints/tickers.js';
import { aggTrades, depth, historicalBlockTrades, historicalTrades, trades } from './endpoints/trades.js';

export const marketDataRoutes: Readonly<Record<string, Route>> = {
  'GET /api/v3/ping': ping,
  'GET /api/v3/time': time,
  'GET /api/v3/exchangeInfo': exchangeInfo,
  'GET /api/v3/executionRules': executionRules,
  'GET /api/v3/depth': depth,
  'GET /api/v3/trades': trades,
  'GET /api/v3/historicalTrades': historicalTrades,
  'GET /api/v3/historicalBlockTrades': historicalBlockTrades,
  'GET /api/v3/aggTrades': aggTrades,
  'GET /api/v3/klines': klines,
  'GET /api/v3/uiKlines': uiKlines,
  'GET /api/v3/avgPrice': avgPrice,
  'GET /api/v3/ticker/24hr': ticker24hr,
  'GET /api/v3/ticker/tradingDay': tradingDay,
  'GET /api/v3/ticker/price': price,
  'GET /api/v3/ticker/bookTicker': bookTicker,
  'GET /api/v3/ticker': rollingTicker,
  'GET /api/v3/referencePrice': reference,
  'GET /api/v3/referencePrice/calculation': referenceCalculation,
};

/** Signed account and trading endpoints. */
export const signedRoutes: Readonly<Record<string, Route>> = {
  'GET /api/v3/account': account,
  'GET /api/v3/account/commission': commission,
  'GET /api/v3/rateLimit/order': rateLimitOrder,
  'GET /api/v3/myTrades': myTrades,
  'GET /api/v3/myPreventedMatches': myPreventedMatches,
  'GET /api/v3/myAllocations': myAllocations,
  'GET /api/v3/myFilters': myFilters,
  'GET /api/v3/order/amendments': orderAmendments,
  'POST /api/v3/order': newOrder,
  'POST /api/v3/order/test': testOrder,
  'GET /api/v3/order': getOrder,
  'DELETE /api/v3/order': cancelOrder,
  'DELETE /api/v3/openOrders': cancelOpenOrders,
  'GET /api/v3/openOrders': openOrders,
  'GET /api/v3/allOrders': allOrders,
  'POST /api/v3/order/cancelReplace': cancelReplace,
  'PUT /api/v3/order/amend/keepPriority': amendKeepPriority,
  'POST /api/v3/orderList/oco': oco,
  'POST /api/v3/orderList/oto': oto,
  'POST /api/v3/orderList/otoco': otoco,
  'DELETE /api/v3/orderList': cancelOrderList,
  'GET /api/v3/orderList': getOrderList,
  'GET /api/v3/allOrderList': allOrderList,
  'GET /api/v3/openOrderList': openOrderList,
};

export const restRoutes: Readonly<Record<string, Route>> = { ...marketDataRoutes, ...signedRoutes };
