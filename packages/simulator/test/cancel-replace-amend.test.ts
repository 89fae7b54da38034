// cancelReplace in every mode and outcome (200 / 400 / 409 / 429 shapes), and order amend keep
// priority (shape, queue position, rejections, history, weight).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { trading } from './fixtures/trading-samples.js';
import { dec, units } from './helpers/decimal.js';
import { get, manualClock } from './helpers/http.js';
import { type Trader, trader } from './helpers/signed.js';

let sim: Simulator;
const clock = manualClock();
const FUNDS = { USDT: '10000000', BTC: '100' };
const TICK = 1_000_000n;
const S = 'BTCUSDT';

beforeAll(async () => {
  sim = await startSimulator({ seed: 19, symbols: 20, now: clock.now, weightLimit: 1_000_000 });
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
const bestAsk = () => units(sim.orderBook(S, 1).asks[0]![0]);
const bestBid = () => units(sim.orderBook(S, 1).bids[0]![0]);
const fresh = () => trader(sim, 'RSA', { balances: FUNDS });
const resting = async (t: Trader, price: bigint, qty = '0.1', id?: string) =>
  (
    await t.post<{ orderId: number; clientOrderId: string }>('order', {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: qty,
      price: dec(price),
      ...(id ? { newClientOrderId: id } : {}),
    })
  ).body;

describe('cancelReplace', () => {
  const replace = (t: Trader, params: Json) =>
    t.post<Json & { data: Json }>('order/cancelReplace', { symbol: S, side: 'SELL', ...params } as Record<
      string,
      string
    >);

  test('both succeed: 200 with the cancel report and the new order', async () => {
    const t = fresh();
    const old = await resting(t, bestAsk() + 100n * TICK);
    const res = await replace(t, {
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: old.orderId,
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.2',
      price: dec(bestAsk() + 200n * TICK),
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      'cancelResult',
      'newOrderResult',
      'cancelResponse',
      'newOrderResponse',
    ]);
    expect(res.body).toMatchObject({ cancelResult: 'SUCCESS', newOrderResult: 'SUCCESS' });
    expect(Object.keys(res.body.cancelResponse as Json)).toEqual(Object.keys(trading.cancel));
    expect(Object.keys(res.body.newOrderResponse as Json)).toEqual(Object.keys(trading.full));
    expect(res.headers.get('x-mbx-order-count-10s')).toBe('2');
  });

  test('STOP_ON_FAILURE: a failed cancel means no new order (400, -2022)', async () => {
    const t = fresh();
    const res = await replace(t, {
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: 424242,
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.2',
      price: dec(bestAsk() + 200n * TICK),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: -2022,
      msg: 'Order cancel-replace failed.',
      data: {
        cancelResult: 'FAILURE',
        newOrderResult: 'NOT_ATTEMPTED',
        cancelResponse: { code: -2011, msg: 'Unknown order sent.' },
        newOrderResponse: null,
      },
    });
    // The order that was not attempted still counts.
    expect(res.headers.get('x-mbx-order-count-10s')).toBe('1');
  });

  test('the cancel succeeds and the new order fails: 409, -2021', async () => {
    const t = fresh();
    const old = await resting(t, bestAsk() + 100n * TICK, '0.1', 'to-replace');
    const res = await replace(t, {
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrigClientOrderId: 'to-replace',
      type: 'LIMIT_MAKER',
      quantity: '0.2',
      price: dec(bestBid()),
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: -2021,
      msg: 'Order cancel-replace partially failed.',
      data: {
        cancelResult: 'SUCCESS',
        newOrderResult: 'FAILURE',
        cancelResponse: { orderId: old.orderId, status: 'CANCELED', origClientOrderId: 'to-replace' },
        newOrderResponse: { code: -2010, msg: 'Order would immediately match and take.' },
      },
    });
  });

  test('ALLOW_FAILURE: the new order is placed even when the cancel fails (409), or both fail (400)', async () => {
    const t = fresh();
    const placed = await replace(t, {
      cancelReplaceMode: 'ALLOW_FAILURE',
      cancelOrderId: 424242,
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.2',
      price: dec(bestAsk() + 300n * TICK),
      newOrderRespType: 'ACK',
    });
    expect(placed.status).toBe(409);
    expect(placed.body.data).toMatchObject({ cancelResult: 'FAILURE', newOrderResult: 'SUCCESS' });
    expect(Object.keys(placed.body.data.newOrderResponse as Json)).toEqual(Object.keys(trading.ack));
    const both = await replace(t, {
      cancelReplaceMode: 'ALLOW_FAILURE',
      cancelOrderId: 424242,
      type: 'LIMIT_MAKER',
      quantity: '0.2',
      price: dec(bestBid()),
    });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({
      code: -2022,
      data: { cancelResult: 'FAILURE', newOrderResult: 'FAILURE', newOrderResponse: { code: -2010 } },
    });
  });

  test('a filter failure of the new order is a plain -1013: nothing is cancelled', async () => {
    const t = fresh();
    const old = await resting(t, bestAsk() + 100n * TICK);
    const res = await replace(t, {
      cancelReplaceMode: 'ALLOW_FAILURE',
      cancelOrderId: old.orderId,
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.000001',
      price: dec(bestAsk() + 200n * TICK),
    });
    expect(res.body).toEqual({ code: -1013, msg: 'Filter failure: LOT_SIZE' });
    expect((await t.get<Json>('order', { symbol: S, orderId: old.orderId })).body.status).toBe('NEW');
  });

  test('over the order count: DO_NOTHING is a plain 429; CANCEL_ONLY cancels and reports -1015 (409)', async () => {
    const t = fresh();
    const a = await resting(t, bestAsk() + 100n * TICK);
    const b = await resting(t, bestAsk() + 101n * TICK);
    sim.setOrderRateLimits({ per10s: 2 });
    try {
      const params = {
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.2',
        price: dec(bestAsk() + 200n * TICK),
      };
      const nothing = await replace(t, {
        cancelReplaceMode: 'STOP_ON_FAILURE',
        cancelOrderId: a.orderId,
        ...params,
      });
      expect(nothing.status).toBe(429);
      expect(nothing.body).toEqual({
        code: -1015,
        msg: 'Too many new orders; current limit is 2 orders per 10 SECOND.',
      });
      expect(Number(nothing.headers.get('retry-after'))).toBeGreaterThan(0);
      const cancelOnly = await replace(t, {
        cancelReplaceMode: 'STOP_ON_FAILURE',
        orderRateLimitExceededMode: 'CANCEL_ONLY',
        cancelOrderId: b.orderId,
        ...params,
      });
      expect(cancelOnly.status).toBe(409);
      expect(cancelOnly.body).toMatchObject({
        code: -2021,
        data: {
          cancelResult: 'SUCCESS',
          newOrderResult: 'FAILURE',
          cancelResponse: { orderId: b.orderId, status: 'CANCELED' },
          newOrderResponse: {
            code: -1015,
            msg: 'Too many new orders; current limit is 2 orders per 10 SECOND.',
          },
        },
      });
      expect((await t.get<Json>('order', { symbol: S, orderId: a.orderId })).body.status).toBe('NEW');
    } finally {
      sim.setOrderRateLimits({ per10s: 100 });
    }
  });
});

describe('order amend keep priority', () => {
  test('reduces the quantity, keeps the queue position, and is recorded', async () => {
    const first = fresh();
    const second = fresh();
    // At the best ask, behind nobody: account orders come before the background liquidity there.
    const price = bestAsk();
    const background = units(sim.orderBook(S, 1).asks[0]![1]);
    const a = await resting(first, price, '0.5', 'amend-me');
    const b = await resting(second, price, '0.5');
    const res = await first.put<Json & { amendedOrder: Json; executionId: number }>(
      'order/amend/keepPriority',
      {
        symbol: S,
        orderId: a.orderId,
        newQty: '0.3',
        newClientOrderId: 'amended',
      },
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(Object.keys(trading.amend));
    expect(Object.keys(res.body.amendedOrder)).toEqual(Object.keys(trading.amend.amendedOrder));
    expect(res.body.amendedOrder).toMatchObject({
      origClientOrderId: 'amend-me',
      clientOrderId: 'amended',
      qty: '0.30000000',
      status: 'NEW',
    });
    expect(sim.orderBook(S, 1).asks[0]).toEqual([dec(price), dec(background + 80_000_000n)]);
    expect(sim.balances(first.apiKey).BTC).toEqual({ free: '99.70000000', locked: '0.30000000' });
    // Still first in the queue: a buyer of 0.3 fills the amended order, not the other one.
    sim.executeMarketOrder(S, 'BUY', '0.3');
    expect((await first.get<Json>('order', { symbol: S, orderId: a.orderId })).body.status).toBe('FILLED');
    expect((await second.get<Json>('order', { symbol: S, orderId: b.orderId })).body.status).toBe('NEW');

    const history = await first.get<Json[]>('order/amendments', { symbol: S, orderId: a.orderId });
    expect(history.body).toHaveLength(1);
    expect(Object.keys(history.body[0]!)).toEqual(Object.keys(trading.amendment));
    expect(history.body[0]).toMatchObject({
      executionId: res.body.executionId,
      origClientOrderId: 'amend-me',
      newClientOrderId: 'amended',
      origQty: '0.50000000',
      newQty: '0.30000000',
    });
  });

  test('only reductions; weight 4, or 0 when the amendment ends the order', async () => {
    const t = fresh();
    const o = await resting(t, bestAsk() + 100n * TICK, '0.5');
    const amend = (newQty: string, orderId = o.orderId) =>
      t.put('order/amend/keepPriority', { symbol: S, orderId, newQty });
    expect((await amend('0.6')).body).toEqual({
      code: -2038,
      msg: 'Order amend (quantity increase) is not supported.',
    });
    expect((await amend('0.5')).body).toEqual({
      code: -2038,
      msg: 'The requested action would change no state; rejecting',
    });
    expect((await amend('0.1', 999_999)).body).toEqual({ code: -2038, msg: 'Unknown order sent.' });
    const before = Number((await t.get('rateLimit/order')).headers.get('x-mbx-used-weight-1m'));
    const ok = await amend('0.4');
    expect(Number(ok.headers.get('x-mbx-used-weight-1m'))).toBe(before + 4);
    sim.fillOrder(t.apiKey, S, o.orderId, '0.1');
    const ended = await amend('0.1');
    expect(ended.body).toMatchObject({ amendedOrder: { status: 'EXPIRED', executedQty: '0.10000000' } });
    expect(Number(ended.headers.get('x-mbx-used-weight-1m'))).toBe(before + 4);
  });

  test('symbols without amendAllowed refuse it', async () => {
    const info = await get<{ symbols: Array<{ symbol: string; amendAllowed: boolean; status: string }> }>(
      sim.restUrl,
      '/api/v3/exchangeInfo',
    );
    const symbol = info.body.symbols.find((s) => !s.amendAllowed && s.status === 'TRADING')!.symbol;
    const t = trader(sim, 'HMAC');
    const res = await t.put('order/amend/keepPriority', { symbol, orderId: 1, newQty: '1' });
    expect(res.body).toMatchObject({ code: -2038 });
  });
});
