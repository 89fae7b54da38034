// Every error this package throws is a `BinanceError`. The package ships as ESM and CJS, and an app can
// end up with both copies (or two versions) loaded; `instanceof` must still work across them. So each
// class brands its prototype with a registry symbol and answers `instanceof` by walking the value's
// prototype chain for that brand instead of comparing constructors (as @binance-mcp/signing does).

const BRAND: unique symbol = Symbol.for('@binance-mcp/rest.error') as never;

type Branded = { [BRAND]?: string };

function hasBrand(value: unknown, brand: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null && proto !== undefined; ) {
    if (Object.hasOwn(proto as object, BRAND) && (proto as Branded)[BRAND] === brand) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

function brand(ctor: { prototype: object }, name: string): void {
  Object.defineProperty(ctor.prototype, BRAND, { value: name });
}

/** Base class of every error thrown by `@binance-mcp/rest`. */
export class BinanceError extends Error {
  // `this` is whichever class stands right of `instanceof`: this base or one of its subclasses.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: see above
    const own = this.prototype as Branded;
    // A user's own subclass has no brand of its own: fall back to the ordinary prototype check.
    if (!Object.hasOwn(own, BRAND)) {
      // biome-ignore lint/complexity/noThisInStatic: see above
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    return hasBrand(value, own[BRAND] as string);
  }

  /** The endpoint the error belongs to, e.g. `GET /api/v3/depth` (absent for client options). */
  readonly endpoint: string | undefined;

  constructor(message: string, options?: { cause?: unknown; endpoint?: string | undefined }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.endpoint = options?.endpoint;
  }
}
brand(BinanceError, 'BinanceError');

/**
 * A parameter or option is not allowed; raised before anything is sent. `parameter` names it (a dotted
 * path for nested values, e.g. `symbols.2`), `value` is what was given, `allowed` says what would be
 * accepted.
 */
export class ValidationError extends BinanceError {
  readonly parameter: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(
    init: { parameter: string; value: unknown; allowed: string; endpoint?: string | undefined },
    options?: { cause?: unknown },
  ) {
    const where = init.endpoint ? `${init.endpoint}: ` : '';
    const what =
      init.value === undefined
        ? `parameter '${init.parameter}' is missing`
        : `parameter '${init.parameter}' is ${describeValue(init.value)}`;
    super(`${where}${what}; allowed: ${init.allowed}`, { ...options, endpoint: init.endpoint });
    this.parameter = init.parameter;
    this.value = init.value;
    this.allowed = init.allowed;
  }
}
brand(ValidationError, 'ValidationError');

/** Fields shared by errors that carry an HTTP response from Binance. */
export interface ResponseInfo {
  /** HTTP status. */
  readonly status: number;
  /** The base URL that answered, e.g. `https://api.binance.com`. */
  readonly baseUrl: string;
  /** `X-MBX-USED-WEIGHT-1M` of the response, when present. */
  readonly usedWeight: number | undefined;
}

/**
 * Binance answered with an error: a 4xx (bad request, unknown symbol, WAF block, …) or a 5xx left after
 * retries. `code` and `msg` are Binance's, verbatim (`code` is undefined when the body was not Binance's
 * JSON error, e.g. an HTML page from a proxy; `msg` then holds the start of the body).
 */
export class ApiError extends BinanceError implements ResponseInfo {
  readonly status: number;
  readonly code: number | undefined;
  readonly msg: string;
  readonly baseUrl: string;
  readonly usedWeight: number | undefined;
  /**
   * Detail Binance sends with some errors, as sent: cancelReplace's `{ cancelResult, newOrderResult,
   * cancelResponse, newOrderResponse }` when one half failed (-2021, -2022). Undefined otherwise.
   */
  readonly data: unknown;

  constructor(
    init: {
      status: number;
      code: number | undefined;
      msg: string;
      endpoint: string;
      baseUrl: string;
      usedWeight?: number | undefined;
      data?: unknown;
    },
    options?: { cause?: unknown },
  ) {
    const code = init.code === undefined ? '' : `, code ${init.code}`;
    super(`${init.endpoint} failed (HTTP ${init.status}${code}): ${init.msg}`, {
      ...options,
      endpoint: init.endpoint,
    });
    this.status = init.status;
    this.code = init.code;
    this.msg = init.msg;
    this.baseUrl = init.baseUrl;
    this.usedWeight = init.usedWeight;
    this.data = init.data;
  }
}
brand(ApiError, 'ApiError');

/**
 * The request weight budget is used up. Either Binance answered 429 (`source: 'server'`; `status`, `code`
 * and `msg` are Binance's) or the client refused to send a request that would exceed the budget, because
 * it was told to fail fast instead of waiting (`source: 'client'`). Nothing more is sent before `until`.
 */
export class RateLimitError extends BinanceError {
  readonly source: 'server' | 'client';
  /** Epoch ms (server clock) from which requests may be sent again. */
  readonly until: number;
  /** Milliseconds to wait, as of when the error was raised (`Retry-After` for a 429). */
  readonly retryAfterMs: number;
  readonly status: number | undefined;
  readonly code: number | undefined;
  readonly msg: string | undefined;
  /** Weight used in the current window and the window's limit, as the client saw them. */
  readonly usedWeight: number | undefined;
  readonly limit: number | undefined;
  /**
   * The limit that was hit: the IP's `REQUEST_WEIGHT` (or `RAW_REQUESTS`), or the account's `ORDERS`
   * (unfilled orders per interval; Binance's -1015). `limit` is that limit's.
   */
  readonly rateLimitType: 'REQUEST_WEIGHT' | 'RAW_REQUESTS' | 'ORDERS';

  constructor(init: {
    source: 'server' | 'client';
    endpoint: string;
    until: number;
    retryAfterMs: number;
    message: string;
    status?: number | undefined;
    code?: number | undefined;
    msg?: string | undefined;
    usedWeight?: number | undefined;
    limit?: number | undefined;
    rateLimitType?: 'REQUEST_WEIGHT' | 'RAW_REQUESTS' | 'ORDERS';
  }) {
    super(init.message, { endpoint: init.endpoint });
    this.rateLimitType = init.rateLimitType ?? 'REQUEST_WEIGHT';
    this.source = init.source;
    this.until = init.until;
    this.retryAfterMs = init.retryAfterMs;
    this.status = init.status;
    this.code = init.code;
    this.msg = init.msg;
    this.usedWeight = init.usedWeight;
    this.limit = init.limit;
  }
}
brand(RateLimitError, 'RateLimitError');

/**
 * The IP is banned (HTTP 418) until `until` (epoch ms, server clock). The client sends nothing until
 * then: every call fails fast with this error.
 */
export class BannedError extends BinanceError {
  readonly until: number;
  readonly status = 418 as const;
  readonly code: number | undefined;
  readonly msg: string | undefined;

  constructor(init: {
    endpoint: string;
    until: number;
    code?: number | undefined;
    msg?: string | undefined;
    fromServer: boolean;
  }) {
    const when = new Date(init.until).toISOString();
    super(
      init.fromServer
        ? `${init.endpoint} failed (HTTP 418${init.code === undefined ? '' : `, code ${init.code}`}): ${init.msg ?? 'IP banned'}; no request will be sent until ${when}`
        : `${init.endpoint} not sent: this IP is banned by Binance until ${when} (HTTP 418 earlier); waiting it out is the only way to lift the ban`,
      { endpoint: init.endpoint },
    );
    this.until = init.until;
    this.code = init.code;
    this.msg = init.msg;
  }
}
brand(BannedError, 'BannedError');

/**
 * The request did not get a (complete) HTTP response: connection refused or reset, DNS failure, TLS
 * error, on every base URL tried; or the connection broke in the middle of the response's body.
 * `code` is the system error code when there is one (`ECONNREFUSED`, …).
 *
 * `phase` says how far the request got, which matters for requests that change state (an order):
 * `connect`: no connection could be made, nothing reached the server; `request`: the connection broke
 * after the request may have been sent (its outcome is unknown); `response`: the status (`status`)
 * and headers arrived, then the body broke off (the request was processed).
 */
export class NetworkError extends BinanceError {
  readonly code: string | undefined;
  /** The base URLs tried, in order. */
  readonly baseUrls: readonly string[];
  readonly phase: 'connect' | 'request' | 'response';
  /** The HTTP status, when it arrived before the body broke off (`phase: 'response'`). */
  readonly status: number | undefined;

  constructor(
    init: {
      endpoint: string;
      baseUrls: readonly string[];
      code: string | undefined;
      detail: string;
      phase?: 'connect' | 'request' | 'response';
      status?: number | undefined;
    },
    options?: { cause?: unknown },
  ) {
    const what =
      init.phase === 'response'
        ? `the response (HTTP ${init.status}) from ${init.baseUrls.join(', ')} broke off`
        : `no response from ${init.baseUrls.join(', ')}`;
    super(`${init.endpoint} failed: ${what} (${init.detail})`, {
      ...options,
      endpoint: init.endpoint,
    });
    this.code = init.code;
    this.baseUrls = init.baseUrls;
    this.phase = init.phase ?? 'request';
    this.status = init.status;
  }
}
brand(NetworkError, 'NetworkError');

/** No response within `timeoutMs`. For a request that changes state, its outcome is unknown. */
export class TimeoutError extends BinanceError {
  readonly timeoutMs: number;
  readonly baseUrl: string;

  constructor(init: { endpoint: string; baseUrl: string; timeoutMs: number }, options?: { cause?: unknown }) {
    super(`${init.endpoint} timed out: no response from ${init.baseUrl} within ${init.timeoutMs} ms`, {
      ...options,
      endpoint: init.endpoint,
    });
    this.timeoutMs = init.timeoutMs;
    this.baseUrl = init.baseUrl;
  }
}
brand(TimeoutError, 'TimeoutError');

/**
 * A response that cannot be used: not JSON (truncated, an HTML page) or JSON of an unexpected shape.
 * `bodyPreview` holds the start of the body; `issues` lists where the shape differed.
 */
export class ResponseParseError extends BinanceError implements ResponseInfo {
  readonly reason: 'INVALID_JSON' | 'UNEXPECTED_SHAPE';
  readonly status: number;
  readonly baseUrl: string;
  readonly usedWeight: number | undefined;
  readonly bodyPreview: string;
  readonly issues: readonly { readonly path: string; readonly message: string }[];

  constructor(
    init: {
      reason: 'INVALID_JSON' | 'UNEXPECTED_SHAPE';
      endpoint: string;
      status: number;
      baseUrl: string;
      usedWeight?: number | undefined;
      body: string;
      detail: string;
      issues?: readonly { readonly path: string; readonly message: string }[];
    },
    options?: { cause?: unknown },
  ) {
    const kind = init.reason === 'INVALID_JSON' ? 'is not valid JSON' : 'has an unexpected shape';
    super(`${init.endpoint}: the response (HTTP ${init.status}) ${kind}: ${init.detail}`, {
      ...options,
      endpoint: init.endpoint,
    });
    this.reason = init.reason;
    this.status = init.status;
    this.baseUrl = init.baseUrl;
    this.usedWeight = init.usedWeight;
    this.bodyPreview = init.body.length > 200 ? `${init.body.slice(0, 200)}…` : init.body;
    this.issues = init.issues ?? [];
  }
}
brand(ResponseParseError, 'ResponseParseError');

/**
 * An order breaks one of its symbol's filters (from `exchangeInfo`), found before anything was sent:
 * the same check Binance would fail with -1013 "Filter failure: <filter>". `parameter` and `value`
 * are the offending parameter and what was given, `rule` is the filter's rule as documented, and
 * `nearest` the closest values that pass (empty when no value of this parameter can, e.g. too many
 * open orders).
 */
export class FilterError extends ValidationError {
  /** The filter's type, e.g. `LOT_SIZE`, `PRICE_FILTER`, `NOTIONAL`, `PERCENT_PRICE_BY_SIDE`. */
  readonly filter: string;
  readonly symbol: string;
  /** The rule that failed, e.g. `quantity % stepSize == 0 (stepSize 0.00100000)`. */
  readonly rule: string;
  /** The nearest valid values of `parameter` (below and/or above `value`), as decimal strings. */
  readonly nearest: readonly string[];

  constructor(init: {
    filter: string;
    symbol: string;
    parameter: string;
    value: unknown;
    /** What is wrong, e.g. `is not a multiple of stepSize 0.001`. */
    problem: string;
    rule: string;
    allowed: string;
    nearest?: readonly string[];
    endpoint?: string | undefined;
  }) {
    super({ parameter: init.parameter, value: init.value, allowed: init.allowed, endpoint: init.endpoint });
    const nearest = init.nearest ?? [];
    const where = init.endpoint ? `${init.endpoint}: ` : '';
    const hint = nearest.length > 0 ? `; nearest valid ${init.parameter}: ${nearest.join(' or ')}` : '';
    // Filters are named by their filterType (upper case); the symbol's own rules by their field.
    const kind = /^[A-Z_]+$/.test(init.filter) ? 'Filter failure:' : 'Symbol rule';
    this.message = `${where}${kind} ${init.filter} of ${init.symbol}: ${init.parameter} ${describeValue(init.value)} ${init.problem}${hint} (rule: ${init.rule})`;
    this.filter = init.filter;
    this.symbol = init.symbol;
    this.rule = init.rule;
    this.nearest = nearest;
  }
}
brand(FilterError, 'FilterError');

/**
 * An order (or order list) whose placement failed in a way that leaves its outcome open (a timeout, a
 * lost connection, a 5xx, -1006 / -1007), and that the client then proved was not placed: Binance
 * has no order with its client order id, asked after the request's `recvWindow` had passed, so the
 * request can no longer be executed either. Sending it again is safe. `cause` is the original failure.
 */
export class OrderNotPlacedError extends BinanceError {
  readonly symbol: string;
  /** The `newClientOrderId` (or, for an order list, the `listClientOrderId`) that was sent. */
  readonly clientOrderId: string;
  readonly kind: 'order' | 'orderList';
  /** True when the client already sent the order a second time (the caller's `resendIfNotPlaced`), which failed too. */
  readonly resent: boolean;
  /**
   * For cancelReplace: whether the order to cancel is canceled now (`true`: the cancel went through, or
   * the order was canceled otherwise; `false`: it is still open), or unknown.
   */
  readonly cancelled: boolean | undefined;

  constructor(
    init: {
      endpoint: string;
      symbol: string;
      clientOrderId: string;
      kind: 'order' | 'orderList';
      reason: string;
      resent?: boolean;
      cancelled?: boolean | undefined;
    },
    options?: { cause?: unknown },
  ) {
    const what = init.kind === 'orderList' ? 'order list' : 'order';
    const cancel =
      init.cancelled === undefined
        ? ''
        : init.cancelled
          ? '; the order to replace is canceled'
          : '; the order to replace is still open';
    super(
      `${init.endpoint}: the ${what} "${init.clientOrderId}" on ${init.symbol} was not placed (${init.reason}; Binance has no ${what} with this client id after the request's recvWindow passed${init.resent ? ', also after sending it once more' : ''})${cancel}`,
      { ...options, endpoint: init.endpoint },
    );
    this.symbol = init.symbol;
    this.clientOrderId = init.clientOrderId;
    this.kind = init.kind;
    this.resent = init.resent ?? false;
    this.cancelled = init.cancelled;
  }
}
brand(OrderNotPlacedError, 'OrderNotPlacedError');

/**
 * An order (or order list) whose placement failed in a way that leaves its outcome open, and whose
 * outcome the client could not establish either: the queries by its client order id kept failing.
 * It may or may not exist; look it up later by `clientOrderId` (`getOrder({ symbol,
 * origClientOrderId })` or `getOrderList({ origClientOrderId })`) before sending it again.
 */
export class OrderStatusUnknownError extends BinanceError {
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly kind: 'order' | 'orderList';

  constructor(
    init: {
      endpoint: string;
      symbol: string;
      clientOrderId: string;
      kind: 'order' | 'orderList';
      reason: string;
    },
    options?: { cause?: unknown },
  ) {
    const what = init.kind === 'orderList' ? 'order list' : 'order';
    super(
      `${init.endpoint}: whether the ${what} "${init.clientOrderId}" on ${init.symbol} was placed is unknown (${init.reason}); look it up by its client order id before sending it again`,
      { ...options, endpoint: init.endpoint },
    );
    this.symbol = init.symbol;
    this.clientOrderId = init.clientOrderId;
    this.kind = init.kind;
  }
}
brand(OrderStatusUnknownError, 'OrderStatusUnknownError');

/** Shows a value in an error message: JSON-ish, and cut short so messages stay readable. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'number') text = Object.is(value, -0) ? '-0' : String(value);
  else if (value === undefined || value === null || typeof value === 'boolean') text = String(value);
  else if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'symbol') text = value.toString();
  else if (value instanceof Date)
    text = `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  else if (Array.isArray(value)) {
    try {
      text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    } catch {
      text = `an array of ${value.length}`;
    }
  } else text = `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
