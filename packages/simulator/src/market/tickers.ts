// Window statistics (24h, rolling windows, trading days, average price) computed from the tape and
// the book, already formatted as Binance prints them. The REST endpoints and the streams both use
// these, so a ticker over REST and over a stream can never disagree.

import { divRound, formatUnits } from './decimal.js';
import type { SymbolMarket } from './market.js';
import { MINUTE } from './tape.js';

/** A window's figures, as decimal strings and ids. */
export interface WindowFigures {
  openTime: number;
  closeTime: number;
  openPrice: string;
  highPrice: string;
  lowPrice: string;
  lastPrice: string;
  priceChange: string;
  priceChangePercent: string;
  weightedAvgPrice: string;
  prevClosePrice: string;
  lastQty: string;
  volume: string;
  quoteVolume: string;
  takerBuyVolume: string;
  takerBuyQuote: string;
  firstId: number;
  lastId: number;
  count: number;
}

/** Statistics of trades with openTime ≤ time ≤ closeTime. */
export function windowFigures(sm: SymbolMarket, openTime: number, closeTime: number): WindowFigures {
  const tape = sm.tape;
  const stats = tape.rangeStats(openTime, closeTime + 1);
  const before = tape.lastAggAtOrBefore(openTime - 1);
  const prevClose = before ? before.price : -1;
  const empty = stats.count === 0;
  const last = empty ? prevClose : stats.close;
  const open = empty ? prevClose : stats.open;
  let lastQty = '0.00000000';
  if (!empty) {
    const trade = tape.lastTradeAtOrBefore(closeTime);
    if (trade) lastQty = sm.formatQty(trade.qty);
  }
  const change = open >= 0 && last >= 0 ? last - open : 0;
  const percent = open > 0 ? divRound(BigInt(change) * 100_000n, BigInt(open)) : 0n;
  return {
    openTime,
    closeTime,
    openPrice: sm.formatPrice(open),
    highPrice: sm.formatPrice(empty ? last : stats.high),
    lowPrice: sm.formatPrice(empty ? last : stats.low),
    lastPrice: sm.formatPrice(last),
    priceChange: change < 0 ? `-${sm.formatPrice(-change)}` : sm.formatPrice(change),
    priceChangePercent: formatUnits(percent, 3),
    weightedAvgPrice: sm.formatAverage(stats.quote, stats.volume),
    prevClosePrice: sm.formatPrice(prevClose),
    lastQty,
    volume: sm.formatQty(stats.volume),
    quoteVolume: sm.formatQuote(stats.quote),
    takerBuyVolume: sm.formatQty(stats.buyVolume),
    takerBuyQuote: sm.formatQuote(stats.buyQuote),
    firstId: stats.firstId,
    lastId: stats.lastId,
    count: stats.count,
  };
}

/** Parses `windowSize` (1m…59m, 1h…23h, 1d…7d) into ms, or null. */
export function parseWindowSize(text: string): number | null {
  const match = /^([1-9]\d?)([mhd])$/.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  const unit = match[2];
  if (unit === 'm' && n <= 59) return n * MINUTE;
  if (unit === 'h' && n <= 23) return n * 60 * MINUTE;
  if (unit === 'd' && n <= 7) return n * 24 * 60 * MINUTE;
  return null;
}

/** Average price over the last `mins` minutes: weighted by volume, or the last price when no trades. */
export function averagePrice(sm: SymbolMarket, now: number, mins = 5): { price: string; closeTime: number } {
  const stats = sm.tape.rangeStats(now - mins * MINUTE, now + 1);
  const last = sm.tape.lastAggAtOrBefore(now);
  if (stats.count > 0)
    return { price: sm.formatAverage(stats.quote, stats.volume), closeTime: stats.lastTime };
  return { price: sm.formatPrice(last ? last.price : -1), closeTime: last ? last.time : 0 };
}

/**
 * Reference price: the arithmetic mean of the last trade price at the end of each of the last 10
 * one-second buckets (Binance's ARITHMETIC_MEAN calculation with bucketCount 10, bucketWidthMs 1000).
 */
export function referencePrice(sm: SymbolMarket, now: number): { price: string | null; timestamp: number } {
  const timestamp = Math.floor(now / 1000) * 1000;
  let sum = 0n;
  let n = 0n;
  for (let i = 0; i < 10; i++) {
    const agg = sm.tape.lastAggAtOrBefore(timestamp - i * 1000);
    if (agg) {
      sum += BigInt(agg.price);
      n += 1n;
    }
  }
  if (n === 0n) return { price: null, timestamp };
  return { price: formatUnits(divRound(sum * sm.spec.tickUnits, n), sm.spec.pricePrecision), timestamp };
}
