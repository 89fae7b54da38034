// The trade tape of one symbol, procedural: minute m holds a closed-form number of aggregate trades
// A(m+1)−A(m) and of trades T(m+1)−T(m), so trade ids at any time are known without replaying
// history. Inside a minute, trades happen in a few "phases" (one price and taker side each); the
// minute's statistics come from the phases in O(phases), and the individual trades are generated
// on demand so that they add up exactly to those statistics. Everything is integer ticks × steps.

import { hash, unit } from './hash.js';
import { PriceWalk } from './price-model.js';
import type { SymbolSpec } from './symbols.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** One aggregate trade: the fills of one taker order at one price. */
export interface AggTrade {
  id: number;
  time: number;
  /** Price in ticks. */
  price: number;
  /** Quantity in steps. */
  qty: number;
  /** True when the taker bought (so the buyer was not the maker). */
  buy: boolean;
  firstTrade: number;
  lastTrade: number;
  /** Index of the procedural aggregate this comes from (salts its fill split); -1 for recorded ones. */
  source: number;
  /** Fill quantities of a recorded (non-procedural) aggregate trade. */
  fills?: readonly number[];
}

/** A taker's fill at one price, recorded into the tape (e.g. a market order taking the book). */
export interface RecordedAggregate {
  price: number;
  qty: number;
  buy: boolean;
  /** Quantities of the individual fills (sum = qty); one fill when omitted. */
  fills?: readonly number[];
}

interface ExtraAgg {
  time: number;
  price: number;
  qty: number;
  buy: boolean;
  fills: readonly number[];
}

/** One trade (a fill between the taker and one maker order). */
export interface Trade {
  id: number;
  time: number;
  price: number;
  qty: number;
  buy: boolean;
}

interface Phase {
  start: number;
  end: number;
  price: number;
  buy: boolean;
  aggs: number;
  trades: number;
  qty: number;
}

/** Aggregated statistics over a time range; sums are exact integers (steps, ticks × steps). */
export interface Stats {
  count: number;
  firstId: number;
  lastId: number;
  firstAggId: number;
  lastAggId: number;
  /** Prices in ticks; -1 when the range has no trade. */
  open: number;
  high: number;
  low: number;
  close: number;
  firstTime: number;
  lastTime: number;
  lastBuy: boolean;
  volume: bigint;
  quote: bigint;
  buyVolume: bigint;
  buyQuote: bigint;
}

export function emptyStats(): Stats {
  return {
    count: 0,
    firstId: -1,
    lastId: -1,
    firstAggId: -1,
    lastAggId: -1,
    open: -1,
    high: -1,
    low: -1,
    close: -1,
    firstTime: -1,
    lastTime: -1,
    lastBuy: false,
    volume: 0n,
    quote: 0n,
    buyVolume: 0n,
    buyQuote: 0n,
  };
}

/** Appends `next` (later in time) to `acc`. */
export function addStats(acc: Stats, next: Stats): Stats {
  if (next.count === 0) return acc;
  if (acc.count === 0) {
    acc.open = next.open;
    acc.high = next.high;
    acc.low = next.low;
    acc.firstId = next.firstId;
    acc.firstAggId = next.firstAggId;
    acc.firstTime = next.firstTime;
  } else {
    if (next.high > acc.high) acc.high = next.high;
    if (next.low < acc.low) acc.low = next.low;
  }
  acc.count += next.count;
  acc.close = next.close;
  acc.lastId = next.lastId;
  acc.lastAggId = next.lastAggId;
  acc.lastTime = next.lastTime;
  acc.lastBuy = next.lastBuy;
  acc.volume += next.volume;
  acc.quote += next.quote;
  acc.buyVolume += next.buyVolume;
  acc.buyQuote += next.buyQuote;
  return acc;
}

/** Statistics of a run of aggregate trades in time order (all inside one minute). */
export function statsOfAggs(aggs: readonly AggTrade[]): Stats {
  const s = emptyStats();
  if (aggs.length === 0) return s;
  let volume = 0;
  let quote = 0;
  let buyVolume = 0;
  let buyQuote = 0;
  let high = -1;
  let low = Number.POSITIVE_INFINITY;
  for (const a of aggs) {
    volume += a.qty;
    quote += a.price * a.qty;
    if (a.buy) {
      buyVolume += a.qty;
      buyQuote += a.price * a.qty;
    }
    if (a.price > high) high = a.price;
    if (a.price < low) low = a.price;
  }
  const first = aggs[0]!;
  const last = aggs[aggs.length - 1]!;
  s.count = last.lastTrade - first.firstTrade + 1;
  s.firstId = first.firstTrade;
  s.lastId = last.lastTrade;
  s.firstAggId = first.id;
  s.lastAggId = last.id;
  s.open = first.price;
  s.close = last.price;
  s.high = high;
  s.low = low;
  s.firstTime = first.time;
  s.lastTime = last.time;
  s.lastBuy = last.buy;
  s.volume = BigInt(volume);
  s.quote = BigInt(quote);
  s.buyVolume = BigInt(buyVolume);
  s.buyQuote = BigInt(buyQuote);
  return s;
}

const TAG_AGG_JITTER = 11;
const TAG_EXTRA_JITTER = 12;
const TAG_PHASES = 13;
const TAG_SPLIT_AGGS = 14;
const TAG_SPLIT_TRADES = 15;
const TAG_PHASE_TIME = 16;
const TAG_SIDE = 17;
const TAG_AGG_TIME = 19;
const TAG_AGG_TRADES = 20;
const TAG_AGG_QTY = 21;
const TAG_TRADE_QTY = 22;

/** Keeps every per-phase ticks × steps product small enough that an hour of sums stays exact in a double. */
const MAX_PHASE_PRODUCT = 1e13;

const MAX_PARTS = 64;
const weightScratch = new Float64Array(MAX_PARTS);

/**
 * Splits `total` into `n` parts of at least `mins[i]` each (1 each when `mins` is null), written to
 * `out`, deterministically for (key, tag, salt). Requires total ≥ Σ mins.
 */
function splitInto(
  total: number,
  n: number,
  mins: Float64Array | null,
  out: Float64Array,
  key: number,
  tag: number,
  salt: number,
): void {
  let extra = total;
  for (let i = 0; i < n; i++) {
    const min = mins === null ? 1 : mins[i]!;
    out[i] = min;
    extra -= min;
  }
  if (extra <= 0 || n === 0) return;
  const weights = n <= MAX_PARTS ? weightScratch : new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.15 + unit(key, tag, salt, i);
    weights[i] = w;
    sum += w;
  }
  let given = 0;
  for (let i = 0; i < n; i++) {
    const share = Math.floor((extra * weights[i]!) / sum);
    out[i]! += share;
    given += share;
  }
  out[hash(key, tag, salt, n) % n]! += extra - given;
}

/** A minute's phases in flat arrays, reused between calls (no allocation on the hot path). */
class PhaseBuffer {
  count = 0;
  readonly start = new Float64Array(MAX_PHASES);
  readonly end = new Float64Array(MAX_PHASES);
  readonly price = new Float64Array(MAX_PHASES);
  readonly buy = new Uint8Array(MAX_PHASES);
  readonly aggs = new Float64Array(MAX_PHASES);
  readonly trades = new Float64Array(MAX_PHASES);
  readonly qty = new Float64Array(MAX_PHASES);
}

const MAX_PHASES = 8;

/** Procedural hour statistics by symbol, seed key, genesis, end and hour (pure, so shared). */
const sharedHours = new Map<string, Stats>();

/** A copy of `s` with its trade and aggregate-trade ids moved by the given amounts. */
function shiftIds(s: Stats, aggs: number, trades: number): Stats {
  if ((aggs === 0 && trades === 0) || s.count === 0) return s;
  return {
    ...s,
    firstId: s.firstId + trades,
    lastId: s.lastId + trades,
    firstAggId: s.firstAggId + aggs,
    lastAggId: s.lastAggId + aggs,
  };
}

export class Tape {
  readonly spec: SymbolSpec;
  /** First minute with trades. */
  readonly genesisMinute: number;
  /** First minute without trades (halted symbols), or +∞. */
  readonly endMinute: number;
  /** 1 / tick size and tick × step, in quote units. */
  private readonly perTick: number;
  private readonly unitTickStep: number;
  private readonly walk: PriceWalk;
  private readonly minuteCache = new Map<number, Stats>();
  private readonly hourCache = new Map<number, Stats>();
  private readonly dayCache = new Map<number, Stats>();
  private readonly procAggCache = new Map<number, AggTrade[]>();
  private readonly aggCache = new Map<number, AggTrade[]>();
  private readonly tradeCache = new Map<number, Trade[]>();
  /**
   * Aggregate trades recorded on top of the procedural tape (takers from outside the simulation),
   * in time order, with the running count of their fills. Each one shifts the ids of every later
   * procedural trade, which is how they get "the next trade ids".
   */
  private readonly extras: ExtraAgg[] = [];
  private readonly extraFillsBefore: number[] = [0];

  constructor(spec: SymbolSpec, genesis: number) {
    this.spec = spec;
    this.genesisMinute = Math.floor(genesis / MINUTE);
    this.endMinute = spec.haltedAt === null ? Number.POSITIVE_INFINITY : Math.floor(spec.haltedAt / MINUTE);
    this.perTick = 10 ** -spec.tickExp;
    this.unitTickStep = 10 ** (spec.tickExp + spec.stepExp);
    this.walk = new PriceWalk(spec.key, spec.basePrice, spec.volatility);
  }

  private aggJitter(m: number): number {
    return Math.floor(unit(this.spec.key, TAG_AGG_JITTER, m) * (this.spec.aggJitter + 1));
  }

  private extraJitter(m: number): number {
    return Math.floor(unit(this.spec.key, TAG_EXTRA_JITTER, m) * (this.spec.extraJitter + 1));
  }

  /** Procedural aggregate trades before minute m. */
  private procAggBase(m: number): number {
    const g = this.genesisMinute;
    if (m <= g) return 0;
    const mm = Math.min(m, this.endMinute);
    return this.spec.aggRate * (mm - g) + this.aggJitter(mm) - this.aggJitter(g);
  }

  /** Procedural trades before minute m. */
  private procTradeBase(m: number): number {
    const g = this.genesisMinute;
    if (m <= g) return 0;
    const mm = Math.min(m, this.endMinute);
    return this.procAggBase(m) + this.spec.extraRate * (mm - g) + this.extraJitter(mm) - this.extraJitter(g);
  }

  /** Index of the first recorded aggregate with time ≥ t (= how many were recorded before t). */
  private extrasBefore(t: number): number {
    const e = this.extras;
    if (e.length === 0 || e[0]!.time >= t) return 0;
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (e[mid]!.time < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of aggregate trades before minute m (= id of m's first aggregate trade). */
  aggBase(m: number): number {
    return this.procAggBase(m) + this.extrasBefore(m * MINUTE);
  }

  /** Number of trades before minute m (= id of m's first trade). */
  tradeBase(m: number): number {
    return this.procTradeBase(m) + this.extraFillsBefore[this.extrasBefore(m * MINUTE)]!;
  }

  /** Time of the latest recorded (non-procedural) trade, or -∞. */
  lastRecordedTime(): number {
    return this.extras.at(-1)?.time ?? Number.NEGATIVE_INFINITY;
  }

  /**
   * Records aggregate trades at `time` (not before any earlier recorded one): they take the next ids
   * after every trade at or before `time`, and every later trade's id moves up accordingly.
   */
  record(time: number, aggregates: readonly RecordedAggregate[]): void {
    const lastTime = this.extras.at(-1)?.time ?? Number.NEGATIVE_INFINITY;
    if (time < lastTime) throw new RangeError('recorded trades must not go back in time');
    for (const a of aggregates) {
      const fills = a.fills ?? [a.qty];
      this.extras.push({ time, price: a.price, qty: a.qty, buy: a.buy, fills });
      this.extraFillsBefore.push(this.extraFillsBefore.at(-1)! + fills.length);
    }
    const m = Math.floor(time / MINUTE);
    this.minuteCache.delete(m);
    this.hourCache.delete(Math.floor(m / 60));
    this.dayCache.delete(Math.floor(m / 1440));
    this.aggCache.clear();
    this.tradeCache.clear();
  }

  hasTrades(m: number): boolean {
    return m >= this.genesisMinute && m < this.endMinute;
  }

  /** The minute holding trade `id`, or null if no such trade exists (ever). */
  minuteOfTrade(id: number): number | null {
    return this.invert(id, (m) => this.tradeBase(m), this.spec.aggRate + this.spec.extraRate);
  }

  /** The minute holding aggregate trade `id`, or null. */
  minuteOfAgg(id: number): number | null {
    return this.invert(id, (m) => this.aggBase(m), this.spec.aggRate);
  }

  private invert(id: number, base: (m: number) => number, rate: number): number | null {
    if (!Number.isFinite(id) || id < 0) return null;
    if (Number.isFinite(this.endMinute) && id >= base(this.endMinute)) return null;
    let m = this.genesisMinute + Math.floor(id / rate);
    if (Number.isFinite(this.endMinute)) m = Math.min(m, this.endMinute - 1);
    while (m > this.genesisMinute && base(m) > id) m--;
    while (base(m + 1) <= id) m++;
    return m;
  }

  private readonly scratch = new PhaseBuffer();

  /** Fills `b` with minute m's phases; returns their number (0 when the minute has no trade). */
  private fillPhases(m: number, b: PhaseBuffer, aggCount?: number, tradeCount?: number): number {
    b.count = 0;
    if (!this.hasTrades(m)) return 0;
    const s = this.spec;
    const key = s.key;
    const aggs = aggCount ?? this.procAggBase(m + 1) - this.procAggBase(m);
    const trades = tradeCount ?? this.procTradeBase(m + 1) - this.procTradeBase(m);
    const count = Math.min(aggs, MAX_PHASES, 1 + Math.floor(unit(key, TAG_PHASES, m) * s.maxPhases));
    splitInto(aggs, count, null, b.aggs, key, TAG_SPLIT_AGGS, m);
    splitInto(trades, count, b.aggs, b.trades, key, TAG_SPLIT_TRADES, m);
    const minuteStart = m * MINUTE;
    const spread = s.spreadTicks;
    const below = Math.floor((spread - 1) / 2);
    for (let k = 0; k < count; k++) {
      const start = minuteStart + Math.floor((k * MINUTE) / count);
      const end = minuteStart + Math.floor(((k + 1) * MINUTE) / count);
      const at = start + Math.floor(unit(key, TAG_PHASE_TIME, m, k) * (end - start));
      const mid = this.walk.at(at) * this.perTick;
      const side = hash(key, TAG_SIDE, m, k);
      const buy = (side & 1) === 1;
      const bid = Math.max(1, Math.round(mid) - below);
      const price = buy ? bid + spread : bid;
      const tradeCount = b.trades[k]!;
      // Skewed notional per phase, from a tenth to ten times the typical size.
      const u = (side >>> 1) / 2147483648;
      const factor = 0.1 + 9.9 * u * u * u;
      const steps = Math.round((s.aggNotional * b.aggs[k]! * factor) / (price * this.unitTickStep));
      const cap = Math.max(tradeCount, Math.floor(MAX_PHASE_PRODUCT / price));
      b.start[k] = start;
      b.end[k] = end;
      b.price[k] = price;
      b.buy[k] = buy ? 1 : 0;
      b.qty[k] = Math.min(cap, Math.max(tradeCount, steps));
    }
    b.count = count;
    return count;
  }

  private phases(m: number): Phase[] {
    const b = this.scratch;
    const n = this.fillPhases(m, b);
    const out: Phase[] = [];
    for (let k = 0; k < n; k++) {
      out.push({
        start: b.start[k]!,
        end: b.end[k]!,
        price: b.price[k]!,
        buy: b.buy[k] === 1,
        aggs: b.aggs[k]!,
        trades: b.trades[k]!,
        qty: b.qty[k]!,
      });
    }
    return out;
  }

  /**
   * Statistics of the full minutes [from, to), in O(phases) per minute. Sums stay exact in doubles:
   * a phase's ticks × steps is below 1e13 and at most a few hours of minutes are summed here.
   */
  private sumMinutes(from: number, to: number): Stats {
    const s = emptyStats();
    const lo = Math.max(from, this.genesisMinute);
    const hi = Math.min(to, this.endMinute);
    if (hi <= lo) return s;
    if (this.extrasBefore(hi * MINUTE) > this.extrasBefore(lo * MINUTE)) {
      // Recorded trades in range: minute by minute, those minutes from their merged trade lists.
      for (let m = lo; m < hi; m++) {
        const k = this.extrasBefore(m * MINUTE);
        addStats(
          s,
          this.extrasBefore((m + 1) * MINUTE) > k ? statsOfAggs(this.aggsOf(m)) : this.sumMinutes(m, m + 1),
        );
      }
      return s;
    }
    let volume = 0;
    let quote = 0;
    let buyVolume = 0;
    let buyQuote = 0;
    let high = -1;
    let low = Number.POSITIVE_INFINITY;
    const b = this.scratch;
    let lastCount = 0;
    let lastPrice = 0;
    let lastBuy = false;
    let lastStart = 0;
    let lastEnd = 0;
    let lastAggs = 1;
    // Per-minute counts from the jitter terms, carried from one minute to the next.
    const sp = this.spec;
    let aj = this.aggJitter(lo);
    let xj = this.extraJitter(lo);
    for (let m = lo; m < hi; m++) {
      const aj1 = this.aggJitter(m + 1);
      const xj1 = this.extraJitter(m + 1);
      const aggs = sp.aggRate + aj1 - aj;
      const n = this.fillPhases(m, b, aggs, aggs + sp.extraRate + xj1 - xj);
      aj = aj1;
      xj = xj1;
      if (m === lo) {
        s.open = b.price[0]!;
        s.firstTime = this.aggTime(m, 0, b.start[0]!, b.end[0]!, b.aggs[0]!, 0);
      }
      for (let k = 0; k < n; k++) {
        const price = b.price[k]!;
        const qty = b.qty[k]!;
        const q = price * qty;
        volume += qty;
        quote += q;
        if (b.buy[k] === 1) {
          buyVolume += qty;
          buyQuote += q;
        }
        if (price > high) high = price;
        if (price < low) low = price;
      }
      lastCount = n;
      lastPrice = b.price[n - 1]!;
      lastBuy = b.buy[n - 1] === 1;
      lastStart = b.start[n - 1]!;
      lastEnd = b.end[n - 1]!;
      lastAggs = b.aggs[n - 1]!;
    }
    s.firstId = this.tradeBase(lo);
    s.lastId = this.tradeBase(hi) - 1;
    s.count = s.lastId - s.firstId + 1;
    s.firstAggId = this.aggBase(lo);
    s.lastAggId = this.aggBase(hi) - 1;
    s.close = lastPrice;
    s.high = high;
    s.low = low;
    s.lastTime = this.aggTime(hi - 1, lastCount - 1, lastStart, lastEnd, lastAggs, lastAggs - 1);
    s.lastBuy = lastBuy;
    s.volume = BigInt(volume);
    s.quote = BigInt(quote);
    s.buyVolume = BigInt(buyVolume);
    s.buyQuote = BigInt(buyQuote);
    return s;
  }

  /** Statistics of a full minute. */
  minuteStats(m: number): Stats {
    const cached = this.minuteCache.get(m);
    if (cached) return cached;
    const s = this.sumMinutes(m, m + 1);
    if (this.minuteCache.size > 20_000) this.minuteCache.clear();
    this.minuteCache.set(m, s);
    return s;
  }

  private aggTime(m: number, k: number, start: number, end: number, aggs: number, j: number): number {
    return start + Math.floor(((j + unit(this.spec.key, TAG_AGG_TIME, m * 8 + k, j)) * (end - start)) / aggs);
  }

  /** The aggregate trades of minute m, in time order, recorded ones included. */
  aggsOf(m: number): AggTrade[] {
    if (this.extras.length === 0) return this.procAggsOf(m);
    const cached = this.aggCache.get(m);
    if (cached) return cached;
    const proc = this.procAggsOf(m);
    const from = this.extrasBefore(m * MINUTE);
    const to = this.extrasBefore((m + 1) * MINUTE);
    const out: AggTrade[] = [];
    let aggId = this.aggBase(m);
    let tradeId = this.tradeBase(m);
    let i = 0;
    let j = from;
    while (i < proc.length || j < to) {
      const p = proc[i];
      const e = this.extras[j];
      // On equal times the procedural trade comes first: it was already visible when the other was recorded.
      if (p && (j >= to || p.time <= e!.time)) {
        const n = p.lastTrade - p.firstTrade + 1;
        out.push({ ...p, id: aggId++, firstTrade: tradeId, lastTrade: tradeId + n - 1 });
        tradeId += n;
        i++;
      } else {
        const x = e!;
        out.push({
          id: aggId++,
          time: x.time,
          price: x.price,
          qty: x.qty,
          buy: x.buy,
          firstTrade: tradeId,
          lastTrade: tradeId + x.fills.length - 1,
          source: -1,
          fills: x.fills,
        });
        tradeId += x.fills.length;
        j++;
      }
    }
    if (this.aggCache.size > 256) this.aggCache.clear();
    this.aggCache.set(m, out);
    return out;
  }

  /** The procedural aggregate trades of minute m (ids as if nothing had been recorded). */
  private procAggsOf(m: number): AggTrade[] {
    const cached = this.procAggCache.get(m);
    if (cached) return cached;
    const phases = this.phases(m);
    const out: AggTrade[] = [];
    let aggId = this.procAggBase(m);
    let tradeId = this.procTradeBase(m);
    const key = this.spec.key;
    phases.forEach((phase, k) => {
      const tradesPer = new Float64Array(phase.aggs);
      const qtyPer = new Float64Array(phase.aggs);
      splitInto(phase.trades, phase.aggs, null, tradesPer, key, TAG_AGG_TRADES, m * 8 + k);
      splitInto(phase.qty, phase.aggs, tradesPer, qtyPer, key, TAG_AGG_QTY, m * 8 + k);
      for (let j = 0; j < phase.aggs; j++) {
        const n = tradesPer[j]!;
        out.push({
          id: aggId++,
          time: this.aggTime(m, k, phase.start, phase.end, phase.aggs, j),
          price: phase.price,
          qty: qtyPer[j]!,
          buy: phase.buy,
          firstTrade: tradeId,
          lastTrade: tradeId + n - 1,
          source: aggId - 1,
        });
        tradeId += n;
      }
    });
    if (this.procAggCache.size > 256) this.procAggCache.clear();
    this.procAggCache.set(m, out);
    return out;
  }

  /** The trades of minute m, in id order. */
  tradesOf(m: number): Trade[] {
    const cached = this.tradeCache.get(m);
    if (cached) return cached;
    const out: Trade[] = [];
    for (const agg of this.aggsOf(m)) {
      const n = agg.lastTrade - agg.firstTrade + 1;
      const qtys = agg.fills ?? new Float64Array(n);
      if (!agg.fills)
        splitInto(agg.qty, n, null, qtys as Float64Array, this.spec.key, TAG_TRADE_QTY, agg.source);
      for (let i = 0; i < n; i++) {
        out.push({ id: agg.firstTrade + i, time: agg.time, price: agg.price, qty: qtys[i]!, buy: agg.buy });
      }
    }
    if (this.tradeCache.size > 256) this.tradeCache.clear();
    this.tradeCache.set(m, out);
    return out;
  }

  private hourStats(h: number): Stats {
    const cached = this.hourCache.get(h);
    if (cached) return cached;
    const k0 = this.extrasBefore(h * HOUR);
    let acc: Stats;
    if (this.extrasBefore((h + 1) * HOUR) > k0) {
      acc = this.sumMinutes(h * 60, h * 60 + 60);
    } else {
      // A purely procedural hour: shared by every simulator with the same market (a test suite
      // starting one per file computes it once), shifted by the trades recorded before it.
      const key = `${this.spec.symbol}|${this.spec.key}|${this.genesisMinute}|${this.endMinute}|${h}`;
      let proc = sharedHours.get(key);
      if (!proc) {
        proc = shiftIds(this.sumMinutes(h * 60, h * 60 + 60), -k0, -this.extraFillsBefore[k0]!);
        if (sharedHours.size > 500_000) sharedHours.clear();
        sharedHours.set(key, proc);
      }
      acc = shiftIds(proc, k0, this.extraFillsBefore[k0]!);
    }
    if (this.hourCache.size > 50_000) this.hourCache.clear();
    this.hourCache.set(h, acc);
    return acc;
  }

  private dayStats(d: number): Stats {
    const cached = this.dayCache.get(d);
    if (cached) return cached;
    const acc = emptyStats();
    for (let h = d * 24; h < d * 24 + 24; h++) addStats(acc, this.hourStats(h));
    this.dayCache.set(d, acc);
    return acc;
  }

  /** Statistics of all trades with from ≤ time < to. */
  rangeStats(from: number, to: number): Stats {
    const acc = emptyStats();
    const lo = Math.max(from, this.genesisMinute * MINUTE);
    const hi = Math.min(to, this.endMinute * MINUTE);
    if (hi <= lo) return acc;
    let t = lo;
    if (t % MINUTE !== 0) {
      const m = Math.floor(t / MINUTE);
      const edge = Math.min(hi, (m + 1) * MINUTE);
      addStats(acc, this.partialStats(m, t, edge));
      t = edge;
    }
    const fullEnd = Math.floor(hi / MINUTE) * MINUTE;
    while (t < fullEnd) {
      if (t % DAY === 0 && t + DAY <= fullEnd) {
        addStats(acc, this.dayStats(t / DAY));
        t += DAY;
      } else if (t % HOUR === 0 && t + HOUR <= fullEnd) {
        addStats(acc, this.hourStats(t / HOUR));
        t += HOUR;
      } else {
        addStats(acc, this.minuteStats(t / MINUTE));
        t += MINUTE;
      }
    }
    if (t < hi) addStats(acc, this.partialStats(Math.floor(t / MINUTE), t, hi));
    return acc;
  }

  private partialStats(m: number, from: number, to: number): Stats {
    if (from === m * MINUTE && to === (m + 1) * MINUTE) return this.minuteStats(m);
    return statsOfAggs(this.aggsOf(m).filter((a) => a.time >= from && a.time < to));
  }

  /** The last aggregate trade at or before t, or null when there was none. */
  lastAggAtOrBefore(t: number): AggTrade | null {
    let m = Math.min(Math.floor(t / MINUTE), this.endMinute - 1);
    if (m < this.genesisMinute) return null;
    const aggs = this.aggsOf(m);
    for (let i = aggs.length - 1; i >= 0; i--) if (aggs[i]!.time <= t) return aggs[i]!;
    m -= 1;
    if (m < this.genesisMinute) return null;
    const prev = this.aggsOf(m);
    return prev[prev.length - 1] ?? null;
  }

  /** The last trade at or before t, or null. */
  lastTradeAtOrBefore(t: number): Trade | null {
    const agg = this.lastAggAtOrBefore(t);
    if (!agg) return null;
    const trades = this.tradesOf(Math.floor(agg.time / MINUTE));
    return trades[agg.lastTrade - trades[0]!.id] ?? null;
  }

  /** Trades with id ≥ fromId and time ≤ now, at most `limit`. */
  tradesFromId(fromId: number, limit: number, now: number): Trade[] {
    const out: Trade[] = [];
    let m = this.minuteOfTrade(Math.max(0, fromId));
    if (m === null) return out;
    const lastMinute = Math.min(Math.floor(now / MINUTE), this.endMinute - 1);
    for (; m <= lastMinute && out.length < limit; m++) {
      for (const t of this.tradesOf(m)) {
        if (t.id < fromId) continue;
        if (t.time > now || out.length >= limit) break;
        out.push(t);
      }
    }
    return out;
  }

  /** The `limit` most recent trades with time ≤ now, oldest first. */
  recentTrades(limit: number, now: number): Trade[] {
    const chunks: Trade[][] = [];
    let have = 0;
    for (
      let m = Math.min(Math.floor(now / MINUTE), this.endMinute - 1);
      m >= this.genesisMinute && have < limit;
      m--
    ) {
      const trades = this.tradesOf(m).filter((t) => t.time <= now);
      const take = trades.slice(Math.max(0, trades.length - (limit - have)));
      chunks.push(take);
      have += take.length;
    }
    return chunks.reverse().flat();
  }

  /** Aggregate trades with id ≥ fromId and time ≤ now, at most `limit`. */
  aggsFromId(fromId: number, limit: number, now: number): AggTrade[] {
    const out: AggTrade[] = [];
    let m = this.minuteOfAgg(Math.max(0, fromId));
    if (m === null) return out;
    const lastMinute = Math.min(Math.floor(now / MINUTE), this.endMinute - 1);
    for (; m <= lastMinute && out.length < limit; m++) {
      for (const a of this.aggsOf(m)) {
        if (a.id < fromId) continue;
        if (a.time > now || out.length >= limit) break;
        out.push(a);
      }
    }
    return out;
  }

  /** Aggregate trades with from ≤ time ≤ to, the oldest `limit` of them. */
  aggsFromTime(from: number, to: number, limit: number): AggTrade[] {
    const out: AggTrade[] = [];
    const first = Math.max(Math.floor(from / MINUTE), this.genesisMinute);
    const last = Math.min(Math.floor(to / MINUTE), this.endMinute - 1);
    for (let m = first; m <= last && out.length < limit; m++) {
      for (const a of this.aggsOf(m)) {
        if (a.time < from) continue;
        if (a.time > to || out.length >= limit) break;
        out.push(a);
      }
    }
    return out;
  }

  /** The `limit` most recent aggregate trades with from ≤ time ≤ to, oldest first. */
  recentAggs(limit: number, to: number, from = Number.NEGATIVE_INFINITY): AggTrade[] {
    const chunks: AggTrade[][] = [];
    let have = 0;
    const stop = Math.max(this.genesisMinute, Math.floor(Math.max(from, 0) / MINUTE));
    for (let m = Math.min(Math.floor(to / MINUTE), this.endMinute - 1); m >= stop && have < limit; m--) {
      const aggs = this.aggsOf(m).filter((a) => a.time <= to && a.time >= from);
      const take = aggs.slice(Math.max(0, aggs.length - (limit - have)));
      chunks.push(take);
      have += take.length;
    }
    return chunks.reverse().flat();
  }
}
