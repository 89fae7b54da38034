import type { Order, OrderList } from '@binance-mcp/rest';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { defineTool, READ_ONLY } from '../define.js';
import { ToolInputError } from '../errors.js';
import { cursorInput, idInput, limitInput, resolveRange, symbolInput, timeInput } from '../inputs.js';
import { collect, collectTimeRange } from './history.js';
import {
  countBy,
  ORDER_COLUMNS,
  orderListOut,
  orderListSchema,
  orderListText,
  orderRow,
  rowsSchema,
  rowsText,
} from './orders.js';

type State = {
  t: 'get_all_orders';
  s?: string;
  l?: 1;
  f?: string;
  e?: number;
  w0?: number;
  w1?: number;
  a?: string;
};
const isState = (s: Record<string, unknown>): s is State =>
  (s.s === undefined || typeof s.s === 'string') &&
  (s.f === undefined || (typeof s.f === 'string' && /^\d{1,20}$/.test(s.f))) &&
  (s.a === undefined || (typeof s.a === 'string' && /^\d{1,20}$/.test(s.a))) &&
  ['e', 'w0', 'w1'].every((k) => s[k] === undefined || typeof s[k] === 'number') &&
  (s.f !== undefined || (typeof s.w0 === 'number' && typeof s.w1 === 'number' && typeof s.e === 'number')) &&
  (s.l === 1 || typeof s.s === 'string');

export const getAllOrders = defineTool({
  name: 'get_all_orders',
  toolset: 'account',
  title: 'Order history',
  description:
    'Your orders on a symbol in any status (filled, canceled, expired, open), as compact rows with counts by status. Without startTime or fromOrderId: the most recent. With startTime (and endTime, default now; "-7d", ISO dates or epoch ms; at most 31 days): every order last updated in the range, walked in Binance\'s 24-hour windows (weight 20 per day). With fromOrderId: orders from that id up. Default 20 rows, up to 1000; follow nextCursor for more. lists: true gives order lists (OCO / OTO / OTOCO, all symbols) instead: the most recent, from an orderListId (fromOrderId), or within 24 hours. For open orders only, get_open_orders; for fills, get_my_trades.',
  input: z.strictObject({
    symbol: symbolInput.optional().describe('Spot symbol, e.g. "BTCUSDT" (required unless lists or cursor)'),
    startTime: timeInput.optional().describe('Orders last updated at or after this time'),
    endTime: timeInput.optional().describe('…and at or before this time (default now)'),
    fromOrderId: idInput.optional().describe('Orders with this id or higher (orderListId with lists)'),
    lists: z.boolean().optional().describe('Order lists instead of orders'),
    limit: limitInput(1000, 20, 'orders'),
    cursor: cursorInput,
  }),
  output: {
    symbol: z.string().optional(),
    count: z.number(),
    byStatus: z.record(z.string(), z.number()).optional(),
    columns: z.array(z.string()).optional().describe('Names of the row cells; times are epoch ms'),
    rows: rowsSchema.optional(),
    lists: z.array(orderListSchema).optional(),
    nextCursor: z.string().optional().describe('Pass as cursor for more'),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal, now, progress }) {
    const { rest } = binance;
    const limit = args.limit ?? 20;
    let st: State | undefined;
    if (args.cursor) st = decodeCursor('get_all_orders', args.cursor, isState);
    const lists = st ? st.l === 1 : args.lists === true;
    if (lists) {
      if (!st && args.symbol !== undefined) {
        throw new ToolInputError({
          parameter: 'symbol',
          value: args.symbol,
          allowed: 'nothing with lists: true (Binance lists order lists of every symbol)',
        });
      }
      const { startTime, endTime } = st
        ? { startTime: undefined, endTime: undefined }
        : resolveRange(args.startTime, args.endTime, now());
      if (!st && args.fromOrderId !== undefined && (startTime !== undefined || endTime !== undefined)) {
        throw new ToolInputError({
          parameter: 'fromOrderId',
          value: args.fromOrderId,
          allowed: 'either fromOrderId or a time range, not both',
        });
      }
      const fromId = st?.f ?? (args.fromOrderId === undefined ? undefined : String(args.fromOrderId));
      const page: OrderList[] = await rest.allOrderLists(
        {
          ...(fromId !== undefined ? { fromId } : {}),
          ...(startTime !== undefined ? { startTime } : {}),
          ...(endTime !== undefined ? { endTime } : {}),
          limit: Math.min(limit, 1000),
        },
        { signal },
      );
      const last = page[page.length - 1];
      const paged = fromId !== undefined && page.length === limit && last;
      return {
        count: page.length,
        lists: page.map(orderListOut),
        ...(paged
          ? {
              nextCursor: encodeCursor('get_all_orders', {
                l: 1,
                f: (BigInt(last.orderListId) + 1n).toString(),
              }),
            }
          : {}),
      };
    }
    const symbol = st?.s ?? args.symbol;
    if (symbol === undefined) {
      throw new ToolInputError({
        parameter: 'symbol',
        allowed: 'a symbol such as "BTCUSDT" (or lists: true)',
      });
    }
    let orders: Order[];
    let next: Record<string, unknown> | undefined;
    const byTime = st ? st.f === undefined : args.startTime !== undefined || args.endTime !== undefined;
    if (!st && args.fromOrderId !== undefined && byTime) {
      throw new ToolInputError({
        parameter: 'fromOrderId',
        value: args.fromOrderId,
        allowed: 'either fromOrderId or a time range, not both',
      });
    }
    if (!st && !byTime && args.fromOrderId === undefined) {
      // The most recent orders: one request.
      orders = await rest.allOrders({ symbol, limit }, { signal });
    } else if (byTime) {
      const got = await collectTimeRange<Order>(
        { ...(st ? { cursor: st } : {}), startTime: args.startTime, endTime: args.endTime, now: now() },
        (range, onProgress) =>
          rest.paginate.allOrders({ symbol, ...range, limit: 1000 }, { signal, onProgress }),
        { limit, id: (o) => o.orderId, time: (o) => o.updateTime, noun: 'orders', progress },
      );
      orders = got.items;
      if (got.next) next = { s: symbol, ...got.next };
    } else {
      const from = st?.f ?? String(args.fromOrderId);
      const got = await collect<Order>(
        (onProgress) =>
          rest.paginate.allOrders(
            { symbol, orderId: from, limit: Math.min(limit, 1000) },
            { signal, onProgress },
          ),
        { limit, mode: 'id', id: (o) => o.orderId, time: (o) => o.time },
      );
      orders = got.items;
      if (got.resume?.kind === 'id') next = { s: symbol, f: got.resume.next };
    }
    return {
      symbol,
      count: orders.length,
      byStatus: countBy(orders, (o) => o.status),
      columns: [...ORDER_COLUMNS],
      rows: orders.map(orderRow),
      ...(next ? { nextCursor: encodeCursor('get_all_orders', next) } : {}),
    };
  },
  render(d) {
    if (d.lists) {
      return [
        `${d.count} order list${d.count === 1 ? '' : 's'}`,
        ...d.lists.map(orderListText),
        d.nextCursor ? `more: pass cursor "${d.nextCursor}"` : undefined,
      ]
        .filter((x) => x !== undefined)
        .join('\n');
    }
    const status = Object.entries(d.byStatus ?? {})
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
    return [
      `${d.symbol} orders: ${d.count}${status ? ` (${status})` : ''}`,
      d.nextCursor ? `more: pass cursor "${d.nextCursor}"` : undefined,
      d.rows?.length ? rowsText(d.columns ?? [], d.rows) : undefined,
    ]
      .filter((x) => x !== undefined)
      .join('\n');
  },
});
