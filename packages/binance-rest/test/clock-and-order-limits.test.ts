// Signed requests when the clocks disagree (the server ±10 s away from the client, before and after
// the first measurement), and order placement within the account's ORDERS limits (unfilled orders
// per 10 seconds), tracked from X-MBX-ORDER-COUNT-* like weight.

import { ApiError, RateLimitError, type RestClient } from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { recorder, type Setup, sent, setup, type Trader, trader } from './helpers.js';

let env: Setup;
let sim: Simulator;
let t: Trader;

beforeAll(async () => {
  env = await setup();
  sim = env.sim;
  t = trader(env);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
});

describe('clock skew of ±10 s', () => {
  test.each([10_000, -10_000])(
    'the server %i ms away from the start: measured before the first signed request',
    async (skew) => {
      sim.shiftClock(skew);
      const client = t.makeClient();
      const account = await client.account();
      expect(account.canTrade).toBe(true);
      expect(client.clockOffset).toBe(skew);
      const [signed] = sent(sim, 'GET', '/api/v3/account');
      expect(Number(new URLSearchParams(signed?.query).get('timestamp'))).toBe(sim.now());
      expect(sim.requests().map((r) => r.status)).not.toContain(400);
    },
  );

  test.each([10_000, -10_000])(
    'the server moves %i ms after the measurement: -1021, measured again, sent again once',
    async (skew) => {
      const rec = recorder();
      const client = t.makeClient({ logger: rec.logger });
      await client.account();
      sim.shiftClock(skew);
      const from = sim.requests().length;
      const order = await client.newOrder(
        {
          symbol: 'BTCUSDT',
          side: 'BUY',
          type: 'MARKET',
          quoteOrderQty: '20',
          newClientOrderId: `skew${skew > 0 ? 'ahead' : 'behind'}`,
        },
        // No pre-trade lookups: the order itself is the first signed request after the jump.
        { validate: false },
      );
      expect(order.status).toBe('FILLED');
      const posts = sent(sim, 'POST', '/api/v3/order', from);
      // Refused for its timestamp (nothing placed), then placed: one order.
      expect(posts.map((r) => r.status)).toEqual([400, 200]);
      expect(sim.orders(t.apiKey).filter((o) => o.clientOrderId === order.clientOrderId)).toHaveLength(1);
      expect(client.clockOffset).toBe(skew);
      expect(rec.ofType('retry').map((e) => e.reason)).toEqual(['code -1021 (clock re-measured)']);
    },
  );

  test('a clock that keeps running away: the second -1021 is thrown, verbatim', async () => {
    // Every measurement is stale by the time it is used: the server jumps 20 s after each time request.
    const drifting = (async (input: Request, init?: RequestInit) => {
      const res = await env.time.fetch(input, init);
      if (new URL(input.url ?? String(input)).pathname === '/api/v3/time') sim.shiftClock(20_000);
      return res;
    }) as typeof fetch;
    const client = t.makeClient({ fetch: drifting });
    const error = await client.account().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    expect(sent(sim, 'GET', '/api/v3/account').map((r) => r.status)).toEqual([400, 400]);
    expect(sent(sim, 'GET', '/api/v3/time')).toHaveLength(6);
  });

  test('autoSyncClock: false sends with the local clock and throws -1021 as Binance words it', async () => {
    sim.shiftClock(-10_000);
    const client = t.makeClient({ autoSyncClock: false });
    const error = await client.account().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ApiError',
      code: -1021,
      msg: "Timestamp for this request was 1000ms ahead of the server's time.",
    });
    expect(sent(sim, 'GET', '/api/v3/time')).toEqual([]);
    await client.syncClock();
    expect((await client.account()).canTrade).toBe(true);
  });
});

describe('the ORDERS limit (unfilled orders per 10 s)', () => {
  // 2 s into a new 10-second window (every test its own): the counts start at 0 and do not roll over.
  const atWindowStart = () => env.time.advance(10_000 - (sim.now() % 10_000) + 2_000);

  const resting = (client: RestClient, i: number) =>
    client.newOrder(
      {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.001',
        price: (Number(sim.orderBook('BTCUSDT', 1).bids[0]?.[0]) * (0.9 - i * 0.001)).toFixed(2),
      },
      { validate: false },
    );

  test('limits come from exchangeInfo, counts from X-MBX-ORDER-COUNT-10S; fail fast sends nothing over it', async () => {
    sim.setOrderRateLimits({ per10s: 3 });
    atWindowStart();
    const client = t.makeClient({ onBudgetExhausted: 'fail' });
    for (let i = 0; i < 3; i++) await resting(client, i);
    expect(client.rateLimitState().orders).toEqual([
      { label: '10s', intervalMs: 10_000, limit: 3, count: 3 },
      { label: '1d', intervalMs: 86_400_000, limit: 200_000, count: 3 },
    ]);
    const from = sim.requests().length;
    const error = await resting(client, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ source: 'client', rateLimitType: 'ORDERS', limit: 3 });
    expect((error as Error).message).toMatch(/unfilled order count is used up \(3 of 3 per 10 s\)/);
    expect(sent(sim, 'POST', '/api/v3/order', from)).toEqual([]);
    // Other requests are not held back by it.
    await client.openOrders({ symbol: 'BTCUSDT' });
    await client.cancelOpenOrders({ symbol: 'BTCUSDT' });
    sim.setOrderRateLimits({ per10s: 100 });
  });

  test('in wait mode the fourth order waits for the next window: no 429', async () => {
    sim.setOrderRateLimits({ per10s: 3 });
    atWindowStart();
    const client = t.makeClient();
    env.time.sleeps.length = 0;
    for (let i = 0; i < 4; i++) await resting(client, i);
    expect(sim.requests().map((r) => r.status)).not.toContain(429);
    expect(env.time.sleeps.some((ms) => ms >= 7_000 && ms <= 10_000)).toBe(true);
    expect(sent(sim, 'POST', '/api/v3/order').map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await client.cancelOpenOrders({ symbol: 'BTCUSDT' });
    sim.setOrderRateLimits({ per10s: 100 });
  });

  test('orders placed elsewhere: the header raises the count; a -1015 holds orders, not other requests', async () => {
    sim.setOrderRateLimits({ per10s: 3 });
    atWindowStart();
    const client = t.makeClient({ onBudgetExhausted: 'fail' });
    await resting(client, 0); // learns the limits and the count (1)
    // Two orders of the same account from somewhere else.
    const other = t.makeClient();
    await resting(other, 1);
    await resting(other, 2);
    const from = sim.requests().length;
    // This client counted one, Binance counts three: its answer is -1015.
    const error = await resting(client, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      source: 'server',
      status: 429,
      code: -1015,
      msg: 'Too many new orders; current limit is 3 orders per 10 SECOND.',
      rateLimitType: 'ORDERS',
    });
    expect(sent(sim, 'POST', '/api/v3/order', from)).toHaveLength(1);
    expect(client.rateLimitState().ordersRetryAfterUntil).toBeGreaterThan(sim.now());
    // Orders are held back until then; everything else goes on.
    await expect(resting(client, 4)).rejects.toMatchObject({ source: 'client', rateLimitType: 'ORDERS' });
    expect(sent(sim, 'POST', '/api/v3/order', from)).toHaveLength(1);
    expect((await client.openOrders({ symbol: 'BTCUSDT' })).length).toBe(3);
    await client.cancelOpenOrders({ symbol: 'BTCUSDT' });
    sim.setOrderRateLimits({ per10s: 100 });
  });

  test('fills lower the count: a lower header is taken when no other order is on its way', async () => {
    sim.setOrderRateLimits({ per10s: 3 });
    atWindowStart();
    const client = t.makeClient({ onBudgetExhausted: 'fail' });
    const placed = await resting(client, 0);
    await resting(client, 1);
    sim.fillOrder(t.apiKey, 'BTCUSDT', Number(placed.orderId));
    // The next order's answer says 2 (3 placed, 1 filled): room for one more.
    await resting(client, 2);
    expect(client.rateLimitState().orders[0]?.count).toBe(2);
    await resting(client, 3);
    await client.cancelOpenOrders({ symbol: 'BTCUSDT' });
    sim.setOrderRateLimits({ per10s: 100 });
  });
});
