// Every trading endpoint, by client method name.

import {
  allOrderLists,
  cancelOrderList,
  getOrderList,
  newOrderListOco,
  newOrderListOto,
  newOrderListOtoco,
  openOrderLists,
} from './order-lists.js';
import {
  allOrders,
  amendOrder,
  cancelOpenOrders,
  cancelOrder,
  cancelReplace,
  getOrder,
  newOrder,
  openOrders,
  testOrder,
} from './orders.js';

export const tradingEndpoints = {
  newOrder,
  testOrder,
  getOrder,
  cancelOrder,
  cancelOpenOrders,
  cancelReplace,
  amendOrder,
  openOrders,
  allOrders,
  newOrderListOco,
  newOrderListOto,
  newOrderListOtoco,
  cancelOrderList,
  getOrderList,
  allOrderLists,
  openOrderLists,
} as const;

export type TradingEndpoints = typeof tradingEndpoints;
