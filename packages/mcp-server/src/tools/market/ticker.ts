import { compareDecimals, type Int64, paramSchemas } from '@binance-mcp/rest';
import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { ToolInputError } from '../errors.js';
import { cursorInput, idOutput } from '../inputs.js';
import { csv } from '../render.js';
import { pageOf, selectionFields, selectionFor } from './selection.js';

const FIELDS = [
  'symbol',
  'lastPrice',
  'priceChange',
  'priceChangePercent',
  'weightedAvgPrice',
  'openPrice',
  'highPrice',
  'lowPrice',
  'volume',
  'quoteVolume',
  'count',
  'prevClosePrice',
  'lastQty',
  'bidPrice',
  'bidQty',
  'askPrice',
  'askQty',
  'openTime',
  'closeTime',
  'firstId',
  'lastId',
] as const;
type Field = (typeof FIELDS)[number];

const DEFAULT_FULL: readonly Field[] = [
  'symbol',
  'lastPrice',
  'priceChangePercent',
  'highPrice',
  'lowPrice',
  'volume',
  'quoteVolume',
  'count',
];
const DEFAULT_MINI: readonly Field[] = [
  'symbol',
  'lastPrice',
  'openPrice',
  'highPrice',
  'lowPrice',
  'volume',
  'quoteVolume',
  'count',
];
const MINI_FIELDS = new Set<Field>([
  'symbol',
  'openPrice',
  'highPrice',
  'lowPrice',
  'lastPrice',
  'volume',
  'quoteVolume',
  'openTime',
  'closeTime',
  'firstId',
  'lastId',
  'count',
]);
const ONLY_24H = new Set<Field>(['prevClosePrice', 'lastQty', 'bidPrice', 'bidQty', 'askPrice', 'askQty']);

const SORTS = ['quoteVolume', 'volume', 'priceChangePercent', 'count', 'lastPrice', 'symbol'] as const;
type Sort = (typeof SORTS)[number];

const windowInput = z
  .union([z.enum(['24h', 'tradingDay']), paramSchemas.windowSize])
  .describe(
    'The statistics window: "24h" (default; rolling 24 hours, any number of symbols), "tradingDay" (the current day in timeZone), or a rolling window "1m" to "59m", "1h" to "23h", "1d" to "7d" (up to 100 symbols)',
  );

const input = z.strictObject({
  ...selectionFields,
  window: windowInput.optional(),
  type: z
    .enum(['FULL', 'MINI'])
    .optional()
    .describe('FULL (default) or MINI (no price change, weighted average or book fields; lighter)'),
  timeZone: paramSchemas.timeZone
    .optional()
    .describe('UTC offset of the trading day for window "tradingDay", e.g. "8"'),
  fields: z
    .array(z.enum(FIELDS))
    .min(1)
    .max(FIELDS.length)
    .optional()
    .describe(`Fields per ticker (default ${DEFAULT_FULL.join(', ')}; symbol is always included)`),
  sortBy: z
    .enum(SORTS)
    .optional()
    .describe(
      'Order several tickers by this field (default quoteVolume), e.g. priceChangePercent for top movers',
    ),
  order: z.enum(['desc', 'asc']).optional().describe('desc (default: largest first) or asc'),
  limit: z
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Tickers to return: 1 to 100 (default 10 with baseAsset/quoteAsset, else every symbol named)'),
  cursor: cursorInput,
});

type Row = Record<string, string | number>;

function projectTicker(t: Record<string, unknown>, fields: readonly Field[]): Row {
  const row: Row = {};
  for (const f of fields) {
    const value = t[f];
    if (value === undefined) continue;
    row[f] = f === 'firstId' || f === 'lastId' ? idOutput(value as Int64) : (value as string | number);
  }
  return row;
}

/** The arguments a cursor carried, checked again (a cursor is client input). */
function carriedArgs(x: Record<string, unknown>): Partial<z.output<typeof input>> {
  const parsed = input
    .pick({ window: true, type: true, fields: true, sortBy: true, order: true, timeZone: true })
    .safeParse({ window: x.w, type: x.ty, fields: x.f, sortBy: x.s, order: x.or, timeZone: x.tz });
  if (!parsed.success) {
    throw new ToolInputError({
      parameter: 'cursor',
      value: '…',
      allowed: 'a nextCursor returned by get_ticker, unchanged',
    });
  }
  return parsed.data;
}

function compareBy(sort: Sort, order: 'asc' | 'desc') {
  const sign = order === 'asc' ? 1 : -1;
  return (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    const x = a[sort];
    const y = b[sort];
    let c: number;
    if (sort === 'symbol') c = String(x).localeCompare(String(y));
    else if (sort === 'count') c = Number(x) - Number(y);
    else c = compareDecimals(String(x ?? '0'), String(y ?? '0'));
    return c * sign || String(a.symbol).localeCompare(String(b.symbol));
  };
}

export const getTicker = defineTool({
  name: 'get_ticker',
  toolset: 'market',
  title: 'Price change statistics (24h, trading day or rolling window)',
  description:
    'Price change statistics: last price, change %, high, low, volume, quote volume and trade count over the last 24 hours (default), the current trading day, or a rolling window from 1 minute to 7 days. For one symbol, a list, or every trading symbol with a base or quote asset, sorted (by quote volume by default, or e.g. priceChangePercent for top gainers with order "desc", losers with "asc") and paged; `fields` picks columns. Use it for "how did X do today", "top movers among USDT pairs" or volume rankings; for the price alone use get_price, for a history get_klines.',
  input,
  output: {
    window: z.string(),
    type: z.enum(['FULL', 'MINI']),
    tickers: z.array(z.object({ symbol: z.string() }).catchall(z.union([z.string(), z.number()]))),
    total: z.number().describe('Symbols selected'),
    sortedBy: z.string().optional(),
    nextCursor: z.string().optional(),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    const { rest } = binance;
    const selected = await selectionFor('get_ticker', args, binance, signal);
    // A cursor carries the arguments of the call that started the ranking.
    const a = selected.carried ? { ...carriedArgs(selected.carried), limit: args.limit } : args;
    const window = a.window ?? '24h';
    const type = a.type ?? 'FULL';
    const requested = a.fields ? ['symbol' as const, ...a.fields.filter((f) => f !== 'symbol')] : undefined;
    const fields = requested ?? (type === 'MINI' ? DEFAULT_MINI : DEFAULT_FULL);
    for (const f of fields) {
      if (type === 'MINI' && !MINI_FIELDS.has(f)) {
        throw new ToolInputError({
          parameter: 'fields',
          value: f,
          allowed: `with type MINI: ${[...MINI_FIELDS].join(', ')}`,
        });
      }
      if (window !== '24h' && ONLY_24H.has(f)) {
        throw new ToolInputError({
          parameter: 'fields',
          value: f,
          allowed: 'book and last-quantity fields only with window "24h"',
        });
      }
    }
    const sortBy = a.sortBy ?? 'quoteVolume';
    const order = a.order ?? 'desc';
    if (type === 'MINI' && sortBy === 'priceChangePercent') {
      throw new ToolInputError({
        parameter: 'sortBy',
        value: sortBy,
        allowed: 'priceChangePercent only with type FULL',
      });
    }
    if (a.timeZone !== undefined && window !== 'tradingDay') {
      throw new ToolInputError({
        parameter: 'timeZone',
        value: a.timeZone,
        allowed: 'only with window "tradingDay"',
      });
    }
    const { selection } = selected;
    const all = selection.kind === 'one' ? [selection.symbol] : selection.symbols;
    const timeZone = a.timeZone === undefined ? undefined : String(a.timeZone);

    let tickers: Record<string, unknown>[];
    if (window === '24h') {
      if (selection.kind === 'one')
        tickers = [await rest.ticker24hr({ symbol: selection.symbol, type }, { signal })];
      else if (all.length <= 100) tickers = await rest.ticker24hr({ symbols: [...all], type }, { signal });
      else {
        const wanted = new Set(all);
        tickers = (await rest.ticker24hr({ type }, { signal })).filter((t) => wanted.has(t.symbol));
      }
    } else {
      if (all.length > 100) {
        throw new ToolInputError({
          parameter: selection.kind === 'assets' ? 'quoteAsset' : 'symbols',
          value: selection.kind === 'assets' ? selection.label : `${all.length} symbols`,
          allowed: `at most 100 symbols for window "${window}" (this selects ${all.length})`,
          hint: 'Add baseAsset to quoteAsset, name the symbols, or use window "24h".',
        });
      }
      const params = selection.kind === 'one' ? { symbol: selection.symbol } : { symbols: [...all] };
      const result =
        window === 'tradingDay'
          ? await rest.tradingDayTicker({ ...params, type, ...(timeZone ? { timeZone } : {}) }, { signal })
          : await rest.rollingWindowTicker({ ...params, type, windowSize: window }, { signal });
      tickers = Array.isArray(result) ? result : [result];
    }

    const sorted = tickers.length > 1 ? [...tickers].sort(compareBy(sortBy, order)) : tickers;
    const bySymbol = new Map(sorted.map((t) => [String(t.symbol), t]));
    const page = pageOf('get_ticker', selected, a.limit ?? (selection.kind === 'assets' ? 10 : 100), {
      order: sorted.map((t) => String(t.symbol)),
      carry: {
        w: window,
        ty: type,
        ...(a.fields ? { f: a.fields } : {}),
        s: sortBy,
        or: order,
        ...(timeZone ? { tz: timeZone } : {}),
      },
    });
    return {
      window,
      type,
      tickers: (selection.kind === 'list' && a.limit !== undefined
        ? page.symbols.slice(0, a.limit)
        : page.symbols
      ).map((s) => projectTicker(bySymbol.get(s) ?? { symbol: s }, fields) as { symbol: string } & Row),
      total: selection.kind === 'assets' ? selection.symbols.length : all.length,
      ...(tickers.length > 1 ? { sortedBy: `${sortBy} ${order}` } : {}),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  render(d) {
    const columns = [...new Set(d.tickers.flatMap((t) => Object.keys(t)))];
    const head = `${d.window} ${d.type} tickers: ${d.tickers.length} of ${d.total}${d.sortedBy ? `, sorted by ${d.sortedBy}` : ''}${
      d.nextCursor ? ` (more: pass cursor "${d.nextCursor}")` : ''
    }`;
    return `${head}\n${csv(
      columns,
      d.tickers.map((t) => columns.map((c) => t[c])),
    )}`;
  },
});
