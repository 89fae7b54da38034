// Drives the feeds: every tick (100 ms of real time) each due feed is polled at the server clock's
// current time, and its events are serialised once per time unit and sent to every subscriber.

import type { Clock } from '../clock.js';
import type { Market } from '../market/market.js';
import {
  createFeed,
  DiffDepthFeed,
  type Feed,
  type JournalFeed,
  MICROS,
  MILLIS,
  type Payload,
} from './feeds.js';
import type { StreamSpec } from './names.js';

/** A connection as the engine sees it. */
export interface Subscriber {
  /** Whether times go out in µs. */
  readonly micro: boolean;
  /** Sends one event of stream `name`, already serialised (the raw payload). */
  deliver(name: string, raw: string): void;
}

interface Entry {
  feed: Feed;
  subscribers: Set<Subscriber>;
  /** Server time at which the feed is next due. */
  nextDue: number;
  /** Real time (performance.now) and server time of the last poll. */
  polledAt: number;
  polledServer: number;
}

export const TICK_MS = 100;

export class StreamEngine {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly market: Market,
    private readonly clock: Clock,
    /** Runs before each tick's polls (the trading engine brings resting orders up to date first). */
    private readonly beforeTick: (now: number) => void = () => {},
  ) {}

  start(): void {
    if (!this.timer) this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const entry of this.entries.values()) entry.feed.dispose();
    this.entries.clear();
  }

  subscribe(sub: Subscriber, name: string, spec: StreamSpec): void {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = {
        feed: createFeed(spec, this.market, this.clock.now()),
        subscribers: new Set(),
        nextDue: 0,
        polledAt: Number.NEGATIVE_INFINITY,
        polledServer: Number.NEGATIVE_INFINITY,
      };
      this.entries.set(name, entry);
    }
    entry.subscribers.add(sub);
  }

  unsubscribe(sub: Subscriber, name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    entry.subscribers.delete(sub);
    if (entry.subscribers.size === 0) {
      entry.feed.dispose();
      this.entries.delete(name);
    }
  }

  /** Number of active feeds (streams with at least one subscriber). */
  get feedCount(): number {
    return this.entries.size;
  }

  /** The next `count` diff-depth events of `symbol` are not sent: clients see a gap in U/u. */
  skipDepthUpdates(symbol: string, count: number): number {
    let feeds = 0;
    for (const entry of this.entries.values()) {
      if (entry.feed instanceof DiffDepthFeed && entry.feed.sm.symbol === symbol) {
        entry.feed.drop += count;
        feeds += 1;
      }
    }
    // Make sure the dropped event has content: one real change to the book, now.
    if (feeds > 0) {
      const sm = this.market.get(symbol);
      sm?.book(this.clock.now());
      sm?.liveBook()?.nudge();
    }
    return feeds;
  }

  tick(): void {
    const now = this.clock.now();
    try {
      this.beforeTick(now);
    } catch (error) {
      console.error('[simulator] trading sync failed:', error);
    }
    const real = performance.now();
    const journals = new Map<JournalFeed['sm'], number>();
    for (const [name, entry] of this.entries) {
      const { feed } = entry;
      // Due by the server clock, or by real time while that clock stands still (a test's frozen clock).
      const stalled =
        real - entry.polledAt >= feed.period - TICK_MS / 2 && now - entry.polledServer < feed.period / 2;
      if (feed.period === 0 || now >= entry.nextDue || stalled) {
        if (feed.period > 0) entry.nextDue = (Math.floor(now / feed.period) + 1) * feed.period;
        entry.polledAt = real;
        entry.polledServer = now;
        let payloads: Payload[];
        try {
          payloads = feed.poll(now);
        } catch (error) {
          console.error(`[simulator] stream ${name} failed:`, error);
          continue;
        }
        for (const payload of payloads) this.deliver(name, entry.subscribers, payload);
      }
      if ('cursor' in feed) {
        const j = feed as JournalFeed;
        journals.set(j.sm, Math.min(journals.get(j.sm) ?? Number.POSITIVE_INFINITY, j.cursor));
      }
    }
    for (const [sm, cursor] of journals) sm.liveBook()?.book.trim(cursor);
  }

  private deliver(name: string, subscribers: Set<Subscriber>, payload: Payload): void {
    let ms: string | null = null;
    let us: string | null = null;
    for (const sub of subscribers) {
      if (sub.micro) {
        us ??= this.market.ids.eventJson(payload(MICROS));
        sub.deliver(name, us);
      } else {
        ms ??= this.market.ids.eventJson(payload(MILLIS));
        sub.deliver(name, ms);
      }
    }
  }
}
