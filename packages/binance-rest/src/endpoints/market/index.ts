// Every market-data endpoint, by client method name.

import { exchangeInfo, executionRules, ping, time } from './general.js';
import { klines, uiKlines } from './klines.js';
import { depth } from './order-book.js';
import {
  avgPrice,
  bookTicker,
  price,
  referencePrice,
  referencePriceCalculation,
  rollingWindowTicker,
  ticker24hr,
  tradingDayTicker,
} from './tickers.js';
import { aggTrades, historicalBlockTrades, historicalTrades, trades } from './trades.js';

export const marketEndpoints = {
  ping,
  time,
  exchangeInfo,
  executionRules,
  depth,
  trades,
  historicalTrades,
  historicalBlockTrades,
  aggTrades,
  klines,
  uiKlines,
  avgPrice,
  ticker24hr,
  tradingDayTicker,
  rollingWindowTicker,
  price,
  bookTicker,
  referencePrice,
  referencePriceCalculation,
} as const;

export type MarketEndpoints = typeof marketEndpoints;
