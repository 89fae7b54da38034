import {
  type AggTrade,
  type BlockTrade,
  type Int64,
  nextId,
  summarizeTrades,
  type Trade,
} from '@binance-mcp/rest';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { defineTool, READ_ONLY, type ToolEnv } from '../define.js';
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
import { csv, isoTime, pairs } from '../render.js';

const KINDS = ['recent', 'historical', 'aggregate', 'block'] as const;
type Kind = (typeof KINDS)[number];

const input = z.strictObject({
  symbol: symbolInput.optional().describe('Spot symbol, e.g. "BTCUSDT" (required unless cursor is given)'),
  kind: z
    .enum(KINDS)
    .optional()
    .describe(
      'recent: the latest trades. historical: trades from a trade id (fromId) or a time (startTime) on. aggregate: aggregate trades (one taker order at one price) from startTime/fromId, or the latest. block: block trades from a block trade id (fromId). Default: aggregate when startTime/endTime is given, historical when fromId is, else recent',
    ),
  limit: limitInput(1000, 20, 'trades'),
  fromId: idInput
    .optional()
    .describe('First trade id (historical) or aggregate trade id (aggregate), inclusive'),
  startTime: timeInput
    .optional()
    .describe(
      'Trades at or after this time (historical, aggregate): relative ("-1h", "-15m"), ISO 8601 ("2026-01-15T12:00:00Z") or epoch ms',
    ),
  endTime: timeInput.optional().describe('Trades at or before this time, in the same forms (default "now")'),
  cursor: cursorInput,
});

type Paged = 'historical' | 'aggregate' | 'block';
type State = { t: string; k: Paged; s: string; f: string; e?: number };
const isState = (s: Record<string, unknown>): s is State =>
  (s.k === 'historical' || s.k === 'aggregate' || s.k === 'block') &&
  typeof s.s === 'string' &&
  typeof s.f === 'string' &&
  /^\d{1,20}$/.test(s.f) &&
  (s.e === undefined || typeof s.e === 'number');

const COLUMNS = {
  recent: ['id', 'time', 'price', 'qty', 'takerSide'],
  historical: ['id', 'time', 'price', 'qty', 'takerSide'],
  aggregate: ['id', 'time', 'price', 'qty', 'takerSide', 'firstTradeId', 'lastTradeId'],
  block: ['id', 'time', 'price', 'qty', 'takerSide'],
} as const;

const side = (isBuyerMaker: boolean) => (isBuyerMaker ? 'SELL' : 'BUY');

type AnyTrade = Trade | AggTrade | BlockTrade;

/** Block trades from `fromId`, a page at a time (Binance has no paginator for them: ids are contiguous). */
async function* blockPages(
  env: ToolEnv,
  symbol: string,
  fromId: string,
  limit: number,
): AsyncGenerator<BlockTrade[]> {
  let from: Int64 | string = fromId;
  for (;;) {
    const page = await env.binance.rest.historicalBlockTrades(
      { symbol, fromId: from, limit },
      { signal: env.signal },
    );
    if (page.length === 0) return;
    yield page;
    if (page.length < limit) return;
    from = nextId((page[page.length - 1] as BlockTrade).id);
  }
}

async function collect<T extends { id: Int64 }>(pages: AsyncGenerator<T[]>, limit: number): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) {
    out.push(...page.slice(0, limit - out.length));
    if (out.length >= limit) break;
  }
  return out;
}

function kindOf(args: z.output<typeof input>): Kind {
  if (args.kind) return args.kind;
  if (args.startTime !== undefined || args.endTime !== undefined) return 'aggregate';
  if (args.fromId !== undefined) return 'historical';
  return 'recent';
}

async function fetchTrades(
  args: z.output<typeof input>,
  env: ToolEnv,
): Promise<{ symbol: string; kind: Kind; trades: AnyTrade[]; next?: State }> {
  const { binance, signal, now } = env;
  const { rest } = binance;
  const limit = args.limit ?? 20;
  const pageSize = Math.min(limit, 1000);
  if (args.cursor) {
    const st = decodeCursor('get_trades', args.cursor, isState);
    const range = st.e === undefined ? {} : { endTime: st.e };
    const trades =
      st.k === 'historical'
        ? await collect(
            rest.paginate.historicalTrades(
              { symbol: st.s, fromId: st.f, ...range, limit: pageSize },
              { signal },
            ),
            limit,
          )
        : await collect(
            rest.paginate.aggTrades({ symbol: st.s, fromId: st.f, ...range, limit: pageSize }, { signal }),
            limit,
          );
    return withNext(st.s, st.k, trades, limit, st.e);
  }
  if (args.symbol === undefined)
    throw new ToolInputError({ parameter: 'symbol', allowed: 'a symbol such as "BTCUSDT"' });
  const symbol = args.symbol;
  const kind = kindOf(args);
  const { startTime, endTime } = resolveRange(args.startTime, args.endTime, now());
  if (kind === 'recent') {
    for (const key of ['fromId', 'startTime', 'endTime'] as const) {
      if (args[key] !== undefined) {
        throw new ToolInputError({
          parameter: key,
          value: args[key],
          allowed: 'nothing with kind "recent" (it returns the latest trades)',
          hint: 'Use kind "historical" or "aggregate" for trades from an id or a time.',
        });
      }
    }
    const trades = await rest.trades({ symbol: symbol, limit }, { signal });
    return { symbol: symbol, kind, trades };
  }
  if (args.fromId !== undefined && startTime !== undefined) {
    throw new ToolInputError({
      parameter: 'fromId',
      value: args.fromId,
      allowed: 'either fromId or startTime, not both',
    });
  }
  const from =
    args.fromId !== undefined
      ? { fromId: String(args.fromId) }
      : startTime !== undefined
        ? { startTime }
        : undefined;
  const range = endTime === undefined ? {} : { endTime };
  if (kind === 'block') {
    if (args.fromId === undefined || startTime !== undefined || endTime !== undefined) {
      throw new ToolInputError({
        parameter: args.fromId === undefined ? 'fromId' : 'startTime',
        ...(args.fromId === undefined ? {} : { value: args.startTime ?? args.endTime }),
        allowed: 'with kind "block": a block trade id (fromId) to start from, and no times',
      });
    }
    const trades = await collect(blockPages(env, symbol, String(args.fromId), pageSize), limit);
    return withNext(symbol, kind, trades, limit, undefined);
  }
  if (kind === 'historical') {
    if (from === undefined) {
      throw new ToolInputError({
        parameter: 'fromId',
        allowed: 'a trade id (fromId) or startTime to start from, with kind "historical"',
        hint: 'For the latest trades use kind "recent".',
      });
    }
    const trades = await collect(
      rest.paginate.historicalTrades({ symbol: symbol, ...from, ...range, limit: pageSize }, { signal }),
      limit,
    );
    return withNext(symbol, kind, trades, limit, endTime);
  }
  if (from === undefined) {
    // The latest aggregate trades, up to endTime when given.
    const trades = await rest.aggTrades(
      endTime === undefined
        ? { symbol: symbol, limit: pageSize }
        : { symbol: symbol, endTime, limit: pageSize },
      { signal },
    );
    return { symbol: symbol, kind, trades };
  }
  const trades = await collect(
    rest.paginate.aggTrades({ symbol: symbol, ...from, ...range, limit: pageSize }, { signal }),
    limit,
  );
  return withNext(symbol, kind, trades, limit, endTime);
}

function withNext(
  symbol: string,
  kind: Paged,
  trades: AnyTrade[],
  limit: number,
  endTime: number | undefined,
): { symbol: string; kind: Kind; trades: AnyTrade[]; next?: State } {
  const last = trades[trades.length - 1];
  if (trades.length < limit || !last) return { symbol, kind, trades };
  return {
    symbol,
    kind,
    trades,
    next: {
      t: 'get_trades',
      k: kind,
      s: symbol,
      f: String(nextId(last.id)),
      ...(endTime === undefined ? {} : { e: endTime }),
    },
  };
}

const summarySchema = z.object({
  count: z.number(),
  firstTime: z.number(),
  lastTime: z.number(),
  firstPrice: z.string(),
  lastPrice: z.string(),
  high: z.string(),
  low: z.string(),
  volume: z.string().describe('Base asset'),
  quoteVolume: z.string().describe('Quote asset'),
  vwap: z.string().optional(),
  takerBuyVolume: z.string(),
  takerSellVolume: z.string(),
  takerBuyPercent: z.string().optional(),
});

export const getTrades = defineTool({
  name: 'get_trades',
  toolset: 'market',
  title: 'Trades: recent, historical or aggregate',
  description:
    'Trades of a symbol as compact rows (id, time, price, quantity, taker side) with a summary of the rows returned (VWAP, high, low, volume, taker buy/sell split). kind "recent" gives the latest trades; "historical" pages through older trades from a trade id or a time; "aggregate" pages through aggregate trades over a time range (startTime/endTime accept "-1h", ISO dates or epoch ms); "block" pages through block trades from an id. Default 20 rows, up to 1000; follow nextCursor for more. For price movement over hours or days prefer get_klines (far fewer rows); for the last price, get_price.',
  input,
  output: {
    symbol: z.string(),
    kind: z.enum(KINDS),
    columns: z
      .array(z.string())
      .describe('Names of the row cells; time is epoch ms, takerSide BUY means the taker bought'),
    rows: z.array(z.array(z.union([z.string(), z.number()]))),
    summary: summarySchema.optional().describe('Of the rows returned'),
    nextCursor: z.string().optional().describe('Pass as cursor for the following trades'),
  },
  annotations: READ_ONLY,
  async run(args, env) {
    const { symbol, kind, trades, next } = await fetchTrades(args, env);
    const rows = trades.map((t) => {
      const base = [idOutput(t.id), t.time, t.price, t.qty, side(t.isBuyerMaker)];
      return 'firstTradeId' in t ? [...base, idOutput(t.firstTradeId), idOutput(t.lastTradeId)] : base;
    });
    const summary = summarizeTrades(trades);
    return {
      symbol,
      kind,
      columns: [...COLUMNS[kind]],
      rows,
      ...(summary
        ? {
            summary: Object.fromEntries(
              Object.entries(summary).filter(([, v]) => v !== undefined),
            ) as z.output<typeof summarySchema>,
          }
        : {}),
      ...(next ? { nextCursor: encodeCursor('get_trades', next) } : {}),
    };
  },
  render(d) {
    const s = d.summary;
    const head = s
      ? `${d.symbol} ${d.kind} trades: ${s.count} from ${isoTime(s.firstTime)} to ${isoTime(s.lastTime)}; ${pairs(
          {
            first: s.firstPrice,
            last: s.lastPrice,
            high: s.high,
            low: s.low,
            vwap: s.vwap,
            volume: s.volume,
            quoteVolume: s.quoteVolume,
            takerBuy: s.takerBuyPercent && `${s.takerBuyPercent}%`,
          },
        )}`
      : `${d.symbol} ${d.kind} trades: none in this range.`;
    const timeAt = d.columns.indexOf('time');
    const rows = d.rows.map((r) =>
      r.map((cell, i) => (i === timeAt && typeof cell === 'number' ? isoTime(cell) : cell)),
    );
    return [
      head,
      d.nextCursor ? `more: pass cursor "${d.nextCursor}"` : undefined,
      rows.length ? csv(d.columns, rows) : undefined,
    ]
      .filter((x) => x !== undefined)
      .join('\n');
  },
});
