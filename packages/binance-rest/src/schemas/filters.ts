// Trading rules from `exchangeInfo`: symbol filters, exchange filters and asset filters, typed by
// `filterType` (Binance's filters.md). A filter type this package does not know yet still parses, as
// `UnknownFilter`, so a new filter on the exchange never breaks `exchangeInfo`.

import * as z from 'zod';
import { count, decimal } from './values.js';

const filter = <const T extends string, S extends z.ZodRawShape>(filterType: T, shape: S) =>
  z.object({ filterType: z.literal(filterType), ...shape });

export const priceFilter = filter('PRICE_FILTER', {
  minPrice: decimal,
  maxPrice: decimal,
  tickSize: decimal,
});
export const percentPriceFilter = filter('PERCENT_PRICE', {
  multiplierUp: decimal,
  multiplierDown: decimal,
  avgPriceMins: count,
});
export const percentPriceBySideFilter = filter('PERCENT_PRICE_BY_SIDE', {
  bidMultiplierUp: decimal,
  bidMultiplierDown: decimal,
  askMultiplierUp: decimal,
  askMultiplierDown: decimal,
  avgPriceMins: count,
});
export const lotSizeFilter = filter('LOT_SIZE', { minQty: decimal, maxQty: decimal, stepSize: decimal });
export const minNotionalFilter = filter('MIN_NOTIONAL', {
  minNotional: decimal,
  applyToMarket: z.boolean(),
  avgPriceMins: count,
});
export const notionalFilter = filter('NOTIONAL', {
  minNotional: decimal,
  applyMinToMarket: z.boolean(),
  maxNotional: decimal,
  applyMaxToMarket: z.boolean(),
  avgPriceMins: count,
});
export const icebergPartsFilter = filter('ICEBERG_PARTS', { limit: count });
export const marketLotSizeFilter = filter('MARKET_LOT_SIZE', {
  minQty: decimal,
  maxQty: decimal,
  stepSize: decimal,
});
export const maxNumOrdersFilter = filter('MAX_NUM_ORDERS', { maxNumOrders: count });
export const maxNumAlgoOrdersFilter = filter('MAX_NUM_ALGO_ORDERS', { maxNumAlgoOrders: count });
export const maxNumIcebergOrdersFilter = filter('MAX_NUM_ICEBERG_ORDERS', { maxNumIcebergOrders: count });
export const maxPositionFilter = filter('MAX_POSITION', { maxPosition: decimal });
export const trailingDeltaFilter = filter('TRAILING_DELTA', {
  minTrailingAboveDelta: count,
  maxTrailingAboveDelta: count,
  minTrailingBelowDelta: count,
  maxTrailingBelowDelta: count,
});
export const maxNumOrderAmendsFilter = filter('MAX_NUM_ORDER_AMENDS', { maxNumOrderAmends: count });
export const maxNumOrderListsFilter = filter('MAX_NUM_ORDER_LISTS', { maxNumOrderLists: count });

export const exchangeMaxNumOrdersFilter = filter('EXCHANGE_MAX_NUM_ORDERS', { maxNumOrders: count });
export const exchangeMaxNumAlgoOrdersFilter = filter('EXCHANGE_MAX_NUM_ALGO_ORDERS', {
  maxNumAlgoOrders: count,
});
export const exchangeMaxNumIcebergOrdersFilter = filter('EXCHANGE_MAX_NUM_ICEBERG_ORDERS', {
  maxNumIcebergOrders: count,
});
export const exchangeMaxNumOrderListsFilter = filter('EXCHANGE_MAX_NUM_ORDER_LISTS', {
  maxNumOrderLists: count,
});

export const maxAssetFilter = filter('MAX_ASSET', { asset: z.string(), limit: decimal });

const KNOWN_SYMBOL_FILTERS = [
  priceFilter,
  percentPriceFilter,
  percentPriceBySideFilter,
  lotSizeFilter,
  minNotionalFilter,
  notionalFilter,
  icebergPartsFilter,
  marketLotSizeFilter,
  maxNumOrdersFilter,
  maxNumAlgoOrdersFilter,
  maxNumIcebergOrdersFilter,
  maxPositionFilter,
  trailingDeltaFilter,
  maxNumOrderAmendsFilter,
  maxNumOrderListsFilter,
] as const;

const KNOWN_EXCHANGE_FILTERS = [
  exchangeMaxNumOrdersFilter,
  exchangeMaxNumAlgoOrdersFilter,
  exchangeMaxNumIcebergOrdersFilter,
  exchangeMaxNumOrderListsFilter,
] as const;

/** A filter whose `filterType` this version does not describe; its fields are kept as sent. */
export interface UnknownFilter {
  readonly filterType: string;
  readonly [field: string]: unknown;
}

const knownTypes = new Set<string>(
  [...KNOWN_SYMBOL_FILTERS, ...KNOWN_EXCHANGE_FILTERS, maxAssetFilter].map((s) => s.shape.filterType.value),
);

// A filter of a type not listed above. Its `filterType` must not be a known one: a known filter with a
// missing field is a shape error, not an unknown filter.
const unknownFilter = z
  .looseObject({ filterType: z.string().refine((type) => !knownTypes.has(type)) })
  .transform((value) => value as UnknownFilter);

export const symbolFilter = z.union([
  z.discriminatedUnion('filterType', KNOWN_SYMBOL_FILTERS),
  unknownFilter,
]);
export const exchangeFilter = z.union([
  z.discriminatedUnion('filterType', [...KNOWN_EXCHANGE_FILTERS, maxAssetFilter]),
  unknownFilter,
]);

/** Asset filters (`MAX_ASSET`), only shown by `myFilters`. */
export const assetFilter = z.union([maxAssetFilter, unknownFilter]);

export type SymbolFilter = z.output<typeof symbolFilter>;
export type ExchangeFilter = z.output<typeof exchangeFilter>;
type KnownFilter = z.output<
  (typeof KNOWN_SYMBOL_FILTERS)[number] | (typeof KNOWN_EXCHANGE_FILTERS)[number] | typeof maxAssetFilter
>;
export type FilterType = KnownFilter['filterType'];
/** The filter object of one type, e.g. `FilterOf<'LOT_SIZE'>` → `{ filterType, minQty, maxQty, stepSize }`. */
export type FilterOf<T extends FilterType> = Extract<KnownFilter, { filterType: T }>;

/**
 * The filter of type `type` among `filters` (a symbol's or the exchange's), typed, or undefined.
 *
 * ```ts
 * const lot = findFilter(symbolInfo.filters, 'LOT_SIZE'); // { minQty, maxQty, stepSize } | undefined
 * ```
 */
export function findFilter<T extends FilterType>(
  filters: readonly (SymbolFilter | ExchangeFilter)[],
  type: T,
): FilterOf<T> | undefined {
  return filters.find((f) => f.filterType === type) as FilterOf<T> | undefined;
}
