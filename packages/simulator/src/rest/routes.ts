// The REST route table: `METHOD /path` → route. The signed and trading endpoints are added here.

import type { Route } from './context.js';
import { exchangeInfo, ping, time } from './endpoints/general.js';
import { klines, uiKlines } from './endpoints/klines.js';
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
import { aggTrades, depth, historicalTrades, trades } from './endpoints/trades.js';

export const marketDataRoutes: Readonly<Record<string, Route>> = {
  'GET /api/v3/ping': ping,
  'GET /api/v3/time': time,
  'GET /api/v3/exchangeInfo': exchangeInfo,
  'GET /api/v3/depth': depth,
  'GET /api/v3/trades': trades,
  'GET /api/v3/historicalTrades': historicalTrades,
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
