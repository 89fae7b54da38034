// One feed per stream name: it knows when it is due and builds the stream's payloads from the
// market (the same window and book code the REST endpoints use). Feeds exist only while someone is
// subscribed, so an idle market costs nothing.

import { bucketNext, bucketOpen } from '../market/intervals.js';
import { klineAt } from '../market/klines.js';
import type { Market, SymbolMarket } from '../market/market.js';
import { DAY } from '../market/tape.js';
import { averagePrice, referencePrice, type WindowFigures, windowFigures } from '../market/tickers.js';
import type { StreamSpec, TickerWindow } from './names.js';

/** Converts times for a connection's time unit (ms, or µs with timeUnit=MICROSECOND). */
export interface TimeUnit {
  /** An instant. */
  at(ms: number): number;
  /** The last instant before `nextMs` (…999 ms, or …999999 µs). */
  end(nextMs: number): number;
}

export const MILLIS: TimeUnit = { at: (ms) => ms, end: (next) => next - 1 };
export const MICROS: TimeUnit = { at: (ms) => ms * 1000, end: (next) => next * 1000 - 1 };

/** Builds one event's payload in a time unit. */
export type Payload = (unit: TimeUnit) => unknown;

export interface Feed {
  /** Milliseconds between polls (by the server clock); 0 = every engine tick (real-time streams). */
  readonly period: number;
  /** Events since the last poll. */
  poll(now: number): Payload[];
  dispose(): void;
}

/** Real-time streams catching up after a clock jump send at most this many events per poll. */
const MAX_BATCH = 2000;

const WINDOW_MS: Record<TickerWindow, number> = { '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };

class NullFeed implements Feed {
  readonly period = 1000;
  poll(): Payload[] {
    return [];
  }
  dispose(): void {}
}

class TradeFeed implements Feed {
  readonly period = 0;
  private cursor: number;
  constructor(
    private readonly sm: SymbolMarket,
    now: number,
  ) {
    this.cursor = sm.tape.lastTradeAtOrBefore(now)?.id ?? -1;
  }
  poll(now: number): Payload[] {
    const sm = this.sm;
    const last = sm.tape.lastTradeAtOrBefore(now)?.id ?? -1;
    if (last <= this.cursor) return [];
    this.cursor = Math.max(this.cursor, last - MAX_BATCH);
    const trades = sm.tape.tradesFromId(this.cursor + 1, MAX_BATCH, now);
    this.cursor = last;
    return trades.map((tr) => (u: TimeUnit) => ({
      e: 'trade',
      E: u.at(now),
      s: sm.symbol,
      t: tr.id,
      p: sm.formatPrice(tr.price),
      q: sm.formatQty(tr.qty),
      T: u.at(tr.time),
      m: !tr.buy,
      M: true,
    }));
  }
  dispose(): void {}
}

/** `<symbol>@blockTrade`: block trades recorded after the subscription (real-time). */
class BlockTradeFeed implements Feed {
  readonly period = 0;
  private cursor: number;
  constructor(private readonly sm: SymbolMarket) {
    this.cursor = sm.blockTrades.length;
  }
  poll(now: number): Payload[] {
    const sm = this.sm;
    const out: Payload[] = [];
    while (this.cursor < sm.blockTrades.length) {
      const b = sm.blockTrades[this.cursor] as (typeof sm.blockTrades)[number];
      if (b.time > now) break;
      this.cursor++;
      out.push((u) => ({
        e: 'blockTrade',
        E: u.at(now),
        s: sm.symbol,
        t: b.id,
        p: sm.formatPrice(b.price),
        q: sm.formatQty(b.qty),
        T: u.at(b.time),
        m: b.buyerIsMaker,
      }));
    }
    return out;
  }
  dispose(): void {}
}

class AggTradeFeed implements Feed {
  readonly period = 0;
  private cursor: number;
  constructor(
    private readonly sm: SymbolMarket,
    now: number,
  ) {
    this.cursor = sm.tape.lastAggAtOrBefore(now)?.id ?? -1;
  }
  poll(now: number): Payload[] {
    const sm = this.sm;
    const last = sm.tape.lastAggAtOrBefore(now)?.id ?? -1;
    if (last <= this.cursor) return [];
    this.cursor = Math.max(this.cursor, last - MAX_BATCH);
    const aggs = sm.tape.aggsFromId(this.cursor + 1, MAX_BATCH, now);
    this.cursor = last;
    return aggs.map((a) => (u: TimeUnit) => ({
      e: 'aggTrade',
      E: u.at(now),
      s: sm.symbol,
      a: a.id,
      p: sm.formatPrice(a.price),
      q: sm.formatQty(a.qty),
      f: a.firstTrade,
      l: a.lastTrade,
      T: u.at(a.time),
      m: !a.buy,
      M: true,
    }));
  }
  dispose(): void {}
}

class KlineFeed implements Feed {
  readonly period: number;
  private lastOpen: number | null = null;
  constructor(
    private readonly sm: SymbolMarket,
    private readonly spec: Extract<StreamSpec, { kind: 'kline' }>,
  ) {
    this.period = spec.interval === '1s' ? 1000 : 2000;
  }
  poll(now: number): Payload[] {
    const { interval, offsetMs } = this.spec;
    const open = bucketOpen(now, interval, offsetMs);
    const out: Payload[] = [];
    if (this.lastOpen !== null && this.lastOpen !== open) {
      // The bucket that just ended, once more, marked closed.
      out.push(this.payload(this.lastOpen, now, true));
    }
    this.lastOpen = open;
    out.push(this.payload(open, now, false));
    return out;
  }
  private payload(open: number, now: number, closed: boolean): Payload {
    const sm = this.sm;
    const { interval, offsetMs } = this.spec;
    const next = bucketNext(open, interval, offsetMs);
    const k = klineAt(sm, open, next, now);
    return (u) => ({
      e: 'kline',
      E: u.at(now),
      s: sm.symbol,
      k: {
        t: u.at(open),
        T: u.end(next),
        s: sm.symbol,
        i: interval,
        f: k.firstId,
        L: k.lastId,
        o: k.open,
        c: k.close,
        h: k.high,
        l: k.low,
        v: k.volume,
        n: k.count,
        x: closed,
        q: k.quoteVolume,
        V: k.takerBuyVolume,
        Q: k.takerBuyQuote,
        B: '0',
      },
    });
  }
  dispose(): void {}
}

function miniPayload(sm: SymbolMarket, f: WindowFigures, now: number): Payload {
  return (u) => ({
    e: '24hrMiniTicker',
    E: u.at(now),
    s: sm.symbol,
    c: f.lastPrice,
    o: f.openPrice,
    h: f.highPrice,
    l: f.lowPrice,
    v: f.volume,
    q: f.quoteVolume,
  });
}

function windowPayload(sm: SymbolMarket, window: TickerWindow, f: WindowFigures, now: number): Payload {
  return (u) => ({
    e: `${window}Ticker`,
    E: u.at(now),
    s: sm.symbol,
    p: f.priceChange,
    P: f.priceChangePercent,
    o: f.openPrice,
    h: f.highPrice,
    l: f.lowPrice,
    c: f.lastPrice,
    w: f.weightedAvgPrice,
    v: f.volume,
    q: f.quoteVolume,
    O: u.at(f.openTime),
    C: u.at(f.closeTime),
    F: f.firstId,
    L: f.lastId,
    n: f.count,
  });
}

class MiniTickerFeed implements Feed {
  readonly period = 1000;
  constructor(private readonly sm: SymbolMarket) {}
  poll(now: number): Payload[] {
    return [miniPayload(this.sm, windowFigures(this.sm, now - DAY, now), now)];
  }
  dispose(): void {}
}

class TickerFeed implements Feed {
  readonly period = 1000;
  constructor(private readonly sm: SymbolMarket) {}
  poll(now: number): Payload[] {
    const sm = this.sm;
    const f = windowFigures(sm, now - DAY, now);
    const top = sm.book(now).top();
    return [
      (u) => ({
        e: '24hrTicker',
        E: u.at(now),
        s: sm.symbol,
        p: f.priceChange,
        P: f.priceChangePercent,
        w: f.weightedAvgPrice,
        x: f.prevClosePrice,
        c: f.lastPrice,
        Q: f.lastQty,
        b: sm.formatPrice(top.bidPrice),
        B: sm.formatQty(top.bidQty),
        a: sm.formatPrice(top.askPrice),
        A: sm.formatQty(top.askQty),
        o: f.openPrice,
        h: f.highPrice,
        l: f.lowPrice,
        v: f.volume,
        q: f.quoteVolume,
        O: u.at(f.openTime),
        C: u.at(f.closeTime),
        F: f.firstId,
        L: f.lastId,
        n: f.count,
      }),
    ];
  }
  dispose(): void {}
}

class WindowTickerFeed implements Feed {
  readonly period = 1000;
  constructor(
    private readonly sm: SymbolMarket,
    private readonly window: TickerWindow,
  ) {}
  poll(now: number): Payload[] {
    const f = windowFigures(this.sm, now - WINDOW_MS[this.window], now);
    return [windowPayload(this.sm, this.window, f, now)];
  }
  dispose(): void {}
}

/** All-market tickers: each second, the symbols whose last trade changed (all of them the first time). */
class AllTickersFeed implements Feed {
  readonly period = 1000;
  private readonly lastIds = new Map<string, number>();
  constructor(
    private readonly market: Market,
    private readonly window: TickerWindow | null,
  ) {}
  poll(now: number): Payload[] {
    const items: Payload[] = [];
    const span = this.window === null ? DAY : WINDOW_MS[this.window];
    for (const sm of this.market.symbols) {
      const last = sm.tape.lastAggAtOrBefore(now)?.lastTrade ?? -1;
      if (this.lastIds.get(sm.symbol) === last) continue;
      this.lastIds.set(sm.symbol, last);
      const f = windowFigures(sm, now - span, now);
      items.push(this.window === null ? miniPayload(sm, f, now) : windowPayload(sm, this.window, f, now));
    }
    if (items.length === 0) return [];
    return [(u) => items.map((p) => p(u))];
  }
  dispose(): void {}
}

class AvgPriceFeed implements Feed {
  readonly period = 1000;
  constructor(private readonly sm: SymbolMarket) {}
  poll(now: number): Payload[] {
    const avg = averagePrice(this.sm, now);
    return [
      (u) => ({
        e: 'avgPrice',
        E: u.at(now),
        s: this.sm.symbol,
        i: '5m',
        w: avg.price,
        T: u.at(avg.closeTime),
      }),
    ];
  }
  dispose(): void {}
}

class ReferencePriceFeed implements Feed {
  readonly period = 1000;
  constructor(private readonly sm: SymbolMarket) {}
  poll(now: number): Payload[] {
    const ref = this.sm.spec.hasReferencePrice
      ? referencePrice(this.sm, now)
      : { price: null, timestamp: now };
    return [(u) => ({ e: 'referencePrice', s: this.sm.symbol, r: ref.price, t: u.at(ref.timestamp) })];
  }
  dispose(): void {}
}

class PartialDepthFeed implements Feed {
  readonly period: number;
  constructor(
    private readonly sm: SymbolMarket,
    private readonly levels: number,
    speed: number,
  ) {
    this.period = speed;
  }
  poll(now: number): Payload[] {
    const sm = this.sm;
    const book = sm.book(now);
    const fmt = (side: Array<[number, number]>) => side.map(([p, q]) => [sm.formatPrice(p), sm.formatQty(q)]);
    const snapshot = {
      lastUpdateId: book.lastUpdateId,
      bids: fmt(book.bids.top(this.levels)),
      asks: fmt(book.asks.top(this.levels)),
    };
    return [() => snapshot];
  }
  dispose(): void {}
}

/** Feeds that read a book's change journal; the engine trims the journal to their slowest cursor. */
export interface JournalFeed extends Feed {
  readonly sm: SymbolMarket;
  readonly cursor: number;
}

export class BookTickerFeed implements JournalFeed {
  readonly period = 0;
  cursor: number;
  constructor(
    readonly sm: SymbolMarket,
    now: number,
  ) {
    const book = sm.book(now);
    book.watch();
    this.cursor = book.lastUpdateId;
  }
  poll(now: number): Payload[] {
    const sm = this.sm;
    const book = sm.book(now);
    const tops = book.topsAfter(this.cursor).slice(-MAX_BATCH);
    this.cursor = book.lastUpdateId;
    return tops.map((t) => {
      const payload = {
        u: t.u,
        s: sm.symbol,
        b: sm.formatPrice(t.bidPrice),
        B: sm.formatQty(t.bidQty),
        a: sm.formatPrice(t.askPrice),
        A: sm.formatQty(t.askQty),
      };
      return () => payload;
    });
  }
  dispose(): void {
    this.sm.liveBook()?.book.unwatch();
  }
}

export class DiffDepthFeed implements JournalFeed {
  readonly period: number;
  cursor: number;
  /** Events still to be dropped (a gap fault). */
  drop = 0;
  constructor(
    readonly sm: SymbolMarket,
    speed: number,
    now: number,
  ) {
    this.period = speed;
    const book = sm.book(now);
    book.watch();
    this.cursor = book.lastUpdateId;
  }
  poll(now: number): Payload[] {
    const sm = this.sm;
    const book = sm.book(now);
    const changes = book.changesAfter(this.cursor);
    if (changes.length === 0) return [];
    const first = changes[0]!.u;
    const last = changes[changes.length - 1]!.u;
    this.cursor = last;
    if (this.drop > 0) {
      this.drop -= 1;
      return [];
    }
    // One entry per level: the last quantity wins.
    const bids = new Map<number, number>();
    const asks = new Map<number, number>();
    for (const c of changes) (c.bid ? bids : asks).set(c.price, c.qty);
    const fmt = (levels: Map<number, number>, descending: boolean) =>
      [...levels]
        .sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]))
        .map(([p, q]) => [sm.formatPrice(p), sm.formatQty(q)]);
    const b = fmt(bids, true);
    const a = fmt(asks, false);
    return [(u) => ({ e: 'depthUpdate', E: u.at(now), s: sm.symbol, U: first, u: last, b, a })];
  }
  dispose(): void {
    this.sm.liveBook()?.book.unwatch();
  }
}

/** Creates the feed for a parsed stream (a silent one for unknown symbols, as Binance does). */
export function createFeed(spec: StreamSpec, market: Market, now: number): Feed {
  if (spec.kind === 'allMiniTicker') return new AllTickersFeed(market, null);
  if (spec.kind === 'allWindowTicker') return new AllTickersFeed(market, spec.window);
  const sm = market.get(spec.symbol);
  if (!sm) return new NullFeed();
  switch (spec.kind) {
    case 'blockTrade':
      return new BlockTradeFeed(sm);
    case 'trade':
      return new TradeFeed(sm, now);
    case 'aggTrade':
      return new AggTradeFeed(sm, now);
    case 'kline':
      return new KlineFeed(sm, spec);
    case 'miniTicker':
      return new MiniTickerFeed(sm);
    case 'ticker':
      return new TickerFeed(sm);
    case 'windowTicker':
      return new WindowTickerFeed(sm, spec.window);
    case 'bookTicker':
      return new BookTickerFeed(sm, now);
    case 'avgPrice':
      return new AvgPriceFeed(sm);
    case 'referencePrice':
      return new ReferencePriceFeed(sm);
    case 'partialDepth':
      return new PartialDepthFeed(sm, spec.levels, spec.speed);
    case 'depth':
      return new DiffDepthFeed(sm, spec.speed, now);
  }
}
