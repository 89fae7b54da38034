// `timestamp` and `recvWindow`, the two parameters every signed request carries.

import { type Clock, systemClock } from '../clock.js';
import { describeValue, InvalidParameterError } from '../errors.js';
import { formatNumber } from './values.js';

/** Binance's largest `recvWindow`, in milliseconds. */
export const MAX_RECV_WINDOW = 60_000;

const RECV_WINDOW_TEXT = /^(?:0|[1-9]\d*)(?:\.\d{1,3})?$/;

function recvWindowError(parameter: string, value: unknown): InvalidParameterError {
  return new InvalidParameterError(
    parameter,
    `${parameter} must be a number of milliseconds greater than 0 and at most ${MAX_RECV_WINDOW}, ` +
      `with at most 3 decimal places (microseconds, e.g. 6000.346); got ${describeValue(value)}`,
  );
}

/** Validates a `recvWindow` and returns its text. Accepts numbers, bigints and decimal strings. */
export function formatRecvWindow(value: unknown, parameter: string): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw recvWindowError(parameter, value);
    text = formatNumber(value, parameter);
  } else if (typeof value === 'bigint' || typeof value === 'string') {
    text = value.toString();
  } else {
    throw recvWindowError(parameter, value);
  }
  if (!RECV_WINDOW_TEXT.test(text)) throw recvWindowError(parameter, value);
  const ms = Number(text);
  if (!(ms > 0 && ms <= MAX_RECV_WINDOW)) throw recvWindowError(parameter, value);
  return text;
}

/** Units Binance accepts for `timestamp`. */
export type TimestampUnit = 'millisecond' | 'microsecond';

export interface TimestampOptions {
  /** The time source, in ms. Default `systemClock` (`Date.now()`). */
  readonly clock?: Clock;
  /** A fixed timestamp (in `timestampUnit`) instead of reading the clock; for replays and tests. */
  readonly timestamp?: number;
  /** Default `'millisecond'`. With `'microsecond'`, the clock's fractional milliseconds are kept. */
  readonly timestampUnit?: TimestampUnit;
}

export function resolveTimestamp(options: TimestampOptions): number {
  const { clock = systemClock, timestamp, timestampUnit = 'millisecond' } = options;
  if (timestampUnit !== 'millisecond' && timestampUnit !== 'microsecond') {
    throw new InvalidParameterError(
      'timestampUnit',
      `timestampUnit must be 'millisecond' or 'microsecond'; got ${describeValue(timestampUnit)}`,
    );
  }
  if (timestamp !== undefined) {
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp <= 0) {
      throw new InvalidParameterError(
        'timestamp',
        `timestamp must be a positive integer (${timestampUnit}s since the Unix epoch); got ${describeValue(timestamp)}`,
      );
    }
    return timestamp;
  }
  if (typeof clock !== 'function') {
    throw new InvalidParameterError(
      'clock',
      `clock must be a function returning milliseconds; got ${describeValue(clock)}`,
    );
  }
  const ms: unknown = clock();
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new InvalidParameterError(
      'clock',
      `clock() must return the current time in milliseconds since the Unix epoch; got ${describeValue(ms)}`,
    );
  }
  return Math.floor(timestampUnit === 'microsecond' ? ms * 1000 : ms);
}
