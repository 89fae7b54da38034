// Symbol and exchange filters (filters.md) with their exact rules and failure messages
// (-1013 "Filter failure: <FILTER>"). A symbol's filters are checked in the order exchangeInfo lists
// them, then the exchange filters; the first failure is reported (the docs do not say which one wins).

import type { Account } from '../accounts/account.js';
import { divRound, parseUnits } from '../market/decimal.js';
import { EXCHANGE_FILTERS } from '../market/exchange-info.js';
import type { SymbolMarket } from '../market/market.js';
import type { SymbolFilter } from '../market/symbols.js';
import { MINUTE } from '../market/tape.js';
import { referencePrice } from '../market/tickers.js';
import { errors } from '../rest/errors.js';
import { isStopType, type OrderType, type Side } from './types.js';

const ONE = 100_000_000n;

/** What the filters look at. Amounts in 10^-8 units; 0 = not set. */
export interface FilterOrder {
  side: Side;
  type: OrderType;
  price: bigint;
  stopPrice: bigint;
  quantity: bigint;
  quoteOrderQty: bigint;
  icebergQty: bigint | null;
  trailingDelta: number | null;
}

export interface FilterContext {
  sm: SymbolMarket;
  account: Account;
  now: number;
  /** How many orders the request adds (1; 2 or 3 for order lists), and how many of them are algo / iceberg. */
  adds: { orders: number; algo: number; iceberg: number };
}

const dec = (value: string | number | boolean | undefined): bigint =>
  parseUnits(String(value ?? '0'), 8) ?? 0n;
const num = (value: string | number | boolean | undefined): number => Number(value ?? 0);

/**
 * The price PERCENT_PRICE(_BY_SIDE) and (MIN_)NOTIONAL compare with: the reference price when the
 * symbol has one, else the volume-weighted average over `avgPriceMins`, else the last price.
 */
export function filterPrice(sm: SymbolMarket, now: number, mins: number): bigint {
  if (sm.spec.hasReferencePrice) {
    const ref = referencePrice(sm, now).price;
    if (ref !== null) return parseUnits(ref, 8) ?? 0n;
  }
  if (mins > 0) {
    const stats = sm.tape.rangeStats(now - mins * MINUTE, now + 1);
    if (stats.count > 0) return divRound(stats.quote * sm.spec.tickUnits, stats.volume);
  }
  const last = sm.tape.lastAggAtOrBefore(now);
  return last ? BigInt(last.price) * sm.spec.tickUnits : 0n;
}

/** Open orders of an account: on one symbol, and on the whole exchange. */
function counts(account: Account, symbol: string) {
  let orders = 0;
  let algo = 0;
  let iceberg = 0;
  let allOrders = 0;
  let allAlgo = 0;
  for (const o of account.openOrders()) {
    allOrders++;
    if (o.isAlgo()) allAlgo++;
    if (o.symbol !== symbol) continue;
    orders++;
    if (o.isAlgo()) algo++;
    if (o.isIceberg()) iceberg++;
  }
  return { orders, algo, iceberg, allOrders, allAlgo };
}

/** Throws -1013 for the first filter the order fails. */
export function checkFilters(order: FilterOrder, ctx: FilterContext): void {
  const { sm } = ctx;
  let open: ReturnType<typeof counts> | null = null;
  const openCounts = () => {
    open ??= counts(ctx.account, sm.symbol);
    return open;
  };
  const market = order.type === 'MARKET';
  // The price the order trades at, for notional checks (stop-market orders: their stop price).
  const hasLimit = order.price > 0n;
  for (const f of sm.spec.filters) {
    if (!passes(f, order, ctx, market, hasLimit, openCounts)) throw errors.filterFailure(f.filterType);
  }
  for (const f of EXCHANGE_FILTERS) {
    const c = openCounts();
    if (f.filterType === 'EXCHANGE_MAX_NUM_ORDERS' && c.allOrders + ctx.adds.orders > f.maxNumOrders!) {
      throw errors.filterFailure(f.filterType);
    }
    if (f.filterType === 'EXCHANGE_MAX_NUM_ALGO_ORDERS' && c.allAlgo + ctx.adds.algo > f.maxNumAlgoOrders!) {
      throw errors.filterFailure(f.filterType);
    }
  }
}

function inLot(qty: bigint, f: SymbolFilter): boolean {
  const min = dec(f.minQty);
  const max = dec(f.maxQty);
  const step = dec(f.stepSize);
  if (qty < min) return false;
  if (max > 0n && qty > max) return false;
  return step === 0n || qty % step === 0n;
}

function passes(
  f: SymbolFilter,
  o: FilterOrder,
  ctx: FilterContext,
  market: boolean,
  hasLimit: boolean,
  openCounts: () => ReturnType<typeof counts>,
): boolean {
  const { sm, now } = ctx;
  switch (f.filterType) {
    case 'PRICE_FILTER': {
      const min = dec(f.minPrice);
      const max = dec(f.maxPrice);
      const tick = dec(f.tickSize);
      for (const p of [o.price, o.stopPrice]) {
        if (p === 0n) continue;
        if (min > 0n && p < min) return false;
        if (max > 0n && p > max) return false;
        if (tick > 0n && p % tick !== 0n) return false;
      }
      return true;
    }
    case 'PERCENT_PRICE': {
      if (!hasLimit) return true;
      const avg = filterPrice(sm, now, num(f.avgPriceMins));
      return o.price * ONE <= avg * dec(f.multiplierUp) && o.price * ONE >= avg * dec(f.multiplierDown);
    }
    case 'PERCENT_PRICE_BY_SIDE': {
      if (!hasLimit) return true;
      const avg = filterPrice(sm, now, num(f.avgPriceMins));
      const up = dec(o.side === 'BUY' ? f.bidMultiplierUp : f.askMultiplierUp);
      const down = dec(o.side === 'BUY' ? f.bidMultiplierDown : f.askMultiplierDown);
      return o.price * ONE <= avg * up && o.price * ONE >= avg * down;
    }
    case 'LOT_SIZE':
      if (o.quantity > 0n && !inLot(o.quantity, f)) return false;
      return o.icebergQty === null || inLot(o.icebergQty, f);
    case 'MARKET_LOT_SIZE':
      return !market || o.quantity === 0n || inLot(o.quantity, f);
    case 'MIN_NOTIONAL':
    case 'NOTIONAL': {
      const isMarketLike = market || (!hasLimit && o.stopPrice === 0n);
      const applyMin =
        f.filterType === 'MIN_NOTIONAL' ? f.applyToMarket === true : f.applyMinToMarket === true;
      const applyMax = f.filterType === 'NOTIONAL' && f.applyMaxToMarket === true;
      if (isMarketLike && !applyMin && !applyMax) return true;
      let notional: bigint;
      if (o.quoteOrderQty > 0n) notional = o.quoteOrderQty;
      else {
        const price = hasLimit
          ? o.price
          : o.stopPrice > 0n
            ? o.stopPrice
            : filterPrice(sm, now, num(f.avgPriceMins));
        notional = (price * o.quantity) / ONE;
      }
      if ((!isMarketLike || applyMin) && notional < dec(f.minNotional)) return false;
      if (f.filterType === 'NOTIONAL' && (!isMarketLike || applyMax) && notional > dec(f.maxNotional))
        return false;
      return true;
    }
    case 'ICEBERG_PARTS': {
      if (o.icebergQty === null || o.icebergQty === 0n) return true;
      const parts = (o.quantity + o.icebergQty - 1n) / o.icebergQty;
      return parts <= BigInt(num(f.limit));
    }
    case 'TRAILING_DELTA': {
      if (o.trailingDelta === null) return true;
      const above =
        (o.side === 'BUY' && (o.type === 'STOP_LOSS' || o.type === 'STOP_LOSS_LIMIT')) ||
        (o.side === 'SELL' && (o.type === 'TAKE_PROFIT' || o.type === 'TAKE_PROFIT_LIMIT'));
      const min = num(above ? f.minTrailingAboveDelta : f.minTrailingBelowDelta);
      const max = num(above ? f.maxTrailingAboveDelta : f.maxTrailingBelowDelta);
      return o.trailingDelta >= min && o.trailingDelta <= max;
    }
    case 'MAX_NUM_ORDERS':
      return openCounts().orders + ctx.adds.orders <= num(f.maxNumOrders);
    case 'MAX_NUM_ALGO_ORDERS':
      return !isStopType(o.type) || openCounts().algo + ctx.adds.algo <= num(f.maxNumAlgoOrders);
    case 'MAX_NUM_ICEBERG_ORDERS':
      return o.icebergQty === null || openCounts().iceberg + ctx.adds.iceberg <= num(f.maxNumIcebergOrders);
    case 'MAX_POSITION': {
      if (o.side !== 'BUY' || o.quantity === 0n) return true;
      const base = sm.spec.baseAsset;
      let position = ctx.account.balances.free(base) + ctx.account.balances.locked(base);
      for (const open of ctx.account.openOrders(sm.symbol)) if (open.buy) position += open.remaining();
      return position + o.quantity <= dec(f.maxPosition);
    }
    default:
      // MAX_NUM_ORDER_LISTS and MAX_NUM_ORDER_AMENDS are checked where lists and amends are made.
      return true;
  }
}
