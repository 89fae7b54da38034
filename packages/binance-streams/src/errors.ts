// Every error this package throws or reports is a StreamsError, so one `instanceof` catches them all.

/** Base class of every error of @binance-mcp/streams. */
export class StreamsError extends Error {
  override name = 'StreamsError';
}

/** A parameter (a stream descriptor, a name, an option) was not valid; nothing was sent. */
export class InvalidParameterError extends StreamsError {
  override name = 'InvalidParameterError';
  constructor(
    readonly parameter: string,
    readonly value: unknown,
    allowed: string,
  ) {
    super(`Invalid ${parameter}: ${describe(value)}; expected ${allowed}`);
  }
}

/** The server answered a control request (SUBSCRIBE, UNSUBSCRIBE, …) with an error. */
export class StreamRequestError extends StreamsError {
  override name = 'StreamRequestError';
  constructor(
    readonly method: string,
    /** Binance's error code, e.g. 2 for an invalid request. */
    readonly code: number,
    /** Binance's error message, verbatim. */
    readonly serverMessage: string,
    readonly streams: readonly string[],
  ) {
    super(
      `${method} ${streams.slice(0, 3).join(', ')}${streams.length > 3 ? ', …' : ''} failed: ${serverMessage} (code ${code})`,
    );
  }
}

/** A payload did not have the shape of its stream: the field that would break is named. */
export class PayloadError extends StreamsError {
  override name = 'PayloadError';
  constructor(
    readonly stream: string,
    readonly field: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Malformed payload on ${stream}: field '${field}' is ${describe(value)}, expected ${expected}`);
  }
}

/** A subscription's buffer was full and its overflow policy is 'error'. */
export class BufferOverflowError extends StreamsError {
  override name = 'BufferOverflowError';
  constructor(
    readonly stream: string,
    readonly capacity: number,
  ) {
    super(
      `Subscription to ${stream} overflowed its buffer of ${capacity} events (overflow policy 'error'): read faster, raise bufferSize or choose 'drop-oldest'`,
    );
  }
}

/** The subscription or client was closed while something waited on it. */
export class ClosedError extends StreamsError {
  override name = 'ClosedError';
}

/** A request did not get an answer in time, or a connection could not be opened. */
export class ConnectionError extends StreamsError {
  override name = 'ConnectionError';
}

/** The local order book could not be built (snapshot failures, repeated gaps). */
export class OrderBookError extends StreamsError {
  override name = 'OrderBookError';
}

/** The WebSocket API answered a user-data request with an error (Binance's code and message kept). */
export class WsApiError extends StreamsError {
  override name = 'WsApiError';
  constructor(
    readonly method: string,
    readonly status: number,
    readonly code: number,
    readonly serverMessage: string,
  ) {
    super(`${method} failed: ${serverMessage} (code ${code}, status ${status})`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`;
  if (value === undefined) return 'missing';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return String(value);
  }
}
