// The transport: sends any endpoint definition. Validates parameters, keeps to the weight budget,
// signs when the endpoint needs it, sends with ky, fails over to the next base URL when one cannot be
// reached, retries idempotent requests after network errors and 5xx, reads the weight headers, honours
// 429 Retry-After and 418 bans, parses JSON without losing 64-bit integers, checks the response's shape
// and turns every failure into a named error.

import { type ClockOffset, measureClockOffset, type Signer, signRestParams } from '@binance-mcp/signing';
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
import { parseJson } from './json.js';
import { encodeQuery } from './query.js';
import {
  DEFAULT_LIMIT_RULES,
  type LimitRule,
  limitRule,
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
  /** Base URLs tried in turn when the current one cannot be reached (network errors only, not HTTP errors). */
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
  /** When a request would exceed the weight budget: wait until it fits (default) or throw `RateLimitError`. */
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
  /** `recvWindow` sent with signed requests, in ms. Default: Binance's (5000). */
  readonly recvWindow?: number;
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
}

/** `CallOptions` for `transport.request`, plus `raw` to skip the response schema. */
export interface RequestOptions extends CallOptions {
  /**
   * Return the JSON as Binance sent it (unsafe integers as bigint), without checking its shape or
   * renaming fields: klines as 12-element tuples, aggTrades with one-letter keys.
   */
  readonly raw?: boolean;
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
  /** The server's time now, as best known: the local clock plus the measured offset. */
  serverTime(): number;
  /** `serverTime` as a clock function, for `signRestParams({ clock })`. */
  readonly clock: () => number;
  /** Weight used and limits in force. */
  rateLimitState(): RateLimitState;
  /** Replaces the limits with those of an `exchangeInfo` response (done automatically when one arrives). */
  setRateLimits(rateLimits: readonly RateLimitLike[]): void;
  /** The base URL requests go to now (a fallback after a failover). */
  readonly activeBaseUrl: string;
  readonly baseUrls: readonly string[];
  readonly signer: Signer | undefined;
}

/** A `rateLimits` entry of `exchangeInfo`. */
export interface RateLimitLike {
  readonly rateLimitType: string;
  readonly interval: string;
  readonly intervalNum: number;
  readonly limit: number;
}

const EXCHANGE_INFO_PATH = '/api/v3/exchangeInfo';

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

/** The system error code of a fetch failure (`ECONNREFUSED`, …), looking through `cause`. */
function systemCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeFailure(error: unknown): string {
  const code = systemCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: unknown })?.cause;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  return [code, causeMessage ?? message].filter(Boolean).join(': ');
}

/** Binance's `{ code, msg }` error body, when that is what came. */
function apiErrorBody(text: string): { code: number; msg: string } | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const body = parseJson(text) as { code?: unknown; msg?: unknown };
    if (typeof body.code === 'number' && typeof body.msg === 'string')
      return { code: body.code, msg: body.msg };
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
  const defaultRetry = retryPolicy(options.retry, DEFAULT_RETRY, invalidOption);
  const localNow = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const logger = options.logger;
  const clientSignal = options.signal;
  const signer = options.signer;
  const recvWindow = options.recvWindow;

  let offset: number | undefined;
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
  };

  /** Sends one attempt, trying the base URLs in turn from the active one while they cannot be reached. */
  async function send(
    label: string,
    method: string,
    pathAndQuery: string,
    headers: Record<string, string> | undefined,
    weight: number,
    attempt: number,
    signal: AbortSignal | undefined,
    timeout: number,
  ): Promise<Attempt> {
    const tried: string[] = [];
    let lastError: unknown;
    for (let i = 0; i < baseUrls.length; i++) {
      const index = (active + i) % baseUrls.length;
      const baseUrl = baseUrls[index] as string;
      const url = baseUrl + pathAndQuery;
      tried.push(baseUrl);
      const started = logger ? performance.now() : 0;
      if (logger)
        emit({ type: 'request', time: localNow(), endpoint: label, url: redactUrl(url), weight, attempt });
      try {
        const response = await http(url, {
          method,
          ...(headers ? { headers } : {}),
          ...(signal ? { signal } : {}),
          ...(timeout === timeoutMs ? {} : { timeout }),
        });
        const text = await response.text();
        if (index !== active) active = index;
        return { response, text, baseUrl, url, started };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof KyTimeoutError) {
          throw new TimeoutError({ endpoint: label, baseUrl, timeoutMs: timeout }, { cause: error });
        }
        lastError = error;
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
      }
    }
    throw new NetworkError(
      { endpoint: label, baseUrls: tried, code: systemCode(lastError), detail: describeFailure(lastError) },
      { cause: lastError },
    );
  }

  async function request(
    endpoint: AnyEndpoint,
    params: unknown,
    callOptions: RequestOptions = {},
  ): Promise<unknown> {
    const label = endpointLabel(endpoint);
    const parsed = parseParams(endpoint, params);
    const weight = endpoint.weight(parsed);
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
    const signal =
      callOptions.signal && clientSignal
        ? AbortSignal.any([callOptions.signal, clientSignal])
        : (callOptions.signal ?? clientSignal);
    const signed = endpoint.security === 'TRADE' || endpoint.security === 'USER_DATA';
    if (endpoint.security !== 'NONE' && signer === undefined) {
      throw new ValidationError({
        endpoint: label,
        parameter: 'options.signer',
        value: undefined,
        allowed: `a Signer (createSigner from @binance-mcp/signing): ${endpoint.name} is a ${endpoint.security} endpoint`,
      });
    }
    // Unsigned requests are encoded once; signed ones are signed for each attempt (fresh timestamp).
    const query = signed ? '' : encodeQuery(parsed);

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const ticket: Ticket = await limiter.acquire(weight, {
        endpoint: label,
        mode,
        signal,
        onWait: logger
          ? (waitMs, reason) => {
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
          : undefined,
      });

      let pathAndQuery: string;
      let headers: Record<string, string> | undefined;
      if (signed) {
        const s = await signRestParams(
          signer as Signer,
          { query: parsed },
          {
            clock: serverTime,
            ...(recvWindow === undefined ? {} : { recvWindow }),
          },
        );
        pathAndQuery = `${endpoint.path}?${s.queryString}`;
        headers = { ...s.headers };
      } else {
        pathAndQuery = query ? `${endpoint.path}?${query}` : endpoint.path;
        if (endpoint.security === 'USER_STREAM') headers = { 'X-MBX-APIKEY': (signer as Signer).apiKey };
      }

      let result: Attempt;
      try {
        result = await send(label, endpoint.method, pathAndQuery, headers, weight, attempt, signal, timeout);
      } catch (error) {
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

      const { response, text, baseUrl } = result;
      const status = response.status;
      const receivedAt = serverTime();
      limiter.reconcile(ticket, response.headers, receivedAt);
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

      if (status >= 200 && status < 300) {
        let json: unknown;
        try {
          json = parseJson(text);
        } catch (error) {
          throw new ResponseParseError(
            {
              reason: 'INVALID_JSON',
              endpoint: label,
              status,
              baseUrl,
              usedWeight,
              body: text,
              detail: error instanceof Error ? error.message : String(error),
            },
            { cause: error },
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
        throw new ResponseParseError({
          reason: 'UNEXPECTED_SHAPE',
          endpoint: label,
          status,
          baseUrl,
          usedWeight,
          body: text,
          detail: first ? `${first.path || '(root)'}: ${first.message}` : 'no detail',
          issues,
        });
      }

      const body = apiErrorBody(text);
      const retryAfterSeconds = headerNumber(response.headers, 'retry-after');
      const retryAfterMs = retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000;

      if (status === 418) {
        const until = banEnd(body?.msg, retryAfterMs, serverTime());
        limiter.onBanned(until, body?.code, body?.msg);
        emit({ type: 'ban', time: localNow(), endpoint: label, until });
        throw new BannedError({
          endpoint: label,
          until,
          code: body?.code,
          msg: body?.msg ?? text.slice(0, 200),
          fromServer: true,
        });
      }
      if (status === 429) {
        const now = serverTime();
        const wait = retryAfterMs ?? Math.max(1000, 60_000 - (now % 60_000));
        const until = limiter.onRateLimited(wait);
        emit({
          type: 'rate-limited',
          time: localNow(),
          endpoint: label,
          retryAfterMs: wait,
          until,
          usedWeight,
        });
        throw new RateLimitError({
          source: 'server',
          endpoint: label,
          until,
          retryAfterMs: wait,
          status,
          code: body?.code,
          msg: body?.msg,
          usedWeight,
          limit: limiter.state().weightLimit,
          message: `${label} failed (HTTP 429${body ? `, code ${body.code}` : ''}): ${body?.msg ?? 'rate limit'}; nothing is sent for ${Math.ceil(wait / 1000)} s (Retry-After)`,
        });
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
      throw new ApiError({
        status,
        code: body?.code,
        msg: body?.msg ?? (text.trim().slice(0, 200) || response.statusText || 'no body'),
        endpoint: label,
        baseUrl,
        usedWeight,
      });
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
    emit({ type: 'clock', time: localNow(), offset: measured.offset, roundTrip: measured.roundTrip });
    return measured;
  }

  return {
    request: request as Transport['request'],
    syncClock,
    get clockOffset() {
      return offset;
    },
    serverTime,
    clock: serverTime,
    rateLimitState: () => limiter.state(),
    setRateLimits,
    get activeBaseUrl() {
      return baseUrls[active] as string;
    },
    baseUrls,
    signer,
  };
}
