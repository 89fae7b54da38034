// Summary statistics of a run of klines or trades: open, high, low, close, change, volume, VWAP and the
// taker split; and of the account's own fills: bought, sold, average prices, commission by asset.
// Exact: sums and differences are computed on the decimal strings; ratios and percentages are rounded
// to a stated number of decimals.

import {
  addDecimals,
  cmp,
  compareDecimals,
  type DecimalString,
  DecimalSum,
  decimalScale,
  divideDecimals,
  multiplyDecimals,
  readDecimal,
  subtractDecimals,
  trimDecimal,
} from '../decimal.js';
import type { Kline } from '../endpoints/market/klines.js';
import { ValidationError } from '../errors.js';

export interface KlineSummary {
  /** Klines summarised. */
  readonly count: number;
  /** Open time of the first kline and close time of the last (epoch ms). */
  readonly openTime: number;
  readonly closeTime: number;
  readonly open: DecimalString;
  readonly high: DecimalString;
  /** Open time of the kline that made the high (the first one, on a tie). */
  readonly highTime: number;
  readonly low: DecimalString;
  readonly lowTime: number;
  readonly close: DecimalString;
  /** close − open. */
  readonly change: DecimalString;
  /** (close − open) / open, in percent; undefined when open is 0. */
  readonly changePercent: DecimalString | undefined;
  /** (high − low) / low, in percent; undefined when low is 0. */
  readonly rangePercent: DecimalString | undefined;
  /** Base-asset volume. */
  readonly volume: DecimalString;
  /** Quote-asset volume. */
  readonly quoteVolume: DecimalString;
  readonly trades: number;
  /** Volume-weighted average price: quoteVolume / volume; undefined without volume. */
  readonly vwap: DecimalString | undefined;
  /** Share of the base volume bought by takers, in percent; undefined without volume. */
  readonly takerBuyPercent: DecimalString | undefined;
  /** Klines that closed above / below their open. */
  readonly up: number;
  readonly down: number;
}

export interface SummaryOptions {
  /** Decimals of percentages. Default 4. */
  readonly percentScale?: number;
}

function percentScaleOf(options: SummaryOptions): number {
  const scale = options.percentScale ?? 4;
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) {
    throw new ValidationError({
      parameter: 'percentScale',
      value: options.percentScale,
      allowed: 'an integer from 0 to 18',
    });
  }
  return scale;
}

function percentOf(part: DecimalString, whole: DecimalString, scale: number): DecimalString | undefined {
  return compareDecimals(whole, '0') === 0
    ? undefined
    : divideDecimals(multiplyDecimals(part, '100'), whole, scale);
}

/**
 * Summary statistics of klines in time order (as `klines` returns them); undefined for none.
 *
 * ```ts
 * const week = await client.klines({ symbol: 'BTCUSDT', interval: '1h', limit: 168 });
 * const s = summarizeKlines(week);
 * console.log(s?.open, s?.close, s?.changePercent, s?.high, s?.low, s?.vwap);
 * ```
 */
export function summarizeKlines(
  klines: readonly Kline[],
  options: SummaryOptions = {},
): KlineSummary | undefined {
  const percentScale = percentScaleOf(options);
  const first = klines[0];
  const last = klines[klines.length - 1];
  if (!first || !last) return undefined;
  let high = readDecimal(first.high, 'high');
  let highText = first.high;
  let highTime = first.openTime;
  let low = readDecimal(first.low, 'low');
  let lowText = first.low;
  let lowTime = first.openTime;
  const volumeSum = new DecimalSum();
  const quoteSum = new DecimalSum();
  const takerSum = new DecimalSum();
  let trades = 0;
  let up = 0;
  let down = 0;
  for (const k of klines) {
    const h = readDecimal(k.high, 'high');
    const l = readDecimal(k.low, 'low');
    if (cmp(h, high) > 0) {
      high = h;
      highText = k.high;
      highTime = k.openTime;
    }
    if (cmp(l, low) < 0) {
      low = l;
      lowText = k.low;
      lowTime = k.openTime;
    }
    volumeSum.add(readDecimal(k.volume, 'volume'));
    quoteSum.add(readDecimal(k.quoteVolume, 'quoteVolume'));
    takerSum.add(readDecimal(k.takerBuyBaseVolume, 'takerBuyBaseVolume'));
    trades += k.trades;
    const direction = compareDecimals(k.close, k.open);
    if (direction > 0) up++;
    else if (direction < 0) down++;
  }
  const volume = volumeSum.toString();
  const quoteVolume = quoteSum.toString();
  const takerBuy = takerSum.toString();
  const change = subtractDecimals(last.close, first.open);
  const priceScale = Math.max(decimalScale(first.open), decimalScale(last.close));
  return {
    count: klines.length,
    openTime: first.openTime,
    closeTime: last.closeTime,
    open: first.open,
    high: highText,
    highTime,
    low: lowText,
    lowTime,
    close: last.close,
    change,
    changePercent: percentOf(change, first.open, percentScale),
    rangePercent: percentOf(subtractDecimals(highText, lowText), lowText, percentScale),
    volume,
    quoteVolume,
    trades,
    vwap: compareDecimals(volume, '0') === 0 ? undefined : divideDecimals(quoteVolume, volume, priceScale),
    takerBuyPercent: percentOf(takerBuy, volume, percentScale),
    up,
    down,
  };
}

/** What `summarizeTrades` reads of a trade: `Trade` and `AggTrade` both fit. */
export interface TradeLike {
  readonly price: DecimalString;
  readonly qty: DecimalString;
  readonly time: number;
  /** True when the buyer's order was resting (the taker sold). */
  readonly isBuyerMaker: boolean;
}

export interface TradeSummary {
  readonly count: number;
  /** Time of the first and the last trade (epoch ms). */
  readonly firstTime: number;
  readonly lastTime: number;
  /** Price of the first and the last trade. */
  readonly firstPrice: DecimalString;
  readonly lastPrice: DecimalString;
  readonly high: DecimalString;
  readonly low: DecimalString;
  /** Base-asset volume. */
  readonly volume: DecimalString;
  /** Quote-asset volume: price × quantity summed. */
  readonly quoteVolume: DecimalString;
  /** quoteVolume / volume; undefined without volume. */
  readonly vwap: DecimalString | undefined;
  /** Base volume of trades where the taker bought / sold. */
  readonly takerBuyVolume: DecimalString;
  readonly takerSellVolume: DecimalString;
  /** Taker buy volume as a share of the volume, in percent; undefined without volume. */
  readonly takerBuyPercent: DecimalString | undefined;
}

/**
 * Summary statistics of trades or aggregate trades in time order; undefined for none.
 *
 * ```ts
 * const s = summarizeTrades(await client.trades({ symbol: 'ETHUSDT', limit: 1000 }));
 * console.log(s?.vwap, s?.takerBuyPercent);
 * ```
 */
export function summarizeTrades(
  trades: readonly TradeLike[],
  options: SummaryOptions = {},
): TradeSummary | undefined {
  const percentScale = percentScaleOf(options);
  const first = trades[0];
  const last = trades[trades.length - 1];
  if (!first || !last) return undefined;
  let high = readDecimal(first.price, 'price');
  let highText = first.price;
  let low = high;
  let lowText = first.price;
  const buySum = new DecimalSum();
  const sellSum = new DecimalSum();
  const quoteSum = new DecimalSum();
  let priceScale = 0;
  for (const t of trades) {
    const price = readDecimal(t.price, 'price');
    const qty = readDecimal(t.qty, 'qty');
    if (cmp(price, high) > 0) {
      high = price;
      highText = t.price;
    }
    if (cmp(price, low) < 0) {
      low = price;
      lowText = t.price;
    }
    if (t.isBuyerMaker) sellSum.add(qty);
    else buySum.add(qty);
    quoteSum.addProduct(price, qty);
    priceScale = Math.max(priceScale, price.scale);
  }
  const buy = buySum.toString();
  const sell = sellSum.toString();
  const quoteVolume = quoteSum.toString();
  const volume = addDecimals(buy, sell);
  return {
    count: trades.length,
    firstTime: first.time,
    lastTime: last.time,
    firstPrice: first.price,
    lastPrice: last.price,
    high: highText,
    low: lowText,
    volume,
    quoteVolume,
    vwap: compareDecimals(volume, '0') === 0 ? undefined : divideDecimals(quoteVolume, volume, priceScale),
    takerBuyVolume: buy,
    takerSellVolume: sell,
    takerBuyPercent: percentOf(buy, volume, percentScale),
  };
}

/** What `summarizeMyTrades` reads of one of the account's trades: `MyTrade` fits. */
export interface MyTradeLike {
  readonly price: DecimalString;
  readonly qty: DecimalString;
  /** Quote amount of the fill (price × qty). */
  readonly quoteQty: DecimalString;
  readonly commission: DecimalString;
  readonly commissionAsset: string;
  /** True when the account bought. */
  readonly isBuyer: boolean;
  /** True when the account's order was resting (maker). */
  readonly isMaker: boolean;
}

export interface MyTradeSummary {
  /** Fills summarised. */
  readonly count: number;
  /** Base asset bought / sold. */
  readonly boughtQty: DecimalString;
  readonly soldQty: DecimalString;
  /** Quote asset spent on buys / received for sells. */
  readonly boughtQuote: DecimalString;
  readonly soldQuote: DecimalString;
  /** boughtQuote / boughtQty, at the fills' price precision; absent without buys. */
  readonly avgBuyPrice?: DecimalString;
  /** soldQuote / soldQty; absent without sells. */
  readonly avgSellPrice?: DecimalString;
  /** Commission paid, by asset. */
  readonly commission: Readonly<Record<string, DecimalString>>;
  /** Fills where the account was the maker. */
  readonly makerCount: number;
}

/**
 * A summary of the account's own fills (`myTrades`): what was bought and sold, for how much, at what
 * average price, and the commission paid by asset; undefined for none. Exact decimals, trailing zeros
 * trimmed.
 *
 * ```ts
 * const s = summarizeMyTrades(await client.myTrades({ symbol: 'BTCUSDT', limit: 1000 }));
 * console.log(s?.boughtQty, s?.avgBuyPrice, s?.soldQty, s?.avgSellPrice, s?.commission);
 * ```
 */
export function summarizeMyTrades(trades: readonly MyTradeLike[]): MyTradeSummary | undefined {
  if (trades.length === 0) return undefined;
  let boughtQty = '0';
  let soldQty = '0';
  let boughtQuote = '0';
  let soldQuote = '0';
  let makerCount = 0;
  let priceScale = 0;
  const commission: Record<string, string> = {};
  for (const t of trades) {
    if (t.isBuyer) {
      boughtQty = addDecimals(boughtQty, t.qty);
      boughtQuote = addDecimals(boughtQuote, t.quoteQty);
    } else {
      soldQty = addDecimals(soldQty, t.qty);
      soldQuote = addDecimals(soldQuote, t.quoteQty);
    }
    if (t.isMaker) makerCount++;
    commission[t.commissionAsset] = addDecimals(commission[t.commissionAsset] ?? '0', t.commission);
    priceScale = Math.max(priceScale, decimalScale(t.price));
  }
  const avg = (quote: string, qty: string) =>
    compareDecimals(qty, '0') === 0 ? undefined : trimDecimal(divideDecimals(quote, qty, priceScale));
  const avgBuyPrice = avg(boughtQuote, boughtQty);
  const avgSellPrice = avg(soldQuote, soldQty);
  return {
    count: trades.length,
    boughtQty: trimDecimal(boughtQty),
    soldQty: trimDecimal(soldQty),
    boughtQuote: trimDecimal(boughtQuote),
    soldQuote: trimDecimal(soldQuote),
    ...(avgBuyPrice === undefined ? {} : { avgBuyPrice }),
    ...(avgSellPrice === undefined ? {} : { avgSellPrice }),
    commission: Object.fromEntries(Object.entries(commission).map(([k, v]) => [k, trimDecimal(v)])),
    makerCount,
  };
}
