// The public surface of @binance-mcp/rest. Nothing else is exported.

export {
  createRestClient,
  type EndpointMethod,
  type MarketDataMethods,
  type Paginators,
  type RestClient,
  type RestClientOptions,
} from './client.js';
export {
  type AnyEndpoint,
  type DataSource,
  defineEndpoint,
  type Endpoint,
  endpointLabel,
  type HttpMethod,
  type NoExtraKeys,
  type ParamsInput,
  type ParamsOutput,
  type RawResponse,
  type ResponseOutput,
  type SecurityType,
} from './endpoints/endpoint.js';
export {
  type ExchangeInfo,
  type ExchangeInfoParams,
  type ExecutionRules,
  type ExecutionRulesParams,
  exchangeInfoParams,
  exchangeInfoResponse,
  executionRulesParams,
  executionRulesResponse,
  type OrderType,
  type RateLimit,
  type RateLimitInterval,
  type RateLimitType,
  rateLimit as rateLimitSchema,
  type SelfTradePreventionMode,
  type ServerTime,
  type SymbolInfo,
  type SymbolTradingStatus,
  serverTimeResponse,
  symbolInfo as symbolInfoSchema,
} from './endpoints/market/general.js';
export { type MarketEndpoints, marketEndpoints } from './endpoints/market/index.js';
export {
  type Kline,
  type KlinesParams,
  type KlineTuple,
  kline as klineSchema,
  klinesParams,
  klineTuple as klineTupleSchema,
  parseKlines,
  toKlineTuple,
} from './endpoints/market/klines.js';
export {
  type BookLevel,
  bookLevel as bookLevelSchema,
  type DepthParams,
  depthParams,
  depthResponse,
  depthWeight,
  type OrderBook,
  parseDepth,
} from './endpoints/market/order-book.js';
export {
  type AveragePrice,
  avgPriceResponse,
  type BookTicker,
  type BookTickerParams,
  bookTickerEntry as bookTickerSchema,
  bookTickerParams,
  type MiniTicker,
  miniTicker as miniTickerSchema,
  type PriceParams,
  type PriceTicker,
  priceParams,
  priceTicker as priceTickerSchema,
  type ReferencePrice,
  type ReferencePriceCalculation,
  type RollingWindowTickerParams,
  referencePriceCalculationResponse,
  referencePriceResponse,
  rollingWindowTickerParams,
  type Ticker24hr,
  type Ticker24hrParams,
  type TradingDayTickerParams,
  ticker24hrFull as ticker24hrSchema,
  ticker24hrParams,
  tradingDayTickerParams,
  type WindowTicker,
  windowTicker as windowTickerSchema,
} from './endpoints/market/tickers.js';
export {
  type AggTrade,
  type AggTradesParams,
  aggTrade as aggTradeSchema,
  aggTradeRaw as aggTradeRawSchema,
  aggTradesParams,
  type BlockTrade,
  blockTrade as blockTradeSchema,
  type HistoricalBlockTradesParams,
  type HistoricalTradesParams,
  historicalBlockTradesParams,
  historicalTradesParams,
  type Trade,
  type TradesParams,
  trade as tradeSchema,
  tradesParams,
} from './endpoints/market/trades.js';
export type { ParamDependentResults, ResultOf } from './endpoints/results.js';
export {
  ApiError,
  BannedError,
  BinanceError,
  NetworkError,
  RateLimitError,
  type ResponseInfo,
  ResponseParseError,
  TimeoutError,
  ValidationError,
} from './errors.js';
export {
  createExchangeInfoCache,
  type ExchangeInfoCache,
  type ExchangeInfoCacheOptions,
} from './helpers/exchange-info-cache.js';
export {
  type PageProgress,
  type PaginateAggTradesParams,
  type PaginateHistoricalTradesParams,
  type PaginateKlinesParams,
  type PaginateOptions,
  paginateAggTrades,
  paginateHistoricalTrades,
  paginateKlines,
} from './helpers/paginate.js';
export { PRODUCTION_FALLBACK_URLS, type Preset, presets } from './presets.js';
export {
  type ExchangeFilter,
  exchangeFilter as exchangeFilterSchema,
  type FilterOf,
  type FilterType,
  findFilter,
  type SymbolFilter,
  symbolFilter as symbolFilterSchema,
  type UnknownFilter,
} from './schemas/filters.js';
export {
  INTERVAL_MS,
  KLINE_INTERVALS,
  type KlineInterval,
  paramSchemas,
  SYMBOL_STATUSES,
  type SymbolStatusFilter,
  TICKER_TYPES,
  type TickerType,
} from './schemas/params.js';
export { bigIntReplacer, compareIds, type Decimal, type Int64, nextId } from './schemas/values.js';
export type {
  BanEvent,
  ClockEvent,
  FailoverEvent,
  RateLimitedEvent,
  RequestEvent,
  ResponseEvent,
  RestEvent,
  RestLogger,
  RetryEvent,
  WaitEvent,
} from './transport/events.js';
export { parseJson } from './transport/json.js';
export { DEFAULT_LIMIT_RULES, type LimitRule, type RateLimitState } from './transport/rate-limiter.js';
export type { RetryOptions } from './transport/retry.js';
export {
  type BudgetMode,
  type CallOptions,
  createTransport,
  type RateLimitLike,
  type RequestOptions,
  type Transport,
  type TransportOptions,
} from './transport/transport.js';
