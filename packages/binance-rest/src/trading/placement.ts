// Placing orders safely. Every placement carries a client order id (generated when the caller gives
// none), is checked against the symbol's filters before it is sent (pre-trade.ts), and keeps to the
// ORDERS limits. When the answer leaves the outcome open — a timeout, a connection lost after
// sending, a 5xx, -1006 or -1007, a body cut off — the order is never sent again blindly: the client
// finds out what happened (reconcile.ts) and returns the order, throws `OrderNotPlacedError` (or, if
// the caller allowed it, sends it once more with the same id), or `OrderStatusUnknownError`. The same
// holds for order lists (by listClientOrderId) and for cancelReplace's new order.

import { endpointLabel } from '../endpoints/endpoint.js';
import { exchangeInfo } from '../endpoints/market/general.js';
import { amendOrder } from '../endpoints/trading/orders.js';
import {
  ApiError,
  type FilterError,
  NetworkError,
  OrderNotPlacedError,
  ResponseParseError,
  TimeoutError,
  ValidationError,
} from '../errors.js';
import type { ExchangeInfoCache } from '../helpers/exchange-info-cache.js';
import type { RetryPolicy } from '../transport/retry.js';
import type { CallOptions, Transport } from '../transport/transport.js';
import { parseParams } from '../transport/validate.js';
import { generateClientOrderId } from './client-order-id.js';
import { createPreTrade, type Params, type Spec, type ValidationSettings } from './pre-trade.js';
import { createReconciler, failureReason as describe, type ReconcileOptions } from './reconcile.js';

export type { Spec, ValidationSettings } from './pre-trade.js';
export type { ReconcileOptions } from './reconcile.js';

/** Options of a placement call (`newOrder`, `cancelReplace`, the order lists; `testOrder` takes `validate`). */
export interface PlacementOptions extends CallOptions {
  /**
   * When the placement failed and the client proved the order was not placed, send it once more (with
   * the same client order id) instead of throwing `OrderNotPlacedError`. Default false.
   */
  readonly resendIfNotPlaced?: boolean;
  /** Check the order against the symbol's filters before sending. Default: the client's `validation`. */
  readonly validate?: boolean;
}

/** Options of `amendOrder`. */
export interface AmendOptions extends CallOptions {
  /**
   * Check the amendment before sending (amendAllowed, LOT_SIZE of newQty). Default: the client's
   * `validation`.
   */
  readonly validate?: boolean;
}

type Verdict = 'rejected' | 'not-sent' | 'unknown';

/** What a failed placement says about the order: refused, never sent, or unknown. */
function verdictOf(error: unknown): Verdict {
  if (error instanceof TimeoutError) return 'unknown';
  if (error instanceof NetworkError) return error.phase === 'connect' ? 'not-sent' : 'unknown';
  if (error instanceof ResponseParseError) return 'unknown';
  if (error instanceof ApiError) {
    // 5xx: "the execution status is UNKNOWN and could have been a success"; -1006 and -1007 say so.
    if (error.status >= 500 || error.code === -1006 || error.code === -1007) return 'unknown';
    return 'rejected';
  }
  return 'rejected';
}

export interface Trading {
  place(spec: Spec, input: unknown, options?: PlacementOptions): Promise<unknown>;
  /** Pre-trade checks of a test order (it is not placed, so nothing else applies). */
  check(spec: Spec, input: unknown, options?: PlacementOptions): Promise<void>;
  /** Every rule the order (or list) breaks, without sending it. */
  validate(spec: Spec, input: unknown, options?: { signal?: AbortSignal }): Promise<FilterError[]>;
  /** Every rule an amendment breaks (`origQty`: the order's quantity now, when known). */
  validateAmend(
    input: unknown,
    options?: { origQty?: string | number; signal?: AbortSignal },
  ): Promise<ValidationError[]>;
  /** Sends an amendment, checked first unless `validate: false` (or the client's validation is off). */
  amend(input: unknown, options?: AmendOptions): Promise<unknown>;
}

export interface TradingOptions {
  readonly validation?: boolean | ValidationSettings;
  readonly reconcile?: ReconcileOptions;
}

export function createTrading(
  transport: Transport,
  cache: ExchangeInfoCache,
  options: TradingOptions = {},
): Trading {
  const validation = options.validation;
  const enabled = validation !== false;
  const preTrade = createPreTrade(transport, cache, {
    marketPrice: typeof validation === 'object' ? (validation.marketPrice ?? true) : true,
    openOrders: typeof validation === 'object' ? (validation.openOrders ?? true) : true,
  });
  const policy: RetryPolicy = {
    retries: options.reconcile?.attempts ?? 5,
    baseDelayMs: options.reconcile?.baseDelayMs ?? 250,
    maxDelayMs: options.reconcile?.maxDelayMs ?? 5000,
  };
  for (const key of ['retries', 'baseDelayMs', 'maxDelayMs'] as const) {
    const value = policy[key];
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      throw new ValidationError({
        parameter: `options.reconcile.${key === 'retries' ? 'attempts' : key}`,
        value,
        allowed: 'a non-negative number',
      });
    }
  }
  const { reconcile } = createReconciler(transport, policy);
  let orderLimitsFetch: Promise<unknown> | undefined;
  // Asked once: a host whose exchangeInfo has no ORDERS limits is not asked again for every order.
  let orderLimitsAsked = false;

  /** Throws the first `FilterError` the order (or list) would get, before anything is sent. */
  async function checkFirst(spec: Spec, parsed: Params, label: string, signal: AbortSignal | undefined) {
    const [first] = await preTrade.problems(spec, parsed, label, signal);
    if (first) throw first;
  }

  /** Learns the ORDERS limits before the first placement (from exchangeInfo of the order's symbol). */
  async function ensureOrderLimits(symbol: string, signal: AbortSignal | undefined): Promise<void> {
    if (transport.orderLimitsKnown || orderLimitsAsked) return;
    orderLimitsFetch ??= transport.request(exchangeInfo, { symbol }, { signal }).then(
      () => {
        orderLimitsAsked = true;
        orderLimitsFetch = undefined;
      },
      (error: unknown) => {
        orderLimitsFetch = undefined;
        throw error;
      },
    );
    await orderLimitsFetch;
  }

  function prepare(spec: Spec, input: unknown): { params: Params; parsed: Params; clientId: string } {
    const parsed = parseParams(spec.endpoint, input) as Params;
    const key = spec.kind === 'orderList' ? 'listClientOrderId' : 'newClientOrderId';
    const clientId = (parsed[key] as string | undefined) ?? generateClientOrderId();
    const params: Params = { ...(input as Params), [key]: clientId };
    parsed[key] = clientId;
    if (spec.kind === 'cancelReplace' && parsed.cancelNewClientOrderId === undefined) {
      // Known up front, so a lost answer can be rebuilt with the cancel's id.
      const cancelId = generateClientOrderId();
      params.cancelNewClientOrderId = cancelId;
      parsed.cancelNewClientOrderId = cancelId;
    }
    if (spec.kind === 'orderList' && (input as Params).newOrderRespType === undefined) {
      params.newOrderRespType = parsed.newOrderRespType;
    }
    return { params, parsed, clientId };
  }

  async function place(spec: Spec, input: unknown, options: PlacementOptions = {}): Promise<unknown> {
    const label = endpointLabel(spec.endpoint);
    const { resendIfNotPlaced = false, validate, ...callOptions } = options;
    const { params, parsed, clientId } = prepare(spec, input);
    const symbol = parsed.symbol as string;
    if (validate ?? enabled) await checkFirst(spec, parsed, label, callOptions.signal);
    await ensureOrderLimits(symbol, callOptions.signal);
    const recvWindow = callOptions.recvWindow ?? transport.recvWindow;
    const kind = spec.kind === 'orderList' ? 'orderList' : 'order';
    let resent = false;
    for (;;) {
      let failure: unknown;
      try {
        return await transport.request(spec.endpoint, params as never, callOptions);
      } catch (error) {
        if (callOptions.signal?.aborted) throw error;
        const verdict = verdictOf(error);
        if (verdict === 'rejected') throw error;
        failure = error;
        if (verdict === 'not-sent') {
          if (resendIfNotPlaced && !resent) {
            resent = true;
            continue;
          }
          throw new OrderNotPlacedError(
            { endpoint: label, symbol, clientOrderId: clientId, kind, reason: describe(error), resent },
            { cause: error },
          );
        }
      }
      const outcome = await reconcile(spec, parsed, clientId, failure, label, recvWindow, callOptions.signal);
      if (outcome.placed) {
        // A cancelReplace whose cancel failed but whose new order exists: Binance's own answer for it.
        if (outcome.result instanceof ApiError) throw outcome.result;
        return outcome.result;
      }
      if (resendIfNotPlaced && !resent && outcome.resendable) {
        resent = true;
        transport.emit({
          type: 'placement',
          time: transport.now(),
          endpoint: label,
          stage: 'resent',
          symbol,
          clientOrderId: clientId,
          reason: describe(failure),
          checks: 0,
        });
        continue;
      }
      throw new OrderNotPlacedError(
        {
          endpoint: label,
          symbol,
          clientOrderId: clientId,
          kind,
          reason: describe(failure),
          resent,
          ...(spec.kind === 'cancelReplace' ? { cancelled: outcome.cancelled } : {}),
        },
        { cause: failure },
      );
    }
  }

  async function check(spec: Spec, input: unknown, options: PlacementOptions = {}): Promise<void> {
    if (!(options.validate ?? enabled)) return;
    const parsed = parseParams(spec.endpoint, input) as Params;
    await checkFirst(spec, parsed, endpointLabel(spec.endpoint), options.signal);
  }

  async function validate(spec: Spec, input: unknown, options: { signal?: AbortSignal } = {}) {
    const parsed = parseParams(spec.endpoint, input) as Params;
    return preTrade.problems(spec, parsed, endpointLabel(spec.endpoint), options.signal);
  }

  async function validateAmend(
    input: unknown,
    options: { origQty?: string | number; signal?: AbortSignal } = {},
  ) {
    const parsed = parseParams(amendOrder, input) as Params;
    return preTrade.amendProblems(parsed, endpointLabel(amendOrder), options.origQty, options.signal);
  }

  async function amend(input: unknown, options: AmendOptions = {}): Promise<unknown> {
    const { validate: check, ...callOptions } = options;
    if (check ?? enabled) {
      const [first] = await validateAmend(input, {
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      });
      if (first) throw first;
    }
    return transport.request(amendOrder, input as never, callOptions);
  }

  return { place, check, validate, validateAmend, amend };
}
