// avgPrice, ticker/24hr, ticker/tradingDay, ticker/price, ticker/bookTicker, ticker (rolling window),
// referencePrice and referencePrice/calculation.

import { bucketNext, bucketOpen, parseTimeZone } from '../../market/intervals.js';
import type { SymbolMarket } from '../../market/market.js';
import { DAY, MINUTE } from '../../market/tape.js';
import {
  averagePrice,
  parseWindowSize,
  referencePrice,
  type WindowFigures,
  windowFigures,
} from '../../market/tickers.js';
import {
  lookup,
  type RestContext,
  type Route,
  selectSymbols,
  symbolCount,
  symbolStatus,
} from '../context.js';
import { errors } from '../errors.js';
import type { Params } from '../params.js';

type TickerType = 'FULL' | 'MINI';

function tickerType(params: Params): TickerType {
  const v = params.string('type');
  if (v === undefined) return 'FULL';
  if (v !== 'FULL' && v !== 'MINI') throw errors.badTickerType();
  return v;
}

/** Top of book as decimal strings (zeros when a side is empty). */
export function bookTop(sm: SymbolMarket, now: number) {
  const top = sm.book(now).top();
  return {
    bidPrice: sm.formatPrice(top.bidPrice),
    bidQty: sm.formatQty(top.bidQty),
    askPrice: sm.formatPrice(top.askPrice),
    askQty: sm.formatQty(top.askQty),
  };
}

function mini(sm: SymbolMarket, f: WindowFigures, ctx: RestContext, closeTime: number) {
  return {
    symbol: sm.symbol,
    openPrice: f.openPrice,
    highPrice: f.highPrice,
    lowPrice: f.lowPrice,
    lastPrice: f.lastPrice,
    volume: f.volume,
    quoteVolume: f.quoteVolume,
    openTime: ctx.time(f.openTime),
    closeTime,
    firstId: f.firstId,
    lastId: f.lastId,
    count: f.count,
  };
}

/** The FULL shape of ticker/tradingDay and ticker (rolling window). */
function windowFull(sm: SymbolMarket, f: WindowFigures, ctx: RestContext, closeTime: number) {
  return {
    symbol: sm.symbol,
    priceChange: f.priceChange,
    priceChangePercent: f.priceChangePercent,
    weightedAvgPrice: f.weightedAvgPrice,
    openPrice: f.openPrice,
    highPrice: f.highPrice,
    lowPrice: f.lowPrice,
    lastPrice: f.lastPrice,
    volume: f.volume,
    quoteVolume: f.quoteVolume,
    openTime: ctx.time(f.openTime),
    closeTime,
    firstId: f.firstId,
    lastId: f.lastId,
    count: f.count,
  };
}

function ticker24Weight(params: Params): number {
  const n = symbolCount(params);
  if (n === 0) return 80;
  if (params.peek('symbol')) return 2;
  if (n <= 20) return 2;
  if (n <= 100) return 40;
  return 80;
}

export const ticker24hr: Route = {
  weight: ticker24Weight,
  handle: (ctx) => {
    const { single, list } = selectSymbols(ctx, { required: false });
    const type = tickerType(ctx.params);
    const out = list.map((sm) => {
      const f = windowFigures(sm, ctx.now - DAY, ctx.now);
      if (type === 'MINI') return mini(sm, f, ctx, ctx.time(ctx.now));
      const top = bookTop(sm, ctx.now);
      return {
        symbol: sm.symbol,
        priceChange: f.priceChange,
        priceChangePercent: f.priceChangePercent,
        weightedAvgPrice: f.weightedAvgPrice,
        prevClosePrice: f.prevClosePrice,
        lastPrice: f.lastPrice,
        lastQty: f.lastQty,
        bidPrice: top.bidPrice,
        bidQty: top.bidQty,
        askPrice: top.askPrice,
        askQty: top.askQty,
        openPrice: f.openPrice,
        highPrice: f.highPrice,
        lowPrice: f.lowPrice,
        volume: f.volume,
        quoteVolume: f.quoteVolume,
        openTime: ctx.time(f.openTime),
        closeTime: ctx.time(f.closeTime),
        firstId: f.firstId,
        lastId: f.lastId,
        count: f.count,
      };
    });
    return single ? out[0] : out;
  },
};

/** 4 per symbol, capped at 200 (ticker/tradingDay and ticker). */
function perSymbolWeight(params: Params): number {
  return Math.min(200, 4 * Math.max(1, symbolCount(params)));
}

export const tradingDay: Route = {
  weight: perSymbolWeight,
  handle: (ctx) => {
    const { single, list } = selectSymbols(ctx, { required: true, max: 100 });
    const zone = ctx.params.string('timeZone');
    const offsetMs = zone === undefined ? 0 : parseTimeZone(zone);
    if (offsetMs === null) throw errors.invalidParam('timeZone');
    const type = tickerType(ctx.params);
    const open = bucketOpen(ctx.now, '1d', offsetMs);
    const next = bucketNext(open, '1d', offsetMs);
    const out = list.map((sm) => {
      const f = windowFigures(sm, open, ctx.now);
      const close = ctx.endTime(next);
      return type === 'MINI' ? mini(sm, f, ctx, close) : windowFull(sm, f, ctx, close);
    });
    return single ? out[0] : out;
  },
};

export const rollingTicker: Route = {
  weight: perSymbolWeight,
  handle: (ctx) => {
    const { single, list } = selectSymbols(ctx, { required: true, max: 100 });
    const raw = ctx.params.string('windowSize') ?? '1d';
    const size = parseWindowSize(raw);
    if (size === null) throw errors.invalidParam('windowSize');
    const type = tickerType(ctx.params);
    const open = Math.floor((ctx.now - size) / MINUTE) * MINUTE;
    const out = list.map((sm) => {
      const f = windowFigures(sm, open, ctx.now);
      const close = ctx.time(ctx.now);
      return type === 'MINI' ? mini(sm, f, ctx, close) : windowFull(sm, f, ctx, close);
    });
    return single ? out[0] : out;
  },
};

/** 2 for one symbol, 4 otherwise (ticker/price and ticker/bookTicker). */
function smallWeight(params: Params): number {
  return params.peek('symbol') ? 2 : 4;
}

export const price: Route = {
  weight: smallWeight,
  handle: (ctx) => {
    const { single, list } = selectSymbols(ctx, { required: false });
    const out = list.map((sm) => {
      const last = sm.tape.lastAggAtOrBefore(ctx.now);
      return { symbol: sm.symbol, price: sm.formatPrice(last ? last.price : -1) };
    });
    return single ? out[0] : out;
  },
};

export const bookTicker: Route = {
  weight: smallWeight,
  handle: (ctx) => {
    const { single, list } = selectSymbols(ctx, { required: false });
    const out = list.map((sm) => ({ symbol: sm.symbol, ...bookTop(sm, ctx.now) }));
    return single ? out[0] : out;
  },
};

export const avgPrice: Route = {
  weight: () => 2,
  handle: (ctx) => {
    const sm = lookup(ctx, ctx.params.requiredSymbol());
    const avg = averagePrice(sm, ctx.now);
    return { mins: 5, price: avg.price, closeTime: ctx.time(avg.closeTime) };
  },
};

export const reference: Route = {
  weight: () => 2,
  handle: (ctx) => {
    const sm = lookup(ctx, ctx.params.requiredSymbol());
    if (!sm.spec.hasReferencePrice) throw errors.noReferencePrice();
    const ref = referencePrice(sm, ctx.now);
    return { symbol: sm.symbol, referencePrice: ref.price, timestamp: ctx.time(ref.timestamp) };
  },
};

export const referenceCalculation: Route = {
  weight: () => 2,
  handle: (ctx) => {
    const sm = lookup(ctx, ctx.params.requiredSymbol());
    // Like depth: a symbol whose status is not the requested one is -1220.
    const status = symbolStatus(ctx.params);
    if (status !== undefined && sm.spec.status !== status) throw errors.statusMismatch();
    if (!sm.spec.hasReferencePrice) throw errors.noReferencePrice();
    return { symbol: sm.symbol, calculationType: 'ARITHMETIC_MEAN', bucketCount: 10, bucketWidthMs: 1000 };
  },
};
