// createRestClient: one typed method per endpoint, built from the endpoint definitions, over one
// transport; plus pagination helpers, a cached exchangeInfo and the clock and rate-limit state.

import type { ClockOffset } from '@binance-mcp/signing';
import type { AnyEndpoint, NoExtraKeys, ParamsInput } from './endpoints/endpoint.js';
import { type MarketEndpoints, marketEndpoints } from './endpoints/market/index.js';
import type { Kline } from './endpoints/market/klines.js';
import type { AggTrade, Trade } from './endpoints/market/trades.js';
import type { ResultOf } from './endpoints/results.js';
import { ValidationError } from './errors.js';
import { createExchangeInfoCache, type ExchangeInfoCache } from './helpers/exchange-info-cache.js';
import {
  type PaginateAggTradesParams,
  type PaginateHistoricalTradesParams,
  type PaginateKlinesParams,
  type PaginateOptions,
  paginateAggTrades,
  paginateHistoricalTrades,
  paginateKlines,
} from './helpers/paginate.js';
import type { RateLimitState } from './transport/rate-limiter.js';
import {
  type CallOptions,
  createTransport,
  type Transport,
  type TransportOptions,
} from './transport/transport.js';

export interface RestClientOptions extends TransportOptions {
  /** How long `exchangeInfoCache` reuses a fetched exchangeInfo, in ms. Default 300000 (5 minutes). */
  readonly exchangeInfoTtlMs?: number;
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

/** One method per market-data endpoint. */
export type MarketDataMethods = { readonly [K in keyof MarketEndpoints]: EndpointMethod<MarketEndpoints[K]> };

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
}

export interface RestClient extends MarketDataMethods {
  /** The transport every method goes through; `request` sends any endpoint definition. */
  readonly transport: Transport;
  readonly request: Transport['request'];
  readonly paginate: Paginators;
  /** exchangeInfo fetched once and reused (`exchangeInfoTtlMs`), with symbol lookup. */
  readonly exchangeInfoCache: ExchangeInfoCache;
  /** Measures the server-time offset and keeps it (used for weight windows and signed requests). */
  syncClock(options?: { samples?: number; signal?: AbortSignal }): Promise<ClockOffset>;
  /** The measured server-time offset in ms, or undefined before `syncClock`. */
  readonly clockOffset: number | undefined;
  /** The server's time now, as best known. */
  serverTime(): number;
  /** Weight used, limits, queued requests, Retry-After and ban state. */
  rateLimitState(): RateLimitState;
}

/**
 * Creates a REST client for the Binance Spot API.
 *
 * ```ts
 * const client = createRestClient(); // https://api.binance.com; or { ...presets.marketData }, …
 * const book = await client.depth({ symbol: 'BTCUSDT', limit: 10 });
 * ```
 */
export function createRestClient(options: RestClientOptions = {}): RestClient {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError({ parameter: 'options', value: options, allowed: 'an options object' });
  }
  const { exchangeInfoTtlMs, ...transportOptions } = options;
  const transport = createTransport(transportOptions);
  const methods: Record<string, unknown> = {};
  for (const [name, endpoint] of Object.entries(marketEndpoints)) {
    methods[name] = (params?: unknown, callOptions?: CallOptions) =>
      transport.request(endpoint as AnyEndpoint, params as never, callOptions);
  }
  const exchangeInfoCache = createExchangeInfoCache(transport, {
    ...(exchangeInfoTtlMs === undefined ? {} : { ttlMs: exchangeInfoTtlMs }),
    ...(options.now ? { now: options.now } : {}),
  });
  const paginate: Paginators = {
    klines: (params, o) => paginateKlines(transport, params, o),
    uiKlines: (params, o) => paginateKlines(transport, params, { ...o, ui: true }),
    aggTrades: (params, o) => paginateAggTrades(transport, params, o),
    historicalTrades: (params, o) => paginateHistoricalTrades(transport, params, o),
  };
  return {
    ...(methods as unknown as MarketDataMethods),
    transport,
    request: transport.request,
    paginate,
    exchangeInfoCache,
    syncClock: (o) => transport.syncClock(o),
    get clockOffset() {
      return transport.clockOffset;
    },
    serverTime: () => transport.serverTime(),
    rateLimitState: () => transport.rateLimitState(),
  };
}
