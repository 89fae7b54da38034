// The accounts' orders resting in one symbol's book: a queue per price level (time priority), kept
// in step with the order book's account layer so depth, bookTicker and diff-depth show them.

import type { OrderBook } from '../market/book.js';
import type { Order } from './order.js';

export class RestingOrders {
  private readonly bids = new Map<number, Order[]>();
  private readonly asks = new Map<number, Order[]>();

  private levels(bid: boolean): Map<number, Order[]> {
    return bid ? this.bids : this.asks;
  }

  get size(): number {
    let n = 0;
    for (const q of this.bids.values()) n += q.length;
    for (const q of this.asks.values()) n += q.length;
    return n;
  }

  add(order: Order, book: OrderBook): void {
    const ticks = order.priceTicks();
    const levels = this.levels(order.buy);
    let queue = levels.get(ticks);
    if (!queue) {
      queue = [];
      levels.set(ticks, queue);
    }
    queue.push(order);
    order.resting = true;
    this.refresh(book, order.buy, ticks);
  }

  remove(order: Order, book: OrderBook): void {
    if (!order.resting) return;
    order.resting = false;
    const ticks = order.priceTicks();
    const levels = this.levels(order.buy);
    const queue = levels.get(ticks);
    if (queue) {
      const i = queue.indexOf(order);
      if (i !== -1) queue.splice(i, 1);
      if (queue.length === 0) levels.delete(ticks);
    }
    this.refresh(book, order.buy, ticks);
  }

  /** Orders at a level, in time priority (a copy). */
  at(bid: boolean, ticks: number): Order[] {
    return [...(this.levels(bid).get(ticks) ?? [])];
  }

  /** Recomputes a level's visible account quantity in the book. */
  refresh(book: OrderBook, bid: boolean, ticks: number): void {
    let steps = 0;
    for (const o of this.levels(bid).get(ticks) ?? []) steps += o.visibleSteps();
    book.setAccount(bid, ticks, steps);
  }

  /** Levels of one side from the best price while `predicate` holds, best first. */
  levelsWhile(bid: boolean, predicate: (ticks: number) => boolean): number[] {
    return [...this.levels(bid).keys()].filter(predicate).sort((a, b) => (bid ? b - a : a - b));
  }

  /** Best price of one side's account orders in ticks, or null. */
  best(bid: boolean): number | null {
    let best: number | null = null;
    for (const ticks of this.levels(bid).keys()) {
      if (best === null || (bid ? ticks > best : ticks < best)) best = ticks;
    }
    return best;
  }

  all(): Order[] {
    return [...[...this.bids.values()].flat(), ...[...this.asks.values()].flat()];
  }
}
