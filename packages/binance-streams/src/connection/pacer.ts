// Keeps outgoing messages (control messages and our pings) under Binance's 5 per second per
// connection: a sliding window of send times. The server's pings are answered automatically and
// also count on Binance, so the default budget (4) leaves room for them.

import type { Scheduler, TimerHandle } from '../clock.js';

/** A little more than a second: the server measures arrival times, which jitter. */
const WINDOW_MS = 1100;

export class Pacer {
  private readonly sent: number[] = [];
  private readonly queue: Array<() => void> = [];
  private timer: TimerHandle | null = null;
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly perWindow: number,
  ) {}

  /** Runs `send` now if the budget allows, else as soon as it does, in order. */
  enqueue(send: () => void): void {
    if (this.stopped) return;
    this.queue.push(send);
    if (!this.scheduled && this.timer === null) {
      // Let calls made in the same tick batch up first (see the client's SUBSCRIBE merging).
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Timestamps of the sends in the current window (for tests and introspection). */
  get recentSends(): readonly number[] {
    return this.sent;
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    this.timer = null;
    while (this.queue.length > 0 && !this.stopped) {
      const now = this.scheduler.now();
      while (this.sent.length > 0 && now - this.sent[0]! >= WINDOW_MS) this.sent.shift();
      if (this.sent.length >= this.perWindow) {
        this.timer = this.scheduler.setTimeout(() => this.flush(), this.sent[0]! + WINDOW_MS - now);
        return;
      }
      this.sent.push(now);
      this.queue.shift()!();
    }
  }
}

/** Connection attempts across a client, under Binance's 300 per 5 minutes per IP. */
export class AttemptLimiter {
  private readonly attempts: number[] = [];
  constructor(
    private readonly scheduler: Scheduler,
    private readonly limit: number,
    private readonly windowMs = 300_000,
  ) {}

  /** Milliseconds to wait before the next attempt may start (0: now). */
  delay(): number {
    const now = this.scheduler.now();
    while (this.attempts.length > 0 && now - this.attempts[0]! >= this.windowMs) this.attempts.shift();
    if (this.attempts.length < this.limit) return 0;
    return this.attempts[0]! + this.windowMs - now;
  }

  record(): void {
    this.attempts.push(this.scheduler.now());
  }
}
