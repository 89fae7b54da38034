// createRestClient: one typed method per endpoint, built from the endpoint definitions, over one
// transport; order placement through the safe-placement layer (client order ids, pre-trade checks,
// no duplicate orders); plus pagination helpers, a cached exchangeInfo and the clock and rate-limit
// state.

import type { ClockOffset } from '@binance-mcp/signing';
import type { MyTrade } from './endpoints/account/account.js';
import { type AccountEndpoints, accountEndpoints } from './endpoints/account/index.js';
import type { AnyEndpoint, NoExtraKeys, ParamsInput } from './endpoints/endpoint.js';
import { type MarketEndpoints, marketEndpoints } from './endpoints/market/index.js';
import type { Kline } from './endpoints/market/klines.js';
import type { AggTrade, Trade } from './endpoints/market/trades.js';
import type { ResultOf } from './endpoints/results.js';
import { type TradingEndpoints, tradingEndpoints } from './endpoints/trading/index.js';
import type { OcoParams, OtocoParams, OtoParams } from './endpoints/trading/order-lists.js';
import type { AmendOrderParams, CancelReplaceParams, NewOrderParams } from './endpoints/trading/orders.js';
import type { Order } from './endpoints/trading/responses.js';
import { type FilterError, ValidationError } from './errors.js';
import { createExchangeInfoCache, type ExchangeInfoCache } from './helpers/exchange-info-cache.js';
import {
  type PaginateAggTradesParams,
  type PaginateAllOrdersParams,
  type PaginateHistoricalTradesParams,
  type PaginateKlinesParams,
  type PaginateMyTradesParams,
  type PaginateOptions,
  paginateAggTrades,
  paginateAllOrders,
  paginateHistoricalTrades,
  paginateKlines,
  paginateMyTrades,
} from './helpers/paginate.js';
import {
  type AmendOptions,
  createTrading,
  type PlacementOptions,
  type ReconcileOptions,
  type Spec,
  type ValidationSettings,
} from './trading/placement.js';
import {
  type CallOptions,
  createTransport,
  type Transport,
  type TransportOptions,
  type TransportRateLimitState,
} from './transport/transport.js';

export interface RestClientOptions extends TransportOptions {
  /** How long `exchangeInfoCache` reuses a fetched exchangeInfo, in ms. Default 300000 (5 minutes). */
  readonly exchangeInfoTtlMs?: number;
  /**
   * Pre-trade checks of every order against its symbol's rules and filters (from the cached
   * exchangeInfo), before it is sent: a `FilterError` instead of Binance's -1013. Default on; `false`
   * turns them off (Binance then checks); an object tunes what is fetched for them.
   */
  readonly validation?: boolean | ValidationSettings;
  /** How long the client keeps looking up an order whose placement failed with an open outcome. */
  readonly reconcile?: ReconcileOptions;
}

/**
 * A client method for endpoint `E`: parameters checked before sending, the result typed from the
 * response schema (narrowed by the parameters where the shape depends on them).
 */
export type EndpointMethod<E extends AnyEndpoint> =
  // biome-ignore lint/complexity/noBannedTypes: `{}` is the type of "no parameters given"
  {} extends ParamsInput<E>
    ? // biome-ignore lint/complexity/noBannedTypes: as above
      <const P extends ParamsInput<E> = {}>(
        params?: P & NoExtraKeys<P, ParamsInput<E>>,
        options?: CallOptions,
      ) => Promise<ResultOf<E, P>>
    : <const P extends ParamsInput<E>>(
        params: P & NoExtraKeys<P, ParamsInput<E>>,
        options?: CallOptions,
      ) => Promise<ResultOf<E, P>>;

/** A placement method: like `EndpointMethod`, with `PlacementOptions` (`resendIfNotPlaced`, `validate`). */
export type PlacementMethod<E extends AnyEndpoint> = <const P extends ParamsInput<E>>(
  params: P & NoExtraKeys<P, ParamsInput<E>>,
  options?: PlacementOptions,
) => Promise<ResultOf<E, P>>;

/** The amend method: like `EndpointMethod`, with `AmendOptions` (`validate`). */
export type AmendMethod<E extends AnyEndpoint> = <const P extends ParamsInput<E>>(
  params: P & NoExtraKeys<P, ParamsInput<E>>,
  options?: AmendOptions,
) => Promise<ResultOf<E, P>>;

/** One method per market-data endpoint. */
export type MarketDataMethods = { readonly [K in keyof MarketEndpoints]: EndpointMethod<MarketEndpoints[K]> };

/** One method per account endpoint. */
export type AccountMethods = { readonly [K in keyof AccountEndpoints]: EndpointMethod<AccountEndpoints[K]> };

const PLACEMENTS = {
  newOrder: { kind: 'order' },
  testOrder: { kind: 'order' },
  cancelReplace: { kind: 'cancelReplace' },
  newOrderListOco: { kind: 'orderList', contingency: 'OCO' },
  newOrderListOto: { kind: 'orderList', contingency: 'OTO' },
  newOrderListOtoco: { kind: 'orderList', contingency: 'OTOCO' },
} as const;
type PlacementName = keyof typeof PLACEMENTS;

/** One method per trading endpoint; placements take `PlacementOptions`, `amendOrder` `AmendOptions`. */
export type TradingMethods = {
  readonly [K in keyof TradingEndpoints]: K extends PlacementName
    ? PlacementMethod<TradingEndpoints[K]>
    : K extends 'amendOrder'
      ? AmendMethod<TradingEndpoints[K]>
      : EndpointMethod<TradingEndpoints[K]>;
};

/** Async iterators of pages over any range (see `paginateKlines` and friends). */
export interface Paginators {
  klines(params: PaginateKlinesParams, options?: PaginateOptions): AsyncGenerator<Kline[], void, undefined>;
  uiKlines(params: PaginateKlinesParams, options?: PaginateOptions): AsyncGenerator<Kline[], void, undefined>;
  aggTrades(
    params: PaginateAggTradesParams,
    options?: PaginateOptions,
  ): AsyncGenerator<AggTrade[], void, undefined>;
  historicalTrades(
    params: PaginateHistoricalTradesParams,
    options?: PaginateOptions,
  ): AsyncGenerator<Trade[], void, undefined>;
  /** The account's orders on a symbol over any time range (24-hour windows) or from an order id. */
  allOrders(
    params: PaginateAllOrdersParams,
    options?: PaginateOptions,
  ): AsyncGenerator<Order[], void, undefined>;
  /** The account's trades on a symbol over any time range (24-hour windows) or from a trade id. */
  myTrades(
    params: PaginateMyTradesParams,
    options?: PaginateOptions,
  ): AsyncGenerator<MyTrade[], void, undefined>;
}

export interface RestClient extends MarketDataMethods, AccountMethods, TradingMethods {
  /** The transport every method goes through; `request` sends any endpoint definition. */
  readonly transport: Transport;
  readonly request: Transport['request'];
  readonly paginate: Paginators;
  /** exchangeInfo fetched once and reused (`exchangeInfoTtlMs`), with symbol lookup. */
  readonly exchangeInfoCache: ExchangeInfoCache;
  /**
   * Every rule of its symbol a new order breaks, found as the client's pre-trade checks find them (the
   * cached exchangeInfo, and the market price and open orders where a filter needs them), without
   * sending it. Empty when the order passes.
   */
  checkOrder(params: NewOrderParams, options?: { signal?: AbortSignal }): Promise<FilterError[]>;
  /** Like `checkOrder`, for an order list. */
  checkOrderList(
    contingency: 'OCO',
    params: OcoParams,
    options?: { signal?: AbortSignal },
  ): Promise<FilterError[]>;
  checkOrderList(
    contingency: 'OTO',
    params: OtoParams,
    options?: { signal?: AbortSignal },
  ): Promise<FilterError[]>;
  checkOrderList(
    contingency: 'OTOCO',
    params: OtocoParams,
    options?: { signal?: AbortSignal },
  ): Promise<FilterError[]>;
  /**
   * Like `checkOrder`, for a cancelReplace: the new order's rules, and the symbol's
   * `cancelReplaceAllowed`.
   */
  checkCancelReplace(params: CancelReplaceParams, options?: { signal?: AbortSignal }): Promise<FilterError[]>;
  /**
   * Every rule an amendment (`amendOrder`) breaks, without sending it: the symbol's `amendAllowed`,
   * LOT_SIZE of `newQty`, and — given `origQty`, the order's quantity now — that `newQty` is below
   * it. `FilterError`s for the symbol's rules, a `ValidationError` for the quantity. Empty when it passes.
   */
  checkAmendOrder(
    params: AmendOrderParams,
    options?: { origQty?: string | number; signal?: AbortSignal },
  ): Promise<ValidationError[]>;
  /** Measures the server-time offset and keeps it (used for weight windows and signed requests). */
  syncClock(options?: { samples?: number; signal?: AbortSignal }): Promise<ClockOffset>;
  /** The measured server-time offset in ms, or undefined before `syncClock`. */
  readonly clockOffset: number | undefined;
  /** The server's time now, as best known. */
  serverTime(): number;
  /** Weight used, limits, queued requests, Retry-After and ban state; the ORDERS counts. */
  rateLimitState(): TransportRateLimitState;
}

/**
 * Creates a REST client for the Binance Spot API.
 *
 * ```ts
 * const client = createRestClient(); // https://api.binance.com; or { ...presets.marketData }, …
 * const book = await client.depth({ symbol: 'BTCUSDT', limit: 10 });
 * const signed = createRestClient({ credentials: { apiKey, apiSecret } });
 * const order = await signed.newOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '50' });
 * ```
 */
export function createRestClient(options: RestClientOptions = {}): RestClient {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError({ parameter: 'options', value: options, allowed: 'an options object' });
  }
  const { exchangeInfoTtlMs, validation, reconcile, ...transportOptions } = options;
  if (
    validation !== undefined &&
    typeof validation !== 'boolean' &&
    (typeof validation !== 'object' || validation === null)
  ) {
    throw new ValidationError({
      parameter: 'options.validation',
      value: validation,
      allowed: 'true, false or { marketPrice?, openOrders? }',
    });
  }
  const transport = createTransport(transportOptions);
  const exchangeInfoCache = createExchangeInfoCache(transport, {
    ...(exchangeInfoTtlMs === undefined ? {} : { ttlMs: exchangeInfoTtlMs }),
    ...(options.now ? { now: options.now } : {}),
  });
  const trading = createTrading(transport, exchangeInfoCache, {
    ...(validation === undefined ? {} : { validation }),
    ...(reconcile === undefined ? {} : { reconcile }),
  });

  const methods: Record<string, unknown> = {};
  for (const [name, endpoint] of Object.entries({
    ...marketEndpoints,
    ...accountEndpoints,
    ...tradingEndpoints,
  })) {
    methods[name] = (params?: unknown, callOptions?: CallOptions) =>
      transport.request(endpoint as AnyEndpoint, params as never, callOptions);
  }
  for (const [name, kind] of Object.entries(PLACEMENTS)) {
    const spec: Spec = { endpoint: tradingEndpoints[name as PlacementName] as AnyEndpoint, ...kind };
    methods[name] =
      name === 'testOrder'
        ? async (params: unknown, placementOptions: PlacementOptions = {}) => {
            await trading.check(spec, params, placementOptions);
            const { validate: _validate, resendIfNotPlaced: _resend, ...callOptions } = placementOptions;
            return transport.request(spec.endpoint, params as never, callOptions);
          }
        : (params: unknown, placementOptions?: PlacementOptions) =>
            trading.place(spec, params, placementOptions);
  }
  methods.amendOrder = (params: unknown, amendOptions?: AmendOptions) => trading.amend(params, amendOptions);
  const listSpecs = {
    OCO: { endpoint: tradingEndpoints.newOrderListOco as AnyEndpoint, kind: 'orderList', contingency: 'OCO' },
    OTO: { endpoint: tradingEndpoints.newOrderListOto as AnyEndpoint, kind: 'orderList', contingency: 'OTO' },
    OTOCO: {
      endpoint: tradingEndpoints.newOrderListOtoco as AnyEndpoint,
      kind: 'orderList',
      contingency: 'OTOCO',
    },
  } as const satisfies Record<string, Spec>;

  const paginate: Paginators = {
    klines: (params, o) => paginateKlines(transport, params, o),
    uiKlines: (params, o) => paginateKlines(transport, params, { ...o, ui: true }),
    aggTrades: (params, o) => paginateAggTrades(transport, params, o),
    historicalTrades: (params, o) => paginateHistoricalTrades(transport, params, o),
    allOrders: (params, o) => paginateAllOrders(transport, params, o),
    myTrades: (params, o) => paginateMyTrades(transport, params, o),
  };
  return {
    ...(methods as unknown as MarketDataMethods & AccountMethods & TradingMethods),
    transport,
    request: transport.request,
    paginate,
    exchangeInfoCache,
    checkOrder: (params, o) =>
      trading.validate({ endpoint: tradingEndpoints.newOrder as AnyEndpoint, kind: 'order' }, params, o),
    checkOrderList: ((
      contingency: 'OCO' | 'OTO' | 'OTOCO',
      params: unknown,
      o?: { signal?: AbortSignal },
    ) => {
      const spec = listSpecs[contingency];
      if (!spec) {
        throw new ValidationError({
          parameter: 'contingency',
          value: contingency,
          allowed: "'OCO', 'OTO' or 'OTOCO'",
        });
      }
      return trading.validate(spec, params, o);
    }) as RestClient['checkOrderList'],
    checkCancelReplace: (params, o) =>
      trading.validate(
        { endpoint: tradingEndpoints.cancelReplace as AnyEndpoint, kind: 'cancelReplace' },
        params,
        o,
      ),
    checkAmendOrder: (params, o) => trading.validateAmend(params, o),
    syncClock: (o) => transport.syncClock(o),
    get clockOffset() {
      return transport.clockOffset;
    },
    serverTime: () => transport.serverTime(),
    rateLimitState: () => transport.rateLimitState(),
  };
}
