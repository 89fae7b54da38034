// Structured events for the `logger` option. They carry what an operator needs (endpoint, weight,
// status, timing, waits, retries, bans) and never a secret: no headers, and a signed request's
// `signature` is masked in its URL.

interface EventBase {
  /** Local epoch ms when the event happened. */
  readonly time: number;
}

/** A request is about to be sent (each attempt, each base URL). */
export interface RequestEvent extends EventBase {
  readonly type: 'request';
  readonly endpoint: string;
  readonly url: string;
  readonly weight: number;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** A response arrived (any status). */
export interface ResponseEvent extends EventBase {
  readonly type: 'response';
  readonly endpoint: string;
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly weight: number;
  /** `X-MBX-USED-WEIGHT-1M`: the IP's weight in the current minute, as Binance counts it. */
  readonly usedWeight: number | undefined;
  readonly attempt: number;
}

/** A failed idempotent request will be sent again after `delayMs`. */
export interface RetryEvent extends EventBase {
  readonly type: 'retry';
  readonly endpoint: string;
  /** The attempt about to be made (2 for the first retry). */
  readonly attempt: number;
  readonly delayMs: number;
  /** e.g. `HTTP 503`, `ECONNRESET`, `timeout`. */
  readonly reason: string;
}

/** A request waits for budget: the weight limit, or a 429's Retry-After. */
export interface WaitEvent extends EventBase {
  readonly type: 'wait';
  readonly endpoint: string;
  readonly weight: number;
  /** First estimate of the wait. */
  readonly waitMs: number;
  readonly reason: 'weight' | 'retry-after';
  readonly usedWeight: number;
  readonly weightLimit: number;
}

/** Binance answered 429: nothing is sent until `until`. */
export interface RateLimitedEvent extends EventBase {
  readonly type: 'rate-limited';
  readonly endpoint: string;
  readonly retryAfterMs: number;
  readonly until: number;
  readonly usedWeight: number | undefined;
}

/** Binance answered 418: the IP is banned until `until`; every call fails fast until then. */
export interface BanEvent extends EventBase {
  readonly type: 'ban';
  readonly endpoint: string;
  readonly until: number;
}

/** A base URL gave no response; the next one is tried and, if it answers, used from now on. */
export interface FailoverEvent extends EventBase {
  readonly type: 'failover';
  readonly endpoint: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** The server-time offset was measured. */
export interface ClockEvent extends EventBase {
  readonly type: 'clock';
  /** Milliseconds to add to the local clock to get the server's. */
  readonly offset: number;
  readonly roundTrip: number;
}

/**
 * An order placement whose outcome was open (a timeout, a lost connection, a 5xx) and what the client
 * did about it: `unknown` when it starts finding out, then `placed` (found by its client order id),
 * `not-placed` (proven absent), `resent` (sent once more, as the caller allowed) or `still-unknown`.
 */
export interface PlacementEvent extends EventBase {
  readonly type: 'placement';
  readonly endpoint: string;
  readonly stage: 'unknown' | 'placed' | 'not-placed' | 'resent' | 'still-unknown';
  readonly symbol: string;
  /** The order's `newClientOrderId` (an order list's `listClientOrderId`). */
  readonly clientOrderId: string;
  /** What happened to the request, e.g. `timeout`, `HTTP 503`, `ECONNRESET`. */
  readonly reason: string;
  /** Lookups made so far. */
  readonly checks: number;
}

export type RestEvent =
  | RequestEvent
  | PlacementEvent
  | ResponseEvent
  | RetryEvent
  | WaitEvent
  | RateLimitedEvent
  | BanEvent
  | FailoverEvent
  | ClockEvent;

export type RestLogger = (event: RestEvent) => void;

/** Masks a signed request's signature in a URL or query string. */
export function redactUrl(url: string): string {
  return url.includes('signature=') ? url.replace(/([?&]signature=)[^&]*/g, '$1<redacted>') : url;
}
