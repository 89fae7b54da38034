// Order endpoints: new order, test order, query, cancel, cancel all open orders of a symbol,
// cancelReplace, amend keep-priority, open orders and all orders. Parameters are checked per order
// type before anything is sent; response types follow `newOrderRespType`.

import * as z from 'zod';
import {
  cancelRestrictionsParam,
  checkExclusive,
  checkOneOf,
  checkOrderShape,
  checkWindow,
  clientOrderIdParam,
  type DecimalInput,
  decimalParam,
  type IdInput,
  idParam,
  ORDER_FIELDS,
  type OrderResponseType,
  type OrderSide,
  orderTypeParam,
  type PegPriceType,
  pegOffsetTypeParam,
  pegOffsetValueParam,
  pegPriceTypeParam,
  responseTypeParam,
  type StpMode,
  sideParam,
  stpModeParam,
  strategyIdParam,
  strategyTypeParam,
  type TimeInForce,
  timeInForceParam,
  trailingDeltaParam,
} from '../../schemas/order-params.js';
import { limit, symbol, time } from '../../schemas/params.js';
import { defineEndpoint } from '../endpoint.js';
import {
  amendResponse,
  cancelReplaceResponse,
  cancelReport,
  defaultResponseType,
  order,
  orderListCancel,
  placementSchemas,
  testOrderCommission,
} from './responses.js';

// ---- new order parameters -------------------------------------------------------------------------

const newOrderShape = {
  symbol,
  side: sideParam,
  type: orderTypeParam,
  timeInForce: timeInForceParam.optional(),
  quantity: decimalParam('the quantity in the base asset').optional(),
  quoteOrderQty: decimalParam(
    'MARKET only: the quote-asset amount to spend (BUY) or receive (SELL)',
  ).optional(),
  price: decimalParam('the limit price').optional(),
  newClientOrderId: clientOrderIdParam.optional(),
  strategyId: strategyIdParam.optional(),
  strategyType: strategyTypeParam.optional(),
  stopPrice: decimalParam('the trigger price of a stop or take-profit order').optional(),
  trailingDelta: trailingDeltaParam.optional(),
  icebergQty: decimalParam('the visible quantity of an iceberg order').optional(),
  newOrderRespType: responseTypeParam.optional(),
  selfTradePreventionMode: stpModeParam.optional(),
  pegPriceType: pegPriceTypeParam.optional(),
  pegOffsetValue: pegOffsetValueParam.optional(),
  pegOffsetType: pegOffsetTypeParam.optional(),
};

const newOrderObject = z.strictObject(newOrderShape);
/** A new order's parameters as sent (decimals as strings). */
export type NewOrderRequest = z.output<typeof newOrderObject>;

interface OrderBase {
  readonly symbol: string;
  readonly side: OrderSide;
  /** Your id for the order (unique among open orders). The client generates one when you give none. */
  readonly newClientOrderId?: string;
  readonly strategyId?: IdInput;
  readonly strategyType?: number;
  readonly newOrderRespType?: OrderResponseType;
  readonly selfTradePreventionMode?: StpMode;
}
interface Pegging {
  readonly pegPriceType?: PegPriceType;
  readonly pegOffsetType?: 'PRICE_LEVEL';
  readonly pegOffsetValue?: number;
}
/** A limit price, or a peg (the price then comes from the book). */
type LimitPrice =
  | { readonly price: DecimalInput }
  | { readonly price?: DecimalInput; readonly pegPriceType: PegPriceType };
/** A stop price and/or a trailing delta. */
type Trigger =
  | { readonly stopPrice: DecimalInput; readonly trailingDelta?: number }
  | { readonly stopPrice?: DecimalInput; readonly trailingDelta: number };

export type LimitOrderParams = OrderBase &
  Pegging &
  LimitPrice & {
    readonly type: 'LIMIT';
    readonly timeInForce: TimeInForce;
    readonly quantity: DecimalInput;
    readonly icebergQty?: DecimalInput;
  };
export type MarketOrderParams = OrderBase & { readonly type: 'MARKET' } & (
    | { readonly quantity: DecimalInput; readonly quoteOrderQty?: undefined }
    | { readonly quoteOrderQty: DecimalInput; readonly quantity?: undefined }
  );
export type StopOrderParams = OrderBase &
  Trigger & { readonly type: 'STOP_LOSS' | 'TAKE_PROFIT'; readonly quantity: DecimalInput };
export type StopLimitOrderParams = OrderBase &
  Pegging &
  LimitPrice &
  Trigger & {
    readonly type: 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT_LIMIT';
    readonly timeInForce: TimeInForce;
    readonly quantity: DecimalInput;
    readonly icebergQty?: DecimalInput;
  };
export type LimitMakerOrderParams = OrderBase &
  Pegging &
  LimitPrice & {
    readonly type: 'LIMIT_MAKER';
    readonly quantity: DecimalInput;
    readonly icebergQty?: DecimalInput;
  };

/**
 * A new order, by type: which parameters each type needs is part of the type (and checked at run time
 * with errors that name the parameter): LIMIT needs `timeInForce`, `quantity` and `price`; MARKET
 * `quantity` or `quoteOrderQty`; STOP_LOSS / TAKE_PROFIT `quantity` and `stopPrice` and/or
 * `trailingDelta`; their _LIMIT variants also `price` and `timeInForce`; LIMIT_MAKER `quantity` and
 * `price`.
 */
export type NewOrderParams =
  | LimitOrderParams
  | MarketOrderParams
  | StopOrderParams
  | StopLimitOrderParams
  | LimitMakerOrderParams;

export const newOrderParams = newOrderObject.superRefine((v, ctx) =>
  checkOrderShape(v, ctx, ORDER_FIELDS),
) as unknown as z.ZodType<NewOrderRequest, NewOrderParams>;

/** The response schema of a placement with these parameters (`newOrderRespType`, or the type's default). */
function placementSchemaFor(params: { type: string; newOrderRespType?: OrderResponseType | undefined }) {
  return placementSchemas[params.newOrderRespType ?? defaultResponseType(params.type)];
}

export const newOrder = defineEndpoint({
  name: 'newOrder',
  method: 'POST',
  path: '/api/v3/order',
  security: 'TRADE',
  description:
    'Places an order of any Spot type; the client sends a newClientOrderId and never places it twice.',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: newOrderParams,
  response: z.union([placementSchemas.FULL, placementSchemas.RESULT, placementSchemas.ACK]),
  responseFor: placementSchemaFor,
  weight: () => 1,
  orders: () => 1,
});

const testOrderObject = z.strictObject({
  ...newOrderShape,
  computeCommissionRates: z
    .boolean()
    .describe('true to get the commission rates the order would pay (weight 20 instead of 1)'),
});
export type TestOrderRequest = z.output<typeof testOrderObject>;
/** A new order to check without placing it, optionally with the commission rates it would pay. */
export type TestOrderParams = NewOrderParams & { readonly computeCommissionRates?: boolean };

export const testOrder = defineEndpoint({
  name: 'testOrder',
  method: 'POST',
  path: '/api/v3/order/test',
  security: 'TRADE',
  description:
    'Checks a new order as the exchange would (filters, balance rules) without sending it to the matching engine.',
  dataSource: 'Memory',
  marketDataHost: false,
  params: testOrderObject
    .partial({ computeCommissionRates: true })
    .superRefine((v, ctx) => checkOrderShape(v, ctx, ORDER_FIELDS)) as unknown as z.ZodType<
    TestOrderRequest,
    TestOrderParams
  >,
  response: z.union([testOrderCommission, z.object({})]),
  responseFor: (params) => (params.computeCommissionRates ? testOrderCommission : z.object({})),
  weight: (params) => (params.computeCommissionRates ? 20 : 1),
  // Nothing reaches the matching engine: safe to send again.
  idempotent: true,
});

// ---- one order: query, cancel, amend ----------------------------------------------------------------

/** An order by `orderId` or by its client id (both: the id is looked up, the client id must match). */
export type OrderRef =
  | { readonly orderId: IdInput; readonly origClientOrderId?: string }
  | { readonly origClientOrderId: string; readonly orderId?: IdInput };

const orderRefShape = {
  symbol,
  orderId: idParam.optional(),
  origClientOrderId: clientOrderIdParam.optional(),
};

export type GetOrderParams = { readonly symbol: string } & OrderRef;

const getOrderObject = z.strictObject(orderRefShape);
export const getOrder = defineEndpoint({
  name: 'getOrder',
  method: 'GET',
  path: '/api/v3/order',
  security: 'USER_DATA',
  description: "An order's current state, by orderId or origClientOrderId.",
  dataSource: 'Database',
  marketDataHost: false,
  params: getOrderObject.superRefine((v, ctx) =>
    checkOneOf(v, ctx, 'orderId', 'origClientOrderId'),
  ) as unknown as z.ZodType<z.output<typeof getOrderObject>, GetOrderParams>,
  response: order,
  weight: () => 4,
});

export type CancelOrderParams = GetOrderParams & {
  /** Your id for this cancel (generated by Binance if not given). */
  readonly newClientOrderId?: string;
  readonly cancelRestrictions?: 'ONLY_NEW' | 'ONLY_PARTIALLY_FILLED';
};

const cancelOrderObject = z.strictObject({
  ...orderRefShape,
  newClientOrderId: clientOrderIdParam.optional(),
  cancelRestrictions: cancelRestrictionsParam.optional(),
});
export const cancelOrder = defineEndpoint({
  name: 'cancelOrder',
  method: 'DELETE',
  path: '/api/v3/order',
  security: 'TRADE',
  description:
    'Cancels an open order (a leg of an order list cancels the whole list, and the answer is the list).',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: cancelOrderObject.superRefine((v, ctx) =>
    checkOneOf(v, ctx, 'orderId', 'origClientOrderId'),
  ) as unknown as z.ZodType<z.output<typeof cancelOrderObject>, CancelOrderParams>,
  response: z.union([orderListCancel, cancelReport]),
  weight: () => 1,
});

export const cancelOpenOrders = defineEndpoint({
  name: 'cancelOpenOrders',
  method: 'DELETE',
  path: '/api/v3/openOrders',
  security: 'TRADE',
  description: 'Cancels every open order on a symbol, order lists included.',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: z.strictObject({ symbol }),
  response: z.array(z.union([orderListCancel, cancelReport])),
  weight: () => 1,
});

export type AmendOrderParams = GetOrderParams & {
  /** The new quantity: above 0 and below the order's quantity (only reductions keep priority). */
  readonly newQty: DecimalInput;
  /** The order's client id after the amendment (generated if not given; may be the current one). */
  readonly newClientOrderId?: string;
};

const amendObject = z.strictObject({
  ...orderRefShape,
  newClientOrderId: clientOrderIdParam.optional(),
  newQty: decimalParam("the order's new quantity, below its current one"),
});
export const amendOrder = defineEndpoint({
  name: 'amendOrder',
  method: 'PUT',
  path: '/api/v3/order/amend/keepPriority',
  security: 'TRADE',
  description: "Reduces an open order's quantity, keeping its place in the queue.",
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: amendObject.superRefine((v, ctx) =>
    checkOneOf(v, ctx, 'orderId', 'origClientOrderId'),
  ) as unknown as z.ZodType<z.output<typeof amendObject>, AmendOrderParams>,
  response: amendResponse,
  weight: () => 4,
});

// ---- cancelReplace ------------------------------------------------------------------------------

/** Cancels an order and places a new one on the same symbol, in one request. */
export type CancelReplaceParams = NewOrderParams & {
  /** STOP_ON_FAILURE: no new order if the cancel fails; ALLOW_FAILURE: the new order is tried anyway. */
  readonly cancelReplaceMode: 'STOP_ON_FAILURE' | 'ALLOW_FAILURE';
  readonly cancelNewClientOrderId?: string;
  readonly cancelRestrictions?: 'ONLY_NEW' | 'ONLY_PARTIALLY_FILLED';
  /** DO_NOTHING (default): nothing happens when the order count is exceeded; CANCEL_ONLY: cancel anyway. */
  readonly orderRateLimitExceededMode?: 'DO_NOTHING' | 'CANCEL_ONLY';
} & (
    | { readonly cancelOrderId: IdInput; readonly cancelOrigClientOrderId?: string }
    | { readonly cancelOrigClientOrderId: string; readonly cancelOrderId?: IdInput }
  );

const cancelReplaceObject = z.strictObject({
  ...newOrderShape,
  cancelReplaceMode: z
    .enum(['STOP_ON_FAILURE', 'ALLOW_FAILURE'])
    .describe('STOP_ON_FAILURE (no new order if the cancel fails) or ALLOW_FAILURE (try it anyway)'),
  cancelNewClientOrderId: clientOrderIdParam.optional(),
  cancelOrigClientOrderId: clientOrderIdParam.optional(),
  cancelOrderId: idParam.optional(),
  cancelRestrictions: cancelRestrictionsParam.optional(),
  orderRateLimitExceededMode: z
    .enum(['DO_NOTHING', 'CANCEL_ONLY'])
    .describe('DO_NOTHING (default) or CANCEL_ONLY: what happens when the unfilled order count is exceeded')
    .optional(),
});
export type CancelReplaceRequest = z.output<typeof cancelReplaceObject>;

export const cancelReplace = defineEndpoint({
  name: 'cancelReplace',
  method: 'POST',
  path: '/api/v3/order/cancelReplace',
  security: 'TRADE',
  description:
    'Cancels an order and places a new one on the same symbol; partial failures are ApiError -2021 / -2022 with `data`.',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: cancelReplaceObject.superRefine((v, ctx) => {
    checkOrderShape(v, ctx, ORDER_FIELDS);
    checkOneOf(v, ctx, 'cancelOrderId', 'cancelOrigClientOrderId');
  }) as unknown as z.ZodType<CancelReplaceRequest, CancelReplaceParams>,
  response: cancelReplaceResponse(
    z.union([placementSchemas.FULL, placementSchemas.RESULT, placementSchemas.ACK]),
  ),
  responseFor: (params) => cancelReplaceResponse(placementSchemaFor(params)),
  weight: () => 1,
  orders: () => 1,
});

// ---- lists of orders ----------------------------------------------------------------------------

export const openOrders = defineEndpoint({
  name: 'openOrders',
  method: 'GET',
  path: '/api/v3/openOrders',
  security: 'USER_DATA',
  description: 'Open orders on one symbol, or on all symbols (weight 80: name the symbol when you can).',
  dataSource: 'Database',
  marketDataHost: false,
  params: z.strictObject({ symbol: symbol.optional() }),
  response: z.array(order),
  weight: (params) => (params.symbol === undefined ? 80 : 6),
});

const allOrdersObject = z.strictObject({
  symbol,
  orderId: idParam.optional(),
  startTime: time.optional(),
  endTime: time.optional(),
  limit: limit(1000, 500).optional(),
});
export type AllOrdersParams = z.input<typeof allOrdersObject>;
export const allOrders = defineEndpoint({
  name: 'allOrders',
  method: 'GET',
  path: '/api/v3/allOrders',
  security: 'USER_DATA',
  description:
    'Orders of a symbol, any status: from an orderId up, in a time range (at most 24 hours), or the most recent.',
  dataSource: 'Database',
  marketDataHost: false,
  params: allOrdersObject.superRefine((v, ctx) => {
    checkExclusive(v, ctx, 'orderId', ['startTime', 'endTime'], 'with a time range Binance ignores orderId');
    checkWindow(v, ctx);
  }),
  response: z.array(order),
  weight: () => 20,
});
