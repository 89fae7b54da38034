// Pre-trade validation: an order checked against its symbol's rules from `exchangeInfo` (status, order
// types and feature flags) and filters (filters.md), exactly and without floats, before it is sent.
// Every failure is a `FilterError` that names the filter, the parameter and its value, the rule, and
// the nearest values that pass. Pure: the caller supplies what the filters compare with beyond the
// order itself (the market price, open orders, the position); checks that need what is not supplied
// are left to the exchange.

import {
  add,
  cmp,
  dec,
  div,
  type FixedDecimal,
  formatDecimal,
  isMultiple,
  isZero,
  mul,
  parseDecimal,
  plainNumber,
  type RoundingMode,
  roundToStep,
  significantScale,
  sub,
} from '../decimal.js';
import type { SymbolInfo } from '../endpoints/market/general.js';
import { FilterError, ValidationError } from '../errors.js';
import type { SymbolFilter } from '../schemas/filters.js';
import {
  type DecimalInput,
  isStopType,
  legFieldNames,
  ORDER_FIELDS,
  type OrderFieldNames,
} from '../schemas/order-params.js';

/** The parts of an order the rules look at: a `newOrder` parameter object fits. */
export interface OrderToValidate {
  readonly side: 'BUY' | 'SELL' | (string & {});
  readonly type: string;
  readonly quantity?: DecimalInput | undefined;
  readonly quoteOrderQty?: DecimalInput | undefined;
  readonly price?: DecimalInput | undefined;
  readonly stopPrice?: DecimalInput | undefined;
  readonly trailingDelta?: number | undefined;
  readonly icebergQty?: DecimalInput | undefined;
  readonly timeInForce?: string | undefined;
  readonly selfTradePreventionMode?: string | undefined;
  readonly pegPriceType?: string | undefined;
}

/** Open orders of the account on the symbol, for the MAX_NUM_* filters. */
export interface OpenOrderCounts {
  /** All open orders (algo orders included). */
  readonly orders: number;
  /** Open STOP_LOSS(_LIMIT) and TAKE_PROFIT(_LIMIT) orders. */
  readonly algoOrders?: number;
  /** Open orders with an iceberg quantity. */
  readonly icebergOrders?: number;
  /** Open order lists. */
  readonly orderLists?: number;
}

export interface ValidateOrderOptions {
  /**
   * The price the percent-price and (for MARKET orders given a `quantity`) notional filters compare
   * with: the symbol's reference price when it has one, else its average price (`avgPrice`) — as
   * Binance does. Without it those checks are skipped.
   */
  readonly avgPrice?: DecimalInput;
  /** Open orders of the account on the symbol; without them the MAX_NUM_* filters are skipped. */
  readonly openOrders?: OpenOrderCounts;
  /**
   * The account's position in the base asset for MAX_POSITION: free + locked balance + the quantity of
   * its open BUY orders on the symbol. Without it MAX_POSITION is skipped.
   */
  readonly position?: DecimalInput;
  /** Prefixes messages with the endpoint, e.g. `POST /api/v3/order`. */
  readonly endpoint?: string;
}

/** What the order adds to the order-count filters (an order list adds several at once). */
interface Adds {
  readonly orders: number;
  readonly algo: number;
  readonly iceberg: number;
  readonly lists: number;
}

interface Context {
  readonly info: SymbolInfo;
  readonly n: OrderFieldNames;
  readonly options: ValidateOrderOptions;
  readonly adds: Adds;
  readonly errors: FilterError[];
}

type Leg = OrderToValidate;

const num = (value: DecimalInput | undefined): FixedDecimal | undefined => {
  if (value === undefined) return undefined;
  return parseDecimal(typeof value === 'number' ? plainNumber(value) : value) ?? undefined;
};
const field = (filter: SymbolFilter, key: string): FixedDecimal => {
  const value = (filter as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? dec(value) : dec('0');
};
/** Prints a value with no more decimals than it needs. */
const show = (value: FixedDecimal): string => formatDecimal(value);
/** Prints a value at the precision of a step (a tick or a lot step). */
const atStep = (value: FixedDecimal, step: FixedDecimal): string =>
  formatDecimal(value, Math.max(significantScale(step), 0));

function fail(
  c: Context,
  init: {
    filter: string;
    parameter: string;
    value: unknown;
    problem: string;
    rule: string;
    nearest?: readonly string[];
  },
): void {
  const nearest = init.nearest ?? [];
  c.errors.push(
    new FilterError({
      ...init,
      symbol: c.info.symbol,
      nearest,
      endpoint: c.options.endpoint,
      allowed: `${init.rule}${nearest.length > 0 ? `; nearest valid: ${nearest.join(' or ')}` : ''}`,
    }),
  );
}

/** The values of `step` multiples nearest to `value`, below and above, within [min, max]. */
function nearestSteps(
  value: FixedDecimal,
  step: FixedDecimal,
  min: FixedDecimal | undefined,
  max: FixedDecimal | undefined,
): string[] {
  const out: string[] = [];
  for (const mode of ['down', 'up'] as RoundingMode[]) {
    const v = roundToStep(value, step, mode);
    if (isZero(v) || (min && !isZero(min) && cmp(v, min) < 0) || (max && !isZero(max) && cmp(v, max) > 0)) {
      continue;
    }
    const text = atStep(v, step);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

function filterOf(info: SymbolInfo, type: string): SymbolFilter | undefined {
  return info.filters.find((f) => f.filterType === type);
}

/** The tick of the symbol's PRICE_FILTER (for rounding price bounds), if any. */
function tickOf(info: SymbolInfo): FixedDecimal | undefined {
  const f = filterOf(info, 'PRICE_FILTER');
  if (!f) return undefined;
  const tick = field(f, 'tickSize');
  return isZero(tick) ? undefined : tick;
}

function stepOf(info: SymbolInfo): FixedDecimal | undefined {
  const f = filterOf(info, 'LOT_SIZE');
  if (!f) return undefined;
  const step = field(f, 'stepSize');
  return isZero(step) ? undefined : step;
}

function checkSymbolRules(c: Context, o: Leg): void {
  const { info, n } = c;
  if (info.status !== undefined && info.status !== 'TRADING') {
    fail(c, {
      filter: 'status',
      parameter: 'symbol',
      value: info.symbol,
      problem: `takes no orders: its status is ${info.status}`,
      rule: 'the symbol is TRADING',
    });
  }
  if (info.isSpotTradingAllowed === false) {
    fail(c, {
      filter: 'isSpotTradingAllowed',
      parameter: 'symbol',
      value: info.symbol,
      problem: 'is not traded on Spot',
      rule: 'isSpotTradingAllowed is true',
    });
  }
  if (Array.isArray(info.orderTypes) && !info.orderTypes.includes(o.type)) {
    fail(c, {
      filter: 'orderTypes',
      parameter: n.type,
      value: o.type,
      problem: `is not one of the symbol's order types`,
      rule: `one of ${info.orderTypes.join(', ')}`,
    });
  }
  const flag = (
    present: boolean,
    name: keyof SymbolInfo,
    parameter: string,
    value: unknown,
    what: string,
  ) => {
    if (present && info[name] === false) {
      fail(c, {
        filter: name,
        parameter,
        value,
        problem: `is not allowed: the symbol does not take ${what}`,
        rule: `${name} is true`,
      });
    }
  };
  flag(o.icebergQty !== undefined, 'icebergAllowed', n.icebergQty, o.icebergQty, 'iceberg orders');
  if (n.quoteOrderQty) {
    flag(
      o.quoteOrderQty !== undefined,
      'quoteOrderQtyMarketAllowed',
      n.quoteOrderQty,
      o.quoteOrderQty,
      'MARKET orders by quote quantity',
    );
  }
  flag(
    o.trailingDelta !== undefined,
    'allowTrailingStop',
    n.trailingDelta,
    o.trailingDelta,
    'trailing stops',
  );
  flag(
    o.pegPriceType !== undefined,
    'pegInstructionsAllowed',
    n.pegPriceType,
    o.pegPriceType,
    'pegged orders',
  );
  const modes = info.allowedSelfTradePreventionModes;
  if (
    o.selfTradePreventionMode !== undefined &&
    modes !== undefined &&
    !modes.includes(o.selfTradePreventionMode)
  ) {
    fail(c, {
      filter: 'allowedSelfTradePreventionModes',
      parameter: 'selfTradePreventionMode',
      value: o.selfTradePreventionMode,
      problem: 'is not allowed on the symbol',
      rule: `one of ${modes.join(', ')}`,
    });
  }
}

function checkPrice(c: Context, f: SymbolFilter, parameter: string, value: FixedDecimal, raw: unknown): void {
  const min = field(f, 'minPrice');
  const max = field(f, 'maxPrice');
  const tick = field(f, 'tickSize');
  const rule = `minPrice ${show(min)} <= ${parameter} <= maxPrice ${show(max)}, a multiple of tickSize ${show(tick)} (a bound of 0 is not checked)`;
  if (!isZero(min) && cmp(value, min) < 0) {
    const up = isZero(tick) ? min : roundToStep(min, tick, 'up');
    fail(c, {
      filter: 'PRICE_FILTER',
      parameter,
      value: raw,
      problem: `is below minPrice ${show(min)}`,
      rule,
      nearest: [isZero(tick) ? show(up) : atStep(up, tick)],
    });
  } else if (!isZero(max) && cmp(value, max) > 0) {
    const down = isZero(tick) ? max : roundToStep(max, tick, 'down');
    fail(c, {
      filter: 'PRICE_FILTER',
      parameter,
      value: raw,
      problem: `is above maxPrice ${show(max)}`,
      rule,
      nearest: [isZero(tick) ? show(down) : atStep(down, tick)],
    });
  } else if (!isZero(tick) && !isMultiple(value, tick)) {
    fail(c, {
      filter: 'PRICE_FILTER',
      parameter,
      value: raw,
      problem: `is not a multiple of tickSize ${show(tick)}`,
      rule,
      nearest: nearestSteps(value, tick, min, max),
    });
  }
}

function checkPercent(c: Context, o: Leg, f: SymbolFilter, price: FixedDecimal | undefined): void {
  const avg = num(c.options.avgPrice);
  if (price === undefined || avg === undefined || isZero(avg)) return;
  const bySide = f.filterType === 'PERCENT_PRICE_BY_SIDE';
  const buy = o.side === 'BUY';
  const upName = bySide ? (buy ? 'bidMultiplierUp' : 'askMultiplierUp') : 'multiplierUp';
  const downName = bySide ? (buy ? 'bidMultiplierDown' : 'askMultiplierDown') : 'multiplierDown';
  const up = field(f, upName);
  const down = field(f, downName);
  const high = mul(avg, up);
  const low = mul(avg, down);
  const tick = tickOf(c.info);
  const rule = `${show(down)} × avgPrice <= price <= ${show(up)} × avgPrice (${downName}, ${upName}${bySide ? ` for a ${o.side}` : ''}; avgPrice ${show(avg)})`;
  const bound = (value: FixedDecimal, mode: RoundingMode) =>
    tick ? atStep(roundToStep(value, tick, mode), tick) : show(value);
  if (cmp(price, high) > 0) {
    fail(c, {
      filter: f.filterType,
      parameter: c.n.price,
      value: o.price,
      problem: `is above ${show(up)} × the average price ${show(avg)} (${show(high)})`,
      rule,
      nearest: [bound(high, 'down')],
    });
  } else if (cmp(price, low) < 0) {
    fail(c, {
      filter: f.filterType,
      parameter: c.n.price,
      value: o.price,
      problem: `is below ${show(down)} × the average price ${show(avg)} (${show(low)})`,
      rule,
      nearest: [bound(low, 'up')],
    });
  }
}

function checkLot(c: Context, f: SymbolFilter, parameter: string, value: FixedDecimal, raw: unknown): void {
  const min = field(f, 'minQty');
  const max = field(f, 'maxQty');
  const step = field(f, 'stepSize');
  const rule = `minQty ${show(min)} <= ${parameter} <= maxQty ${show(max)}, a multiple of stepSize ${show(step)}`;
  const at = (v: FixedDecimal) => (isZero(step) ? show(v) : atStep(v, step));
  if (cmp(value, min) < 0) {
    fail(c, {
      filter: f.filterType,
      parameter,
      value: raw,
      problem: `is below minQty ${show(min)}`,
      rule,
      nearest: isZero(min) ? [] : [at(isZero(step) ? min : roundToStep(min, step, 'up'))],
    });
  } else if (!isZero(max) && cmp(value, max) > 0) {
    fail(c, {
      filter: f.filterType,
      parameter,
      value: raw,
      problem: `is above maxQty ${show(max)}`,
      rule,
      nearest: [at(isZero(step) ? max : roundToStep(max, step, 'down'))],
    });
  } else if (!isZero(step) && !isMultiple(value, step)) {
    fail(c, {
      filter: f.filterType,
      parameter,
      value: raw,
      problem: `is not a multiple of stepSize ${show(step)}`,
      rule,
      nearest: nearestSteps(value, step, min, max),
    });
  }
}

/** A MARKET order, or a stop without a stop price (a trailing stop): it trades at the market. */
function marketLike(o: Leg): boolean {
  return o.type === 'MARKET' || (o.price === undefined && o.stopPrice === undefined && isStopType(o.type));
}

function checkNotional(c: Context, o: Leg, f: SymbolFilter): void {
  const isMin = f.filterType === 'MIN_NOTIONAL';
  const market = marketLike(o);
  const flags = f as { applyToMarket?: unknown; applyMinToMarket?: unknown; applyMaxToMarket?: unknown };
  const applyMin = !market || (isMin ? flags.applyToMarket === true : flags.applyMinToMarket === true);
  const applyMax = !isMin && (!market || flags.applyMaxToMarket === true);
  if (!applyMin && !applyMax) return;
  const n = c.n;
  const quote = num(o.quoteOrderQty);
  const qty = num(o.quantity);
  let notional: FixedDecimal;
  let price: FixedDecimal | undefined;
  if (quote !== undefined) notional = quote;
  else {
    price = num(o.price) ?? num(o.stopPrice) ?? (market ? num(c.options.avgPrice) : undefined);
    if (price === undefined || qty === undefined || isZero(price)) return;
    notional = mul(price, qty);
  }
  const min = field(f, 'minNotional');
  const max = isMin ? undefined : field(f, 'maxNotional');
  const step = stepOf(c.info);
  const priceNote = price === undefined ? '' : ` at ${market ? 'the average price' : 'price'} ${show(price)}`;
  const rule = isMin
    ? `price × quantity >= minNotional ${show(min)}`
    : `minNotional ${show(min)} <= price × quantity <= maxNotional ${show(max as FixedDecimal)}`;
  const qtyFor = (target: FixedDecimal, mode: RoundingMode): string[] => {
    if (price === undefined) return [show(target)];
    const scale = step ? Math.max(significantScale(step), 0) : 8;
    const raw = div(target, price, scale, mode);
    const q = step ? roundToStep(raw, step, mode) : raw;
    return isZero(q) ? [] : [step ? atStep(q, step) : show(q)];
  };
  const parameter = quote !== undefined ? (n.quoteOrderQty ?? 'quoteOrderQty') : n.quantity;
  const value = quote !== undefined ? o.quoteOrderQty : o.quantity;
  if (applyMin && cmp(notional, min) < 0) {
    fail(c, {
      filter: f.filterType,
      parameter,
      value,
      problem: `makes a notional of ${show(notional)}${priceNote}, below minNotional ${show(min)}`,
      rule,
      nearest: qtyFor(min, 'up'),
    });
  } else if (applyMax && max !== undefined && !isZero(max) && cmp(notional, max) > 0) {
    fail(c, {
      filter: f.filterType,
      parameter,
      value,
      problem: `makes a notional of ${show(notional)}${priceNote}, above maxNotional ${show(max)}`,
      rule,
      nearest: qtyFor(max, 'down'),
    });
  }
}

function checkIcebergParts(c: Context, o: Leg, f: SymbolFilter): void {
  const iceberg = num(o.icebergQty);
  const qty = num(o.quantity);
  if (iceberg === undefined || qty === undefined || isZero(iceberg)) return;
  const limit = Number((f as { limit?: unknown }).limit);
  const parts = div(qty, iceberg, 0, 'up').units;
  if (parts <= BigInt(limit)) return;
  const step = stepOf(c.info);
  const smallest = div(qty, dec(limit), step ? Math.max(significantScale(step), 0) : 8, 'up');
  const rounded = step ? roundToStep(smallest, step, 'up') : smallest;
  fail(c, {
    filter: 'ICEBERG_PARTS',
    parameter: c.n.icebergQty,
    value: o.icebergQty,
    problem: `splits the quantity ${show(qty)} into ${parts} parts, more than the limit of ${limit}`,
    rule: `ceil(quantity / icebergQty) <= ${limit}`,
    nearest: [step ? atStep(rounded, step) : show(rounded)],
  });
}

function checkTrailingDelta(c: Context, o: Leg, f: SymbolFilter): void {
  if (o.trailingDelta === undefined) return;
  const above =
    (o.side === 'BUY' && (o.type === 'STOP_LOSS' || o.type === 'STOP_LOSS_LIMIT')) ||
    (o.side === 'SELL' && (o.type === 'TAKE_PROFIT' || o.type === 'TAKE_PROFIT_LIMIT'));
  const minName = above ? 'minTrailingAboveDelta' : 'minTrailingBelowDelta';
  const maxName = above ? 'maxTrailingAboveDelta' : 'maxTrailingBelowDelta';
  const min = Number((f as Record<string, unknown>)[minName]);
  const max = Number((f as Record<string, unknown>)[maxName]);
  const rule = `${minName} ${min} <= trailingDelta <= ${maxName} ${max} for a ${o.type} ${o.side}`;
  if (o.trailingDelta < min) {
    fail(c, {
      filter: 'TRAILING_DELTA',
      parameter: c.n.trailingDelta,
      value: o.trailingDelta,
      problem: `is below ${minName} ${min}`,
      rule,
      nearest: [String(min)],
    });
  } else if (o.trailingDelta > max) {
    fail(c, {
      filter: 'TRAILING_DELTA',
      parameter: c.n.trailingDelta,
      value: o.trailingDelta,
      problem: `is above ${maxName} ${max}`,
      rule,
      nearest: [String(max)],
    });
  }
}

function checkCount(
  c: Context,
  filter: string,
  field: string,
  have: number | undefined,
  adds: number,
  what: string,
  f: SymbolFilter,
): void {
  if (have === undefined || adds === 0) return;
  const max = Number((f as Record<string, unknown>)[field]);
  if (have + adds <= max) return;
  fail(c, {
    filter,
    parameter: 'symbol',
    value: c.info.symbol,
    problem: `already has ${have} open ${what}; ${filter} allows ${max} (this request adds ${adds})`,
    rule: `open ${what} + new ones <= ${field} ${max}`,
  });
}

function checkPosition(c: Context, o: Leg, f: SymbolFilter): void {
  const position = num(c.options.position);
  const qty = num(o.quantity);
  if (o.side !== 'BUY' || position === undefined || qty === undefined) return;
  const max = field(f, 'maxPosition');
  const after = add(position, qty);
  if (cmp(after, max) <= 0) return;
  const room = sub(max, position);
  const step = stepOf(c.info);
  const nearest = cmp(room, dec('0')) > 0 ? (step ? roundToStep(room, step, 'down') : room) : undefined;
  fail(c, {
    filter: 'MAX_POSITION',
    parameter: c.n.quantity,
    value: o.quantity,
    problem: `would take the position in ${c.info.baseAsset} to ${show(after)}, above maxPosition ${show(max)}`,
    rule: `position (free + locked + open BUY orders) + quantity <= maxPosition ${show(max)}`,
    nearest: nearest && !isZero(nearest) ? [step ? atStep(nearest, step) : show(nearest)] : [],
  });
}

function checkLeg(c: Context, o: Leg): void {
  checkSymbolRules(c, o);
  const market = o.type === 'MARKET';
  const price = num(o.price);
  const stop = num(o.stopPrice);
  const qty = num(o.quantity);
  const iceberg = num(o.icebergQty);
  const open = c.options.openOrders;
  for (const f of c.info.filters) {
    switch (f.filterType) {
      case 'PRICE_FILTER':
        if (price) checkPrice(c, f, c.n.price, price, o.price);
        if (stop) checkPrice(c, f, c.n.stopPrice, stop, o.stopPrice);
        break;
      case 'PERCENT_PRICE':
      case 'PERCENT_PRICE_BY_SIDE':
        checkPercent(c, o, f, price);
        break;
      case 'LOT_SIZE':
        if (qty) checkLot(c, f, c.n.quantity, qty, o.quantity);
        if (iceberg) checkLot(c, f, c.n.icebergQty, iceberg, o.icebergQty);
        break;
      case 'MARKET_LOT_SIZE':
        if (market && qty) checkLot(c, f, c.n.quantity, qty, o.quantity);
        break;
      case 'MIN_NOTIONAL':
      case 'NOTIONAL':
        checkNotional(c, o, f);
        break;
      case 'ICEBERG_PARTS':
        checkIcebergParts(c, o, f);
        break;
      case 'TRAILING_DELTA':
        checkTrailingDelta(c, o, f);
        break;
      case 'MAX_POSITION':
        checkPosition(c, o, f);
        break;
      case 'MAX_NUM_ORDERS':
        checkCount(c, 'MAX_NUM_ORDERS', 'maxNumOrders', open?.orders, c.adds.orders, 'orders', f);
        break;
      case 'MAX_NUM_ALGO_ORDERS':
        checkCount(
          c,
          'MAX_NUM_ALGO_ORDERS',
          'maxNumAlgoOrders',
          open?.algoOrders,
          c.adds.algo,
          'stop orders',
          f,
        );
        break;
      case 'MAX_NUM_ICEBERG_ORDERS':
        checkCount(
          c,
          'MAX_NUM_ICEBERG_ORDERS',
          'maxNumIcebergOrders',
          open?.icebergOrders,
          c.adds.iceberg,
          'iceberg orders',
          f,
        );
        break;
      case 'MAX_NUM_ORDER_LISTS':
        checkCount(
          c,
          'MAX_NUM_ORDER_LISTS',
          'maxNumOrderLists',
          open?.orderLists,
          c.adds.lists,
          'order lists',
          f,
        );
        break;
      default:
        // MAX_NUM_ORDER_AMENDS applies to amendments; unknown filters are the exchange's to check.
        break;
    }
  }
}

function addsOf(legs: readonly Leg[], lists: number): Adds {
  return {
    orders: legs.length,
    algo: legs.filter((l) => isStopType(l.type)).length,
    iceberg: legs.filter((l) => l.icebergQty !== undefined).length,
    lists,
  };
}

/** Errors of a list of legs, each under its own parameter names, the count filters checked once. */
function validateLegs(
  info: SymbolInfo,
  legs: readonly { order: Leg; names: OrderFieldNames }[],
  options: ValidateOrderOptions,
  lists: number,
): FilterError[] {
  if (typeof info !== 'object' || info === null || !Array.isArray(info.filters)) {
    throw new ValidationError({
      parameter: 'symbolInfo',
      value: info,
      allowed: "a symbol's entry of exchangeInfo (client.exchangeInfoCache.symbol('BTCUSDT'))",
    });
  }
  const errors: FilterError[] = [];
  const adds = addsOf(
    legs.map((l) => l.order),
    lists,
  );
  const seen = new Set<string>();
  for (const { order, names } of legs) {
    checkLeg({ info, n: names, options, adds, errors }, order);
  }
  // Symbol-wide failures (status, open-order counts) come once, not once per leg.
  return errors.filter((e) => {
    if (e.parameter !== 'symbol') return true;
    if (seen.has(e.filter)) return false;
    seen.add(e.filter);
    return true;
  });
}

/**
 * Checks an order against its symbol's rules and filters, as Binance would before placing it; returns
 * every failure (empty when the order passes), each a `FilterError` naming the filter, the parameter,
 * the rule and the nearest valid values. Pure and synchronous: `symbolInfo` is the symbol's entry of
 * `exchangeInfo` (`client.exchangeInfoCache.symbol('BTCUSDT')`).
 *
 * ```ts
 * const [problem] = validateOrder(btc, { side: 'BUY', type: 'LIMIT', price: '97000.123', quantity: '0.001' });
 * problem?.message; // Filter failure: PRICE_FILTER of BTCUSDT: price "97000.123" is not a multiple of tickSize 0.01; …
 * ```
 */
export function validateOrder(
  symbolInfo: SymbolInfo,
  order: OrderToValidate,
  options: ValidateOrderOptions = {},
): FilterError[] {
  return validateLegs(symbolInfo, [{ order, names: ORDER_FIELDS }], options, 0);
}

/** An order list's parameters, as `newOrderListOco` / `newOrderListOto` / `newOrderListOtoco` take them. */
export type OrderListToValidate = Readonly<Record<string, unknown>>;

function legOf(params: OrderListToValidate, names: OrderFieldNames): Leg {
  const get = <T>(name: string | undefined) =>
    name === undefined ? undefined : (params[name] as T | undefined);
  return {
    side: get<string>(names.side) ?? '',
    type: get<string>(names.type) ?? '',
    quantity: get<DecimalInput>(names.quantity),
    price: get<DecimalInput>(names.price),
    stopPrice: get<DecimalInput>(names.stopPrice),
    trailingDelta: get<number>(names.trailingDelta),
    icebergQty: get<DecimalInput>(names.icebergQty),
    timeInForce: get<string>(names.timeInForce),
    selfTradePreventionMode: params.selfTradePreventionMode as string | undefined,
    pegPriceType: get<string>(names.pegPriceType),
  };
}

/**
 * Like `validateOrder`, for an order list: every leg under its own parameter names (`abovePrice`,
 * `workingQuantity`, …), the list's feature flag (`ocoAllowed`, `otoAllowed`), and the count filters
 * with all the list's orders at once (2 for OCO and OTO, 3 for OTOCO) and MAX_NUM_ORDER_LISTS.
 */
export function validateOrderList(
  symbolInfo: SymbolInfo,
  contingency: 'OCO' | 'OTO' | 'OTOCO',
  params: OrderListToValidate,
  options: ValidateOrderOptions = {},
): FilterError[] {
  const ocoShared = { side: 'side', quantity: 'quantity' };
  const pendingShared = { side: 'pendingSide', quantity: 'pendingQuantity' };
  const names: OrderFieldNames[] =
    contingency === 'OCO'
      ? [legFieldNames('above', ocoShared), legFieldNames('below', ocoShared)]
      : contingency === 'OTO'
        ? [legFieldNames('working'), legFieldNames('pending')]
        : [
            legFieldNames('working'),
            legFieldNames('pendingAbove', pendingShared),
            legFieldNames('pendingBelow', pendingShared),
          ];
  const legs = names.map((n) => ({ order: legOf(params, n), names: n }));
  const errors = validateLegs(symbolInfo, legs, options, 1);
  const flags: Array<keyof SymbolInfo> =
    contingency === 'OCO'
      ? ['ocoAllowed']
      : contingency === 'OTO'
        ? ['otoAllowed']
        : ['otoAllowed', 'ocoAllowed'];
  for (const flag of flags) {
    if (symbolInfo[flag] === false) {
      errors.unshift(
        new FilterError({
          filter: flag,
          symbol: symbolInfo.symbol,
          parameter: 'symbol',
          value: symbolInfo.symbol,
          problem: `takes no ${contingency} lists`,
          rule: `${flag} is true`,
          allowed: `${flag} is true`,
          endpoint: options.endpoint,
        }),
      );
    }
  }
  return errors;
}

/** The parts of an amendment the rules look at: an `amendOrder` parameter object fits. */
export interface AmendToValidate {
  readonly newQty: DecimalInput;
}

export interface ValidateAmendOptions {
  /**
   * The order's quantity now (`origQty` of `getOrder`): `newQty` must be below it, as Binance
   * documents ("must be > 0 and < the order's quantity"). Without it that check is left to Binance.
   */
  readonly origQty?: DecimalInput;
  /** Prefixes messages with the endpoint, e.g. `PUT /api/v3/order/amend/keepPriority`. */
  readonly endpoint?: string;
}

/**
 * Checks an amendment (amend keep-priority: lower an open order's quantity) before it is sent: the
 * symbol must allow amendments (`amendAllowed`), `newQty` must pass LOT_SIZE (at least minQty, at
 * most maxQty, a multiple of stepSize) and, when the order's quantity is given, be below it (an
 * amendment only lowers). Returns every failure (empty when it passes): `FilterError`s for the
 * symbol's rules, a `ValidationError` naming `newQty` for the quantity rule.
 *
 * ```ts
 * const [problem] = validateAmendOrder(btc, { newQty: '0.0015' }, { origQty: order.origQty });
 * ```
 */
export function validateAmendOrder(
  symbolInfo: SymbolInfo,
  amend: AmendToValidate,
  options: ValidateAmendOptions = {},
): ValidationError[] {
  if (typeof symbolInfo !== 'object' || symbolInfo === null || !Array.isArray(symbolInfo.filters)) {
    throw new ValidationError({
      parameter: 'symbolInfo',
      value: symbolInfo,
      allowed: "a symbol's entry of exchangeInfo (client.exchangeInfoCache.symbol('BTCUSDT'))",
    });
  }
  const { endpoint } = options;
  const qty = num(amend?.newQty);
  if (qty === undefined || cmp(qty, dec('0')) <= 0) {
    return [
      new ValidationError({
        parameter: 'newQty',
        value: amend?.newQty,
        allowed: "a positive decimal below the order's quantity",
        endpoint,
      }),
    ];
  }
  const errors: FilterError[] = [];
  const c: Context = {
    info: symbolInfo,
    n: ORDER_FIELDS,
    options: { endpoint },
    adds: { orders: 0, algo: 0, iceberg: 0, lists: 0 },
    errors,
  };
  if (symbolInfo.amendAllowed === false) {
    fail(c, {
      filter: 'amendAllowed',
      parameter: 'symbol',
      value: symbolInfo.symbol,
      problem: 'takes no amendments (amend keep-priority)',
      rule: 'amendAllowed is true',
    });
  }
  const lot = filterOf(symbolInfo, 'LOT_SIZE');
  if (lot) checkLot(c, lot, 'newQty', qty, amend.newQty);
  const out: ValidationError[] = [...errors];
  const orig = num(options.origQty);
  if (orig !== undefined && cmp(qty, orig) >= 0) {
    out.push(
      new ValidationError({
        parameter: 'newQty',
        value: amend.newQty,
        allowed: `less than the order's quantity ${show(orig)} (an amendment only lowers it; to raise it, replace the order)`,
        endpoint,
      }),
    );
  }
  return out;
}
