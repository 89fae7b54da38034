// The six account tools and binance://account, called by the official MCP client on a server over the
// simulator's demo account (the clock held still): every figure is checked against the simulator's own
// state (balances, orders, fills), pages are followed to the end, and errors keep Binance's code.

import { generateKeyPairSync } from 'node:crypto';
import { addDecimals, type RestClient, roundPrice } from '@binance-mcp/rest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Connected,
  connectModern,
  manualClock,
  type SimContext,
  simContext,
  textOf,
} from './helpers.js';

let s: SimContext;
let c: Connected;
let rest: RestClient;
let apiKey: string;
const clock = manualClock();

beforeAll(async () => {
  s = await simContext({}, { clock });
  c = await connectModern(s.context);
  rest = s.context.rest;
  apiKey = s.context.signer?.apiKey as string;
});
afterAll(async () => {
  await c?.close();
  await s?.close();
});

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: unknown };
// biome-ignore lint/suspicious/noExplicitAny: results are checked field by field against the simulator
type Data = Record<string, any>;

async function call(name: string, args: Record<string, unknown> = {}): Promise<Result> {
  return (await c.client.callTool({ name, arguments: args })) as Result;
}

async function ok(name: string, args: Record<string, unknown> = {}): Promise<Data> {
  const result = await call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  expect(result.structuredContent?.environment).toBe('simulator');
  expect(textOf(result).startsWith('[simulator] ')).toBe(true);
  return result.structuredContent as Data;
}

async function failure(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(name, args);
  expect(result.isError, `${name} ${JSON.stringify(args)} should fail`).toBe(true);
  return textOf(result);
}

async function bidBelow(symbol: string, factor: number): Promise<string> {
  const info = await rest.exchangeInfoCache.symbol(symbol);
  const bid = Number(s.sim.orderBook(symbol, 1).bids[0]?.[0]);
  return roundPrice(info as never, bid * factor, 'down');
}

const placed: { symbol: string; orderId: number | bigint; clientOrderId: string }[] = [];

async function restingBuy(symbol: string, quantity: string, factor = 0.9) {
  const order = await rest.newOrder({
    symbol,
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity,
    price: await bidBelow(symbol, factor),
    newOrderRespType: 'RESULT',
  });
  placed.push(order);
  return order;
}

describe('get_account', () => {
  test('the demo balances exactly, then what an open order locks', async () => {
    const d = await ok('get_account');
    const sim = s.sim.balances(apiKey);
    expect(d.balances).toEqual(
      Object.entries(sim)
        .filter(([, b]) => Number(b.free) + Number(b.locked) > 0)
        .map(([asset, b]) => ({
          asset,
          free: b.free,
          locked: b.locked,
          total: addDecimals(b.free, b.locked),
        })),
    );
    expect(d.balances.map((b: Data) => b.asset).sort()).toEqual(['BNB', 'BTC', 'ETH', 'USDT']);
    expect(d).toMatchObject({
      accountType: 'SPOT',
      canTrade: true,
      permissions: ['SPOT'],
      commission: { maker: '0.00100000', taker: '0.00100000' },
      balanceCount: 4,
    });

    const order = await restingBuy('BTCUSDT', '0.001');
    const locked = (await ok('get_account', { assets: ['usdt'] })).balances;
    const after = s.sim.balances(apiKey).USDT;
    expect(locked).toEqual([
      {
        asset: 'USDT',
        free: after?.free,
        locked: after?.locked,
        total: addDecimals(after?.free ?? '', after?.locked ?? ''),
      },
    ]);
    expect(Number(after?.locked)).toBeCloseTo(Number(order.price) * 0.001, 8);
    expect(textOf(await call('get_account'))).toMatch(/USDT 10000 \(locked \d/);
  });

  test('include: rate limits (the unfilled order count) and the account filters of a symbol', async () => {
    const d = await ok('get_account', { include: ['rateLimits', 'filters'], symbol: 'BTCUSDT', limit: 1 });
    expect(d.balances).toHaveLength(1);
    expect(d.truncated).toBe(true);
    const limits = await rest.orderRateLimit();
    expect(d.rateLimits).toEqual(
      limits.map((r) => ({
        interval: r.interval,
        intervalNum: r.intervalNum,
        limit: r.limit,
        count: r.count,
      })),
    );
    expect(d.rateLimits.some((r: Data) => r.count >= 1)).toBe(true);
    expect(d.filters.symbol).toBe('BTCUSDT');
    expect(d.filters.symbolFilters.map((f: Data) => f.filterType)).toContain('MAX_NUM_ORDERS');
    expect(await failure('get_account', { include: ['filters'] })).toMatch(
      /Invalid arguments for get_account: 'symbol' is missing; allowed: a symbol such as "BTCUSDT" when include has "filters"/,
    );
  });

  test('binance://account: the balances summary', async () => {
    const { contents } = await c.client.readResource({ uri: 'binance://account' });
    const doc = JSON.parse((contents[0] as { text: string }).text);
    expect(doc.environment).toBe('simulator');
    expect(doc.canTrade).toBe(true);
    const usdt = s.sim.balances(apiKey).USDT;
    expect(doc.balances.find((b: Data) => b.asset === 'USDT')).toEqual({
      asset: 'USDT',
      free: usdt?.free,
      locked: usdt?.locked,
      total: addDecimals(usdt?.free ?? '', usdt?.locked ?? ''),
    });
  });
});

describe('orders', () => {
  test('get_open_orders: rows and counts per symbol, all symbols or one, and open order lists', async () => {
    await restingBuy('BTCUSDT', '0.002', 0.85);
    await restingBuy('ETHUSDT', '0.01');
    const info = await rest.exchangeInfoCache.symbol('ETHUSDT');
    const last = Number((await rest.price({ symbol: 'ETHUSDT' })).price);
    const oco = await rest.newOrderListOco({
      symbol: 'ETHUSDT',
      side: 'SELL',
      quantity: '0.01',
      aboveType: 'LIMIT_MAKER',
      abovePrice: roundPrice(info as never, last * 1.05),
      belowType: 'STOP_LOSS',
      belowStopPrice: roundPrice(info as never, last * 0.95),
    });
    const open = s.sim.orders(apiKey).filter((o) => o.status === 'NEW');
    const all = await ok('get_open_orders', { lists: true });
    expect(all.count).toBe(open.length);
    expect(all.bySymbol).toEqual({ BTCUSDT: 2, ETHUSDT: 3 });
    expect(all.columns.slice(0, 6)).toEqual(['orderId', 'clientOrderId', 'symbol', 'side', 'type', 'status']);
    expect(all.rows.map((r: unknown[]) => String(r[0])).sort()).toEqual(
      open.map((o) => String(o.orderId)).sort(),
    );
    expect(all.lists).toHaveLength(1);
    expect(all.lists[0]).toMatchObject({
      orderListId: Number(oco.orderListId),
      listClientOrderId: oco.listClientOrderId,
      contingencyType: 'OCO',
      listOrderStatus: 'EXECUTING',
    });
    const btc = await ok('get_open_orders', { symbol: 'btcusdt', limit: 1 });
    expect(btc).toMatchObject({ count: 2, bySymbol: { BTCUSDT: 2 }, truncated: true });
    expect(btc.rows).toHaveLength(1);
    expect(
      s.sim
        .requests()
        .filter((r) => r.path === '/api/v3/openOrders')
        .at(-1)?.query,
    ).toMatch(/symbol=BTCUSDT/);
  });

  test('get_order: by id or client id, with its fills and a summary; an order list with its legs', async () => {
    const bought = await rest.newOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '50',
    });
    const byId = await ok('get_order', {
      symbol: 'BTCUSDT',
      orderId: Number(bought.orderId),
      include: ['trades'],
    });
    expect(byId.order).toMatchObject({
      orderId: Number(bought.orderId),
      clientOrderId: bought.clientOrderId,
      status: 'FILLED',
      executedQty: bought.executedQty,
      quoteQty: bought.cummulativeQuoteQty,
      type: 'MARKET',
    });
    expect(byId.trades.rows).toHaveLength(bought.fills.length);
    const qty = bought.fills.reduce((sum, f) => addDecimals(sum, f.qty), '0');
    expect(Number(byId.trades.summary.boughtQty)).toBe(Number(qty));
    expect(Number(byId.trades.summary.boughtQuote)).toBe(Number(bought.cummulativeQuoteQty));
    expect(Object.keys(byId.trades.summary.commission)).toEqual(['BTC']);
    const byClient = await ok('get_order', { symbol: 'BTCUSDT', origClientOrderId: bought.clientOrderId });
    expect(byClient.order).toEqual(byId.order);

    const [list] = await rest.openOrderLists();
    const l = await ok('get_order', { orderListId: Number(list?.orderListId) });
    expect(l.list.listClientOrderId).toBe(list?.listClientOrderId);
    expect(l.legs.rows.map((r: unknown[]) => r[4]).sort()).toEqual(['LIMIT_MAKER', 'STOP_LOSS']);
    const byListId = await ok('get_order', { listClientOrderId: list?.listClientOrderId });
    expect(byListId.list).toEqual(l.list);
  });

  test('get_order: keep-priority amendments', async () => {
    // BNBUSDT allows amendments (amendAllowed); BTCUSDT does not in the simulator's market.
    const order = await restingBuy('BNBUSDT', '0.1', 0.8);
    await rest.amendOrder({ symbol: 'BNBUSDT', orderId: order.orderId, newQty: '0.05' });
    const d = await ok('get_order', {
      symbol: 'BNBUSDT',
      orderId: String(order.orderId),
      include: ['amendments'],
    });
    expect(Number(d.order.origQty)).toBe(0.05);
    expect(d.amendments).toHaveLength(1);
    expect(Number(d.amendments[0].origQty)).toBe(0.1);
    expect(Number(d.amendments[0].newQty)).toBe(0.05);
  });

  test('errors: Binance code kept for an unknown order; one of order or list', async () => {
    expect(await failure('get_order', { symbol: 'BTCUSDT', orderId: 999999 })).toMatch(
      /^\[simulator\] Binance error -2013: Order does not exist\. \(HTTP 400, GET \/api\/v3\/order\)\. No such order/,
    );
    expect(await failure('get_order', { symbol: 'BTCUSDT' })).toMatch(/either an order .* or an order list/);
    expect(await failure('get_order', { orderId: 1 })).toMatch(/'symbol' is missing/);
    // Keys are never arguments.
    expect(await failure('get_account', { apiKey: 'x' })).toMatch(/Input validation error|Unrecognized key/);
  });
});

describe('history', () => {
  test('get_all_orders: the most recent, from an id page by page, and a range of days page by page', async () => {
    // Orders on three days, 30 hours apart.
    for (let day = 0; day < 3; day++) {
      clock.advance(30 * 3_600_000);
      for (let i = 0; i < 2; i++) {
        await rest.newOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '20' });
        clock.advance(1000);
      }
    }
    const sim = s.sim.orders(apiKey, 'BTCUSDT');
    const ids = sim.map((o) => String(o.orderId));
    const recent = await ok('get_all_orders', { symbol: 'BTCUSDT', limit: 3 });
    expect(recent.rows.map((r: unknown[]) => String(r[0]))).toEqual(ids.slice(-3));
    expect(recent.nextCursor).toBeUndefined();

    const pages = async (first: Record<string, unknown>) => {
      const out: string[] = [];
      let d = await ok('get_all_orders', first);
      out.push(...d.rows.map((r: unknown[]) => String(r[0])));
      for (let n = 0; d.nextCursor && n < 50; n++) {
        d = await ok('get_all_orders', { cursor: d.nextCursor, limit: first.limit });
        out.push(...d.rows.map((r: unknown[]) => String(r[0])));
      }
      return out;
    };
    expect(await pages({ symbol: 'BTCUSDT', fromOrderId: ids[0], limit: 2 })).toEqual(ids);
    // Every order updated in the last 4 days, 2 at a time: each exactly once (Binance lists by update).
    const byTime = await pages({ symbol: 'BTCUSDT', startTime: '-4d', limit: 2 });
    expect([...byTime].sort()).toEqual([...ids].sort());
    const filled = await ok('get_all_orders', { symbol: 'BTCUSDT', startTime: '-31h', limit: 100 });
    expect(filled.byStatus).toEqual({ FILLED: 4 });
    expect(await failure('get_all_orders', { symbol: 'BTCUSDT', startTime: '-40d' })).toMatch(
      /'startTime' is .*; allowed: a range of at most 31 days/,
    );
    const lists = await ok('get_all_orders', { lists: true });
    expect(lists.lists).toHaveLength(1);
  });

  test('get_my_trades: summary against the fills, a range of days page by page, one order', async () => {
    const fills = await rest.myTrades({ symbol: 'BTCUSDT', limit: 1000 });
    const d = await ok('get_my_trades', { symbol: 'BTCUSDT', startTime: '-5d', limit: 1000 });
    expect(d.rows.map((r: unknown[]) => String(r[0]))).toEqual(fills.map((t) => String(t.id)));
    const bought = fills.reduce((sum, t) => addDecimals(sum, t.qty), '0');
    const spent = fills.reduce((sum, t) => addDecimals(sum, t.quoteQty), '0');
    expect(Number(d.summary.boughtQty)).toBe(Number(bought));
    expect(Number(d.summary.boughtQuote)).toBe(Number(spent));
    expect(d.summary.soldQty).toBe('0');
    expect(d.summary.count).toBe(fills.length);
    expect(textOf(await call('get_my_trades', { symbol: 'BTCUSDT' }))).toMatch(
      /^\[simulator\] BTCUSDT trades: \d+; bought=/,
    );

    const ids: string[] = [];
    let page = await ok('get_my_trades', { symbol: 'BTCUSDT', startTime: '-5d', limit: 2 });
    ids.push(...page.rows.map((r: unknown[]) => String(r[0])));
    for (let n = 0; page.nextCursor && n < 50; n++) {
      page = await ok('get_my_trades', { cursor: page.nextCursor, limit: 2 });
      ids.push(...page.rows.map((r: unknown[]) => String(r[0])));
    }
    expect(ids).toEqual(fills.map((t) => String(t.id)));

    const one = fills[0];
    const ofOrder = await ok('get_my_trades', { symbol: 'BTCUSDT', orderId: String(one?.orderId) });
    expect(ofOrder.rows.every((r: unknown[]) => String(r[1]) === String(one?.orderId))).toBe(true);
    const prevented = await ok('get_my_trades', {
      symbol: 'BTCUSDT',
      source: 'preventedMatches',
      orderId: String(one?.orderId),
    });
    expect(prevented).toMatchObject({ source: 'preventedMatches', count: 0 });
    const allocations = await ok('get_my_trades', { symbol: 'BTCUSDT', source: 'allocations' });
    expect(allocations.count).toBe(0);
    expect(await failure('get_my_trades', { symbol: 'BTCUSDT', source: 'preventedMatches' })).toMatch(
      /'orderId' is missing/,
    );
  });

  test('get_commission_rates: as Binance has them', async () => {
    const d = await ok('get_commission_rates', { symbol: 'ETHBTC' });
    const r = await rest.commissionRates({ symbol: 'ETHBTC' });
    expect(d).toMatchObject({ symbol: 'ETHBTC', standard: r.standardCommission, tax: r.taxCommission });
    expect(await failure('get_commission_rates', { symbol: 'NOPEUSDT' })).toMatch(/Binance error -1121/);
  });
});

describe('key types', () => {
  test('an Ed25519 key (PEM) and an HMAC key both read their account', async () => {
    const ed = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    for (const env of <Record<string, string>[]>[
      { BINANCE_API_KEY: 'edAccountKey0123456789', BINANCE_PRIVATE_KEY: ed.privateKey },
      { BINANCE_API_KEY: 'hmacAccountKey0123456789', BINANCE_API_SECRET: 'hmacAccountSecret0123456789' },
    ]) {
      const other = await simContext(env);
      const client = await connectModern(other.context);
      try {
        expect(other.context.credentialsSource).toBe('configuration');
        const result = await client.client.callTool({ name: 'get_account', arguments: {} });
        expect(result.isError, textOf(result)).toBeFalsy();
        expect((result.structuredContent as Data).balances.map((b: Data) => b.asset).sort()).toEqual([
          'BNB',
          'BTC',
          'ETH',
          'USDT',
        ]);
        expect(JSON.stringify(result)).not.toContain('hmacAccountSecret');
      } finally {
        await client.close();
        await other.close();
      }
    }
  });
});
