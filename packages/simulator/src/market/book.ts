// A real price-level order book: sorted sides, an update id bumped by every level change, and an
// optional journal of changes (what diff-depth and bookTicker streams are cut from). Prices are
// ticks and quantities steps. A level's quantity is the background liquidity's plus the visible
// quantity of the accounts' resting orders there: the two are set separately (`set` / `setAccount`),
// so the background market can come and go without touching real orders.

/** One side. Bids are kept ascending and asks descending, so the best level is always last. */
export class BookSide {
  readonly prices: number[] = [];
  readonly qtys: number[] = [];
  constructor(readonly isBid: boolean) {}

  get length(): number {
    return this.prices.length;
  }

  /** Best price, or -1 when empty. */
  bestPrice(): number {
    return this.prices.length > 0 ? this.prices[this.prices.length - 1]! : -1;
  }

  bestQty(): number {
    return this.qtys.length > 0 ? this.qtys[this.qtys.length - 1]! : 0;
  }

  /** Worst (deepest) price, or -1 when empty. */
  worstPrice(): number {
    return this.prices.length > 0 ? this.prices[0]! : -1;
  }

  /** Index where `price` is or would be inserted. */
  private search(price: number): number {
    const p = this.prices;
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = p[mid]!;
      if (this.isBid ? v < price : v > price) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get(price: number): number {
    const i = this.search(price);
    return this.prices[i] === price ? this.qtys[i]! : 0;
  }

  /** Sets a level (0 removes it). Returns the previous quantity. */
  set(price: number, qty: number): number {
    const i = this.search(price);
    const exists = this.prices[i] === price;
    const previous = exists ? this.qtys[i]! : 0;
    if (qty <= 0) {
      if (exists) {
        this.prices.splice(i, 1);
        this.qtys.splice(i, 1);
      }
    } else if (exists) {
      this.qtys[i] = qty;
    } else {
      this.prices.splice(i, 0, price);
      this.qtys.splice(i, 0, qty);
    }
    return previous;
  }

  /** Replaces the content with `levels` given best first (O(n), for building a fresh side). */
  load(levels: ReadonlyArray<readonly [number, number]>): void {
    this.prices.length = 0;
    this.qtys.length = 0;
    for (let i = levels.length - 1; i >= 0; i--) {
      const [p, q] = levels[i]!;
      this.prices.push(p);
      this.qtys.push(q);
    }
  }

  /** Price and quantity of the n-th level from the best (0 = best), or undefined. */
  level(n: number): [number, number] | undefined {
    const i = this.prices.length - 1 - n;
    if (i < 0) return undefined;
    return [this.prices[i]!, this.qtys[i]!];
  }

  /** The best `n` levels, best first. */
  top(n: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = this.prices.length - 1; i >= 0 && out.length < n; i--)
      out.push([this.prices[i]!, this.qtys[i]!]);
    return out;
  }
}

/** One level change, in update-id order. */
export interface BookChange {
  u: number;
  bid: boolean;
  price: number;
  qty: number;
}

/** Top of book right after update `u` (prices -1 / quantities 0 when a side is empty). */
export interface TopOfBook {
  u: number;
  bidPrice: number;
  bidQty: number;
  askPrice: number;
  askQty: number;
}

export class OrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  lastUpdateId: number;
  /** Visible quantity of account orders per price, by side. */
  private readonly accountBids = new Map<number, number>();
  private readonly accountAsks = new Map<number, number>();
  /** How many stream feeds want the journal; nothing is recorded while 0. */
  private watchers = 0;
  private changes: BookChange[] = [];
  private tops: TopOfBook[] = [];

  constructor(firstUpdateId: number) {
    this.lastUpdateId = firstUpdateId;
  }

  side(bid: boolean): BookSide {
    return bid ? this.bids : this.asks;
  }

  /** Sets the background quantity at a price level (account orders there stay); 0 removes it. */
  set(bid: boolean, price: number, qty: number): void {
    this.apply(bid, price, Math.max(0, qty) + (this.accountLevels(bid).get(price) ?? 0));
  }

  /** Background quantity at a price level (without account orders). */
  background(bid: boolean, price: number): number {
    return this.side(bid).get(price) - (this.accountLevels(bid).get(price) ?? 0);
  }

  /** Visible quantity of account orders at a price level. */
  accountQty(bid: boolean, price: number): number {
    return this.accountLevels(bid).get(price) ?? 0;
  }

  /** Sets the visible quantity of account orders at a price level (the background stays). */
  setAccount(bid: boolean, price: number, qty: number): void {
    const background = this.background(bid, price);
    const levels = this.accountLevels(bid);
    if (qty > 0) levels.set(price, qty);
    else levels.delete(price);
    this.apply(bid, price, background + Math.max(0, qty));
  }

  /**
   * Removes the background quantity of the levels from the best while `predicate(price)` holds.
   * Levels holding account orders stay (with only those orders).
   */
  clearBackgroundWhile(bid: boolean, predicate: (price: number) => boolean): void {
    const side = this.side(bid);
    const prices: number[] = [];
    for (let i = side.prices.length - 1; i >= 0 && predicate(side.prices[i]!); i--)
      prices.push(side.prices[i]!);
    for (const p of prices) this.set(bid, p, 0);
  }

  /** Removes background levels from the far end until the side holds at most `count` levels. */
  trimBackground(bid: boolean, count: number): void {
    const side = this.side(bid);
    const levels = this.accountLevels(bid);
    for (let i = 0; i < side.prices.length && side.length > count; ) {
      const p = side.prices[i]!;
      if (levels.has(p)) {
        if (this.background(bid, p) > 0) this.set(bid, p, 0);
        i++;
      } else {
        this.set(bid, p, 0);
      }
    }
  }

  private accountLevels(bid: boolean): Map<number, number> {
    return bid ? this.accountBids : this.accountAsks;
  }

  /** Sets a level's visible quantity; every effective change gets the next update id. */
  private apply(bid: boolean, price: number, qty: number): void {
    const side = bid ? this.bids : this.asks;
    const wasBest = side.bestPrice();
    const wasBestQty = side.bestQty();
    const previous = side.set(price, qty);
    if (previous === Math.max(0, qty)) return;
    this.lastUpdateId += 1;
    if (this.watchers === 0) return;
    this.changes.push({ u: this.lastUpdateId, bid, price, qty: Math.max(0, qty) });
    if (side.bestPrice() !== wasBest || side.bestQty() !== wasBestQty) this.tops.push(this.top());
  }

  top(): TopOfBook {
    return {
      u: this.lastUpdateId,
      bidPrice: this.bids.bestPrice(),
      bidQty: this.bids.bestQty(),
      askPrice: this.asks.bestPrice(),
      askQty: this.asks.bestQty(),
    };
  }

  watch(): void {
    this.watchers += 1;
  }

  unwatch(): void {
    this.watchers = Math.max(0, this.watchers - 1);
    if (this.watchers === 0) {
      this.changes = [];
      this.tops = [];
    }
  }

  /** Journal entries with u > after. */
  changesAfter(after: number): BookChange[] {
    const c = this.changes;
    let lo = 0;
    let hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]!.u <= after) lo = mid + 1;
      else hi = mid;
    }
    return c.slice(lo);
  }

  /** Top-of-book snapshots taken after update ids > after. */
  topsAfter(after: number): TopOfBook[] {
    return this.tops.filter((t) => t.u > after);
  }

  /** Drops journal entries every feed has consumed (u ≤ upTo). */
  trim(upTo: number): void {
    if (this.changes.length > 0 && this.changes[0]!.u <= upTo) this.changes = this.changesAfter(upTo);
    if (this.tops.length > 0 && this.tops[0]!.u <= upTo) this.tops = this.topsAfter(upTo);
  }
}
