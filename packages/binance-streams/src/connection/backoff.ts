// Reconnection delays, shared by the market-stream and the user-data clients: full jitter, so that
// many clients dropped at once do not all come back at the same moment.

import { InvalidParameterError } from '../errors.js';

/** A positive number option, or its default; anything else is an error naming the option. */
export function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidParameterError(name, value, 'a positive number');
  }
  return value;
}

/** The delay before reconnection `attempt` (0-based): uniform in [0, min(maxDelay, initialDelay × 2^attempt)]. */
export function backoffDelay(
  attempt: number,
  initialDelay: number,
  maxDelay: number,
  random: () => number,
): number {
  return random() * Math.min(maxDelay, initialDelay * 2 ** Math.min(attempt, 30));
}
