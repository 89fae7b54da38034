import { addDecimals, compareDecimals, trimDecimal } from '@binance-mcp/rest';
import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { ToolInputError } from '../errors.js';
import { assetInput, limitInput, symbolInput } from '../inputs.js';
import { pairs } from '../render.js';

const INCLUDES = ['rateLimits', 'filters'] as const;

const balanceSchema = z.object({
  asset: z.string(),
  free: z.string(),
  locked: z.string().describe('In open orders'),
  total: z.string(),
});

export const getAccount = defineTool({
  name: 'get_account',
  toolset: 'account',
  title: 'Account balances and permissions',
  description:
    'Your Binance account: balances (non-zero only by default; `assets` picks some, `includeZero` shows empty ones), whether it can trade, withdraw and deposit, its permissions and its commission rates (maker, taker, buyer, seller as decimals: 0.001 = 0.1%). include: ["rateLimits"] adds the unfilled order count against the ORDERS limits (rateLimit/order, weight 40); include: ["filters"] with a symbol adds the filters that apply to the account on it (myFilters, weight 40, the only place MAX_ASSET shows). Weight 20. For one symbol\'s commission in detail use get_commission_rates; for orders, get_open_orders.',
  input: z.strictObject({
    assets: z.array(assetInput).min(1).max(100).optional().describe('Only these assets, e.g. ["BTC","USDT"]'),
    includeZero: z.boolean().optional().describe('Also list assets with a zero balance (default false)'),
    include: z
      .array(z.enum(INCLUDES))
      .max(2)
      .optional()
      .describe('Extras: "rateLimits" (unfilled order counts), "filters" (needs symbol)'),
    symbol: symbolInput
      .optional()
      .describe('With include "filters": the symbol whose account filters to show'),
    limit: limitInput(1000, 50, 'balances'),
  }),
  output: {
    accountType: z.string(),
    canTrade: z.boolean(),
    canWithdraw: z.boolean(),
    canDeposit: z.boolean(),
    permissions: z.array(z.string()),
    commission: z
      .object({ maker: z.string(), taker: z.string(), buyer: z.string(), seller: z.string() })
      .describe('Standard commission rates as decimals (0.001 = 0.1%)'),
    balances: z.array(balanceSchema),
    balanceCount: z.number().describe('Balances that matched, before limit'),
    truncated: z.boolean().optional().describe('More balances matched than limit'),
    updateTime: z.number(),
    rateLimits: z
      .array(
        z.object({ interval: z.string(), intervalNum: z.number(), limit: z.number(), count: z.number() }),
      )
      .optional()
      .describe('Unfilled order count per ORDERS interval'),
    filters: z
      .object({
        symbol: z.string(),
        exchangeFilters: z.array(z.record(z.string(), z.unknown())),
        symbolFilters: z.array(z.record(z.string(), z.unknown())),
        assetFilters: z.array(z.record(z.string(), z.unknown())),
      })
      .optional(),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal }) {
    const include = new Set(args.include ?? []);
    if (include.has('filters') && args.symbol === undefined) {
      throw new ToolInputError({
        parameter: 'symbol',
        allowed: 'a symbol such as "BTCUSDT" when include has "filters"',
      });
    }
    if (args.symbol !== undefined && !include.has('filters')) {
      throw new ToolInputError({
        parameter: 'symbol',
        value: args.symbol,
        allowed: 'only with include: ["filters"]',
      });
    }
    const { rest } = binance;
    const [account, rateLimits, filters] = await Promise.all([
      rest.account({ omitZeroBalances: !args.includeZero && args.assets === undefined }, { signal }),
      include.has('rateLimits') ? rest.orderRateLimit({}, { signal }) : undefined,
      include.has('filters') && args.symbol ? rest.myFilters({ symbol: args.symbol }, { signal }) : undefined,
    ]);
    const wanted = args.assets ? new Set(args.assets) : undefined;
    const matched = account.balances
      .filter((b) => !wanted || wanted.has(b.asset))
      .map((b) => ({ asset: b.asset, free: b.free, locked: b.locked, total: addDecimals(b.free, b.locked) }))
      .filter((b) => args.includeZero || wanted || compareDecimals(b.total, '0') !== 0);
    const limit = args.limit ?? 50;
    return {
      accountType: account.accountType,
      canTrade: account.canTrade,
      canWithdraw: account.canWithdraw,
      canDeposit: account.canDeposit,
      permissions: account.permissions,
      commission: account.commissionRates,
      balances: matched.slice(0, limit),
      balanceCount: matched.length,
      ...(matched.length > limit ? { truncated: true } : {}),
      updateTime: account.updateTime,
      ...(rateLimits
        ? {
            rateLimits: rateLimits.map((r) => ({
              interval: r.interval,
              intervalNum: r.intervalNum,
              limit: r.limit,
              count: r.count,
            })),
          }
        : {}),
      ...(filters && args.symbol
        ? {
            filters: {
              symbol: args.symbol,
              exchangeFilters: filters.exchangeFilters as Record<string, unknown>[],
              symbolFilters: filters.symbolFilters as Record<string, unknown>[],
              assetFilters: filters.assetFilters as Record<string, unknown>[],
            },
          }
        : {}),
    };
  },
  render(d) {
    const rate = (r: string) => `${trimDecimal(r)}`;
    const lines = [
      `${d.accountType} account: ${pairs({
        canTrade: d.canTrade,
        canWithdraw: d.canWithdraw,
        canDeposit: d.canDeposit,
        permissions: d.permissions.join('|'),
        maker: rate(d.commission.maker),
        taker: rate(d.commission.taker),
      })}`,
      `${d.balanceCount} balance${d.balanceCount === 1 ? '' : 's'}${d.truncated ? ` (first ${d.balances.length})` : ''}: ${
        d.balances
          .map(
            (b) =>
              `${b.asset} ${trimDecimal(b.total)}${compareDecimals(b.locked, '0') ? ` (locked ${trimDecimal(b.locked)})` : ''}`,
          )
          .join(', ') || 'none'
      }`,
    ];
    if (d.rateLimits) {
      lines.push(
        `unfilled orders: ${d.rateLimits.map((r) => `${r.count}/${r.limit} per ${r.intervalNum} ${r.interval}`).join(', ')}`,
      );
    }
    if (d.filters) {
      const names = [...d.filters.symbolFilters, ...d.filters.exchangeFilters, ...d.filters.assetFilters].map(
        (f) => String(f.filterType),
      );
      lines.push(`account filters on ${d.filters.symbol}: ${names.join(', ') || 'none'}`);
    }
    return lines.join('\n');
  },
});
