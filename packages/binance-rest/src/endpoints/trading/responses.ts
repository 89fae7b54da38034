// Response shapes of the trading endpoints (rest-api.md samples): a new order in its three response
// types (ACK, RESULT, FULL), an order as queried, a cancel report, order lists, cancelReplace and
// amend. Fields Binance includes only in some cases ("conditional fields") are optional. Decimals are
// exact strings, ids are 64-bit-safe.

import * as z from 'zod';
import { decimal, int64, timestamp } from '../../schemas/values.js';

/** A string enum Binance may extend: the known values for editors, any string accepted. */
const openEnum = <T extends string>() => z.string() as unknown as z.ZodType<T | (string & {}), string>;

export type OrderStatus =
  | 'NEW'
  | 'PENDING_NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'PENDING_CANCEL'
  | 'REJECTED'
  | 'EXPIRED'
  | 'EXPIRED_IN_MATCH';
export type ExpiryReason =
  | 'NONE'
  | 'REJECTED'
  | 'EXCHANGE_CANCELED'
  | 'OCO_TRIGGER'
  | 'OTO_PHASE_ONE_EXPIRED'
  | 'UNFILLED_IOC_QUANTITY_EXPIRED'
  | 'UNFILLED_FOK_ORDER_EXPIRED'
  | 'INSUFFICIENT_LIQUIDITY'
  | 'EXECUTION_RULE_PRICE_RANGE_EXCEEDED';
export type ContingencyType = 'OCO' | 'OTO';
export type ListStatusType = 'RESPONSE' | 'EXEC_STARTED' | 'UPDATED' | 'ALL_DONE';
export type ListOrderStatus = 'EXECUTING' | 'ALL_DONE' | 'REJECT';

const side = openEnum<'BUY' | 'SELL'>();
const orderType = openEnum<
  'LIMIT' | 'MARKET' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT' | 'LIMIT_MAKER'
>();
const timeInForce = openEnum<'GTC' | 'IOC' | 'FOK'>();
const stpMode = openEnum<
  'NONE' | 'EXPIRE_TAKER' | 'EXPIRE_MAKER' | 'EXPIRE_BOTH' | 'DECREMENT' | 'TRANSFER'
>();
const status = openEnum<OrderStatus>();

/** Fields present only for some orders (rest-api.md "Conditional fields in order responses"). */
const conditional = {
  /** Stop and take-profit orders. */
  stopPrice: decimal.optional(),
  /** When `icebergQty` was sent. */
  icebergQty: decimal.optional(),
  /** Trailing stop orders. */
  trailingDelta: z.number().optional(),
  /** When trailing started (-1 until then). */
  trailingTime: timestamp.optional(),
  strategyId: int64.optional(),
  strategyType: z.number().optional(),
  /** Orders expired by self-trade prevention. */
  preventedMatchId: int64.optional(),
  preventedQuantity: decimal.optional(),
  /** Orders placed through SOR. */
  usedSor: z.boolean().optional(),
  workingFloor: openEnum<'EXCHANGE' | 'SOR'>().optional(),
  /** Pegged orders. */
  pegPriceType: openEnum<'PRIMARY_PEG' | 'MARKET_PEG'>().optional(),
  pegOffsetType: openEnum<'PRICE_LEVEL'>().optional(),
  pegOffsetValue: z.number().optional(),
  peggedPrice: decimal.optional(),
  /** Expired orders: why. */
  expiryReason: openEnum<ExpiryReason>().optional(),
};

/** `newOrderRespType: 'ACK'`: the order was accepted. */
export const orderAck = z.object({
  symbol: z.string(),
  orderId: int64,
  /** -1 unless the order is part of an order list. */
  orderListId: int64,
  clientOrderId: z.string(),
  transactTime: timestamp,
});
export type OrderAck = z.output<typeof orderAck>;

/** `newOrderRespType: 'RESULT'`: the order's state after placement. */
export const orderResult = orderAck.extend({
  price: decimal,
  origQty: decimal,
  executedQty: decimal,
  origQuoteOrderQty: decimal,
  cummulativeQuoteQty: decimal,
  status,
  timeInForce,
  type: orderType,
  side,
  /** When the order started working on the book; -1 for orders not yet working. */
  workingTime: timestamp,
  selfTradePreventionMode: stpMode,
  ...conditional,
});
export type OrderResult = z.output<typeof orderResult>;

export const fill = z.object({
  price: decimal,
  qty: decimal,
  commission: decimal,
  commissionAsset: z.string(),
  tradeId: int64,
  /** SOR allocations only. */
  matchType: z.string().optional(),
  allocId: int64.optional(),
});
export type Fill = z.output<typeof fill>;

/** A match self-trade prevention prevented while the order was placed. */
export const placementPreventedMatch = z.object({
  preventedMatchId: int64,
  makerOrderId: int64,
  price: decimal,
  takerPreventedQuantity: decimal.optional(),
  makerPreventedQuantity: decimal.optional(),
});

/** `newOrderRespType: 'FULL'`: the state and the fills of the placement. */
export const orderFull = orderResult.extend({
  fills: z.array(fill),
  preventedMatches: z.array(placementPreventedMatch).optional(),
  tradeGroupId: int64.optional(),
});
export type OrderFull = z.output<typeof orderFull>;

// Order queries always carry `stopPrice` and `icebergQty` (zero when not set).
const { stopPrice: _stopPrice, icebergQty: _icebergQty, ...withoutAlwaysPresent } = conditional;

/** An order as `GET order`, `openOrders` and `allOrders` show it. */
export const order = z.object({
  symbol: z.string(),
  orderId: int64,
  orderListId: int64,
  clientOrderId: z.string(),
  price: decimal,
  origQty: decimal,
  executedQty: decimal,
  /** Negative for some historical orders: not available. */
  cummulativeQuoteQty: decimal,
  status,
  timeInForce,
  type: orderType,
  side,
  stopPrice: decimal,
  icebergQty: decimal,
  /** Creation time. */
  time: timestamp,
  updateTime: timestamp,
  isWorking: z.boolean(),
  workingTime: timestamp,
  origQuoteOrderQty: decimal,
  selfTradePreventionMode: stpMode,
  ...withoutAlwaysPresent,
});
export type Order = z.output<typeof order>;

/** What `DELETE order` (and cancelling through other endpoints) reports for a canceled order. */
export const cancelReport = z.object({
  symbol: z.string(),
  /** The order's client id before the cancel. */
  origClientOrderId: z.string(),
  orderId: int64,
  orderListId: int64,
  /** The cancel's own client id. */
  clientOrderId: z.string(),
  transactTime: timestamp,
  price: decimal,
  origQty: decimal,
  executedQty: decimal,
  origQuoteOrderQty: decimal,
  cummulativeQuoteQty: decimal,
  status,
  timeInForce,
  type: orderType,
  side,
  selfTradePreventionMode: stpMode,
  ...conditional,
});
export type CancelReport = z.output<typeof cancelReport>;

export const listOrderRef = z.object({ symbol: z.string(), orderId: int64, clientOrderId: z.string() });

/** An order list's status (its legs by id), as the list queries show it. */
export const orderList = z.object({
  orderListId: int64,
  /** OCO, or OTO (also for OTOCO lists). */
  contingencyType: openEnum<ContingencyType>(),
  listStatusType: openEnum<ListStatusType>(),
  listOrderStatus: openEnum<ListOrderStatus>(),
  listClientOrderId: z.string(),
  transactionTime: timestamp,
  symbol: z.string(),
  orders: z.array(listOrderRef),
});
export type OrderList = z.output<typeof orderList>;

/** A placed order list with a report per leg, in the response type asked for. */
export const orderListAck = orderList.extend({ orderReports: z.array(orderAck) });
export const orderListResult = orderList.extend({ orderReports: z.array(orderResult) });
export const orderListFull = orderList.extend({ orderReports: z.array(orderFull) });
export type OrderListAck = z.output<typeof orderListAck>;
export type OrderListResult = z.output<typeof orderListResult>;
export type OrderListFull = z.output<typeof orderListFull>;

/** A canceled order list, with the cancel report of every leg. */
export const orderListCancel = orderList.extend({ orderReports: z.array(cancelReport) });
export type OrderListCancel = z.output<typeof orderListCancel>;

/** The shape of a placement in each response type. */
export const placementSchemas = { ACK: orderAck, RESULT: orderResult, FULL: orderFull } as const;
export const listPlacementSchemas = {
  ACK: orderListAck,
  RESULT: orderListResult,
  FULL: orderListFull,
} as const;

/** The response type a new order gets when `newOrderRespType` is not sent: FULL for MARKET and LIMIT. */
export function defaultResponseType(type: string): 'ACK' | 'FULL' {
  return type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK';
}

/** cancelReplace when both halves succeeded. */
export function cancelReplaceResponse<S extends z.ZodType>(newOrder: S) {
  return z.object({
    cancelResult: openEnum<'SUCCESS' | 'FAILURE'>(),
    newOrderResult: openEnum<'SUCCESS' | 'FAILURE' | 'NOT_ATTEMPTED'>(),
    /** The canceled order's report, or, when it was a leg of an order list, the canceled list. */
    cancelResponse: z.union([orderListCancel, cancelReport]),
    newOrderResponse: newOrder,
  });
}
export type CancelReplaceResult<N = OrderAck | OrderResult | OrderFull> = {
  cancelResult: 'SUCCESS' | 'FAILURE' | (string & {});
  newOrderResult: 'SUCCESS' | 'FAILURE' | 'NOT_ATTEMPTED' | (string & {});
  cancelResponse: CancelReport | OrderListCancel;
  newOrderResponse: N;
};

/** `PUT order/amend/keepPriority`. */
export const amendResponse = z.object({
  transactTime: timestamp,
  /** The amendment's execution id (as in `order/amendments`). */
  executionId: int64,
  amendedOrder: z.object({
    symbol: z.string(),
    orderId: int64,
    orderListId: int64,
    origClientOrderId: z.string(),
    clientOrderId: z.string(),
    price: decimal,
    qty: decimal,
    executedQty: decimal,
    preventedQty: decimal,
    quoteOrderQty: decimal,
    cumulativeQuoteQty: decimal,
    status,
    timeInForce,
    type: orderType,
    side,
    workingTime: timestamp.optional(),
    selfTradePreventionMode: stpMode,
  }),
  /** When the order is part of a list. */
  listStatus: z
    .object({
      orderListId: int64,
      contingencyType: openEnum<ContingencyType>(),
      listOrderStatus: openEnum<ListOrderStatus>(),
      listClientOrderId: z.string(),
      symbol: z.string(),
      orders: z.array(listOrderRef),
    })
    .optional(),
});
export type AmendResult = z.output<typeof amendResponse>;

const makerTaker = z.object({ maker: decimal, taker: decimal });

/** `POST order/test` with `computeCommissionRates`: the rates the order would pay. */
export const testOrderCommission = z.object({
  standardCommissionForOrder: makerTaker,
  specialCommissionForOrder: makerTaker.optional(),
  taxCommissionForOrder: makerTaker,
  discount: z.object({
    enabledForAccount: z.boolean(),
    enabledForSymbol: z.boolean(),
    discountAsset: z.string(),
    discount: decimal,
  }),
});
export type TestOrderCommission = z.output<typeof testOrderCommission>;
export type TestOrderResult = Record<string, never>;
