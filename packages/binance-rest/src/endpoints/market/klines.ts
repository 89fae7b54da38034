// Klines (candlesticks) and UI klines. Binance sends each kline as a 12-element array; the client gives
// objects with readable names (the tuple form stays available through `request(…, { raw: true })` and
// `toKlineTuple`).

import * as z from 'zod';
import { checkTimeRange, interval, limit, symbol, time, timeZone } from '../../schemas/params.js';
import { count, decimal, timestamp } from '../../schemas/values.js';
import { defineEndpoint } from '../endpoint.js';

/** A kline exactly as Binance sends it. Later elements Binance may append are accepted and dropped. */
export const klineTuple = z.tuple(
  [
    timestamp, // open time
    decimal, // open
    decimal, // high
    decimal, // low
    decimal, // close
    decimal, // volume (base asset)
    timestamp, // close time
    decimal, // quote asset volume
    count, // number of trades
    decimal, // taker buy base asset volume
    decimal, // taker buy quote asset volume
    z.string(), // unused ("0")
  ],
  z.unknown(),
);
export type KlineTuple = z.input<typeof klineTuple>;

export interface Kline {
  /** Epoch ms of the first instant of the kline. */
  readonly openTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Volume in the base asset. */
  readonly volume: string;
  /** Epoch ms of the last instant of the kline (the next open time − 1). */
  readonly closeTime: number;
  /** Volume in the quote asset. */
  readonly quoteVolume: string;
  /** Number of trades. */
  readonly trades: number;
  /** Base-asset volume bought by takers. */
  readonly takerBuyBaseVolume: string;
  /** Quote-asset volume bought by takers. */
  readonly takerBuyQuoteVolume: string;
}

export const kline = klineTuple.transform(
  (k): Kline => ({
    openTime: k[0],
    open: k[1],
    high: k[2],
    low: k[3],
    close: k[4],
    volume: k[5],
    closeTime: k[6],
    quoteVolume: k[7],
    trades: k[8],
    takerBuyBaseVolume: k[9],
    takerBuyQuoteVolume: k[10],
  }),
);

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';

/** `z.array(kline).parse(json)` by hand, about 40 times faster; undefined unless the shape is exact. */
export function parseKlines(json: unknown): Kline[] | undefined {
  if (!Array.isArray(json)) return undefined;
  const out: Kline[] = new Array(json.length);
  for (let i = 0; i < json.length; i++) {
    const k: unknown = json[i];
    if (
      !Array.isArray(k) ||
      k.length < 12 ||
      !isNumber(k[0]) ||
      !isString(k[1]) ||
      !isString(k[2]) ||
      !isString(k[3]) ||
      !isString(k[4]) ||
      !isString(k[5]) ||
      !isNumber(k[6]) ||
      !isString(k[7]) ||
      !isNumber(k[8]) ||
      !isString(k[9]) ||
      !isString(k[10]) ||
      !isString(k[11])
    ) {
      return undefined;
    }
    out[i] = {
      openTime: k[0],
      open: k[1],
      high: k[2],
      low: k[3],
      close: k[4],
      volume: k[5],
      closeTime: k[6],
      quoteVolume: k[7],
      trades: k[8],
      takerBuyBaseVolume: k[9],
      takerBuyQuoteVolume: k[10],
    };
  }
  return out;
}

/** The tuple Binance sent for a kline (the unused last element is `"0"`). */
export function toKlineTuple(k: Kline): KlineTuple {
  return [
    k.openTime,
    k.open,
    k.high,
    k.low,
    k.close,
    k.volume,
    k.closeTime,
    k.quoteVolume,
    k.trades,
    k.takerBuyBaseVolume,
    k.takerBuyQuoteVolume,
    '0',
  ];
}

export const klinesParams = z
  .strictObject({
    symbol,
    interval,
    startTime: time.optional(),
    endTime: time.optional(),
    timeZone: timeZone.optional(),
    limit: limit(1000, 500).optional(),
  })
  .superRefine(checkTimeRange);
export type KlinesParams = z.input<typeof klinesParams>;

export const klines = defineEndpoint({
  name: 'klines',
  method: 'GET',
  path: '/api/v3/klines',
  security: 'NONE',
  description:
    'Klines (candlesticks) of a symbol for an interval, oldest first; `timeZone` shifts the interval boundaries.',
  dataSource: 'Database',
  marketDataHost: true,
  params: klinesParams,
  response: z.array(kline),
  fastParse: parseKlines,
  weight: () => 2,
});

export const uiKlines = defineEndpoint({
  name: 'uiKlines',
  method: 'GET',
  path: '/api/v3/uiKlines',
  security: 'NONE',
  description: 'Klines adjusted for presentation in candlestick charts; same parameters and shape as klines.',
  dataSource: 'Database',
  marketDataHost: true,
  params: klinesParams,
  response: z.array(kline),
  fastParse: parseKlines,
  weight: () => 2,
});
