import {
  generateClientOrderId,
  ORDER_TYPES,
  type OrderListResult,
  orderListNotional,
  TIME_IN_FORCE,
  takesTimeInForce,
} from '@binance-mcp/rest';
import * as z from 'zod';
import { orderListOut, orderListSchema, orderListText } from '../account/orders.js';
import { confirmAction } from '../confirm.js';
import { defineTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { amountInput, idInput, symbolInput } from '../inputs.js';
import { canceledOut, canceledSchema, canceledText } from './cancel.js';
import { checkAllowlist, checkNotional, lastPrice } from './caps.js';
import { quoteAssetOf, throwFirst } from './check.js';
import {
  clientIdInput,
  confirmInput,
  placedOut,
  placedSchema,
  placedText,
  sideInput,
} from './order-input.js';

const leg = z
  .strictObject({
    type: z.enum(ORDER_TYPES).optional().describe("The leg's order type"),
    side: sideInput.optional().describe('OTO working / pending legs, and the OTOCO pending side'),
    quantity: amountInput.optional().describe('OTO working / pending legs, and the OTOCO pending quantity'),
    price: amountInput.optional(),
    stopPrice: amountInput.optional(),
    trailingDelta: z.int().min(1).max(100_000).optional().describe('Basis points (100 = 1%)'),
    timeInForce: z.enum(TIME_IN_FORCE).optional().describe('GTC (default for limit types), IOC or FOK'),
    icebergQty: amountInput.optional(),
  })
  .describe('One leg of the list');
type Leg = z.output<typeof leg>;

const input = z.strictObject({
  listType: z
    .enum(['OCO', 'OTO', 'OTOCO'])
    .describe(
      'OCO: two orders on one side and quantity, above and below the price; when one works the other is canceled. OTO: a working order that, once filled, places a pending order. OTOCO: a working order that places an OCO (pendingAbove + pendingBelow)',
    ),
  symbol: symbolInput,
  side: sideInput.optional().describe('OCO: the side of both legs'),
  quantity: amountInput.optional().describe('OCO: the quantity of both legs'),
  above: leg
    .optional()
    .describe(
      'OCO: the leg above the price (LIMIT_MAKER / TAKE_PROFIT(_LIMIT) for a SELL; STOP_LOSS(_LIMIT) for a BUY)',
    ),
  below: leg
    .optional()
    .describe(
      'OCO: the leg below the price (STOP_LOSS(_LIMIT) for a SELL; LIMIT_MAKER / TAKE_PROFIT(_LIMIT) for a BUY)',
    ),
  working: leg
    .optional()
    .describe('OTO / OTOCO: the working order (type LIMIT or LIMIT_MAKER, side, quantity, price)'),
  pending: leg
    .optional()
    .describe(
      'OTO: the pending order (type, side, quantity, …); OTOCO: only side and quantity of the pending OCO',
    ),
  pendingAbove: leg.optional().describe('OTOCO: the pending leg above the price'),
  pendingBelow: leg.optional().describe('OTOCO: the pending leg below the price'),
  listClientOrderId: clientIdInput.optional().describe('Your id for the list; generated when omitted'),
  confirm: confirmInput,
});
type Input = z.output<typeof input>;

const cap = (s: string) => (s[0] as string).toUpperCase() + s.slice(1);

/** A leg's fields under the library's prefixed names (`abovePrice`, `workingTimeInForce`, …). */
function prefixed(prefix: string, l: Leg | undefined, keys: readonly (keyof Leg)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!l) return out;
  for (const k of keys) if (l[k] !== undefined) out[`${prefix}${cap(k)}`] = l[k];
  if (keys.includes('timeInForce') && l.timeInForce === undefined && l.type && takesTimeInForce(l.type)) {
    out[`${prefix}TimeInForce`] = 'GTC';
  }
  return out;
}

const PRICE_KEYS = ['type', 'price', 'stopPrice', 'trailingDelta', 'timeInForce', 'icebergQty'] as const;
const FULL_KEYS = ['type', 'side', 'quantity', ...PRICE_KEYS.slice(1)] as const;

function need(value: unknown, parameter: string, allowed: string): void {
  if (value === undefined) throw new ToolInputError({ parameter, allowed });
}

/** The library's parameters for the list, checked for the parts each list type needs. */
function listParams(a: Input): Record<string, unknown> {
  const common = { symbol: a.symbol, listClientOrderId: a.listClientOrderId ?? generateClientOrderId() };
  const unused = (names: (keyof Input)[]) => {
    const extra = names.find((n) => a[n] !== undefined);
    if (extra)
      throw new ToolInputError({
        parameter: extra,
        value: a[extra],
        allowed: `nothing with listType ${a.listType}`,
      });
  };
  if (a.listType === 'OCO') {
    unused(['working', 'pending', 'pendingAbove', 'pendingBelow']);
    need(a.side, 'side', 'the side of both legs, with listType OCO');
    need(a.quantity, 'quantity', 'the quantity of both legs, with listType OCO');
    need(a.above, 'above', 'the leg above the price, with listType OCO');
    need(a.below, 'below', 'the leg below the price, with listType OCO');
    return {
      ...common,
      side: a.side,
      quantity: a.quantity,
      ...prefixed('above', a.above, PRICE_KEYS),
      ...prefixed('below', a.below, PRICE_KEYS),
    };
  }
  unused(['side', 'quantity', 'above', 'below']);
  need(a.working, 'working', `the working order, with listType ${a.listType}`);
  need(
    a.pending,
    'pending',
    `the pending order (OTO) or the pending side and quantity (OTOCO), with listType ${a.listType}`,
  );
  const working = prefixed('working', a.working, FULL_KEYS);
  if (a.listType === 'OTO') {
    unused(['pendingAbove', 'pendingBelow']);
    return { ...common, ...working, ...prefixed('pending', a.pending, FULL_KEYS) };
  }
  need(a.pendingAbove, 'pendingAbove', 'the pending leg above the price, with listType OTOCO');
  need(a.pendingBelow, 'pendingBelow', 'the pending leg below the price, with listType OTOCO');
  const { side, quantity, ...others } = a.pending as Leg;
  const extra = Object.keys(others).find((k) => others[k as keyof typeof others] !== undefined);
  if (extra) {
    throw new ToolInputError({
      parameter: `pending.${extra}`,
      allowed: 'only side and quantity with listType OTOCO (the legs go in pendingAbove and pendingBelow)',
    });
  }
  return {
    ...common,
    ...working,
    ...(side ? { pendingSide: side } : {}),
    ...(quantity ? { pendingQuantity: quantity } : {}),
    ...prefixed('pendingAbove', a.pendingAbove, PRICE_KEYS),
    ...prefixed('pendingBelow', a.pendingBelow, PRICE_KEYS),
  };
}

function describeLeg(name: string, l: Leg | undefined): string {
  if (!l) return '';
  const bits = [
    l.side,
    l.quantity,
    l.type,
    l.price && `at ${l.price}`,
    l.stopPrice && `stop ${l.stopPrice}`,
    l.trailingDelta && `trailing ${l.trailingDelta} bps`,
  ]
    .filter(Boolean)
    .join(' ');
  return `${name}: ${bits}`;
}

function describeList(a: Input): string {
  if (a.listType === 'OCO')
    return `OCO ${a.side} ${a.quantity} ${a.symbol}: ${describeLeg('above', a.above)}; ${describeLeg('below', a.below)}`;
  if (a.listType === 'OTO')
    return `OTO on ${a.symbol}: ${describeLeg('working', a.working)}; then ${describeLeg('pending', a.pending)}`;
  return `OTOCO on ${a.symbol}: ${describeLeg('working', a.working)}; then ${a.pending?.side} ${a.pending?.quantity} as an OCO, ${describeLeg('above', a.pendingAbove)}; ${describeLeg('below', a.pendingBelow)}`;
}

export const placeOrderList = defineTool({
  name: 'place_order_list',
  toolset: 'trading',
  title: 'Place an order list (OCO, OTO, OTOCO)',
  description:
    "Places a live order list after the user confirms: OCO (two legs of one side and quantity, above and below the price: a take-profit and a stop-loss), OTO (a working order that places a pending order once filled) or OTOCO (a working order that places an OCO). Legs are objects (above/below, working/pending, pendingAbove/pendingBelow) with type, price, stopPrice, trailingDelta, timeInForce (GTC by default), icebergQty. Checked first against the caps (the list counts what it can execute at most) and every leg against the symbol's filters; carries a listClientOrderId (generated unless given). For a single order use place_order; to cancel a list, cancel_order_list.",
  input,
  output: {
    list: orderListSchema,
    orders: z.array(placedSchema).describe('Each leg as placed'),
    worth: z.object({ notional: z.string(), quoteAsset: z.string(), basis: z.string() }).optional(),
    confirmedBy: z.enum(['elicitation', 'argument']),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(args, env) {
    checkAllowlist(env, args.symbol);
    const quoteAsset = await quoteAssetOf(env, args.symbol);
    const params = listParams(args);
    // What the list can execute at most (the library's orderListNotional).
    const worth = await orderListNotional(args.listType, params, lastPrice(env, args.symbol));
    const summary = describeList(args);
    checkNotional(env, worth, quoteAsset, `the order list (${summary})`);
    const { rest } = env.binance;
    throwFirst(await rest.checkOrderList(args.listType as 'OCO', params as never, { signal: env.signal }));
    const answer = confirmAction({
      mcp: env.mcp,
      server: env.server,
      summary: `Place ${summary}${worth ? ` (≈ ${worth.notional} ${quoteAsset} at most)` : ''}`,
      confirmArgument: args.confirm,
      tool: 'place_order_list',
      environment: env.binance.environment,
    });
    if (!answer.confirmed) return answer.result;
    const options = { signal: env.signal, validate: false };
    const list = (
      args.listType === 'OCO'
        ? await rest.newOrderListOco(params as never, options)
        : args.listType === 'OTO'
          ? await rest.newOrderListOto(params as never, options)
          : await rest.newOrderListOtoco(params as never, options)
    ) as OrderListResult;
    return {
      list: orderListOut(list),
      orders: list.orderReports.map(placedOut),
      ...(worth ? { worth: { ...worth, quoteAsset } } : {}),
      confirmedBy: answer.how,
    };
  },
  render: (d) => [`Placed ${orderListText(d.list)}`, ...d.orders.map(placedText)].join('\n'),
});

export const cancelOrderList = defineTool({
  name: 'cancel_order_list',
  toolset: 'trading',
  title: 'Cancel an order list',
  description:
    "Cancels an open order list (OCO, OTO, OTOCO) and all its legs, by symbol and orderListId or listClientOrderId (as place_order_list or get_open_orders with lists: true show them). A list no longer open gives Binance's error (e.g. -2011). To cancel a single order use cancel_order; everything on a symbol, cancel_all_orders.",
  input: z.strictObject({
    symbol: symbolInput,
    orderListId: idInput.optional().describe("The list's id"),
    listClientOrderId: clientIdInput.optional().describe('…or its listClientOrderId'),
  }),
  output: { list: orderListSchema, canceled: z.array(canceledSchema) },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, env) {
    checkAllowlist(env, args.symbol);
    if (args.orderListId === undefined && args.listClientOrderId === undefined) {
      throw new ToolInputError({
        parameter: 'orderListId',
        allowed: 'an orderListId or a listClientOrderId',
      });
    }
    const r = await env.binance.rest.cancelOrderList(
      {
        symbol: args.symbol,
        ...(args.orderListId !== undefined ? { orderListId: String(args.orderListId) } : {}),
        ...(args.listClientOrderId !== undefined ? { listClientOrderId: args.listClientOrderId } : {}),
      } as never,
      { signal: env.signal },
    );
    return { list: orderListOut(r), canceled: r.orderReports.map(canceledOut) };
  },
  render: (d) => [`Canceled ${orderListText(d.list)}`, ...d.canceled.map(canceledText)].join('\n'),
});
