// Which symbols a price or ticker question is about: one symbol, a list, or every trading symbol with a
// base or quote asset ("all USDT pairs"), the last resolved through the cached exchangeInfo and paged.

import { filterSymbols } from '@binance-mcp/rest';
import type { BinanceContext } from '../../context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { ToolInputError } from '../errors.js';
import { assetInput, symbolInput, symbolsInput } from '../inputs.js';

export const selectionFields = {
  symbol: symbolInput.optional().describe('One symbol, e.g. "BTCUSDT"'),
  symbols: symbolsInput(100).optional(),
  baseAsset: assetInput
    .optional()
    .describe('Every trading symbol with this base asset, e.g. "ETH" (ETHUSDT, ETHBTC, …); paged'),
  quoteAsset: assetInput
    .optional()
    .describe(
      'Every trading symbol quoted in this asset, e.g. "USDT"; with baseAsset, both must match; paged',
    ),
};

export type SelectionArgs = {
  symbol?: string | undefined;
  symbols?: string[] | undefined;
  baseAsset?: string | undefined;
  quoteAsset?: string | undefined;
};

export type Selection =
  | { readonly kind: 'one'; readonly symbol: string }
  | { readonly kind: 'list'; readonly symbols: readonly string[] }
  | { readonly kind: 'assets'; readonly symbols: readonly string[]; readonly label: string };

/** Resolves the selection arguments; exactly one way of naming symbols must be used. */
export async function resolveSelection(
  args: SelectionArgs,
  binance: BinanceContext,
  signal: AbortSignal,
): Promise<Selection> {
  const byAsset = args.baseAsset !== undefined || args.quoteAsset !== undefined;
  const ways = [args.symbol !== undefined, args.symbols !== undefined, byAsset].filter(Boolean).length;
  if (ways === 0) {
    throw new ToolInputError({
      parameter: 'symbol',
      allowed:
        'one of symbol (e.g. "BTCUSDT"), symbols (a list) or baseAsset/quoteAsset (e.g. quoteAsset "USDT")',
    });
  }
  if (ways > 1) {
    throw new ToolInputError({
      parameter:
        args.symbol !== undefined && args.symbols !== undefined
          ? 'symbols'
          : byAsset
            ? 'baseAsset'
            : 'symbols',
      value: args.symbols ?? args.baseAsset ?? args.quoteAsset,
      allowed: 'only one of symbol, symbols, or baseAsset/quoteAsset',
    });
  }
  if (args.symbol !== undefined) return { kind: 'one', symbol: args.symbol };
  if (args.symbols !== undefined) return { kind: 'list', symbols: args.symbols };
  const info = await binance.rest.exchangeInfoCache.get({ signal });
  const matched = filterSymbols(info.symbols, {
    status: ['TRADING'],
    ...(args.baseAsset ? { baseAssets: [args.baseAsset] } : {}),
    ...(args.quoteAsset ? { quoteAssets: [args.quoteAsset] } : {}),
  }).map((s) => s.symbol);
  const label = [args.baseAsset && `base ${args.baseAsset}`, args.quoteAsset && `quote ${args.quoteAsset}`]
    .filter(Boolean)
    .join(', ');
  if (matched.length === 0) {
    throw new ToolInputError({
      parameter: args.baseAsset !== undefined ? 'baseAsset' : 'quoteAsset',
      value: args.baseAsset ?? args.quoteAsset,
      allowed: 'an asset with at least one trading symbol',
      hint: 'Find assets and symbols with get_exchange_info (e.g. search: "BTC").',
    });
  }
  return { kind: 'assets', symbols: matched, label };
}

/** Cursor state of a paged asset selection, plus the tool's own arguments (`x`) to continue with. */
export type AssetPageState = { t: string; b?: string; q?: string; o: number; x?: Record<string, unknown> };

function isAssetPageState(s: Record<string, unknown>): s is AssetPageState {
  return (
    Number.isInteger(s.o) &&
    (s.o as number) >= 0 &&
    (s.b === undefined || typeof s.b === 'string') &&
    (s.q === undefined || typeof s.q === 'string') &&
    (s.b !== undefined || s.q !== undefined) &&
    (s.x === undefined || (typeof s.x === 'object' && s.x !== null && !Array.isArray(s.x)))
  );
}

export interface Selected {
  readonly selection: Selection;
  /** Where the page starts (0 without a cursor). */
  readonly offset: number;
  /** The assets of an asset selection, for the next cursor. */
  readonly assets: { readonly b?: string; readonly q?: string };
  /** The tool's arguments carried by the cursor, if one was given. */
  readonly carried: Record<string, unknown> | undefined;
}

/** The selection for a call: from the arguments, or from an asset-page cursor. */
export async function selectionFor(
  tool: string,
  args: SelectionArgs & { cursor?: string | undefined },
  binance: BinanceContext,
  signal: AbortSignal,
): Promise<Selected> {
  if (args.cursor !== undefined) {
    const state = decodeCursor(tool, args.cursor, isAssetPageState);
    const selection = await resolveSelection({ baseAsset: state.b, quoteAsset: state.q }, binance, signal);
    const assets = { ...(state.b ? { b: state.b } : {}), ...(state.q ? { q: state.q } : {}) };
    return { selection, offset: state.o, assets, carried: state.x };
  }
  const assets = {
    ...(args.baseAsset ? { b: args.baseAsset } : {}),
    ...(args.quoteAsset ? { q: args.quoteAsset } : {}),
  };
  return { selection: await resolveSelection(args, binance, signal), offset: 0, assets, carried: undefined };
}

/**
 * One page of the selected symbols (in `order` when given, e.g. a ranking), and the cursor of the
 * next. Only asset selections are paged; a symbol or a list comes back whole.
 */
export function pageOf(
  tool: string,
  selected: Selected,
  limit: number,
  options: { readonly order?: readonly string[]; readonly carry?: Record<string, unknown> } = {},
): { symbols: readonly string[]; total: number; nextCursor: string | undefined } {
  const { selection, offset } = selected;
  if (selection.kind !== 'assets') {
    const symbols = options.order ?? (selection.kind === 'one' ? [selection.symbol] : selection.symbols);
    return { symbols, total: symbols.length, nextCursor: undefined };
  }
  const all = options.order ?? selection.symbols;
  const symbols = all.slice(offset, offset + limit);
  const next = offset + symbols.length;
  return {
    symbols,
    total: all.length,
    nextCursor:
      next < all.length
        ? encodeCursor(tool, { ...selected.assets, o: next, ...(options.carry ? { x: options.carry } : {}) })
        : undefined,
  };
}
