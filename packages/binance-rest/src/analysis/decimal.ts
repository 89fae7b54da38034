// Exact arithmetic on the decimal strings Binance sends ("0.01634790"), without floating point: each
// value is read as an integer count of 10^-scale units (a bigint) and written back in the same plain
// notation. Enough for the statistics this package derives (sums, spreads, averages, percentages).

import { ValidationError } from '../errors.js';

/** A decimal string: an optional sign, digits, and optionally a point and more digits ("-12.5000"). */
export type DecimalString = string;

interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

const PATTERN = /^([+-]?)(\d+)(?:\.(\d*))?$/;
const POW10: bigint[] = [];
for (let i = 0; i <= 40; i++) POW10.push(10n ** BigInt(i));

function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

function parse(value: unknown, parameter: string): Fixed {
  const match = typeof value === 'string' ? PATTERN.exec(value) : null;
  if (!match) {
    throw new ValidationError({
      parameter,
      value,
      allowed: 'a decimal such as "0.01634790" or "-12.5" (digits, an optional sign and point; no exponent)',
    });
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function rescale(value: Fixed, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

function format(units: bigint, scale: number): DecimalString {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (scale === 0) return negative && units !== 0n ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const cut = padded.length - scale;
  const text = `${padded.slice(0, cut)}.${padded.slice(cut)}`;
  return negative ? `-${text}` : text;
}

/** How a result with more decimals than asked for is cut: half away from zero, or toward zero. */
export type DecimalRounding = 'half-up' | 'down';

/** Integer division, rounding half away from zero (or toward zero). */
function divideRounded(
  numerator: bigint,
  denominator: bigint,
  rounding: DecimalRounding = 'half-up',
): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = rounding === 'down' ? n / d : (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > 40) {
    throw new ValidationError({ parameter: 'scale', value: scale, allowed: 'an integer from 0 to 40' });
  }
}

function checkRounding(rounding: unknown): void {
  if (rounding !== 'half-up' && rounding !== 'down') {
    throw new ValidationError({ parameter: 'rounding', value: rounding, allowed: '"half-up" or "down"' });
  }
}

/** `a + b`, with as many decimals as the longer of the two. */
export function addDecimals(a: DecimalString, b: DecimalString): DecimalString {
  const x = parse(a, 'a');
  const y = parse(b, 'b');
  const scale = Math.max(x.scale, y.scale);
  return format(rescale(x, scale) + rescale(y, scale), scale);
}

/** `a − b`, with as many decimals as the longer of the two. */
export function subtractDecimals(a: DecimalString, b: DecimalString): DecimalString {
  const x = parse(a, 'a');
  const y = parse(b, 'b');
  const scale = Math.max(x.scale, y.scale);
  return format(rescale(x, scale) - rescale(y, scale), scale);
}

/** `a × b`, exact; trailing zeros beyond the longer operand's decimals are dropped. */
export function multiplyDecimals(a: DecimalString, b: DecimalString): DecimalString {
  const x = parse(a, 'a');
  const y = parse(b, 'b');
  let units = x.units * y.units;
  let scale = x.scale + y.scale;
  const keep = Math.max(x.scale, y.scale);
  while (scale > keep && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return format(units, scale);
}

/**
 * `a ÷ b` to `scale` decimals, rounded half away from zero (default) or toward zero (`'down'`).
 * Throws a `ValidationError` when `b` is zero.
 */
export function divideDecimals(
  a: DecimalString,
  b: DecimalString,
  scale: number,
  rounding: DecimalRounding = 'half-up',
): DecimalString {
  checkScale(scale);
  checkRounding(rounding);
  const x = parse(a, 'a');
  const y = parse(b, 'b');
  if (y.units === 0n) throw new ValidationError({ parameter: 'b', value: b, allowed: 'a non-zero divisor' });
  // a/b = (xu / 10^xs) / (yu / 10^ys); scaled by 10^scale: xu · 10^(ys + scale) / (yu · 10^xs).
  const numerator = x.units * pow10(y.scale + scale);
  const denominator = y.units * pow10(x.scale);
  return format(divideRounded(numerator, denominator, rounding), scale);
}

/** −1, 0 or 1 as `a` is less than, equal to or greater than `b` ("1.50" equals "1.5"). */
export function compareDecimals(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  const x = parse(a, 'a');
  const y = parse(b, 'b');
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * `value` to `scale` decimals: rounded half away from zero (default) or toward zero (`'down'`), or
 * padded with zeros.
 */
export function roundDecimal(
  value: DecimalString,
  scale: number,
  rounding: DecimalRounding = 'half-up',
): DecimalString {
  checkScale(scale);
  checkRounding(rounding);
  const x = parse(value, 'value');
  if (scale >= x.scale) return format(rescale(x, scale), scale);
  return format(divideRounded(x.units, pow10(x.scale - scale), rounding), scale);
}

/** `value` without trailing zeros after the point ("1.50000000" → "1.5", "2.000" → "2"). */
export function trimDecimal(value: DecimalString): DecimalString {
  const x = parse(value, 'value');
  let { units, scale } = x;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return format(units, scale);
}

/** How many decimals `value` is written with ("0.01000000" → 8). */
export function decimalScale(value: DecimalString): number {
  return parse(value, 'value').scale;
}

/** True when `value` is a decimal string this module reads. */
export function isDecimal(value: unknown): value is DecimalString {
  return typeof value === 'string' && PATTERN.test(value);
}

// Internal helpers for the analysis functions, which read many values once and sum or compare them:
// parsing each value a single time keeps a 1000-level book or a long kline run cheap.

/** A decimal read once: `units` × 10^-`scale`. */
export type FixedDecimal = Fixed;

/** Reads a decimal string once (throws a `ValidationError` naming `parameter`). */
export function readDecimal(value: unknown, parameter = 'value'): FixedDecimal {
  return parse(value, parameter);
}

/** −1, 0 or 1, as `compareDecimals` on values read with `readDecimal`. */
export function compareFixed(a: FixedDecimal, b: FixedDecimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const d = rescale(a, scale) - rescale(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * An exact running sum of decimals and of products of decimals. Its string has as many decimals as
 * the longest value added (for a product, the longer factor), or more when they carry digits: the same
 * as folding `addDecimals` over `multiplyDecimals`, without re-reading the total each time.
 */
export class DecimalSum {
  private units = 0n;
  private scale = 0;
  private keep = 0;

  add(value: FixedDecimal): void {
    this.keep = Math.max(this.keep, value.scale);
    this.addUnits(value.units, value.scale);
  }

  addProduct(a: FixedDecimal, b: FixedDecimal): void {
    this.keep = Math.max(this.keep, a.scale, b.scale);
    this.addUnits(a.units * b.units, a.scale + b.scale);
  }

  private addUnits(units: bigint, scale: number): void {
    if (scale > this.scale) {
      this.units *= pow10(scale - this.scale);
      this.scale = scale;
    }
    this.units += units * pow10(this.scale - scale);
  }

  toString(): DecimalString {
    let { units, scale } = this;
    while (scale > this.keep && units % 10n === 0n) {
      units /= 10n;
      scale--;
    }
    return format(units, scale);
  }
}
