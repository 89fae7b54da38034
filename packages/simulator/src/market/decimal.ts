// Decimal output without floating point: values are integers counted in "atoms" (10^-precision of
// the asset), formatted the way Binance prints them ("0.01634790").

const pow10Big: bigint[] = [];
for (let i = 0; i <= 30; i++) pow10Big.push(10n ** BigInt(i));

/** 10^n as a bigint. */
export function pow10(n: number): bigint {
  return pow10Big[n] ?? 10n ** BigInt(n);
}

/** Formats an integer count of 10^-decimals units, e.g. formatUnits(1634790, 8) → "0.01634790". */
export function formatUnits(value: bigint | number, decimals: number): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return formatUnits(BigInt(Math.round(value)), decimals);
    if (decimals === 0) return String(value);
    const negative = value < 0;
    const digits = String(negative ? -value : value).padStart(decimals + 1, '0');
    const cut = digits.length - decimals;
    return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }
  if (decimals === 0) return value.toString();
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Integer division rounding half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) return 0n;
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** Parses a plain decimal string ("0.00100000") into units of 10^-decimals; null when not exact. */
export function parseUnits(text: string, decimals: number): bigint | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > decimals) return null;
  const value = BigInt(whole ?? '0') * pow10(decimals) + BigInt(trimmed.padEnd(decimals, '0') || '0');
  return sign === '-' ? -value : value;
}
