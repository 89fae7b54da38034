// Notifications for the live resources (binance://ticker/{symbol}, binance://book/{symbol}): while a
// resource is followed, each change of its stream or book publishes "updated" for its URI, at most once
// a second (a book changes ten times a second; a client re-reads on each notice). 2025 clients follow a
// resource by subscribing to it; on the 2026-07-28 revision the client's listen filter decides what it
// receives, so a resource is followed for a while after each read.

import type { StreamHub } from './hub.js';

/** Tells the client(s) that `uri` changed. */
export type Publish = (uri: string) => void | Promise<void>;

/** The least time between two notices for one URI. */
export const UPDATE_INTERVAL_MS = 1000;

export interface LiveUri {
  readonly kind: 'ticker' | 'book';
  readonly symbol: string;
}

const LIVE = /^binance:\/\/(ticker|book)\/([^/?#]{1,40})$/;

/** The live resource a URI names, if it names one. */
export function liveUriOf(uri: string): LiveUri | undefined {
  const match = LIVE.exec(uri);
  if (!match) return undefined;
  let symbol: string;
  try {
    symbol = decodeURIComponent(match[2] as string).toUpperCase();
  } catch {
    return undefined;
  }
  return { kind: match[1] as 'ticker' | 'book', symbol };
}

interface Followed {
  stop(): void;
  lastSent: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Followed until then (after a read); undefined: until unfollowed (a subscription). */
  expiresAt: number | undefined;
}

export class LiveUpdates {
  private readonly followed = new Map<string, Followed>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(
    private readonly hub: StreamHub,
    private readonly publish: Publish,
    private readonly options: { readonly intervalMs?: number; readonly now?: () => number } = {},
  ) {
    this.sweeper = setInterval(() => this.sweep(), 5_000);
    this.sweeper.unref();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** URIs followed now. */
  uris(): string[] {
    return [...this.followed.keys()];
  }

  /**
   * Follows `uri` (a live resource): until `unfollow`, or for `leaseMs` from now (extended by each
   * call). Other URIs are ignored: they do not change while followed.
   */
  async follow(uri: string, leaseMs?: number): Promise<void> {
    const live = liveUriOf(uri);
    if (!live || this.closed) return;
    const existing = this.followed.get(uri);
    if (existing) {
      if (leaseMs === undefined) existing.expiresAt = undefined;
      else if (existing.expiresAt !== undefined)
        existing.expiresAt = Math.max(existing.expiresAt, this.now() + leaseMs);
      return;
    }
    const entry: Followed = {
      stop: () => {},
      lastSent: 0,
      timer: undefined,
      expiresAt: leaseMs === undefined ? undefined : this.now() + leaseMs,
    };
    this.followed.set(uri, entry);
    const changed = () => this.changed(uri, entry);
    if (live.kind === 'ticker') {
      const watch = this.hub.watch({ type: 'ticker', symbol: live.symbol }, changed);
      entry.stop = watch.stop;
    } else {
      try {
        const book = await this.hub.orderBook(live.symbol);
        const release = this.hub.holdBook(live.symbol);
        const off = book.onEvent((event) => {
          if (event.type === 'update' || event.type === 'sync') changed();
        });
        entry.stop = () => {
          off();
          release();
        };
      } catch {
        this.followed.delete(uri);
        return;
      }
      // Unfollowed while the book was syncing.
      if (this.followed.get(uri) !== entry) entry.stop();
    }
  }

  unfollow(uri: string): void {
    const entry = this.followed.get(uri);
    if (!entry) return;
    this.followed.delete(uri);
    clearTimeout(entry.timer);
    entry.stop();
  }

  private changed(uri: string, entry: Followed): void {
    if (entry.timer !== undefined || this.closed) return;
    const interval = this.options.intervalMs ?? UPDATE_INTERVAL_MS;
    const wait = Math.max(0, entry.lastSent + interval - this.now());
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.followed.get(uri) !== entry) return;
      entry.lastSent = this.now();
      void Promise.resolve(this.publish(uri)).catch(() => {
        // A client that went away cannot be told; its subscriptions end with it.
      });
    }, wait);
  }

  private sweep(): void {
    const now = this.now();
    for (const [uri, entry] of this.followed) {
      if (entry.expiresAt !== undefined && entry.expiresAt < now) this.unfollow(uri);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    for (const uri of [...this.followed.keys()]) this.unfollow(uri);
  }
}
