// Account endpoints (USER_DATA): account, account/commission, rateLimit/order, myTrades,
// myPreventedMatches, myAllocations, order/amendments, myFilters.

import { formatUnits } from '../../market/decimal.js';
import { EXCHANGE_FILTERS } from '../../market/exchange-info.js';
import { amendmentJson, preventedMatchJson, tradeJson } from '../../trading/responses.js';
import { accountOf, lookup, type Route } from '../context.js';
import { errors } from '../errors.js';
import type { Params } from '../params.js';

const DAY = 86_400_000;
const d8 = (x: bigint) => formatUnits(x, 8);
/** Binance prints the integer commissions as basis points (0.001 → 10). */
const bips = (rate: bigint) => Number(rate / 10_000n);

export const account: Route = {
  weight: () => 20,
  security: 'USER_DATA',
  handle: (ctx) => {
    const omitZero = ctx.params.boolean('omitZeroBalances') ?? false;
    const a = accountOf(ctx);
    const c = a.commission;
    const balances = a.balances
      .list()
      .filter(([, b]) => !omitZero || b.free !== 0n || b.locked !== 0n)
      .map(([asset, b]) => ({ asset, free: d8(b.free), locked: d8(b.locked) }));
    return {
      makerCommission: bips(c.maker),
      takerCommission: bips(c.taker),
      buyerCommission: bips(c.buyer),
      sellerCommission: bips(c.seller),
      commissionRates: { maker: d8(c.maker), taker: d8(c.taker), buyer: d8(c.buyer), seller: d8(c.seller) },
      canTrade: a.flags.canTrade,
      canWithdraw: a.flags.canWithdraw,
      canDeposit: a.flags.canDeposit,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: ctx.time(a.updateTime),
      accountType: 'SPOT',
      balances,
      permissions: a.flags.permissions,
      uid: a.uid,
    };
  },
};

export const commission: Route = {
  weight: () => 20,
  security: 'USER_DATA',
  handle: (ctx) => {
    const sm = lookup(ctx, ctx.params.requiredSymbol());
    const c = accountOf(ctx).commission;
    const zero = { maker: d8(0n), taker: d8(0n), buyer: d8(0n), seller: d8(0n) };
    return {
      symbol: sm.symbol,
      standardCommission: {
        maker: d8(c.maker),
        taker: d8(c.taker),
        buyer: d8(c.buyer),
        seller: d8(c.seller),
      },
      specialCommission: zero,
      taxCommission: { ...zero },
      // Commissions are always paid in the received asset here (no BNB discount).
      discount: {
        enabledForAccount: false,
        enabledForSymbol: true,
        discountAsset: 'BNB',
        discount: '0.75000000',
      },
    };
  },
};

export const rateLimitOrder: Route = {
  weight: () => 40,
  security: 'USER_DATA',
  handle: (ctx) => accountOf(ctx).orderCount.entries(ctx.now),
};

function limit(p: Params): number {
  return p.int('limit', 1, 1000) ?? 500;
}

/** startTime / endTime (ms), at most 24 hours apart. */
function timeRange(p: Params): { start: number | undefined; end: number | undefined } {
  const start = p.timestamp('startTime');
  const end = p.timestamp('endTime');
  if (start !== undefined && end !== undefined && end - start > DAY) throw errors.moreThan24Hours();
  return { start, end };
}

/** The generic list rule: by time range oldest first, or the most recent `n`. */
function pick<T>(
  items: T[],
  n: number,
  start: number | undefined,
  end: number | undefined,
  time: (x: T) => number,
): T[] {
  let list = items;
  if (start !== undefined) list = list.filter((x) => time(x) >= start);
  if (end !== undefined) list = list.filter((x) => time(x) <= end);
  return start !== undefined ? list.slice(0, n) : list.slice(Math.max(0, list.length - n));
}

export const myTrades: Route = {
  weight: (params) => (params.peek('orderId') ? 5 : 20),
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const orderId = p.id('orderId');
    const fromId = p.fromId('fromId');
    const { start, end } = timeRange(p);
    const n = limit(p);
    // The supported combinations (rest-api.md): symbol + one of orderId, startTime, endTime,
    // fromId, startTime & endTime, orderId & fromId.
    const times = start !== undefined || end !== undefined;
    if ((fromId !== undefined && times) || (orderId !== undefined && times)) throw errors.badCombination();
    let trades = accountOf(ctx).tradesOf(sm.symbol);
    if (orderId !== undefined) trades = trades.filter((t) => t.orderId === orderId);
    let out: typeof trades;
    if (fromId !== undefined) out = trades.filter((t) => t.id >= fromId).slice(0, n);
    else out = pick(trades, n, start, end, (t) => t.time);
    return out.map((t) => tradeJson(t, ctx.time));
  },
};

export const myPreventedMatches: Route = {
  weight: (params) => (params.peek('orderId') ? 20 : 2),
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const id = p.long('preventedMatchId');
    const orderId = p.id('orderId');
    const fromId = p.long('fromPreventedMatchId');
    const n = limit(p);
    // symbol + preventedMatchId; symbol + orderId [+ fromPreventedMatchId] [+ limit].
    if ((id === undefined) === (orderId === undefined)) {
      throw id === undefined
        ? errors.eitherMandatory('preventedMatchId', 'orderId')
        : errors.badCombination();
    }
    if (id !== undefined && fromId !== undefined) throw errors.badCombination();
    const all = accountOf(ctx).preventedOf(sm.symbol);
    const list =
      id !== undefined
        ? all.filter((m) => m.preventedMatchId === id)
        : all
            .filter((m) => m.takerOrderId === orderId || m.makerOrderId === orderId)
            .filter((m) => fromId === undefined || m.preventedMatchId >= fromId)
            .slice(0, n);
    return list.map((m) => preventedMatchJson(m, ctx.time));
  },
};

/** Allocations come from SOR orders, which the simulator does not route: always none. */
export const myAllocations: Route = {
  weight: () => 20,
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    lookup(ctx, p.requiredSymbol());
    timeRange(p);
    p.int('fromAllocationId', 0, Number.MAX_SAFE_INTEGER);
    p.id('orderId');
    limit(p);
    return [];
  },
};

export const orderAmendments: Route = {
  weight: () => 4,
  security: 'USER_DATA',
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const orderId = p.id('orderId');
    if (orderId === undefined) throw errors.mandatory('orderId');
    const fromId = p.long('fromExecutionId');
    const n = limit(p);
    const a = accountOf(ctx);
    if (!a.findOrder(sm.symbol, orderId)) throw errors.noSuchOrder();
    return a
      .amendmentsOf(sm.symbol, orderId)
      .filter((x) => fromId === undefined || x.executionId >= fromId)
      .slice(0, n)
      .map((x) => amendmentJson(x, ctx.time));
  },
};

export const myFilters: Route = {
  weight: () => 40,
  security: 'USER_DATA',
  handle: (ctx) => {
    const sm = lookup(ctx, ctx.params.requiredSymbol());
    return {
      exchangeFilters: EXCHANGE_FILTERS,
      symbolFilters: sm.spec.filters.filter((f) => f.filterType.startsWith('MAX_NUM')),
      assetFilters: [],
    };
  },
};
