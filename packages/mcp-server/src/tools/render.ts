// Short text renderings of tool results. Clients that pass only `content` to the model still get every
// figure, in fewer tokens than JSON: a headline, then CSV-like rows.

/** An ISO 8601 time, without milliseconds when they are zero. */
export function isoTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A header line and one line per row, cells separated by commas. */
export function csv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  return [columns.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n');
}

/** `key=value` pairs, skipping undefined values. */
export function pairs(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

/** A signed percentage for reading: "+2.31%", "-0.50%". */
export function signedPercent(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return `${value.startsWith('-') ? '' : '+'}${value}%`;
}
