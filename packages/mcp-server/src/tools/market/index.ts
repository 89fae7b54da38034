// The market toolset, in the order tools/list shows them.

import type { ToolDefinition } from '../define.js';
import { getAvgPrice } from './avg-price.js';
import { getBookTicker } from './book-ticker.js';
import { getExchangeInfo } from './exchange-info.js';
import { getKlines } from './klines.js';
import { getOrderBook } from './order-book.js';
import { getPrice } from './price.js';
import { getServerTime } from './server-time.js';
import { getTicker } from './ticker.js';
import { getTrades } from './trades.js';

export const marketTools = [
  getServerTime,
  getExchangeInfo,
  getOrderBook,
  getTrades,
  getKlines,
  getAvgPrice,
  getPrice,
  getBookTicker,
  getTicker,
] as unknown as readonly ToolDefinition[];
