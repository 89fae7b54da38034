// What an order can execute, in the quote asset: for a notional cap (no order worth more than X), a
// confirmation text or a risk check. An order's notional is its quoteOrderQty, else its price (a stop's
// stopPrice) times its quantity, else — a MARKET order, a trailing stop without a price — the last
// price times its quantity. An order list is worth what it can execute at most: an OCO the dearer of
// its legs (only one of them can work), an OTO both orders, an OTOCO its working order plus the dearer
// leg of its pending OCO.

import {
  addDecimals,
  compareDecimals,
  type DecimalString,
  multiplyDecimals,
  plainNumber,
  trimDecimal,
} from '../decimal.js';
import { ValidationError } from '../errors.js';
import { type DecimalInput, legFieldNames, type OrderFieldNames } from '../schemas/order-params.js';

/** The price-and-quantity parts of one order (a `newOrder` parameter object fits). */
export interface PricedOrder {
  readonly quantity?: DecimalInput | undefined;
  readonly quoteOrderQty?: DecimalInput | undefined;
  readonly price?: DecimalInput | undefined;
  readonly stopPrice?: DecimalInput | undefined;
}

export interface OrderNotional {
  /** In the quote asset, trailing zeros trimmed. */
  readonly notional: DecimalString;
  /**
   * How it was found: `quoteOrderQty`, `price × quantity`, `stopPrice × quantity` or
   * `last price 68000.00 × quantity`; for a list the legs' bases joined with ` + `.
   */
  readonly basis: string;
}

/**
 * The symbol's last price, for orders without a price: the price itself, or a function that fetches it
 * (called at most once per `orderNotional` / `orderListNotional` call, and only when needed).
 */
export type LastPriceSource = DecimalInput | (() => DecimalInput | Promise<DecimalInput>);

const text = (value: DecimalInput, parameter: string): DecimalString => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ValidationError({ parameter, value, allowed: 'a finite decimal number or string' });
    }
    return plainNumber(value);
  }
  return value;
};

/** Fetches the last price once, whichever legs ask for it. */
function once(source: LastPriceSource): () => Promise<DecimalString> {
  let price: Promise<DecimalString> | undefined;
  return () => {
    price ??= Promise.resolve(typeof source === 'function' ? source() : source).then((p) =>
      text(p, 'lastPrice'),
    );
    return price;
  };
}

async function notionalOf(
  o: PricedOrder,
  last: () => Promise<DecimalString>,
): Promise<OrderNotional | undefined> {
  if (o.quoteOrderQty !== undefined) {
    return { notional: trimDecimal(text(o.quoteOrderQty, 'quoteOrderQty')), basis: 'quoteOrderQty' };
  }
  if (o.quantity === undefined) return undefined;
  const quantity = text(o.quantity, 'quantity');
  if (o.price !== undefined) {
    return {
      notional: trimDecimal(multiplyDecimals(text(o.price, 'price'), quantity)),
      basis: 'price × quantity',
    };
  }
  if (o.stopPrice !== undefined) {
    return {
      notional: trimDecimal(multiplyDecimals(text(o.stopPrice, 'stopPrice'), quantity)),
      basis: 'stopPrice × quantity',
    };
  }
  const price = await last();
  return {
    notional: trimDecimal(multiplyDecimals(price, quantity)),
    basis: `last price ${price} × quantity`,
  };
}

/**
 * What an order can execute, in the quote asset; undefined when it has neither a quantity nor a
 * quoteOrderQty. `lastPrice` (a price, or a function that fetches one) is used only for an order
 * without a price or stop price.
 *
 * ```ts
 * await orderNotional({ price: '65000', quantity: '0.002' }, '0'); // { notional: '130', basis: 'price × quantity' }
 * await orderNotional({ type: 'MARKET', quantity: '0.002' }, async () => (await client.price({ symbol: 'BTCUSDT' })).price);
 * ```
 */
export function orderNotional(
  order: PricedOrder,
  lastPrice: LastPriceSource,
): Promise<OrderNotional | undefined> {
  return notionalOf(order, once(lastPrice));
}

function sum(a: OrderNotional, b: OrderNotional): OrderNotional {
  return { notional: trimDecimal(addDecimals(a.notional, b.notional)), basis: `${a.basis} + ${b.basis}` };
}

function larger(a: OrderNotional, b: OrderNotional): OrderNotional {
  return compareDecimals(a.notional, b.notional) >= 0 ? a : b;
}

/** An order list's parameters, as `newOrderListOco` / `newOrderListOto` / `newOrderListOtoco` take them. */
export type OrderListParamsLike = Readonly<Record<string, unknown>>;

function legOf(params: OrderListParamsLike, names: OrderFieldNames): PricedOrder {
  const get = (name: string) => params[name] as DecimalInput | undefined;
  return { quantity: get(names.quantity), price: get(names.price), stopPrice: get(names.stopPrice) };
}

/**
 * The most an order list can execute, in the quote asset: an OCO the dearer of its two legs, an OTO
 * the working plus the pending order, an OTOCO the working order plus the dearer pending leg.
 * `params` uses the list endpoints' names (`quantity`, `abovePrice`, `workingQuantity`,
 * `pendingBelowStopPrice`, …). Undefined when a leg's notional cannot be told (no quantity).
 *
 * ```ts
 * await orderListNotional('OCO', { quantity: '0.01', abovePrice: '70000', belowStopPrice: '60000' }, '65000');
 * // { notional: '700', basis: 'price × quantity' }
 * ```
 */
export async function orderListNotional(
  contingency: 'OCO' | 'OTO' | 'OTOCO',
  params: OrderListParamsLike,
  lastPrice: LastPriceSource,
): Promise<OrderNotional | undefined> {
  if (contingency !== 'OCO' && contingency !== 'OTO' && contingency !== 'OTOCO') {
    throw new ValidationError({
      parameter: 'contingency',
      value: contingency,
      allowed: "'OCO', 'OTO' or 'OTOCO'",
    });
  }
  const last = once(lastPrice);
  const at = (prefix: string, shared?: { quantity: string }) =>
    notionalOf(legOf(params, legFieldNames(prefix, shared)), last);
  const both = async (
    x: Promise<OrderNotional | undefined>,
    y: Promise<OrderNotional | undefined>,
    combine: (p: OrderNotional, q: OrderNotional) => OrderNotional,
  ) => {
    const [p, q] = await Promise.all([x, y]);
    return p && q ? combine(p, q) : undefined;
  };
  if (contingency === 'OCO') {
    return both(at('above', { quantity: 'quantity' }), at('below', { quantity: 'quantity' }), larger);
  }
  const working = at('working');
  if (contingency === 'OTO') return both(working, at('pending'), sum);
  const pending = { quantity: 'pendingQuantity' };
  return both(working, both(at('pendingAbove', pending), at('pendingBelow', pending), larger), sum);
}
