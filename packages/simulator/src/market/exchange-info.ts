// `exchangeInfo` content in Binance's exact key order. Symbol entries are serialised once and cached:
// the full document is several hundred KB.

import type { SymbolMarket } from './market.js';
import { ORDER_TYPES, STP_MODES, type SymbolSpec } from './symbols.js';

export interface RateLimit {
  rateLimitType: 'REQUEST_WEIGHT' | 'ORDERS' | 'RAW_REQUESTS';
  interval: 'SECOND' | 'MINUTE' | 'DAY';
  intervalNum: number;
  limit: number;
}

export function rateLimits(weightPerMinute: number, orders: { per10s: number; perDay: number }): RateLimit[] {
  return [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightPerMinute },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: orders.per10s },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: orders.perDay },
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
  ];
}

export const EXCHANGE_FILTERS = [
  { filterType: 'EXCHANGE_MAX_NUM_ORDERS', maxNumOrders: 1000 },
  { filterType: 'EXCHANGE_MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 200 },
];

export function symbolInfo(sm: SymbolMarket, showPermissionSets: boolean): Record<string, unknown> {
  const s = sm.spec;
  const f = sm.flags;
  return {
    symbol: s.symbol,
    status: s.status,
    baseAsset: s.baseAsset,
    baseAssetPrecision: s.qtyPrecision,
    quoteAsset: s.quoteAsset,
    quotePrecision: s.pricePrecision,
    quoteAssetPrecision: s.pricePrecision,
    baseCommissionPrecision: s.qtyPrecision,
    quoteCommissionPrecision: s.pricePrecision,
    orderTypes: ORDER_TYPES,
    icebergAllowed: f.icebergAllowed,
    ocoAllowed: f.ocoAllowed,
    otoAllowed: f.otoAllowed,
    opoAllowed: s.opoAllowed,
    quoteOrderQtyMarketAllowed: f.quoteOrderQtyMarketAllowed,
    allowTrailingStop: f.allowTrailingStop,
    cancelReplaceAllowed: f.cancelReplaceAllowed,
    amendAllowed: f.amendAllowed,
    pegInstructionsAllowed: s.pegInstructionsAllowed,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: s.isMarginTradingAllowed,
    filters: s.filters,
    permissions: [],
    permissionSets: showPermissionSets ? s.permissionSets : [],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: STP_MODES,
  };
}

/** Smart-order-routing groups: base assets traded against both USDT and USDC/FDUSD. */
export function sors(specs: readonly SymbolSpec[]): Array<{ baseAsset: string; symbols: string[] }> {
  const btc = specs.filter((s) => s.baseAsset === 'BTC' && ['USDT', 'USDC', 'FDUSD'].includes(s.quoteAsset));
  return btc.length > 1 ? [{ baseAsset: 'BTC', symbols: btc.map((s) => s.symbol) }] : [];
}

/** Caches each symbol's serialised entry (with and without permission sets). */
export class ExchangeInfoCache {
  private readonly full = new Map<string, string>();
  private readonly bare = new Map<string, string>();

  entry(sm: SymbolMarket, showPermissionSets: boolean): string {
    const cache = showPermissionSets ? this.full : this.bare;
    let text = cache.get(sm.symbol);
    if (text === undefined) {
      text = JSON.stringify(symbolInfo(sm, showPermissionSets));
      cache.set(sm.symbol, text);
    }
    return text;
  }

  /** Drops `symbol`'s entries: its flags changed. */
  forget(symbol: string): void {
    this.full.delete(symbol);
    this.bare.delete(symbol);
  }
}
