// The listed symbols: trading rules (filters) in Binance's exact formats and the parameters of each
// symbol's simulated market (price level, volatility, activity), all fixed by the seed.

import { formatUnits, pow10 } from './decimal.js';
import { SeededRandom, stringKey } from './hash.js';
import { BASE_ASSETS, CORE_SYMBOLS, EXTRA_PAIRS, QUOTE_ASSETS, UNICODE_SYMBOL } from './universe.js';

export type SymbolStatus = 'TRADING' | 'HALT' | 'BREAK';

/** A filter object exactly as `exchangeInfo` prints it. */
export type SymbolFilter = Record<string, string | number | boolean> & { filterType: string };

/** Everything the simulator knows about one symbol. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly status: SymbolStatus;
  /** Hash key of this symbol under the market's seed. */
  readonly key: number;
  /** Decimal places of prices and quote amounts (the quote asset's precision). */
  readonly pricePrecision: number;
  /** Decimal places of quantities (the base asset's precision). */
  readonly qtyPrecision: number;
  /** Tick size = 10^tickExp; step size = 10^stepExp. */
  readonly tickExp: number;
  readonly stepExp: number;
  /** Tick and step expressed in units of 10^-precision. */
  readonly tickUnits: bigint;
  readonly stepUnits: bigint;
  /** Price level around which the seeded walk moves, in quote units (model only, never printed). */
  readonly basePrice: number;
  readonly volatility: number;
  /** 0..1: how busy the symbol is (trade rate, book depth, spread). */
  readonly liquidity: number;
  /** Mean aggregate trades per minute, their jitter, mean extra trades per minute and jitter. */
  readonly aggRate: number;
  readonly aggJitter: number;
  readonly extraRate: number;
  readonly extraJitter: number;
  /** At most this many distinct trade prices per minute. */
  readonly maxPhases: number;
  /** Typical notional of one aggregate trade, in quote units. */
  readonly aggNotional: number;
  readonly spreadTicks: number;
  /** Price levels the background liquidity keeps on each side of the book. */
  readonly bookLevels: number;
  /** For HALT/BREAK symbols: the time trading stopped (ms). */
  readonly haltedAt: number | null;
  readonly hasReferencePrice: boolean;
  readonly filters: readonly SymbolFilter[];
  readonly permissionSets: readonly (readonly string[])[];
  readonly isMarginTradingAllowed: boolean;
  readonly allowTrailingStop: boolean;
  readonly cancelReplaceAllowed: boolean;
  readonly amendAllowed: boolean;
  readonly pegInstructionsAllowed: boolean;
  readonly icebergAllowed: boolean;
  readonly ocoAllowed: boolean;
  readonly otoAllowed: boolean;
  readonly opoAllowed: boolean;
  readonly quoteOrderQtyMarketAllowed: boolean;
}

export interface UniverseOptions {
  seed: number;
  /** Upper bound on the number of symbols (core symbols and the Unicode symbol are always kept). */
  symbolCount: number;
  /** Start of history (ms): halted symbols stopped trading some time after it. */
  genesis: number;
  /** When the simulator started (ms). */
  start: number;
}

interface Candidate {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  price: number;
  usd: number;
  rank: number;
}

const TRADING_GROUPS = Array.from({ length: 40 }, (_, i) => `TRD_GRP_${String(i + 2).padStart(3, '0')}`);
export const ORDER_TYPES = [
  'LIMIT',
  'LIMIT_MAKER',
  'MARKET',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
] as const;
export const STP_MODES = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'] as const;

function candidates(): Candidate[] {
  const usdOf = new Map<string, number>(BASE_ASSETS.map(([asset, usd]) => [asset, usd]));
  for (const [asset, usd] of QUOTE_ASSETS) if (!usdOf.has(asset)) usdOf.set(asset, usd);
  const list: Candidate[] = [];
  const seen = new Set<string>();
  const add = (baseAsset: string, quoteAsset: string, usd: number, price: number, rank: number) => {
    const symbol = baseAsset + quoteAsset;
    if (baseAsset === quoteAsset || seen.has(symbol)) return;
    seen.add(symbol);
    list.push({ symbol, baseAsset, quoteAsset, usd, price, rank });
  };
  // Round-robin over quotes so that a smaller market keeps a mix of quote assets.
  const maxDepth = Math.max(...QUOTE_ASSETS.map(([, , n]) => n));
  for (let i = 0; i < maxDepth; i++) {
    for (const [quote, quoteUsd, depth] of QUOTE_ASSETS) {
      const entry = BASE_ASSETS[i];
      if (i >= depth || !entry) continue;
      const [base, usd] = entry;
      add(base, quote, usd, usd / quoteUsd, i);
    }
  }
  for (const [base, quote, price] of EXTRA_PAIRS) add(base, quote, usdOf.get(base) ?? 1, price, 30);
  return list;
}

/** Builds the symbol list for a seed. Cheap (no history is computed here). */
export function buildUniverse(options: UniverseOptions): SymbolSpec[] {
  const all = candidates();
  const core = all.filter((c) => CORE_SYMBOLS.includes(c.symbol));
  const rest = all.filter((c) => !CORE_SYMBOLS.includes(c.symbol));
  const chosen = [...core, ...rest].slice(0, Math.max(core.length, options.symbolCount - 1));
  chosen.push({
    symbol: UNICODE_SYMBOL.symbol,
    baseAsset: UNICODE_SYMBOL.baseAsset,
    quoteAsset: UNICODE_SYMBOL.quoteAsset,
    usd: UNICODE_SYMBOL.usd,
    price: UNICODE_SYMBOL.usd,
    rank: 60,
  });
  return chosen.map((c) => makeSpec(c, options));
}

function makeSpec(c: Candidate, options: UniverseOptions): SymbolSpec {
  const rnd = new SeededRandom(stringKey(options.seed, `spec:${c.symbol}`));
  const isCore = CORE_SYMBOLS.includes(c.symbol);
  const liquidity = Math.max(0.03, Math.min(1, (1 - c.rank / 95) ** 2 * (0.6 + 0.4 * rnd.next())));
  const basePrice = c.price * (0.8 + 0.45 * rnd.next());
  const usdPrice = c.usd * (basePrice / c.price);

  // Exotic trading rules on a few symbols so clients meet them: tiny ticks, huge steps.
  const exotic = !isCore && rnd.next() < 0.08;
  const magnitude = Math.floor(Math.log10(basePrice));
  const significant = liquidity > 0.5 ? 7 : liquidity > 0.2 ? 6 : 5;
  let tickExp = Math.max(-8, Math.min(0, magnitude - significant + 1));
  let stepExp = Math.max(-8, Math.min(0, Math.floor(Math.log10(1 / usdPrice))));
  if (exotic && rnd.next() < 0.5) tickExp = -8;
  if (exotic && usdPrice < 0.05) stepExp = Math.min(4, Math.max(stepExp, 0) + rnd.int(1, 3));
  // tick × step ≥ 10^-8 keeps every trade's quote amount exact in 8 decimals. Coarsen the tick first
  // (keeping at least 1000 ticks in the price), then the step.
  let deficit = -8 - (tickExp + stepExp);
  if (deficit > 0 && !exotic) {
    const raise = Math.max(0, Math.min(deficit, magnitude - 3 - tickExp));
    tickExp += raise;
    deficit -= raise;
  }
  if (deficit > 0) stepExp += deficit;

  let status: SymbolStatus = 'TRADING';
  if (!isCore && c.symbol !== UNICODE_SYMBOL.symbol) {
    const r = rnd.next();
    if (r < 0.025) status = 'BREAK';
    else if (r < 0.035) status = 'HALT';
  }
  const span = options.start - options.genesis;
  const haltedAt =
    status === 'TRADING'
      ? null
      : Math.floor((options.genesis + span * (0.2 + 0.6 * rnd.next())) / 60_000) * 60_000;

  const aggRate = Math.max(1, Math.round(40 * liquidity));
  const extraRate = Math.round(aggRate * (0.3 + 1.2 * rnd.next()));
  const spreadTicks = liquidity > 0.5 ? 1 : 1 + Math.floor((1 - liquidity) * 6 * rnd.next());
  const newStyle = isCore || rnd.next() < 0.8;
  const margin = isCore || liquidity > 0.3;
  const spec: Omit<SymbolSpec, 'filters'> = {
    symbol: c.symbol,
    baseAsset: c.baseAsset,
    quoteAsset: c.quoteAsset,
    status,
    key: stringKey(options.seed, c.symbol),
    pricePrecision: 8,
    qtyPrecision: 8,
    tickExp,
    stepExp,
    tickUnits: pow10(8 + tickExp),
    stepUnits: pow10(8 + stepExp),
    basePrice,
    volatility: 0.5 + 1.5 * rnd.next(),
    liquidity,
    aggRate,
    aggJitter: Math.floor((aggRate - 1) * 0.8),
    extraRate,
    extraJitter: Math.floor(extraRate * 0.8),
    maxPhases: 2 + rnd.int(0, 4),
    // Typical USD value of one aggregate trade: a few tens on quiet pairs, thousands on the busiest.
    aggNotional: (50 + 5000 * liquidity * liquidity * (0.5 + rnd.next())) / (c.usd / c.price),
    spreadTicks,
    // At most 5000 levels a side: a depth snapshot (limit 5000) then holds the whole book, so a client
    // following the documented procedure can rebuild it exactly.
    bookLevels: isCore || liquidity > 0.6 ? 5000 : Math.round(300 + 1500 * liquidity),
    haltedAt,
    hasReferencePrice: c.quoteAsset === 'USDC' || (!isCore && rnd.next() < 0.05),
    permissionSets: [margin ? ['SPOT', 'MARGIN', ...TRADING_GROUPS.slice(0, 8 + rnd.int(0, 30))] : ['SPOT']],
    isMarginTradingAllowed: margin,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: rnd.next() < 0.7,
    // Pegged orders and OPO lists are not simulated: exchangeInfo says so (the draws keep the seed's sequence).
    pegInstructionsAllowed: rnd.next() < 0,
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    opoAllowed: rnd.next() < 0,
    quoteOrderQtyMarketAllowed: true,
  };
  return { ...spec, filters: makeFilters(spec, usdPrice, newStyle, exotic, rnd) };
}

function makeFilters(
  s: Omit<SymbolSpec, 'filters'>,
  usdPrice: number,
  newStyle: boolean,
  exotic: boolean,
  rnd: SeededRandom,
): SymbolFilter[] {
  const units = (exp: number): string => formatUnits(pow10(8 + exp), 8);
  const priceExpMax = Math.min(8, Math.ceil(Math.log10(s.basePrice)) + 3);
  const maxQtyExp = Math.min(8, Math.max(s.stepExp + 2, Math.ceil(Math.log10(1e6 / usdPrice))));
  const maxQty = formatUnits(9n * pow10(8 + maxQtyExp), 8);
  // Minimum order notional ≈ 5 USD expressed in the quote asset, rounded to a power of ten.
  const minNotionalExp = Math.max(-8, Math.round(Math.log10((5 * s.basePrice) / usdPrice)));
  const minNotional = formatUnits(pow10(8 + minNotionalExp), 8);
  const maxNotional = formatUnits(9n * pow10(8 + Math.min(10, minNotionalExp + 6)), 8);
  const filters: SymbolFilter[] = [
    {
      filterType: 'PRICE_FILTER',
      minPrice: units(s.tickExp),
      maxPrice: units(priceExpMax),
      tickSize: units(s.tickExp),
    },
    { filterType: 'LOT_SIZE', minQty: units(s.stepExp), maxQty, stepSize: units(s.stepExp) },
    { filterType: 'ICEBERG_PARTS', limit: exotic ? 50 : 10 },
    {
      filterType: 'MARKET_LOT_SIZE',
      minQty: '0.00000000',
      maxQty: formatUnits(pow10(8 + Math.max(s.stepExp, maxQtyExp - 2)), 8),
      stepSize: '0.00000000',
    },
    {
      filterType: 'TRAILING_DELTA',
      minTrailingAboveDelta: 10,
      maxTrailingAboveDelta: 2000,
      minTrailingBelowDelta: 10,
      maxTrailingBelowDelta: 2000,
    },
  ];
  if (newStyle) {
    filters.push(
      {
        filterType: 'PERCENT_PRICE_BY_SIDE',
        bidMultiplierUp: '5',
        bidMultiplierDown: '0.2',
        askMultiplierUp: '5',
        askMultiplierDown: '0.2',
        avgPriceMins: 5,
      },
      {
        filterType: 'NOTIONAL',
        minNotional,
        applyMinToMarket: true,
        maxNotional,
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
    );
  } else {
    filters.push(
      { filterType: 'PERCENT_PRICE', multiplierUp: '5', multiplierDown: '0.2', avgPriceMins: 5 },
      { filterType: 'MIN_NOTIONAL', minNotional, applyToMarket: true, avgPriceMins: 5 },
    );
  }
  filters.push({ filterType: 'MAX_NUM_ORDERS', maxNumOrders: exotic ? 25 : 200 });
  filters.push({ filterType: 'MAX_NUM_ORDER_LISTS', maxNumOrderLists: 20 });
  filters.push({ filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 });
  if (exotic) filters.push({ filterType: 'MAX_NUM_ICEBERG_ORDERS', maxNumIcebergOrders: 5 });
  if (exotic && rnd.next() < 0.5) {
    filters.push({ filterType: 'MAX_POSITION', maxPosition: formatUnits(pow10(8 + maxQtyExp - 1), 8) });
  }
  filters.push({ filterType: 'MAX_NUM_ORDER_AMENDS', maxNumOrderAmends: 10 });
  return filters;
}
