// Per-IP request-weight budget over the server clock's minutes: 429 with Retry-After when a request
// takes the minute over the limit, 418 and a ban (2 minutes, doubling for repeat offenders, at most
// 3 days) when a client keeps sending after its 429s.

import type { Clock } from '../clock.js';

export interface WeightLimitOptions {
  /** Weight per minute (Binance: 6000). */
  limit: number;
  /** How many requests answered 429 in one minute are tolerated before the IP is banned. */
  banAfter: number;
  /** Duration of the first ban; each further ban doubles it, up to 3 days. */
  banMs: number;
}

export type WeightVerdict =
  | { kind: 'ok'; used: number }
  | { kind: 'limited'; used: number; retryAfter: number }
  | { kind: 'banned'; used: number; retryAfter: number; until: number };

interface IpState {
  window: number;
  used: number;
  rejected: number;
  bannedUntil: number;
  bans: number;
}

const MINUTE = 60_000;
const MAX_BAN = 3 * 86_400_000;

export class WeightLimiter {
  private readonly ips = new Map<string, IpState>();
  constructor(
    readonly options: WeightLimitOptions,
    private readonly clock: Clock,
  ) {}

  private state(ip: string): IpState {
    const window = Math.floor(this.clock.now() / MINUTE);
    let s = this.ips.get(ip);
    if (!s) {
      s = { window, used: 0, rejected: 0, bannedUntil: 0, bans: 0 };
      this.ips.set(ip, s);
    }
    if (s.window !== window) {
      s.window = window;
      s.used = 0;
      s.rejected = 0;
    }
    return s;
  }

  /** Weight used by `ip` in the current minute. */
  used(ip: string): number {
    return this.state(ip).used;
  }

  /** Charges a request's weight and says whether it may be served. */
  charge(ip: string, weight: number): WeightVerdict {
    const now = this.clock.now();
    const s = this.state(ip);
    if (s.bannedUntil > now) {
      return {
        kind: 'banned',
        used: s.used,
        retryAfter: Math.ceil((s.bannedUntil - now) / 1000),
        until: s.bannedUntil,
      };
    }
    s.used += weight;
    if (s.used <= this.options.limit) return { kind: 'ok', used: s.used };
    s.rejected += 1;
    if (s.rejected > this.options.banAfter) {
      const duration = Math.min(MAX_BAN, this.options.banMs * 2 ** s.bans);
      s.bans += 1;
      s.bannedUntil = now + duration;
      return { kind: 'banned', used: s.used, retryAfter: Math.ceil(duration / 1000), until: s.bannedUntil };
    }
    const retryAfter = Math.max(1, Math.ceil(((s.window + 1) * MINUTE - now) / 1000));
    return { kind: 'limited', used: s.used, retryAfter };
  }

  /** Gives back weight charged for a request that turned out to be free (successful orders). */
  refund(ip: string, weight: number): number {
    const s = this.state(ip);
    s.used = Math.max(0, s.used - weight);
    return s.used;
  }

  /** Uses up the rest of the current minute's budget for `ip`. */
  exhaust(ip: string): void {
    const s = this.state(ip);
    s.used = Math.max(s.used, this.options.limit);
  }

  /** Bans `ip` now for `ms`. */
  ban(ip: string, ms: number): void {
    const s = this.state(ip);
    s.bannedUntil = this.clock.now() + ms;
    s.bans += 1;
  }

  reset(): void {
    this.ips.clear();
  }
}
