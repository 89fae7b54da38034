// The whole simulated market: the listed symbols and, per symbol, its procedural tape and (created
// on first use) its live order book. Nothing per symbol is computed until someone asks for it, so
// start-up stays fast whatever the number of symbols.

import type { Clock } from '../clock.js';
import { IdCodec } from '../ids.js';
import type { OrderBook } from './book.js';
import { divRound, formatUnits, pow10 } from './decimal.js';
import { LiveBook, type TapeListener } from './liquidity.js';
import { type SymbolFlags, seededFlags } from './symbol-flags.js';
import { buildUniverse, type SymbolSpec } from './symbols.js';
import { DAY, Tape } from './tape.js';

export interface MarketOptions {
  seed: number;
  symbolCount: number;
  historyDays: number;
  /** Added to every trade id and order id on the wire (see `IdCodec`). */
  idOffset?: bigint;
}

/** A block trade (negotiated off the book): it is not on the tape, only in historicalBlockTrades and its stream. */
export interface BlockTrade {
  /** Block trade id, from 0 per symbol. */
  readonly id: number;
  readonly price: number;
  readonly qty: number;
  readonly time: number;
  readonly buyerIsMaker: boolean;
}

export class SymbolMarket {
  readonly spec: SymbolSpec;
  readonly tape: Tape;
  /** Block trades recorded with the simulator's `recordBlockTrade`, oldest first. */
  readonly blockTrades: BlockTrade[] = [];
  /** Feature flags in force (exchangeInfo shows them, the engine enforces them); seeded, changed by `setSymbolFlags`. */
  readonly flags: SymbolFlags;
  private live: LiveBook | null = null;
  private listener: TapeListener | null = null;
  private readonly clock: Clock;
  private readonly quoteScale: bigint;

  constructor(spec: SymbolSpec, genesis: number, clock: Clock) {
    this.spec = spec;
    this.flags = seededFlags(spec);
    this.tape = new Tape(spec, genesis);
    this.clock = clock;
    this.quoteScale = spec.tickUnits * spec.stepUnits;
  }

  get symbol(): string {
    return this.spec.symbol;
  }

  /** The order book, advanced to the current time. */
  book(now = this.clock.now()): OrderBook {
    if (!this.live) {
      this.live = new LiveBook(this.spec, this.tape, now);
      this.live.listener = this.listener;
    }
    this.live.advance(now);
    return this.live.book;
  }

  /** Installs the listener told about every tape trade as the book replays it (see `TapeListener`). */
  listen(listener: TapeListener): void {
    this.listener = listener;
    if (this.live) this.live.listener = listener;
  }

  /** The live book if it exists (no creation, no advance). */
  liveBook(): LiveBook | null {
    return this.live;
  }

  formatPrice(ticks: number): string {
    if (ticks < 0) return formatUnits(0n, this.spec.pricePrecision);
    return formatUnits(BigInt(ticks) * this.spec.tickUnits, this.spec.pricePrecision);
  }

  formatQty(steps: number | bigint): string {
    return formatUnits(BigInt(steps) * this.spec.stepUnits, this.spec.qtyPrecision);
  }

  /** Formats a sum of ticks × steps as a quote amount (exact: tick × step ≥ 10^-8). */
  formatQuote(tickSteps: number | bigint): string {
    return formatUnits((BigInt(tickSteps) * this.quoteScale) / pow10(8), this.spec.pricePrecision);
  }

  /** quote / volume as a price, rounded to the price precision. */
  formatAverage(quote: bigint, volume: bigint): string {
    if (volume === 0n) return formatUnits(0n, this.spec.pricePrecision);
    return formatUnits(divRound(quote * this.spec.tickUnits, volume), this.spec.pricePrecision);
  }
}

export class Market {
  readonly symbols: readonly SymbolMarket[];
  readonly genesis: number;
  /** How trade and order ids are written and read on the wire. */
  readonly ids: IdCodec;
  private readonly bySymbol: Map<string, SymbolMarket>;

  constructor(options: MarketOptions, clock: Clock) {
    this.ids = new IdCodec(options.idOffset ?? 0n);
    const start = clock.now();
    this.genesis = Math.floor(start / DAY) * DAY - options.historyDays * DAY;
    const specs = buildUniverse({
      seed: options.seed,
      symbolCount: options.symbolCount,
      genesis: this.genesis,
      start,
    });
    this.symbols = specs.map((spec) => new SymbolMarket(spec, this.genesis, clock));
    this.bySymbol = new Map(this.symbols.map((s) => [s.symbol, s]));
  }

  get(symbol: string): SymbolMarket | undefined {
    return this.bySymbol.get(symbol);
  }
}
