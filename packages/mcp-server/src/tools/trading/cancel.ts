import type { CancelReport, OrderListCancel } from '@binance-mcp/rest';
import * as z from 'zod';
import { orderListOut, orderListSchema, orderListText } from '../account/orders.js';
import { confirmAction } from '../confirm.js';
import { defineTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { idInput, idOutput, idSchema, symbolInput } from '../inputs.js';
import { pairs } from '../render.js';
import { checkAllowlist } from './caps.js';
import { clientIdInput, confirmInput } from './order-input.js';

export const canceledSchema = z.object({
  symbol: z.string(),
  orderId: idSchema,
  clientOrderId: z.string().describe("The order's client id (before the cancel)"),
  side: z.string(),
  type: z.string(),
  status: z.string().describe('CANCELED (or the status it ended in)'),
  price: z.string(),
  origQty: z.string(),
  executedQty: z.string().describe('What had been executed before the cancel'),
  orderListId: idSchema,
});
export type Canceled = z.output<typeof canceledSchema>;

export function canceledOut(r: CancelReport): Canceled {
  return {
    symbol: r.symbol,
    orderId: idOutput(r.orderId),
    clientOrderId: r.origClientOrderId,
    side: r.side,
    type: r.type,
    status: r.status,
    price: r.price,
    origQty: r.origQty,
    executedQty: r.executedQty,
    orderListId: idOutput(r.orderListId),
  };
}

export function canceledText(c: Canceled): string {
  return `${c.symbol} order ${c.orderId} "${c.clientOrderId}" ${c.side} ${c.type} ${pairs({
    status: c.status,
    price: c.type === 'MARKET' ? undefined : c.price,
    qty: c.origQty,
    executed: c.executedQty,
  })}`;
}

const isList = (r: CancelReport | OrderListCancel): r is OrderListCancel => 'orderReports' in r;

export const cancelOrder = defineTool({
  name: 'cancel_order',
  toolset: 'trading',
  title: 'Cancel an order',
  description:
    'Cancels one open order by symbol and orderId or origClientOrderId (the clientOrderId place_order returned). Cancelling a leg of an order list cancels the whole list (the answer lists every leg). An order that is no longer open gives Binance\'s -2011 "Unknown order sent.". cancelRestrictions ONLY_NEW / ONLY_PARTIALLY_FILLED cancels only in that state. To cancel everything on a symbol use cancel_all_orders; a list by its id, cancel_order_list; to change an order, replace_order.',
  input: z.strictObject({
    symbol: symbolInput,
    orderId: idInput.optional().describe("Binance's order id"),
    origClientOrderId: clientIdInput.optional().describe('The clientOrderId the order was placed with'),
    cancelRestrictions: z
      .enum(['ONLY_NEW', 'ONLY_PARTIALLY_FILLED'])
      .optional()
      .describe('Cancel only if the order is in this state'),
  }),
  output: {
    canceled: z.array(canceledSchema).describe('The canceled order (every leg, for a list)'),
    list: orderListSchema.optional().describe('When the order was a leg of an order list'),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, env) {
    checkAllowlist(env, args.symbol);
    if (args.orderId === undefined && args.origClientOrderId === undefined) {
      throw new ToolInputError({ parameter: 'orderId', allowed: 'an orderId or an origClientOrderId' });
    }
    const r = await env.binance.rest.cancelOrder(
      {
        symbol: args.symbol,
        ...(args.orderId !== undefined ? { orderId: String(args.orderId) } : {}),
        ...(args.origClientOrderId !== undefined ? { origClientOrderId: args.origClientOrderId } : {}),
        ...(args.cancelRestrictions ? { cancelRestrictions: args.cancelRestrictions } : {}),
      } as never,
      { signal: env.signal },
    );
    if (isList(r)) return { canceled: r.orderReports.map(canceledOut), list: orderListOut(r) };
    return { canceled: [canceledOut(r)] };
  },
  render: (d) =>
    [
      d.list ? `Canceled the order list: ${orderListText(d.list)}` : 'Canceled:',
      ...d.canceled.map(canceledText),
    ].join('\n'),
});

export const cancelAllOrders = defineTool({
  name: 'cancel_all_orders',
  toolset: 'trading',
  title: 'Cancel all open orders on a symbol',
  description:
    'Cancels every open order on one symbol, order lists included, after the user confirms (a dialog where the client supports it; otherwise repeat with confirm: true only after the user agreed). Says how many there are before asking; with none open, nothing is asked or sent. To cancel one order use cancel_order; to see them first, get_open_orders.',
  input: z.strictObject({ symbol: symbolInput, confirm: confirmInput }),
  output: {
    symbol: z.string(),
    canceled: z.array(canceledSchema),
    lists: z.array(orderListSchema).describe('Order lists canceled with their legs'),
    confirmedBy: z.enum(['elicitation', 'argument', 'nothing-open']),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(args, env) {
    checkAllowlist(env, args.symbol);
    const open = await env.binance.rest.openOrders({ symbol: args.symbol }, { signal: env.signal });
    if (open.length === 0) {
      return { symbol: args.symbol, canceled: [], lists: [], confirmedBy: 'nothing-open' as const };
    }
    const answer = confirmAction({
      mcp: env.mcp,
      server: env.server,
      summary: `Cancel all ${open.length} open order${open.length === 1 ? '' : 's'} on ${args.symbol}`,
      confirmArgument: args.confirm,
      tool: 'cancel_all_orders',
      environment: env.binance.environment,
    });
    if (!answer.confirmed) return answer.result;
    const reports = await env.binance.rest.cancelOpenOrders({ symbol: args.symbol }, { signal: env.signal });
    const canceled: Canceled[] = [];
    const lists = [];
    for (const r of reports) {
      if (isList(r)) {
        lists.push(orderListOut(r));
        canceled.push(...r.orderReports.map(canceledOut));
      } else canceled.push(canceledOut(r));
    }
    return { symbol: args.symbol, canceled, lists, confirmedBy: answer.how };
  },
  render: (d) =>
    d.confirmedBy === 'nothing-open'
      ? `${d.symbol}: no open orders; nothing was sent.`
      : [
          `Canceled ${d.canceled.length} order${d.canceled.length === 1 ? '' : 's'} on ${d.symbol}${d.lists.length ? ` (${d.lists.length} in order lists)` : ''}:`,
          ...d.canceled.map(canceledText),
        ].join('\n'),
});
