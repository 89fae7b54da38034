// Order lists: OCO (one cancels the other), OTO (one triggers the other) and OTOCO (one triggers an
// OCO) placement, cancel, and the list queries. Each leg is checked like an order of its type, under
// the leg's own parameter names (`abovePrice`, `workingTimeInForce`, …), and an OCO's legs must sit on
// the right side of the price for the list's side.

import * as z from 'zod';
import {
  checkExclusive,
  checkOneOf,
  checkOrderShape,
  checkWindow,
  clientOrderIdParam,
  decimalParam,
  idParam,
  legFieldNames,
  pegOffsetTypeParam,
  pegOffsetValueParam,
  pegPriceTypeParam,
  responseTypeParam,
  sideParam,
  stpModeParam,
  strategyIdParam,
  strategyTypeParam,
  timeInForceParam,
  trailingDeltaParam,
} from '../../schemas/order-params.js';
import { limit, symbol, time } from '../../schemas/params.js';
import { defineEndpoint } from '../endpoint.js';
import { listPlacementSchemas, orderList, orderListCancel } from './responses.js';

const OCO_TYPES = [
  'STOP_LOSS_LIMIT',
  'STOP_LOSS',
  'LIMIT_MAKER',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
] as const;
const ocoLegType = z
  .enum(OCO_TYPES)
  .describe(
    'LIMIT_MAKER, TAKE_PROFIT or TAKE_PROFIT_LIMIT for one leg, STOP_LOSS or STOP_LOSS_LIMIT for the other',
  );

/** Every parameter of one leg but its type, before the leg's prefix. */
const legFields = {
  clientOrderId: clientOrderIdParam.optional(),
  price: decimalParam('the limit price of the leg').optional(),
  stopPrice: decimalParam('the trigger price of the leg').optional(),
  trailingDelta: trailingDeltaParam.optional(),
  icebergQty: decimalParam('the visible quantity of the leg (an iceberg)').optional(),
  timeInForce: timeInForceParam.optional(),
  strategyId: strategyIdParam.optional(),
  strategyType: strategyTypeParam.optional(),
  pegPriceType: pegPriceTypeParam.optional(),
  pegOffsetType: pegOffsetTypeParam.optional(),
  pegOffsetValue: pegOffsetValueParam.optional(),
};

type Prefixed<P extends string, S> = { [K in keyof S & string as `${P}${Capitalize<K>}`]: S[K] };

function prefixed<P extends string, S extends Record<string, z.ZodType>>(
  prefix: P,
  shape: S,
): Prefixed<P, S> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [
      prefix + (key[0] as string).toUpperCase() + key.slice(1),
      schema,
    ]),
  ) as Prefixed<P, S>;
}

/** The parameters of one leg, named `prefix` + field (`aboveType`, `abovePrice`, …). */
function legShape<P extends string, T extends z.ZodType>(prefix: P, type: T) {
  return { ...prefixed(prefix, { type }), ...prefixed(prefix, legFields) };
}

const listCommon = {
  symbol,
  listClientOrderId: clientOrderIdParam
    .describe('your id for the list: 1 to 36 letters, digits and . : / _ - (unique among open order lists)')
    .optional(),
  newOrderRespType: responseTypeParam
    .default('RESULT')
    .describe("ACK, RESULT (this client's default: Binance documents none for lists) or FULL"),
  selfTradePreventionMode: stpModeParam.optional(),
};

const LIMIT_LIKE: readonly string[] = ['LIMIT_MAKER', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const STOP_LOSS: readonly string[] = ['STOP_LOSS', 'STOP_LOSS_LIMIT'];

/**
 * An OCO's legs by position: for a SELL the limit / take-profit leg is above the price and the stop
 * loss below it; for a BUY the other way round (Binance's -1165, -1166, -1196 … -1199).
 */
function checkOcoPair(
  v: Record<string, unknown>,
  ctx: z.RefinementCtx,
  side: unknown,
  above: string,
  below: string,
): void {
  const a = v[above] as string | undefined;
  const b = v[below] as string | undefined;
  if (a === undefined || b === undefined || (side !== 'BUY' && side !== 'SELL')) return;
  const sell = side === 'SELL';
  const upper = sell ? LIMIT_LIKE : STOP_LOSS;
  const lower = sell ? STOP_LOSS : LIMIT_LIKE;
  const describe = (types: readonly string[]) => types.join(', ');
  if (!upper.includes(a)) {
    ctx.addIssue({
      code: 'custom',
      path: [above],
      message: `${describe(upper)} in a ${side} OCO (${sell ? 'the limit or take-profit leg is above the price, the stop loss below' : 'the stop loss is above the price, the limit or take-profit leg below'})`,
    });
  }
  if (!lower.includes(b)) {
    ctx.addIssue({
      code: 'custom',
      path: [below],
      message: `${describe(lower)} in a ${side} OCO (${sell ? 'the limit or take-profit leg is above the price, the stop loss below' : 'the stop loss is above the price, the limit or take-profit leg below'})`,
    });
  }
}

// ---- OCO ------------------------------------------------------------------------------------------

const ocoObject = z.strictObject({
  ...listCommon,
  side: sideParam,
  quantity: decimalParam('the quantity of both legs'),
  ...legShape('above', ocoLegType),
  ...legShape('below', ocoLegType),
});
export type OcoRequest = z.output<typeof ocoObject>;
/** An OCO: two orders on one side, one above and one below the price; when one works, the other is canceled. */
export type OcoParams = z.input<typeof ocoObject>;

const ocoShared = { side: 'side', quantity: 'quantity' };
export const newOrderListOco = defineEndpoint({
  name: 'newOrderListOco',
  method: 'POST',
  path: '/api/v3/orderList/oco',
  security: 'TRADE',
  description:
    'Places an OCO: a limit (or take-profit) order and a stop-loss order on one side; when one works, the other is canceled.',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: ocoObject.superRefine((v, ctx) => {
    checkOrderShape(v, ctx, legFieldNames('above', ocoShared), 'above leg');
    checkOrderShape(v, ctx, legFieldNames('below', ocoShared), 'below leg');
    checkOcoPair(v, ctx, v.side, 'aboveType', 'belowType');
  }),
  response: z.union([listPlacementSchemas.FULL, listPlacementSchemas.RESULT, listPlacementSchemas.ACK]),
  responseFor: (params) => listPlacementSchemas[params.newOrderRespType],
  weight: () => 1,
  orders: () => 2,
});

// ---- OTO and OTOCO --------------------------------------------------------------------------------

const workingShape = {
  ...legShape(
    'working',
    z.enum(['LIMIT', 'LIMIT_MAKER']).describe('LIMIT or LIMIT_MAKER: the order that works first'),
  ),
  workingSide: sideParam,
  workingPrice: decimalParam('the limit price of the working order'),
  workingQuantity: decimalParam('the quantity of the working order'),
};

const pendingType = z
  .enum([
    'LIMIT',
    'MARKET',
    'STOP_LOSS',
    'STOP_LOSS_LIMIT',
    'TAKE_PROFIT',
    'TAKE_PROFIT_LIMIT',
    'LIMIT_MAKER',
  ])
  .describe('the type of the order placed once the working order is filled');

const otoObject = z.strictObject({
  ...listCommon,
  ...workingShape,
  ...legShape('pending', pendingType),
  pendingSide: sideParam,
  pendingQuantity: decimalParam('the quantity of the pending order'),
});
export type OtoRequest = z.output<typeof otoObject>;
/** An OTO: a working order (LIMIT or LIMIT_MAKER) and a pending order placed once it is filled. */
export type OtoParams = z.input<typeof otoObject>;

export const newOrderListOto = defineEndpoint({
  name: 'newOrderListOto',
  method: 'POST',
  path: '/api/v3/orderList/oto',
  security: 'TRADE',
  description:
    'Places an OTO: a working limit order, and a pending order that is placed when the working order is filled.',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: otoObject.superRefine((v, ctx) => {
    checkOrderShape(v, ctx, legFieldNames('working'), 'working order');
    checkOrderShape(v, ctx, legFieldNames('pending'), 'pending order');
  }),
  response: z.union([listPlacementSchemas.FULL, listPlacementSchemas.RESULT, listPlacementSchemas.ACK]),
  responseFor: (params) => listPlacementSchemas[params.newOrderRespType],
  weight: () => 1,
  orders: () => 2,
});

const otocoObject = z.strictObject({
  ...listCommon,
  ...workingShape,
  pendingSide: sideParam,
  pendingQuantity: decimalParam('the quantity of both pending orders'),
  ...legShape('pendingAbove', ocoLegType),
  ...legShape('pendingBelow', ocoLegType),
});
export type OtocoRequest = z.output<typeof otocoObject>;
/** An OTOCO: a working order and a pending OCO pair placed once it is filled. */
export type OtocoParams = z.input<typeof otocoObject>;

const pendingShared = { side: 'pendingSide', quantity: 'pendingQuantity' };
export const newOrderListOtoco = defineEndpoint({
  name: 'newOrderListOtoco',
  method: 'POST',
  path: '/api/v3/orderList/otoco',
  security: 'TRADE',
  description:
    'Places an OTOCO: a working limit order, and a pending OCO pair that is placed when the working order is filled.',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: otocoObject.superRefine((v, ctx) => {
    checkOrderShape(v, ctx, legFieldNames('working'), 'working order');
    checkOrderShape(v, ctx, legFieldNames('pendingAbove', pendingShared), 'pending above leg');
    checkOrderShape(v, ctx, legFieldNames('pendingBelow', pendingShared), 'pending below leg');
    checkOcoPair(v, ctx, v.pendingSide, 'pendingAboveType', 'pendingBelowType');
  }),
  response: z.union([listPlacementSchemas.FULL, listPlacementSchemas.RESULT, listPlacementSchemas.ACK]),
  responseFor: (params) => listPlacementSchemas[params.newOrderRespType],
  weight: () => 1,
  orders: () => 3,
});

// ---- cancel and queries ---------------------------------------------------------------------------

const cancelListObject = z.strictObject({
  symbol,
  orderListId: idParam.optional(),
  listClientOrderId: clientOrderIdParam.optional(),
  newClientOrderId: clientOrderIdParam.optional(),
});
export type CancelOrderListParams = { readonly symbol: string; readonly newClientOrderId?: string } & (
  | { readonly orderListId: number | bigint | string; readonly listClientOrderId?: string }
  | { readonly listClientOrderId: string; readonly orderListId?: number | bigint | string }
);

export const cancelOrderList = defineEndpoint({
  name: 'cancelOrderList',
  method: 'DELETE',
  path: '/api/v3/orderList',
  security: 'TRADE',
  description: 'Cancels an order list (all its open legs), by orderListId or listClientOrderId.',
  dataSource: 'Matching Engine',
  marketDataHost: false,
  params: cancelListObject.superRefine((v, ctx) =>
    checkOneOf(v, ctx, 'orderListId', 'listClientOrderId'),
  ) as unknown as z.ZodType<z.output<typeof cancelListObject>, CancelOrderListParams>,
  response: orderListCancel,
  weight: () => 1,
});

const getListObject = z.strictObject({
  orderListId: idParam.optional(),
  origClientOrderId: clientOrderIdParam
    .describe("the list's listClientOrderId (Binance names this parameter origClientOrderId)")
    .optional(),
});
export type GetOrderListParams =
  | { readonly orderListId: number | bigint | string; readonly origClientOrderId?: string }
  | { readonly origClientOrderId: string; readonly orderListId?: number | bigint | string };

export const getOrderList = defineEndpoint({
  name: 'getOrderList',
  method: 'GET',
  path: '/api/v3/orderList',
  security: 'USER_DATA',
  description: "An order list's status, by orderListId or by its listClientOrderId (`origClientOrderId`).",
  dataSource: 'Database',
  marketDataHost: false,
  params: getListObject.superRefine((v, ctx) =>
    checkOneOf(v, ctx, 'orderListId', 'origClientOrderId'),
  ) as unknown as z.ZodType<z.output<typeof getListObject>, GetOrderListParams>,
  response: orderList,
  weight: () => 4,
});

const allListsObject = z.strictObject({
  fromId: idParam.optional(),
  startTime: time.optional(),
  endTime: time.optional(),
  limit: limit(1000, 500).optional(),
});
export type AllOrderListsParams = z.input<typeof allListsObject>;

export const allOrderLists = defineEndpoint({
  name: 'allOrderLists',
  method: 'GET',
  path: '/api/v3/allOrderList',
  security: 'USER_DATA',
  description:
    'Order lists of the account: from an orderListId, in a time range (at most 24 hours), or the most recent.',
  dataSource: 'Database',
  marketDataHost: false,
  params: allListsObject.superRefine((v, ctx) => {
    checkExclusive(v, ctx, 'fromId', ['startTime', 'endTime'], 'Binance refuses fromId with a time range');
    checkWindow(v, ctx);
  }),
  response: z.array(orderList),
  weight: () => 20,
});

export const openOrderLists = defineEndpoint({
  name: 'openOrderLists',
  method: 'GET',
  path: '/api/v3/openOrderList',
  security: 'USER_DATA',
  description: 'The open order lists of the account.',
  dataSource: 'Database',
  marketDataHost: false,
  params: z.strictObject({}),
  response: z.array(orderList),
  weight: () => 6,
});
