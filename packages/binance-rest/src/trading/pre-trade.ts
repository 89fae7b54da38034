// Pre-trade checks as the client runs them before a placement: the symbol's rules from the cached
// exchangeInfo, and what the filters compare with fetched only where a filter needs it — the
// reference (else average) price, the account's open orders and order lists, its position.

import { add, dec, formatDecimal, isZero, sub } from '../decimal.js';
import { account as accountEndpoint } from '../endpoints/account/account.js';
import type { AnyEndpoint } from '../endpoints/endpoint.js';
import type { SymbolInfo } from '../endpoints/market/general.js';
import { avgPrice, price as priceTicker, referencePrice } from '../endpoints/market/tickers.js';
import { openOrderLists } from '../endpoints/trading/order-lists.js';
import { openOrders } from '../endpoints/trading/orders.js';
import { ApiError, FilterError, ValidationError } from '../errors.js';
import type { ExchangeInfoCache } from '../helpers/exchange-info-cache.js';
import { isStopType } from '../schemas/order-params.js';
import type { Transport } from '../transport/transport.js';
import {
  type OpenOrderCounts,
  type OrderToValidate,
  validateAmendOrder,
  validateOrder,
  validateOrderList,
} from './validate-order.js';

/** Pre-trade validation settings of a client (`createRestClient({ validation })`). */
export interface ValidationSettings {
  /**
   * Fetch the symbol's reference price (else its average price) when a filter compares with it:
   * PERCENT_PRICE(_BY_SIDE) for priced orders, (MIN_)NOTIONAL for MARKET orders given a quantity.
   * Default true.
   */
  readonly marketPrice?: boolean;
  /**
   * Fetch the symbol's open orders (weight 6; open order lists too for a list) to check MAX_NUM_ORDERS,
   * MAX_NUM_ALGO_ORDERS, MAX_NUM_ICEBERG_ORDERS and MAX_NUM_ORDER_LISTS, and the balance (weight 20)
   * for MAX_POSITION where a symbol has it. Default true.
   */
  readonly openOrders?: boolean;
}

export type Params = Record<string, unknown>;
export type Kind = 'order' | 'orderList' | 'cancelReplace';

export interface Spec {
  readonly endpoint: AnyEndpoint;
  readonly kind: Kind;
  /** For order lists. */
  readonly contingency?: 'OCO' | 'OTO' | 'OTOCO';
}

export interface PreTrade {
  /** Every `FilterError` the order (or list) would get; `label` names the endpoint in messages. */
  problems(
    spec: Spec,
    parsed: Params,
    label: string,
    signal: AbortSignal | undefined,
  ): Promise<FilterError[]>;
  /**
   * Every rule an amendment breaks (amendAllowed, LOT_SIZE of newQty, and newQty below `origQty` when
   * given), from the cached exchangeInfo; nothing else is fetched.
   */
  amendProblems(
    parsed: Params,
    label: string,
    origQty: string | number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ValidationError[]>;
}

export function createPreTrade(
  transport: Transport,
  cache: ExchangeInfoCache,
  settings: Required<ValidationSettings>,
): PreTrade {
  // Symbols known to have no reference price: their filters use the average price.
  const noReferencePrice = new Set<string>();

  /** The price the percent-price and market notional filters use (Binance: reference, else average). */
  async function marketPrice(symbol: string, mins: number, signal: AbortSignal | undefined): Promise<string> {
    if (!noReferencePrice.has(symbol)) {
      try {
        const ref = await transport.request(referencePrice, { symbol }, { signal });
        if (ref.referencePrice !== null) return ref.referencePrice;
      } catch (error) {
        // -2043: no reference price (also a host that does not serve the endpoint).
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        noReferencePrice.add(symbol);
      }
    }
    if (mins === 0) return (await transport.request(priceTicker, { symbol }, { signal })).price;
    return (await transport.request(avgPrice, { symbol }, { signal })).price;
  }

  function legsOf(spec: Spec, parsed: Params): OrderToValidate[] {
    if (spec.kind !== 'orderList') return [parsed as unknown as OrderToValidate];
    const leg = (prefix: string, side: string, quantity: string): OrderToValidate => ({
      side: parsed[side] as string,
      type: parsed[`${prefix}Type`] as string,
      quantity: parsed[quantity] as string | undefined,
      price: parsed[`${prefix}Price`] as string | undefined,
      stopPrice: parsed[`${prefix}StopPrice`] as string | undefined,
      icebergQty: parsed[`${prefix}IcebergQty`] as string | undefined,
      trailingDelta: parsed[`${prefix}TrailingDelta`] as number | undefined,
    });
    if (spec.contingency === 'OCO')
      return [leg('above', 'side', 'quantity'), leg('below', 'side', 'quantity')];
    const working = leg('working', 'workingSide', 'workingQuantity');
    if (spec.contingency === 'OTO') return [working, leg('pending', 'pendingSide', 'pendingQuantity')];
    return [
      working,
      leg('pendingAbove', 'pendingSide', 'pendingQuantity'),
      leg('pendingBelow', 'pendingSide', 'pendingQuantity'),
    ];
  }

  /** The open orders (and order lists) and the position the count and position filters need. */
  async function accountState(
    info: SymbolInfo,
    spec: Spec,
    legs: readonly OrderToValidate[],
    signal: AbortSignal | undefined,
  ): Promise<{ openOrders?: OpenOrderCounts; position?: string }> {
    const has = (type: string) => info.filters.some((f) => f.filterType === type);
    const countFilters =
      has('MAX_NUM_ORDERS') ||
      (has('MAX_NUM_ALGO_ORDERS') && legs.some((l) => isStopType(l.type))) ||
      (has('MAX_NUM_ICEBERG_ORDERS') && legs.some((l) => l.icebergQty !== undefined)) ||
      (has('MAX_NUM_ORDER_LISTS') && spec.kind === 'orderList');
    const positionFilter =
      has('MAX_POSITION') && legs.some((l) => l.side === 'BUY' && l.quantity !== undefined);
    if (!settings.openOrders || (!countFilters && !positionFilter)) return {};
    const [orders, lists, account] = await Promise.all([
      transport.request(openOrders, { symbol: info.symbol }, { signal }),
      spec.kind === 'orderList' && has('MAX_NUM_ORDER_LISTS')
        ? transport.request(openOrderLists, {}, { signal })
        : Promise.resolve(undefined),
      positionFilter
        ? transport.request(accountEndpoint, { omitZeroBalances: true }, { signal })
        : Promise.resolve(undefined),
    ]);
    const counts: OpenOrderCounts = {
      orders: orders.length,
      algoOrders: orders.filter((o) => isStopType(o.type)).length,
      icebergOrders: orders.filter((o) => !isZero(dec(o.icebergQty))).length,
      orderLists: lists?.filter((l) => l.symbol === info.symbol && l.listOrderStatus !== 'ALL_DONE').length,
    };
    let position: string | undefined;
    if (account) {
      const balance = account.balances.find((b) => b.asset === info.baseAsset);
      let total = add(dec(balance?.free ?? '0'), dec(balance?.locked ?? '0'));
      for (const o of orders) {
        if (o.side === 'BUY') total = add(total, sub(dec(o.origQty), dec(o.executedQty)));
      }
      position = formatDecimal(total);
    }
    return { openOrders: counts, ...(position === undefined ? {} : { position }) };
  }

  async function symbolInfoOf(symbol: string, label: string, signal: AbortSignal | undefined) {
    const info = await cache.symbol(symbol, { signal });
    if (!info) {
      throw new ValidationError({
        endpoint: label,
        parameter: 'symbol',
        value: symbol,
        allowed: 'a symbol exchangeInfo lists',
      });
    }
    return info;
  }

  /** Every `FilterError` the order (or list) would get (what the rules need is fetched). */
  async function problems(
    spec: Spec,
    parsed: Params,
    label: string,
    signal: AbortSignal | undefined,
  ): Promise<FilterError[]> {
    const symbol = parsed.symbol as string;
    const info = await symbolInfoOf(symbol, label, signal);
    const legs = legsOf(spec, parsed);
    const percent = info.filters.find(
      (f) => f.filterType === 'PERCENT_PRICE' || f.filterType === 'PERCENT_PRICE_BY_SIDE',
    );
    const notional = info.filters.filter(
      (f) => f.filterType === 'NOTIONAL' || f.filterType === 'MIN_NOTIONAL',
    );
    const marketWithQuantity = legs.some(
      (l) =>
        l.quantity !== undefined &&
        (l.type === 'MARKET' || (isStopType(l.type) && l.price === undefined && l.stopPrice === undefined)),
    );
    const needsPrice =
      settings.marketPrice &&
      ((percent !== undefined && legs.some((l) => l.price !== undefined)) ||
        (marketWithQuantity &&
          notional.some((f) => {
            const flags = f as {
              applyToMarket?: unknown;
              applyMinToMarket?: unknown;
              applyMaxToMarket?: unknown;
            };
            return (
              flags.applyToMarket === true ||
              flags.applyMinToMarket === true ||
              flags.applyMaxToMarket === true
            );
          })));
    const source = (percent ?? notional[0]) as { avgPriceMins?: unknown } | undefined;
    const mins = typeof source?.avgPriceMins === 'number' ? source.avgPriceMins : 5;
    const [price, state] = await Promise.all([
      needsPrice ? marketPrice(info.symbol, mins, signal) : Promise.resolve(undefined),
      accountState(info, spec, legs, signal),
    ]);
    const validation = {
      endpoint: label,
      ...(price === undefined ? {} : { avgPrice: price }),
      ...state,
    };
    const errors =
      spec.kind === 'orderList'
        ? validateOrderList(info, spec.contingency ?? 'OCO', parsed, validation)
        : validateOrder(info, parsed as unknown as OrderToValidate, validation);
    if (spec.kind === 'cancelReplace' && info.cancelReplaceAllowed === false) {
      errors.unshift(
        new FilterError({
          filter: 'cancelReplaceAllowed',
          symbol,
          parameter: 'symbol',
          value: symbol,
          problem: 'takes no cancelReplace',
          rule: 'cancelReplaceAllowed is true',
          allowed: 'cancelReplaceAllowed is true',
          endpoint: label,
        }),
      );
    }
    return errors;
  }

  async function amendProblems(
    parsed: Params,
    label: string,
    origQty: string | number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ValidationError[]> {
    const info = await symbolInfoOf(parsed.symbol as string, label, signal);
    return validateAmendOrder(
      info,
      { newQty: parsed.newQty as string },
      {
        endpoint: label,
        ...(origQty === undefined ? {} : { origQty }),
      },
    );
  }

  return { problems, amendProblems };
}
