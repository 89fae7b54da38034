// The operator's limits on orders, checked before anything is sent or asked: BINANCE_SYMBOL_ALLOWLIST
// (orders only on these symbols) and BINANCE_MAX_ORDER_NOTIONAL (no order worth more than this much of
// the quote asset). An order's worth is its quoteOrderQty, or its price (a stop's stopPrice) times its
// quantity, or for a MARKET order (and a trailing stop without a price) the last price times its
// quantity. An order list is worth what it can execute at most: an OCO the dearer of its legs, an OTO
// both orders, an OTOCO its working order plus the dearer pending leg.

import { addDecimals, compareDecimals, multiplyDecimals, trimDecimal } from '@binance-mcp/rest';
import type { ToolEnv } from '../define.js';
import { ToolRefusal } from '../errors.js';

/** The price-and-quantity parts of one order or leg. */
export interface Priced {
  readonly quantity?: string | undefined;
  readonly quoteOrderQty?: string | undefined;
  readonly price?: string | undefined;
  readonly stopPrice?: string | undefined;
}

export interface Worth {
  /** In the quote asset. */
  readonly notional: string;
  /** How it was found, e.g. "price × quantity" or "last price 68000.00 × quantity". */
  readonly basis: string;
}

/** Refuses a symbol outside BINANCE_SYMBOL_ALLOWLIST. */
export function checkAllowlist(env: ToolEnv, symbol: string): void {
  const allow = env.binance.config.trading.symbolAllowlist;
  if (allow && !allow.includes(symbol)) {
    throw new ToolRefusal(
      `${symbol} is not in BINANCE_SYMBOL_ALLOWLIST (${allow.join(', ')}); nothing was sent`,
      'Only the operator can change the allow-list; use one of the listed symbols.',
    );
  }
}

/** What an order or leg is worth in the quote asset; `last` fetches the last price when needed. */
export async function worthOf(o: Priced, last: () => Promise<string>): Promise<Worth | undefined> {
  if (o.quoteOrderQty !== undefined)
    return { notional: trimDecimal(o.quoteOrderQty), basis: 'quoteOrderQty' };
  if (o.quantity === undefined) return undefined;
  if (o.price !== undefined) {
    return { notional: trimDecimal(multiplyDecimals(o.price, o.quantity)), basis: 'price × quantity' };
  }
  if (o.stopPrice !== undefined) {
    return {
      notional: trimDecimal(multiplyDecimals(o.stopPrice, o.quantity)),
      basis: 'stopPrice × quantity',
    };
  }
  const price = await last();
  return {
    notional: trimDecimal(multiplyDecimals(price, o.quantity)),
    basis: `last price ${price} × quantity`,
  };
}

/** The last price of `symbol`, fetched once. */
export function lastPrice(env: ToolEnv, symbol: string): () => Promise<string> {
  let price: Promise<string> | undefined;
  return () => {
    price ??= env.binance.rest.price({ symbol }, { signal: env.signal }).then((p) => p.price);
    return price;
  };
}

export function sum(a: Worth, b: Worth): Worth {
  return { notional: trimDecimal(addDecimals(a.notional, b.notional)), basis: `${a.basis} + ${b.basis}` };
}

export function larger(a: Worth, b: Worth): Worth {
  return compareDecimals(a.notional, b.notional) >= 0 ? a : b;
}

/** Refuses an order worth more than BINANCE_MAX_ORDER_NOTIONAL (when set). */
export function checkNotional(
  env: ToolEnv,
  worth: Worth | undefined,
  quoteAsset: string,
  what: string,
): void {
  const max = env.binance.config.trading.maxOrderNotional;
  if (max === undefined) return;
  if (worth === undefined) {
    throw new ToolRefusal(
      `the worth of ${what} cannot be told (no quantity or quoteOrderQty), and BINANCE_MAX_ORDER_NOTIONAL (${max} ${quoteAsset}) is set; nothing was sent`,
    );
  }
  if (compareDecimals(worth.notional, max) > 0) {
    throw new ToolRefusal(
      `${what} is worth ${worth.notional} ${quoteAsset} (${worth.basis}), over BINANCE_MAX_ORDER_NOTIONAL ${max} ${quoteAsset}; nothing was sent`,
      `Make it ${max} ${quoteAsset} or less (a smaller quantity), or ask the operator to raise the cap.`,
    );
  }
}
