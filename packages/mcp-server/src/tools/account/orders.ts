// How orders, order lists and the account's trades look in tool results: compact rows under named
// columns (the text renders them as CSV), ids exact (strings beyond 2^53), decimals as Binance wrote
// them. Shared by the account and trading tools.

import type { Int64, MyTrade, Order, OrderList } from '@binance-mcp/rest';
import * as z from 'zod';
import { idOutput, idSchema } from '../inputs.js';
import { csv, isoTime } from '../render.js';

export const ORDER_COLUMNS = [
  'orderId',
  'clientOrderId',
  'symbol',
  'side',
  'type',
  'status',
  'price',
  'origQty',
  'executedQty',
  'quoteQty',
  'stopPrice',
  'timeInForce',
  'time',
  'updateTime',
  'orderListId',
] as const;

/** An order as a row of `ORDER_COLUMNS`. */
export function orderRow(o: Order): (string | number)[] {
  return [
    idOutput(o.orderId),
    o.clientOrderId,
    o.symbol,
    o.side,
    o.type,
    o.status,
    o.price,
    o.origQty,
    o.executedQty,
    o.cummulativeQuoteQty,
    o.stopPrice,
    o.timeInForce,
    o.time,
    o.updateTime,
    idOutput(o.orderListId),
  ];
}

export const rowsSchema = z.array(z.array(z.union([z.string(), z.number()])));

/** Rows with their times as ISO text, as CSV under `columns`. */
export function rowsText(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const times = new Set(['time', 'updateTime', 'transactionTime'].map((c) => columns.indexOf(c)));
  return csv(
    columns,
    rows.map((r) => r.map((cell, i) => (times.has(i) && typeof cell === 'number' ? isoTime(cell) : cell))),
  );
}

/** How many orders have each status, e.g. `{ NEW: 2, FILLED: 1 }`. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export const orderListSchema = z.object({
  orderListId: idSchema,
  listClientOrderId: z.string(),
  symbol: z.string(),
  contingencyType: z.string().describe('OCO, or OTO (also for OTOCO lists)'),
  listStatusType: z.string(),
  listOrderStatus: z.string().describe('EXECUTING, ALL_DONE or REJECT'),
  transactionTime: z.number(),
  orders: z
    .array(z.object({ orderId: idSchema, clientOrderId: z.string() }))
    .describe('The legs, by id (get_order gives each in full)'),
});
export type OrderListOut = z.output<typeof orderListSchema>;

export function orderListOut(l: OrderList): OrderListOut {
  return {
    orderListId: idOutput(l.orderListId),
    listClientOrderId: l.listClientOrderId,
    symbol: l.symbol,
    contingencyType: l.contingencyType,
    listStatusType: l.listStatusType,
    listOrderStatus: l.listOrderStatus,
    transactionTime: l.transactionTime,
    orders: l.orders.map((o) => ({ orderId: idOutput(o.orderId), clientOrderId: o.clientOrderId })),
  };
}

export function orderListText(l: OrderListOut): string {
  return `list ${l.orderListId} "${l.listClientOrderId}" ${l.contingencyType} on ${l.symbol}: ${l.listOrderStatus} (${l.listStatusType}), legs ${l.orders
    .map((o) => o.orderId)
    .join(', ')}, at ${isoTime(l.transactionTime)}`;
}

export const TRADE_COLUMNS = [
  'id',
  'orderId',
  'time',
  'side',
  'price',
  'qty',
  'quoteQty',
  'commission',
  'commissionAsset',
  'maker',
] as const;

export function tradeRow(t: MyTrade): (string | number)[] {
  return [
    idOutput(t.id),
    idOutput(t.orderId),
    t.time,
    t.isBuyer ? 'BUY' : 'SELL',
    t.price,
    t.qty,
    t.quoteQty,
    t.commission,
    t.commissionAsset,
    t.isMaker ? 'true' : 'false',
  ];
}

/** `summarizeMyTrades` of @binance-mcp/rest, as the account tools return it. */
export const tradeSummarySchema = z.object({
  count: z.number(),
  boughtQty: z.string().describe('Base asset bought'),
  soldQty: z.string().describe('Base asset sold'),
  boughtQuote: z.string().describe('Quote asset spent on buys'),
  soldQuote: z.string().describe('Quote asset received for sells'),
  avgBuyPrice: z.string().optional(),
  avgSellPrice: z.string().optional(),
  commission: z.record(z.string(), z.string()).describe('Commission paid, by asset'),
  makerCount: z.number(),
});

/** An id as Binance takes it (a string of digits keeps ids beyond 2^53 exact). */
export function idParam(id: number | string | Int64): string {
  return String(id);
}
