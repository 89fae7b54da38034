// Order and trade history, and ids beyond 2^53 end to end: the simulator numbers trades and orders
// from 2^53 (`idOffset`), so every id the client sees and sends must stay exact. allOrders and
// myTrades page as Binance documents: the most recent, from an id up, or a time range.

import { compareIds, type Int64, nextId, type RestClient } from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Setup, sent, setup, trader } from './helpers.js';

const OFFSET = 2n ** 53n;
let env: Setup;
let sim: Simulator;
let client: RestClient;
let apiKey: string;
const placedIds: Int64[] = [];
const tradeIds: Int64[] = [];

beforeAll(async () => {
  env = await setup({ idOffset: OFFSET });
  sim = env.sim;
  ({ client, apiKey } = trader(env));
  // Five orders a second apart: three that rest, two that fill.
  const bid = Number(sim.orderBook('BTCUSDT', 1).bids[0]?.[0]);
  for (let i = 0; i < 5; i++) {
    const order =
      i < 3
        ? await client.newOrder({
            symbol: 'BTCUSDT',
            side: 'BUY',
            type: 'LIMIT',
            timeInForce: 'GTC',
            quantity: '0.001',
            price: (bid * (0.9 - i / 100)).toFixed(2),
          })
        : await client.newOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100' });
    placedIds.push(order.orderId);
    if ('fills' in order) tradeIds.push(...order.fills.map((f) => f.tradeId));
    env.time.advance(1000);
  }
});
afterAll(() => sim.close());

describe('64-bit ids end to end', () => {
  test('order and trade ids arrive as exact bigints, and go back out exactly', async () => {
    expect(placedIds).toEqual([OFFSET + 1n, OFFSET + 2n, OFFSET + 3n, OFFSET + 4n, OFFSET + 5n]);
    for (const id of tradeIds) expect(typeof id).toBe('bigint');
    const [first] = placedIds as [bigint];
    const order = await client.getOrder({ symbol: 'BTCUSDT', orderId: first });
    expect(order.orderId).toBe(first);
    expect(sent(sim, 'GET', '/api/v3/order').at(-1)?.query).toMatch(new RegExp(`orderId=${first}&`));
    // As a string of digits too.
    expect((await client.getOrder({ symbol: 'BTCUSDT', orderId: String(first) })).orderId).toBe(first);
    const canceled = await client.cancelOrder({ symbol: 'BTCUSDT', orderId: first });
    expect('orderId' in canceled && canceled.orderId).toBe(first);
    expect(sim.orders(apiKey)[0]).toMatchObject({ orderId: first, status: 'CANCELED' });
  });

  test('market data ids too: trades, aggregate trades, paging on from them', async () => {
    const trades = await client.trades({ symbol: 'BTCUSDT', limit: 3 });
    const last = trades.at(-1)?.id as bigint;
    expect(typeof last).toBe('bigint');
    expect(last > OFFSET).toBe(true);
    const from = await client.historicalTrades({
      symbol: 'BTCUSDT',
      fromId: trades[0]?.id as bigint,
      limit: 3,
    });
    expect(from.map((t) => t.id)).toEqual(trades.map((t) => t.id));
    expect(nextId(last)).toBe(last + 1n);
    const [agg] = await client.aggTrades({ symbol: 'BTCUSDT', limit: 1 });
    expect(typeof agg?.firstTradeId).toBe('bigint');
  });
});

describe('allOrders and myTrades paging', () => {
  test('allOrders: the most recent, from an orderId up, or by last update within a time range', async () => {
    const all = await client.allOrders({ symbol: 'BTCUSDT' });
    expect(all.map((o) => o.orderId)).toEqual(placedIds);
    const recent = await client.allOrders({ symbol: 'BTCUSDT', limit: 2 });
    expect(recent.map((o) => o.orderId)).toEqual(placedIds.slice(-2));
    const fromThird = await client.allOrders({
      symbol: 'BTCUSDT',
      orderId: placedIds[2] as bigint,
      limit: 2,
    });
    expect(fromThird.map((o) => o.orderId)).toEqual(placedIds.slice(2, 4));
    const start = all[1]?.updateTime as number;
    const window = await client.allOrders({ symbol: 'BTCUSDT', startTime: start, endTime: start + 1500 });
    expect(window.map((o) => o.orderId)).toEqual(placedIds.slice(1, 3));
  });

  test('myTrades: the most recent, from a trade id up, an order’s trades', async () => {
    const all = await client.myTrades({ symbol: 'BTCUSDT' });
    expect(all.map((t) => t.id)).toEqual(tradeIds);
    expect([...all.map((t) => t.id)].sort(compareIds)).toEqual(tradeIds);
    const recent = await client.myTrades({ symbol: 'BTCUSDT', limit: 1 });
    expect(recent.map((t) => t.id)).toEqual(tradeIds.slice(-1));
    const from = await client.myTrades({ symbol: 'BTCUSDT', fromId: tradeIds[1] as bigint });
    expect(from.map((t) => t.id)).toEqual(tradeIds.slice(1));
    const ofOrder = await client.myTrades({ symbol: 'BTCUSDT', orderId: placedIds[4] as bigint });
    expect(ofOrder.every((t) => t.orderId === placedIds[4])).toBe(true);
    expect(ofOrder.length).toBeGreaterThan(0);
    const ofOrderFrom = await client.myTrades({
      symbol: 'BTCUSDT',
      orderId: placedIds[4] as bigint,
      fromId: ofOrder.at(-1)?.id as bigint,
    });
    expect(ofOrderFrom.map((t) => t.id)).toEqual([ofOrder.at(-1)?.id]);
  });
});

describe('paginate.allOrders and paginate.myTrades: any range, in 24-hour windows', () => {
  test('every order and trade of a 3-day range exactly once, windows split when a page is full', async () => {
    const start = sim.now();
    const ids: Int64[] = [...placedIds];
    const trades: Int64[] = [...tradeIds];
    // Orders on three days (a 30-hour gap between bursts), so the range needs several windows.
    for (let day = 0; day < 3; day++) {
      env.time.advance(30 * 3_600_000);
      for (let i = 0; i < 3; i++) {
        const order = await client.newOrder({
          symbol: 'BTCUSDT',
          side: 'BUY',
          type: 'MARKET',
          quoteOrderQty: '20',
        });
        ids.push(order.orderId);
        if ('fills' in order) trades.push(...order.fills.map((f) => f.tradeId));
        env.time.advance(1000);
      }
    }
    const from = start - 60_000;
    const windows: { startTime: number; endTime: number }[] = [];
    const orders: Int64[] = [];
    for await (const page of client.paginate.allOrders(
      // Pages of 2: every window with 2 or more orders is split until its halves hold fewer.
      { symbol: 'BTCUSDT', startTime: from, limit: 2 },
      { onProgress: (p) => p.window && windows.push(p.window) },
    )) {
      expect(page.length).toBeLessThan(2);
      orders.push(...page.map((o) => o.orderId));
    }
    expect([...orders].sort(compareIds)).toEqual(ids);
    expect(new Set(orders.map(String)).size).toBe(ids.length);
    for (const w of windows) expect(w.endTime - w.startTime).toBeLessThan(86_400_000);
    // Windows are walked in time order and do not overlap.
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i]?.startTime).toBeGreaterThan(windows[i - 1]?.endTime as number);
    }
    const requests = sent(sim, 'GET', '/api/v3/allOrders').filter((r) => /startTime=/.test(r.query));
    for (const r of requests) {
      const q = new URLSearchParams(r.query);
      expect(Number(q.get('endTime')) - Number(q.get('startTime'))).toBeLessThan(86_400_000);
    }

    const mine: Int64[] = [];
    for await (const page of client.paginate.myTrades({ symbol: 'BTCUSDT', startTime: from, limit: 1000 })) {
      mine.push(...page.map((t) => t.id));
    }
    expect(mine).toEqual(trades);
    // From an id, to the end.
    const fromId: Int64[] = [];
    for await (const page of client.paginate.myTrades({
      symbol: 'BTCUSDT',
      fromId: trades[2] as Int64,
      limit: 2,
    })) {
      fromId.push(...page.map((t) => t.id));
    }
    expect(fromId).toEqual(trades.slice(2));
  });

  test('a start is required, and only one', async () => {
    const pages = client.paginate.allOrders({ symbol: 'BTCUSDT' } as never);
    await expect(pages.next()).rejects.toThrow(/startTime/);
    const both = client.paginate.myTrades({ symbol: 'BTCUSDT', startTime: 1, fromId: 1 } as never);
    await expect(both.next()).rejects.toThrow(/fromId/);
  });
});
