// Klines: buckets of an interval (optionally in a time zone) filled from the tape. A kline's volume,
// quote volume and trade count are sums over exactly the trades whose time falls in the bucket.

import { bucketNext, bucketOpen, bucketPrevious, type KlineInterval } from './intervals.js';
import type { SymbolMarket } from './market.js';

export interface Kline {
  openTime: number;
  /** Open time of the next bucket (close time + 1). */
  nextOpen: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteVolume: string;
  count: number;
  takerBuyVolume: string;
  takerBuyQuote: string;
  firstId: number;
  lastId: number;
}

/** One bucket, with trades up to `now` only. */
export function klineAt(sm: SymbolMarket, openTime: number, nextOpen: number, now: number): Kline {
  const tape = sm.tape;
  const stats = tape.rangeStats(openTime, Math.min(nextOpen, now + 1));
  let open = stats.open;
  let high = stats.high;
  let low = stats.low;
  let close = stats.close;
  if (stats.count === 0) {
    // An empty kline repeats the last price before it, like Binance's.
    const before = tape.lastAggAtOrBefore(openTime - 1);
    const p = before ? before.price : -1;
    open = p;
    high = p;
    low = p;
    close = p;
  }
  return {
    openTime,
    nextOpen,
    open: sm.formatPrice(open),
    high: sm.formatPrice(high),
    low: sm.formatPrice(low),
    close: sm.formatPrice(close),
    volume: sm.formatQty(stats.volume),
    quoteVolume: sm.formatQuote(stats.quote),
    count: stats.count,
    takerBuyVolume: sm.formatQty(stats.buyVolume),
    takerBuyQuote: sm.formatQuote(stats.buyQuote),
    firstId: stats.firstId,
    lastId: stats.lastId,
  };
}

export interface KlineQuery {
  interval: KlineInterval;
  offsetMs: number;
  startTime?: number;
  endTime?: number;
  limit: number;
  now: number;
}

/**
 * Selects buckets like Binance: with startTime the oldest buckets opening at or after it; with
 * only endTime the newest opening at or before it; with neither, the newest up to now. Never
 * before the market's first bucket nor after the current one.
 */
export function klines(sm: SymbolMarket, q: KlineQuery): Kline[] {
  const first = bucketOpen(sm.tape.genesisMinute * 60_000, q.interval, q.offsetMs);
  const current = bucketOpen(q.now, q.interval, q.offsetMs);
  let last = current;
  if (q.endTime !== undefined) last = Math.min(last, bucketOpen(q.endTime, q.interval, q.offsetMs));
  const opens: number[] = [];
  if (q.startTime !== undefined) {
    let open = bucketOpen(q.startTime, q.interval, q.offsetMs);
    if (open < q.startTime) open = bucketNext(open, q.interval, q.offsetMs);
    if (open < first) open = first;
    while (open <= last && opens.length < q.limit) {
      opens.push(open);
      open = bucketNext(open, q.interval, q.offsetMs);
    }
  } else {
    let open = last;
    while (open >= first && opens.length < q.limit) {
      opens.push(open);
      open = bucketPrevious(open, q.interval, q.offsetMs);
    }
    opens.reverse();
  }
  return opens.map((open) => klineAt(sm, open, bucketNext(open, q.interval, q.offsetMs), q.now));
}
