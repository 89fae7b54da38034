// Keeps requests within Binance's IP limits, so a burst of thousands of calls gets no 429.
//
// Binance counts request weight per IP in fixed windows of its own clock (e.g. each minute) and reports
// the running total in `X-MBX-USED-WEIGHT-1M`. The limiter charges every request's documented weight
// before it is sent, raises its count to the server's whenever a response reports more (other programs
// on the same IP count too), and holds back any request that would take a window over its limit until
// the window has passed. Clocks are never exactly in step, so a request sent within `marginMs` of a
// window boundary is counted in both windows it might land in, and a window is only taken to be over
// `marginMs` after its end.
//
// A 429's `Retry-After` holds every request back until it has passed; a 418 ban makes every request
// fail fast until the ban ends.

import { BannedError, RateLimitError } from '../errors.js';

/** One limit the client keeps to: at most `limit` units per `intervalMs` window. */
export interface LimitRule {
  /** `REQUEST_WEIGHT` counts each request's weight; `RAW_REQUESTS` counts requests. */
  readonly kind: 'REQUEST_WEIGHT' | 'RAW_REQUESTS';
  readonly intervalMs: number;
  readonly limit: number;
  /** The response header with the server's count (lower case), e.g. `x-mbx-used-weight-1m`. */
  readonly header: string | undefined;
  /** e.g. `1m`, for messages and headers. */
  readonly label: string;
}

/** Snapshot of the limiter, for monitoring (`client.rateLimitState()`). */
export interface RateLimitState {
  /** Request weight counted in the current window of the first REQUEST_WEIGHT rule. */
  readonly usedWeight: number;
  /** That rule's limit (per `windowMs`). */
  readonly weightLimit: number;
  readonly windowMs: number;
  /** Requests waiting for budget. */
  readonly queued: number;
  /** Epoch ms (server clock) until which a 429's Retry-After holds requests back, if later than now. */
  readonly retryAfterUntil: number | undefined;
  /** Epoch ms (server clock) until which the IP is banned, if later than now. */
  readonly bannedUntil: number | undefined;
  readonly rules: readonly LimitRule[];
}

/** What `acquire` hands back: when and where the request was charged, for reconciling headers later. */
export interface Ticket {
  readonly sentAt: number;
  readonly weight: number;
}

export type WaitReason = 'weight' | 'retry-after';

export interface AcquireOptions {
  readonly endpoint: string;
  readonly mode: 'wait' | 'fail';
  readonly signal?: AbortSignal | undefined;
  /** Called once when the request has to wait, with the first estimate of how long. */
  readonly onWait?: ((waitMs: number, reason: WaitReason) => void) | undefined;
}

interface Waiter {
  readonly weight: number;
  readonly options: AcquireOptions;
  readonly resolve: (ticket: Ticket) => void;
  readonly reject: (error: unknown) => void;
  removeAbortListener: () => void;
}

export interface RateLimiterOptions {
  readonly rules: readonly LimitRule[];
  /** Clock skew tolerated at window boundaries, in ms. */
  readonly marginMs: number;
  /** The server's time, as best known (local clock plus the measured offset). */
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  SECOND: 1_000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

/**
 * The rules for one of `exchangeInfo`'s `rateLimits` entries (ORDERS limits are per account and tracked
 * on order responses, not here).
 */
export function limitRule(rateLimit: {
  rateLimitType: string;
  interval: string;
  intervalNum: number;
  limit: number;
}): LimitRule | undefined {
  const unit = UNIT_MS[rateLimit.interval];
  const { rateLimitType: kind, intervalNum, limit } = rateLimit;
  if (unit === undefined || !(intervalNum > 0) || !(limit > 0)) return undefined;
  if (kind !== 'REQUEST_WEIGHT' && kind !== 'RAW_REQUESTS') return undefined;
  const label = `${intervalNum}${rateLimit.interval[0]?.toLowerCase()}`;
  return {
    kind,
    intervalMs: unit * intervalNum,
    limit,
    header: kind === 'REQUEST_WEIGHT' ? `x-mbx-used-weight-${label}` : undefined,
    label,
  };
}

/** Binance's documented IP limits: 6000 weight per minute and 61000 requests per 5 minutes. */
export const DEFAULT_LIMIT_RULES: readonly LimitRule[] = [
  limitRule({
    rateLimitType: 'REQUEST_WEIGHT',
    interval: 'MINUTE',
    intervalNum: 1,
    limit: 6000,
  }) as LimitRule,
  limitRule({ rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 }) as LimitRule,
];

export class RateLimiter {
  private rules: readonly LimitRule[];
  // Per rule: window index → units counted. Holds at most the current and neighbouring windows.
  private counters: Map<number, number>[];
  private retryAfterUntil = 0;
  private bannedUntil = 0;
  private banMessage: { code: number | undefined; msg: string | undefined } | undefined;
  private readonly queue: Waiter[] = [];
  private pumping = false;
  private wake: AbortController | undefined;

  constructor(private readonly options: RateLimiterOptions) {
    this.rules = options.rules;
    this.counters = this.rules.map(() => new Map());
  }

  /** Replaces the rules (e.g. from `exchangeInfo`), keeping the counts of rules that stay. */
  setRules(rules: readonly LimitRule[]): void {
    const previous = new Map(
      this.rules.map((rule, i) => [`${rule.kind}/${rule.intervalMs}`, this.counters[i]]),
    );
    this.rules = rules;
    this.counters = rules.map((rule) => previous.get(`${rule.kind}/${rule.intervalMs}`) ?? new Map());
    this.wake?.abort();
  }

  getRules(): readonly LimitRule[] {
    return this.rules;
  }

  /**
   * Charges `weight` when the budget allows, now or later. Resolves synchronously-fast (no timer) when
   * it fits; waits in FIFO order otherwise (or throws `RateLimitError` in `fail` mode).
   */
  acquire(weight: number, options: AcquireOptions): Ticket | Promise<Ticket> {
    const now = this.options.now();
    this.checkBan(now, options.endpoint);
    for (const rule of this.rules) {
      const cost = rule.kind === 'REQUEST_WEIGHT' ? weight : 1;
      if (cost > rule.limit) {
        throw new RateLimitError({
          source: 'client',
          endpoint: options.endpoint,
          until: Number.POSITIVE_INFINITY,
          retryAfterMs: Number.POSITIVE_INFINITY,
          limit: rule.limit,
          message: `${options.endpoint} not sent: its weight ${cost} is more than the whole budget of ${rule.limit} per ${rule.label}`,
        });
      }
    }
    if (this.queue.length === 0) {
      const wait = this.waitMs(weight, now);
      if (wait.ms <= 0) return this.charge(weight, now);
      if (options.mode === 'fail') throw this.budgetError(options.endpoint, now, wait.ms, wait.reason);
      options.onWait?.(wait.ms, wait.reason);
    } else if (options.mode === 'fail') {
      const wait = this.waitMs(weight, now);
      if (wait.ms <= 0) return this.charge(weight, now);
      throw this.budgetError(options.endpoint, now, wait.ms, wait.reason);
    } else {
      options.onWait?.(Math.max(0, this.waitMs(weight, now).ms), 'weight');
    }
    options.signal?.throwIfAborted();
    return new Promise<Ticket>((resolve, reject) => {
      const waiter: Waiter = { weight, options, resolve, reject, removeAbortListener: () => {} };
      const signal = options.signal;
      if (signal) {
        const onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index !== -1) this.queue.splice(index, 1);
          // The pump sleeps for the head; a new head may be able to go sooner.
          if (index === 0) this.wake?.abort();
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.removeAbortListener = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** Raises the counts to what a response's headers report (only when the window is unambiguous). */
  reconcile(ticket: Ticket, headers: { get(name: string): string | null }, receivedAt: number): void {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i] as LimitRule;
      if (rule.header === undefined) continue;
      const text = headers.get(rule.header);
      if (text === null) continue;
      const reported = Number(text);
      if (!Number.isFinite(reported)) continue;
      const sent = this.windows(rule, ticket.sentAt);
      const received = this.windows(rule, receivedAt);
      // The server counted the request in the window of its own arrival time, somewhere between the
      // two; only when both ends fall in one window is it certain which window the header speaks of.
      if (sent.length !== 1 || received.length !== 1 || sent[0] !== received[0]) continue;
      const counter = this.counters[i] as Map<number, number>;
      const window = sent[0] as number;
      if (reported > (counter.get(window) ?? 0)) counter.set(window, reported);
    }
  }

  /** A 429: nothing is sent until `retryAfterMs` from now. */
  onRateLimited(retryAfterMs: number): number {
    const until = this.options.now() + retryAfterMs;
    if (until > this.retryAfterUntil) this.retryAfterUntil = until;
    this.wake?.abort();
    return this.retryAfterUntil;
  }

  /** A 418: every request fails fast until `until`; waiting requests fail now. */
  onBanned(until: number, code: number | undefined, msg: string | undefined): void {
    if (until > this.bannedUntil) {
      this.bannedUntil = until;
      this.banMessage = { code, msg };
    }
    const waiting = this.queue.splice(0);
    for (const waiter of waiting) {
      waiter.removeAbortListener();
      waiter.reject(this.bannedError(waiter.options.endpoint));
    }
    // Nothing is left to wait for: end the pump's sleep rather than leave its timer running.
    this.wake?.abort();
  }

  state(): RateLimitState {
    const now = this.options.now();
    const index = this.rules.findIndex((rule) => rule.kind === 'REQUEST_WEIGHT');
    const rule = this.rules[index];
    let used = 0;
    if (rule) {
      for (const w of this.windows(rule, now)) used = Math.max(used, this.counters[index]?.get(w) ?? 0);
    }
    return {
      usedWeight: used,
      weightLimit: rule?.limit ?? Number.POSITIVE_INFINITY,
      windowMs: rule?.intervalMs ?? 0,
      queued: this.queue.length,
      retryAfterUntil: this.retryAfterUntil > now ? this.retryAfterUntil : undefined,
      bannedUntil: this.bannedUntil > now ? this.bannedUntil : undefined,
      rules: this.rules,
    };
  }

  private checkBan(now: number, endpoint: string): void {
    if (now < this.bannedUntil) throw this.bannedError(endpoint);
  }

  private bannedError(endpoint: string): BannedError {
    return new BannedError({
      endpoint,
      until: this.bannedUntil,
      code: this.banMessage?.code,
      msg: this.banMessage?.msg,
      fromServer: false,
    });
  }

  private budgetError(endpoint: string, now: number, waitMs: number, reason: WaitReason): RateLimitError {
    const state = this.state();
    const why =
      reason === 'retry-after'
        ? 'Binance asked to wait (429 Retry-After)'
        : `the request weight budget is used up (${state.usedWeight} of ${state.weightLimit} per ${state.windowMs / 1000} s)`;
    return new RateLimitError({
      source: 'client',
      endpoint,
      until: now + waitMs,
      retryAfterMs: waitMs,
      usedWeight: state.usedWeight,
      limit: state.weightLimit,
      message: `${endpoint} not sent: ${why}; it could be sent in ${Math.ceil(waitMs)} ms (onBudgetExhausted is 'fail')`,
    });
  }

  /** Window indices a request sent at `t` may be counted in (two near a boundary). */
  private windows(rule: LimitRule, t: number): number[] {
    const margin = Math.min(this.options.marginMs, rule.intervalMs / 4);
    const early = Math.floor((t - margin) / rule.intervalMs);
    const late = Math.floor((t + margin) / rule.intervalMs);
    return early === late ? [early] : [early, late];
  }

  /** How long until `weight` fits (≤ 0: now), and what it waits for (a 429's Retry-After first). */
  private waitMs(weight: number, now: number): { ms: number; reason: WaitReason } {
    let until = now;
    let reason: WaitReason = 'weight';
    if (this.retryAfterUntil > until) {
      until = this.retryAfterUntil;
      reason = 'retry-after';
    }
    // Checked at `until`, since the windows then may differ from now's; a rule that is full there moves
    // `until` past its window, and the rules are checked again from there.
    for (let round = 0; round < 8; round++) {
      let moved = false;
      for (let i = 0; i < this.rules.length; i++) {
        const rule = this.rules[i] as LimitRule;
        const counter = this.counters[i] as Map<number, number>;
        const cost = rule.kind === 'REQUEST_WEIGHT' ? weight : 1;
        for (const w of this.windows(rule, until)) {
          if ((counter.get(w) ?? 0) + cost > rule.limit) {
            const margin = Math.min(this.options.marginMs, rule.intervalMs / 4);
            const next = (w + 1) * rule.intervalMs + margin;
            if (next > until) {
              until = next;
              moved = true;
            }
          }
        }
      }
      if (!moved) break;
    }
    return { ms: until - now, reason };
  }

  private charge(weight: number, now: number): Ticket {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i] as LimitRule;
      const counter = this.counters[i] as Map<number, number>;
      const cost = rule.kind === 'REQUEST_WEIGHT' ? weight : 1;
      const windows = this.windows(rule, now);
      for (const w of windows) counter.set(w, (counter.get(w) ?? 0) + cost);
      if (counter.size > 3) {
        const oldest = (windows[0] as number) - 1;
        for (const w of counter.keys()) if (w < oldest) counter.delete(w);
      }
    }
    return { sentAt: now, weight };
  }

  /** Lets waiting requests go, in order, as budget frees up. One pump runs at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0] as Waiter;
        const now = this.options.now();
        if (now < this.bannedUntil) {
          this.onBanned(this.bannedUntil, this.banMessage?.code, this.banMessage?.msg);
          break;
        }
        const wait = this.waitMs(head.weight, now);
        if (wait.ms <= 0) {
          this.queue.shift();
          head.removeAbortListener();
          head.resolve(this.charge(head.weight, now));
          continue;
        }
        this.wake = new AbortController();
        try {
          await this.options.sleep(wait.ms, this.wake.signal);
        } catch {
          // woken early: rules changed, a 429 or a ban arrived; look again
        }
        this.wake = undefined;
      }
    } finally {
      this.pumping = false;
    }
  }
}
