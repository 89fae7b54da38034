// Order endpoints (TRADE / USER_DATA): new order, test order, query, cancel, cancel all,
// cancelReplace, amend keep-priority, openOrders, allOrders.

import { amend } from '../../trading/amend.js';
import { cancelReplace as replaceOrder } from '../../trading/cancel-replace.js';
import type { OrderRef } from '../../trading/engine.js';
import {
  clientId,
  ORDER_FIELDS,
  type OrderRequest,
  readOrder,
  readResponseType,
  readStp,
} from '../../trading/request.js';
import { queryOrder } from '../../trading/responses.js';
import { accountOf, lookup, type RestContext, type Route } from '../context.js';
import { errors } from '../errors.js';
import type { Params } from '../params.js';

const DAY = 86_400_000;

/** A new order's parameters (POST order, order/test, cancelReplace). */
export function readNewOrder(p: Params): OrderRequest {
  const req = readOrder(p, ORDER_FIELDS);
  req.stp = readStp(p);
  return req;
}

/** `orderId` and/or `origClientOrderId` (one is mandatory: -1102). */
export function readOrderRef(p: Params, idName = 'orderId', clientIdName = 'origClientOrderId'): OrderRef {
  const orderId = p.id(idName);
  const origClientOrderId = p.string(clientIdName);
  if (orderId === undefined && origClientOrderId === undefined)
    throw errors.eitherMandatory(idName, clientIdName);
  return { orderId, origClientOrderId };
}

export function readCancelRestrictions(p: Params, name = 'cancelRestrictions') {
  return p.oneOf(name, ['ONLY_NEW', 'ONLY_PARTIALLY_FILLED'] as const, errors.badCancelRestrictions) ?? null;
}

export const newOrder: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  placesOrders: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const req = readNewOrder(p);
    const respType = readResponseType(p);
    p.finish();
    return ctx.trading.place(accountOf(ctx), sm, req, respType, ctx.now, ctx.time);
  },
};

export const testOrder: Route = {
  weight: (params) => (params.peek('computeCommissionRates')?.toLowerCase() === 'true' ? 20 : 1),
  security: 'TRADE',
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const req = readNewOrder(p);
    readResponseType(p);
    const rates = p.boolean('computeCommissionRates') ?? false;
    p.finish();
    return ctx.trading.test(accountOf(ctx), sm, req, rates, ctx.now);
  },
};

export const getOrder: Route = {
  weight: () => 4,
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const ref = readOrderRef(p);
    return ctx.trading.query(accountOf(ctx), sm, ref, ctx.time);
  },
};

export const cancelOrder: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const ref = readOrderRef(p);
    const cancelId = clientId(p, 'newClientOrderId');
    const restriction = readCancelRestrictions(p);
    p.finish();
    return ctx.trading.cancel(accountOf(ctx), sm, ref, cancelId, restriction, ctx.now, ctx.time);
  },
};

export const cancelOpenOrders: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    p.finish();
    return ctx.trading.cancelAll(accountOf(ctx), sm, ctx.now, ctx.time);
  },
};

export const cancelReplace: Route = {
  weight: () => 1,
  security: 'TRADE',
  freeOnSuccess: true,
  placesOrders: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    p.requiredString('cancelReplaceMode');
    const mode = p.oneOf('cancelReplaceMode', ['STOP_ON_FAILURE', 'ALLOW_FAILURE'] as const, () =>
      errors.invalidParam('cancelReplaceMode'),
    )!;
    const rateMode =
      p.oneOf('orderRateLimitExceededMode', ['DO_NOTHING', 'CANCEL_ONLY'] as const, () =>
        errors.invalidParam('orderRateLimitExceededMode'),
      ) ?? 'DO_NOTHING';
    const ref = readOrderRef(p, 'cancelOrderId', 'cancelOrigClientOrderId');
    const cancelId = clientId(p, 'cancelNewClientOrderId');
    const restriction = readCancelRestrictions(p);
    const req = readNewOrder(p);
    const respType = readResponseType(p);
    p.finish();
    return replaceOrder(
      ctx.trading,
      accountOf(ctx),
      sm,
      { mode, rateMode, ref, cancelId, restriction, req, respType },
      ctx.now,
      ctx.time,
    );
  },
};

export const amendKeepPriority: Route = {
  weight: () => 4,
  security: 'TRADE',
  freeOnSuccess: true,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const ref = readOrderRef(p);
    const newClientId = clientId(p, 'newClientOrderId');
    const newQty = p.decimal('newQty');
    if (newQty === undefined) throw errors.mandatory('newQty');
    if (newQty === 0n) throw errors.invalidParam('newQty');
    p.finish();
    const { body, expired } = amend(
      ctx.trading,
      accountOf(ctx),
      sm,
      ref,
      newQty,
      newClientId,
      ctx.now,
      ctx.time,
    );
    // Weight 0 only when the amendment expired the order (CHANGELOG 2026-04-02).
    ctx.charge = !expired;
    return body;
  },
};

export const openOrders: Route = {
  weight: (params) => (params.peek('symbol') ? 6 : 80),
  security: 'USER_DATA',
  handle: (ctx: RestContext) => {
    const p = ctx.params;
    const symbol = p.symbol('symbol');
    if (symbol !== undefined) lookup(ctx, symbol);
    return accountOf(ctx)
      .openOrders(symbol)
      .sort((a, b) => a.time - b.time || a.orderId - b.orderId)
      .map((o) => queryOrder(o, ctx.time));
  },
};

export const allOrders: Route = {
  weight: () => 20,
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const orderId = p.fromId('orderId');
    const start = p.timestamp('startTime');
    const end = p.timestamp('endTime');
    const n = p.int('limit', 1, 1000) ?? 500;
    if (start !== undefined && end !== undefined && end - start > DAY) throw errors.moreThan24Hours();
    let orders = [...accountOf(ctx).ordersOf(sm.symbol)];
    if (start !== undefined || end !== undefined) {
      // Filtered by the time of the order's last update; orderId is then ignored (web-socket-api.md).
      if (start !== undefined) orders = orders.filter((o) => o.updateTime >= start);
      if (end !== undefined) orders = orders.filter((o) => o.updateTime <= end);
      orders = start !== undefined ? orders.slice(0, n) : orders.slice(Math.max(0, orders.length - n));
    } else if (orderId !== undefined) {
      orders = orders.filter((o) => o.orderId >= orderId).slice(0, n);
    } else {
      orders = orders.slice(Math.max(0, orders.length - n));
    }
    return orders.map((o) => queryOrder(o, ctx.time));
  },
};
