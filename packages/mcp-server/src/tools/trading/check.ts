// Before an order is sent or the user is asked: the operator's caps, then the symbol's rules and
// filters (the library's pre-trade checks: a FilterError names the filter, the value and the nearest
// valid values). An order the user confirms has already passed everything that can be checked here.

import { orderNotional, type ValidationError } from '@binance-mcp/rest';
import type { ToolEnv } from '../define.js';
import { ToolInputError } from '../errors.js';
import { checkAllowlist, checkNotional, lastPrice, type Worth } from './caps.js';
import { describeOrder, type OrderFields, orderParams } from './order-input.js';

export interface CheckedOrder {
  readonly params: ReturnType<typeof orderParams>;
  readonly quoteAsset: string;
  readonly worth: Worth | undefined;
  readonly summary: string;
}

/** The symbol's quote asset; an unknown symbol is an input error naming it. */
export async function quoteAssetOf(env: ToolEnv, symbol: string, parameter = 'symbol'): Promise<string> {
  const info = await env.binance.rest.exchangeInfoCache.symbol(symbol, { signal: env.signal });
  if (!info) {
    throw new ToolInputError({
      parameter,
      value: symbol,
      allowed: 'a symbol Binance lists',
      hint: 'Find listed symbols with get_exchange_info (e.g. search: "BTC").',
    });
  }
  return info.quoteAsset;
}

/** Throws the first of `problems` (a FilterError, or a ValidationError naming the parameter) if any. */
export function throwFirst(problems: readonly ValidationError[]): void {
  const [first] = problems;
  if (first) throw first;
}

/**
 * Caps, then filters: the order as the library sends it, its worth and a one-line summary. With
 * `replacing` (the order a cancelReplace cancels), the library checks it as a cancelReplace, so a
 * symbol that takes none (`cancelReplaceAllowed: false`) is refused too.
 */
export async function checkOrder(
  env: ToolEnv,
  fields: OrderFields,
  replacing?: { cancelOrderId: string; cancelReplaceMode: 'STOP_ON_FAILURE' | 'ALLOW_FAILURE' },
): Promise<CheckedOrder> {
  checkAllowlist(env, fields.symbol);
  const quoteAsset = await quoteAssetOf(env, fields.symbol);
  const params = orderParams(fields);
  const worth = await orderNotional(fields, lastPrice(env, fields.symbol));
  const summary = describeOrder(fields);
  checkNotional(env, worth, quoteAsset, `the order (${summary})`);
  const options = { signal: env.signal };
  throwFirst(
    replacing
      ? await env.binance.rest.checkCancelReplace({ ...params, ...replacing } as never, options)
      : await env.binance.rest.checkOrder(params as never, options),
  );
  return {
    params,
    quoteAsset,
    worth,
    summary: `${summary}${worth ? ` (≈ ${worth.notional} ${quoteAsset})` : ''}`,
  };
}
