import {
  INTERVAL_MS,
  KLINE_INTERVALS,
  type Kline,
  type KlineInterval,
  paramSchemas,
  summarizeKlines,
} from '@binance-mcp/rest';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { defineTool, READ_ONLY } from '../define.js';
import { ToolInputError } from '../errors.js';
import { cursorInput, resolveRange, symbolInput, timeInput } from '../inputs.js';
import { csv, isoTime, pairs, signedPercent } from '../render.js';

/** Klines one call may cover (10 requests of 1000); beyond, a larger interval or a shorter range. */
export const MAX_RANGE_KLINES = 10_000;

const FIELDS = [
  'openTime',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'closeTime',
  'quoteVolume',
  'trades',
  'takerBuyBaseVolume',
  'takerBuyQuoteVolume',
] as const;
type Field = (typeof FIELDS)[number];
const DEFAULT_FIELDS: readonly Field[] = ['openTime', 'open', 'high', 'low', 'close', 'volume'];

const input = z.strictObject({
  symbol: symbolInput.optional().describe('Spot symbol, e.g. "BTCUSDT" (required unless cursor is given)'),
  interval: z
    .enum(KLINE_INTERVALS)
    .optional()
    .describe(
      `Kline interval: ${KLINE_INTERVALS.join(', ')} (1m is a minute, 1M a month; required unless cursor is given)`,
    ),
  startTime: timeInput
    .optional()
    .describe(
      'Start of the range: relative ("-7d", "-6h"), ISO 8601 ("2026-01-01", "2026-01-01T08:00:00Z") or epoch ms. Without it: the latest `limit` klines',
    ),
  endTime: timeInput.optional().describe('End of the range, in the same forms (default "now")'),
  limit: z
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe(
      'Rows to return: 0 to 1000 (default 100). Without startTime, also how many of the latest klines to summarise. 0 returns the summary only',
    ),
  fields: z
    .array(z.enum(FIELDS))
    .min(1)
    .max(FIELDS.length)
    .optional()
    .describe(
      `Columns of each row (default ${DEFAULT_FIELDS.join(', ')}); also ${FIELDS.filter((f) => !DEFAULT_FIELDS.includes(f)).join(', ')}`,
    ),
  ui: z
    .boolean()
    .optional()
    .describe('Use uiKlines (klines adjusted for chart display) instead of raw klines'),
  timeZone: paramSchemas.timeZone
    .optional()
    .describe(
      'UTC offset that day and longer intervals start in, e.g. "8" or "-5:00" (times stay UTC epoch ms)',
    ),
  cursor: cursorInput,
});

type State = {
  t: string;
  s: string;
  i: KlineInterval;
  u: boolean;
  z?: string;
  f: Field[];
  c: number;
  e: number;
};
const isState = (s: Record<string, unknown>): s is State =>
  typeof s.s === 'string' &&
  (KLINE_INTERVALS as readonly unknown[]).includes(s.i) &&
  typeof s.u === 'boolean' &&
  (s.z === undefined || typeof s.z === 'string') &&
  Array.isArray(s.f) &&
  s.f.every((f) => (FIELDS as readonly unknown[]).includes(f)) &&
  Number.isInteger(s.c) &&
  Number.isInteger(s.e);

const summarySchema = z.object({
  count: z.number(),
  openTime: z.number(),
  closeTime: z.number(),
  open: z.string(),
  high: z.string(),
  highTime: z.number(),
  low: z.string(),
  lowTime: z.number(),
  close: z.string(),
  change: z.string(),
  changePercent: z.string().optional(),
  rangePercent: z.string().optional().describe('(high − low) / low, in percent'),
  volume: z.string(),
  quoteVolume: z.string(),
  trades: z.number(),
  vwap: z.string().optional(),
  takerBuyPercent: z.string().optional(),
  up: z.number().describe('Klines closing above their open'),
  down: z.number(),
});

function suggestInterval(rangeMs: number): KlineInterval | undefined {
  return KLINE_INTERVALS.find((i) => rangeMs / INTERVAL_MS[i] <= 1000);
}

export const getKlines = defineTool({
  name: 'get_klines',
  toolset: 'market',
  title: 'Klines (candlesticks) with summary statistics',
  description:
    'Candlesticks of a symbol at any interval (1s to 1M) over any range, as compact rows plus summary statistics of the whole range: open, close, change %, high and low (and when), range %, volume, quote volume, trades, VWAP, taker-buy share. startTime/endTime accept "-7d", ISO dates or epoch ms; without startTime you get the latest `limit` klines. A range is fetched page by page (progress notifications) up to 10,000 klines; rows returned are capped by limit (default 100, 0 = summary only) with nextCursor for the rest. Pick the interval to fit the question: about 100 to 500 klines per answer. Use it for price history, trends and volatility; for the current price use get_price, for 24h statistics get_ticker.',
  input,
  output: {
    symbol: z.string(),
    interval: z.enum(KLINE_INTERVALS),
    source: z.enum(['klines', 'uiKlines']),
    columns: z.array(z.enum(FIELDS)),
    rows: z
      .array(z.array(z.union([z.string(), z.number()])))
      .describe('One array per kline, cells as in columns; times are epoch ms'),
    summary: summarySchema
      .optional()
      .describe('Of every kline in the range (absent on cursor pages and empty ranges)'),
    rangeStart: z.number().optional(),
    rangeEnd: z.number().optional(),
    nextCursor: z.string().optional().describe('Pass as cursor for the following rows'),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal, now, progress }) {
    const { rest } = binance;
    if (args.cursor) {
      const st = decodeCursor('get_klines', args.cursor, isState);
      const limit = Math.max(1, args.limit ?? 100);
      const page = await (st.u ? rest.uiKlines : rest.klines)(
        {
          symbol: st.s,
          interval: st.i,
          startTime: st.c,
          endTime: st.e,
          limit,
          ...(st.z ? { timeZone: st.z } : {}),
        },
        { signal },
      );
      const last = page[page.length - 1];
      const more = page.length === limit && last !== undefined && last.closeTime < st.e;
      return {
        symbol: st.s,
        interval: st.i,
        source: st.u ? ('uiKlines' as const) : ('klines' as const),
        columns: st.f,
        rows: page.map((k) => st.f.map((f) => k[f])),
        rangeEnd: st.e,
        ...(more ? { nextCursor: encodeCursor('get_klines', { ...st, c: last.closeTime + 1 }) } : {}),
      };
    }
    if (args.symbol === undefined)
      throw new ToolInputError({ parameter: 'symbol', allowed: 'a symbol such as "BTCUSDT"' });
    if (args.interval === undefined) {
      throw new ToolInputError({ parameter: 'interval', allowed: `one of ${KLINE_INTERVALS.join(', ')}` });
    }
    const symbol = args.symbol;
    const interval = args.interval;
    const fields = args.fields ? [...new Set(args.fields)] : [...DEFAULT_FIELDS];
    const limit = args.limit ?? 100;
    const timeZone = args.timeZone === undefined ? undefined : String(args.timeZone);
    const { startTime, endTime } = resolveRange(args.startTime, args.endTime, now());
    const common = { symbol: symbol, interval: interval, ...(timeZone ? { timeZone } : {}) };
    let klines: Kline[];
    let end: number | undefined;
    if (startTime === undefined) {
      if (limit === 0) {
        throw new ToolInputError({
          parameter: 'limit',
          value: 0,
          allowed: 'at least 1 without startTime (0, summary only, needs a startTime)',
        });
      }
      klines = await (args.ui ? rest.uiKlines : rest.klines)(
        { ...common, limit, ...(endTime === undefined ? {} : { endTime }) },
        { signal },
      );
    } else {
      end = endTime ?? Math.floor(now());
      const expected = Math.floor((end - startTime) / INTERVAL_MS[interval]) + 1;
      if (expected > MAX_RANGE_KLINES) {
        const better = suggestInterval(end - startTime);
        throw new ToolInputError({
          parameter: 'startTime',
          value: args.startTime,
          allowed: `a range of at most ${MAX_RANGE_KLINES} klines; ${isoTime(startTime)} to ${isoTime(end)} holds about ${expected} ${interval} klines`,
          hint: better
            ? `Use interval "${better}" (about ${Math.ceil((end - startTime) / INTERVAL_MS[better])} klines) or a shorter range.`
            : 'Use a shorter range.',
        });
      }
      klines = [];
      const pages = (args.ui ? rest.paginate.uiKlines : rest.paginate.klines)(
        { ...common, startTime, endTime: end },
        {
          signal,
          onProgress: (p) => {
            void progress(
              p.items,
              expected,
              `fetched ${p.items} of about ${expected} klines (${p.pages} requests)`,
            );
          },
        },
      );
      for await (const page of pages) klines.push(...page);
    }
    const shown = klines.slice(0, limit);
    const summary = summarizeKlines(klines);
    const following = klines[shown.length];
    return {
      symbol: symbol,
      interval: interval,
      source: args.ui ? ('uiKlines' as const) : ('klines' as const),
      columns: fields,
      rows: shown.map((k) => fields.map((f) => k[f])),
      ...(summary
        ? {
            summary: Object.fromEntries(
              Object.entries(summary).filter(([, v]) => v !== undefined),
            ) as z.output<typeof summarySchema>,
          }
        : {}),
      ...(startTime !== undefined ? { rangeStart: startTime, rangeEnd: end } : {}),
      ...(following && end !== undefined
        ? {
            nextCursor: encodeCursor('get_klines', {
              s: symbol,
              i: interval,
              u: args.ui ?? false,
              ...(timeZone ? { z: timeZone } : {}),
              f: fields,
              c: following.openTime,
              e: end,
            }),
          }
        : {}),
    };
  },
  render(d) {
    const s = d.summary;
    const lines: string[] = [];
    if (s) {
      lines.push(
        `${d.symbol} ${d.interval} ${d.source}: ${s.count} from ${isoTime(s.openTime)} to ${isoTime(s.closeTime)}; ${pairs(
          {
            open: s.open,
            close: s.close,
            change: `${s.change} (${signedPercent(s.changePercent) ?? '-'})`,
            high: `${s.high}@${isoTime(s.highTime)}`,
            low: `${s.low}@${isoTime(s.lowTime)}`,
            range: s.rangePercent && `${s.rangePercent}%`,
            vwap: s.vwap,
            volume: s.volume,
            quoteVolume: s.quoteVolume,
            trades: s.trades,
            takerBuy: s.takerBuyPercent && `${s.takerBuyPercent}%`,
            up: s.up,
            down: s.down,
          },
        )}`,
      );
    } else {
      lines.push(
        `${d.symbol} ${d.interval} ${d.source}: ${d.rows.length} rows${d.summary === undefined && d.rows.length === 0 ? ' (no klines in this range)' : ''}`,
      );
    }
    if (d.nextCursor) lines.push(`${d.rows.length} rows shown; more: pass cursor "${d.nextCursor}"`);
    if (d.rows.length > 0) {
      const timeColumns = new Set(['openTime', 'closeTime']);
      const rows = d.rows.map((r) =>
        r.map((cell, i) =>
          timeColumns.has(d.columns[i] as string) && typeof cell === 'number' ? isoTime(cell) : cell,
        ),
      );
      lines.push(csv(d.columns, rows));
    }
    return lines.join('\n');
  },
});
