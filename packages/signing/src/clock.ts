// Where `timestamp` comes from. Binance rejects a request whose timestamp is more than 1 s ahead of its
// clock or older than `recvWindow`, so a client whose clock drifts applies a measured offset.

import { describeValue, InvalidParameterError } from './errors.js';

/** A time source: milliseconds since the Unix epoch (fractions allowed, e.g. for microsecond timestamps). */
export type Clock = () => number;

/** The local clock, `Date.now()`. */
export const systemClock: Clock = () => Date.now();

/** A clock that reads `base` and adds `offsetMs` (positive when the server is ahead of `base`). */
export function offsetClock(offsetMs: number, base: Clock = systemClock): Clock {
  if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs)) {
    throw new InvalidParameterError(
      'offsetMs',
      `offsetMs must be a finite number of milliseconds; got ${describeValue(offsetMs)}`,
    );
  }
  if (typeof base !== 'function') {
    throw new InvalidParameterError(
      'base',
      `base must be a clock function returning milliseconds; got ${describeValue(base)}`,
    );
  }
  return () => base() + offsetMs;
}

/** One exchange with the server: when it was asked, what it answered, when the answer arrived. */
export interface ServerTimeSample {
  /** Local time (ms) just before the request was sent. */
  readonly sentAt: number;
  /** The server's time (ms), e.g. `serverTime` from `GET /api/v3/time`. */
  readonly serverTime: number;
  /** Local time (ms) just after the response arrived. */
  readonly receivedAt: number;
}

export interface ClockOffset {
  /** Milliseconds to add to the local clock to get the server's: `offsetClock(offset)`. */
  readonly offset: number;
  /** The round trip of the sample the offset came from, in ms: the offset's uncertainty is ±roundTrip/2. */
  readonly roundTrip: number;
}

/**
 * The offset a sample implies, assuming the server read its clock halfway through the round trip
 * (the NTP estimate).
 */
export function clockOffsetFromSample(sample: ServerTimeSample): ClockOffset {
  for (const key of ['sentAt', 'serverTime', 'receivedAt'] as const) {
    const value: unknown = sample[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidParameterError(
        key,
        `${key} must be a finite number of milliseconds; got ${describeValue(value)}`,
      );
    }
  }
  const roundTrip = sample.receivedAt - sample.sentAt;
  if (roundTrip < 0) {
    throw new InvalidParameterError(
      'receivedAt',
      `receivedAt (${sample.receivedAt}) must not be earlier than sentAt (${sample.sentAt})`,
    );
  }
  return { offset: sample.serverTime - (sample.sentAt + roundTrip / 2), roundTrip };
}

export interface MeasureClockOffsetOptions {
  /** How many times to ask; the sample with the shortest round trip wins. Default 3. */
  readonly samples?: number;
  /** The local clock to measure against. Default `systemClock`. */
  readonly clock?: Clock;
}

/**
 * Measures how far the server's clock is from the local one. `getServerTime` asks the server for its
 * time in ms (e.g. `GET /api/v3/time` → `serverTime`); its errors propagate unchanged.
 *
 * ```ts
 * const { offset } = await measureClockOffset(async () => (await rest.time()).serverTime);
 * const clock = offsetClock(offset);
 * ```
 */
export async function measureClockOffset(
  getServerTime: () => Promise<number> | number,
  options: MeasureClockOffsetOptions = {},
): Promise<ClockOffset> {
  const { samples = 3, clock = systemClock } = options;
  if (typeof getServerTime !== 'function') {
    throw new InvalidParameterError(
      'getServerTime',
      `getServerTime must be a function; got ${describeValue(getServerTime)}`,
    );
  }
  if (!Number.isSafeInteger(samples) || samples < 1 || samples > 100) {
    throw new InvalidParameterError(
      'samples',
      `samples must be an integer from 1 to 100; got ${describeValue(samples)}`,
    );
  }
  let best: ClockOffset | undefined;
  for (let i = 0; i < samples; i++) {
    const sentAt = clock();
    const serverTime = await getServerTime();
    const receivedAt = clock();
    if (typeof serverTime !== 'number' || !Number.isFinite(serverTime)) {
      throw new InvalidParameterError(
        'getServerTime',
        `getServerTime must resolve to the server's time in milliseconds; got ${describeValue(serverTime)}`,
      );
    }
    const measured = clockOffsetFromSample({ sentAt, serverTime, receivedAt });
    if (best === undefined || measured.roundTrip < best.roundTrip) best = measured;
  }
  return best as ClockOffset;
}
