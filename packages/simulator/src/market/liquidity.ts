// Background liquidity: keeps a symbol's order book alive as the clock moves. Each aggregate trade
// of the tape hits the book at its price (the taker takes the top, crossed levels disappear) and
// every 100 ms slot makers change a few levels near the top; the far ends are kept filled. The book
// is advanced lazily, to the current time, whenever someone looks at it. Account orders resting in
// the book are left alone (the background only ever sets its own quantities); a `TapeListener` sees
// every tape trade just before the book applies it, which is how resting orders get filled when the
// market moves through their price.

import { OrderBook } from './book.js';
import { hash, unit } from './hash.js';
import type { SymbolSpec } from './symbols.js';
import { type AggTrade, MINUTE, type Tape } from './tape.js';

const SLOT = 100;
/** After this long unobserved, the book is rebuilt at the new time (one big diff) rather than replayed. */
const REPLAY_LIMIT = 120_000;

/** Told about the tape's trades as the book replays them (the trading engine fills resting orders here). */
export interface TapeListener {
  /** Aggregate trade `agg` is about to be applied to `book` (which is as it was just before it). */
  beforeTrade(agg: AggTrade, book: OrderBook): void;
  /** The book went unobserved over (from, to]: it is about to be rebuilt at `to` without replaying. */
  beforeJump(from: number, to: number, book: OrderBook): void;
  /** The book has just been rebuilt at `to`. */
  afterJump(to: number, book: OrderBook): void;
}

const TAG_GAP = 31;
const TAG_QTY = 32;
const TAG_SLOT = 33;

export class LiveBook {
  readonly book: OrderBook;
  private readonly spec: SymbolSpec;
  private readonly tape: Tape;
  private readonly tick: number;
  private readonly step: number;
  /** Book state is current up to and including this time. */
  private time: number;
  /** Generation counter: quantities of rebuilt books differ from the ones they replace. */
  private epoch = 0;
  listener: TapeListener | null = null;

  constructor(spec: SymbolSpec, tape: Tape, now: number) {
    this.spec = spec;
    this.tape = tape;
    this.tick = 10 ** spec.tickExp;
    this.step = 10 ** spec.stepExp;
    const frozenAt = spec.haltedAt === null ? now : Math.min(now, spec.haltedAt);
    this.time = frozenAt;
    // Update ids grow with the market's activity, like the real ones (large, increasing).
    this.book = new OrderBook(tape.tradeBase(Math.floor(frozenAt / MINUTE)) * 3 + 1_000_000);
    if (spec.status === 'BREAK') return;
    const fresh = this.freshLevels(frozenAt);
    this.book.bids.load(fresh.bids);
    this.book.asks.load(fresh.asks);
  }

  /** Brings the book to time `to` (no-op for halted symbols, whose books are frozen). */
  advance(to: number): void {
    if (this.spec.status !== 'TRADING' || to <= this.time) return;
    if (to - this.time > REPLAY_LIMIT) {
      const from = this.time;
      this.listener?.beforeJump(from, to, this.book);
      this.rebuild(to);
      this.listener?.afterJump(to, this.book);
      return;
    }
    const aggs = this.tape.aggsFromTime(this.time + 1, to, Number.POSITIVE_INFINITY);
    let slot = Math.floor(this.time / SLOT) + 1;
    const lastSlot = Math.floor(to / SLOT);
    let i = 0;
    while (i < aggs.length || slot <= lastSlot) {
      const agg = aggs[i];
      if (agg && (slot > lastSlot || agg.time <= slot * SLOT)) {
        this.listener?.beforeTrade(agg, this.book);
        this.applyTrade(agg);
        i++;
      } else {
        this.applySlot(slot);
        slot++;
      }
    }
    this.time = to;
    this.refill();
  }

  /**
   * The background liquidity reacts to a trade that another participant made at `price` (ticks) by
   * sweeping the book (`movePrice`): makers step in behind the new price and follow it on the other
   * side, and both sides are filled back to their depth.
   */
  reactTo(price: number, buy: boolean): void {
    this.applyTrade({
      id: price,
      time: this.time,
      price,
      qty: 0,
      buy,
      firstTrade: -1,
      lastTrade: -1,
      source: -1,
    });
    this.refill();
  }

  /** Makes one background change right now (used to force a diff-depth event, e.g. for gaps). */
  nudge(): void {
    const side = this.book.bids.length > 0 ? this.book.bids : this.book.asks;
    const best = side.level(0);
    if (!best) return;
    this.book.set(side.isBid, best[0], this.book.background(side.isBid, best[0]) + 1);
  }

  private levelQty(price: number, salt: number): number {
    const s = this.spec;
    const u = unit(s.key, TAG_QTY, price, salt);
    const steps = (s.aggNotional * (0.2 + 4 * u * u)) / (price * this.tick) / this.step;
    return Math.max(1, Math.round(steps));
  }

  private gap(price: number, salt: number): number {
    const s = this.spec;
    const maxGap = s.liquidity > 0.5 ? 2 : 1 + Math.round((1 - s.liquidity) * 8);
    return 1 + Math.floor(unit(s.key, TAG_GAP, price, salt) * maxGap);
  }

  private freshLevels(t: number): { bids: Array<[number, number]>; asks: Array<[number, number]> } {
    const s = this.spec;
    const last = this.tape.lastAggAtOrBefore(t);
    let bid: number;
    if (last) bid = last.buy ? last.price - s.spreadTicks : last.price;
    else bid = Math.max(1, Math.round(s.basePrice / this.tick));
    bid = Math.max(1, bid);
    const ask = bid + s.spreadTicks;
    const bids: Array<[number, number]> = [];
    const asks: Array<[number, number]> = [];
    for (let p = bid, n = 0; p >= 1 && n < s.bookLevels; p -= this.gap(p, this.epoch), n++) {
      bids.push([p, this.levelQty(p, this.epoch)]);
    }
    for (let p = ask, n = 0; n < s.bookLevels; p += this.gap(p, this.epoch), n++) {
      asks.push([p, this.levelQty(p, this.epoch)]);
    }
    return { bids, asks };
  }

  private rebuild(to: number): void {
    this.epoch += 1;
    const fresh = this.freshLevels(to);
    for (const [bid, levels] of [
      [true, fresh.bids],
      [false, fresh.asks],
    ] as const) {
      const next = new Map(levels);
      const side = this.book.side(bid);
      for (const p of side.prices.slice()) if (!next.has(p)) this.book.set(bid, p, 0);
      for (let i = levels.length - 1; i >= 0; i--) this.book.set(bid, levels[i]![0], levels[i]![1]);
    }
    this.time = to;
  }

  private applyTrade(agg: AggTrade): void {
    const book = this.book;
    const spread = this.spec.spreadTicks;
    const p = agg.price;
    // The taker side: levels better than the trade price were consumed; the level at the price loses
    // the traded quantity.
    const taken = agg.buy ? book.asks : book.bids;
    const other = agg.buy ? book.bids : book.asks;
    book.clearBackgroundWhile(!agg.buy, (price) => (agg.buy ? price < p : price > p));
    const atPrice = book.background(!agg.buy, p);
    if (atPrice > 0) book.set(!agg.buy, p, atPrice > agg.qty ? atPrice - agg.qty : 0);
    // The resting side cannot cross the trade price; makers then follow the price.
    book.clearBackgroundWhile(agg.buy, (price) => (agg.buy ? price >= p : price <= p));
    const follow = agg.buy ? p - spread : p + spread;
    if (follow >= 1 && (other.length === 0 || Math.abs(other.bestPrice() - p) > spread)) {
      book.set(agg.buy, follow, this.levelQty(follow, agg.id));
    }
    const behind = agg.buy ? p + (atPrice > agg.qty ? 0 : spread) : p - (atPrice > agg.qty ? 0 : spread);
    if (behind >= 1 && (taken.length === 0 || Math.abs(taken.bestPrice() - p) > spread * 2)) {
      book.set(!agg.buy, behind, this.levelQty(behind, agg.id + 1));
    }
  }

  private applySlot(slot: number): void {
    const s = this.spec;
    const key = s.key;
    const changes = Math.floor(unit(key, TAG_SLOT, slot) * (1 + 4 * s.liquidity));
    for (let c = 0; c < changes; c++) {
      const h = hash(key, TAG_SLOT, slot, c + 1);
      const bid = (h & 1) === 1;
      const side = this.book.side(bid);
      if (side.length === 0) continue;
      const r = ((h >>> 1) & 0xffff) / 65536;
      const depth = Math.min(side.length, 25);
      const n = Math.floor(r * r * depth);
      const level = side.level(n);
      if (!level) continue;
      const action = ((h >>> 17) & 0xff) / 256;
      const price = level[0];
      const qty = this.book.background(bid, price);
      if (qty === 0) continue; // only account orders there
      if (action < 0.6) {
        const factor = 0.5 + ((h >>> 25) & 0x7f) / 127;
        this.book.set(bid, price, Math.max(1, Math.round(qty * factor)));
      } else if (action < 0.8 && side.length > 10) {
        this.book.set(bid, price, 0);
      } else {
        // A maker joins one tick better than this level if that is free and does not cross the book.
        const better = bid ? price + 1 : price - 1;
        const opposite = this.book.side(!bid).bestPrice();
        const crosses = opposite !== -1 && (bid ? better >= opposite : better <= opposite);
        if (better >= 1 && !crosses && side.get(better) === 0) {
          this.book.set(bid, better, this.levelQty(better, slot));
        }
      }
    }
  }

  /** Keeps each side near its target depth: adds levels at the far end, trims the excess. */
  private refill(): void {
    const target = this.spec.bookLevels;
    for (const bid of [true, false]) {
      const side = this.book.side(bid);
      if (side.length === 0) continue;
      let worst = side.worstPrice();
      while (side.length < target) {
        const next = bid ? worst - this.gap(worst, this.epoch) : worst + this.gap(worst, this.epoch);
        if (next < 1) break;
        this.book.set(bid, next, this.levelQty(next, this.epoch));
        worst = next;
      }
      if (side.length > target) this.book.trimBackground(bid, target);
    }
  }
}
