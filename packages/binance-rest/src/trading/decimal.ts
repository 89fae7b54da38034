// Exact decimal arithmetic for prices, quantities and filter bounds. Binance sends them as decimal
// strings ("0.00100000") and checks orders against them exactly (`quantity % stepSize == 0`); binary
// floats cannot (0.1 + 0.2 !== 0.3, 0.3 % 0.1 !== 0), so every value here is an integer count of
// 10^-scale units held as a bigint.

/** A decimal number: `units × 10^-scale`. */
export interface Dec {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal ("123", "0.0010", "-1.5"; no exponent), or undefined. */
export function parseDecimal(text: string): Dec | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2]}${fraction}`);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

/** Like `parseDecimal`, for values that must be decimals (filter fields, validated parameters). */
export function dec(text: string | number | bigint): Dec {
  if (typeof text === 'bigint') return { units: text, scale: 0 };
  const parsed = parseDecimal(typeof text === 'number' ? plainNumber(text) : text);
  if (!parsed) throw new RangeError(`not a decimal: ${String(text)}`);
  return parsed;
}

/** A finite number in plain decimal notation (no exponent), e.g. 1e-7 → "0.0000001". */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function rescale(a: Dec, scale: number): bigint {
  return scale >= a.scale ? a.units * pow10(scale - a.scale) : a.units / pow10(a.scale - scale);
}

export function cmp(a: Dec, b: Dec): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (a: Dec): boolean => a.units === 0n;

export function mul(a: Dec, b: Dec): Dec {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function sub(a: Dec, b: Dec): Dec {
  return add(a, { units: -b.units, scale: b.scale });
}

export type RoundingMode = 'down' | 'up' | 'nearest';

/** Integer division of two non-negative bigints, rounded as asked (`nearest` rounds halves up). */
function divide(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if (mode === 'down') return q;
  if (mode === 'up') return q + 1n;
  return 2n * r >= d ? q + 1n : q;
}

/** `a / b` with `scale` decimals, rounded as asked (both non-negative, `b` non-zero). */
export function div(a: Dec, b: Dec, scale: number, mode: RoundingMode): Dec {
  // a / b = (a.units × 10^b.scale) / (b.units × 10^a.scale); times 10^scale for the result's units.
  const n = a.units * pow10(b.scale + scale);
  const d = b.units * pow10(a.scale);
  return { units: divide(n, d, mode), scale };
}

/** True when `a` is a whole multiple of `step` (a step of 0 accepts anything). */
export function isMultiple(a: Dec, step: Dec): boolean {
  if (step.units === 0n) return true;
  const scale = Math.max(a.scale, step.scale);
  return rescale(a, scale) % rescale(step, scale) === 0n;
}

/** `a` rounded to a multiple of `step` (non-negative values; a step of 0 leaves `a` as it is). */
export function roundToStep(a: Dec, step: Dec, mode: RoundingMode): Dec {
  if (step.units === 0n) return a;
  const scale = Math.max(a.scale, step.scale);
  const s = rescale(step, scale);
  const steps = divide(rescale(a, scale), s, mode);
  return { units: steps * s, scale };
}

/** The number of decimals a step really has ("0.00100000" → 3, "1.00000000" → 0). */
export function significantScale(a: Dec): number {
  let scale = a.scale;
  let units = a.units;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return scale;
}

/**
 * Prints `a` with exactly `scale` decimals (default: as few as it needs, at least none), as Binance
 * accepts it: "0.001", "97012.34", "5".
 */
export function format(a: Dec, scale?: number): string {
  const target = scale ?? significantScale(a);
  const units = target >= a.scale ? a.units * pow10(target - a.scale) : a.units / pow10(a.scale - target);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(target + 1, '0');
  const whole = digits.slice(0, digits.length - target);
  const fraction = target > 0 ? `.${digits.slice(digits.length - target)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
