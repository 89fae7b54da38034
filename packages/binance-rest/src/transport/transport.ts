// The transport: sends any endpoint definition. Validates parameters, keeps to the weight budget (and,
// for order placement, to the account's unfilled-order limits), signs when the endpoint needs it, sends
// with ky, fails over to the next base URL when one cannot be reached, retries idempotent requests
// after network errors and 5xx, reads the weight and order-count headers, honours 429 Retry-After and
// 418 bans, keeps the server clock (re-measured on -1021), parses JSON without losing 64-bit integers,
// checks the response's shape and turns every failure into a named error.

import {
  type ClockOffset,
  type Credentials,
  createSigner,
  measureClockOffset,
  type Signer,
  signRestParams,
} from '@binance-mcp/signing';
import ky, { TimeoutError as KyTimeoutError } from 'ky';
import type * as z from 'zod';
import type { AnyEndpoint, NoExtraKeys, ParamsInput, RawResponse } from '../endpoints/endpoint.js';
import { endpointLabel } from '../endpoints/endpoint.js';
import { time as timeEndpoint } from '../endpoints/market/general.js';
import type { ResultOf } from '../endpoints/results.js';
import {
  ApiError,
  BannedError,
  NetworkError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
  ValidationError,
} from '../errors.js';
import { presets } from '../presets.js';
import { type RestEvent, type RestLogger, redactUrl } from './events.js';
import { bodyText, describeFailure, neverSent, safeCause, systemCode } from './failure.js';
import { parseJson } from './json.js';
import { encodeQuery } from './query.js';
import {
  DEFAULT_LIMIT_RULES,
  type LimitRule,
  limitRule,
  orderLimitRule,
  RateLimiter,
  type RateLimitState,
  type Ticket,
} from './rate-limiter.js';
import { backoffMs, DEFAULT_RETRY, type RetryOptions, type RetryPolicy, retryPolicy } from './retry.js';
import { parseParams } from './validate.js';

export type BudgetMode = 'wait' | 'fail';

/** Options of `createTransport` (and of `createRestClient`, which passes them on). */
export interface TransportOptions {
  /** Base URL of the REST API. Default `https://api.binance.com`; see `presets`. */
  readonly baseUrl?: string;
  /**
   * Base URLs tried in turn when the current one cannot be reached (network errors only, not HTTP
   * errors). A request that changes state (an order) moves on only when nothing of it was sent.
   */
  readonly fallbackUrls?: readonly string[];
  /** Milliseconds to wait for each attempt's response. Default 10000. */
  readonly timeout?: number;
  /** Aborts every request of this client (each call can add its own `signal`). */
  readonly signal?: AbortSignal;
  /** A `fetch` to use instead of the global one (proxies, instrumentation, tests). */
  readonly fetch?: typeof fetch;
  /** Receives structured events: requests, responses with weight, retries, waits, 429s, bans, failovers. */
  readonly logger?: RestLogger;
  /** Retries of idempotent requests after network errors, timeouts and 5xx; `false` for none. */
  readonly retry?: RetryOptions | false;
  /**
   * When a request would exceed the weight budget (or an order the unfilled-order limit): wait until it
   * fits (default) or throw `RateLimitError`.
   */
  readonly onBudgetExhausted?: BudgetMode;
  /**
   * Request weight per minute this client lets the IP reach (Binance counts per IP, and every response's
   * `X-MBX-USED-WEIGHT-1M` includes other programs on it). Default: the REQUEST_WEIGHT limit from the
   * last `exchangeInfo` response, else Binance's documented 6000. Set it lower to leave headroom for
   * other programs on this IP.
   */
  readonly weightLimit?: number;
  /** Clock skew tolerated at weight-window boundaries. Default 1000 ms. */
  readonly windowMarginMs?: number;
  /** Signs `TRADE`/`USER_DATA` requests (from `createSigner` of @binance-mcp/signing). */
  readonly signer?: Signer;
  /**
   * API credentials, turned into a signer with `createSigner` of @binance-mcp/signing: `{ apiKey,
   * apiSecret }` (HMAC) or `{ apiKey, privateKey, privateKeyPassphrase? }` (RSA, Ed25519). Give this
   * or `signer`, not both. A bad key makes every signed call fail with the signing package's error.
   */
  readonly credentials?: Credentials;
  /** `recvWindow` sent with signed requests, in ms. Default: Binance's (5000). */
  readonly recvWindow?: number;
  /**
   * Measure the server-time offset before the first signed request, and again when Binance answers
   * -1021 (timestamp outside the recvWindow), then send that request once more. Default true; with
   * false, call `syncClock()` yourself.
   */
  readonly autoSyncClock?: boolean;
  /** The local clock, epoch ms. Default `Date.now`. For tests. */
  readonly now?: () => number;
  /** How the client waits (budget, backoff). Default: a timer. For tests, with `now`. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Options of a single call. */
export interface CallOptions {
  /** Aborts this call (rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeout` for this call. */
  readonly timeout?: number;
  /** Overrides the client's `onBudgetExhausted` for this call. */
  readonly onBudgetExhausted?: BudgetMode;
  /** Overrides the client's retry policy for this call. */
  readonly retry?: RetryOptions | false;
  /** Overrides the client's `recvWindow` for this signed call (ms, at most 60000). */
  readonly recvWindow?: number;
}

/** `CallOptions` for `transport.request`, plus `raw` to skip the response schema. */
export interface RequestOptions extends CallOptions {
  /**
   * Return the JSON as Binance sent it (unsafe integers as bigint), without checking its shape or
   * renaming fields: klines as 12-element tuples, aggTrades with one-letter keys.
   */
  readonly raw?: boolean;
}

/** The unfilled order count of one ORDERS limit, as the client keeps it. */
export interface OrderCountState {
  /** e.g. `10s`, `1d`. */
  readonly label: string;
  readonly intervalMs: number;
  readonly limit: number;
  /** Orders counted in the current window (raised to `X-MBX-ORDER-COUNT-*` as responses report it). */
  readonly count: number;
}

/** Weight and order-count state (`rateLimitState()`). */
export interface TransportRateLimitState extends RateLimitState {
  /** The ORDERS limits from `exchangeInfo` and the counts in their current windows (empty until known). */
  readonly orders: readonly OrderCountState[];
  /** Epoch ms (server clock) until which a -1015 429 holds order placement back, if later than now. */
  readonly ordersRetryAfterUntil: number | undefined;
}

export interface Transport {
  /** Sends `endpoint` with `params`; resolves to the parsed, typed response. */
  request<E extends AnyEndpoint, const P extends ParamsInput<E>>(
    endpoint: E,
    params: P & NoExtraKeys<P, ParamsInput<E>>,
    options?: RequestOptions & { readonly raw?: false },
  ): Promise<ResultOf<E, P>>;
  request<E extends AnyEndpoint>(
    endpoint: E,
    params: ParamsInput<E>,
    options: RequestOptions & { readonly raw: true },
  ): Promise<RawResponse<E>>;
  /** Measures the server-time offset (`GET /api/v3/time`, best of `samples`) and keeps it. */
  syncClock(options?: { samples?: number; signal?: AbortSignal }): Promise<ClockOffset>;
  /** The measured offset (ms to add to the local clock), or undefined before `syncClock`. */
  readonly clockOffset: number | undefined;
  /** Round trip of the offset measurement (its uncertainty is about half of it), or undefined. */
  readonly clockRoundTrip: number | undefined;
  /** The server's time now, as best known: the local clock plus the measured offset. */
  serverTime(): number;
  /** `serverTime` as a clock function, for `signRestParams({ clock })`. */
  readonly clock: () => number;
  /** Weight used and limits in force; the ORDERS limits and counts. */
  rateLimitState(): TransportRateLimitState;
  /**
   * Replaces the limits with those of an `exchangeInfo` response (done automatically when one
   * arrives): REQUEST_WEIGHT and RAW_REQUESTS for the IP, ORDERS for order placement.
   */
  setRateLimits(rateLimits: readonly RateLimitLike[]): void;
  /** True once ORDERS limits are known (from an `exchangeInfo` response). */
  readonly orderLimitsKnown: boolean;
  /** The base URL requests go to now (a fallback after a failover). */
  readonly activeBaseUrl: string;
  readonly baseUrls: readonly string[];
  /** The signer (also one made from `credentials`, once `createSigner` has finished), if any. */
  readonly signer: Signer | undefined;
  /** The `recvWindow` signed requests carry by default (Binance's 5000 when not set). */
  readonly recvWindow: number;
  /** Emits an event to the logger (a logger that throws is ignored). */
  emit(event: RestEvent): void;
  /** The local clock (the `now` option), epoch ms. */
  now(): number;
  /** Waits as the client waits (the `sleep` option). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A `rateLimits` entry of `exchangeInfo`. */
export interface RateLimitLike {
  readonly rateLimitType: string;
  readonly interval: string;
  readonly intervalNum: number;
  readonly limit: number;
}

const EXCHANGE_INFO_PATH = '/api/v3/exchangeInfo';
/** Binance's default recvWindow. */
const DEFAULT_RECV_WINDOW = 5000;

/**
 * The `timestamp` a failed signed request carried (server clock, ms), by error object: how a caller
 * that must find out whether the request was executed knows when it can no longer be (timestamp +
 * recvWindow). Internal to this package.
 */
const sentTimestamps = new WeakMap<object, number>();

/** The `timestamp` the signed request that failed with `error` was sent with, if known. */
export function sentTimestampOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? sentTimestamps.get(error) : undefined;
}

function invalidOption(parameter: string, value: unknown, allowed: string): never {
  throw new ValidationError({ parameter: `options.${parameter}`, value, allowed });
}

function checkBaseUrl(name: string, value: unknown): string {
  if (typeof value !== 'string')
    return invalidOption(name, value, 'an http(s) URL such as https://api.binance.com');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalidOption(name, value, 'an http(s) URL such as https://api.binance.com');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalidOption(name, value, 'an http(s) URL such as https://api.binance.com');
  }
  if (url.search || url.hash) return invalidOption(name, value, 'a base URL without query or fragment');
  return value.replace(/\/+$/, '');
}

function positive(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    return invalidOption(
      name,
      value,
      `a positive number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`,
    );
  }
  return value;
}

function checkRecvWindow(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'number' ||
    !(value > 0 && value <= 60_000) ||
    Math.round(value * 1000) !== value * 1000
  ) {
    return invalidOption(
      name,
      value,
      'a number of milliseconds above 0 and at most 60000, with up to 3 decimals',
    );
  }
  return value;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const text = headers.get(name);
  if (text === null || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Binance's `{ code, msg }` error body (with `data` where there is one), when that is what came. */
function apiErrorBody(text: string): { code: number; msg: string; data: unknown } | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const body = parseJson(text) as { code?: unknown; msg?: unknown; data?: unknown };
    if (typeof body.code === 'number' && typeof body.msg === 'string')
      return { code: body.code, msg: body.msg, data: body.data };
  } catch {
    // not JSON
  }
  return undefined;
}

/** The ban's end: the time in Binance's -1003 message ("IP banned until 1700000000000"), else Retry-After. */
function banEnd(msg: string | undefined, retryAfterMs: number | undefined, now: number): number {
  const match = msg ? /banned until (\d{10,})/.exec(msg) : null;
  if (match) return Number(match[1]);
  return now + (retryAfterMs ?? 120_000);
}

interface Attempt {
  readonly response: Response;
  readonly text: string;
  readonly baseUrl: string;
  readonly url: string;
  readonly started: number;
}

interface Outgoing {
  readonly method: string;
  readonly pathAndQuery: string;
  readonly headers: Record<string, string> | undefined;
  readonly body: string | undefined;
}

/** Creates a transport. `createRestClient` makes one; use it directly to send your own endpoint definitions. */
export function createTransport(options: TransportOptions = {}): Transport {
  if (options === null || typeof options !== 'object') {
    invalidOption('', options, 'an options object');
  }
  const baseUrls = [
    checkBaseUrl('baseUrl', options.baseUrl ?? presets.production.baseUrl),
    ...(options.fallbackUrls ?? []).map((url, i) => checkBaseUrl(`fallbackUrls.${i}`, url)),
  ];
  if (options.fallbackUrls !== undefined && !Array.isArray(options.fallbackUrls)) {
    invalidOption('fallbackUrls', options.fallbackUrls, 'an array of base URLs');
  }
  const timeoutMs = positive('timeout', options.timeout, 10_000, 2_147_483_647);
  const marginMs = options.windowMarginMs === undefined ? 1000 : options.windowMarginMs;
  if (typeof marginMs !== 'number' || !(marginMs >= 0) || !Number.isFinite(marginMs)) {
    invalidOption('windowMarginMs', marginMs, 'a non-negative number of milliseconds');
  }
  const weightLimit =
    options.weightLimit === undefined ? undefined : positive('weightLimit', options.weightLimit, 6000);
  const budgetMode = options.onBudgetExhausted ?? 'wait';
  if (budgetMode !== 'wait' && budgetMode !== 'fail') {
    invalidOption('onBudgetExhausted', budgetMode, "'wait' or 'fail'");
  }
  for (const name of ['fetch', 'logger', 'now', 'sleep'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      invalidOption(name, options[name], 'a function');
    }
  }
  if (options.signer !== undefined && options.credentials !== undefined) {
    invalidOption('credentials', '(credentials)', 'either `signer` or `credentials`, not both');
  }
  if (
    options.credentials !== undefined &&
    (typeof options.credentials !== 'object' || options.credentials === null)
  ) {
    invalidOption(
      'credentials',
      typeof options.credentials,
      '{ apiKey, apiSecret } or { apiKey, privateKey, privateKeyPassphrase? }',
    );
  }
  const autoSyncClock = options.autoSyncClock ?? true;
  if (typeof autoSyncClock !== 'boolean') invalidOption('autoSyncClock', autoSyncClock, 'true or false');
  const defaultRetry = retryPolicy(options.retry, DEFAULT_RETRY, invalidOption);
  const localNow = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const logger = options.logger;
  const clientSignal = options.signal;
  const recvWindow = checkRecvWindow('recvWindow', options.recvWindow);

  // The signer: given, or made from the credentials (asynchronously: keys are imported and checked).
  let signer: Signer | undefined = options.signer;
  let signerPromise: Promise<Signer> | undefined = options.signer
    ? Promise.resolve(options.signer)
    : undefined;
  if (options.credentials !== undefined) {
    signerPromise = createSigner(options.credentials).then((made) => {
      signer = made;
      return made;
    });
    // Handled when a signed call awaits it; this keeps an unused bad key from an unhandled rejection.
    signerPromise.catch(() => {});
  }

  let offset: number | undefined;
  let roundTrip: number | undefined;
  const serverTime = () => localNow() + (offset ?? 0);

  const withWeightLimit = (rules: readonly LimitRule[]): LimitRule[] =>
    rules.map((rule) =>
      weightLimit !== undefined && rule.kind === 'REQUEST_WEIGHT' && rule.intervalMs === 60_000
        ? { ...rule, limit: weightLimit }
        : rule,
    );
  const limiter = new RateLimiter({
    rules: withWeightLimit(DEFAULT_LIMIT_RULES),
    marginMs,
    now: serverTime,
    sleep,
  });
  // The account's ORDERS limits, once exchangeInfo has said what they are. Waiting for the next
  // 10-second window is fine; waiting for the next day is not (that fails at once, in any mode).
  const orderLimiter = new RateLimiter({ rules: [], marginMs, now: serverTime, sleep, maxWaitMs: 60_000 });
  let orderLimitsKnown = false;
  // Order placements sent and not yet answered: while there are none, an order-count header is exact.
  let ordersInFlight = 0;

  const http = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  let active = 0;

  const emit = (event: RestEvent) => {
    if (!logger) return;
    try {
      logger(event);
    } catch {
      // a failing logger must not fail the request
    }
  };

  const setRateLimits = (rateLimits: readonly RateLimitLike[]) => {
    const rules = rateLimits.map(limitRule).filter((rule): rule is LimitRule => rule !== undefined);
    if (rules.length > 0) limiter.setRules(withWeightLimit(rules));
    const orderRules = rateLimits.map(orderLimitRule).filter((rule): rule is LimitRule => rule !== undefined);
    if (orderRules.length > 0) {
      orderLimiter.setRules(orderRules);
      orderLimitsKnown = true;
    }
  };

  /**
   * Sends one attempt, trying the base URLs in turn from the active one while they cannot be reached.
   * A request that is not idempotent moves to the next base URL only when nothing of it was sent.
   */
  async function send(
    label: string,
    out: Outgoing,
    weight: number,
    attempt: number,
    idempotent: boolean,
    signal: AbortSignal | undefined,
    timeout: number,
  ): Promise<Attempt> {
    const tried: string[] = [];
    let lastError: unknown;
    for (let i = 0; i < baseUrls.length; i++) {
      const index = (active + i) % baseUrls.length;
      const baseUrl = baseUrls[index] as string;
      const url = baseUrl + out.pathAndQuery;
      tried.push(baseUrl);
      const started = logger ? performance.now() : 0;
      if (logger)
        emit({ type: 'request', time: localNow(), endpoint: label, url: redactUrl(url), weight, attempt });
      let response: Response;
      try {
        response = await http(url, {
          method: out.method,
          ...(out.headers ? { headers: out.headers } : {}),
          ...(out.body === undefined ? {} : { body: out.body }),
          ...(signal ? { signal } : {}),
          ...(timeout === timeoutMs ? {} : { timeout }),
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof KyTimeoutError) {
          throw new TimeoutError(
            { endpoint: label, baseUrl, timeoutMs: timeout },
            { cause: safeCause(error) },
          );
        }
        lastError = error;
        if (!idempotent && !neverSent(error)) {
          // It may have reached the server: sending it to another host could execute it twice.
          throw new NetworkError(
            {
              endpoint: label,
              baseUrls: tried,
              code: systemCode(error),
              detail: describeFailure(error),
              phase: 'request',
            },
            { cause: safeCause(error) },
          );
        }
        const next = baseUrls[(index + 1) % baseUrls.length] as string;
        if (i + 1 < baseUrls.length) {
          emit({
            type: 'failover',
            time: localNow(),
            endpoint: label,
            from: baseUrl,
            to: next,
            reason: describeFailure(error),
          });
        }
        continue;
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // An answer came (so this host works): the body broke off.
        if (index !== active) active = index;
        throw new NetworkError(
          {
            endpoint: label,
            baseUrls: [baseUrl],
            code: systemCode(error),
            detail: describeFailure(error),
            phase: 'response',
            status: response.status,
          },
          { cause: safeCause(error) },
        );
      }
      if (index !== active) active = index;
      return { response, text, baseUrl, url, started };
    }
    throw new NetworkError(
      {
        endpoint: label,
        baseUrls: tried,
        code: systemCode(lastError),
        detail: describeFailure(lastError),
        phase: neverSent(lastError) ? 'connect' : 'request',
      },
      { cause: safeCause(lastError) },
    );
  }

  async function signerFor(endpoint: AnyEndpoint, label: string): Promise<Signer> {
    if (!signerPromise) {
      throw new ValidationError({
        endpoint: label,
        parameter: 'options.signer',
        value: undefined,
        allowed: `a Signer (createSigner from @binance-mcp/signing) or options.credentials: ${endpoint.name} is a ${endpoint.security} endpoint`,
      });
    }
    return signerPromise;
  }

  // One clock measurement at a time, shared by every request that needs it.
  let syncing: Promise<ClockOffset> | undefined;
  const resync = (signal?: AbortSignal): Promise<ClockOffset> => {
    if (!syncing) {
      syncing = syncClock({}).finally(() => {
        syncing = undefined;
      });
    }
    return untilAborted(syncing, signal);
  };

  async function request(
    endpoint: AnyEndpoint,
    params: unknown,
    callOptions: RequestOptions = {},
  ): Promise<unknown> {
    const label = endpointLabel(endpoint);
    const parsed = parseParams(endpoint, params);
    const weight = endpoint.weight(parsed);
    const orders = endpoint.orders?.(parsed) ?? 0;
    const idempotent = endpoint.idempotent ?? endpoint.method === 'GET';
    const policy: RetryPolicy =
      callOptions.retry === undefined
        ? defaultRetry
        : retryPolicy(callOptions.retry, defaultRetry, invalidOption);
    const mode = callOptions.onBudgetExhausted ?? budgetMode;
    const timeout =
      callOptions.timeout === undefined
        ? timeoutMs
        : positive('timeout', callOptions.timeout, timeoutMs, 2_147_483_647);
    const callRecvWindow =
      callOptions.recvWindow === undefined
        ? recvWindow
        : checkRecvWindow('recvWindow', callOptions.recvWindow);
    const signal =
      callOptions.signal && clientSignal
        ? AbortSignal.any([callOptions.signal, clientSignal])
        : (callOptions.signal ?? clientSignal);
    const signed = endpoint.security === 'TRADE' || endpoint.security === 'USER_DATA';
    const keyed = endpoint.security !== 'NONE' ? await signerFor(endpoint, label) : undefined;
    if (signed && autoSyncClock && offset === undefined) await resync(signal);
    // Unsigned requests are encoded once; signed ones are signed for each attempt (fresh timestamp).
    const encoded = signed ? '' : encodeQuery(parsed);
    const inBody = endpoint.method !== 'GET';
    let clockRetried = false;

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const onWait = logger
        ? (waitMs: number, reason: 'weight' | 'retry-after') => {
            const state = limiter.state();
            emit({
              type: 'wait',
              time: localNow(),
              endpoint: label,
              weight,
              waitMs,
              reason,
              usedWeight: state.usedWeight,
              weightLimit: state.weightLimit,
            });
          }
        : undefined;
      const orderTicket: Ticket | undefined =
        orders > 0
          ? await orderLimiter.acquire(orders, { endpoint: label, mode, signal, onWait })
          : undefined;
      const ticket: Ticket = await limiter.acquire(weight, { endpoint: label, mode, signal, onWait });

      let out: Outgoing;
      let timestamp: number | undefined;
      if (signed) {
        const s = await signRestParams(keyed as Signer, inBody ? { body: parsed } : { query: parsed }, {
          clock: serverTime,
          ...(callRecvWindow === undefined ? {} : { recvWindow: callRecvWindow }),
        });
        timestamp = s.timestamp;
        out = {
          method: endpoint.method,
          pathAndQuery: s.queryString ? `${endpoint.path}?${s.queryString}` : endpoint.path,
          headers: s.body
            ? { ...s.headers, 'Content-Type': 'application/x-www-form-urlencoded' }
            : { ...s.headers },
          body: s.body || undefined,
        };
      } else {
        const keyHeader = keyed ? { 'X-MBX-APIKEY': keyed.apiKey } : undefined;
        out =
          inBody && encoded
            ? {
                method: endpoint.method,
                pathAndQuery: endpoint.path,
                headers: { ...keyHeader, 'Content-Type': 'application/x-www-form-urlencoded' },
                body: encoded,
              }
            : {
                method: endpoint.method,
                pathAndQuery: encoded ? `${endpoint.path}?${encoded}` : endpoint.path,
                headers: keyHeader,
                body: undefined,
              };
      }

      let result: Attempt;
      if (orders > 0) ordersInFlight++;
      try {
        result = await send(label, out, weight, attempt, idempotent, signal, timeout);
      } catch (error) {
        if (orders > 0) ordersInFlight--;
        if (timestamp !== undefined && typeof error === 'object' && error !== null) {
          sentTimestamps.set(error, timestamp);
        }
        const retryable = error instanceof NetworkError || error instanceof TimeoutError;
        if (retryable && idempotent && attempt <= policy.retries) {
          const delayMs = backoffMs(policy, attempt);
          emit({
            type: 'retry',
            time: localNow(),
            endpoint: label,
            attempt: attempt + 1,
            delayMs,
            reason: error instanceof TimeoutError ? 'timeout' : (error.code ?? 'network error'),
          });
          await sleep(delayMs, signal);
          continue;
        }
        throw error;
      }
      if (orders > 0) ordersInFlight--;

      const { response, text, baseUrl } = result;
      const status = response.status;
      const receivedAt = serverTime();
      limiter.reconcile(ticket, response.headers, receivedAt);
      if (orderTicket)
        orderLimiter.reconcile(orderTicket, response.headers, receivedAt, ordersInFlight === 0);
      const usedWeight = headerNumber(response.headers, 'x-mbx-used-weight-1m');
      if (logger) {
        emit({
          type: 'response',
          time: localNow(),
          endpoint: label,
          url: redactUrl(result.url),
          status,
          durationMs: performance.now() - result.started,
          weight,
          usedWeight,
          attempt,
        });
      }
      const fail = (error: Error): never => {
        if (timestamp !== undefined) sentTimestamps.set(error, timestamp);
        throw error;
      };

      if (status >= 200 && status < 300) {
        let json: unknown;
        try {
          json = parseJson(text);
        } catch (error) {
          return fail(
            new ResponseParseError(
              {
                reason: 'INVALID_JSON',
                endpoint: label,
                status,
                baseUrl,
                usedWeight,
                body: text,
                detail: error instanceof Error ? error.message : String(error),
              },
              { cause: safeCause(error) },
            ),
          );
        }
        if (endpoint.path === EXCHANGE_INFO_PATH) {
          const rateLimits = (json as { rateLimits?: unknown } | null)?.rateLimits;
          if (Array.isArray(rateLimits)) setRateLimits(rateLimits as RateLimitLike[]);
        }
        if (callOptions.raw) return json;
        const fast = endpoint.fastParse?.(json);
        if (fast !== undefined) return fast;
        const schema: z.ZodType = endpoint.responseFor ? endpoint.responseFor(parsed) : endpoint.response;
        const checked = schema.safeParse(json);
        if (checked.success) return checked.data;
        const issues = checked.error.issues.slice(0, 10).map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        }));
        const first = issues[0];
        return fail(
          new ResponseParseError({
            reason: 'UNEXPECTED_SHAPE',
            endpoint: label,
            status,
            baseUrl,
            usedWeight,
            body: text,
            detail: first ? `${first.path || '(root)'}: ${first.message}` : 'no detail',
            issues,
          }),
        );
      }

      const body = apiErrorBody(text);
      const retryAfterSeconds = headerNumber(response.headers, 'retry-after');
      const retryAfterMs = retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000;

      if (status === 418) {
        const until = banEnd(body?.msg, retryAfterMs, serverTime());
        limiter.onBanned(until, body?.code, body?.msg);
        emit({ type: 'ban', time: localNow(), endpoint: label, until });
        return fail(
          new BannedError({
            endpoint: label,
            until,
            code: body?.code,
            msg: body?.msg ?? bodyText(text),
            fromServer: true,
          }),
        );
      }
      if (status === 429) {
        const now = serverTime();
        // -1015: the account's unfilled order count, not the IP's weight; only orders wait for it.
        const ordersLimited = body?.code === -1015;
        const wait = retryAfterMs ?? (ordersLimited ? 10_000 - (now % 10_000) : 60_000 - (now % 60_000));
        const until = (ordersLimited ? orderLimiter : limiter).onRateLimited(Math.max(1000, wait));
        emit({
          type: 'rate-limited',
          time: localNow(),
          endpoint: label,
          retryAfterMs: until - now,
          until,
          usedWeight,
        });
        return fail(
          new RateLimitError({
            source: 'server',
            endpoint: label,
            until,
            retryAfterMs: until - now,
            status,
            code: body?.code,
            msg: body?.msg,
            usedWeight,
            limit: ordersLimited ? undefined : limiter.state().weightLimit,
            rateLimitType: ordersLimited ? 'ORDERS' : 'REQUEST_WEIGHT',
            message: `${label} failed (HTTP 429${body ? `, code ${body.code}` : ''}): ${body?.msg ?? 'rate limit'}; ${ordersLimited ? 'no order' : 'nothing'} is sent for ${Math.ceil((until - now) / 1000)} s${retryAfterMs === undefined ? ' (no Retry-After: until the next window)' : ' (Retry-After)'}`,
          }),
        );
      }
      if (signed && body?.code === -1021 && !clockRetried && autoSyncClock) {
        // The timestamp was outside the recvWindow (or ahead of the server): the clocks drifted apart.
        // Such a request is refused before it is executed, so sending it again is safe.
        clockRetried = true;
        await resync(signal);
        emit({
          type: 'retry',
          time: localNow(),
          endpoint: label,
          attempt: attempt + 1,
          delayMs: 0,
          reason: 'code -1021 (clock re-measured)',
        });
        continue;
      }
      if (status >= 500 && idempotent && attempt <= policy.retries) {
        const delayMs = Math.max(backoffMs(policy, attempt), retryAfterMs ?? 0);
        emit({
          type: 'retry',
          time: localNow(),
          endpoint: label,
          attempt: attempt + 1,
          delayMs,
          reason: `HTTP ${status}`,
        });
        await sleep(delayMs, signal);
        continue;
      }
      return fail(
        new ApiError({
          status,
          code: body?.code,
          msg: body?.msg ?? (bodyText(text) || response.statusText || 'no body'),
          endpoint: label,
          baseUrl,
          usedWeight,
          data: body?.data,
        }),
      );
    }
  }

  async function syncClock(
    syncOptions: { samples?: number; signal?: AbortSignal } = {},
  ): Promise<ClockOffset> {
    const measured = await measureClockOffset(
      async () => {
        const { serverTime: t } = (await request(timeEndpoint, {}, {
          signal: syncOptions.signal,
        } as RequestOptions)) as {
          serverTime: number;
        };
        return t;
      },
      { samples: syncOptions.samples ?? 3, clock: localNow },
    );
    offset = measured.offset;
    roundTrip = measured.roundTrip;
    emit({ type: 'clock', time: localNow(), offset: measured.offset, roundTrip: measured.roundTrip });
    return measured;
  }

  return {
    request: request as Transport['request'],
    syncClock,
    get clockOffset() {
      return offset;
    },
    get clockRoundTrip() {
      return roundTrip;
    },
    serverTime,
    clock: serverTime,
    rateLimitState: () => {
      const now = serverTime();
      const ordersUntil = orderLimiter.state().retryAfterUntil;
      return {
        ...limiter.state(),
        orders: orderLimiter.counts(),
        ordersRetryAfterUntil: ordersUntil !== undefined && ordersUntil > now ? ordersUntil : undefined,
      };
    },
    setRateLimits,
    get orderLimitsKnown() {
      return orderLimitsKnown;
    },
    get activeBaseUrl() {
      return baseUrls[active] as string;
    },
    baseUrls,
    get signer() {
      return signer;
    },
    recvWindow: recvWindow ?? DEFAULT_RECV_WINDOW,
    emit,
    now: localNow,
    sleep,
  };
}

/** Waits for `promise`, or rejects with the signal's reason as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
