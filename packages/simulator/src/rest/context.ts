import type { Account } from '../accounts/account.js';
import type { Security } from '../auth/authenticate.js';
import type { OrderRateLimits } from '../limits/order-count.js';
import type { ExchangeInfoCache } from '../market/exchange-info.js';
import type { Market, SymbolMarket } from '../market/market.js';
import type { SymbolStatus } from '../market/symbols.js';
import type { TradingEngine } from '../trading/engine.js';
import { errors } from './errors.js';
import type { Params } from './params.js';

/** What an endpoint handler sees. */
export interface RestContext {
  readonly params: Params;
  readonly market: Market;
  /** Server time (ms) when the request arrived. */
  readonly now: number;
  /** Converts a ms timestamp to the requested time unit (ms, or µs with X-MBX-TIME-UNIT). */
  readonly time: (ms: number) => number;
  /** Like `time`, for the last instant of a period ending before `nextMs` (µs: …999999). */
  readonly endTime: (nextMs: number) => number;
  readonly exchangeInfo: ExchangeInfoCache;
  readonly weightLimit: number;
  readonly orderLimits: OrderRateLimits;
  /** The authenticated account (signed endpoints only). */
  readonly account: Account | null;
  readonly trading: TradingEngine;
  /** A handler sets this when a request that is free on success must still be charged (see `Route`). */
  charge: boolean;
}

/** The account of a signed request. */
export function accountOf(ctx: RestContext): Account {
  if (!ctx.account) throw new Error('accountOf: the route is not signed');
  return ctx.account;
}

/** A body that is already serialised JSON. */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface Route {
  /** Weight of the request; computed from raw parameters and never throws. */
  weight: (params: Params) => number;
  /** Signed endpoints: `X-MBX-APIKEY`, `timestamp`, `signature` (USER_DATA or TRADE). */
  security?: Security;
  /**
   * Since 2026-04-02 order placement and cancel requests weigh 0 when they succeed (failures pay the
   * documented weight); a handler can still ask to be charged with `ctx.charge = true`.
   */
  freeOnSuccess?: boolean;
  /** Places orders: answers carry X-MBX-ORDER-COUNT-*; order placement faults apply. */
  placesOrders?: boolean;
  handle: (ctx: RestContext) => unknown;
}

export function lookup(ctx: RestContext, symbol: string): SymbolMarket {
  const sm = ctx.market.get(symbol);
  if (!sm) throw errors.badSymbol();
  return sm;
}

const STATUSES: readonly SymbolStatus[] = ['TRADING', 'HALT', 'BREAK'];

/** The optional `symbolStatus` filter (-1122 when not a known status). */
export function symbolStatus(params: Params): SymbolStatus | undefined {
  const v = params.string('symbolStatus');
  if (v === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(v)) throw errors.badSymbolStatus();
  return v as SymbolStatus;
}

/**
 * Resolves `symbol` / `symbols` / neither. `required` makes one of them mandatory; `max` caps the list.
 * With a single symbol a status mismatch is -1220; lists just leave non-matching symbols out.
 */
export function selectSymbols(
  ctx: RestContext,
  options: { required: boolean; max?: number },
): { single: boolean; list: SymbolMarket[] } {
  const p = ctx.params;
  const symbol = p.symbol('symbol');
  const symbols = p.symbolList('symbols');
  const status = symbolStatus(p);
  if (symbol !== undefined && symbols !== undefined) throw errors.badCombination();
  if (symbol !== undefined) {
    const sm = lookup(ctx, symbol);
    if (status !== undefined && sm.spec.status !== status) throw errors.statusMismatch();
    return { single: true, list: [sm] };
  }
  if (symbols !== undefined) {
    if (options.max !== undefined && symbols.length > options.max)
      throw errors.tooManyValues('symbols', options.max);
    const list = symbols.map((s) => lookup(ctx, s));
    return { single: false, list: status ? list.filter((s) => s.spec.status === status) : list };
  }
  if (options.required) throw errors.eitherMandatory('symbol', 'symbols');
  const all = ctx.market.symbols;
  return { single: false, list: status ? all.filter((s) => s.spec.status === status) : [...all] };
}

/** Number of symbols a request names, for weights (0 = all symbols). */
export function symbolCount(params: Params): number {
  if (params.peek('symbol')) return 1;
  const raw = params.peek('symbols');
  if (!raw) return 0;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? Math.max(1, parsed.length) : 1;
  } catch {
    return 1;
  }
}
