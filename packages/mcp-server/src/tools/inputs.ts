// Input schemas shared by the tools, written for agents: symbols in any case, times as epoch ms, ISO 8601
// or relative to now ("-2h"), amounts as strings or numbers. Each field says what it accepts; the SDK
// names the field when a value does not fit.

import { type Int64, paramSchemas } from '@binance-mcp/rest';
import * as z from 'zod';
import { ToolInputError } from './errors.js';

/** A symbol such as BTCUSDT; lower case is accepted and upper-cased. */
export const symbolInput = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(paramSchemas.symbol)
  .describe('Spot symbol, e.g. "BTCUSDT" (case does not matter)');

/** A list of 1 to `max` distinct symbols. */
export function symbolsInput(max: number) {
  return z
    .array(symbolInput)
    .min(1)
    .max(max)
    .refine((list) => new Set(list).size === list.length, { error: 'symbols must be distinct' })
    .describe(`1 to ${max} distinct symbols, e.g. ["BTCUSDT","ETHUSDT"]`);
}

/** An asset such as BTC or USDT; upper-cased. */
export const assetInput = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?:[A-Z0-9]|(?=\P{ASCII})[\p{L}\p{N}]){1,20}$/u, {
    error: 'an asset name such as "BTC" or "USDT" (letters and digits)',
  })
  .describe('Asset, e.g. "BTC" or "USDT"');

const RELATIVE = /^(?:now|-(\d{1,6})(s|m|h|d|w))$/i;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const TIME_ALLOWED =
  'epoch milliseconds, an ISO 8601 date-time ("2026-01-15T12:00:00Z", "2026-01-15"), or a time relative to now: "now", "-30m", "-6h", "-7d", "-2w"';

function isTimeText(text: string): boolean {
  if (RELATIVE.test(text)) return true;
  return ISO.test(text) && !Number.isNaN(Date.parse(text));
}

/** A point in time: epoch ms, ISO 8601, or relative to now. Resolve with `resolveTime`. */
export const timeInput = z
  .union([
    z.int().min(0).max(8_640_000_000_000),
    z.string().trim().refine(isTimeText, { error: TIME_ALLOWED }),
  ])
  .describe(`A time: ${TIME_ALLOWED}`);
export type TimeInput = z.output<typeof timeInput>;

/** Epoch ms of a `timeInput` value; `now` is the server's time (relative times count back from it). */
export function resolveTime(value: TimeInput, now: number): number {
  if (typeof value === 'number') return value;
  const relative = RELATIVE.exec(value);
  if (relative) {
    if (value.toLowerCase() === 'now') return Math.floor(now);
    return Math.floor(now - Number(relative[1]) * (UNIT_MS[(relative[2] as string).toLowerCase()] as number));
  }
  // A date-time without a zone is UTC, as Binance's times are.
  const withZone =
    /T|\s/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  return Date.parse(withZone);
}

/** `startTime`/`endTime` resolved, checked to be in order. */
export function resolveRange(
  start: TimeInput | undefined,
  end: TimeInput | undefined,
  now: number,
): { startTime: number | undefined; endTime: number | undefined } {
  const startTime = start === undefined ? undefined : resolveTime(start, now);
  const endTime = end === undefined ? undefined : resolveTime(end, now);
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    throw new ToolInputError({
      parameter: 'endTime',
      value: end,
      allowed: `a time at or after startTime (${new Date(startTime).toISOString()})`,
    });
  }
  return { startTime, endTime };
}

/** A positive decimal amount: a string such as "0.015" (exact) or a number. */
export const amountInput = z
  .union([
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, { error: 'a positive decimal such as "0.015" (no exponent)' }),
    z.number().positive().finite(),
  ])
  .transform((value) => (typeof value === 'number' ? numberToDecimal(value) : value))
  .refine((value) => /[1-9]/.test(value), { error: 'an amount above zero' })
  .describe('A positive decimal amount, preferably as a string for exactness, e.g. "0.015"');

function numberToDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** A non-negative integer id (trade id, aggregate trade id, order id), as a number or a string of digits. */
export const idInput = z
  .union([
    z.int().min(0),
    z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, { error: 'a non-negative integer id' }),
  ])
  .describe('A non-negative integer id, as a number or a string of digits');

/** An id for output: a number while safe, else a string of digits (JSON has no 64-bit integers). */
export function idOutput(id: Int64): number | string {
  return typeof id === 'bigint' ? id.toString() : id;
}

/** Output schema of an id. */
export const idSchema = z.union([z.number(), z.string()]);

/** A limit with a small default, so results stay small unless more is asked for. */
export function limitInput(max: number, fallback: number, what: string) {
  return z
    .int()
    .min(1)
    .max(max)
    .optional()
    .describe(`How many ${what} to return: 1 to ${max} (default ${fallback})`);
}

/** The paging cursor input. */
export const cursorInput = z
  .string()
  .max(2000)
  .optional()
  .describe(
    'nextCursor from a previous result of this tool, to continue where it stopped (the cursor carries the other arguments; only limit may change)',
  );
