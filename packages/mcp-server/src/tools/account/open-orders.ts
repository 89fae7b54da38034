import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { limitInput, symbolInput } from '../inputs.js';
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

export const getOpenOrders = defineTool({
  name: 'get_open_orders',
  toolset: 'account',
  title: 'Open orders',
  description:
    "Your open orders, on one symbol (weight 6) or on all symbols (omit symbol; weight 80, so name the symbol when you know it), as compact rows with counts by symbol and side. lists: true adds the open order lists (OCO, OTO, OTOCO; openOrderList, weight 6) with their legs. For an order's full state use get_order; for filled or canceled orders, get_all_orders.",
  input: z.strictObject({
    symbol: symbolInput.optional().describe('Only this symbol, e.g. "BTCUSDT" (omit for all: weight 80)'),
    lists: z.boolean().optional().describe('Also the open order lists (OCO / OTO / OTOCO)'),
    limit: limitInput(1000, 50, 'orders'),
  }),
  output: {
    count: z.number().describe('Open orders (before limit)'),
    bySymbol: z.record(z.string(), z.number()),
    bySide: z.record(z.string(), z.number()),
    columns: z.array(z.string()).describe('Names of the row cells; times are epoch ms'),
    rows: rowsSchema,
    truncated: z.boolean().optional(),
    lists: z.array(orderListSchema).optional().describe('Open order lists (with lists: true)'),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    const { rest } = binance;
    const [orders, lists] = await Promise.all([
      rest.openOrders(args.symbol === undefined ? {} : { symbol: args.symbol }, { signal }),
      args.lists ? rest.openOrderLists({}, { signal }) : undefined,
    ]);
    const limit = args.limit ?? 50;
    return {
      count: orders.length,
      bySymbol: countBy(orders, (o) => o.symbol),
      bySide: countBy(orders, (o) => o.side),
      columns: [...ORDER_COLUMNS],
      rows: orders.slice(0, limit).map(orderRow),
      ...(orders.length > limit ? { truncated: true } : {}),
      ...(lists
        ? {
            lists: lists
              .filter((l) => args.symbol === undefined || l.symbol === args.symbol)
              .map(orderListOut),
          }
        : {}),
    };
  },
  render(d) {
    const head =
      d.count === 0
        ? 'No open orders.'
        : `${d.count} open order${d.count === 1 ? '' : 's'}${d.truncated ? ` (first ${d.rows.length})` : ''}: ${Object.entries(
            d.bySymbol,
          )
            .map(([s, n]) => `${s} ${n}`)
            .join(', ')}; ${Object.entries(d.bySide)
            .map(([s, n]) => `${s} ${n}`)
            .join(', ')}`;
    return [
      head,
      d.rows.length ? rowsText(d.columns, d.rows) : undefined,
      d.lists ? `${d.lists.length} open order list${d.lists.length === 1 ? '' : 's'}` : undefined,
      ...(d.lists ?? []).map(orderListText),
    ]
      .filter((x) => x !== undefined)
      .join('\n');
  },
});
