// The trading engine: what the trading endpoints (REST and WebSocket API) and the controls ask of
// the exchange — place, test, cancel, amend, cancel-replace — with Binance's checks in Binance's
// order (symbol and parameters, filters, unfilled order count, then the matching engine's own
// rejections as -2010 / -2011 / -2038). It also keeps resting orders in step with the simulated
// market: every tape trade is shown to it before the book applies it (see `TapeListener`).

import type { Account } from '../accounts/account.js';
import { randomAlphanumeric } from '../accounts/api-keys.js';
import type { Clock } from '../clock.js';
import type { OrderBook } from '../market/book.js';
import { formatUnits } from '../market/decimal.js';
import type { TapeListener } from '../market/liquidity.js';
import type { Market, SymbolMarket } from '../market/market.js';
import { type AggTrade, MINUTE } from '../market/tape.js';
import { errors } from '../rest/errors.js';
import type { EventBatch, UserEvents } from './events.js';
import { checkFilters, type FilterOrder } from './filters.js';
import { Matcher, type Taker } from './matching.js';
import { Order } from './order.js';
import type { OrderList } from './order-list.js';
import type { OrderRequest } from './request.js';
import { cancelReport, listStatus as listJson, placement, queryOrder } from './responses.js';
import { SymbolTrading } from './symbol-state.js';
import { firesAbove, wouldTriggerNow } from './triggers.js';
import { isStopType, type ResponseType, type StpMode } from './types.js';

export type TimeFn = (ms: number) => number;
type Json = Record<string, unknown>;

const ALLOWED_STP: readonly StpMode[] = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'];
const DEFAULT_STP: StpMode = 'EXPIRE_MAKER';

/** How a request names an existing order. */
export interface OrderRef {
  orderId?: number;
  origClientOrderId?: string;
}

export type CancelRestriction = 'ONLY_NEW' | 'ONLY_PARTIALLY_FILLED';

/** An operation in progress on one symbol. */
export interface Session {
  st: SymbolTrading;
  book: OrderBook;
  batch: EventBatch;
  time: number;
}

export function newClientOrderId(): string {
  return randomAlphanumeric(22);
}

export class TradingEngine {
  private readonly states = new Map<SymbolMarket, SymbolTrading>();
  readonly matcher: Matcher;
  private nextListId = 1;

  constructor(
    readonly market: Market,
    readonly clock: Clock,
    readonly events: UserEvents,
  ) {
    this.matcher = new Matcher(events);
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  state(sm: SymbolMarket): SymbolTrading {
    let st = this.states.get(sm);
    if (!st) {
      st = new SymbolTrading(sm);
      this.states.set(sm, st);
      sm.listen(this.listener(st));
    }
    return st;
  }

  /** Brings every symbol holding open orders up to `now` (resting orders fill, stops fire). */
  sync(now: number): void {
    for (const st of this.states.values()) if (st.open.size > 0) st.sm.book(now);
  }

  /** Starts an operation: the book advanced to now, a batch at the operation's time. */
  begin(sm: SymbolMarket, now: number): Session {
    const st = this.state(sm);
    const book = sm.book(now);
    // Trades are recorded in time order: a clock moved back by a test does not reorder them.
    const time = Math.max(now, sm.tape.lastRecordedTime());
    return { st, book, batch: this.matcher.batch(time), time };
  }

  private listener(st: SymbolTrading): TapeListener {
    const crossing = (agg: AggTrade) => {
      if (st.stops.size > 0) return true;
      const ask = st.resting.best(false);
      const bid = st.resting.best(true);
      return (ask !== null && ask <= agg.price) || (bid !== null && bid >= agg.price);
    };
    const onTrade = (agg: AggTrade, book: OrderBook) => {
      if (st.open.size === 0 || !crossing(agg)) return;
      const batch = this.matcher.batch(Math.max(agg.time, st.sm.tape.lastRecordedTime()));
      const prices = this.matcher.crossFill(st, book, agg, batch);
      prices.push(BigInt(agg.price) * st.sm.spec.tickUnits);
      this.matcher.checkTriggers(st, book, prices, batch);
      batch.flush();
    };
    return {
      beforeTrade: onTrade,
      beforeJump: (from, to, book) => {
        if (st.open.size === 0) return;
        // Resting orders fill as the market passed through them; stops fire when they would have
        // and execute once the book has been rebuilt.
        this.matcher.deferTriggers = true;
        try {
          // Minute by minute, skipping the minutes whose price range can matter to no order.
          const tape = st.sm.tape;
          for (let m = Math.floor((from + 1) / MINUTE); m <= Math.floor(to / MINUTE); m++) {
            if (st.open.size === 0) break;
            const start = Math.max(m * MINUTE, from + 1);
            const end = Math.min((m + 1) * MINUTE - 1, to);
            const stats = tape.rangeStats(start, end + 1);
            if (stats.count === 0 || !this.mayReact(st, stats.high, stats.low)) continue;
            for (const agg of tape.aggsFromTime(start, end, Number.POSITIVE_INFINITY)) {
              if (st.open.size === 0) break;
              onTrade(agg, book);
            }
          }
        } finally {
          this.matcher.deferTriggers = false;
        }
      },
      afterJump: (to, book) => {
        if (st.deferred.length === 0) return;
        const batch = this.matcher.batch(Math.max(to, st.sm.tape.lastRecordedTime()));
        const prices: bigint[] = [];
        for (const o of st.deferred.splice(0)) {
          if (o.isOpen()) prices.push(...this.matcher.activate(st, book, o, batch));
        }
        this.matcher.checkTriggers(st, book, prices, batch);
        batch.flush();
      },
    };
  }

  /** Whether trades between `low` and `high` (ticks) could fill a resting order or fire a stop. */
  private mayReact(st: SymbolTrading, high: number, low: number): boolean {
    const ask = st.resting.best(false);
    const bid = st.resting.best(true);
    if ((ask !== null && ask <= high) || (bid !== null && bid >= low)) return true;
    const tick = st.sm.spec.tickUnits;
    for (const o of st.stops) {
      if (o.trailingDelta !== null) return true;
      const stop = Number(o.stopPrice / tick);
      if (firesAbove(o) ? high >= stop : low <= stop) return true;
    }
    return false;
  }

  lastPrice(sm: SymbolMarket, time: number): bigint {
    const last = sm.tape.lastAggAtOrBefore(time);
    return last ? BigInt(last.price) * sm.spec.tickUnits : 0n;
  }

  // ---- checks ------------------------------------------------------------------------------------

  /** Symbol status, self-trade prevention mode and filters: what is checked before anything happens. */
  validateNew(
    account: Account,
    sm: SymbolMarket,
    legs: OrderRequest[],
    stp: StpMode | null,
    time: number,
  ): StpMode {
    if (sm.spec.status !== 'TRADING') throw errors.rejected('Market is closed.');
    for (const leg of legs) checkFlags(sm, leg);
    const mode = stp ?? DEFAULT_STP;
    if (!ALLOWED_STP.includes(mode)) {
      throw errors.invalidMessage('This symbol does not allow the specified self-trade prevention mode.');
    }
    const adds = {
      orders: legs.length,
      algo: legs.filter((l) => isStopType(l.type)).length,
      iceberg: legs.filter((l) => l.icebergQty !== null).length,
    };
    for (const leg of legs) checkFilters(filterOrder(leg), { sm, account, now: time, adds });
    return mode;
  }

  /** Builds an order (not yet accepted: it has no id). */
  build(account: Account, sm: SymbolMarket, req: OrderRequest, stp: StpMode, time: number): Order {
    return new Order({
      account,
      sm,
      orderId: -1,
      clientOrderId: req.clientOrderId ?? newClientOrderId(),
      side: req.side,
      type: req.type,
      timeInForce: req.timeInForce,
      price: req.price,
      quantity: req.quantity,
      quoteOrderQty: req.quoteOrderQty,
      stopPrice: req.stopPrice,
      icebergQty: req.icebergQty,
      trailingDelta: req.trailingDelta,
      strategyId: req.strategyId,
      strategyType: req.strategyType,
      stp,
      time,
    });
  }

  /** The matching engine's own rejections of a new order (-2010), without the balance check. */
  admitChecks(s: Session, order: Order, lastPrice: bigint): void {
    const account = order.account;
    if (!account.flags.canTrade) throw errors.rejected('This account may not place or cancel orders.');
    const same = account.findByClientId(order.symbol, order.clientOrderId);
    if (same?.isOpen()) throw errors.rejected('Duplicate order sent.');
    if (order.icebergQty !== null && order.icebergQty >= order.origQty)
      throw errors.rejected('IcebergQty exceeds QTY.');
    if (order.isAlgo() && wouldTriggerNow(order, lastPrice)) {
      throw errors.rejected('Order would trigger immediately.');
    }
    if (order.type === 'LIMIT_MAKER' && this.matcher.wouldTake(s.book, order)) {
      throw errors.rejected('Order would immediately match and take.');
    }
    if (order.type === 'MARKET' && order.origQuoteOrderQty > 0n) {
      if (s.book.side(!order.buy).length === 0) {
        throw errors.rejected('Order book liquidity is less than symbol minimum quantity.');
      }
      if (this.matcher.plan(s.st, s.book, order, null, order.origQuoteOrderQty).qty === 0n) {
        throw errors.rejected('Order book liquidity is less than `LOT_SIZE` filter minimum quantity.');
      }
    }
  }

  /** Locks what the order needs, or -2010 insufficient balance. */
  reserve(s: Session, order: Order): void {
    const need = this.matcher.requiredLock(s.st, s.book, order, s.time);
    const balances = order.account.balances;
    if (balances.free(need.asset) < need.amount) {
      throw errors.rejected('Account has insufficient balance for requested action.');
    }
    balances.lock(need.asset, need.amount);
    order.lock = { asset: need.asset, amount: need.amount };
    s.batch.touch(order.account, need.asset);
  }

  /** The order is accepted: it gets its id and joins the account's orders and the unfilled count. */
  accept(s: Session, order: Order, pending = false): void {
    order.orderId = s.st.nextOrderId++;
    if (pending) order.status = 'PENDING_NEW';
    order.account.addOrder(order);
    s.st.open.add(order);
    order.account.orderCount.add(s.time, 1);
  }

  /** Starts an accepted order: NEW report, then it executes / rests / waits for its trigger. */
  launch(s: Session, order: Order): { taker: Taker | null; prices: bigint[] } {
    // Everything but a stop order works from the start (its NEW report carries `W`).
    if (!order.isAlgo()) order.workingTime = s.time;
    this.matcher.report(s.st, order, 'NEW', s.batch);
    if (order.isAlgo()) {
      this.arm(s, order);
      return { taker: null, prices: [] };
    }
    return this.matcher.execute(s.st, s.book, order, s.batch);
  }

  /** A stop order starts waiting for its trigger (trailing without a stop price starts now). */
  arm(s: Session, order: Order): void {
    if (order.trailingDelta !== null && order.stopPrice === 0n) {
      order.trailingTime = s.time;
      order.trailExtreme = this.lastPrice(order.sm, s.time);
    }
    s.st.stops.add(order);
  }

  // ---- single orders -----------------------------------------------------------------------------

  /** POST /api/v3/order. */
  place(
    account: Account,
    sm: SymbolMarket,
    req: OrderRequest,
    respType: ResponseType | null,
    now: number,
    t: TimeFn,
  ): Json {
    const s = this.begin(sm, now);
    const stp = this.validateNew(account, sm, [req], req.stp, s.time);
    account.orderCount.check(s.time, 1);
    const { order, taker } = this.placeValidated(s, account, req, stp);
    s.batch.flush();
    return placement(order, respType ?? defaultResponseType(order), s.time, t, taker ?? undefined);
  }

  /** Placement after validation and the order-count check (shared with cancelReplace). */
  placeValidated(
    s: Session,
    account: Account,
    req: OrderRequest,
    stp: StpMode,
  ): { order: Order; taker: Taker | null } {
    const order = this.build(account, s.st.sm, req, stp, s.time);
    this.admitChecks(s, order, this.lastPrice(s.st.sm, s.time));
    this.reserve(s, order);
    this.accept(s, order);
    const { taker, prices } = this.launch(s, order);
    this.matcher.checkTriggers(s.st, s.book, prices, s.batch);
    return { order, taker };
  }

  /** POST /api/v3/order/test: everything but the matching engine. */
  test(account: Account, sm: SymbolMarket, req: OrderRequest, commissionRates: boolean, now: number): Json {
    this.validateNew(account, sm, [req], req.stp, now);
    if (!commissionRates) return {};
    const c = account.commission;
    const sideRate = req.side === 'BUY' ? c.buyer : c.seller;
    const rate = (x: bigint) => fmt(x);
    return {
      standardCommissionForOrder: { maker: rate(c.maker + sideRate), taker: rate(c.taker + sideRate) },
      specialCommissionForOrder: { maker: rate(0n), taker: rate(0n) },
      taxCommissionForOrder: { maker: rate(0n), taker: rate(0n) },
      discount: {
        enabledForAccount: false,
        enabledForSymbol: true,
        discountAsset: 'BNB',
        discount: '0.75000000',
      },
    };
  }

  /** Finds an order of the account by id and/or client id (id first, then the client id must match). */
  find(account: Account, sm: SymbolMarket, ref: OrderRef): { order: Order | undefined; mismatch: boolean } {
    if (ref.orderId !== undefined) {
      const order = account.findOrder(sm.symbol, ref.orderId);
      if (order && ref.origClientOrderId !== undefined && order.clientOrderId !== ref.origClientOrderId) {
        return { order: undefined, mismatch: true };
      }
      return { order, mismatch: false };
    }
    return { order: account.findByClientId(sm.symbol, ref.origClientOrderId!), mismatch: false };
  }

  /** GET /api/v3/order. */
  query(account: Account, sm: SymbolMarket, ref: OrderRef, t: TimeFn): Json {
    const { order, mismatch } = this.find(account, sm, ref);
    if (mismatch) throw errors.clientOrderIdMismatch();
    if (!order) throw errors.noSuchOrder();
    return queryOrder(order, t);
  }

  /** The open order a cancel names, or -2011. */
  private cancellable(
    account: Account,
    sm: SymbolMarket,
    ref: OrderRef,
    restriction: CancelRestriction | null,
  ): Order {
    const { order } = this.find(account, sm, ref);
    if (!order?.isOpen()) throw errors.cancelRejected('Unknown order sent.');
    if (!account.flags.canTrade) throw errors.cancelRejected('This account may not place or cancel orders.');
    if (
      (restriction === 'ONLY_NEW' && order.status !== 'NEW') ||
      (restriction === 'ONLY_PARTIALLY_FILLED' && order.status !== 'PARTIALLY_FILLED')
    ) {
      throw errors.cancelRejected('Order was not canceled due to cancel restrictions.');
    }
    return order;
  }

  /** DELETE /api/v3/order: the cancel report, or the list's when the order belongs to one. */
  cancel(
    account: Account,
    sm: SymbolMarket,
    ref: OrderRef,
    cancelId: string | null,
    restriction: CancelRestriction | null,
    now: number,
    t: TimeFn,
  ): Json {
    const s = this.begin(sm, now);
    const body = this.cancelIn(s, account, ref, cancelId ?? newClientOrderId(), restriction, t);
    s.batch.flush();
    return body;
  }

  cancelIn(
    s: Session,
    account: Account,
    ref: OrderRef,
    cancelId: string,
    restriction: CancelRestriction | null,
    t: TimeFn,
  ): Json {
    const order = this.cancellable(account, s.st.sm, ref, restriction);
    if (order.list) return this.cancelListIn(s, order.list, cancelId, t);
    const orig = order.clientOrderId;
    this.matcher.end(s.st, s.book, order, 'CANCELED', s.batch, { cancelClientOrderId: cancelId });
    return cancelReport(order, orig, cancelId, s.time, t);
  }

  /** Cancels every open leg of a list; the list's cancel response. */
  cancelListIn(s: Session, list: OrderList, cancelId: string, t: TimeFn): Json {
    const reports: Json[] = [];
    const originals = list.orders.map((o) => o.clientOrderId);
    for (const leg of list.orders) {
      if (leg.isOpen()) {
        this.matcher.end(s.st, s.book, leg, 'CANCELED', s.batch, {
          cancelClientOrderId: cancelId,
          listReacts: false,
        });
      }
    }
    this.matcher.finishList(list, s.batch);
    list.orders.forEach((leg, i) => {
      reports.push(cancelReport(leg, originals[i]!, cancelId, s.time, t));
    });
    return listJson(list, t, reports);
  }

  /** DELETE /api/v3/openOrders. */
  cancelAll(account: Account, sm: SymbolMarket, now: number, t: TimeFn): Json[] {
    const s = this.begin(sm, now);
    const open = account.openOrders(sm.symbol).sort((a, b) => a.orderId - b.orderId);
    if (open.length === 0) throw errors.cancelRejected('Unknown order sent.');
    if (!account.flags.canTrade) throw errors.cancelRejected('This account may not place or cancel orders.');
    const cancelId = newClientOrderId();
    const out: Json[] = [];
    const done = new Set<OrderList>();
    for (const order of open) {
      if (order.list) {
        if (done.has(order.list)) continue;
        done.add(order.list);
        out.push(this.cancelListIn(s, order.list, cancelId, t));
      } else if (order.isOpen()) {
        const orig = order.clientOrderId;
        this.matcher.end(s.st, s.book, order, 'CANCELED', s.batch, { cancelClientOrderId: cancelId });
        out.push(cancelReport(order, orig, cancelId, s.time, t));
      }
    }
    s.batch.flush();
    return out;
  }

  // ---- order lists -------------------------------------------------------------------------------

  newListId(): number {
    return this.nextListId++;
  }

  /** DELETE /api/v3/orderList. */
  cancelList(
    account: Account,
    sm: SymbolMarket,
    ref: { orderListId?: number; listClientOrderId?: string },
    cancelId: string | null,
    now: number,
    t: TimeFn,
  ): Json {
    const s = this.begin(sm, now);
    const list = findList(account, ref, sm.symbol);
    if (!list?.isOpen()) throw errors.cancelRejected('Unknown order sent.');
    if (!account.flags.canTrade) throw errors.cancelRejected('This account may not place or cancel orders.');
    const body = this.cancelListIn(s, list, cancelId ?? newClientOrderId(), t);
    s.batch.flush();
    return body;
  }

  /** Every order of an account (optionally one symbol), oldest first. */
  ordersOf(account: Account, symbol?: string): Order[] {
    const out: Order[] = [];
    for (const [s, list] of account.orders) if (symbol === undefined || s === symbol) out.push(...list);
    return out.sort((a, b) => a.time - b.time || a.orderId - b.orderId);
  }

  queryJson(order: Order, t: TimeFn): Json {
    return queryOrder(order, t);
  }
}

/** `MARKET` and `LIMIT` orders answer FULL by default, all others ACK. */
export function defaultResponseType(order: Order): ResponseType {
  return order.type === 'MARKET' || order.type === 'LIMIT' ? 'FULL' : 'ACK';
}

export function filterOrder(req: OrderRequest): FilterOrder {
  return {
    side: req.side,
    type: req.type,
    price: req.price,
    stopPrice: req.stopPrice,
    quantity: req.quantity,
    quoteOrderQty: req.quoteOrderQty,
    icebergQty: req.icebergQty,
    trailingDelta: req.trailingDelta,
  };
}

export function findList(
  account: Account,
  ref: { orderListId?: number; listClientOrderId?: string },
  symbol?: string,
): OrderList | undefined {
  let list: OrderList | undefined;
  if (ref.orderListId !== undefined) {
    list = account.lists.find((l) => l.orderListId === ref.orderListId);
    if (list && ref.listClientOrderId !== undefined && list.listClientOrderId !== ref.listClientOrderId)
      return undefined;
  } else {
    list = [...account.lists].reverse().find((l) => l.listClientOrderId === ref.listClientOrderId);
  }
  if (list && symbol !== undefined && list.symbol !== symbol) return undefined;
  return list;
}

function fmt(units: bigint): string {
  return formatUnits(units, 8);
}

/** The symbol's feature flags (exchangeInfo) that a new order or list leg needs, with Binance's messages. */
function checkFlags(sm: SymbolMarket, req: OrderRequest): void {
  if (req.icebergQty !== null && !sm.flags.icebergAllowed) {
    throw errors.rejected('Iceberg orders are not supported for this symbol.');
  }
  if (req.trailingDelta !== null && !sm.flags.allowTrailingStop) {
    throw errors.rejected('Trailing stop orders are not supported for this symbol.');
  }
  if (req.type === 'MARKET' && req.quoteOrderQty > 0n && !sm.flags.quoteOrderQtyMarketAllowed) {
    // Binance's message, typo included ("not support").
    throw errors.rejected('Quote order qty market orders are not support for this symbol.');
  }
}
