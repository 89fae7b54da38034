// One side of a local order book: levels kept sorted best-first in an array (binary search,
// splice), indexed by canonical price. Ordering uses the float value of the price and falls back
// to exact decimal comparison when two different prices share a float, so it is always exact.

import { compareDecimals, isZeroDecimal, trimDecimal } from '@binance-mcp/rest';
import type { PriceLevel } from '../market/schema.js';

/**
 * The index key of a price: equal values share one ("0.10" and "0.1"). A malformed price (never sent
 * by Binance) keys as itself rather than throwing out of the stream's message handler.
 */
function keyOf(price: string): string {
  try {
    return trimDecimal(price);
  } catch {
    return price;
  }
}

interface Level {
  /** Sort key: the price as a float, negated on the bid side so the array is always ascending. */
  key: number;
  canonical: string;
  price: string;
  qty: string;
}

export class BookSide {
  private readonly levels: Level[] = [];
  private readonly index = new Map<string, Level>();

  constructor(private readonly descending: boolean) {}

  get size(): number {
    return this.levels.length;
  }

  clear(): void {
    this.levels.length = 0;
    this.index.clear();
  }

  /** Sets a level's quantity; a zero quantity removes the level. */
  set(price: string, qty: string): void {
    const canonical = keyOf(price);
    const existing = this.index.get(canonical);
    if (isZeroDecimal(qty)) {
      if (!existing) return;
      this.index.delete(canonical);
      this.levels.splice(this.search(existing.key, canonical), 1);
      return;
    }
    if (existing) {
      existing.qty = qty;
      return;
    }
    const value = Number(price);
    const level: Level = { key: this.descending ? -value : value, canonical, price, qty };
    this.index.set(canonical, level);
    this.levels.splice(this.search(level.key, canonical), 0, level);
  }

  /** The position of a price: where it is, or where it belongs. */
  private search(key: number, canonical: string): number {
    const levels = this.levels;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = levels[mid]!;
      if (m.key < key || (m.key === key && this.before(m.canonical, canonical))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Exact tie-break for two prices with one float value: does `a` come before `b`? */
  private before(a: string, b: string): boolean {
    if (a === b) return false;
    const c = compareDecimals(a, b);
    return this.descending ? c > 0 : c < 0;
  }

  best(): PriceLevel | undefined {
    const level = this.levels[0];
    return level ? [level.price, level.qty] : undefined;
  }

  /** The best `n` levels (all when n is omitted). */
  top(n = this.levels.length): PriceLevel[] {
    const count = Math.min(n, this.levels.length);
    const out: PriceLevel[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const level = this.levels[i]!;
      out[i] = [level.price, level.qty];
    }
    return out;
  }
}
