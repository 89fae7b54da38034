// Finding out what a placement did when its answer left the outcome open: the order (or list, or
// cancelReplace's new order) is looked up by its client order id until it is found — and rebuilt in
// the response type asked for — or until the request's recvWindow has passed on the server's clock
// without it (then it was not placed, and cannot be any more), or until the lookups keep failing.

import { dec, isZero } from '../decimal.js';
import { myTrades } from '../endpoints/account/account.js';
import { endpointLabel } from '../endpoints/endpoint.js';
import { getOrderList } from '../endpoints/trading/order-lists.js';
import { getOrder } from '../endpoints/trading/orders.js';
import {
  defaultResponseType,
  listPlacementSchemas,
  type Order,
  type OrderList,
  placementSchemas,
} from '../endpoints/trading/responses.js';
import {
  ApiError,
  BannedError,
  NetworkError,
  OrderStatusUnknownError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
} from '../errors.js';
import { isStopType, type OrderResponseType } from '../schemas/order-params.js';
import type { Int64 } from '../schemas/values.js';
import { backoffMs, type RetryPolicy } from '../transport/retry.js';
import { sentTimestampOf, type Transport } from '../transport/transport.js';
import type { Params, Spec } from './pre-trade.js';

/** How the client finds out whether an order whose placement failed exists. */
export interface ReconcileOptions {
  /** Failed lookups (network errors, 5xx) tolerated before giving up with `OrderStatusUnknownError`. Default 5. */
  readonly attempts?: number;
  /** Backoff before the first repeated lookup, doubled each time. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound on one backoff. Default 5000 ms. */
  readonly maxDelayMs?: number;
}

/** How a failed placement went, in words: `no answer within 10000 ms`, `HTTP 503, code -1001: …`. */
export function failureReason(error: unknown): string {
  if (error instanceof TimeoutError) return `no answer within ${error.timeoutMs} ms`;
  if (error instanceof NetworkError) {
    if (error.phase === 'connect') return `no connection could be made (${error.code ?? 'network error'})`;
    if (error.phase === 'response') return `the answer (HTTP ${error.status}) broke off`;
    return `the connection was lost (${error.code ?? 'network error'})`;
  }
  if (error instanceof ApiError)
    return `HTTP ${error.status}${error.code === undefined ? '' : `, code ${error.code}`}: ${error.msg}`;
  if (error instanceof ResponseParseError) return `HTTP ${error.status} with an unreadable body`;
  return error instanceof Error ? error.message : String(error);
}

/** Lookups that found nothing: Binance has no order (or list) with that client id. */
const isAbsent = (error: unknown) =>
  error instanceof ApiError && (error.code === -2013 || error.code === -2011);

/** Failures of a lookup worth trying again (the lookup is read-only). */
const lookupRetryable = (error: unknown) =>
  error instanceof TimeoutError ||
  error instanceof NetworkError ||
  error instanceof ResponseParseError ||
  (error instanceof RateLimitError && error.source === 'server') ||
  (error instanceof ApiError && error.status >= 500);

/** What a placement whose outcome was open turned out to have done. */
export interface Outcome {
  readonly placed: boolean;
  readonly result?: unknown;
  /** cancelReplace: whether the order to cancel is canceled now. */
  readonly cancelled?: boolean | undefined;
  /** Whether sending it again could be right (cancelReplace: only while the old order is open). */
  readonly resendable: boolean;
}

export interface Reconciler {
  /** Finds out what a placement whose outcome was open did. */
  reconcile(
    spec: Spec,
    parsed: Params,
    clientId: string,
    failure: unknown,
    label: string,
    recvWindow: number,
    signal: AbortSignal | undefined,
  ): Promise<Outcome>;
}

export function createReconciler(transport: Transport, policy: RetryPolicy): Reconciler {
  /** An order's placement response rebuilt from its query (and its taker trades for FULL). */
  async function rebuild(
    o: Order,
    respType: OrderResponseType,
    icebergSent: boolean,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const ack = {
      symbol: o.symbol,
      orderId: o.orderId,
      orderListId: o.orderListId,
      clientOrderId: o.clientOrderId,
      transactTime: o.time,
    };
    if (respType === 'ACK') return ack;
    const result: Record<string, unknown> = {
      ...ack,
      price: o.price,
      origQty: o.origQty,
      executedQty: o.executedQty,
      origQuoteOrderQty: o.origQuoteOrderQty,
      cummulativeQuoteQty: o.cummulativeQuoteQty,
      status: o.status,
      timeInForce: o.timeInForce,
      type: o.type,
      side: o.side,
      workingTime: o.workingTime,
      selfTradePreventionMode: o.selfTradePreventionMode,
    };
    if (isStopType(o.type)) result.stopPrice = o.stopPrice;
    if (icebergSent || !isZero(dec(o.icebergQty))) result.icebergQty = o.icebergQty;
    for (const key of [
      'trailingDelta',
      'trailingTime',
      'strategyId',
      'strategyType',
      'preventedMatchId',
      'preventedQuantity',
      'usedSor',
      'workingFloor',
      'pegPriceType',
      'pegOffsetType',
      'pegOffsetValue',
      'peggedPrice',
      'expiryReason',
    ] as const) {
      if (o[key] !== undefined) result[key] = o[key];
    }
    if (respType === 'RESULT') return result;
    // FULL: the fills of the placement are the order's trades as the taker.
    const trades = isZero(dec(o.executedQty))
      ? []
      : await transport.request(myTrades, { symbol: o.symbol, orderId: o.orderId }, { signal, retry: false });
    result.fills = trades
      .filter((t) => !t.isMaker)
      .map((t) => ({
        price: t.price,
        qty: t.qty,
        commission: t.commission,
        commissionAsset: t.commissionAsset,
        tradeId: t.id,
      }));
    return result;
  }

  /** The order with this client id, or undefined when Binance has none. */
  async function findOrder(
    symbol: string,
    clientId: string,
    signal: AbortSignal | undefined,
  ): Promise<Order | undefined> {
    try {
      return await transport.request(
        getOrder,
        { symbol, origClientOrderId: clientId },
        { signal, retry: false },
      );
    } catch (error) {
      if (isAbsent(error)) return undefined;
      throw error;
    }
  }

  async function findList(clientId: string, signal: AbortSignal | undefined): Promise<OrderList | undefined> {
    try {
      return await transport.request(getOrderList, { origClientOrderId: clientId }, { signal, retry: false });
    } catch (error) {
      if (isAbsent(error)) return undefined;
      throw error;
    }
  }

  /** The placement's result, rebuilt, when what it placed exists; undefined when it does not. */
  async function lookup(
    spec: Spec,
    parsed: Params,
    clientId: string,
    signal: AbortSignal | undefined,
  ): Promise<unknown | undefined> {
    const symbol = parsed.symbol as string;
    if (spec.kind === 'orderList') {
      const list = await findList(clientId, signal);
      if (!list) return undefined;
      const respType = (parsed.newOrderRespType as OrderResponseType | undefined) ?? 'RESULT';
      const reports: unknown[] = [];
      for (const leg of list.orders) {
        const o = await transport.request(
          getOrder,
          { symbol: leg.symbol, orderId: leg.orderId },
          { signal, retry: false },
        );
        reports.push(await rebuild(o, respType, false, signal));
      }
      return listPlacementSchemas[respType].parse({ ...list, orderReports: reports });
    }
    const o = await findOrder(symbol, clientId, signal);
    if (!o) return undefined;
    const respType =
      (parsed.newOrderRespType as OrderResponseType | undefined) ??
      defaultResponseType(parsed.type as string);
    const placed = placementSchemas[respType].parse(
      await rebuild(o, respType, parsed.icebergQty !== undefined, signal),
    );
    if (spec.kind === 'order') return placed;
    // cancelReplace: the new order exists, so the cancel was attempted. Canceled: both halves
    // succeeded. Otherwise (ALLOW_FAILURE) Binance would have answered -2021 with the two outcomes.
    const old = await cancelledOrder(parsed, signal);
    if (old?.status === 'CANCELED') {
      return {
        cancelResult: 'SUCCESS',
        newOrderResult: 'SUCCESS',
        cancelResponse: cancelReportOf(old, parsed),
        newOrderResponse: placed,
      };
    }
    return new ApiError({
      status: 409,
      code: -2021,
      msg: 'Order cancel-replace partially failed.',
      endpoint: endpointLabel(spec.endpoint),
      baseUrl: transport.activeBaseUrl,
      data: {
        cancelResult: 'FAILURE',
        newOrderResult: 'SUCCESS',
        cancelResponse: { code: -2011, msg: 'Unknown order sent.' },
        newOrderResponse: placed,
      },
    });
  }

  /** cancelReplace: the order it was to cancel, as it is now. */
  async function cancelledOrder(parsed: Params, signal: AbortSignal | undefined): Promise<Order | undefined> {
    const ref =
      parsed.cancelOrderId !== undefined
        ? { orderId: parsed.cancelOrderId as Int64 }
        : { origClientOrderId: parsed.cancelOrigClientOrderId as string };
    try {
      return await transport.request(getOrder, { symbol: parsed.symbol as string, ...ref } as never, {
        signal,
        retry: false,
      });
    } catch (error) {
      if (isAbsent(error)) return undefined;
      throw error;
    }
  }

  function cancelReportOf(o: Order, parsed: Params): Record<string, unknown> {
    const report: Record<string, unknown> = {
      symbol: o.symbol,
      origClientOrderId: o.clientOrderId,
      orderId: o.orderId,
      orderListId: o.orderListId,
      clientOrderId: parsed.cancelNewClientOrderId,
      transactTime: o.updateTime,
      price: o.price,
      origQty: o.origQty,
      executedQty: o.executedQty,
      origQuoteOrderQty: o.origQuoteOrderQty,
      cummulativeQuoteQty: o.cummulativeQuoteQty,
      status: o.status,
      timeInForce: o.timeInForce,
      type: o.type,
      side: o.side,
      selfTradePreventionMode: o.selfTradePreventionMode,
    };
    if (isStopType(o.type)) report.stopPrice = o.stopPrice;
    return report;
  }

  /** Finds out what a placement whose outcome was open did. */
  async function reconcile(
    spec: Spec,
    parsed: Params,
    clientId: string,
    failure: unknown,
    label: string,
    recvWindow: number,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const symbol = parsed.symbol as string;
    const reason = failureReason(failure);
    // The request can be executed no later than its timestamp + recvWindow (server clock): Binance
    // checks the window on arrival and again just before the matching engine. After that (plus the
    // uncertainty of the measured clock), an order that is not there was not placed.
    const sent = sentTimestampOf(failure) ?? transport.serverTime();
    const deadline = sent + recvWindow + 1000 + (transport.clockRoundTrip ?? 0);
    const event = (stage: 'unknown' | 'placed' | 'not-placed' | 'still-unknown', checks: number) =>
      transport.emit({
        type: 'placement',
        time: transport.now(),
        endpoint: label,
        stage,
        symbol,
        clientOrderId: clientId,
        reason,
        checks,
      });
    event('unknown', 0);
    let failures = 0;
    let lastError: unknown = failure;
    for (let checks = 1; ; checks++) {
      signal?.throwIfAborted();
      const before = transport.serverTime();
      try {
        const result = await lookup(spec, parsed, clientId, signal);
        if (result !== undefined) {
          event('placed', checks);
          return { placed: true, result, resendable: false };
        }
        if (before > deadline) {
          event('not-placed', checks);
          if (spec.kind !== 'cancelReplace') return { placed: false, resendable: true };
          const old = await cancelledOrder(parsed, signal);
          const open = old !== undefined && (old.status === 'NEW' || old.status === 'PARTIALLY_FILLED');
          return { placed: false, cancelled: old ? old.status === 'CANCELED' : undefined, resendable: open };
        }
        // Not there (yet): ask again once the request can no longer be executed.
        await transport.sleep(
          Math.max(1, Math.min(deadline - before + 1, backoffMs(policy, checks))),
          signal,
        );
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!lookupRetryable(error) || error instanceof BannedError) {
          event('still-unknown', checks);
          throw new OrderStatusUnknownError(
            {
              endpoint: label,
              symbol,
              clientOrderId: clientId,
              kind: spec.kind === 'orderList' ? 'orderList' : 'order',
              reason: `${reason}; looking it up failed: ${failureReason(error)}`,
            },
            { cause: error },
          );
        }
        lastError = error;
        failures++;
        if (failures > policy.retries) {
          event('still-unknown', checks);
          throw new OrderStatusUnknownError(
            {
              endpoint: label,
              symbol,
              clientOrderId: clientId,
              kind: spec.kind === 'orderList' ? 'orderList' : 'order',
              reason: `${reason}; ${failures} lookups failed, the last: ${failureReason(lastError)}`,
            },
            { cause: lastError },
          );
        }
        await transport.sleep(backoffMs(policy, failures), signal);
      }
    }
  }

  return { reconcile };
}
