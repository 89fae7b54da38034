// depth, trades, historicalTrades, aggTrades.

import type { BlockTrade, SymbolMarket } from '../../market/market.js';
import type { AggTrade, Trade } from '../../market/tape.js';
import { lookup, type RestContext, type Route, symbolStatus } from '../context.js';
import { errors } from '../errors.js';
import type { Params } from '../params.js';

/** Weight of a depth request by its limit. */
export function depthWeight(limit: number): number {
  if (limit <= 100) return 5;
  if (limit <= 500) return 25;
  if (limit <= 1000) return 50;
  return 250;
}

function peekInt(params: Params, name: string, fallback: number): number {
  const raw = params.peek(name);
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) ? n : fallback;
}

export const depth: Route = {
  weight: (params) => depthWeight(peekInt(params, 'limit', 100)),
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const limit = Math.min(5000, p.int('limit', 1, Number.MAX_SAFE_INTEGER) ?? 100);
    const status = symbolStatus(p);
    if (status !== undefined && sm.spec.status !== status) throw errors.statusMismatch();
    const book = sm.book(ctx.now);
    const format = (levels: Array<[number, number]>) =>
      levels.map(([price, qty]) => [sm.formatPrice(price), sm.formatQty(qty)]);
    return {
      lastUpdateId: book.lastUpdateId,
      bids: format(book.bids.top(limit)),
      asks: format(book.asks.top(limit)),
    };
  },
};

export function tradeJson(sm: SymbolMarket, t: Trade, time: (ms: number) => number) {
  return {
    id: t.id,
    price: sm.formatPrice(t.price),
    qty: sm.formatQty(t.qty),
    quoteQty: sm.formatQuote(BigInt(t.price) * BigInt(t.qty)),
    time: time(t.time),
    isBuyerMaker: !t.buy,
    isBestMatch: true,
  };
}

export function aggJson(sm: SymbolMarket, a: AggTrade, time: (ms: number) => number) {
  return {
    a: a.id,
    p: sm.formatPrice(a.price),
    q: sm.formatQty(a.qty),
    f: a.firstTrade,
    l: a.lastTrade,
    T: time(a.time),
    m: !a.buy,
    M: true,
  };
}

export const trades: Route = {
  weight: () => 25,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const limit = p.int('limit', 1, 1000) ?? 500;
    return sm.tape.recentTrades(limit, ctx.now).map((t) => tradeJson(sm, t, ctx.time));
  },
};

export const historicalTrades: Route = {
  weight: () => 25,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const limit = p.int('limit', 1, 1000) ?? 500;
    const fromId = p.fromId('fromId');
    const list =
      fromId === undefined
        ? sm.tape.recentTrades(limit, ctx.now)
        : sm.tape.tradesFromId(fromId, limit, ctx.now);
    return list.map((t) => tradeJson(sm, t, ctx.time));
  },
};

export const aggTrades: Route = {
  weight: () => 4,
  handle: (ctx: RestContext) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const fromId = p.long('fromId');
    const startTime = p.timestamp('startTime');
    const endTime = p.timestamp('endTime');
    const limit = p.int('limit', 1, 1000) ?? 500;
    if (fromId !== undefined && (startTime !== undefined || endTime !== undefined))
      throw errors.badCombination();
    const tape = sm.tape;
    let list: AggTrade[];
    if (fromId !== undefined) list = tape.aggsFromId(fromId, limit, ctx.now);
    else if (startTime !== undefined)
      list = tape.aggsFromTime(startTime, Math.min(endTime ?? ctx.now, ctx.now), limit);
    else list = tape.recentAggs(limit, Math.min(endTime ?? ctx.now, ctx.now));
    return list.map((a) => aggJson(sm, a, ctx.time));
  },
};

export function blockTradeJson(sm: SymbolMarket, b: BlockTrade, time: (ms: number) => number) {
  return {
    id: b.id,
    price: sm.formatPrice(b.price),
    qty: sm.formatQty(b.qty),
    quoteQty: sm.formatQuote(BigInt(b.price) * BigInt(b.qty)),
    time: time(b.time),
    isBuyerMaker: b.buyerIsMaker,
  };
}

/** Block trades recorded with `recordBlockTrade` (the procedural market makes none), from `fromId`. */
export const historicalBlockTrades: Route = {
  weight: () => 25,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const fromId = p.fromId('fromId');
    if (fromId === undefined) throw errors.mandatory('fromId');
    const limit = p.int('limit', 1, 1000) ?? 500;
    return sm.blockTrades
      .filter((b) => b.id >= fromId && b.time <= ctx.now)
      .slice(0, limit)
      .map((b) => blockTradeJson(sm, b, ctx.time));
  },
};
