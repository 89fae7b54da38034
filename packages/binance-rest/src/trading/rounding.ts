// Rounding prices and quantities to a symbol's rules: a price to a multiple of PRICE_FILTER's
// tickSize, a quantity to a multiple of LOT_SIZE's (or, for MARKET orders, MARKET_LOT_SIZE's)
// stepSize. Exact decimal arithmetic; results are decimal strings with the step's decimals.

import {
  dec,
  type FixedDecimal,
  formatDecimal,
  isZero,
  parseDecimal,
  plainNumber,
  type RoundingMode,
  roundToStep,
  significantScale,
} from '../decimal.js';
import type { SymbolInfo } from '../endpoints/market/general.js';
import { ValidationError } from '../errors.js';
import type { DecimalInput } from '../schemas/order-params.js';

export type { RoundingMode } from '../decimal.js';

const MODES: readonly RoundingMode[] = ['down', 'up', 'nearest'];

function parse(value: DecimalInput, parameter: string): FixedDecimal {
  const parsed =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? parseDecimal(plainNumber(value))
        : undefined
      : typeof value === 'string'
        ? parseDecimal(value)
        : undefined;
  if (!parsed || parsed.units < 0n) {
    throw new ValidationError({
      parameter,
      value,
      allowed: 'a non-negative decimal, e.g. "0.001" or 97000.5',
    });
  }
  return parsed;
}

function checkMode(mode: unknown): RoundingMode {
  if (!MODES.includes(mode as RoundingMode)) {
    throw new ValidationError({ parameter: 'mode', value: mode, allowed: "'down', 'up' or 'nearest'" });
  }
  return mode as RoundingMode;
}

/**
 * `value` rounded to a multiple of `step` ('down', 'up' or 'nearest', halves up), printed with the
 * step's decimals: `roundToStepSize('0.123456', '0.00100000', 'down')` → `"0.123"`. A step of 0
 * leaves the value as it is.
 */
export function roundToStepSize(
  value: DecimalInput,
  step: DecimalInput,
  mode: RoundingMode = 'nearest',
): string {
  const v = parse(value, 'value');
  const s = parse(step, 'step');
  const rounded = roundToStep(v, s, checkMode(mode));
  return isZero(s) ? formatDecimal(rounded) : formatDecimal(rounded, significantScale(s));
}

function filterField(info: SymbolInfo, type: string, field: string): string | undefined {
  const filter = info.filters.find((f) => f.filterType === type) as Record<string, unknown> | undefined;
  const value = filter?.[field];
  return typeof value === 'string' ? value : undefined;
}

function checkSymbol(info: unknown): SymbolInfo {
  if (typeof info !== 'object' || info === null || !Array.isArray((info as SymbolInfo).filters)) {
    throw new ValidationError({
      parameter: 'symbolInfo',
      value: info,
      allowed: "a symbol's entry of exchangeInfo (client.exchangeInfoCache.symbol('BTCUSDT'))",
    });
  }
  return info as SymbolInfo;
}

/**
 * A price rounded to the symbol's tick size (PRICE_FILTER `tickSize`): 'nearest' (default), 'down'
 * or 'up'. `roundPrice(btc, '97012.3456')` → `"97012.35"` with a tick of 0.01.
 */
export function roundPrice(
  symbolInfo: SymbolInfo,
  price: DecimalInput,
  mode: RoundingMode = 'nearest',
): string {
  const info = checkSymbol(symbolInfo);
  const tick = filterField(info, 'PRICE_FILTER', 'tickSize') ?? '0';
  return roundToStepSize(price, tick, mode);
}

/**
 * A quantity rounded to the symbol's step size (LOT_SIZE `stepSize`; for `{ market: true }` the
 * MARKET_LOT_SIZE step when it has one): 'down' by default, so you never order more than you meant.
 */
export function roundQuantity(
  symbolInfo: SymbolInfo,
  quantity: DecimalInput,
  mode: RoundingMode = 'down',
  options: { market?: boolean } = {},
): string {
  const info = checkSymbol(symbolInfo);
  const marketStep = options.market ? filterField(info, 'MARKET_LOT_SIZE', 'stepSize') : undefined;
  const step =
    marketStep !== undefined && !isZero(dec(marketStep))
      ? marketStep
      : (filterField(info, 'LOT_SIZE', 'stepSize') ?? '0');
  return roundToStepSize(quantity, step, mode);
}
