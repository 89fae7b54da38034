// POST /api/v3/order/cancelReplace: cancel an order and place a new one, in both modes
// (STOP_ON_FAILURE, ALLOW_FAILURE) and both order-count modes (DO_NOTHING, CANCEL_ONLY), with the
// documented 200 / 400 (-2022) / 409 (-2021) / 429 (-1015) outcomes.

import type { Account } from '../accounts/account.js';
import type { SymbolMarket } from '../market/market.js';
import { ApiError, errors } from '../rest/errors.js';
import {
  type CancelRestriction,
  defaultResponseType,
  newClientOrderId,
  type OrderRef,
  type Session,
  type TimeFn,
  type TradingEngine,
} from './engine.js';
import type { OrderRequest } from './request.js';
import { placement } from './responses.js';
import type { ResponseType, StpMode } from './types.js';

type Json = Record<string, unknown>;

/** POST /api/v3/order/cancelReplace: 200 with both results, or an ApiError (400 / 409 / 429). */
export function cancelReplace(
  engine: TradingEngine,
  account: Account,
  sm: SymbolMarket,
  args: {
    mode: 'STOP_ON_FAILURE' | 'ALLOW_FAILURE';
    rateMode: 'DO_NOTHING' | 'CANCEL_ONLY';
    ref: OrderRef;
    cancelId: string | null;
    restriction: CancelRestriction | null;
    req: OrderRequest;
    respType: ResponseType | null;
  },
  now: number,
  t: TimeFn,
): Json {
  const s = engine.begin(sm, now);
  if (!sm.flags.cancelReplaceAllowed)
    throw errors.rejected('Order cancel-replace is not supported for this symbol.');
  // Filters and the order count are evaluated before anything is cancelled or placed.
  const stp = engine.validateNew(account, sm, [args.req], args.req.stp, s.time);
  let newFailure: { code: number; msg: string } | null = null;
  try {
    account.orderCount.check(s.time, 1);
  } catch (error) {
    if (args.rateMode === 'DO_NOTHING' || !(error instanceof ApiError)) throw error;
    newFailure = error.body();
  }
  let cancelResponse: Json;
  let cancelOk = true;
  try {
    cancelResponse = engine.cancelIn(
      s,
      account,
      args.ref,
      args.cancelId ?? newClientOrderId(),
      args.restriction,
      t,
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    cancelOk = false;
    cancelResponse = error.body();
  }
  let newResult: 'SUCCESS' | 'FAILURE' | 'NOT_ATTEMPTED';
  let newOrderResponse: Json | null;
  if (newFailure) {
    newResult = 'FAILURE';
    newOrderResponse = newFailure;
  } else if (!cancelOk && args.mode === 'STOP_ON_FAILURE') {
    newResult = 'NOT_ATTEMPTED';
    newOrderResponse = null;
    // "A new order that was not attempted … will still increase the unfilled order count by 1."
    account.orderCount.add(s.time, 1);
  } else {
    try {
      const { order, taker } = engine.placeValidated(s, account, args.req, stp);
      newResult = 'SUCCESS';
      newOrderResponse = placement(
        order,
        args.respType ?? defaultResponseType(order),
        s.time,
        t,
        taker ?? undefined,
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      newResult = 'FAILURE';
      newOrderResponse = error.body();
      reportRejected(engine, s, account, args.req, stp, error.message);
    }
  }
  s.batch.flush();
  const data = {
    cancelResult: cancelOk ? 'SUCCESS' : 'FAILURE',
    newOrderResult: newResult,
    cancelResponse,
    newOrderResponse,
  };
  if (cancelOk && newResult === 'SUCCESS') return data;
  if (cancelOk || newResult === 'SUCCESS') {
    throw new ApiError(409, -2021, 'Order cancel-replace partially failed.', data);
  }
  throw new ApiError(400, -2022, 'Order cancel-replace failed.', data);
}

/** The `REJECTED` execution report of a cancelReplace whose new order the matching engine refused. */
function reportRejected(
  engine: TradingEngine,
  s: Session,
  account: Account,
  req: OrderRequest,
  stp: StpMode,
  msg: string,
): void {
  const order = engine.build(account, s.st.sm, req, stp, s.time);
  order.orderId = s.st.nextOrderId++;
  order.status = 'REJECTED';
  const reason =
    msg === 'Account has insufficient balance for requested action.'
      ? 'INSUFFICIENT_BALANCES'
      : msg === 'Order would trigger immediately.'
        ? 'STOP_PRICE_WOULD_TRIGGER_IMMEDIATELY'
        : msg === 'Order would immediately match and take.'
          ? 'WOULD_MATCH_IMMEDIATELY'
          : 'NONE';
  engine.matcher.report(s.st, order, 'REJECTED', s.batch, { rejectReason: reason });
}
