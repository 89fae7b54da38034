import { type Allocation, type MyTrade, type PreventedMatch, summarizeMyTrades } from '@binance-mcp/rest';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { defineTool, READ_ONLY } from '../define.js';
import { ToolInputError } from '../errors.js';
import {
  cursorInput,
  idInput,
  idOutput,
  limitInput,
  resolveRange,
  symbolInput,
  timeInput,
} from '../inputs.js';
import { pairs } from '../render.js';
import { collect, collectTimeRange } from './history.js';
import { rowsSchema, rowsText, TRADE_COLUMNS, tradeRow, tradeSummarySchema } from './orders.js';

const SOURCES = ['trades', 'allocations', 'preventedMatches'] as const;
type Source = (typeof SOURCES)[number];

const COLUMNS: Record<Source, readonly string[]> = {
  trades: TRADE_COLUMNS,
  allocations: [
    'allocationId',
    'orderId',
    'time',
    'side',
    'price',
    'qty',
    'quoteQty',
    'commission',
    'commissionAsset',
    'maker',
    'allocator',
  ],
  preventedMatches: [
    'preventedMatchId',
    'takerOrderId',
    'makerOrderId',
    'tradeGroupId',
    'selfTradePreventionMode',
    'price',
    'takerPreventedQuantity',
    'makerPreventedQuantity',
    'time',
  ],
};

type State = {
  t: 'get_my_trades';
  s: string;
  k: Source;
  f?: string;
  e?: number;
  w0?: number;
  w1?: number;
  a?: string;
  o?: string;
};
const digits = (v: unknown) => typeof v === 'string' && /^\d{1,20}$/.test(v);
const isState = (s: Record<string, unknown>): s is State =>
  typeof s.s === 'string' &&
  (SOURCES as readonly unknown[]).includes(s.k) &&
  ['f', 'a', 'o'].every((k) => s[k] === undefined || digits(s[k])) &&
  ['e', 'w0', 'w1'].every((k) => s[k] === undefined || typeof s[k] === 'number') &&
  (s.f !== undefined || (typeof s.w0 === 'number' && typeof s.w1 === 'number' && typeof s.e === 'number'));

function allocationRow(a: Allocation): (string | number)[] {
  return [
    idOutput(a.allocationId),
    idOutput(a.orderId),
    a.time,
    a.isBuyer ? 'BUY' : 'SELL',
    a.price,
    a.qty,
    a.quoteQty,
    a.commission,
    a.commissionAsset,
    a.isMaker ? 'true' : 'false',
    a.isAllocator ? 'true' : 'false',
  ];
}

function preventedRow(p: PreventedMatch): (string | number)[] {
  return [
    idOutput(p.preventedMatchId),
    idOutput(p.takerOrderId),
    idOutput(p.makerOrderId),
    idOutput(p.tradeGroupId),
    p.selfTradePreventionMode,
    p.price,
    p.takerPreventedQuantity ?? '',
    p.makerPreventedQuantity ?? '',
    p.transactTime,
  ];
}

const input = z.strictObject({
  symbol: symbolInput.optional().describe('Spot symbol, e.g. "BTCUSDT" (required unless cursor is given)'),
  source: z
    .enum(SOURCES)
    .optional()
    .describe(
      'trades (default): your fills. allocations: fills of orders placed through smart order routing (SOR). preventedMatches: matches self-trade prevention stopped (by orderId or preventedMatchId)',
    ),
  orderId: idInput.optional().describe("Only this order's trades / allocations / prevented matches"),
  startTime: timeInput.optional().describe('Trades at or after this time ("-7d", ISO dates or epoch ms)'),
  endTime: timeInput.optional().describe('…and at or before this time (default now)'),
  fromId: idInput.optional().describe('From this trade id (allocation id, prevented match id) up'),
  preventedMatchId: idInput.optional().describe('preventedMatches: one prevented match by its id'),
  limit: limitInput(1000, 20, 'rows'),
  cursor: cursorInput,
});

export const getMyTrades = defineTool({
  name: 'get_my_trades',
  toolset: 'account',
  title: 'Your trades (fills) with a summary',
  description:
    'Your trades on a symbol as compact rows (id, order, time, side, price, quantity, quote, commission) with a summary first: quantity bought and sold, quote spent and received, average buy and sell prices, commission paid by asset. Without startTime, fromId or orderId: the most recent. With startTime (and endTime, default now; at most 31 days): every trade in the range, walked in Binance\'s 24-hour windows (weight 20 per day). With fromId: from that trade id up; with orderId: one order\'s fills (weight 5). Default 20 rows, up to 1000; follow nextCursor. source "allocations" gives SOR allocations the same ways; source "preventedMatches" the matches self-trade prevention stopped, by orderId or preventedMatchId. For orders rather than fills use get_all_orders.',
  input,
  output: {
    symbol: z.string(),
    source: z.enum(SOURCES),
    summary: tradeSummarySchema.optional().describe('Of the trades returned'),
    count: z.number(),
    columns: z.array(z.string()).describe('Names of the row cells; times are epoch ms'),
    rows: rowsSchema,
    nextCursor: z.string().optional().describe('Pass as cursor for more'),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal, now, progress }) {
    const { rest } = binance;
    const limit = args.limit ?? 20;
    const st = args.cursor ? decodeCursor('get_my_trades', args.cursor, isState) : undefined;
    const symbol = st?.s ?? args.symbol;
    if (symbol === undefined) {
      throw new ToolInputError({ parameter: 'symbol', allowed: 'a symbol such as "BTCUSDT"' });
    }
    const source: Source = st?.k ?? args.source ?? 'trades';
    const orderId = st?.o ?? (args.orderId === undefined ? undefined : String(args.orderId));
    const fromId = st?.f ?? (args.fromId === undefined ? undefined : String(args.fromId));
    const timed = st ? st.f === undefined : args.startTime !== undefined || args.endTime !== undefined;
    if (!st) {
      if (timed && (fromId !== undefined || orderId !== undefined)) {
        throw new ToolInputError({
          parameter: fromId !== undefined ? 'fromId' : 'orderId',
          value: args.fromId ?? args.orderId,
          allowed: 'either a time range or an id (fromId, orderId), not both',
        });
      }
      if (
        args.preventedMatchId !== undefined &&
        (source !== 'preventedMatches' || orderId !== undefined || fromId !== undefined)
      ) {
        throw new ToolInputError({
          parameter: 'preventedMatchId',
          value: args.preventedMatchId,
          allowed: 'with source "preventedMatches" and no orderId or fromId',
        });
      }
    }
    const done = (
      rows: (string | number)[][],
      next?: Record<string, unknown>,
      summary?: ReturnType<typeof summarizeMyTrades>,
    ) => ({
      symbol,
      source,
      ...(summary ? { summary } : {}),
      count: rows.length,
      columns: [...COLUMNS[source]],
      rows,
      ...(next ? { nextCursor: encodeCursor('get_my_trades', { s: symbol, k: source, ...next }) } : {}),
    });
    const nextAfter = (id: bigint | number | string) => (BigInt(id) + 1n).toString();

    if (source === 'preventedMatches') {
      if (timed) {
        throw new ToolInputError({
          parameter: 'startTime',
          value: args.startTime ?? args.endTime,
          allowed: 'no time range with source "preventedMatches" (Binance finds them by order or id)',
        });
      }
      if (args.preventedMatchId !== undefined) {
        const rows = await rest.myPreventedMatches(
          { symbol, preventedMatchId: String(args.preventedMatchId) },
          { signal },
        );
        return done(rows.map(preventedRow));
      }
      if (orderId === undefined) {
        throw new ToolInputError({
          parameter: 'orderId',
          allowed: 'an order id (or preventedMatchId) with source "preventedMatches"',
        });
      }
      const rows = await rest.myPreventedMatches(
        { symbol, orderId, ...(fromId ? { fromPreventedMatchId: fromId } : {}), limit },
        { signal },
      );
      const last = rows[rows.length - 1];
      return done(
        rows.map(preventedRow),
        rows.length === limit && last ? { o: orderId, f: nextAfter(last.preventedMatchId) } : undefined,
      );
    }

    if (source === 'allocations') {
      let range: { startTime?: number; endTime?: number } = {};
      if (timed) {
        const r = resolveRange(args.startTime, args.endTime ?? 'now', now());
        const endTime = r.endTime as number;
        range = { startTime: r.startTime ?? endTime - 86_400_000 + 1, endTime };
      }
      const rows = await rest.myAllocations(
        {
          symbol,
          ...range,
          ...(orderId ? { orderId } : {}),
          ...(fromId ? { fromAllocationId: fromId } : {}),
          limit,
        },
        { signal },
      );
      const last = rows[rows.length - 1];
      return done(
        rows.map(allocationRow),
        rows.length === limit && last && !timed
          ? { ...(orderId ? { o: orderId } : {}), f: nextAfter(last.allocationId) }
          : undefined,
      );
    }

    // Trades.
    let trades: MyTrade[];
    let next: Record<string, unknown> | undefined;
    if (orderId !== undefined) {
      trades = await rest.myTrades({ symbol, orderId, ...(fromId ? { fromId } : {}), limit }, { signal });
      const last = trades[trades.length - 1];
      if (trades.length === limit && last) next = { o: orderId, f: nextAfter(last.id) };
    } else if (timed) {
      const got = await collectTimeRange<MyTrade>(
        { ...(st ? { cursor: st } : {}), startTime: args.startTime, endTime: args.endTime, now: now() },
        (range, onProgress) =>
          rest.paginate.myTrades({ symbol, ...range, limit: 1000 }, { signal, onProgress }),
        { limit, id: (t) => t.id, time: (t) => t.time, noun: 'trades', progress },
      );
      trades = got.items;
      if (got.next) next = { ...got.next };
    } else if (fromId !== undefined) {
      const got = await collect<MyTrade>(
        (onProgress) =>
          rest.paginate.myTrades({ symbol, fromId, limit: Math.min(limit, 1000) }, { signal, onProgress }),
        { limit, mode: 'id', id: (t) => t.id, time: (t) => t.time },
      );
      trades = got.items;
      if (got.resume?.kind === 'id') next = { f: got.resume.next };
    } else {
      trades = await rest.myTrades({ symbol, limit }, { signal });
    }
    return done(trades.map(tradeRow), next, summarizeMyTrades(trades));
  },
  render(d) {
    const s = d.summary;
    const head =
      d.source === 'trades'
        ? s
          ? `${d.symbol} trades: ${s.count}; ${pairs({
              bought: s.boughtQty,
              spent: s.boughtQuote,
              avgBuy: s.avgBuyPrice,
              sold: s.soldQty,
              received: s.soldQuote,
              avgSell: s.avgSellPrice,
              commission: Object.entries(s.commission)
                .map(([asset, v]) => `${v} ${asset}`)
                .join(' + '),
              maker: s.makerCount,
            })}`
          : `${d.symbol} trades: none.`
        : `${d.symbol} ${d.source}: ${d.count}`;
    return [
      head,
      d.nextCursor ? `more: pass cursor "${d.nextCursor}"` : undefined,
      d.rows.length ? rowsText(d.columns, d.rows) : undefined,
    ]
      .filter((x) => x !== undefined)
      .join('\n');
  },
});
