// The matching core: takers against the book (account orders first at each price, then the
// background liquidity), settlement (balances, commissions, account trades, tape trades),
// self-trade prevention, stop and trailing triggers, order-list contingencies, and the fills of
// resting orders when the simulated market trades through their price.
//
// Everything happens at one `EventBatch` time; every trade is recorded on the tape through
// `Tape.record`, so trades, klines, tickers and streams include it.

import type { OrderBook } from '../market/book.js';
import { divRound } from '../market/decimal.js';
import type { AggTrade, RecordedAggregate } from '../market/tape.js';
import {
  EventBatch,
  executionReport,
  listStatusEvent,
  type ReportDetails,
  type UserEvents,
} from './events.js';
import type { Order } from './order.js';
import type { OrderList } from './order-list.js';
import type { SymbolTrading } from './symbol-state.js';
import { fires, wouldTriggerNow } from './triggers.js';
import type { ExecutionType, ExpiryReason, OrderStatus } from './types.js';

const ONE = 100_000_000n;

/** One fill of a taker order (the FULL response's `fills`). */
export interface FillRecord {
  price: bigint;
  qty: bigint;
  commission: bigint;
  commissionAsset: string;
  tradeId: number;
}

/** A prevented match seen by a taker (the FULL response's `preventedMatches`). */
export interface PreventedRecord {
  preventedMatchId: number;
  makerOrderId: number;
  price: bigint;
  takerPreventedQuantity: bigint | null;
  makerPreventedQuantity: bigint | null;
}

/** A price level taken by a taker, with the ids its trades got. */
export interface LevelTaken {
  ticks: number;
  steps: number;
  firstTradeId: number;
  aggTradeId: number;
}

/** A taker working through the book: an account order, or another participant (order null). */
export interface Taker {
  buy: boolean;
  /** Worst price it accepts, in ticks (null: any). */
  limitTicks: number | null;
  order: Order | null;
  /** Base quantity still wanted (null: unbounded). */
  left: bigint | null;
  /** Quote amount still to spend or receive (quoteOrderQty), or null. */
  budget: bigint | null;
  fills: FillRecord[];
  prevented: PreventedRecord[];
  levels: LevelTaken[];
}

export function newTaker(
  buy: boolean,
  order: Order | null,
  limitTicks: number | null,
  left: bigint | null,
): Taker {
  return { buy, limitTicks, order, left, budget: null, fills: [], prevented: [], levels: [] };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a < b ? b : a);

export class Matcher {
  /** While a book jumps over an unobserved stretch, triggered stops wait for the jump to end. */
  deferTriggers = false;
  /**
   * Trades being matched and not yet recorded on the tape: an OTO whose working order fills in the
   * middle waits with its pending orders until they are (their trades take the next ids).
   */
  private matching = 0;
  private activations: Array<() => void> = [];

  /** Marks a stretch of matching whose trades are recorded at its end (see `endMatching`). */
  beginMatching(): void {
    this.matching++;
  }

  /** The stretch's trades are on the tape: list activations that waited for it run now. */
  endMatching(): void {
    this.matching--;
    if (this.matching > 0) return;
    while (this.activations.length > 0) this.activations.shift()!();
  }

  constructor(readonly events: UserEvents) {}

  batch(time: number): EventBatch {
    return new EventBatch(this.events, time);
  }

  // ---- reports ---------------------------------------------------------------------------------

  report(
    st: SymbolTrading,
    order: Order,
    x: ExecutionType,
    batch: EventBatch,
    details: Omit<ReportDetails, 'executionId' | 'time'> = {},
  ): void {
    batch.add(
      order.account,
      executionReport(order, x, { ...details, executionId: st.nextExecutionId++, time: batch.time }),
    );
  }

  listStatus(list: OrderList, batch: EventBatch): void {
    batch.add(list.account, listStatusEvent(list, batch.time));
  }

  // ---- funds -------------------------------------------------------------------------------------

  /** Pays from the order's lock first, then from free balance. */
  private pay(order: Order, asset: string, amount: bigint): void {
    const b = order.account.balances;
    const lock = order.lock;
    if (lock && lock.asset === asset && lock.amount > 0n) {
      const fromLock = min(lock.amount, amount);
      b.debitLocked(asset, fromLock);
      lock.amount -= fromLock;
      amount -= fromLock;
    }
    if (amount > 0n) b.debitFree(asset, amount);
  }

  /** Funds an order may still spend: its lock plus free balance. */
  private spendable(order: Order, asset: string): bigint {
    const lock = order.lock && order.lock.asset === asset ? order.lock.amount : 0n;
    return lock + order.account.balances.free(asset);
  }

  private lockShared(order: Order): boolean {
    const lock = order.lock;
    return (
      !!lock && !!order.list && order.list.orders.some((o) => o !== order && o.lock === lock && o.isOpen())
    );
  }

  /** Releases what the order still has locked (unless an open OCO partner shares it). */
  releaseLock(order: Order, batch: EventBatch): void {
    const lock = order.lock;
    if (!lock || lock.amount === 0n || this.lockShared(order)) return;
    order.account.balances.unlock(lock.asset, lock.amount);
    lock.amount = 0n;
    batch.touch(order.account, lock.asset);
  }

  /** Shrinks a resting order's lock to exactly what its remaining quantity needs. */
  private fitLock(order: Order, batch: EventBatch): void {
    const lock = order.lock;
    if (!lock || this.lockShared(order)) return;
    const need = order.buy ? (order.price * order.remaining()) / ONE : order.remaining();
    if (lock.amount > need) {
      order.account.balances.unlock(lock.asset, lock.amount - need);
      lock.amount = need;
      batch.touch(order.account, lock.asset);
    }
  }

  /** What placing `order` needs locked: quote for a BUY, base for a SELL. */
  requiredLock(
    st: SymbolTrading,
    book: OrderBook,
    order: Order,
    time: number,
  ): { asset: string; amount: bigint } {
    const spec = st.sm.spec;
    if (!order.buy) {
      if (order.type === 'MARKET' && order.origQuoteOrderQty > 0n) {
        return {
          asset: spec.baseAsset,
          amount: this.plan(st, book, order, null, order.origQuoteOrderQty).qty,
        };
      }
      return { asset: spec.baseAsset, amount: order.origQty };
    }
    let amount: bigint;
    if (order.price > 0n) amount = (order.price * order.origQty) / ONE;
    else if (order.type === 'MARKET')
      amount =
        order.origQuoteOrderQty > 0n
          ? order.origQuoteOrderQty
          : this.plan(st, book, order, order.origQty, null).cost;
    else {
      const last = st.sm.tape.lastAggAtOrBefore(time);
      const reference = order.stopPrice > 0n ? order.stopPrice : BigInt(last?.price ?? 0) * spec.tickUnits;
      amount = (reference * order.origQty) / ONE;
    }
    return { asset: spec.quoteAsset, amount };
  }

  /**
   * What a taker could get from the book now: quantity and cost, walking levels best first within
   * the order's limit, up to `qty` or a quote `budget` (own orders are left out when STP applies).
   */
  plan(
    st: SymbolTrading,
    book: OrderBook,
    order: Order,
    qty: bigint | null,
    budget: bigint | null,
  ): { qty: bigint; cost: bigint } {
    const spec = st.sm.spec;
    const side = book.side(!order.buy);
    const limit = order.price > 0n ? order.priceTicks() : null;
    let got = 0n;
    let cost = 0n;
    for (let n = 0; ; n++) {
      const level = side.level(n);
      if (!level) break;
      const ticks = level[0];
      if (limit !== null && (order.buy ? ticks > limit : ticks < limit)) break;
      const price = BigInt(ticks) * spec.tickUnits;
      let available = BigInt(book.background(!order.buy, ticks)) * spec.stepUnits;
      for (const maker of st.resting.at(!order.buy, ticks)) {
        if (maker.account === order.account && order.stp !== 'NONE') continue;
        available += maker.remaining();
      }
      let take = available;
      if (qty !== null) take = min(take, qty - got);
      if (budget !== null) {
        const byBudget = ((budget - cost) * ONE) / price;
        take = min(take, byBudget - (byBudget % spec.stepUnits));
      }
      if (take <= 0n) break;
      got += take;
      cost += (price * take) / ONE;
      if (qty !== null && got >= qty) break;
    }
    return { qty: got, cost };
  }

  // ---- taking liquidity --------------------------------------------------------------------------

  private wants(t: Taker): boolean {
    if (t.order && !t.order.isOpen()) return false;
    if (t.left !== null && t.left <= 0n) return false;
    return t.budget === null || t.budget > 0n;
  }

  /** How much the taker may take at `price` out of `available`. */
  private takeable(st: SymbolTrading, t: Taker, price: bigint, available: bigint): bigint {
    const step = st.sm.spec.stepUnits;
    const floorStep = (x: bigint) => x - (x % step);
    let q = available;
    if (t.left !== null) q = min(q, t.left);
    if (t.budget !== null) q = min(q, floorStep((t.budget * ONE) / price));
    if (t.order) {
      const spec = st.sm.spec;
      q = t.buy
        ? min(q, floorStep((this.spendable(t.order, spec.quoteAsset) * ONE) / price))
        : min(q, floorStep(this.spendable(t.order, spec.baseAsset)));
    }
    return q > 0n ? q : 0n;
  }

  /** Runs a taker through the book; records its trades on the tape; returns the traded prices. */
  take(st: SymbolTrading, book: OrderBook, t: Taker, batch: EventBatch): bigint[] {
    this.beginMatching();
    try {
      return this.takeLevels(st, book, t, batch);
    } finally {
      this.endMatching();
    }
  }

  private takeLevels(st: SymbolTrading, book: OrderBook, t: Taker, batch: EventBatch): bigint[] {
    const sm = st.sm;
    const spec = sm.spec;
    const makerBid = !t.buy;
    const side = book.side(makerBid);
    let tradeId = (sm.tape.lastTradeAtOrBefore(batch.time)?.id ?? -1) + 1;
    let aggId = (sm.tape.lastAggAtOrBefore(batch.time)?.id ?? -1) + 1;
    const aggregates: RecordedAggregate[] = [];
    const prices: bigint[] = [];
    while (this.wants(t)) {
      const ticks = side.bestPrice();
      if (ticks < 0) break;
      if (t.limitTicks !== null && (t.buy ? ticks > t.limitTicks : ticks < t.limitTicks)) break;
      const price = BigInt(ticks) * spec.tickUnits;
      const fills: number[] = [];
      const firstTradeId = tradeId;
      let progressed = false;
      for (const maker of st.resting.at(makerBid, ticks)) {
        if (!this.wants(t)) break;
        if (t.order && maker.account === t.order.account && t.order.stp !== 'NONE') {
          this.prevent(st, book, t, maker, price, batch);
          progressed = true;
          continue;
        }
        const q = this.takeable(st, t, price, maker.remaining());
        if (q === 0n) break;
        this.trade(st, book, t, maker, ticks, price, q, tradeId++, batch);
        fills.push(Number(q / spec.stepUnits));
        progressed = true;
      }
      if (this.wants(t)) {
        const background = book.background(makerBid, ticks);
        const q = background > 0 ? this.takeable(st, t, price, BigInt(background) * spec.stepUnits) : 0n;
        if (q > 0n) {
          const steps = Number(q / spec.stepUnits);
          book.set(makerBid, ticks, background - steps);
          this.trade(st, book, t, null, ticks, price, q, tradeId++, batch);
          fills.push(steps);
          progressed = true;
        }
      }
      if (fills.length > 0) {
        const steps = fills.reduce((a, b) => a + b, 0);
        aggregates.push({ price: ticks, qty: steps, buy: t.buy, fills });
        t.levels.push({ ticks, steps, firstTradeId, aggTradeId: aggId++ });
        prices.push(price);
      }
      if (!progressed) break;
    }
    if (aggregates.length > 0) sm.tape.record(batch.time, aggregates);
    return prices;
  }

  private trade(
    st: SymbolTrading,
    book: OrderBook,
    t: Taker,
    maker: Order | null,
    ticks: number,
    price: bigint,
    qty: bigint,
    tradeId: number,
    batch: EventBatch,
  ): void {
    const quote = (price * qty) / ONE;
    if (t.left !== null) t.left -= qty;
    if (t.budget !== null) t.budget -= quote;
    if (t.order) t.fills.push(this.settle(st, t.order, price, qty, quote, false, tradeId, batch));
    if (maker) {
      this.settle(st, maker, price, qty, quote, true, tradeId, batch);
      this.afterMakerFill(st, book, maker, ticks, batch);
    }
  }

  /** Moves the money of one fill, records the account trade and reports it. */
  private settle(
    st: SymbolTrading,
    order: Order,
    price: bigint,
    qty: bigint,
    quote: bigint,
    isMaker: boolean,
    tradeId: number,
    batch: EventBatch,
  ): FillRecord {
    const account = order.account;
    const spec = st.sm.spec;
    const c = account.commission;
    const rate = (isMaker ? c.maker : c.taker) + (order.buy ? c.buyer : c.seller);
    let commission: bigint;
    let commissionAsset: string;
    if (order.buy) {
      this.pay(order, spec.quoteAsset, quote);
      commission = divRound(qty * rate, ONE);
      commissionAsset = spec.baseAsset;
      account.balances.credit(spec.baseAsset, qty - commission);
    } else {
      this.pay(order, spec.baseAsset, qty);
      commission = divRound(quote * rate, ONE);
      commissionAsset = spec.quoteAsset;
      account.balances.credit(spec.quoteAsset, quote - commission);
    }
    order.executedQty += qty;
    order.cumQuote += quote;
    order.updateTime = batch.time;
    if (!order.everFilled) {
      order.everFilled = true;
      account.orderCount.filled(batch.time);
    }
    order.status = order.remaining() <= 0n ? 'FILLED' : 'PARTIALLY_FILLED';
    account.tradesOf(order.symbol).push({
      symbol: order.symbol,
      id: tradeId,
      orderId: order.orderId,
      orderListId: order.orderListId,
      price,
      qty,
      quoteQty: quote,
      commission,
      commissionAsset,
      time: batch.time,
      isBuyer: order.buy,
      isMaker,
    });
    batch.touch(account, spec.baseAsset, spec.quoteAsset);
    this.report(st, order, 'TRADE', batch, {
      trade: { qty, price, quote, commission, commissionAsset, tradeId, maker: isMaker },
    });
    return { price, qty, commission, commissionAsset, tradeId };
  }

  private afterMakerFill(
    st: SymbolTrading,
    book: OrderBook,
    maker: Order,
    ticks: number,
    batch: EventBatch,
  ): void {
    if (maker.remaining() <= 0n) {
      st.resting.remove(maker, book);
      this.close(st, book, maker, batch);
    } else {
      st.resting.refresh(book, maker.buy, ticks);
    }
    if (maker.list) this.onLegFill(st, book, maker, batch);
  }

  /** Self-trade prevention between an account's taker and its own resting order. */
  private prevent(
    st: SymbolTrading,
    book: OrderBook,
    t: Taker,
    maker: Order,
    price: bigint,
    batch: EventBatch,
  ): void {
    const taker = t.order!;
    const mode = taker.stp === 'TRANSFER' ? 'DECREMENT' : taker.stp;
    const takerLeft = t.left ?? taker.remaining();
    const makerLeft = maker.remaining();
    let tp = 0n;
    let mp = 0n;
    if (mode === 'EXPIRE_TAKER' || mode === 'EXPIRE_BOTH') tp = takerLeft;
    if (mode === 'EXPIRE_MAKER' || mode === 'EXPIRE_BOTH') mp = makerLeft;
    if (mode === 'DECREMENT') tp = mp = min(takerLeft, makerLeft);
    const id = st.nextPreventedMatchId++;
    const takerShown = mode === 'EXPIRE_MAKER' ? null : takerLeft;
    const makerShown = mode === 'EXPIRE_TAKER' ? null : makerLeft;
    taker.account.preventedOf(st.sm.symbol).push({
      symbol: st.sm.symbol,
      preventedMatchId: id,
      takerOrderId: taker.orderId,
      makerSymbol: st.sm.symbol,
      makerOrderId: maker.orderId,
      tradeGroupId: -1,
      selfTradePreventionMode: mode,
      price,
      takerPreventedQuantity: takerShown,
      makerPreventedQuantity: makerShown,
      transactTime: batch.time,
    });
    t.prevented.push({
      preventedMatchId: id,
      makerOrderId: maker.orderId,
      price,
      takerPreventedQuantity: takerShown,
      makerPreventedQuantity: makerShown,
    });
    if (mp > 0n) {
      maker.preventedQty += mp;
      maker.preventedMatchId = id;
      maker.updateTime = batch.time;
      const gone = maker.remaining() <= 0n;
      if (gone) maker.status = 'EXPIRED_IN_MATCH';
      this.report(st, maker, 'TRADE_PREVENTION', batch, {
        prevention: { preventedMatchId: id, lastPreventedQty: mp, counterOrderId: taker.orderId, price },
      });
      if (gone) {
        st.resting.remove(maker, book);
        this.close(st, book, maker, batch);
        if (maker.list) this.onLegEnd(st, book, maker, batch);
      } else {
        st.resting.refresh(book, maker.buy, maker.priceTicks());
      }
    }
    if (tp > 0n) {
      taker.preventedQty += tp;
      taker.preventedMatchId = id;
      taker.updateTime = batch.time;
      if (t.left !== null) t.left -= tp;
      if (taker.remaining() <= 0n || t.budget !== null) {
        taker.status = 'EXPIRED_IN_MATCH';
        t.budget = t.budget === null ? null : 0n;
      }
      this.report(st, taker, 'TRADE_PREVENTION', batch, {
        prevention: { preventedMatchId: id, lastPreventedQty: tp, counterOrderId: maker.orderId, price },
      });
    }
  }

  // ---- order lifecycle ---------------------------------------------------------------------------

  /** Housekeeping for an order that reached a final status (no report). */
  close(st: SymbolTrading, book: OrderBook, order: Order, batch: EventBatch): void {
    if (order.resting) st.resting.remove(order, book);
    st.open.delete(order);
    st.stops.delete(order);
    this.releaseLock(order, batch);
  }

  /** Ends an open order with `status`, reports it and lets its list react. */
  end(
    st: SymbolTrading,
    book: OrderBook,
    order: Order,
    status: OrderStatus,
    batch: EventBatch,
    options: { reason?: ExpiryReason; cancelClientOrderId?: string; listReacts?: boolean } = {},
  ): void {
    order.status = status;
    order.updateTime = batch.time;
    if (options.reason) order.expiryReason = options.reason;
    this.close(st, book, order, batch);
    const x: ExecutionType =
      status === 'CANCELED' ? 'CANCELED' : status === 'REJECTED' ? 'REJECTED' : 'EXPIRED';
    this.report(
      st,
      order,
      x,
      batch,
      options.cancelClientOrderId === undefined
        ? {}
        : { clientOrderId: options.cancelClientOrderId, origClientOrderId: order.clientOrderId },
    );
    if (order.list && options.listReacts !== false) this.onLegEnd(st, book, order, batch);
  }

  /** Puts an order on the book (it is working from now on). */
  rest(st: SymbolTrading, book: OrderBook, order: Order, batch: EventBatch): void {
    if (order.workingTime === -1) order.workingTime = batch.time;
    st.resting.add(order, book);
    this.fitLock(order, batch);
  }

  /**
   * An order's own execution (placement, trigger, list activation): takes the book within its limit,
   * then rests, expires or is done as its type and time in force say. Returns the taker (fills and
   * prevented matches for the response) and the traded prices.
   */
  execute(
    st: SymbolTrading,
    book: OrderBook,
    order: Order,
    batch: EventBatch,
  ): { taker: Taker; prices: bigint[] } {
    if (order.workingTime === -1) order.workingTime = batch.time;
    const marketLike = order.type === 'MARKET' || order.type === 'STOP_LOSS' || order.type === 'TAKE_PROFIT';
    const t = newTaker(order.buy, order, marketLike ? null : order.priceTicks(), order.remaining());
    if (order.type === 'MARKET' && order.origQuoteOrderQty > 0n) {
      // quoteOrderQty: the quantity is what the budget buys (sells) on the book now, in whole steps.
      const planned = this.plan(st, book, order, null, order.origQuoteOrderQty).qty;
      order.origQty = planned;
      t.left = planned;
      t.budget = order.origQuoteOrderQty;
    }
    if (order.timeInForce === 'FOK' && !marketLike) {
      if (this.plan(st, book, order, order.remaining(), null).qty < order.remaining()) {
        this.end(st, book, order, 'EXPIRED', batch, { reason: 'UNFILLED_FOK_ORDER_EXPIRED' });
        return { taker: t, prices: [] };
      }
    }
    const prices = order.type === 'LIMIT_MAKER' ? [] : this.take(st, book, t, batch);
    if (order.status === 'EXPIRED_IN_MATCH') {
      this.close(st, book, order, batch);
      if (order.list) this.onLegEnd(st, book, order, batch);
    } else if (order.status === 'FILLED') {
      this.close(st, book, order, batch);
    } else if (marketLike) {
      this.end(st, book, order, 'EXPIRED', batch, { reason: 'INSUFFICIENT_LIQUIDITY' });
    } else if (order.timeInForce === 'GTC') {
      this.rest(st, book, order, batch);
    } else {
      this.end(st, book, order, 'EXPIRED', batch, {
        reason: order.timeInForce === 'IOC' ? 'UNFILLED_IOC_QUANTITY_EXPIRED' : 'UNFILLED_FOK_ORDER_EXPIRED',
      });
    }
    return { taker: t, prices };
  }

  // ---- triggers ----------------------------------------------------------------------------------

  /** Fires the stop orders that trades at `prices` trigger, and whatever their own trades trigger. */
  checkTriggers(st: SymbolTrading, book: OrderBook, prices: bigint[], batch: EventBatch): void {
    let pending = prices;
    for (let round = 0; pending.length > 0 && st.stops.size > 0 && round < 100; round++) {
      const fired: Order[] = [];
      for (const price of pending) {
        for (const o of st.stops) {
          if (o.waitingForTrigger() && !fired.includes(o) && fires(o, price, batch.time)) fired.push(o);
        }
      }
      pending = [];
      for (const o of fired) {
        if (!o.waitingForTrigger()) continue; // its OCO partner fired first
        if (this.deferTriggers) {
          st.stops.delete(o);
          st.deferred.push(o);
          continue;
        }
        pending.push(...this.activate(st, book, o, batch));
      }
    }
  }

  /** A stop order fires: it starts working (its OCO partner expires) and executes. */
  activate(st: SymbolTrading, book: OrderBook, order: Order, batch: EventBatch): bigint[] {
    st.stops.delete(order);
    order.triggered = true;
    order.workingTime = batch.time;
    order.updateTime = batch.time;
    if (order.list) this.resolveOco(st, book, order, batch);
    this.report(st, order, 'NEW', batch);
    return this.execute(st, book, order, batch).prices;
  }

  // ---- order lists -------------------------------------------------------------------------------

  finishList(list: OrderList, batch: EventBatch): void {
    if (!list.isOpen()) return;
    list.listStatusType = 'ALL_DONE';
    list.listOrderStatus = 'ALL_DONE';
    list.transactionTime = batch.time;
    this.listStatus(list, batch);
  }

  /** One leg of an OCO pair started working or filled: the other legs expire and the list is done. */
  private resolveOco(st: SymbolTrading, book: OrderBook, order: Order, batch: EventBatch): void {
    const list = order.list!;
    if (order === list.working) return;
    const partners = list.ocoPartners(order);
    if (partners.length === 0) return;
    for (const p of partners)
      this.end(st, book, p, 'EXPIRED', batch, { reason: 'OCO_TRIGGER', listReacts: false });
    this.finishList(list, batch);
  }

  /** A leg traded. */
  private onLegFill(st: SymbolTrading, book: OrderBook, order: Order, batch: EventBatch): void {
    const list = order.list!;
    if (order === list.working) {
      if (order.status === 'FILLED') {
        const activate = () => this.activatePending(st, book, list, batch);
        if (this.matching > 0) this.activations.push(activate);
        else activate();
      }
      return;
    }
    this.resolveOco(st, book, order, batch);
  }

  /** A leg ended without filling (expired, rejected, prevented). */
  onLegEnd(st: SymbolTrading, book: OrderBook, order: Order, batch: EventBatch): void {
    const list = order.list!;
    if (!list.isOpen()) return;
    if (order === list.working && order.status !== 'FILLED') {
      for (const p of list.pending()) {
        this.end(st, book, p, 'EXPIRED', batch, { reason: 'OTO_PHASE_ONE_EXPIRED', listReacts: false });
      }
      this.finishList(list, batch);
      return;
    }
    if (list.orders.every((o) => !o.isOpen())) this.finishList(list, batch);
  }

  /** The working order of an OTO / OTOCO filled: its pending order(s) are placed now. */
  activatePending(st: SymbolTrading, book: OrderBook, list: OrderList, batch: EventBatch): void {
    const legs = list.pending();
    if (legs.length === 0) return;
    const needs = legs.map((leg) => this.requiredLock(st, book, leg, batch.time));
    const asset = needs[0]!.asset;
    const amount = needs.reduce((m, n) => max(m, n.amount), 0n);
    const account = list.account;
    const crosses = legs.some((leg) => leg.type === 'LIMIT_MAKER' && this.wouldTake(book, leg));
    if (account.balances.free(asset) < amount || crosses) {
      for (const leg of legs)
        this.end(st, book, leg, 'EXPIRED', batch, { reason: 'REJECTED', listReacts: false });
      this.finishList(list, batch);
      return;
    }
    account.balances.lock(asset, amount);
    batch.touch(account, asset);
    const lock = { asset, amount };
    for (const leg of legs) {
      leg.lock = lock;
      leg.status = 'NEW';
      leg.updateTime = batch.time;
      if (!leg.isAlgo()) leg.workingTime = batch.time;
      this.report(st, leg, 'NEW', batch);
    }
    const prices: bigint[] = [];
    const last = st.sm.tape.lastAggAtOrBefore(batch.time);
    const lastPrice = last ? BigInt(last.price) * st.sm.spec.tickUnits : 0n;
    for (const leg of legs) {
      if (!leg.isOpen()) continue;
      if (leg.isAlgo()) {
        if (leg.trailingDelta !== null && leg.stopPrice === 0n) {
          leg.trailingTime = batch.time;
          leg.trailExtreme = lastPrice;
        }
        if (wouldTriggerNow(leg, lastPrice)) prices.push(...this.activate(st, book, leg, batch));
        else st.stops.add(leg);
      } else if (leg.type === 'LIMIT_MAKER') {
        this.rest(st, book, leg, batch);
      } else {
        prices.push(...this.execute(st, book, leg, batch).prices);
      }
    }
    if (list.kind === 'OTO') this.finishList(list, batch);
    if (prices.length > 0) this.checkTriggers(st, book, prices, batch);
  }

  /** Whether a LIMIT_MAKER order would take liquidity right now. */
  wouldTake(book: OrderBook, order: Order): boolean {
    const best = book.side(!order.buy).bestPrice();
    if (best < 0) return false;
    return order.buy ? best <= order.priceTicks() : best >= order.priceTicks();
  }

  // ---- the market trading through resting orders -----------------------------------------------

  /**
   * A tape trade at `agg.price` is about to hit the book: account orders it trades through are
   * filled at their own price by that other participant (completely when the trade prints beyond
   * them, up to its quantity when it prints at their price on their side). Returns the fill prices.
   */
  crossFill(st: SymbolTrading, book: OrderBook, agg: AggTrade, batch: EventBatch): bigint[] {
    this.beginMatching();
    try {
      return this.crossLevels(st, book, agg, batch);
    } finally {
      this.endMatching();
    }
  }

  private crossLevels(st: SymbolTrading, book: OrderBook, agg: AggTrade, batch: EventBatch): bigint[] {
    const spec = st.sm.spec;
    const p = agg.price;
    const prices: bigint[] = [];
    const aggregates: RecordedAggregate[] = [];
    let tradeId = (st.sm.tape.lastTradeAtOrBefore(batch.time)?.id ?? -1) + 1;
    for (const bid of [false, true]) {
      // asks at or below the trade price (bids at or above), best first
      let atPrice = agg.buy !== bid ? BigInt(agg.qty) * spec.stepUnits : 0n;
      for (const ticks of st.resting.levelsWhile(bid, (t) => (bid ? t >= p : t <= p))) {
        const price = BigInt(ticks) * spec.tickUnits;
        const fills: number[] = [];
        for (const maker of st.resting.at(bid, ticks)) {
          let q = maker.remaining();
          if (ticks === p) {
            q = min(q, atPrice);
            atPrice -= q;
          }
          if (q <= 0n) break;
          this.fillOutside(st, book, maker, ticks, price, q, tradeId++, batch);
          fills.push(Number(q / spec.stepUnits));
        }
        if (fills.length > 0) {
          aggregates.push({ price: ticks, qty: fills.reduce((a, b) => a + b, 0), buy: !bid, fills });
          prices.push(price);
        }
      }
    }
    if (aggregates.length > 0) st.sm.tape.record(batch.time, aggregates);
    return prices;
  }

  /** Another participant fills `qty` of resting order `maker` at its price (no tape record here). */
  fillOutside(
    st: SymbolTrading,
    book: OrderBook,
    maker: Order,
    ticks: number,
    price: bigint,
    qty: bigint,
    tradeId: number,
    batch: EventBatch,
  ): void {
    this.settle(st, maker, price, qty, (price * qty) / ONE, true, tradeId, batch);
    this.afterMakerFill(st, book, maker, ticks, batch);
  }
}
