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
//
// The same machinery keeps order placement within the account's ORDERS limits (unfilled orders per 10
// seconds and per day, reported in `X-MBX-ORDER-COUNT-10S` / `-1D`): a second limiter whose rules are
// of kind `ORDERS` and whose cost is the number of orders a request adds.

import { BannedError, RateLimitError } from '../errors.js';

/** One limit the client keeps to: at most `limit` units per `intervalMs` window. */
export interface LimitRule {
  /**
   * `REQUEST_WEIGHT` counts each request's weight; `RAW_REQUESTS` counts requests; `ORDERS` counts new
   * orders (per account).
   */
  readonly kind: 'REQUEST_WEIGHT' | 'RAW_REQUESTS' | 'ORDERS';
  readonly intervalMs: number;
  readonly limit: number;
  /**
   * The response header with the server's count (lower case), e.g. `x-mbx-used-weight-1m` or
   * `x-mbx-order-count-10s`.
   */
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
  /**
   * In `wait` mode, a request that would have to wait longer than this fails at once instead (an
   * ORDERS day limit is not worth waiting for). Default: no bound.
   */
  readonly maxWaitMs?: number;
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

/** The rule of an `ORDERS` entry of `exchangeInfo`'s `rateLimits` (e.g. 50 per 10 s, 160000 per day). */
export function orderLimitRule(rateLimit: {
  rateLimitType: string;
  interval: string;
  intervalNum: number;
  limit: number;
}): LimitRule | undefined {
  const unit = UNIT_MS[rateLimit.interval];
  const { intervalNum, limit } = rateLimit;
  if (rateLimit.rateLimitType !== 'ORDERS' || unit === undefined || !(intervalNum > 0) || !(limit > 0)) {
    return undefined;
  }
  const label = `${intervalNum}${rateLimit.interval[0]?.toLowerCase()}`;
  return {
    kind: 'ORDERS',
    intervalMs: unit * intervalNum,
    limit,
    header: `x-mbx-order-count-${label}`,
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

/** What a request costs under a rule: its weight, one request, or the orders it adds. */
function costOf(rule: LimitRule, amount: number): number {
  return rule.kind === 'RAW_REQUESTS' ? 1 : amount;
}

/** How a rule's count is named in messages. */
function countName(rule: LimitRule): string {
  if (rule.kind === 'ORDERS') return 'unfilled order count';
  if (rule.kind === 'RAW_REQUESTS') return 'raw request count';
  return 'request weight budget';
}

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
      const cost = costOf(rule, weight);
      if (cost > rule.limit) {
        throw new RateLimitError({
          source: 'client',
          endpoint: options.endpoint,
          until: Number.POSITIVE_INFINITY,
          retryAfterMs: Number.POSITIVE_INFINITY,
          limit: rule.limit,
          rateLimitType: rule.kind,
          message:
            rule.kind === 'ORDERS'
              ? `${options.endpoint} not sent: its ${cost} orders are more than the whole limit of ${rule.limit} orders per ${rule.label}`
              : `${options.endpoint} not sent: its weight ${cost} is more than the whole budget of ${rule.limit} per ${rule.label}`,
        });
      }
    }
    const maxWait = this.options.maxWaitMs ?? Number.POSITIVE_INFINITY;
    if (this.queue.length === 0) {
      const wait = this.waitMs(weight, now);
      if (wait.ms <= 0) return this.charge(weight, now);
      if (options.mode === 'fail' || wait.ms > maxWait) throw this.budgetError(options.endpoint, now, wait);
      options.onWait?.(wait.ms, wait.reason);
    } else if (options.mode === 'fail') {
      const wait = this.waitMs(weight, now);
      if (wait.ms <= 0) return this.charge(weight, now);
      throw this.budgetError(options.endpoint, now, wait);
    } else {
      const wait = this.waitMs(weight, now);
      if (wait.ms > maxWait) throw this.budgetError(options.endpoint, now, wait);
      options.onWait?.(Math.max(0, wait.ms), 'weight');
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

  /**
   * Raises the counts to what a response's headers report (only when the window is unambiguous).
   * With `exact`, a lower count is taken too: the caller knows no other request it charged can still
   * be on its way to the server (the ORDERS count falls when orders fill).
   */
  reconcile(
    ticket: Ticket,
    headers: { get(name: string): string | null },
    receivedAt: number,
    exact = false,
  ): void {
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
      if (reported > (counter.get(window) ?? 0) || exact) counter.set(window, reported);
    }
  }

  /** Counts in the current window of every rule, for monitoring. */
  counts(): { label: string; intervalMs: number; limit: number; count: number }[] {
    const now = this.options.now();
    return this.rules.map((rule, i) => {
      let count = 0;
      for (const w of this.windows(rule, now)) count = Math.max(count, this.counters[i]?.get(w) ?? 0);
      return { label: rule.label, intervalMs: rule.intervalMs, limit: rule.limit, count };
    });
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

  private budgetError(
    endpoint: string,
    now: number,
    wait: { ms: number; reason: WaitReason; rule: LimitRule | undefined },
  ): RateLimitError {
    const waitMs = wait.ms;
    const rule = wait.rule ?? this.rules[0];
    const index = rule ? this.rules.indexOf(rule) : -1;
    let used = 0;
    if (rule)
      for (const w of this.windows(rule, now)) used = Math.max(used, this.counters[index]?.get(w) ?? 0);
    const why =
      wait.reason === 'retry-after'
        ? 'Binance asked to wait (429 Retry-After)'
        : `the ${rule ? countName(rule) : 'budget'} is used up (${used} of ${rule?.limit} per ${rule ? rule.intervalMs / 1000 : 0} s)`;
    const bounded = waitMs > (this.options.maxWaitMs ?? Number.POSITIVE_INFINITY);
    return new RateLimitError({
      source: 'client',
      endpoint,
      until: now + waitMs,
      retryAfterMs: waitMs,
      usedWeight: rule?.kind === 'REQUEST_WEIGHT' ? used : this.state().usedWeight,
      limit: rule?.limit,
      rateLimitType: rule?.kind ?? 'REQUEST_WEIGHT',
      message: `${endpoint} not sent: ${why}; it could be sent in ${Math.ceil(waitMs)} ms (${bounded ? 'too long to wait' : "onBudgetExhausted is 'fail'"})`,
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
  private waitMs(
    weight: number,
    now: number,
  ): { ms: number; reason: WaitReason; rule: LimitRule | undefined } {
    let until = now;
    let reason: WaitReason = 'weight';
    let blocking: LimitRule | undefined;
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
        const cost = costOf(rule, weight);
        for (const w of this.windows(rule, until)) {
          if ((counter.get(w) ?? 0) + cost > rule.limit) {
            const margin = Math.min(this.options.marginMs, rule.intervalMs / 4);
            const next = (w + 1) * rule.intervalMs + margin;
            if (next > until) {
              until = next;
              moved = true;
              blocking ??= rule;
            }
          }
        }
      }
      if (!moved) break;
    }
    return { ms: until - now, reason, rule: blocking };
  }

  private charge(weight: number, now: number): Ticket {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i] as LimitRule;
      const counter = this.counters[i] as Map<number, number>;
      const cost = costOf(rule, weight);
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
