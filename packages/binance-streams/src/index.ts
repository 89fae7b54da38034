// Public surface of @binance-mcp/streams.

// The exact decimal arithmetic the order book uses, under the names this package has always had:
// the functions of @binance-mcp/rest (`addDecimals`, `subtractDecimals`, … there).
export {
  addDecimals as decimalAdd,
  compareDecimals as decimalCompare,
  isZeroDecimal,
  midpointDecimals as decimalMidpoint,
  multiplyDecimals as decimalMul,
  subtractDecimals as decimalSub,
  trimDecimal as canonicalDecimal,
} from '@binance-mcp/rest';
export {
  type BookLevel,
  createOrderBook,
  type DepthSnapshot,
  type OrderBook,
  type OrderBookDepth,
  type OrderBookEvent,
  type OrderBookOptions,
  type OrderBookState,
  type SnapshotSource,
} from './book/order-book.js';
export { restBaseUrlFor, restSnapshotSource } from './book/snapshot-source.js';
export {
  createManualScheduler,
  type ManualScheduler,
  realScheduler,
  type Scheduler,
  type TimerHandle,
} from './clock.js';
export {
  type ConnectionState,
  type ConnectionStateEvent,
  type ConnectionStatus,
  createStreamClient,
  type StreamClient,
  type StreamClientOptions,
  type StreamStatus,
} from './connection/client.js';
export type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketLike,
  WebSocketMessageEventLike,
} from './connection/socket.js';
export type { OverflowPolicy, SubscribeOptions, Subscription } from './connection/subscription.js';
export { resolveStreamBaseUrl, STREAM_URLS, type StreamEnvironment, WS_API_URLS } from './endpoints.js';
export {
  BufferOverflowError,
  ClosedError,
  ConnectionError,
  InvalidParameterError,
  OrderBookError,
  PayloadError,
  StreamRequestError,
  StreamsError,
  WsApiError,
} from './errors.js';
export type { LogEvent, Logger, LogLevel } from './logger.js';
export type {
  AggTradeEvent,
  AvgPriceEvent,
  BlockTradeEvent,
  BookTickerEvent,
  DiffDepthEvent,
  KlineEvent,
  MarketEvent,
  MiniTickerEvent,
  PartialDepthEvent,
  ReferencePriceEvent,
  RollingTickerEvent,
  TickerEvent,
  TradeEvent,
} from './market/events.js';
export type { PriceLevel } from './market/schema.js';
export {
  type DepthLevels,
  type EventOf,
  type EventOfName,
  KLINE_INTERVALS,
  type KlineInterval,
  parseStreamName,
  type StreamDescriptor,
  type StreamType,
  type TickerWindow,
  toStreamName,
  type UpdateSpeed,
} from './market/streams.js';
export {
  createUserDataStream,
  type UserDataStream,
  type UserDataStreamOptions,
} from './user-data/client.js';
export type {
  BalanceUpdateEvent,
  EventStreamTerminatedEvent,
  ExecutionReportEvent,
  ExternalLockUpdateEvent,
  ListStatusEvent,
  OutboundAccountPositionEvent,
  UnknownUserDataEvent,
  UserDataEvent,
} from './user-data/events.js';
