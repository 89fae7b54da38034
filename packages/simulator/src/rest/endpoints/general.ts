// ping, time, exchangeInfo.

import { EXCHANGE_FILTERS, rateLimits, sors } from '../../market/exchange-info.js';
import type { SymbolMarket } from '../../market/market.js';
import type { SymbolSpec } from '../../market/symbols.js';
import { lookup, RawJson, type RestContext, type Route, symbolCount, symbolStatus } from '../context.js';
import { errors } from '../errors.js';

export const ping: Route = {
  weight: () => 1,
  handle: () => ({}),
};

export const time: Route = {
  weight: () => 1,
  handle: (ctx) => ({ serverTime: ctx.time(ctx.now) }),
};

const PERMISSIONS = /^(SPOT|MARGIN|LEVERAGED|TRD_GRP_\d{3})$/;

function permissionsParam(ctx: RestContext): string[] | undefined {
  const raw = ctx.params.string('permissions');
  if (raw === undefined) return undefined;
  let list: unknown = raw;
  if (raw.startsWith('[')) {
    try {
      list = JSON.parse(raw);
    } catch {
      throw errors.invalidJson('permissions');
    }
  }
  const values = Array.isArray(list) ? list : [list];
  if (values.length === 0 || values.some((v) => typeof v !== 'string' || !PERMISSIONS.test(v))) {
    throw errors.invalidParam('permissions');
  }
  return values as string[];
}

export const exchangeInfo: Route = {
  weight: () => 20,
  handle: (ctx) => {
    const p = ctx.params;
    const symbol = p.symbol('symbol');
    const symbols = p.symbolList('symbols');
    const permissions = permissionsParam(ctx);
    const status = symbolStatus(p);
    const showPermissionSets = p.boolean('showPermissionSets') ?? true;
    if (symbol !== undefined && symbols !== undefined) throw errors.badCombination();
    const named = symbol !== undefined || symbols !== undefined;
    if (named && permissions !== undefined) throw errors.notRequired('permissions');
    if (named && status !== undefined) throw errors.notRequired('symbolStatus');

    let listed: readonly SymbolMarket[];
    if (symbol !== undefined) listed = [lookup(ctx, symbol)];
    else if (symbols !== undefined) listed = symbols.map((s) => lookup(ctx, s));
    else {
      listed = ctx.market.symbols;
      if (status !== undefined) listed = listed.filter((s) => s.spec.status === status);
      if (permissions !== undefined) {
        listed = listed.filter((s) =>
          s.spec.permissionSets.some((set) => set.some((perm) => permissions.includes(perm))),
        );
      }
    }
    const entries = listed.map((s) => ctx.exchangeInfo.entry(s, showPermissionSets)).join(',');
    const head = {
      timezone: 'UTC',
      serverTime: ctx.time(ctx.now),
      rateLimits: rateLimits(ctx.weightLimit, ctx.orderLimits),
      exchangeFilters: EXCHANGE_FILTERS,
    };
    const tail = JSON.stringify(sors(ctx.market.symbols.map((s) => s.spec)));
    return new RawJson(`${JSON.stringify(head).slice(0, -1)},"symbols":[${entries}],"sors":${tail}}`);
  },
};

/** PRICE_RANGE rules exist for the symbols that have a reference price (they are relative to it). */
function rulesOf(spec: SymbolSpec) {
  if (!spec.hasReferencePrice) return [];
  return [
    {
      ruleType: 'PRICE_RANGE',
      bidLimitMultUp: '1.0500',
      bidLimitMultDown: '0.9500',
      askLimitMultUp: '1.0500',
      askLimitMultDown: '0.9500',
    },
  ];
}

export const executionRules: Route = {
  weight: (params) => {
    if (params.peek('symbol')) return 2;
    const n = symbolCount(params);
    return n > 0 ? Math.min(40, 2 * n) : 40;
  },
  handle: (ctx) => {
    const p = ctx.params;
    const given = ['symbol', 'symbols', 'symbolStatus'].filter((name) => p.has(name));
    if (given.length > 1) throw errors.badCombination();
    const symbol = p.symbol('symbol');
    const symbols = p.symbolList('symbols');
    const status = symbolStatus(p);
    let specs: SymbolSpec[];
    if (symbol !== undefined) specs = [lookup(ctx, symbol).spec];
    else if (symbols !== undefined) specs = symbols.map((s) => lookup(ctx, s).spec);
    else {
      specs = ctx.market.symbols.map((s) => s.spec).filter((s) => s.hasReferencePrice);
      if (status !== undefined) specs = specs.filter((s) => s.status === status);
    }
    return { symbolRules: specs.map((s) => ({ symbol: s.symbol, rules: rulesOf(s) })) };
  },
};
