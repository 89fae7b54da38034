// Binance's timing security for signed requests (rest-api.md, "Timing security"): a request is
// accepted when timestamp < serverTime + 1 s and serverTime - timestamp <= recvWindow. Timestamps
// may be in ms or µs and recvWindow has up to three decimals, so the check runs in microseconds.

import { ApiError, errors } from '../rest/errors.js';
import type { Params } from '../rest/params.js';

const DEFAULT_RECV_WINDOW_US = 5_000_000;
const MAX_RECV_WINDOW_US = 60_000_000;

/** `timestamp` and `recvWindow` of a signed request, in µs. */
export interface Timing {
  timestamp: number;
  recvWindow: number;
}

/** Reads and validates `timestamp` (mandatory) and `recvWindow`. */
export function readTiming(params: Params): Timing {
  return { timestamp: timestampMicros(params), recvWindow: recvWindowMicros(params) };
}

/** Checks a request's timing against the server time `now` (ms): -1021 with Binance's two messages. */
export function checkTiming({ timestamp: ts, recvWindow: window }: Timing, now: number): void {
  const serverUs = now * 1000;
  if (ts >= serverUs + 1_000_000) {
    throw new ApiError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  }
  if (serverUs - ts > window) {
    throw new ApiError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
  }
}

/** `timestamp` in µs (a value of 16 digits or more is taken as µs, as Binance does). */
export function timestampMicros(params: Params): number {
  const raw = params.requiredString('timestamp');
  if (!/^[0-9]{1,20}$/.test(raw)) throw errors.illegalChars('timestamp', '^[0-9]{1,20}$');
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw errors.invalidParam('timestamp');
  return n >= 1e14 ? n : n * 1000;
}

function recvWindowMicros(params: Params): number {
  const raw = params.string('recvWindow');
  if (raw === undefined) return DEFAULT_RECV_WINDOW_US;
  const match = /^([0-9]{1,20})(?:\.([0-9]{1,20}))?$/.exec(raw);
  if (!match) throw errors.illegalChars('recvWindow', '^([0-9]{1,20})(\\.[0-9]{1,20})?$');
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > 3) throw errors.tooMuchPrecision('recvWindow');
  const us = Number(match[1]) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
  // Observed on the exchange (the current errors.md no longer lists -1131).
  if (us > MAX_RECV_WINDOW_US) throw new ApiError(400, -1131, "'recvWindow' must be less than 60000.");
  return us;
}
