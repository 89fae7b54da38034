// Placing orders safely. Every placement carries a client order id (generated when the caller gives
// none), is checked against the symbol's filters before it is sent, and keeps to the ORDERS limits.
// When the answer leaves the outcome open — a timeout, a connection lost after sending, a 5xx, -1006
// or -1007, a body cut off — the order is never sent again blindly: the client looks it up by its
// client order id until it finds it (and returns it, in the shape the caller asked for) or until the
// request's recvWindow has passed on the server's clock without it appearing, at which point the
// request can no longer be executed and the order was not placed (`OrderNotPlacedError`; or, if the
// caller allowed it, one more attempt with the same id). If the lookups themselves keep failing, the
// outcome stays unknown (`OrderStatusUnknownError`). The same holds for order lists (by
// listClientOrderId) and for cancelReplace's new order.

import { account as accountEndpoint, myTrades } from '../endpoints/account/account.js';
import type { AnyEndpoint } from '../endpoints/endpoint.js';
import { endpointLabel } from '../endpoints/endpoint.js';
import type { SymbolInfo } from '../endpoints/market/general.js';
import { exchangeInfo } from '../endpoints/market/general.js';
import { avgPrice, price as priceTicker, referencePrice } from '../endpoints/market/tickers.js';
import { getOrderList, openOrderLists } from '../endpoints/trading/order-lists.js';
import { getOrder, openOrders } from '../endpoints/trading/orders.js';
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
  FilterError,
  NetworkError,
  OrderNotPlacedError,
  OrderStatusUnknownError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
  ValidationError,
} from '../errors.js';
import type { ExchangeInfoCache } from '../helpers/exchange-info-cache.js';
import { isStopType, type OrderResponseType } from '../schemas/order-params.js';
import type { Int64 } from '../schemas/values.js';
import { backoffMs, type RetryPolicy } from '../transport/retry.js';
import { type CallOptions, sentTimestampOf, type Transport } from '../transport/transport.js';
import { parseParams } from '../transport/validate.js';
import { add, dec, format, isZero, sub } from './decimal.js';
import {
  type OpenOrderCounts,
  type OrderToValidate,
  validateOrder,
  validateOrderList,
} from './validate-order.js';

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

/** Pre-trade validation settings of a client (`createRestClient({ validation })`). */
export interface ValidationSettings {
  /**
   * Fetch the symbol's reference price (else its average price) when a filter compares with it:
   * PERCENT_PRICE(_BY_SIDE) for priced orders, (MIN_)NOTIONAL for MARKET orders given a quantity.
   * Default true.
   */
  readonly marketPrice?: boolean;
  /**
   * Fetch the symbol's open orders (weight 6; open order lists too for a list) to check MAX_NUM_ORDERS,
   * MAX_NUM_ALGO_ORDERS, MAX_NUM_ICEBERG_ORDERS and MAX_NUM_ORDER_LISTS, and the balance (weight 20)
   * for MAX_POSITION where a symbol has it. Default true.
   */
  readonly openOrders?: boolean;
}

/** How the client finds out whether an order whose placement failed exists. */
export interface ReconcileOptions {
  /** Failed lookups (network errors, 5xx) tolerated before giving up with `OrderStatusUnknownError`. Default 5. */
  readonly attempts?: number;
  /** Backoff before the first repeated lookup, doubled each time. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound on one backoff. Default 5000 ms. */
  readonly maxDelayMs?: number;
}

type Params = Record<string, unknown>;
type Kind = 'order' | 'orderList' | 'cancelReplace';

export interface Spec {
  readonly endpoint: AnyEndpoint;
  readonly kind: Kind;
  /** For order lists. */
  readonly contingency?: 'OCO' | 'OTO' | 'OTOCO';
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 22-character client order id of letters and digits, like the ones Binance generates. */
export function generateClientOrderId(): string {
  const bytes = new Uint8Array(22);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  // 62 letters and digits: 248 = 4 × 62, so bytes from 248 up are skipped to keep the draw uniform.
  for (let i = 0; id.length < 22; i++) {
    if (i === bytes.length) {
      globalThis.crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i] as number;
    if (b < 248) id += ALPHABET[b % 62];
  }
  return id;
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

function describe(error: unknown): string {
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

export interface Trading {
  place(spec: Spec, input: unknown, options?: PlacementOptions): Promise<unknown>;
  /** Pre-trade checks of a test order (it is not placed, so nothing else applies). */
  check(spec: Spec, input: unknown, options?: PlacementOptions): Promise<void>;
  /** Every rule the order (or list) breaks, without sending it. */
  validate(spec: Spec, input: unknown, options?: { signal?: AbortSignal }): Promise<FilterError[]>;
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
  const settings: Required<ValidationSettings> & { enabled: boolean } = {
    enabled: options.validation !== false,
    marketPrice: typeof options.validation === 'object' ? (options.validation.marketPrice ?? true) : true,
    openOrders: typeof options.validation === 'object' ? (options.validation.openOrders ?? true) : true,
  };
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

  // Symbols known to have no reference price: their filters use the average price.
  const noReferencePrice = new Set<string>();
  let orderLimitsFetch: Promise<unknown> | undefined;
  // Asked once: a host whose exchangeInfo has no ORDERS limits is not asked again for every order.
  let orderLimitsAsked = false;

  /** The price the percent-price and market notional filters use (Binance: reference, else average). */
  async function marketPrice(symbol: string, mins: number, signal: AbortSignal | undefined): Promise<string> {
    if (!noReferencePrice.has(symbol)) {
      try {
        const ref = await transport.request(referencePrice, { symbol }, { signal });
        if (ref.referencePrice !== null) return ref.referencePrice;
      } catch (error) {
        // -2043: no reference price (also a host that does not serve the endpoint).
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        noReferencePrice.add(symbol);
      }
    }
    if (mins === 0) return (await transport.request(priceTicker, { symbol }, { signal })).price;
    return (await transport.request(avgPrice, { symbol }, { signal })).price;
  }

  function legsOf(spec: Spec, parsed: Params): OrderToValidate[] {
    if (spec.kind !== 'orderList') return [parsed as unknown as OrderToValidate];
    const leg = (prefix: string, side: string, quantity: string): OrderToValidate => ({
      side: parsed[side] as string,
      type: parsed[`${prefix}Type`] as string,
      quantity: parsed[quantity] as string | undefined,
      price: parsed[`${prefix}Price`] as string | undefined,
      stopPrice: parsed[`${prefix}StopPrice`] as string | undefined,
      icebergQty: parsed[`${prefix}IcebergQty`] as string | undefined,
      trailingDelta: parsed[`${prefix}TrailingDelta`] as number | undefined,
    });
    if (spec.contingency === 'OCO')
      return [leg('above', 'side', 'quantity'), leg('below', 'side', 'quantity')];
    const working = leg('working', 'workingSide', 'workingQuantity');
    if (spec.contingency === 'OTO') return [working, leg('pending', 'pendingSide', 'pendingQuantity')];
    return [
      working,
      leg('pendingAbove', 'pendingSide', 'pendingQuantity'),
      leg('pendingBelow', 'pendingSide', 'pendingQuantity'),
    ];
  }

  /** The open orders (and order lists) and the position the count and position filters need. */
  async function accountState(
    info: SymbolInfo,
    spec: Spec,
    legs: readonly OrderToValidate[],
    signal: AbortSignal | undefined,
  ): Promise<{ openOrders?: OpenOrderCounts; position?: string }> {
    const has = (type: string) => info.filters.some((f) => f.filterType === type);
    const countFilters =
      has('MAX_NUM_ORDERS') ||
      (has('MAX_NUM_ALGO_ORDERS') && legs.some((l) => isStopType(l.type))) ||
      (has('MAX_NUM_ICEBERG_ORDERS') && legs.some((l) => l.icebergQty !== undefined)) ||
      (has('MAX_NUM_ORDER_LISTS') && spec.kind === 'orderList');
    const positionFilter =
      has('MAX_POSITION') && legs.some((l) => l.side === 'BUY' && l.quantity !== undefined);
    if (!settings.openOrders || (!countFilters && !positionFilter)) return {};
    const [orders, lists, account] = await Promise.all([
      transport.request(openOrders, { symbol: info.symbol }, { signal }),
      spec.kind === 'orderList' && has('MAX_NUM_ORDER_LISTS')
        ? transport.request(openOrderLists, {}, { signal })
        : Promise.resolve(undefined),
      positionFilter
        ? transport.request(accountEndpoint, { omitZeroBalances: true }, { signal })
        : Promise.resolve(undefined),
    ]);
    const counts: OpenOrderCounts = {
      orders: orders.length,
      algoOrders: orders.filter((o) => isStopType(o.type)).length,
      icebergOrders: orders.filter((o) => !isZero(dec(o.icebergQty))).length,
      orderLists: lists?.filter((l) => l.symbol === info.symbol && l.listOrderStatus !== 'ALL_DONE').length,
    };
    let position: string | undefined;
    if (account) {
      const balance = account.balances.find((b) => b.asset === info.baseAsset);
      let total = add(dec(balance?.free ?? '0'), dec(balance?.locked ?? '0'));
      for (const o of orders) {
        if (o.side === 'BUY') total = add(total, sub(dec(o.origQty), dec(o.executedQty)));
      }
      position = format(total);
    }
    return { openOrders: counts, ...(position === undefined ? {} : { position }) };
  }

  /** Every `FilterError` the order (or list) would get (what the rules need is fetched). */
  async function problems(
    spec: Spec,
    parsed: Params,
    label: string,
    signal: AbortSignal | undefined,
  ): Promise<FilterError[]> {
    const symbol = parsed.symbol as string;
    const info = await cache.symbol(symbol, { signal });
    if (!info) {
      throw new ValidationError({
        endpoint: label,
        parameter: 'symbol',
        value: symbol,
        allowed: 'a symbol exchangeInfo lists',
      });
    }
    const legs = legsOf(spec, parsed);
    const percent = info.filters.find(
      (f) => f.filterType === 'PERCENT_PRICE' || f.filterType === 'PERCENT_PRICE_BY_SIDE',
    );
    const notional = info.filters.filter(
      (f) => f.filterType === 'NOTIONAL' || f.filterType === 'MIN_NOTIONAL',
    );
    const marketWithQuantity = legs.some(
      (l) =>
        l.quantity !== undefined &&
        (l.type === 'MARKET' || (isStopType(l.type) && l.price === undefined && l.stopPrice === undefined)),
    );
    const needsPrice =
      settings.marketPrice &&
      ((percent !== undefined && legs.some((l) => l.price !== undefined)) ||
        (marketWithQuantity &&
          notional.some((f) => {
            const flags = f as {
              applyToMarket?: unknown;
              applyMinToMarket?: unknown;
              applyMaxToMarket?: unknown;
            };
            return (
              flags.applyToMarket === true ||
              flags.applyMinToMarket === true ||
              flags.applyMaxToMarket === true
            );
          })));
    const source = (percent ?? notional[0]) as { avgPriceMins?: unknown } | undefined;
    const mins = typeof source?.avgPriceMins === 'number' ? source.avgPriceMins : 5;
    const [price, state] = await Promise.all([
      needsPrice ? marketPrice(info.symbol, mins, signal) : Promise.resolve(undefined),
      accountState(info, spec, legs, signal),
    ]);
    const validation = {
      endpoint: label,
      ...(price === undefined ? {} : { avgPrice: price }),
      ...state,
    };
    const errors =
      spec.kind === 'orderList'
        ? validateOrderList(info, spec.contingency ?? 'OCO', parsed, validation)
        : validateOrder(info, parsed as unknown as OrderToValidate, validation);
    if (spec.kind === 'cancelReplace' && info.cancelReplaceAllowed === false) {
      errors.unshift(
        new FilterError({
          filter: 'cancelReplaceAllowed',
          symbol,
          parameter: 'symbol',
          value: symbol,
          problem: 'takes no cancelReplace',
          rule: 'cancelReplaceAllowed is true',
          allowed: 'cancelReplaceAllowed is true',
          endpoint: label,
        }),
      );
    }
    return errors;
  }

  /** Throws the first `FilterError` the order (or list) would get, before anything is sent. */
  async function preTrade(spec: Spec, parsed: Params, label: string, signal: AbortSignal | undefined) {
    const [first] = await problems(spec, parsed, label, signal);
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

  interface Outcome {
    readonly placed: boolean;
    readonly result?: unknown;
    /** cancelReplace: whether the order to cancel is canceled now. */
    readonly cancelled?: boolean | undefined;
    /** Whether sending it again could be right (cancelReplace: only while the old order is open). */
    readonly resendable: boolean;
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
    const reason = describe(failure);
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
              reason: `${reason}; looking it up failed: ${describe(error)}`,
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
              reason: `${reason}; ${failures} lookups failed, the last: ${describe(lastError)}`,
            },
            { cause: lastError },
          );
        }
        await transport.sleep(backoffMs(policy, failures), signal);
      }
    }
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
    if (validate ?? settings.enabled) await preTrade(spec, parsed, label, callOptions.signal);
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
    if (!(options.validate ?? settings.enabled)) return;
    const parsed = parseParams(spec.endpoint, input) as Params;
    await preTrade(spec, parsed, endpointLabel(spec.endpoint), options.signal);
  }

  async function validate(spec: Spec, input: unknown, options: { signal?: AbortSignal } = {}) {
    const parsed = parseParams(spec.endpoint, input) as Params;
    return problems(spec, parsed, endpointLabel(spec.endpoint), options.signal);
  }

  return { place, check, validate };
}
