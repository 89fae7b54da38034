// The trading toolset (only when enabled, never with --read-only), in the order tools/list shows them.

import type { ToolDefinition } from '../define.js';
import { cancelAllOrders, cancelOrder } from './cancel.js';
import { cancelOrderList, placeOrderList } from './lists.js';
import { placeOrder, testOrder } from './place.js';
import { replaceOrder } from './replace.js';

export const tradingTools = [
  placeOrder,
  testOrder,
  cancelOrder,
  cancelAllOrders,
  replaceOrder,
  placeOrderList,
  cancelOrderList,
] as unknown as readonly ToolDefinition[];
