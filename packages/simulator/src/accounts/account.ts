// One simulated account: its API keys, balances, commission rates and everything it traded. The
// unfilled order count is per account (shared by its keys), as on Binance.

import { OrderCounter, type OrderRateLimits } from '../limits/order-count.js';
import type { Order } from '../trading/order.js';
import type { OrderList } from '../trading/order-list.js';
import type { AccountTrade, Amendment, PreventedMatch } from '../trading/types.js';
import type { ApiKey } from './api-keys.js';
import { Balances } from './balances.js';

/** Standard commission rates in 10^-8 units (0.001 = 100000). */
export interface CommissionRates {
  maker: bigint;
  taker: bigint;
  buyer: bigint;
  seller: bigint;
}

export interface AccountFlags {
  canTrade: boolean;
  canWithdraw: boolean;
  canDeposit: boolean;
  permissions: string[];
}

export class Account {
  readonly keys: ApiKey[] = [];
  readonly balances = new Balances();
  readonly orderCount: OrderCounter;
  /** Time of the last balance change (ms). */
  updateTime = 0;
  /** Orders by symbol, in placement order. */
  readonly orders = new Map<string, Order[]>();
  /** The latest order per symbol and client order id. */
  readonly byClientId = new Map<string, Order>();
  readonly trades = new Map<string, AccountTrade[]>();
  readonly lists: OrderList[] = [];
  readonly preventedMatches = new Map<string, PreventedMatch[]>();
  readonly amendments = new Map<string, Amendment[]>();

  constructor(
    readonly uid: number,
    public commission: CommissionRates,
    public flags: AccountFlags,
    limits: OrderRateLimits,
  ) {
    this.orderCount = new OrderCounter(limits);
  }

  ordersOf(symbol: string): Order[] {
    let list = this.orders.get(symbol);
    if (!list) {
      list = [];
      this.orders.set(symbol, list);
    }
    return list;
  }

  addOrder(order: Order): void {
    this.ordersOf(order.symbol).push(order);
    this.byClientId.set(`${order.symbol}\u0000${order.clientOrderId}`, order);
  }

  /** Re-indexes an order whose client order id changed (amend). */
  renameOrder(order: Order, previous: string): void {
    const key = `${order.symbol}\u0000${previous}`;
    if (this.byClientId.get(key) === order) this.byClientId.delete(key);
    this.byClientId.set(`${order.symbol}\u0000${order.clientOrderId}`, order);
  }

  findOrder(symbol: string, orderId: number): Order | undefined {
    const list = this.orders.get(symbol);
    if (!list) return undefined;
    // Ids grow with placement: binary search.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = list[mid]!.orderId;
      if (id === orderId) return list[mid];
      if (id < orderId) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  findByClientId(symbol: string, clientOrderId: string): Order | undefined {
    return this.byClientId.get(`${symbol}\u0000${clientOrderId}`);
  }

  openOrders(symbol?: string): Order[] {
    const out: Order[] = [];
    for (const [s, list] of this.orders) {
      if (symbol !== undefined && s !== symbol) continue;
      for (const o of list) if (o.isOpen()) out.push(o);
    }
    return out;
  }

  tradesOf(symbol: string): AccountTrade[] {
    let list = this.trades.get(symbol);
    if (!list) {
      list = [];
      this.trades.set(symbol, list);
    }
    return list;
  }

  preventedOf(symbol: string): PreventedMatch[] {
    let list = this.preventedMatches.get(symbol);
    if (!list) {
      list = [];
      this.preventedMatches.set(symbol, list);
    }
    return list;
  }

  amendmentsOf(symbol: string, orderId: number): Amendment[] {
    const key = `${symbol}\u0000${orderId}`;
    let list = this.amendments.get(key);
    if (!list) {
      list = [];
      this.amendments.set(key, list);
    }
    return list;
  }
}
