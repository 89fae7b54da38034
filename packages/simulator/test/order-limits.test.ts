// Unfilled order counts (X-MBX-ORDER-COUNT-*, rateLimit/order, -1015), weights of order requests,
// and the order placement faults: a connection lost before or after the order was accepted.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { trading } from './fixtures/trading-samples.js';
import { dec, units } from './helpers/decimal.js';
import { get, manualClock } from './helpers/http.js';
import { shapeOf } from './helpers/shape.js';
import { makeKey, Trader, trader } from './helpers/signed.js';

let sim: Simulator;
// Mid-way through a 10-second window, so the window does not roll over during a test.
const clock = manualClock(Date.UTC(2026, 0, 15, 12, 34, 52, 0));
const FUNDS = { USDT: '10000000', BTC: '100' };
const S = 'BTCUSDT';

beforeAll(async () => {
  sim = await startSimulator({
    seed: 23,
    symbols: 20,
    now: clock.now,
    maxOrdersPer10s: 3,
    maxOrdersPerDay: 8,
  });
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
const bid = () => units(sim.orderBook(S, 1).bids[0]![0]);
const resting = (t: Trader, extra: Json = {}) =>
  t.post<Json & { orderId: number }>('order', {
    symbol: S,
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.01',
    price: dec(bid() - 100_000_000n),
    ...extra,
  } as Record<string, string>);

describe('unfilled order count', () => {
  test('headers, rateLimit/order and -1015 when an account goes over its limit', async () => {
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const counts: Array<[string | null, string | null]> = [];
    for (let i = 0; i < 3; i++) {
      const res = await resting(t);
      expect(res.status).toBe(200);
      counts.push([res.headers.get('x-mbx-order-count-10s'), res.headers.get('x-mbx-order-count-1d')]);
    }
    expect(counts).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', '3'],
    ]);
    const over = await resting(t);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({
      code: -1015,
      msg: 'Too many new orders; current limit is 3 orders per 10 SECOND.',
    });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(10);

    const limits = await t.get<Json[]>('rateLimit/order');
    expect(shapeOf(limits.body)).toEqual(shapeOf(trading.rateLimitOrder));
    expect(limits.body).toEqual([
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 3, count: 3 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 8, count: 3 },
    ]);

    // Another key of the same account shares the count.
    const key = makeKey('HMAC');
    const { apiKey } = sim.addApiKey(t.apiKey, key.register);
    expect((await resting(new Trader(sim, apiKey, key))).status).toBe(429);

    // The next 10-second window.
    clock.advance(10_000);
    const next = await resting(t);
    expect(next.status).toBe(200);
    expect(next.headers.get('x-mbx-order-count-10s')).toBe('1');
    expect(next.headers.get('x-mbx-order-count-1d')).toBe('4');
  });

  test('an order that fills leaves the count; the day limit stops new orders', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    clock.advance(10_000);
    const filled = await t.post('order', { symbol: S, side: 'BUY', type: 'MARKET', quantity: '0.01' });
    expect(filled.headers.get('x-mbx-order-count-10s')).toBe('0');
    const open = await resting(t);
    expect(open.headers.get('x-mbx-order-count-10s')).toBe('1');
    sim.fillOrder(t.apiKey, S, open.body.orderId);
    expect((await t.get<Json[]>('rateLimit/order')).body[0]!.count).toBe(0);
    sim.setOrderRateLimits({ perDay: 2 });
    try {
      await resting(t);
      await resting(t);
      const over = await resting(t);
      expect(over).toMatchObject({
        status: 429,
        body: { code: -1015, msg: 'Too many new orders; current limit is 2 orders per 1 DAY.' },
      });
    } finally {
      sim.setOrderRateLimits({ perDay: 8 });
    }
  });

  test('exchangeInfo shows the ORDERS limits in force', async () => {
    const info = await get<{ rateLimits: Json[] }>(sim.restUrl, '/api/v3/exchangeInfo?symbol=BTCUSDT');
    expect(info.body.rateLimits.filter((r) => r.rateLimitType === 'ORDERS')).toEqual([
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 3 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 8 },
    ]);
  });
});

describe('weights', () => {
  test('a successful order weighs 0, a rejected one the documented 1', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    clock.advance(10_000);
    const first = await t.get('rateLimit/order');
    const used = Number(first.headers.get('x-mbx-used-weight-1m'));
    const ok = await resting(t);
    expect(ok.status).toBe(200);
    expect(Number(ok.headers.get('x-mbx-used-weight-1m'))).toBe(used);
    const bad = await resting(t, { quantity: '0.000001' });
    expect(bad.status).toBe(400);
    expect(Number(bad.headers.get('x-mbx-used-weight-1m'))).toBe(used + 1);
    const log = sim.requests().filter((r) => r.path === '/api/v3/order');
    expect(log.slice(-2).map((r) => [r.status, r.weight])).toEqual([
      [200, 0],
      [400, 1],
    ]);
  });
});

describe('order placement faults', () => {
  test("'before': the connection drops and no order exists", async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    clock.advance(10_000);
    sim.dropOrderPlacements({ when: 'before' });
    await expect(resting(t, { newClientOrderId: 'lost-before' })).rejects.toThrow();
    expect((await t.get('order', { symbol: S, origClientOrderId: 'lost-before' })).body).toEqual({
      code: -2013,
      msg: 'Order does not exist.',
    });
    expect(sim.orders(t.apiKey)).toEqual([]);
  });

  test("'after': the order is placed, the response is lost", async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    clock.advance(10_000);
    sim.dropOrderPlacements({ when: 'after' });
    await expect(resting(t, { newClientOrderId: 'lost-after' })).rejects.toThrow();
    const found = await t.get<Json>('order', { symbol: S, origClientOrderId: 'lost-after' });
    expect(found.body).toMatchObject({ clientOrderId: 'lost-after', status: 'NEW' });
    expect(sim.orders(t.apiKey)).toHaveLength(1);
    // Only order placement is affected: queries went through.
    expect(sim.requests().at(-1)!.status).toBe(200);
  });

  test('a 503 after processing: status unknown, but the order exists', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    clock.advance(10_000);
    sim.injectRestFault({ kind: 'error', method: 'POST', path: '/api/v3/order', afterProcessing: true });
    const res = await resting(t, { newClientOrderId: 'unknown-status' });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: -1001 });
    expect((await t.get<Json>('order', { symbol: S, origClientOrderId: 'unknown-status' })).body.status).toBe(
      'NEW',
    );
  });

  test('a response cut mid-body: the status says 200, the order exists, the body is lost', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    clock.advance(10_000);
    sim.cutResponses({ method: 'POST', path: '/api/v3/order' });
    await expect(resting(t, { newClientOrderId: 'cut-body' })).rejects.toThrow();
    expect((await t.get<Json>('order', { symbol: S, origClientOrderId: 'cut-body' })).body.status).toBe(
      'NEW',
    );
    expect(sim.orders(t.apiKey)).toHaveLength(1);
  });
});
