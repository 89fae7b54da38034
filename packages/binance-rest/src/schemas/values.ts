// Schemas for values in Binance's responses. Decimals stay the exact strings Binance sends; numbers are
// used only where nothing can be lost (times, counts, precisions); 64-bit ids are numbers while they are
// safe integers and `bigint` beyond (the JSON parser guarantees no id is ever rounded).

import * as z from 'zod';

/** A decimal exactly as Binance prints it, e.g. `"0.01634790"`. Never converted to a float. */
export type Decimal = string;
export const decimal = z.string();

/**
 * A 64-bit integer (trade ids, update ids, order ids): a `number` while it is a safe integer, a `bigint`
 * beyond `Number.MAX_SAFE_INTEGER`. Compare with `BigInt(id)` or `String(id)` when you need one form.
 */
export type Int64 = number | bigint;
export const int64 = z.custom<Int64>(
  (value) => (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint',
  { error: 'expected an integer' },
);

/** Epoch milliseconds. */
export const timestamp = z.number();
/** A count or small integer (trade count, precision, minutes). */
export const count = z.number();

/** Adds 1 to an id, keeping its form (`number` until it leaves the safe range, then `bigint`). */
export function nextId(id: Int64): Int64 {
  if (typeof id === 'bigint') return id + 1n;
  return Number.isSafeInteger(id + 1) ? id + 1 : BigInt(id) + 1n;
}

/** Compares two ids exactly, whichever form they have. */
export function compareIds(a: Int64, b: Int64): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A `JSON.stringify` replacer that writes bigints (ids beyond 2^53) as strings of digits, since
 * `JSON.stringify` throws on a bigint: `JSON.stringify(book, bigIntReplacer)`.
 */
export function bigIntReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
