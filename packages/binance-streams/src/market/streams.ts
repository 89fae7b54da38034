// Stream descriptors ⇄ stream names, and what each stream needs: its parser and the key that
// orders its events (to drop duplicates while two connections overlap during a rotation).

import { KLINE_INTERVALS, type KlineInterval } from '@binance-mcp/rest';
import { InvalidParameterError } from '../errors.js';
import {
  type AggTradeEvent,
  type AvgPriceEvent,
  aggTradeSchema,
  avgPriceSchema,
  type BlockTradeEvent,
  type BookTickerEvent,
  blockTradeSchema,
  bookTickerSchema,
  type DiffDepthEvent,
  diffDepthSchema,
  type KlineEvent,
  klineSchema,
  type MarketEvent,
  type MiniTickerEvent,
  miniTickerSchema,
  type PartialDepthEvent,
  partialDepthSchema,
  type ReferencePriceEvent,
  type RollingTickerEvent,
  referencePriceSchema,
  rollingTickerSchemas,
  type TickerEvent,
  type TradeEvent,
  tickerSchema,
  tradeSchema,
} from './events.js';

// Binance's kline intervals are the REST client's (one list for klines and kline streams).
export { KLINE_INTERVALS, type KlineInterval };
export type TickerWindow = '1h' | '4h' | '1d';
export type DepthLevels = 5 | 10 | 20;
export type UpdateSpeed = 100 | 1000;

/** A market stream, described by its parts. Symbols may be given in any case. */
export type StreamDescriptor =
  | { type: 'trade'; symbol: string }
  | { type: 'aggTrade'; symbol: string }
  | { type: 'blockTrade'; symbol: string }
  /** `timeZone` ('+08:00') buckets klines in that zone; times in the events stay UTC epochs. */
  | { type: 'kline'; symbol: string; interval: KlineInterval; timeZone?: string }
  /** Without `symbol`: every symbol's mini ticker (`!miniTicker@arr`), as arrays of changed tickers. */
  | { type: 'miniTicker'; symbol?: string }
  | { type: 'ticker'; symbol: string }
  /** Without `symbol`: every symbol's rolling ticker (`!ticker_<window>@arr`). */
  | { type: 'rollingTicker'; window: TickerWindow; symbol?: string }
  | { type: 'bookTicker'; symbol: string }
  | { type: 'avgPrice'; symbol: string }
  | { type: 'referencePrice'; symbol: string }
  /** Partial book depth: the top `levels` (default 20) every `speed` ms (default 1000). */
  | { type: 'depth'; symbol: string; levels?: DepthLevels; speed?: UpdateSpeed }
  /** Diff depth: changed levels every `speed` ms (default 1000), with update ids `U`/`u`. */
  | { type: 'diffDepth'; symbol: string; speed?: UpdateSpeed };

export type StreamType = StreamDescriptor['type'];

/** The event a descriptor's stream delivers. */
export type EventOf<D extends StreamDescriptor> = D extends { type: 'trade' }
  ? TradeEvent
  : D extends { type: 'aggTrade' }
    ? AggTradeEvent
    : D extends { type: 'blockTrade' }
      ? BlockTradeEvent
      : D extends { type: 'kline' }
        ? KlineEvent
        : D extends { type: 'miniTicker'; symbol: string }
          ? MiniTickerEvent
          : D extends { type: 'miniTicker' }
            ? MiniTickerEvent[]
            : D extends { type: 'ticker' }
              ? TickerEvent
              : D extends { type: 'rollingTicker'; symbol: string }
                ? RollingTickerEvent
                : D extends { type: 'rollingTicker' }
                  ? RollingTickerEvent[]
                  : D extends { type: 'bookTicker' }
                    ? BookTickerEvent
                    : D extends { type: 'avgPrice' }
                      ? AvgPriceEvent
                      : D extends { type: 'referencePrice' }
                        ? ReferencePriceEvent
                        : D extends { type: 'depth' }
                          ? PartialDepthEvent
                          : D extends { type: 'diffDepth' }
                            ? DiffDepthEvent
                            : MarketEvent;

type Speed = '' | '@100ms' | '@1000ms';

/** The event a stream name delivers, inferred from the name where it is a literal. */
export type EventOfName<N extends string> = N extends '!miniTicker@arr'
  ? MiniTickerEvent[]
  : N extends `!ticker_${string}@arr`
    ? RollingTickerEvent[]
    : N extends `${string}@trade`
      ? TradeEvent
      : N extends `${string}@aggTrade`
        ? AggTradeEvent
        : N extends `${string}@blockTrade`
          ? BlockTradeEvent
          : N extends `${string}@kline_${string}`
            ? KlineEvent
            : N extends `${string}@miniTicker`
              ? MiniTickerEvent
              : N extends `${string}@ticker_${string}`
                ? RollingTickerEvent
                : N extends `${string}@ticker`
                  ? TickerEvent
                  : N extends `${string}@bookTicker`
                    ? BookTickerEvent
                    : N extends `${string}@avgPrice`
                      ? AvgPriceEvent
                      : N extends `${string}@referencePrice`
                        ? ReferencePriceEvent
                        : N extends `${string}@depth${Speed}`
                          ? DiffDepthEvent
                          : N extends `${string}@depth${'5' | '10' | '20'}${Speed}`
                            ? PartialDepthEvent
                            : MarketEvent;

/** What the client needs to know about one stream. */
export interface StreamInfo {
  /** The canonical stream name, as sent in SUBSCRIBE and received in combined payloads. */
  readonly name: string;
  readonly descriptor: StreamDescriptor;
  /** Raw payload → typed event; throws PayloadError. */
  readonly parse: (data: unknown) => MarketEvent;
  /** A number that grows with every new event of this stream (ids, update ids, event times). */
  readonly order: (data: unknown) => number | undefined;
}

const SYMBOL = /^[A-Za-z0-9\-_.\u0080-\uFFFF]{1,20}$/u;
const ZONE = /^[+-](\d{2}):(\d{2})$/;
const WINDOWS: readonly string[] = ['1h', '4h', '1d'];

function symbolPart(symbol: unknown, field = 'symbol'): string {
  if (typeof symbol !== 'string' || !SYMBOL.test(symbol)) {
    throw new InvalidParameterError(
      field,
      symbol,
      'a symbol such as BTCUSDT (letters, digits, -_. , 1–20 characters)',
    );
  }
  return symbol.toLowerCase();
}

function zoneOk(zone: string): boolean {
  const m = ZONE.exec(zone);
  if (!m) return false;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 14 * 60;
}

/** The stream name of a descriptor, e.g. `{ type: 'kline', symbol: 'BTCUSDT', interval: '1m' }` → `btcusdt@kline_1m`. */
export function toStreamName(descriptor: StreamDescriptor): string {
  if (typeof descriptor !== 'object' || descriptor === null) {
    throw new InvalidParameterError('stream', descriptor, 'a stream descriptor object or a stream name');
  }
  const d = descriptor as StreamDescriptor;
  switch (d.type) {
    case 'trade':
    case 'aggTrade':
    case 'blockTrade':
    case 'ticker':
    case 'bookTicker':
    case 'avgPrice':
    case 'referencePrice':
      return `${symbolPart(d.symbol)}@${d.type}`;
    case 'kline': {
      if (!(KLINE_INTERVALS as readonly string[]).includes(d.interval)) {
        throw new InvalidParameterError('interval', d.interval, `one of ${KLINE_INTERVALS.join(', ')}`);
      }
      let name = `${symbolPart(d.symbol)}@kline_${d.interval}`;
      if (d.timeZone !== undefined) {
        if (typeof d.timeZone !== 'string' || !zoneOk(d.timeZone)) {
          throw new InvalidParameterError(
            'timeZone',
            d.timeZone,
            "a UTC offset such as '+08:00' (within ±14:00)",
          );
        }
        if (d.timeZone !== '+00:00' && d.timeZone !== '-00:00') name += `@${d.timeZone}`;
      }
      return name;
    }
    case 'miniTicker':
      return d.symbol === undefined ? '!miniTicker@arr' : `${symbolPart(d.symbol)}@miniTicker`;
    case 'rollingTicker':
      if (!WINDOWS.includes(d.window))
        throw new InvalidParameterError('window', d.window, "'1h', '4h' or '1d'");
      return d.symbol === undefined
        ? `!ticker_${d.window}@arr`
        : `${symbolPart(d.symbol)}@ticker_${d.window}`;
    case 'depth': {
      const levels = d.levels ?? 20;
      if (levels !== 5 && levels !== 10 && levels !== 20)
        throw new InvalidParameterError('levels', levels, '5, 10 or 20');
      return `${symbolPart(d.symbol)}@depth${levels}${speedSuffix(d.speed)}`;
    }
    case 'diffDepth':
      return `${symbolPart(d.symbol)}@depth${speedSuffix(d.speed)}`;
    default:
      throw new InvalidParameterError(
        'stream.type',
        (d as { type?: unknown }).type,
        'one of trade, aggTrade, blockTrade, kline, miniTicker, ticker, rollingTicker, bookTicker, avgPrice, referencePrice, depth, diffDepth',
      );
  }
}

function speedSuffix(speed: unknown): string {
  if (speed === undefined || speed === 1000) return '';
  if (speed === 100) return '@100ms';
  throw new InvalidParameterError('speed', speed, '100 or 1000 (milliseconds)');
}

/**
 * The descriptor of a stream name (`btcusdt@depth@100ms` → `{ type: 'diffDepth', symbol: 'BTCUSDT', speed: 100 }`),
 * or null when the name is not a market stream this client knows.
 */
export function parseStreamName(name: string): StreamDescriptor | null {
  if (typeof name !== 'string') return null;
  if (name === '!miniTicker@arr') return { type: 'miniTicker' };
  const all = /^!ticker_(1h|4h|1d)@arr$/.exec(name);
  if (all) return { type: 'rollingTicker', window: all[1] as TickerWindow };
  const parts = name.split('@');
  if (parts.length < 2 || parts.length > 3) return null;
  const [lower, type, suffix] = parts as [string, string, string | undefined];
  if (!SYMBOL.test(lower) || lower !== lower.toLowerCase()) return null;
  const symbol = lower.toUpperCase();
  switch (type) {
    case 'trade':
    case 'aggTrade':
    case 'blockTrade':
    case 'ticker':
    case 'bookTicker':
    case 'avgPrice':
    case 'referencePrice':
    case 'miniTicker':
      return suffix === undefined ? { type, symbol } : null;
  }
  if (type.startsWith('kline_')) {
    const interval = type.slice(6);
    if (!(KLINE_INTERVALS as readonly string[]).includes(interval)) return null;
    if (suffix !== undefined && !zoneOk(suffix)) return null;
    return suffix === undefined
      ? { type: 'kline', symbol, interval: interval as KlineInterval }
      : { type: 'kline', symbol, interval: interval as KlineInterval, timeZone: suffix };
  }
  if (type.startsWith('ticker_')) {
    const window = type.slice(7);
    return WINDOWS.includes(window) && suffix === undefined
      ? { type: 'rollingTicker', window: window as TickerWindow, symbol }
      : null;
  }
  const depth = /^depth(5|10|20)?$/.exec(type);
  if (depth) {
    let speed: UpdateSpeed;
    if (suffix === undefined || suffix === '1000ms') speed = 1000;
    else if (suffix === '100ms') speed = 100;
    else return null;
    return depth[1] === undefined
      ? { type: 'diffDepth', symbol, speed }
      : { type: 'depth', symbol, levels: Number(depth[1]) as DepthLevels, speed };
  }
  return null;
}

type Raw = Record<string, unknown>;
const field = (key: string) => (data: unknown) => (data as Raw)[key] as number | undefined;
const firstEventTime = (data: unknown) =>
  Array.isArray(data) && data.length > 0 ? ((data[0] as Raw).E as number | undefined) : undefined;

/** Parses a name or descriptor into everything the client needs; throws InvalidParameterError. */
export function streamInfo(target: string | StreamDescriptor): StreamInfo {
  let descriptor: StreamDescriptor | null;
  if (typeof target === 'string') {
    descriptor = parseStreamName(target);
    if (!descriptor) {
      throw new InvalidParameterError(
        'stream',
        target,
        'a market stream name such as btcusdt@trade, btcusdt@kline_1m, btcusdt@depth20@100ms, !miniTicker@arr (symbols in lower case)',
      );
    }
  } else {
    descriptor = target;
  }
  const name = toStreamName(descriptor);
  const parseList =
    <E>(one: (d: unknown, s: string) => E) =>
    (data: unknown): E[] => {
      if (!Array.isArray(data)) return [one(data, name)];
      return data.map((item) => one(item, name));
    };
  switch (descriptor.type) {
    case 'trade':
      return { name, descriptor, parse: (d) => tradeSchema.parse(d, name), order: field('t') };
    case 'aggTrade':
      return { name, descriptor, parse: (d) => aggTradeSchema.parse(d, name), order: field('a') };
    case 'blockTrade':
      return { name, descriptor, parse: (d) => blockTradeSchema.parse(d, name), order: field('t') };
    case 'kline':
      return {
        name,
        descriptor,
        parse: (d) => klineSchema.parse(d, name),
        // A closing kline and the next one share an event time: the closed one comes first.
        order: (d) => {
          const e = (d as Raw).E as number;
          const k = (d as Raw).k as Raw | undefined;
          return e * 2 + (k?.x === true ? 0 : 1);
        },
      };
    case 'miniTicker':
      return descriptor.symbol === undefined
        ? { name, descriptor, parse: parseList(miniTickerSchema.parse), order: firstEventTime }
        : { name, descriptor, parse: (d) => miniTickerSchema.parse(d, name), order: field('E') };
    case 'rollingTicker': {
      const schema = rollingTickerSchemas[descriptor.window];
      const one = (d: unknown, s: string) => schema.parse(d, s) as RollingTickerEvent;
      return descriptor.symbol === undefined
        ? { name, descriptor, parse: parseList(one), order: firstEventTime }
        : { name, descriptor, parse: (d) => one(d, name), order: field('E') };
    }
    case 'ticker':
      return { name, descriptor, parse: (d) => tickerSchema.parse(d, name), order: field('E') };
    case 'bookTicker':
      return { name, descriptor, parse: (d) => bookTickerSchema.parse(d, name), order: field('u') };
    case 'avgPrice':
      return { name, descriptor, parse: (d) => avgPriceSchema.parse(d, name), order: field('E') };
    case 'referencePrice':
      return { name, descriptor, parse: (d) => referencePriceSchema.parse(d, name), order: field('t') };
    case 'depth': {
      const symbol = descriptor.symbol.toUpperCase();
      return {
        name,
        descriptor,
        parse: (d) => {
          const event = partialDepthSchema.parse(d, name) as PartialDepthEvent;
          event.symbol = symbol;
          return event;
        },
        order: field('lastUpdateId'),
      };
    }
    case 'diffDepth':
      return { name, descriptor, parse: (d) => diffDepthSchema.parse(d, name), order: field('u') };
  }
}
