// A local order book kept in sync with Binance by the documented procedure
// (web-socket-streams.md, "How to manage a local order book correctly"):
//   buffer diff events → REST snapshot → refetch while the snapshot is older than the first
//   buffered event → drop events with u <= lastUpdateId → apply the rest by U/u, and on any gap
//   (U > local id + 1) start over, by itself.

import { midpointDecimals, subtractDecimals } from '@binance-mcp/rest';
import { realScheduler, type Scheduler, type TimerHandle } from '../clock.js';
import type { StreamClient } from '../connection/client.js';
import type { Subscription } from '../connection/subscription.js';
import { ClosedError, InvalidParameterError, OrderBookError, type StreamsError } from '../errors.js';
import type { DiffDepthEvent } from '../market/events.js';
import type { PriceLevel } from '../market/schema.js';
import type { UpdateSpeed } from '../market/streams.js';
import { BookSide } from './side.js';

/** A REST depth snapshot (`GET /api/v3/depth`). */
export interface DepthSnapshot {
  lastUpdateId: number;
  bids: PriceLevel[];
  asks: PriceLevel[];
}

/** Where the book gets its snapshots: `GET /api/v3/depth?symbol=&limit=`, abortable. */
export type SnapshotSource = (symbol: string, limit: number, signal: AbortSignal) => Promise<DepthSnapshot>;

export type OrderBookEvent =
  /** The book is in sync (first time, or again after a resync). */
  | { type: 'sync'; symbol: string; lastUpdateId: number; resyncs: number }
  /** A gap was found: the book is discarded and rebuilt. */
  | { type: 'resync'; symbol: string; reason: 'gap'; lastUpdateId: number; firstUpdateId: number }
  /** A diff event was applied. */
  | { type: 'update'; symbol: string; lastUpdateId: number; event: DiffDepthEvent }
  /** A snapshot failed or the stream failed; the book retries by itself unless closed. */
  | { type: 'error'; symbol: string; error: StreamsError };

export type OrderBookState = 'syncing' | 'synced' | 'closed';

export interface OrderBookOptions {
  /**
   * Where snapshots come from. `client.orderBook` defaults to the client's `@binance-mcp/rest`
   * client (`restSnapshotSource`); `createOrderBook` needs one.
   */
  fetchSnapshot?: SnapshotSource;
  /** Snapshot depth (1–5000). Default 5000, as the documented procedure uses. */
  limit?: number;
  /** Diff stream speed in ms. Default 100. */
  speed?: UpdateSpeed;
  /** Timers for snapshot retries. Default real timers. */
  scheduler?: Scheduler;
  /** Called for every book event (sync, resync, update, error). */
  onEvent?: (event: OrderBookEvent) => void;
  /** Aborting it closes the book. */
  signal?: AbortSignal;
}

/** Price and quantity of one level. */
export interface BookLevel {
  price: string;
  quantity: string;
}

export interface OrderBookDepth {
  symbol: string;
  lastUpdateId: number;
  bids: PriceLevel[];
  asks: PriceLevel[];
}

export interface OrderBook {
  readonly symbol: string;
  readonly state: OrderBookState;
  /** Update id of the book (the last applied `u`), or -1 while syncing. */
  readonly lastUpdateId: number;
  /** Times the book was rebuilt after a gap. */
  readonly resyncs: number;
  /** Resolves when the book is in sync (at once if it is). Rejects if the book is closed first. */
  ready(): Promise<void>;
  bestBid(): BookLevel | null;
  bestAsk(): BookLevel | null;
  /** Best ask − best bid, exact. */
  spread(): string | null;
  /** (best bid + best ask) / 2, exact (one more decimal place when needed). */
  midPrice(): string | null;
  /** The best `levels` of each side (all when omitted), best first. */
  depth(levels?: number): OrderBookDepth;
  /** Listens to book events; returns a function that stops listening. */
  onEvent(listener: (event: OrderBookEvent) => void): () => void;
  /** Stops the stream (UNSUBSCRIBE when nobody else needs it) and any snapshot request. */
  close(): void;
}

const SYMBOL = /^[A-Za-z0-9\-_.\u0080-\uFFFF]{1,20}$/u;

/** Creates and starts a local order book for `symbol` on `client`. */
export function createOrderBook(client: StreamClient, symbol: string, options: OrderBookOptions): OrderBook {
  return new LocalOrderBook(client, symbol, options);
}

class LocalOrderBook implements OrderBook {
  readonly symbol: string;
  state: OrderBookState = 'syncing';
  lastUpdateId = -1;
  resyncs = 0;
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  private readonly limit: number;
  private readonly fetchSnapshot: SnapshotSource;
  private readonly scheduler: Scheduler;
  private readonly listeners = new Set<(event: OrderBookEvent) => void>();
  private readonly subscription: Subscription<DiffDepthEvent>;
  private buffer: DiffDepthEvent[] = [];
  private fetching: AbortController | null = null;
  private retryTimer: TimerHandle | null = null;
  private failures = 0;
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  constructor(client: StreamClient, symbol: string, options: OrderBookOptions) {
    if (typeof symbol !== 'string' || !SYMBOL.test(symbol)) {
      throw new InvalidParameterError('symbol', symbol, 'a symbol such as BTCUSDT');
    }
    if (typeof options?.fetchSnapshot !== 'function') {
      throw new InvalidParameterError(
        'fetchSnapshot',
        options?.fetchSnapshot,
        'a function (symbol, limit, signal) => Promise<{ lastUpdateId, bids, asks }>',
      );
    }
    const limit = options.limit ?? 5000;
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
      throw new InvalidParameterError('limit', limit, 'an integer from 1 to 5000');
    }
    this.symbol = symbol.toUpperCase();
    this.limit = limit;
    this.fetchSnapshot = options.fetchSnapshot;
    this.scheduler = options.scheduler ?? realScheduler;
    if (options.onEvent) this.listeners.add(options.onEvent);
    this.subscription = client.subscribe(
      { type: 'diffDepth', symbol: this.symbol, speed: options.speed ?? 100 },
      {
        onEvent: (event) => this.onDiff(event),
        onError: (error) => {
          this.emit({ type: 'error', symbol: this.symbol, error });
          this.close();
        },
      },
    );
    if (options.signal) {
      if (options.signal.aborted) this.close();
      else options.signal.addEventListener('abort', () => this.close(), { once: true });
    }
  }

  ready(): Promise<void> {
    if (this.state === 'synced') return Promise.resolve();
    if (this.state === 'closed')
      return Promise.reject(new ClosedError(`Order book ${this.symbol} is closed`));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  onEvent(listener: (event: OrderBookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: OrderBookEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private onDiff(event: DiffDepthEvent): void {
    if (this.state === 'closed') return;
    if (this.state === 'syncing') {
      this.buffer.push(event);
      if (!this.fetching && this.retryTimer === null) this.requestSnapshot();
      return;
    }
    this.apply(event);
  }

  /** Applies one event by the update procedure; a gap starts a resync. */
  private apply(event: DiffDepthEvent): boolean {
    if (event.finalUpdateId <= this.lastUpdateId) return true; // already in the book
    if (event.firstUpdateId > this.lastUpdateId + 1) {
      this.resync(event);
      return false;
    }
    const { bids, asks } = event;
    for (let i = 0; i < bids.length; i++) this.bids.set(bids[i]![0], bids[i]![1]);
    for (let i = 0; i < asks.length; i++) this.asks.set(asks[i]![0], asks[i]![1]);
    this.lastUpdateId = event.finalUpdateId;
    if (this.listeners.size > 0)
      this.emit({ type: 'update', symbol: this.symbol, lastUpdateId: this.lastUpdateId, event });
    return true;
  }

  private resync(trigger: DiffDepthEvent): void {
    const lastUpdateId = this.lastUpdateId;
    this.state = 'syncing';
    this.resyncs++;
    this.bids.clear();
    this.asks.clear();
    this.lastUpdateId = -1;
    // The event that showed the gap is the first one of the new buffer (step 2).
    this.buffer = [trigger];
    this.emit({
      type: 'resync',
      symbol: this.symbol,
      reason: 'gap',
      lastUpdateId,
      firstUpdateId: trigger.firstUpdateId,
    });
    if (!this.fetching && this.retryTimer === null) this.requestSnapshot();
  }

  private requestSnapshot(): void {
    const controller = new AbortController();
    this.fetching = controller;
    this.fetchSnapshot(this.symbol, this.limit, controller.signal).then(
      (snapshot) => {
        if (this.fetching !== controller) return;
        this.fetching = null;
        this.onSnapshot(snapshot);
      },
      (error: unknown) => {
        if (this.fetching !== controller) return;
        this.fetching = null;
        this.retry(
          new OrderBookError(
            `Depth snapshot for ${this.symbol} failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      },
    );
  }

  private retry(error: OrderBookError | null): void {
    if (this.state === 'closed') return;
    if (error) {
      this.failures++;
      this.emit({ type: 'error', symbol: this.symbol, error });
    }
    // Snapshots cost 250 weight at limit 5000: back off on failures.
    const delay = error ? Math.min(30_000, 500 * 2 ** Math.min(this.failures - 1, 6)) : 100;
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = null;
      if (this.state === 'syncing') this.requestSnapshot();
    }, delay);
  }

  private onSnapshot(snapshot: DepthSnapshot): void {
    if (this.state !== 'syncing') return;
    if (
      typeof snapshot !== 'object' ||
      snapshot === null ||
      typeof snapshot.lastUpdateId !== 'number' ||
      !Array.isArray(snapshot.bids) ||
      !Array.isArray(snapshot.asks)
    ) {
      this.retry(new OrderBookError(`Depth snapshot for ${this.symbol} has no lastUpdateId, bids and asks`));
      return;
    }
    const first = this.buffer[0];
    // Step 4: a snapshot older than the first buffered event cannot be continued: fetch again.
    if (first && snapshot.lastUpdateId < first.firstUpdateId) {
      this.retry(null);
      return;
    }
    this.failures = 0;
    this.bids.clear();
    this.asks.clear();
    for (const [price, qty] of snapshot.bids) this.bids.set(price, qty);
    for (const [price, qty] of snapshot.asks) this.asks.set(price, qty);
    this.lastUpdateId = snapshot.lastUpdateId;
    this.state = 'synced';
    const buffered = this.buffer;
    this.buffer = [];
    // Step 5 (drop u <= lastUpdateId) and 7 (apply the rest) are the update procedure itself.
    for (let i = 0; i < buffered.length; i++) {
      if (!this.apply(buffered[i]!)) {
        // A gap already: the resync has started from that event; keep the ones after it.
        for (let j = i + 1; j < buffered.length; j++) this.buffer.push(buffered[j]!);
        return;
      }
    }
    this.emit({ type: 'sync', symbol: this.symbol, lastUpdateId: this.lastUpdateId, resyncs: this.resyncs });
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  bestBid(): BookLevel | null {
    return this.level(this.bids.best());
  }

  bestAsk(): BookLevel | null {
    return this.level(this.asks.best());
  }

  private level(level: PriceLevel | undefined): BookLevel | null {
    return this.state === 'synced' && level ? { price: level[0], quantity: level[1] } : null;
  }

  spread(): string | null {
    const bid = this.bestBid();
    const ask = this.bestAsk();
    return bid && ask ? subtractDecimals(ask.price, bid.price) : null;
  }

  midPrice(): string | null {
    const bid = this.bestBid();
    const ask = this.bestAsk();
    return bid && ask ? midpointDecimals(bid.price, ask.price) : null;
  }

  depth(levels?: number): OrderBookDepth {
    if (levels !== undefined && (!Number.isInteger(levels) || levels < 0)) {
      throw new InvalidParameterError('levels', levels, 'a non-negative integer');
    }
    const synced = this.state === 'synced';
    return {
      symbol: this.symbol,
      lastUpdateId: this.lastUpdateId,
      bids: synced ? this.bids.top(levels) : [],
      asks: synced ? this.asks.top(levels) : [],
    };
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.fetching?.abort();
    this.fetching = null;
    if (this.retryTimer !== null) this.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.subscription.unsubscribe();
    this.bids.clear();
    this.asks.clear();
    this.buffer = [];
    for (const w of this.waiters.splice(0)) w.reject(new ClosedError(`Order book ${this.symbol} was closed`));
  }
}
