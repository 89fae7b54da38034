// Live streams for agents, on top of @binance-mcp/streams. An agent cannot hold an async iterator, so
// each subscription keeps its own numbered ring of recent events that `read_stream` pages through by
// cursor. Subscriptions belong to an owner (a stdio connection, a 2025 HTTP session, or the shared
// owner of stateless 2026-07-28 HTTP requests) and go away with it; every subscription also has a
// lease: one not read for `leaseMs` is ended, so nothing outlives a client that disappeared without
// closing. Local order books and the streams behind the live resources are shared by symbol and closed
// when no one has used them for a while. The WebSocket client is opened on first use.

import type { RestClient } from '@binance-mcp/rest';
import {
  createStreamClient,
  type OrderBook,
  parseStreamName,
  type StreamClient,
  type StreamDescriptor,
  type Subscription,
  toStreamName,
} from '@binance-mcp/streams';
import type { Logger } from '../log.js';

/** One event as `read_stream` returns it, with its position in the subscription. */
export interface NumberedEvent {
  readonly seq: number;
  readonly event: unknown;
}

export interface HubSubscriptionInfo {
  readonly id: string;
  readonly stream: string;
  readonly descriptor: StreamDescriptor | null;
  /** Events received since subscribing. */
  readonly received: number;
  /** Events still held (the newest `bufferSize`). */
  readonly buffered: number;
  /** Sequence number of the newest event (0 before the first). */
  readonly lastSeq: number;
  /** Epoch ms of the newest event's arrival, if any. */
  readonly lastEventAt: number | undefined;
  readonly createdAt: number;
  /** Epoch ms when the lease ends unless the subscription is read (or listed) again. */
  readonly expiresAt: number;
  /** Subscribed on the server (the SUBSCRIBE was confirmed). */
  readonly confirmed: boolean;
  readonly error: string | undefined;
}

export interface ReadResult {
  readonly info: HubSubscriptionInfo;
  readonly events: NumberedEvent[];
  /** Events between the cursor and the oldest one still held, lost to the ring's size. */
  readonly missed: number;
  /** More events after these are already held. */
  readonly more: boolean;
}

export interface StreamHubOptions {
  readonly baseUrl: string;
  readonly rest: RestClient;
  readonly logger: Logger;
  /** A subscription not read for this long is ended. Default 10 minutes. */
  readonly leaseMs?: number;
  /** Events kept per subscription. Default 500. */
  readonly bufferSize?: number;
  /** Subscriptions per owner. Default 50. */
  readonly maxPerOwner?: number;
  /** Shared order books and resource streams close after this long unused. Default 5 minutes. */
  readonly idleMs?: number;
  readonly now?: () => number;
  /** For tests: a stream client of your own. */
  readonly client?: StreamClient;
}

/** A subscription or other request the hub refuses, with what to do instead. */
export class StreamHubError extends Error {
  readonly parameter: string | undefined;
  constructor(message: string, parameter?: string) {
    super(message);
    this.name = 'StreamHubError';
    this.parameter = parameter;
  }
}

class HubSubscription {
  readonly ring: NumberedEvent[] = [];
  received = 0;
  lastEventAt: number | undefined;
  touchedAt: number;
  confirmed = false;
  error: string | undefined;
  private waiters = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly owner: string,
    readonly stream: string,
    readonly descriptor: StreamDescriptor | null,
    readonly capacity: number,
    readonly createdAt: number,
    public sub: Subscription<unknown> | undefined,
  ) {
    this.touchedAt = createdAt;
  }

  push(event: unknown, now: number): void {
    this.received++;
    this.lastEventAt = now;
    this.ring.push({ seq: this.received, event });
    if (this.ring.length > this.capacity) this.ring.shift();
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves when an event after `seq` arrives, or after `ms`, or on `signal`. */
  waitAfter(seq: number, ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.received > seq || ms <= 0 || this.sub === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  end(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}

interface Shared<T> {
  readonly value: T;
  lastUsed: number;
  /** Live resources that follow it: never idle while held. */
  holders: number;
  close(): void;
}

export class StreamHub {
  private client: StreamClient | undefined;
  private readonly subs = new Map<string, HubSubscription>();
  private readonly books = new Map<string, Shared<OrderBook>>();
  private readonly watched = new Map<string, Shared<{ latest: () => unknown; listeners: Set<() => void> }>>();
  private nextId = 1;
  /** A subscription not read for this long is ended. */
  readonly leaseMs: number;
  private readonly bufferSize: number;
  private readonly maxPerOwner: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly sweeper: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(private readonly options: StreamHubOptions) {
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.bufferSize = options.bufferSize ?? 500;
    this.maxPerOwner = options.maxPerOwner ?? 50;
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), 15_000);
    this.sweeper.unref();
  }

  /** The WebSocket client, opened on first use. */
  streamClient(): StreamClient {
    if (this.closed) throw new StreamHubError('the server is shutting down');
    this.client ??=
      this.options.client ??
      createStreamClient({
        baseUrl: this.options.baseUrl,
        rest: this.options.rest,
        logger: (event) => {
          if (event.level === 'error' || event.level === 'warn')
            this.options.logger.warn(`streams: ${JSON.stringify(event)}`);
          else this.options.logger.debug(`streams: ${JSON.stringify(event)}`);
        },
      });
    return this.client;
  }

  /** Subscribes `owner` to a stream (a descriptor or a Binance stream name). */
  async subscribe(
    owner: string,
    stream: StreamDescriptor | string,
    timeoutMs = 10_000,
  ): Promise<HubSubscriptionInfo> {
    const mine = [...this.subs.values()].filter((s) => s.owner === owner);
    if (mine.length >= this.maxPerOwner) {
      throw new StreamHubError(
        `at most ${this.maxPerOwner} subscriptions at once; end some with unsubscribe_stream (list them with list_streams)`,
        'stream',
      );
    }
    const descriptor = typeof stream === 'string' ? parseStreamName(stream) : stream;
    const name = typeof stream === 'string' ? stream : toStreamName(stream);
    const existing = mine.find((s) => s.stream === name);
    if (existing) {
      existing.touchedAt = this.now();
      return this.info(existing);
    }
    const id = `sub-${this.nextId++}`;
    const entry = new HubSubscription(id, owner, name, descriptor, this.bufferSize, this.now(), undefined);
    const client = this.streamClient();
    const sub = client.subscribe(name as string, {
      bufferSize: 1,
      onEvent: (event) => entry.push(event, this.now()),
      onError: (error) => {
        entry.error = error.message;
      },
    }) as Subscription<unknown>;
    entry.sub = sub;
    this.subs.set(id, entry);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        sub.ready,
        new Promise<void>((_, reject) => {
          timer = setTimeout(
            () => reject(new StreamHubError(`no answer to SUBSCRIBE ${name} within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      entry.confirmed = true;
    } catch (error) {
      entry.end();
      this.subs.delete(id);
      throw error instanceof StreamHubError
        ? error
        : new StreamHubError(`subscribing to ${name} failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return this.info(entry);
  }

  private own(owner: string, id: string): HubSubscription {
    const entry = this.subs.get(id);
    if (!entry || entry.owner !== owner) {
      throw new StreamHubError(
        `no subscription "${id}" here (it may have ended: a subscription not read for ${Math.round(this.leaseMs / 60_000)} minutes is closed); list_streams shows the open ones`,
        'subscriptionId',
      );
    }
    return entry;
  }

  /**
   * Events of a subscription after `cursor` (oldest first, at most `limit`), waiting up to `waitMs` for
   * one when none is there yet. Without a cursor: the newest `limit` events.
   */
  async read(
    owner: string,
    id: string,
    options: { cursor?: number; limit: number; waitMs?: number; signal?: AbortSignal },
  ): Promise<ReadResult> {
    const entry = this.own(owner, id);
    entry.touchedAt = this.now();
    const after = options.cursor ?? (entry.received > 0 ? Math.max(0, entry.received - options.limit) : 0);
    await entry.waitAfter(after, options.waitMs ?? 0, options.signal);
    entry.touchedAt = this.now();
    const oldest = entry.ring[0]?.seq ?? entry.received + 1;
    const missed = Math.max(0, oldest - after - 1);
    const fresh = entry.ring.filter((e) => e.seq > after);
    const events = fresh.slice(0, options.limit);
    return { info: this.info(entry), events, missed, more: fresh.length > events.length };
  }

  unsubscribe(owner: string, id: string): HubSubscriptionInfo {
    const entry = this.own(owner, id);
    entry.end();
    this.subs.delete(id);
    return this.info(entry);
  }

  /** Ends every subscription of `owner`; returns how many. */
  release(owner: string): number {
    let n = 0;
    for (const [id, entry] of this.subs) {
      if (entry.owner !== owner) continue;
      entry.end();
      this.subs.delete(id);
      n++;
    }
    return n;
  }

  list(owner: string): HubSubscriptionInfo[] {
    const now = this.now();
    return [...this.subs.values()]
      .filter((s) => s.owner === owner)
      .map((s) => {
        s.touchedAt = now;
        return this.info(s);
      });
  }

  /** Connection states of the underlying client (empty before first use). */
  connections() {
    return this.client?.connections() ?? [];
  }

  /** A shared local order book of `symbol`, in sync (waits up to `timeoutMs`). */
  async orderBook(symbol: string, timeoutMs = 15_000, signal?: AbortSignal): Promise<OrderBook> {
    let shared = this.books.get(symbol);
    if (!shared || shared.value.state === 'closed') {
      const book = this.streamClient().orderBook(symbol);
      shared = { value: book, lastUsed: this.now(), holders: 0, close: () => book.close() };
      this.books.set(symbol, shared);
    }
    shared.lastUsed = this.now();
    const book = shared.value;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        book.ready(),
        new Promise<void>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new StreamHubError(`the local order book of ${symbol} did not sync within ${timeoutMs} ms`),
              ),
            timeoutMs,
          );
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return book;
  }

  /** Keeps the shared book of `symbol` open until the returned function is called. */
  holdBook(symbol: string): () => void {
    const shared = this.books.get(symbol);
    if (!shared) return () => {};
    shared.holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      shared.holders--;
      shared.lastUsed = this.now();
    };
  }

  /**
   * The latest event of a shared stream (the live resources), starting it on first use; `listener` is
   * told of each new event (throttle on your side). Returns the reader and a function to stop listening.
   */
  watch(stream: StreamDescriptor, listener?: () => void): { latest: () => unknown; stop: () => void } {
    const name = toStreamName(stream);
    let shared = this.watched.get(name);
    if (!shared) {
      let latest: unknown;
      const listeners = new Set<() => void>();
      const sub = this.streamClient().subscribe(name, {
        bufferSize: 1,
        onEvent: (event) => {
          latest = event;
          for (const l of listeners) l();
        },
      }) as Subscription<unknown>;
      shared = {
        value: { latest: () => latest, listeners },
        lastUsed: this.now(),
        holders: 0,
        close: () => sub.unsubscribe(),
      };
      this.watched.set(name, shared);
    }
    shared.lastUsed = this.now();
    const entry = shared;
    if (listener) entry.value.listeners.add(listener);
    return {
      latest: () => {
        entry.lastUsed = this.now();
        return entry.value.latest();
      },
      stop: () => {
        if (listener) entry.value.listeners.delete(listener);
      },
    };
  }

  /** Ends expired subscriptions and idle shared books and streams. */
  sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.subs) {
      if (now - entry.touchedAt > this.leaseMs) {
        this.options.logger.debug(`streams: lease of ${id} (${entry.stream}) ended`);
        entry.end();
        this.subs.delete(id);
      }
    }
    for (const [symbol, shared] of this.books) {
      if (shared.holders === 0 && now - shared.lastUsed > this.idleMs) {
        shared.close();
        this.books.delete(symbol);
      }
    }
    for (const [name, shared] of this.watched) {
      if (shared.value.listeners.size === 0 && now - shared.lastUsed > this.idleMs) {
        shared.close();
        this.watched.delete(name);
      }
    }
  }

  private info(s: HubSubscription): HubSubscriptionInfo {
    return {
      id: s.id,
      stream: s.stream,
      descriptor: s.descriptor,
      received: s.received,
      buffered: s.ring.length,
      lastSeq: s.received,
      lastEventAt: s.lastEventAt,
      createdAt: s.createdAt,
      expiresAt: s.touchedAt + this.leaseMs,
      confirmed: s.confirmed,
      error: s.error,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const entry of this.subs.values()) entry.end();
    this.subs.clear();
    for (const shared of this.books.values()) shared.close();
    this.books.clear();
    for (const shared of this.watched.values()) shared.close();
    this.watched.clear();
    await this.client?.close();
  }
}
