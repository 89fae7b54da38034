// What people read off an order book: best bid and ask, spread, mid price, how much rests within a band
// around the mid, and what a market order of a given size would cost. Exact: every figure is computed
// on the decimal strings of the book (percentages are rounded to `percentScale` decimals).

import {
  addDecimals,
  cmp,
  compareDecimals,
  type DecimalString,
  DecimalSum,
  decimalScale,
  divideDecimals,
  type FixedDecimal,
  isDecimal,
  midpointDecimals,
  multiplyDecimals,
  readDecimal,
  roundDecimal,
  subtractDecimals,
} from '../decimal.js';
import { ValidationError } from '../errors.js';

/** A price level, `[price, quantity]`, as in `OrderBook`. */
export type PriceLevel = readonly [price: DecimalString, quantity: DecimalString];

/** Bids best (highest) first, asks best (lowest) first, as `depth` returns them. */
export interface BookSides {
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
}

/** Resting liquidity on one side within the band. */
export interface BandSide {
  /** Price levels inside the band. */
  readonly levels: number;
  /** Their total quantity, in the base asset. */
  readonly quantity: DecimalString;
  /** Their total value (price × quantity summed), in the quote asset. */
  readonly notional: DecimalString;
  /**
   * False when the book's last level on this side is still inside the band: the snapshot may end
   * before the band does (fetch more levels to be sure).
   */
  readonly complete: boolean;
}

export interface OrderBookStats {
  readonly bestBid: { readonly price: DecimalString; readonly quantity: DecimalString } | undefined;
  readonly bestAsk: { readonly price: DecimalString; readonly quantity: DecimalString } | undefined;
  /** Best ask − best bid; undefined unless both sides have a level. */
  readonly spread: DecimalString | undefined;
  /** (best bid + best ask) / 2: the prices' decimals, or one more when needed. */
  readonly mid: DecimalString | undefined;
  /** Spread as a percentage of the mid price. */
  readonly spreadPercent: DecimalString | undefined;
  /** Depth within ±`percent` of the mid price; undefined without a mid price. */
  readonly band:
    | {
        readonly percent: DecimalString;
        /** Lowest bid price counted: mid × (1 − percent/100), to the prices' decimals plus one. */
        readonly bidFloor: DecimalString;
        /** Highest ask price counted: mid × (1 + percent/100). */
        readonly askCeiling: DecimalString;
        readonly bids: BandSide;
        readonly asks: BandSide;
        /** Bid notional ÷ (bid + ask notional), as a percentage: above 50 means more resting demand. */
        readonly bidSharePercent: DecimalString | undefined;
      }
    | undefined;
}

export interface OrderBookStatsOptions {
  /** Half-width of the depth band around the mid price, in percent. Default "1" (±1%). */
  readonly bandPercent?: DecimalString | number;
  /** Decimals of the percentages. Default 4. */
  readonly percentScale?: number;
}

function percentOption(value: DecimalString | number | undefined): DecimalString {
  const text = value === undefined ? '1' : typeof value === 'number' ? String(value) : value;
  if (!isDecimal(text) || compareDecimals(text, '0') <= 0 || compareDecimals(text, '100') > 0) {
    throw new ValidationError({
      parameter: 'bandPercent',
      value,
      allowed: 'a percentage above 0 and at most 100, e.g. 1 or "0.5"',
    });
  }
  return text;
}

function scaleOption(value: number | undefined): number {
  const scale = value ?? 4;
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) {
    throw new ValidationError({ parameter: 'percentScale', value, allowed: 'an integer from 0 to 18' });
  }
  return scale;
}

/** "100.000" → "100.00": the extra decimal only when it carries a digit. */
function dropLastZero(value: DecimalString): DecimalString {
  return value.includes('.') && value.endsWith('0') ? value.slice(0, -1).replace(/\.$/, '') : value;
}

function sumSide(levels: readonly PriceLevel[], inside: (price: FixedDecimal) => boolean): BandSide {
  const quantity = new DecimalSum();
  const notional = new DecimalSum();
  let count = 0;
  for (const [priceText, qtyText] of levels) {
    const price = readDecimal(priceText, 'price');
    if (!inside(price)) {
      return { levels: count, quantity: quantity.toString(), notional: notional.toString(), complete: true };
    }
    const qty = readDecimal(qtyText, 'quantity');
    quantity.add(qty);
    notional.addProduct(price, qty);
    count++;
  }
  return { levels: count, quantity: quantity.toString(), notional: notional.toString(), complete: false };
}

/**
 * Best bid and ask, spread, mid price and the depth within ±`bandPercent` (default 1%) of the mid.
 *
 * ```ts
 * const book = await client.depth({ symbol: 'BTCUSDT', limit: 500 });
 * const { spread, mid, band } = orderBookStats(book, { bandPercent: 0.5 });
 * console.log(spread, mid, band?.bids.notional, band?.asks.notional);
 * ```
 */
export function orderBookStats(book: BookSides, options: OrderBookStatsOptions = {}): OrderBookStats {
  const percent = percentOption(options.bandPercent);
  const percentScale = scaleOption(options.percentScale);
  const [bidPrice, bidQty] = book.bids[0] ?? [];
  const [askPrice, askQty] = book.asks[0] ?? [];
  const bestBid =
    bidPrice !== undefined && bidQty !== undefined ? { price: bidPrice, quantity: bidQty } : undefined;
  const bestAsk =
    askPrice !== undefined && askQty !== undefined ? { price: askPrice, quantity: askQty } : undefined;
  if (!bestBid || !bestAsk) {
    return { bestBid, bestAsk, spread: undefined, mid: undefined, spreadPercent: undefined, band: undefined };
  }
  const priceScale = Math.max(decimalScale(bestBid.price), decimalScale(bestAsk.price));
  const spread = subtractDecimals(bestAsk.price, bestBid.price);
  const mid = midpointDecimals(bestBid.price, bestAsk.price);
  const spreadPercent =
    compareDecimals(mid, '0') > 0
      ? divideDecimals(multiplyDecimals(spread, '100'), mid, percentScale)
      : undefined;
  // The band's edges, rounded outwards by at most one unit of the price scale + 1.
  const fraction = divideDecimals(percent, '100', 12);
  const bidFloor = dropLastZero(
    roundDecimal(multiplyDecimals(mid, subtractDecimals('1', fraction)), priceScale + 1),
  );
  const askCeiling = dropLastZero(
    roundDecimal(multiplyDecimals(mid, addDecimals('1', fraction)), priceScale + 1),
  );
  const floor = readDecimal(bidFloor);
  const ceiling = readDecimal(askCeiling);
  const bids = sumSide(book.bids, (price) => cmp(price, floor) >= 0);
  const asks = sumSide(book.asks, (price) => cmp(price, ceiling) <= 0);
  const total = addDecimals(bids.notional, asks.notional);
  return {
    bestBid,
    bestAsk,
    spread,
    mid,
    spreadPercent,
    band: {
      percent,
      bidFloor,
      askCeiling,
      bids,
      asks,
      bidSharePercent:
        compareDecimals(total, '0') > 0
          ? divideDecimals(multiplyDecimals(bids.notional, '100'), total, percentScale)
          : undefined,
    },
  };
}

/** What a market order would do against a book snapshot (ignoring fees and other orders). */
export interface MarketImpact {
  readonly side: 'BUY' | 'SELL';
  /** Base quantity the book could fill (less than asked when the book runs out). */
  readonly filledQuantity: DecimalString;
  /** Quote amount spent (BUY) or received (SELL). */
  readonly notional: DecimalString;
  /** notional ÷ filledQuantity; undefined when nothing fills. */
  readonly averagePrice: DecimalString | undefined;
  /** Price of the last level touched. */
  readonly worstPrice: DecimalString | undefined;
  readonly levels: number;
  /** How far the average price is from the best price, as a percentage (always ≥ 0). */
  readonly slippagePercent: DecimalString | undefined;
  /** False when the snapshot ran out before the order was filled. */
  readonly complete: boolean;
}

export type MarketImpactAmount =
  | { readonly quantity: DecimalString; readonly quoteQuantity?: undefined }
  | { readonly quoteQuantity: DecimalString; readonly quantity?: undefined };

function amountOption(amount: MarketImpactAmount): {
  key: 'quantity' | 'quoteQuantity';
  value: DecimalString;
} {
  const given = amount as { quantity?: unknown; quoteQuantity?: unknown };
  const hasQty = given.quantity !== undefined;
  const hasQuote = given.quoteQuantity !== undefined;
  if (hasQty === hasQuote) {
    throw new ValidationError({
      parameter: 'amount',
      value: amount,
      allowed: "exactly one of 'quantity' (base asset) or 'quoteQuantity' (quote asset)",
    });
  }
  const key = hasQty ? 'quantity' : 'quoteQuantity';
  const value = given[key];
  if (!isDecimal(value) || compareDecimals(value, '0') <= 0) {
    throw new ValidationError({ parameter: key, value, allowed: 'a positive decimal such as "0.5"' });
  }
  return { key, value };
}

/**
 * Walks the book to fill a market order of `quantity` (base asset) or `quoteQuantity` (quote asset):
 * a BUY takes the asks, a SELL the bids. Returns the fill, average and worst price, and slippage.
 *
 * ```ts
 * const impact = marketImpact(book, 'BUY', { quoteQuantity: '10000' });
 * console.log(impact.averagePrice, impact.slippagePercent, impact.complete);
 * ```
 */
export function marketImpact(
  book: BookSides,
  side: 'BUY' | 'SELL',
  amount: MarketImpactAmount,
  options: { readonly percentScale?: number } = {},
): MarketImpact {
  if (side !== 'BUY' && side !== 'SELL') {
    throw new ValidationError({ parameter: 'side', value: side, allowed: '"BUY" or "SELL"' });
  }
  const { key, value } = amountOption(amount);
  const percentScale = scaleOption(options.percentScale);
  const levels = side === 'BUY' ? book.asks : book.bids;
  let remaining = value;
  let filled = '0';
  let notional = '0';
  let used = 0;
  let worstPrice: DecimalString | undefined;
  for (const [price, qty] of levels) {
    if (compareDecimals(remaining, '0') <= 0) break;
    const levelNotional = multiplyDecimals(price, qty);
    let takeQty = qty;
    if (key === 'quantity') {
      if (compareDecimals(qty, remaining) > 0) takeQty = remaining;
      remaining = subtractDecimals(remaining, takeQty);
    } else if (compareDecimals(levelNotional, remaining) > 0) {
      // Part of this level: remaining ÷ price, rounded down to the level quantity's decimals.
      takeQty = divideDecimals(remaining, price, decimalScale(qty), 'down');
      remaining = '0';
    } else {
      remaining = subtractDecimals(remaining, levelNotional);
    }
    if (compareDecimals(takeQty, '0') <= 0) break;
    filled = addDecimals(filled, takeQty);
    notional = addDecimals(notional, multiplyDecimals(price, takeQty));
    worstPrice = price;
    used++;
  }
  const best = levels[0]?.[0];
  const priceScale = best === undefined ? 8 : decimalScale(best) + 2;
  const averagePrice =
    compareDecimals(filled, '0') > 0 ? divideDecimals(notional, filled, priceScale) : undefined;
  let slippagePercent: DecimalString | undefined;
  if (averagePrice !== undefined && best !== undefined && compareDecimals(best, '0') > 0) {
    const diff = side === 'BUY' ? subtractDecimals(averagePrice, best) : subtractDecimals(best, averagePrice);
    slippagePercent = divideDecimals(multiplyDecimals(diff, '100'), best, percentScale);
  }
  return {
    side,
    filledQuantity: filled,
    notional,
    averagePrice,
    worstPrice,
    levels: used,
    slippagePercent,
    complete: compareDecimals(remaining, '0') <= 0,
  };
}
