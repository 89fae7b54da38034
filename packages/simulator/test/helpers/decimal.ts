/** Parses a Binance decimal string into an exact count of 10^-8 units. */
export function units(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0').slice(0, 8) || '0');
  return negative ? -value : value;
}

export function sum(values: readonly string[]): bigint {
  return values.reduce((acc, v) => acc + units(v), 0n);
}

/** Formats 10^-8 units as Binance prints them ("0.01000000"). */
export function dec(value: bigint): string {
  const negative = value < 0n;
  const v = negative ? -value : value;
  return `${negative ? '-' : ''}${v / 100_000_000n}.${(v % 100_000_000n).toString().padStart(8, '0')}`;
}
