// Market stream names, parsed into what a feed needs. Symbols are lower case in stream names;
// `!`-prefixed names are all-market streams.

import { isKlineInterval, type KlineInterval } from '../market/intervals.js';

export type TickerWindow = '1h' | '4h' | '1d';

export type StreamSpec =
  | {
      kind:
        | 'trade'
        | 'aggTrade'
        | 'blockTrade'
        | 'bookTicker'
        | 'miniTicker'
        | 'ticker'
        | 'avgPrice'
        | 'referencePrice';
      symbol: string;
    }
  | { kind: 'kline'; symbol: string; interval: KlineInterval; offsetMs: number }
  | { kind: 'windowTicker'; symbol: string; window: TickerWindow }
  | { kind: 'partialDepth'; symbol: string; levels: 5 | 10 | 20; speed: 100 | 1000 }
  | { kind: 'depth'; symbol: string; speed: 100 | 1000 }
  | { kind: 'allMiniTicker' }
  | { kind: 'allWindowTicker'; window: TickerWindow };

const SYMBOL = /^[a-z0-9\-_.\u0080-\uFFFF]{1,20}$/u;
const WINDOWS: readonly string[] = ['1h', '4h', '1d'];
const SIMPLE = new Set([
  'trade',
  'aggTrade',
  'blockTrade',
  'bookTicker',
  'miniTicker',
  'ticker',
  'avgPrice',
  'referencePrice',
]);

function speedOf(text: string | undefined): 100 | 1000 | null {
  if (text === undefined || text === '1000ms') return 1000;
  if (text === '100ms') return 100;
  return null;
}

/** Parses a zone suffix like "+08:00" into ms ahead of UTC. */
function zoneOffset(text: string): number | null {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) >= 60 || minutes > 14 * 60) return null;
  return (m[1] === '-' ? -minutes : minutes) * 60_000;
}

/** The spec of a stream name, or null when the name is not a valid stream. */
export function parseStreamName(name: string): StreamSpec | null {
  if (name === '!miniTicker@arr') return { kind: 'allMiniTicker' };
  const all = /^!ticker_(\w+)@arr$/.exec(name);
  if (all)
    return WINDOWS.includes(all[1]!) ? { kind: 'allWindowTicker', window: all[1] as TickerWindow } : null;
  const parts = name.split('@');
  const [lower, type, suffix, extra] = parts;
  if (lower === undefined || type === undefined || extra !== undefined || !SYMBOL.test(lower)) return null;
  const symbol = lower.toUpperCase();
  if (SIMPLE.has(type)) {
    return suffix === undefined ? ({ kind: type, symbol } as StreamSpec) : null;
  }
  if (type.startsWith('kline_')) {
    const interval = type.slice(6);
    if (!isKlineInterval(interval)) return null;
    const offsetMs = suffix === undefined ? 0 : zoneOffset(suffix);
    return offsetMs === null ? null : { kind: 'kline', symbol, interval, offsetMs };
  }
  if (type.startsWith('ticker_')) {
    const window = type.slice(7);
    return WINDOWS.includes(window) && suffix === undefined
      ? { kind: 'windowTicker', symbol, window: window as TickerWindow }
      : null;
  }
  const depth = /^depth(5|10|20)?$/.exec(type);
  if (depth) {
    const speed = speedOf(suffix);
    if (speed === null) return null;
    if (depth[1] === undefined) return { kind: 'depth', symbol, speed };
    return { kind: 'partialDepth', symbol, levels: Number(depth[1]) as 5 | 10 | 20, speed };
  }
  return null;
}

/** The symbol a stream is about, if any. */
export function streamSymbol(spec: StreamSpec): string | null {
  return 'symbol' in spec ? spec.symbol : null;
}
