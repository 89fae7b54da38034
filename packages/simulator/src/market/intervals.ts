// Kline intervals and their buckets, including Binance's `timeZone` offsets (buckets are aligned in
// the given zone, while open/close times stay UTC epoch milliseconds).

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

const FIXED: Record<Exclude<KlineInterval, '1M'>, number> = {
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
};

/** 1970-01-05 was a Monday: weekly klines open on Mondays. */
const MONDAY_OFFSET = 4 * 86_400_000;

export function isKlineInterval(value: string): value is KlineInterval {
  return (KLINE_INTERVALS as readonly string[]).includes(value);
}

/** Open time of the bucket holding t, for a zone `offsetMs` ahead of UTC. */
export function bucketOpen(t: number, interval: KlineInterval, offsetMs = 0): number {
  const local = t + offsetMs;
  if (interval === '1M') {
    const d = new Date(local);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - offsetMs;
  }
  const size = FIXED[interval];
  if (interval === '1w') return Math.floor((local - MONDAY_OFFSET) / size) * size + MONDAY_OFFSET - offsetMs;
  return Math.floor(local / size) * size - offsetMs;
}

/** Open time of the bucket after the one opening at `open`. */
export function bucketNext(open: number, interval: KlineInterval, offsetMs = 0): number {
  if (interval === '1M') {
    const d = new Date(open + offsetMs);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - offsetMs;
  }
  return open + FIXED[interval];
}

/** Open time of the bucket before the one opening at `open`. */
export function bucketPrevious(open: number, interval: KlineInterval, offsetMs = 0): number {
  if (interval === '1M') {
    const d = new Date(open + offsetMs);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1) - offsetMs;
  }
  return open - FIXED[interval];
}

/**
 * Parses Binance's `timeZone` parameter: hours and minutes ("-1:00", "05:45", "+08:00") or hours only
 * ("0", "8"), within [-12:00, +14:00]. Returns the offset in ms, or null when invalid.
 */
export function parseTimeZone(text: string): number | null {
  const match = /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(text);
  if (!match) return null;
  const [, sign, hours, minutes = '0'] = match;
  const h = Number(hours);
  const m = Number(minutes);
  if (m >= 60) return null;
  const total = (h * 60 + m) * (sign === '-' ? -1 : 1);
  if (total < -12 * 60 || total > 14 * 60) return null;
  return total * 60_000;
}
