import {
  compareDecimals,
  divideDecimals,
  type Order,
  summarizeMyTrades,
  trimDecimal,
} from '@binance-mcp/rest';
import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { ToolInputError } from '../errors.js';
import { idInput, idOutput, idSchema, symbolInput } from '../inputs.js';
import { isoTime, pairs } from '../render.js';
import {
  ORDER_COLUMNS,
  orderListOut,
  orderListSchema,
  orderListText,
  orderRow,
  rowsSchema,
  rowsText,
  TRADE_COLUMNS,
  tradeRow,
  tradeSummarySchema,
} from './orders.js';

export const orderSchema = z.object({
  symbol: z.string(),
  orderId: idSchema,
  clientOrderId: z.string(),
  side: z.string(),
  type: z.string(),
  status: z.string(),
  timeInForce: z.string(),
  price: z.string(),
  origQty: z.string(),
  executedQty: z.string(),
  quoteQty: z.string().describe('Quote asset traded so far (cummulativeQuoteQty)'),
  avgPrice: z.string().optional().describe('quoteQty / executedQty, when something was executed'),
  origQuoteOrderQty: z.string(),
  stopPrice: z.string(),
  icebergQty: z.string(),
  trailingDelta: z.number().optional(),
  time: z.number().describe('Created, epoch ms'),
  updateTime: z.number(),
  isWorking: z.boolean(),
  workingTime: z.number(),
  orderListId: idSchema.describe('-1 unless the order is a leg of an order list'),
  selfTradePreventionMode: z.string(),
  expiryReason: z.string().optional(),
});
export type OrderOut = z.output<typeof orderSchema>;

export function orderOut(o: Order): OrderOut {
  const executed = compareDecimals(o.executedQty, '0') > 0;
  const scale = Math.max((o.price.split('.')[1] ?? '').length, 8);
  return {
    symbol: o.symbol,
    orderId: idOutput(o.orderId),
    clientOrderId: o.clientOrderId,
    side: o.side,
    type: o.type,
    status: o.status,
    timeInForce: o.timeInForce,
    price: o.price,
    origQty: o.origQty,
    executedQty: o.executedQty,
    quoteQty: o.cummulativeQuoteQty,
    ...(executed && compareDecimals(o.cummulativeQuoteQty, '0') >= 0
      ? { avgPrice: trimDecimal(divideDecimals(o.cummulativeQuoteQty, o.executedQty, scale)) }
      : {}),
    origQuoteOrderQty: o.origQuoteOrderQty,
    stopPrice: o.stopPrice,
    icebergQty: o.icebergQty,
    ...(o.trailingDelta === undefined ? {} : { trailingDelta: o.trailingDelta }),
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.isWorking,
    workingTime: o.workingTime,
    orderListId: idOutput(o.orderListId),
    selfTradePreventionMode: o.selfTradePreventionMode,
    ...(o.expiryReason === undefined ? {} : { expiryReason: o.expiryReason }),
  };
}

export function orderText(o: OrderOut): string {
  return `${o.symbol} order ${o.orderId} "${o.clientOrderId}": ${o.side} ${o.type} ${pairs({
    status: o.status,
    price: o.type === 'MARKET' ? undefined : o.price,
    qty: o.origQty,
    executed: o.executedQty,
    quote: o.quoteQty,
    avgPrice: o.avgPrice,
    stopPrice: compareDecimals(o.stopPrice, '0') ? o.stopPrice : undefined,
    tif: o.type === 'MARKET' ? undefined : o.timeInForce,
    list: o.orderListId === -1 ? undefined : o.orderListId,
    expiry: o.expiryReason,
    created: isoTime(o.time),
    updated: isoTime(o.updateTime),
  })}`;
}

const INCLUDES = ['trades', 'amendments'] as const;

export const getOrder = defineTool({
  name: 'get_order',
  toolset: 'account',
  title: 'One order or order list',
  description:
    'The current state of one order: by symbol and orderId or origClientOrderId (the clientOrderId a placement returned); with its average fill price. include: ["trades"] adds its fills with a summary (myTrades by orderId, weight 5); include: ["amendments"] its keep-priority amendments (order/amendments). Or one order list (OCO / OTO / OTOCO) by orderListId or listClientOrderId, with each leg in full. Weight 4 (+4 per list leg). To find orders use get_open_orders or get_all_orders.',
  input: z.strictObject({
    symbol: symbolInput.optional().describe("The order's symbol (required for an order; not for a list)"),
    orderId: idInput.optional().describe("Binance's order id"),
    origClientOrderId: z
      .string()
      .trim()
      .regex(/^[.A-Z:/a-z0-9_-]{1,36}$/, {
        error: 'a client order id: 1 to 36 letters, digits and . : / _ -',
      })
      .optional()
      .describe('The clientOrderId the order was placed with'),
    orderListId: idInput.optional().describe("An order list's id (instead of an order)"),
    listClientOrderId: z
      .string()
      .trim()
      .regex(/^[.A-Z:/a-z0-9_-]{1,36}$/, {
        error: 'a list client order id: 1 to 36 letters, digits and . : / _ -',
      })
      .optional()
      .describe("An order list's listClientOrderId (instead of an order)"),
    include: z
      .array(z.enum(INCLUDES))
      .max(2)
      .optional()
      .describe('Extras for an order: "trades", "amendments"'),
  }),
  output: {
    order: orderSchema.optional(),
    list: orderListSchema.optional(),
    legs: z
      .object({ columns: z.array(z.string()), rows: rowsSchema })
      .optional()
      .describe("The list's legs in full"),
    trades: z
      .object({ columns: z.array(z.string()), rows: rowsSchema, summary: tradeSummarySchema.optional() })
      .optional(),
    amendments: z
      .array(
        z.object({
          executionId: idSchema,
          time: z.number(),
          origQty: z.string(),
          newQty: z.string(),
          origClientOrderId: z.string(),
          newClientOrderId: z.string(),
        }),
      )
      .optional(),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    const { rest } = binance;
    const byOrder = args.orderId !== undefined || args.origClientOrderId !== undefined;
    const byList = args.orderListId !== undefined || args.listClientOrderId !== undefined;
    if (byOrder === byList) {
      throw new ToolInputError({
        parameter: byOrder ? 'orderListId' : 'orderId',
        allowed:
          'either an order (symbol with orderId or origClientOrderId) or an order list (orderListId or listClientOrderId), not both',
      });
    }
    if (byList) {
      if (args.include?.length) {
        throw new ToolInputError({
          parameter: 'include',
          value: args.include,
          allowed: 'nothing for an order list (ask for a leg by its orderId instead)',
        });
      }
      const list = await rest.getOrderList(
        args.orderListId !== undefined
          ? { orderListId: String(args.orderListId) }
          : { origClientOrderId: args.listClientOrderId as string },
        { signal },
      );
      if (args.symbol !== undefined && list.symbol !== args.symbol) {
        throw new ToolInputError({
          parameter: 'symbol',
          value: args.symbol,
          allowed: `the list's symbol, ${list.symbol} (or none)`,
        });
      }
      const legs = await Promise.all(
        list.orders.map((o) => rest.getOrder({ symbol: o.symbol, orderId: o.orderId }, { signal })),
      );
      return {
        list: orderListOut(list),
        legs: { columns: [...ORDER_COLUMNS], rows: legs.map(orderRow) },
      };
    }
    if (args.symbol === undefined) {
      throw new ToolInputError({ parameter: 'symbol', allowed: 'the order\'s symbol, e.g. "BTCUSDT"' });
    }
    const symbol = args.symbol;
    const ref =
      args.orderId !== undefined
        ? {
            orderId: String(args.orderId),
            ...(args.origClientOrderId ? { origClientOrderId: args.origClientOrderId } : {}),
          }
        : { origClientOrderId: args.origClientOrderId as string };
    const order = await rest.getOrder({ symbol, ...ref }, { signal });
    const include = new Set(args.include ?? []);
    const [trades, amendments] = await Promise.all([
      include.has('trades') ? rest.myTrades({ symbol, orderId: order.orderId }, { signal }) : undefined,
      include.has('amendments')
        ? rest.orderAmendments({ symbol, orderId: order.orderId }, { signal })
        : undefined,
    ]);
    const summary = trades ? summarizeMyTrades(trades) : undefined;
    return {
      order: orderOut(order),
      ...(trades
        ? {
            trades: {
              columns: [...TRADE_COLUMNS],
              rows: trades.map(tradeRow),
              ...(summary ? { summary } : {}),
            },
          }
        : {}),
      ...(amendments
        ? {
            amendments: amendments.map((a) => ({
              executionId: idOutput(a.executionId),
              time: a.time,
              origQty: a.origQty,
              newQty: a.newQty,
              origClientOrderId: a.origClientOrderId,
              newClientOrderId: a.newClientOrderId,
            })),
          }
        : {}),
    };
  },
  render(d) {
    const lines: string[] = [];
    if (d.order) lines.push(orderText(d.order));
    if (d.list) lines.push(orderListText(d.list));
    if (d.legs) lines.push(rowsText(d.legs.columns, d.legs.rows));
    if (d.trades) {
      lines.push(`${d.trades.rows.length} trade${d.trades.rows.length === 1 ? '' : 's'}`);
      if (d.trades.rows.length) lines.push(rowsText(d.trades.columns, d.trades.rows));
    }
    if (d.amendments) {
      lines.push(
        `${d.amendments.length} amendment${d.amendments.length === 1 ? '' : 's'}${d.amendments.length ? ': ' : ''}${d.amendments
          .map((a) => `${a.origQty} → ${a.newQty} at ${isoTime(a.time)}`)
          .join('; ')}`,
      );
    }
    return lines.join('\n');
  },
});
