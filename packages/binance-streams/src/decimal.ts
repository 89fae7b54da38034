// Exact decimal arithmetic on Binance's decimal strings ("0.00240000"), through BigInt scaled
// integers: no floating point anywhere a price or quantity is computed.

const DECIMAL = /^-?\d+(\.\d+)?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  if (!DECIMAL.test(value)) throw new RangeError(`Not a decimal string: '${value}'`);
  const dot = value.indexOf('.');
  if (dot === -1) return { units: BigInt(value), scale: 0 };
  return { units: BigInt(value.slice(0, dot) + value.slice(dot + 1)), scale: value.length - dot - 1 };
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, b.units * 10n ** BigInt(a.scale - b.scale), a.scale];
  return [a.units * 10n ** BigInt(b.scale - a.scale), b.units, b.scale];
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** a + b, exactly, with the larger of the two scales. */
export function decimalAdd(a: string, b: string): string {
  const [x, y, scale] = align(parse(a), parse(b));
  return format(x + y, scale);
}

/** a − b, exactly, with the larger of the two scales. */
export function decimalSub(a: string, b: string): string {
  const [x, y, scale] = align(parse(a), parse(b));
  return format(x - y, scale);
}

/** a × b, exactly (the scales add up). */
export function decimalMul(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  return format(x.units * y.units, x.scale + y.scale);
}

/** (a + b) / 2, exactly: one more decimal place when the sum is odd. */
export function decimalMidpoint(a: string, b: string): string {
  const [x, y, scale] = align(parse(a), parse(b));
  const sum = x + y;
  if (sum % 2n === 0n) return format(sum / 2n, scale);
  return format((sum * 10n) / 2n, scale + 1);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. Exact. */
export function decimalCompare(a: string, b: string): -1 | 0 | 1 {
  const [x, y] = align(parse(a), parse(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether a decimal string is zero ("0", "0.00000000"). Does not allocate. */
export function isZeroDecimal(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 48 && c !== 46 && c !== 45) return false; // '0', '.', '-'
  }
  return true;
}

/**
 * The canonical form of a decimal string: no trailing fractional zeros, no leading integer zeros
 * ("0.00240000" → "0.0024", "10.0" → "10"), so equal values have one key.
 */
export function canonicalDecimal(value: string): string {
  let end = value.length;
  if (value.indexOf('.') !== -1) {
    while (end > 0 && value.charCodeAt(end - 1) === 48) end--;
    if (value.charCodeAt(end - 1) === 46) end--;
  }
  let start = 0;
  while (start < end - 1 && value.charCodeAt(start) === 48 && value.charCodeAt(start + 1) !== 46) start++;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
