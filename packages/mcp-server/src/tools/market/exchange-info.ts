import { filterSymbols, type SymbolInfo, symbolRules } from '@binance-mcp/rest';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { defineTool, READ_ONLY } from '../define.js';
import { assetInput, cursorInput, limitInput, symbolsInput } from '../inputs.js';
import { csv } from '../render.js';

const DETAILS = ['compact', 'rules', 'full'] as const;
type Detail = (typeof DETAILS)[number];

const input = z.strictObject({
  symbols: symbolsInput(100).optional(),
  assets: z
    .array(assetInput)
    .min(1)
    .max(20)
    .optional()
    .describe('Symbols with any of these assets, as base or quote, e.g. ["ETH"]'),
  quoteAssets: z
    .array(assetInput)
    .min(1)
    .max(20)
    .optional()
    .describe('Symbols quoted in any of these assets, e.g. ["USDT","FDUSD"]'),
  status: z
    .enum(['TRADING', 'HALT', 'BREAK', 'END_OF_DAY'])
    .optional()
    .describe('Only symbols in this state (TRADING = open for orders)'),
  permissions: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z][A-Z0-9_]*$/, { error: 'a permission such as "SPOT"' }),
    )
    .min(1)
    .max(10)
    .optional()
    .describe('Only symbols with any of these permissions, e.g. ["SPOT"] or ["MARGIN"]'),
  search: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .optional()
    .describe('Only symbols whose name contains this text, e.g. "PEPE" (case does not matter)'),
  detail: z
    .enum(DETAILS)
    .optional()
    .describe(
      'compact (default): name, status, base and quote asset. rules: plus tick size, step size, quantity and notional bounds and order types (what placing an order needs). full: everything Binance sends, raw filters included',
    ),
  includeLimits: z
    .boolean()
    .optional()
    .describe("Also return the exchange's rate limits and exchange filters"),
  includeExecutionRules: z
    .boolean()
    .optional()
    .describe("Also return each listed symbol's execution rules (price ranges around its reference price)"),
  limit: limitInput(500, 50, 'symbols'),
  cursor: cursorInput,
});

type State = {
  t: string;
  o: number;
  q: {
    symbols?: string[];
    assets?: string[];
    quoteAssets?: string[];
    status?: string;
    permissions?: string[];
    search?: string;
  };
  d: Detail;
  l: boolean;
  x?: boolean;
};

const isState = (s: Record<string, unknown>): s is State =>
  typeof s.o === 'number' &&
  Number.isInteger(s.o) &&
  s.o >= 0 &&
  typeof s.q === 'object' &&
  s.q !== null &&
  (DETAILS as readonly unknown[]).includes(s.d) &&
  typeof s.l === 'boolean' &&
  (s.x === undefined || typeof s.x === 'boolean');

const symbolEntry = z
  .looseObject({
    symbol: z.string(),
    status: z.string(),
    baseAsset: z.string(),
    quoteAsset: z.string(),
    tickSize: z.string().optional(),
    stepSize: z.string().optional(),
    minQty: z.string().optional(),
    maxQty: z.string().optional(),
    minNotional: z.string().optional(),
    maxNotional: z.string().optional(),
    orderTypes: z.array(z.string()).optional(),
    executionRules: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .describe('A symbol; more fields with detail "rules" or "full"');

function project(info: SymbolInfo, detail: Detail): z.output<typeof symbolEntry> {
  const base = {
    symbol: info.symbol,
    status: String(info.status),
    baseAsset: info.baseAsset,
    quoteAsset: info.quoteAsset,
  };
  if (detail === 'compact') return base;
  if (detail === 'full') return { ...info, status: String(info.status) } as z.output<typeof symbolEntry>;
  const r = symbolRules(info);
  return {
    ...base,
    tickSize: r.tickSize,
    minPrice: r.minPrice,
    maxPrice: r.maxPrice,
    stepSize: r.stepSize,
    minQty: r.minQty,
    maxQty: r.maxQty,
    marketStepSize: r.marketStepSize,
    marketMaxQty: r.marketMaxQty,
    minNotional: r.minNotional,
    maxNotional: r.maxNotional,
    baseAssetPrecision: r.baseAssetPrecision,
    quoteAssetPrecision: r.quoteAssetPrecision,
    orderTypes: [...r.orderTypes],
    quoteOrderQtyMarketAllowed: r.quoteOrderQtyMarketAllowed,
  };
}

export const getExchangeInfo = defineTool({
  name: 'get_exchange_info',
  toolset: 'market',
  title: 'Find symbols and their trading rules',
  description:
    'Lists the symbols (trading pairs) Binance lists that match the filters: names, assets, quote assets, status, permissions or part of the name. Compact by default (name, status, base and quote); detail "rules" adds tick size, step size, min/max quantity, min notional and order types, which you need before placing an order; "full" gives raw filters. Paginated (limit, nextCursor); the total says how many match. Use it to find the exact symbol for a coin, or the rules of a symbol. For one symbol\'s complete rules you can also read the resource binance://symbol/{symbol}. Never returns the whole multi-MB exchangeInfo.',
  input,
  output: {
    timezone: z.string(),
    serverTime: z
      .number()
      .describe('Exchange time of the exchangeInfo snapshot, epoch ms (cached up to 5 minutes)'),
    total: z.number().describe('Symbols matching the filters'),
    returned: z.number(),
    symbols: z.array(symbolEntry),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as cursor to get the next page; absent on the last page'),
    rateLimits: z
      .array(
        z.object({
          rateLimitType: z.string(),
          interval: z.string(),
          intervalNum: z.number(),
          limit: z.number(),
        }),
      )
      .optional(),
    exchangeFilters: z.array(z.record(z.string(), z.unknown())).optional(),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    const state: State = args.cursor
      ? decodeCursor('get_exchange_info', args.cursor, isState)
      : {
          t: 'get_exchange_info',
          o: 0,
          q: {
            ...(args.symbols ? { symbols: args.symbols } : {}),
            ...(args.assets ? { assets: args.assets } : {}),
            ...(args.quoteAssets ? { quoteAssets: args.quoteAssets } : {}),
            ...(args.status ? { status: args.status } : {}),
            ...(args.permissions ? { permissions: args.permissions } : {}),
            ...(args.search ? { search: args.search } : {}),
          },
          d: args.detail ?? 'compact',
          l: args.includeLimits ?? false,
          ...(args.includeExecutionRules ? { x: true } : {}),
        };
    const limit = args.limit ?? 50;
    const info = await binance.rest.exchangeInfoCache.get({ signal });
    const { status, ...query } = state.q;
    const matches = filterSymbols(info.symbols, { ...query, ...(status ? { status: [status] } : {}) });
    const page = matches.slice(state.o, state.o + limit);
    const next = state.o + page.length;
    const rules = new Map<string, Record<string, unknown>[]>();
    if (state.x && page.length > 0) {
      for (let i = 0; i < page.length; i += 100) {
        const names = page.slice(i, i + 100).map((x) => x.symbol);
        const answer = await binance.rest.executionRules(
          names.length === 1 ? { symbol: names[0] as string } : { symbols: names },
          {
            signal,
          },
        );
        for (const entry of answer.symbolRules)
          rules.set(entry.symbol, entry.rules as Record<string, unknown>[]);
      }
    }
    return {
      timezone: info.timezone,
      serverTime: info.serverTime,
      total: matches.length,
      returned: page.length,
      symbols: page.map((s) =>
        state.x ? { ...project(s, state.d), executionRules: rules.get(s.symbol) ?? [] } : project(s, state.d),
      ),
      ...(next < matches.length
        ? { nextCursor: encodeCursor('get_exchange_info', { ...state, o: next }) }
        : {}),
      ...(state.l
        ? {
            rateLimits: info.rateLimits.map((r) => ({
              ...r,
              rateLimitType: String(r.rateLimitType),
              interval: String(r.interval),
            })),
            exchangeFilters: info.exchangeFilters as Record<string, unknown>[],
          }
        : {}),
    };
  },
  render(d) {
    const head = `${d.total} symbol${d.total === 1 ? '' : 's'} match; showing ${d.returned}${
      d.nextCursor ? ` (more: pass cursor "${d.nextCursor}")` : ''
    }.`;
    if (d.symbols.length === 0) return `${head} Try a broader filter (e.g. search: "BTC").`;
    const first = d.symbols[0] as Record<string, unknown>;
    const full = 'filters' in first || 'executionRules' in first;
    if (full) return `${head}\n${JSON.stringify(d.symbols)}`;
    const withRules = 'tickSize' in first || 'orderTypes' in first;
    const columns = withRules
      ? [
          'symbol',
          'status',
          'base',
          'quote',
          'tickSize',
          'stepSize',
          'minQty',
          'maxQty',
          'minNotional',
          'orderTypes',
        ]
      : ['symbol', 'status', 'base', 'quote'];
    const rows = d.symbols.map((s) =>
      withRules
        ? [
            s.symbol,
            s.status,
            s.baseAsset,
            s.quoteAsset,
            s.tickSize,
            s.stepSize,
            s.minQty,
            s.maxQty,
            s.minNotional,
            s.orderTypes?.join(' '),
          ]
        : [s.symbol, s.status, s.baseAsset, s.quoteAsset],
    );
    const limits = d.rateLimits
      ? `\nrate limits: ${d.rateLimits.map((r) => `${r.rateLimitType} ${r.limit}/${r.intervalNum}${r.interval}`).join(', ')}`
      : '';
    return `${head}\n${csv(columns, rows)}${limits}`;
  },
});
