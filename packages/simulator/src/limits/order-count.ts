// The unfilled order count of one account (shared by all its API keys): orders placed per 10 seconds
// and per UTC day, in aligned windows (…:00, …:10, …; 00:00 UTC). An order's first fill takes one
// off every window; cancels and expiries do not. Over a limit, new orders get 429 / -1015.

import { ApiError } from '../rest/errors.js';

/** The ORDERS limits in force (shared by every account; tests may lower them). */
export interface OrderRateLimits {
  per10s: number;
  perDay: number;
}

export interface OrderCountEntry {
  rateLimitType: 'ORDERS';
  interval: 'SECOND' | 'DAY';
  intervalNum: number;
  limit: number;
  count: number;
}

const TEN_SECONDS = 10_000;
const DAY = 86_400_000;

export class OrderCounter {
  private window10s = -1;
  private count10s = 0;
  private day = -1;
  private countDay = 0;

  constructor(private readonly limits: OrderRateLimits) {}

  private roll(now: number): void {
    const w = Math.floor(now / TEN_SECONDS);
    if (w !== this.window10s) {
      this.window10s = w;
      this.count10s = 0;
    }
    const d = Math.floor(now / DAY);
    if (d !== this.day) {
      this.day = d;
      this.countDay = 0;
    }
  }

  /** Throws 429 / -1015 when `orders` more would go over a limit (the day is checked first). */
  check(now: number, orders: number): void {
    this.roll(now);
    if (this.countDay + orders > this.limits.perDay) {
      throw tooMany(this.limits.perDay, '1 DAY', Math.ceil(((this.day + 1) * DAY - now) / 1000));
    }
    if (this.count10s + orders > this.limits.per10s) {
      throw tooMany(
        this.limits.per10s,
        '10 SECOND',
        Math.ceil(((this.window10s + 1) * TEN_SECONDS - now) / 1000),
      );
    }
  }

  /** Counts `orders` new orders. Once the day's limit is reached the 10-second count stops growing. */
  add(now: number, orders: number): void {
    this.roll(now);
    const dayWasFull = this.countDay >= this.limits.perDay;
    this.countDay += orders;
    if (!dayWasFull) this.count10s += orders;
  }

  /** An order filled for the first time: one fewer unfilled order in every window (never below 0). */
  filled(now: number): void {
    this.roll(now);
    this.count10s = Math.max(0, this.count10s - 1);
    this.countDay = Math.max(0, this.countDay - 1);
  }

  counts(now: number): { tenSeconds: number; day: number } {
    this.roll(now);
    return { tenSeconds: this.count10s, day: this.countDay };
  }

  /** The `rateLimit/order` answer. */
  entries(now: number): OrderCountEntry[] {
    const c = this.counts(now);
    return [
      {
        rateLimitType: 'ORDERS',
        interval: 'SECOND',
        intervalNum: 10,
        limit: this.limits.per10s,
        count: c.tenSeconds,
      },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: this.limits.perDay, count: c.day },
    ];
  }

  reset(): void {
    this.window10s = -1;
    this.day = -1;
    this.count10s = 0;
    this.countDay = 0;
  }
}

function tooMany(limit: number, per: string, retryAfter: number): ApiError {
  const err = new ApiError(429, -1015, `Too many new orders; current limit is ${limit} orders per ${per}.`);
  err.retryAfter = Math.max(1, retryAfter);
  return err;
}
