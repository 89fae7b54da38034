// What the trading tools take and give: an order's fields as agents write them (amounts as strings or
// numbers, symbols in any case, timeInForce GTC unless said otherwise), turned into the library's
// parameters; a one-line description of an order for confirmations; and a placed order, compact.

import {
  addDecimals,
  compareDecimals,
  divideDecimals,
  type Fill,
  generateClientOrderId,
  ORDER_TYPES,
  type OrderAck,
  type OrderResult,
  STP_MODES,
  TIME_IN_FORCE,
  takesTimeInForce,
  trimDecimal,
} from '@binance-mcp/rest';
import * as z from 'zod';
import { amountInput, idOutput, idSchema, symbolInput } from '../inputs.js';
import { pairs } from '../render.js';

export const clientIdInput = z
  .string()
  .trim()
  .regex(/^[.A-Z:/a-z0-9_-]{1,36}$/, { error: 'a client order id: 1 to 36 letters, digits and . : / _ -' });

export const sideInput = z.enum(['BUY', 'SELL']).describe('BUY or SELL');

/** The fields of one order (a new order, a cancelReplace's new order). */
export const orderFields = {
  symbol: symbolInput,
  side: sideInput,
  type: z
    .enum(ORDER_TYPES)
    .describe(
      'LIMIT (price, quantity), MARKET (quantity, or quoteOrderQty to spend/receive that much quote), STOP_LOSS / TAKE_PROFIT (quantity, stopPrice or trailingDelta), STOP_LOSS_LIMIT / TAKE_PROFIT_LIMIT (also price), LIMIT_MAKER (post-only: price, quantity)',
    ),
  quantity: amountInput.optional().describe('Quantity in the base asset, e.g. "0.001"'),
  quoteOrderQty: amountInput
    .optional()
    .describe('MARKET only: the quote amount to spend (BUY) or receive (SELL)'),
  price: amountInput.optional().describe('Limit price, a multiple of the tick size'),
  stopPrice: amountInput.optional().describe('Trigger price of a stop-loss or take-profit order'),
  trailingDelta: z
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe('Trailing stop distance in basis points (100 = 1%)'),
  timeInForce: z.enum(TIME_IN_FORCE).optional().describe('GTC (default for limit types), IOC or FOK'),
  icebergQty: amountInput.optional().describe('Visible quantity of an iceberg order (timeInForce GTC)'),
  selfTradePreventionMode: z
    .enum(STP_MODES)
    .optional()
    .describe("Self-trade prevention; default the symbol's (usually EXPIRE_MAKER)"),
  newClientOrderId: clientIdInput
    .optional()
    .describe(
      'Your id for the order; generated when omitted. Reuse it when repeating a call whose answer was lost: Binance refuses a duplicate of an open order',
    ),
};

export const confirmInput = z
  .boolean()
  .optional()
  .describe(
    "Only when this client cannot show a confirmation dialog: true after the user has explicitly agreed to exactly this action. Never set it on the user's behalf",
  );

export type OrderFields = {
  symbol: string;
  side: 'BUY' | 'SELL';
  type: (typeof ORDER_TYPES)[number];
  quantity?: string | undefined;
  quoteOrderQty?: string | undefined;
  price?: string | undefined;
  stopPrice?: string | undefined;
  trailingDelta?: number | undefined;
  timeInForce?: (typeof TIME_IN_FORCE)[number] | undefined;
  icebergQty?: string | undefined;
  selfTradePreventionMode?: (typeof STP_MODES)[number] | undefined;
  newClientOrderId?: string | undefined;
};

/** The order fields the tools pass on to the library, in Binance's order. */
export const ORDER_FIELD_KEYS = [
  'symbol',
  'side',
  'type',
  'quantity',
  'quoteOrderQty',
  'price',
  'stopPrice',
  'trailingDelta',
  'timeInForce',
  'icebergQty',
  'selfTradePreventionMode',
] as const;

/** The library's order parameters (`newOrder`, `testOrder`): defined fields only, GTC by default. */
export function orderParams(o: OrderFields): Record<string, unknown> & { newClientOrderId: string } {
  const params: Record<string, unknown> = {};
  for (const key of ORDER_FIELD_KEYS) {
    if (o[key] !== undefined) params[key] = o[key];
  }
  if (params.timeInForce === undefined && takesTimeInForce(o.type)) params.timeInForce = 'GTC';
  return { ...params, newClientOrderId: o.newClientOrderId ?? generateClientOrderId() };
}

/** One line saying what an order does, e.g. `BUY 0.001 BTCUSDT LIMIT at 50000 GTC`. */
export function describeOrder(o: OrderFields): string {
  const amount = o.quoteOrderQty !== undefined ? `${o.quoteOrderQty} (quote) of` : `${o.quantity ?? '?'}`;
  const parts = [`${o.side} ${amount} ${o.symbol} ${o.type}`];
  if (o.price !== undefined) parts.push(`at ${o.price}`);
  if (o.stopPrice !== undefined) parts.push(`stop ${o.stopPrice}`);
  if (o.trailingDelta !== undefined) parts.push(`trailing ${o.trailingDelta} bps`);
  if (o.icebergQty !== undefined) parts.push(`iceberg ${o.icebergQty}`);
  const tif = o.timeInForce ?? (takesTimeInForce(o.type) ? 'GTC' : undefined);
  if (tif) parts.push(tif);
  return parts.join(' ');
}

export const placedSchema = z.object({
  symbol: z.string(),
  orderId: idSchema,
  clientOrderId: z.string().describe('The newClientOrderId sent (look the order up by it with get_order)'),
  orderListId: idSchema,
  transactTime: z.number(),
  side: z.string().optional(),
  type: z.string().optional(),
  status: z.string().optional().describe('NEW, PARTIALLY_FILLED, FILLED, EXPIRED, …'),
  price: z.string().optional(),
  origQty: z.string().optional(),
  executedQty: z.string().optional(),
  quoteQty: z.string().optional().describe('Quote asset traded (cummulativeQuoteQty)'),
  avgPrice: z.string().optional(),
  timeInForce: z.string().optional(),
  fills: z.number().optional().describe('Number of fills at placement'),
  commission: z.record(z.string(), z.string()).optional().describe('Commission paid at placement, by asset'),
});
export type Placed = z.output<typeof placedSchema>;

/** A placed order (any response type), compact: the fills summed up. */
export function placedOut(o: OrderAck | OrderResult | (OrderResult & { fills: Fill[] })): Placed {
  const out: Placed = {
    symbol: o.symbol,
    orderId: idOutput(o.orderId),
    clientOrderId: o.clientOrderId,
    orderListId: idOutput(o.orderListId),
    transactTime: o.transactTime,
  };
  if (!('status' in o)) return out;
  const executed = compareDecimals(o.executedQty, '0') > 0;
  Object.assign(out, {
    side: o.side,
    type: o.type,
    status: o.status,
    price: o.price,
    origQty: o.origQty,
    executedQty: o.executedQty,
    quoteQty: o.cummulativeQuoteQty,
    timeInForce: o.timeInForce,
    ...(executed
      ? {
          avgPrice: trimDecimal(
            divideDecimals(
              o.cummulativeQuoteQty,
              o.executedQty,
              Math.max(8, (o.price.split('.')[1] ?? '').length),
            ),
          ),
        }
      : {}),
  });
  if ('fills' in o) {
    const commission: Record<string, string> = {};
    for (const f of o.fills)
      commission[f.commissionAsset] = addDecimals(commission[f.commissionAsset] ?? '0', f.commission);
    out.fills = o.fills.length;
    if (o.fills.length)
      out.commission = Object.fromEntries(Object.entries(commission).map(([k, v]) => [k, trimDecimal(v)]));
  }
  return out;
}

export function placedText(p: Placed): string {
  return `${p.symbol} order ${p.orderId} "${p.clientOrderId}": ${pairs({
    side: p.side,
    type: p.type,
    status: p.status,
    price: p.type === 'MARKET' ? undefined : p.price,
    qty: p.origQty,
    executed: p.executedQty,
    quote: p.quoteQty,
    avgPrice: p.avgPrice,
    fills: p.fills,
    commission:
      p.commission &&
      Object.entries(p.commission)
        .map(([a, v]) => `${v} ${a}`)
        .join(' + '),
  })}`;
}
