// Exact decimal arithmetic on the decimal strings Binance sends ("0.01634790") and checks orders
// against exactly (`quantity % stepSize == 0`). Binary floats cannot (0.1 + 0.2 !== 0.3, 0.3 % 0.1
// !== 0), so a value is an integer count of 10^-scale units held as a bigint, and is written back in
// plain notation. One module serves the analysis helpers, pre-trade validation and rounding, and the
// streams' local order book (through the public string functions at the end).

import { ValidationError } from './errors.js';

/** A decimal string: an optional sign, digits, and optionally a point and more digits ("-12.5000"). */
export type DecimalString = string;

/** A decimal read once: `units` × 10^-`scale`. */
export interface FixedDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/** How a result with more decimals than asked for is cut: half away from zero, or toward zero. */
export type DecimalRounding = 'half-up' | 'down';

/** Rounding to a step or a scale: toward zero, away from zero, or to the nearest (halves away from zero). */
export type RoundingMode = 'down' | 'up' | 'nearest';

type Rounding = DecimalRounding | RoundingMode;

// Reading and writing ---------------------------------------------------------------------------

const POW10: bigint[] = [];
for (let i = 0; i <= 40; i++) POW10.push(10n ** BigInt(i));

function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

// Reading is a scan of the characters rather than a regular expression with groups: the order book's
// spread and mid, and the analysis of a 5000-level book, read many values.

/**
 * Where the point is in a decimal string (its length when there is none), or -1 when `text` is not
 * a decimal: an optional sign, one or more digits, optionally a point and more digits; no exponent.
 */
function pointOf(text: string): number {
  const length = text.length;
  const first = text.charCodeAt(0);
  const start = first === 45 || first === 43 ? 1 : 0; // '-', '+'
  if (length === start) return -1;
  let point = length;
  for (let i = start; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || point !== length || i === start) return -1; // one point, after a digit
    point = i;
  }
  return point;
}

/** Reads a plain decimal ("123", "0.0010", "-1.5", "+2."; no exponent), or undefined. */
export function parseDecimal(text: string): FixedDecimal | undefined {
  const point = pointOf(text);
  if (point === -1) return undefined;
  const length = text.length;
  if (point >= length - 1) return { units: BigInt(point === length ? text : text.slice(0, point)), scale: 0 };
  // BigInt reads the sign and leading zeros: "-0" + "5" is -5 units.
  return { units: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: length - point - 1 };
}

function invalid(value: unknown, parameter: string): ValidationError {
  return new ValidationError({
    parameter,
    value,
    allowed: 'a decimal such as "0.01634790" or "-12.5" (digits, an optional sign and point; no exponent)',
  });
}

/** Reads a decimal string once; a `ValidationError` naming `parameter` when it is not one. */
export function readDecimal(value: unknown, parameter = 'value'): FixedDecimal {
  const parsed = typeof value === 'string' ? parseDecimal(value) : undefined;
  if (!parsed) throw invalid(value, parameter);
  return parsed;
}

/**
 * A value that must be a decimal (a filter field of exchangeInfo, a parameter already validated): a
 * string, a finite number (as written, `1e-7` → 0.0000001) or a bigint. A `RangeError` otherwise.
 */
export function dec(value: string | number | bigint): FixedDecimal {
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  const parsed = parseDecimal(typeof value === 'number' ? plainNumber(value) : value);
  if (!parsed) throw new RangeError(`not a decimal: ${String(value)}`);
  return parsed;
}

/** A finite number in plain decimal notation (no exponent), e.g. 1e-7 → "0.0000001". */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

function formatUnits(units: bigint, scale: number): DecimalString {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const cut = padded.length - scale;
  const text = `${padded.slice(0, cut)}.${padded.slice(cut)}`;
  return negative ? `-${text}` : text;
}

/**
 * `a` with exactly `scale` decimals (cut toward zero when it has more), or by default with as few as
 * it needs, as Binance accepts it: "0.001", "97012.34", "5".
 */
export function formatDecimal(a: FixedDecimal, scale = significantScale(a)): DecimalString {
  return formatUnits(rescale(a, scale), scale);
}

// Operations on values read once ------------------------------------------------------------------

/** `a`'s units at another scale: exact when it grows, cut toward zero when it shrinks. */
function rescale(a: FixedDecimal, scale: number): bigint {
  return scale >= a.scale ? a.units * pow10(scale - a.scale) : a.units / pow10(a.scale - scale);
}

/** Integer division rounded as asked; signs are handled (`down` is toward zero). */
function divideUnits(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const r = n - q * d;
  if (r !== 0n && (rounding === 'up' || (rounding !== 'down' && 2n * r >= d))) q += 1n;
  return negative ? -q : q;
}

/** −1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function cmp(a: FixedDecimal, b: FixedDecimal): -1 | 0 | 1 {
  if (a.scale === b.scale) return a.units < b.units ? -1 : a.units > b.units ? 1 : 0;
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (a: FixedDecimal): boolean => a.units === 0n;

export function add(a: FixedDecimal, b: FixedDecimal): FixedDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function sub(a: FixedDecimal, b: FixedDecimal): FixedDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) - rescale(b, scale), scale };
}

/** `a × b`, exact (the scales add up). */
export function mul(a: FixedDecimal, b: FixedDecimal): FixedDecimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** `a ÷ b` with `scale` decimals, rounded as asked (`b` non-zero). */
export function div(a: FixedDecimal, b: FixedDecimal, scale: number, rounding: Rounding): FixedDecimal {
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); times 10^scale for the result's units.
  const n = a.units * pow10(b.scale + scale);
  const d = b.units * pow10(a.scale);
  return { units: divideUnits(n, d, rounding), scale };
}

/** True when `a` is a whole multiple of `step` (a step of 0 accepts anything). */
export function isMultiple(a: FixedDecimal, step: FixedDecimal): boolean {
  if (step.units === 0n) return true;
  const scale = Math.max(a.scale, step.scale);
  return rescale(a, scale) % rescale(step, scale) === 0n;
}

/** `a` rounded to a multiple of `step` (a step of 0 leaves `a` as it is). */
export function roundToStep(a: FixedDecimal, step: FixedDecimal, rounding: RoundingMode): FixedDecimal {
  if (step.units === 0n) return a;
  const scale = Math.max(a.scale, step.scale);
  const s = rescale(step, scale);
  return { units: divideUnits(rescale(a, scale), s, rounding) * s, scale };
}

/** The number of decimals `a` really has ("0.00100000" → 3, "1.00000000" → 0). */
export function significantScale(a: FixedDecimal): number {
  let { units, scale } = a;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return scale;
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
    return formatUnits(...trailingZerosDropped(this.units, this.scale, this.keep));
  }
}

/** Units and scale without trailing zeros beyond `keep` decimals. */
function trailingZerosDropped(units: bigint, scale: number, keep: number): [bigint, number] {
  while (scale > keep && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return [units, scale];
}

// Public functions on decimal strings ----------------------------------------------------------------

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
  const sum = add(readDecimal(a, 'a'), readDecimal(b, 'b'));
  return formatUnits(sum.units, sum.scale);
}

/** `a − b`, with as many decimals as the longer of the two. */
export function subtractDecimals(a: DecimalString, b: DecimalString): DecimalString {
  const difference = sub(readDecimal(a, 'a'), readDecimal(b, 'b'));
  return formatUnits(difference.units, difference.scale);
}

/** `a × b`, exact; trailing zeros beyond the longer operand's decimals are dropped. */
export function multiplyDecimals(a: DecimalString, b: DecimalString): DecimalString {
  const x = readDecimal(a, 'a');
  const y = readDecimal(b, 'b');
  return formatUnits(
    ...trailingZerosDropped(x.units * y.units, x.scale + y.scale, Math.max(x.scale, y.scale)),
  );
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
  const x = readDecimal(a, 'a');
  const y = readDecimal(b, 'b');
  if (y.units === 0n) throw new ValidationError({ parameter: 'b', value: b, allowed: 'a non-zero divisor' });
  return formatUnits(div(x, y, scale, rounding).units, scale);
}

/** `(a + b) ÷ 2`, exact: with one more decimal than the longer of the two when the sum is odd. */
export function midpointDecimals(a: DecimalString, b: DecimalString): DecimalString {
  const sum = add(readDecimal(a, 'a'), readDecimal(b, 'b'));
  return sum.units % 2n === 0n
    ? formatUnits(sum.units / 2n, sum.scale)
    : formatUnits(sum.units * 5n, sum.scale + 1);
}

/** −1, 0 or 1 as `a` is less than, equal to or greater than `b` ("1.50" equals "1.5"). */
export function compareDecimals(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  return cmp(readDecimal(a, 'a'), readDecimal(b, 'b'));
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
  const x = readDecimal(value, 'value');
  if (scale >= x.scale) return formatUnits(rescale(x, scale), scale);
  return formatUnits(divideUnits(x.units, pow10(x.scale - scale), rounding), scale);
}

/** How many decimals `value` is written with ("0.01000000" → 8). */
export function decimalScale(value: DecimalString): number {
  return readDecimal(value, 'value').scale;
}

/** True when `value` is a decimal string this module reads. */
export function isDecimal(value: unknown): value is DecimalString {
  return typeof value === 'string' && pointOf(value) !== -1;
}

// The two below run for every level change of a local order book, so they read characters instead of
// making bigints, and allocate nothing when there is nothing to change.

/** True when `value` is a decimal string equal to zero ("0", "0.00000000", "-0.0"); never throws. */
export function isZeroDecimal(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const length = value.length;
  const first = value.charCodeAt(0);
  let i = first === 45 || first === 43 ? 1 : 0; // '-', '+'
  const start = i;
  while (i < length && value.charCodeAt(i) === 48) i++; // '0'
  if (i === start) return false;
  if (i === length) return true;
  if (value.charCodeAt(i) !== 46) return false; // '.'
  i++;
  while (i < length && value.charCodeAt(i) === 48) i++;
  return i === length;
}

/**
 * `value` in its shortest form, so equal values read the same: no trailing zeros after the point, no
 * leading zeros, no plus sign, zero unsigned ("1.50000000" → "1.5", "2.000" → "2", "007.5" → "7.5",
 * "-0.0" → "0"). A `ValidationError` when it is not a decimal.
 */
export function trimDecimal(value: DecimalString): DecimalString {
  const point = typeof value === 'string' ? pointOf(value) : -1;
  if (point === -1) throw invalid(value, 'value');
  const length = value.length;
  const first = value.charCodeAt(0);
  const start = first === 45 || first === 43 ? 1 : 0; // '-', '+'
  let end = length;
  if (point < length) {
    while (value.charCodeAt(end - 1) === 48) end--; // trailing '0's
    if (end === point + 1) end = point; // and the point, when nothing follows it
  }
  let from = start;
  while (from < point - 1 && value.charCodeAt(from) === 48) from++; // leading '0's, but one
  if (end === point && from === point - 1 && value.charCodeAt(from) === 48) return '0'; // any zero
  if (from === start && end === length && first !== 43) return value;
  const digits = value.slice(from, end);
  return first === 45 ? `-${digits}` : digits;
}
