// The account toolset (registered when credentials are configured), in the order tools/list shows them.

import type { ToolDefinition } from '../define.js';
import { getAccount } from './account.js';
import { getAllOrders } from './all-orders.js';
import { getCommissionRates } from './commission.js';
import { getMyTrades } from './my-trades.js';
import { getOpenOrders } from './open-orders.js';
import { getOrder } from './order.js';

export const accountTools = [
  getAccount,
  getOpenOrders,
  getOrder,
  getAllOrders,
  getMyTrades,
  getCommissionRates,
] as unknown as readonly ToolDefinition[];
