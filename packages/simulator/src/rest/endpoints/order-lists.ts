// Order list endpoints: orderList/oco, orderList/oto, orderList/otoco (TRADE); DELETE orderList
// (TRADE); orderList, allOrderList, openOrderList (USER_DATA).

import { findList } from '../../trading/engine.js';
import { placeOco, placeOto, placeOtoco } from '../../trading/order-lists.js';
import {
  clientId,
  legFields,
  readOrder,
  readResponseType,
  readSide,
  readStp,
} from '../../trading/request.js';
import { listStatus } from '../../trading/responses.js';
import { accountOf, lookup, type Route } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Params } from '../params.js';

const DAY = 86_400_000;

/** An OCO leg's iceberg needs GTC (-1160 rather than the single-order rule). */
function leg(p: Params, prefix: string, shared: { side?: string; quantity?: string }, side?: 'BUY' | 'SELL') {
  const names = legFields(prefix, shared);
  const type = p.peek(names.type);
  if (side !== undefined && (type === 'LIMIT' || type === 'MARKET')) {
    // An OCO leg of a type OCOs do not take (before the type's own parameters are checked).
    throw new ApiError(400, -1158, 'Order type not supported in OCO.');
  }
  const tif = p.peek(names.timeInForce);
  if (p.has(names.icebergQty) && tif !== undefined && tif !== 'GTC') {
    throw new ApiError(
      400,
      -1160,
      `Parameter '${names.icebergQty}' is not supported if \`aboveTimeInForce\`/\`belowTimeInForce\` is not GTC.`,
    );
  }
  return readOrder(p, names, side ? { side } : {});
}

function common(p: Params) {
  return {
    listClientOrderId: clientId(p, 'listClientOrderId'),
    respType: readResponseType(p),
    stp: readStp(p),
  };
}

export const oco: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  placesOrders: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const side = readSide(p, 'side');
    const shared = { side: 'side', quantity: 'quantity' };
    const above = leg(p, 'above', shared, side);
    const below = leg(p, 'below', shared, side);
    const rest = common(p);
    p.finish();
    return placeOco(ctx.trading, accountOf(ctx), sm, { ...rest, side, above, below }, ctx.now, ctx.time);
  },
};

export const oto: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  placesOrders: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const working = leg(p, 'working', {});
    const pending = leg(p, 'pending', {});
    const rest = common(p);
    p.finish();
    return placeOto(ctx.trading, accountOf(ctx), sm, { ...rest, working, pending }, ctx.now, ctx.time);
  },
};

export const otoco: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  placesOrders: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const working = leg(p, 'working', {});
    const pendingSide = readSide(p, 'pendingSide');
    const shared = { side: 'pendingSide', quantity: 'pendingQuantity' };
    const pendingAbove = leg(p, 'pendingAbove', shared, pendingSide);
    // pendingBelowType is marked optional in the docs, but an OCO pair needs both legs.
    const pendingBelow = leg(p, 'pendingBelow', shared, pendingSide);
    const rest = common(p);
    p.finish();
    return placeOtoco(
      ctx.trading,
      accountOf(ctx),
      sm,
      { ...rest, working, pendingSide, pendingAbove, pendingBelow },
      ctx.now,
      ctx.time,
    );
  },
};

export const cancelOrderList: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const orderListId = p.long('orderListId');
    const listClientOrderId = p.string('listClientOrderId');
    if (orderListId === undefined && listClientOrderId === undefined) {
      throw errors.eitherMandatory('orderListId', 'listClientOrderId');
    }
    const cancelId = clientId(p, 'newClientOrderId');
    p.finish();
    return ctx.trading.cancelList(
      accountOf(ctx),
      sm,
      { orderListId, listClientOrderId },
      cancelId,
      ctx.now,
      ctx.time,
    );
  },
};

export const getOrderList: Route = {
  weight: () => 4,
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    const orderListId = p.long('orderListId');
    // The parameter is named origClientOrderId but holds the list's listClientOrderId.
    const listClientOrderId = p.string('origClientOrderId');
    if (orderListId === undefined && listClientOrderId === undefined) {
      throw errors.eitherMandatory('orderListId', 'origClientOrderId');
    }
    const list = findList(accountOf(ctx), { orderListId, listClientOrderId });
    if (!list) throw errors.noSuchOrder();
    return listStatus(list, ctx.time);
  },
};

export const allOrderList: Route = {
  weight: () => 20,
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    const fromId = p.long('fromId');
    const start = p.timestamp('startTime');
    const end = p.timestamp('endTime');
    const n = p.int('limit', 1, 1000) ?? 500;
    if (fromId !== undefined && (start !== undefined || end !== undefined)) throw errors.badCombination();
    if (start !== undefined && end !== undefined && end - start > DAY) throw errors.moreThan24Hours();
    let lists = accountOf(ctx).lists;
    if (fromId !== undefined) lists = lists.filter((l) => l.orderListId >= fromId).slice(0, n);
    else {
      if (start !== undefined) lists = lists.filter((l) => l.transactionTime >= start);
      if (end !== undefined) lists = lists.filter((l) => l.transactionTime <= end);
      lists = start !== undefined ? lists.slice(0, n) : lists.slice(Math.max(0, lists.length - n));
    }
    return lists.map((l) => listStatus(l, ctx.time));
  },
};

export const openOrderList: Route = {
  weight: () => 6,
  security: 'USER_DATA',
  handle: (ctx) =>
    accountOf(ctx)
      .lists.filter((l) => l.isOpen())
      .map((l) => listStatus(l, ctx.time)),
};
