// Finding symbols in exchangeInfo and reading their trading rules at a glance. `exchangeInfo` lists
// every symbol with a dozen filters each (hundreds of KB); these helpers select the symbols that match a
// query and flatten the filters people ask about (tick size, step size, minimum notional, …).

import type { SymbolInfo } from '../endpoints/market/general.js';
import { ValidationError } from '../errors.js';
import { findFilter } from '../schemas/filters.js';

/** What `filterSymbols` matches; every given criterion must hold (an AND of ORs). */
export interface SymbolQuery {
  /** Only these symbols (exact names). */
  readonly symbols?: readonly string[];
  /** Symbols with any of these assets on either side (base or quote). */
  readonly assets?: readonly string[];
  /** Symbols whose base asset is one of these. */
  readonly baseAssets?: readonly string[];
  /** Symbols whose quote asset is one of these. */
  readonly quoteAssets?: readonly string[];
  /** Symbols in any of these states (TRADING, BREAK, HALT, …). */
  readonly status?: readonly string[];
  /** Symbols with any of these permissions (SPOT, MARGIN, TRD_GRP_005, …), in `permissions` or `permissionSets`. */
  readonly permissions?: readonly string[];
  /** Symbols whose name contains this text (case-insensitive). */
  readonly search?: string;
}

function stringList(value: unknown, parameter: string): Set<string> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ValidationError({ parameter, value, allowed: 'a list of strings, e.g. ["BTC","ETH"]' });
  }
  return new Set(value.map((item: string) => item.toUpperCase()));
}

/**
 * The symbols of `symbols` (e.g. `exchangeInfo().symbols`) matching every criterion of `query`, in
 * their original order. Names are compared without regard to case.
 *
 * ```ts
 * const info = await client.exchangeInfoCache.get();
 * const usdtSpot = filterSymbols(info.symbols, { quoteAssets: ['USDT'], status: ['TRADING'], permissions: ['SPOT'] });
 * ```
 */
export function filterSymbols(symbols: readonly SymbolInfo[], query: SymbolQuery = {}): SymbolInfo[] {
  if (query === null || typeof query !== 'object') {
    throw new ValidationError({ parameter: 'query', value: query, allowed: 'a query object' });
  }
  const names = stringList(query.symbols, 'symbols');
  const assets = stringList(query.assets, 'assets');
  const bases = stringList(query.baseAssets, 'baseAssets');
  const quotes = stringList(query.quoteAssets, 'quoteAssets');
  const status = stringList(query.status, 'status');
  const permissions = stringList(query.permissions, 'permissions');
  if (query.search !== undefined && typeof query.search !== 'string') {
    throw new ValidationError({ parameter: 'search', value: query.search, allowed: 'a string, e.g. "BTC"' });
  }
  const search = query.search?.toUpperCase();
  return symbols.filter((s) => {
    if (names && !names.has(s.symbol.toUpperCase())) return false;
    if (assets && !assets.has(s.baseAsset.toUpperCase()) && !assets.has(s.quoteAsset.toUpperCase()))
      return false;
    if (bases && !bases.has(s.baseAsset.toUpperCase())) return false;
    if (quotes && !quotes.has(s.quoteAsset.toUpperCase())) return false;
    if (status && !status.has(String(s.status).toUpperCase())) return false;
    if (search && !s.symbol.toUpperCase().includes(search)) return false;
    if (permissions) {
      const held = [...s.permissions, ...(s.permissionSets ?? []).flat()];
      if (!held.some((p) => permissions.has(p.toUpperCase()))) return false;
    }
    return true;
  });
}

/** A symbol's trading rules, flattened from its filters; a field is absent when the filter is. */
export interface SymbolRules {
  readonly symbol: string;
  readonly status: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** PRICE_FILTER: prices must be multiples of tickSize within [minPrice, maxPrice] (0 = no bound). */
  readonly tickSize?: string;
  readonly minPrice?: string;
  readonly maxPrice?: string;
  /** LOT_SIZE: quantities must be multiples of stepSize within [minQty, maxQty]. */
  readonly stepSize?: string;
  readonly minQty?: string;
  readonly maxQty?: string;
  /** MARKET_LOT_SIZE: the same for MARKET orders. */
  readonly marketStepSize?: string;
  readonly marketMinQty?: string;
  readonly marketMaxQty?: string;
  /** NOTIONAL (or the older MIN_NOTIONAL): price × quantity bounds, in the quote asset. */
  readonly minNotional?: string;
  readonly maxNotional?: string;
  /** Whether the notional bounds also apply to MARKET orders (at the average price). */
  readonly minNotionalAppliesToMarket?: boolean;
  /** PERCENT_PRICE_BY_SIDE / PERCENT_PRICE: how far from the average price a limit price may be. */
  readonly bidMultiplierUp?: string;
  readonly bidMultiplierDown?: string;
  readonly askMultiplierUp?: string;
  readonly askMultiplierDown?: string;
  /** MAX_NUM_ORDERS: open orders (including list legs) allowed on the symbol. */
  readonly maxNumOrders?: number;
  readonly orderTypes: readonly string[];
  readonly baseAssetPrecision: number;
  readonly quoteAssetPrecision: number;
  readonly icebergAllowed: boolean;
  readonly ocoAllowed: boolean;
  readonly quoteOrderQtyMarketAllowed: boolean;
  readonly isSpotTradingAllowed: boolean;
}

/**
 * The rules of one symbol at a glance: tick size, step size, quantity and notional bounds, price
 * multipliers, order types.
 *
 * ```ts
 * const rules = symbolRules(await client.exchangeInfoCache.symbol('BTCUSDT'));
 * console.log(rules.tickSize, rules.stepSize, rules.minNotional);
 * ```
 */
export function symbolRules(info: SymbolInfo): SymbolRules {
  if (info === null || typeof info !== 'object' || !Array.isArray(info.filters)) {
    throw new ValidationError({ parameter: 'info', value: info, allowed: 'a symbol of exchangeInfo' });
  }
  const price = findFilter(info.filters, 'PRICE_FILTER');
  const lot = findFilter(info.filters, 'LOT_SIZE');
  const market = findFilter(info.filters, 'MARKET_LOT_SIZE');
  const notional = findFilter(info.filters, 'NOTIONAL');
  const minNotional = findFilter(info.filters, 'MIN_NOTIONAL');
  const bySide = findFilter(info.filters, 'PERCENT_PRICE_BY_SIDE');
  const percent = findFilter(info.filters, 'PERCENT_PRICE');
  const maxOrders = findFilter(info.filters, 'MAX_NUM_ORDERS');
  const defined = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return defined({
    symbol: info.symbol,
    status: String(info.status),
    baseAsset: info.baseAsset,
    quoteAsset: info.quoteAsset,
    tickSize: price?.tickSize,
    minPrice: price?.minPrice,
    maxPrice: price?.maxPrice,
    stepSize: lot?.stepSize,
    minQty: lot?.minQty,
    maxQty: lot?.maxQty,
    marketStepSize: market?.stepSize,
    marketMinQty: market?.minQty,
    marketMaxQty: market?.maxQty,
    minNotional: notional?.minNotional ?? minNotional?.minNotional,
    maxNotional: notional?.maxNotional,
    minNotionalAppliesToMarket: notional?.applyMinToMarket ?? minNotional?.applyToMarket,
    bidMultiplierUp: bySide?.bidMultiplierUp ?? percent?.multiplierUp,
    bidMultiplierDown: bySide?.bidMultiplierDown ?? percent?.multiplierDown,
    askMultiplierUp: bySide?.askMultiplierUp ?? percent?.multiplierUp,
    askMultiplierDown: bySide?.askMultiplierDown ?? percent?.multiplierDown,
    maxNumOrders: maxOrders?.maxNumOrders,
    orderTypes: [...info.orderTypes],
    baseAssetPrecision: info.baseAssetPrecision,
    quoteAssetPrecision: info.quoteAssetPrecision,
    icebergAllowed: info.icebergAllowed,
    ocoAllowed: info.ocoAllowed,
    quoteOrderQtyMarketAllowed: info.quoteOrderQtyMarketAllowed,
    isSpotTradingAllowed: info.isSpotTradingAllowed,
  });
}
