// The operator's limits on orders, checked before anything is sent or asked: BINANCE_SYMBOL_ALLOWLIST
// (orders only on these symbols) and BINANCE_MAX_ORDER_NOTIONAL (no order worth more than this much of
// the quote asset). What an order or list is worth is the library's `orderNotional` /
// `orderListNotional`: its quoteOrderQty, or price (stopPrice) × quantity, or the last price ×
// quantity; for a list what it can execute at most.

import { compareDecimals, type OrderNotional } from '@binance-mcp/rest';
import type { ToolEnv } from '../define.js';
import { ToolRefusal } from '../errors.js';

/** What an order or list can execute in the quote asset, and how that was found (`orderNotional`). */
export type Worth = OrderNotional;

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

/** The last price of `symbol`, fetched once. */
export function lastPrice(env: ToolEnv, symbol: string): () => Promise<string> {
  let price: Promise<string> | undefined;
  return () => {
    price ??= env.binance.rest.price({ symbol }, { signal: env.signal }).then((p) => p.price);
    return price;
  };
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
