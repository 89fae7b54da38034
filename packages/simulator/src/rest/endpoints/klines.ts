// klines and uiKlines (the same data here, as on Binance's testnet).

import { isKlineInterval, parseTimeZone } from '../../market/intervals.js';
import { klines as buildKlines } from '../../market/klines.js';
import { lookup, type Route } from '../context.js';
import { errors } from '../errors.js';

export const klines: Route = {
  weight: () => 2,
  handle: (ctx) => {
    const p = ctx.params;
    const sm = lookup(ctx, p.requiredSymbol());
    const interval = p.requiredString('interval');
    if (!isKlineInterval(interval)) throw errors.badInterval();
    const startTime = p.timestamp('startTime');
    const endTime = p.timestamp('endTime');
    const zone = p.string('timeZone');
    const offsetMs = zone === undefined ? 0 : parseTimeZone(zone);
    if (offsetMs === null) throw errors.invalidParam('timeZone');
    const limit = p.int('limit', 1, 1000) ?? 500;
    if (startTime !== undefined && endTime !== undefined && startTime > endTime) return [];
    const rows = buildKlines(sm, { interval, offsetMs, startTime, endTime, limit, now: ctx.now });
    return rows.map((k) => [
      ctx.time(k.openTime),
      k.open,
      k.high,
      k.low,
      k.close,
      k.volume,
      ctx.endTime(k.nextOpen),
      k.quoteVolume,
      k.count,
      k.takerBuyVolume,
      k.takerBuyQuote,
      '0',
    ]);
  },
};

export const uiKlines: Route = klines;
