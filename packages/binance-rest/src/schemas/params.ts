// Schemas for request parameters, checked before anything is sent. Each carries a description that says
// what is allowed; a `ValidationError` quotes it, and the MCP server reuses it in its tool schemas.

import * as z from 'zod';

/** The 16 kline intervals Binance accepts (case-sensitive: `1m` is a minute, `1M` a month). */
export const KLINE_INTERVALS = [
  '1s',
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
  '3d',
  '1w',
  '1M',
] as const;
export type KlineInterval = (typeof KLINE_INTERVALS)[number];

/** Milliseconds in each interval (a month is variable; 31 days is its upper bound). */
export const INTERVAL_MS: Readonly<Record<KlineInterval, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
  '1M': 2_678_400_000,
};

export const SYMBOL_STATUSES = ['TRADING', 'HALT', 'BREAK'] as const;
export type SymbolStatusFilter = (typeof SYMBOL_STATUSES)[number];

export const TICKER_TYPES = ['FULL', 'MINI'] as const;
export type TickerType = (typeof TICKER_TYPES)[number];

// Upper-case ASCII letters, digits, '-', '_', '.' (Binance's legal range `^[A-Z0-9-_.]{1,20}$`), and since
// 2025 non-ASCII letters and digits (the Spot testnet lists `这是测试币456`). Lower-case ASCII is refused:
// Binance answers -1100 for it.
const SYMBOL_PATTERN = /^(?:[A-Z0-9._-]|(?=\P{ASCII})[\p{L}\p{N}\p{M}]){1,20}$/u;
const SYMBOL_ALLOWED =
  "a symbol of 1 to 20 characters: upper-case letters A-Z, digits, '-', '_', '.' or non-ASCII letters and digits, e.g. \"BTCUSDT\"";

function symbolAllowed(input: unknown): string {
  if (typeof input === 'string' && /[a-z]/.test(input) && SYMBOL_PATTERN.test(input.toUpperCase())) {
    return `${SYMBOL_ALLOWED} (did you mean "${input.toUpperCase()}"?)`;
  }
  return SYMBOL_ALLOWED;
}

/** A symbol such as `BTCUSDT` (or a non-ASCII one such as `这是测试币456`). */
export const symbol = z
  .string()
  .refine((value) => SYMBOL_PATTERN.test(value), { error: (issue) => symbolAllowed(issue.input) })
  .describe(SYMBOL_ALLOWED);

/** `symbols`: a non-empty list of distinct symbols, at most `max` when Binance caps it. */
export function symbolList(max?: number) {
  const allowed = `a list of 1 to ${max ?? 'any number of'} distinct symbols, e.g. ["BTCUSDT","BNBUSDT"]`;
  let list = z.array(symbol).min(1);
  if (max !== undefined) list = list.max(max);
  return list
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (seen.has(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `distinct symbols; "${value}" is listed twice`,
          });
        }
        seen.add(value);
      });
    })
    .describe(allowed);
}

/** `limit` from 1 to `max`; `fallback` is Binance's default, for the description. */
export function limit(max: number, fallback: number) {
  return z.int().min(1).max(max).describe(`an integer from 1 to ${max} (Binance's default: ${fallback})`);
}

export const interval = z.enum(KLINE_INTERVALS).describe(`one of ${KLINE_INTERVALS.join(', ')}`);

/** A time parameter: epoch milliseconds (Binance also accepts microseconds) or a `Date`. */
export const time = z
  .union([z.int().min(0), z.date().transform((date) => date.getTime())])
  .describe('epoch milliseconds as a non-negative integer, or a valid Date');

/** An id parameter (`fromId`): a non-negative integer as a number, a bigint or a string of digits. */
export const id = z
  .union([z.int().min(0), z.bigint().min(0n), z.string().regex(/^\d{1,20}$/)])
  .describe('a non-negative integer id: a number, a bigint or a string of digits');

// Hours ("8", "-5", "+3") or hours and minutes ("05:45", "-1:00"); Binance's range is [-12:00, +14:00].
const TIME_ZONE_PATTERN = /^([+-]?)(\d{1,2})(?::([0-5]\d))?$/;

function timeZoneMinutes(text: string): number | undefined {
  const match = TIME_ZONE_PATTERN.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  const signed = match[1] === '-' ? -minutes : minutes;
  return signed >= -12 * 60 && signed <= 14 * 60 ? signed : undefined;
}

const TIME_ZONE_ALLOWED =
  'a UTC offset from -12:00 to +14:00: hours ("8", "-5") or hours and minutes ("05:45", "-1:00"), or a number of hours';

export const timeZone = z
  .union([
    z.string().refine((text) => timeZoneMinutes(text) !== undefined, { error: TIME_ZONE_ALLOWED }),
    z
      .int()
      .min(-12)
      .max(14)
      .transform((hours) => String(hours)),
  ])
  .describe(TIME_ZONE_ALLOWED);

// 1m..59m, 1h..23h, 1d..7d; units cannot be combined.
const WINDOW_SIZE_PATTERN = /^(?:(?:[1-9]|[1-5]\d)m|(?:[1-9]|1\d|2[0-3])h|[1-7]d)$/;

export const windowSize = z
  .string()
  .regex(WINDOW_SIZE_PATTERN)
  .describe('a window of 1m to 59m, 1h to 23h or 1d to 7d (one unit; "1d2h" is not allowed; default "1d")');

export const tickerType = z
  .enum(TICKER_TYPES)
  .describe('"FULL" (default) or "MINI" (no price change, weighted average, last quantity or book fields)');

export const symbolStatus = z
  .enum(SYMBOL_STATUSES)
  .describe('one of TRADING, HALT, BREAK: only symbols with this status');

// Permissions are upper-case names (SPOT, MARGIN, LEVERAGED, TRD_GRP_002, …); Binance adds new ones, so
// the format is checked rather than a fixed list.
const permission = z.string().regex(/^[A-Z][A-Z0-9_]*$/);

export const permissions = z
  .union([permission, z.array(permission).min(1)])
  .describe('a permission such as "SPOT", or a list such as ["MARGIN","LEVERAGED"]');

export const showPermissionSets = z
  .boolean()
  .describe("true (default) to fill each symbol's permissionSets, false to leave them empty");

/**
 * Cross-parameter rules for endpoints that take `symbol` or `symbols`: never both, and (when `required`)
 * one of them.
 */
export function checkSymbolChoice(
  value: { symbol?: unknown; symbols?: unknown },
  ctx: z.RefinementCtx,
  required: boolean,
): void {
  if (value.symbol !== undefined && value.symbols !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['symbols'],
      message: "either 'symbol' or 'symbols', not both",
    });
  } else if (required && value.symbol === undefined && value.symbols === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['symbol'],
      message: "one of 'symbol' (one symbol) or 'symbols' (a list) is required",
    });
  }
}

/** `startTime` must not be after `endTime`. */
export function checkTimeRange(value: { startTime?: number; endTime?: number }, ctx: z.RefinementCtx): void {
  if (value.startTime !== undefined && value.endTime !== undefined && value.startTime > value.endTime) {
    ctx.addIssue({
      code: 'custom',
      path: ['endTime'],
      message: `a time at or after startTime (${value.startTime})`,
    });
  }
}

/** Symbols a request names, for weights: 1 for `symbol`, the list's length for `symbols`, 0 for all. */
export function symbolCount(value: {
  symbol?: string | undefined;
  symbols?: readonly string[] | undefined;
}): number {
  if (value.symbol !== undefined) return 1;
  return value.symbols?.length ?? 0;
}

/** The parameter schemas, for reuse (e.g. in tool input schemas); each carries its description. */
export const paramSchemas = Object.freeze({
  symbol,
  symbolList,
  limit,
  interval,
  time,
  id,
  timeZone,
  windowSize,
  tickerType,
  symbolStatus,
  permissions,
  showPermissionSets,
});
