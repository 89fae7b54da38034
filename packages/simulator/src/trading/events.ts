// User-data events (user-data-stream.md): executionReport, listStatus, outboundAccountPosition,
// balanceUpdate and eventStreamTerminated, in Binance's key order. Each event is a snapshot taken
// when it happens, rendered later in the subscriber's time unit. `UserEvents` routes them to the
// WebSocket API subscriptions of the account.

import type { Account } from '../accounts/account.js';
import { formatUnits } from '../market/decimal.js';
import type { TimeUnit } from '../streams/feeds.js';
import type { Order } from './order.js';
import type { OrderList } from './order-list.js';
import type { ExecutionType, RejectReason } from './types.js';

/** An event's `event` object, built in the subscriber's time unit. */
export type EventPayload = (unit: TimeUnit) => Record<string, unknown>;
export type UserDataListener = (payload: EventPayload) => void;

const d8 = (units: bigint) => formatUnits(units, 8);

export class UserEvents {
  private readonly listeners = new Map<Account, Set<UserDataListener>>();

  /** Subscribes to an account's events; returns the unsubscribe function. */
  subscribe(account: Account, listener: UserDataListener): () => void {
    let set = this.listeners.get(account);
    if (!set) {
      set = new Set();
      this.listeners.set(account, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(account);
    };
  }

  emit(account: Account, payload: EventPayload): void {
    const set = this.listeners.get(account);
    if (!set) return;
    for (const listener of [...set]) listener(payload);
  }
}

/** Details of one execution report beyond the order's own state. */
export interface ReportDetails {
  executionId: number;
  /** The event and transaction time. */
  time: number;
  /** `c` when it is not the order's own id: the cancel's client order id. */
  clientOrderId?: string;
  /** `C`: the id of the order being canceled (cancel reports), else "". */
  origClientOrderId?: string;
  rejectReason?: RejectReason;
  trade?: {
    qty: bigint;
    price: bigint;
    quote: bigint;
    commission: bigint;
    commissionAsset: string;
    tradeId: number;
    maker: boolean;
  };
  prevention?: {
    preventedMatchId: number;
    lastPreventedQty: bigint;
    counterOrderId: number;
    price: bigint;
  };
}

/** `executionReport` for `order` after `x`, snapshotting its state now. */
export function executionReport(order: Order, x: ExecutionType, d: ReportDetails): EventPayload {
  const t = d.trade;
  const p = d.prevention;
  const working = order.workingTime !== -1;
  const onBook = x === 'NEW' ? working && order.isOpen() : order.resting && order.isOpen();
  const snapshot = {
    s: order.symbol,
    c: d.clientOrderId ?? order.clientOrderId,
    S: order.side,
    o: order.type,
    f: order.timeInForce,
    q: d8(order.origQty),
    p: d8(order.price),
    P: d8(order.stopPrice),
    F: d8(order.icebergQty ?? 0n),
    g: order.orderListId,
    C: d.origClientOrderId ?? '',
    x,
    X: order.status,
    r: d.rejectReason ?? 'NONE',
    i: order.orderId,
    l: d8(t?.qty ?? 0n),
    z: d8(order.executedQty),
    L: d8(t?.price ?? 0n),
    n: t ? d8(t.commission) : '0',
    N: t ? t.commissionAsset : null,
    tradeId: t?.tradeId ?? -1,
    preventedMatchId: order.preventedMatchId,
    I: d.executionId,
    w: onBook,
    m: t?.maker ?? false,
    M: t !== undefined,
    Z: d8(order.cumQuote),
    Y: d8(t?.quote ?? 0n),
    Q: d8(order.origQuoteOrderQty),
    workingTime: order.workingTime,
    V: order.stp,
    trailingDelta: order.trailingDelta,
    trailingTime: order.trailingTime,
    strategyId: order.strategyId,
    strategyType: order.strategyType,
    preventedQty: order.preventedQty,
    orderTime: order.time,
    expiryReason: order.expiryReason,
  };
  return (u) => {
    const e: Record<string, unknown> = {
      e: 'executionReport',
      E: u.at(d.time),
      s: snapshot.s,
      c: snapshot.c,
      S: snapshot.S,
      o: snapshot.o,
      f: snapshot.f,
      q: snapshot.q,
      p: snapshot.p,
      P: snapshot.P,
      F: snapshot.F,
      g: snapshot.g,
      C: snapshot.C,
      x: snapshot.x,
      X: snapshot.X,
      r: snapshot.r,
      i: snapshot.i,
      l: snapshot.l,
      z: snapshot.z,
      L: snapshot.L,
      n: snapshot.n,
      N: snapshot.N,
      T: u.at(d.time),
      t: snapshot.tradeId,
    };
    if (snapshot.preventedMatchId !== null) e.v = snapshot.preventedMatchId;
    e.I = snapshot.I;
    e.w = snapshot.w;
    e.m = snapshot.m;
    e.M = snapshot.M;
    e.O = u.at(snapshot.orderTime);
    e.Z = snapshot.Z;
    e.Y = snapshot.Y;
    e.Q = snapshot.Q;
    if (snapshot.workingTime !== -1) e.W = u.at(snapshot.workingTime);
    e.V = snapshot.V;
    if (snapshot.trailingDelta !== null) {
      e.d = snapshot.trailingDelta;
      e.D = snapshot.trailingTime === -1 ? -1 : u.at(snapshot.trailingTime);
    }
    if (snapshot.strategyId !== null) e.j = snapshot.strategyId;
    if (snapshot.strategyType !== null) e.J = snapshot.strategyType;
    if (p) {
      e.A = d8(snapshot.preventedQty);
      e.B = d8(p.lastPreventedQty);
      e.u = -1;
      e.U = p.counterOrderId;
      e.Cs = snapshot.s;
      e.pl = d8(p.lastPreventedQty);
      e.pL = d8(p.price);
      e.pY = d8((p.lastPreventedQty * p.price) / 100_000_000n);
    }
    if (snapshot.expiryReason !== null && (snapshot.X === 'EXPIRED' || snapshot.X === 'EXPIRED_IN_MATCH')) {
      e.eR = snapshot.expiryReason;
    }
    return e;
  };
}

/** `listStatus` for an order list, snapshotting it now. */
export function listStatusEvent(list: OrderList, time: number, rejectReason = 'NONE'): EventPayload {
  const snapshot = {
    s: list.symbol,
    g: list.orderListId,
    c: list.contingencyType,
    l: list.listStatusType,
    L: list.listOrderStatus,
    C: list.listClientOrderId,
    O: list.orders.map((o) => ({ s: o.symbol, i: o.orderId, c: o.clientOrderId })),
  };
  return (u) => ({
    e: 'listStatus',
    E: u.at(time),
    s: snapshot.s,
    g: snapshot.g,
    c: snapshot.c,
    l: snapshot.l,
    L: snapshot.L,
    r: rejectReason,
    C: snapshot.C,
    T: u.at(time),
    O: snapshot.O,
  });
}

/** `outboundAccountPosition` with the given assets' balances now. */
export function accountPosition(account: Account, assets: Iterable<string>, time: number): EventPayload {
  const balances = [...assets].map((a) => ({
    a,
    f: d8(account.balances.free(a)),
    l: d8(account.balances.locked(a)),
  }));
  const updated = account.updateTime;
  return (u) => ({ e: 'outboundAccountPosition', E: u.at(time), u: u.at(updated), B: balances });
}

export function balanceUpdate(asset: string, delta: bigint, time: number): EventPayload {
  const d = delta < 0n ? `-${d8(-delta)}` : d8(delta);
  return (u) => ({ e: 'balanceUpdate', E: u.at(time), a: asset, d, T: u.at(time) });
}

export function streamTerminated(time: number): EventPayload {
  return (u) => ({ e: 'eventStreamTerminated', E: u.at(time) });
}

/**
 * One engine operation's events, delivered together at the end: each account's reports in order,
 * then one `outboundAccountPosition` per account whose balances changed.
 */
export class EventBatch {
  private readonly events: Array<[Account, EventPayload]> = [];
  private readonly touched = new Map<Account, Set<string>>();

  constructor(
    private readonly hub: UserEvents,
    readonly time: number,
  ) {}

  add(account: Account, payload: EventPayload): void {
    this.events.push([account, payload]);
  }

  touch(account: Account, ...assets: string[]): void {
    let set = this.touched.get(account);
    if (!set) {
      set = new Set();
      this.touched.set(account, set);
    }
    for (const a of assets) set.add(a);
    account.updateTime = this.time;
  }

  flush(): void {
    for (const [account, payload] of this.events.splice(0)) this.hub.emit(account, payload);
    for (const [account, assets] of this.touched)
      this.hub.emit(account, accountPosition(account, assets, this.time));
    this.touched.clear();
  }
}
