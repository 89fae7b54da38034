// Order placement under faults: a placement whose outcome is open (connection dropped before or
// after the order was processed, a 5xx after processing, -1007, a body cut off, a timeout) is never
// sent twice blindly. The client looks the order up by its client order id and says what happened;
// afterwards exactly one order exists when it says "placed", and none when it says "not placed".

import {
  ApiError,
  NetworkError,
  OrderNotPlacedError,
  OrderStatusUnknownError,
  type PlacementEvent,
  type RestClient,
  TimeoutError,
} from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { recorder, type Setup, sent, setup, type Trader, trader } from './helpers.js';

let env: Setup;
let sim: Simulator;
let t: Trader;

beforeAll(async () => {
  env = await setup({}, { retry: { retries: 0, baseDelayMs: 5, maxDelayMs: 20 } });
  sim = env.sim;
  t = trader(env);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearRestFaults();
});

/** A BUY LIMIT well below the market: it rests. */
function resting(extra: Record<string, unknown> = {}) {
  const bid = Number(sim.orderBook('BTCUSDT', 1).bids[0]?.[0]);
  return {
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.01',
    price: (bid * 0.95).toFixed(2),
    ...extra,
  } as const;
}

/** The account's orders with this client order id, as the simulator holds them. */
const ordersWith = (clientOrderId: string) =>
  sim.orders(t.apiKey).filter((o) => o.clientOrderId === clientOrderId);

function withEvents(): { client: RestClient; placements: () => PlacementEvent[] } {
  const rec = recorder();
  return { client: t.makeClient({ logger: rec.logger }), placements: () => rec.ofType('placement') };
}

describe('client order ids', () => {
  test("every placement carries one: the caller's, or a generated one", async () => {
    const own = await t.client.newOrder(resting({ newClientOrderId: 'my-own.id:1' }));
    expect(own.clientOrderId).toBe('my-own.id:1');
    const generated = await t.client.newOrder(resting());
    expect(generated.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    const bodies = sent(sim, 'POST', '/api/v3/order').map((r) => new URLSearchParams(r.body));
    expect(bodies.map((b) => b.get('newClientOrderId'))).toEqual(['my-own.id:1', generated.clientOrderId]);
    await t.client.cancelOpenOrders({ symbol: 'BTCUSDT' });
  });
});

describe('a connection dropped during placement', () => {
  test('before the exchange got it: OrderNotPlacedError, and no order exists', async () => {
    const { client, placements } = withEvents();
    const from = sim.requests().length;
    sim.dropOrderPlacements({ when: 'before' });
    const error = await client
      .newOrder(resting({ newClientOrderId: 'drop-before' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotPlacedError);
    expect(error).toMatchObject({
      symbol: 'BTCUSDT',
      clientOrderId: 'drop-before',
      kind: 'order',
      resent: false,
      endpoint: 'POST /api/v3/order',
    });
    expect((error as Error).cause).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/was not placed \(the connection was lost/);
    expect(ordersWith('drop-before')).toEqual([]);
    // Sent once; looked up until the request's recvWindow had passed, then once more.
    expect(sent(sim, 'POST', '/api/v3/order', from)).toHaveLength(1);
    const lookups = sent(sim, 'GET', '/api/v3/order', from);
    expect(lookups.length).toBeGreaterThanOrEqual(2);
    expect(lookups.every((r) => r.query.includes('origClientOrderId=drop-before'))).toBe(true);
    expect(placements().map((e) => e.stage)).toEqual(['unknown', 'not-placed']);
  });

  test('before, with resendIfNotPlaced: sent once more with the same id, placed exactly once', async () => {
    const from = sim.requests().length;
    sim.dropOrderPlacements({ when: 'before' });
    const order = await t.client.newOrder(resting({ newClientOrderId: 'drop-resend' }), {
      resendIfNotPlaced: true,
    });
    expect(order).toMatchObject({ clientOrderId: 'drop-resend', status: 'NEW' });
    expect(ordersWith('drop-resend')).toHaveLength(1);
    const posts = sent(sim, 'POST', '/api/v3/order', from);
    expect(posts.map((r) => new URLSearchParams(r.body).get('newClientOrderId'))).toEqual([
      'drop-resend',
      'drop-resend',
    ]);
    await t.client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'drop-resend' });
  });

  test('after it was placed: the order is returned as if the answer had come, and exists once', async () => {
    const { client, placements } = withEvents();
    const from = sim.requests().length;
    sim.dropOrderPlacements({ when: 'after' });
    const order = await client.newOrder(
      resting({ newClientOrderId: 'drop-after', newOrderRespType: 'RESULT' }),
      {
        // The order exists: nothing is sent again, even when allowed.
        resendIfNotPlaced: true,
      },
    );
    const truth = await t.client.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'drop-after' });
    expect(order).toEqual({
      symbol: 'BTCUSDT',
      orderId: truth.orderId,
      orderListId: -1,
      clientOrderId: 'drop-after',
      transactTime: truth.time,
      price: truth.price,
      origQty: truth.origQty,
      executedQty: truth.executedQty,
      origQuoteOrderQty: truth.origQuoteOrderQty,
      cummulativeQuoteQty: truth.cummulativeQuoteQty,
      status: 'NEW',
      timeInForce: 'GTC',
      type: 'LIMIT',
      side: 'BUY',
      workingTime: truth.workingTime,
      selfTradePreventionMode: truth.selfTradePreventionMode,
    });
    expect(ordersWith('drop-after')).toHaveLength(1);
    expect(sent(sim, 'POST', '/api/v3/order', from)).toHaveLength(1);
    expect(placements().map((e) => e.stage)).toEqual(['unknown', 'placed']);
    await t.client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'drop-after' });
  });

  test('after a MARKET order filled: the FULL answer is rebuilt with its fills', async () => {
    sim.dropOrderPlacements({ when: 'after' });
    const order = await t.client.newOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '250',
      newClientOrderId: 'market-after',
    });
    expect(order.status).toBe('FILLED');
    const trades = await t.client.myTrades({ symbol: 'BTCUSDT', orderId: order.orderId });
    expect(order.fills).toEqual(
      trades.map((tr) => ({
        price: tr.price,
        qty: tr.qty,
        commission: tr.commission,
        commissionAsset: tr.commissionAsset,
        tradeId: tr.id,
      })),
    );
    expect(order.fills.length).toBeGreaterThan(0);
    expect(ordersWith('market-after')).toHaveLength(1);
  });
});

describe('other answers that leave the outcome open', () => {
  test('a 5xx after processing: the order exists and is returned', async () => {
    sim.injectRestFault({ kind: 'error', method: 'POST', path: '/api/v3/order', afterProcessing: true });
    const order = await t.client.newOrder(resting({ newClientOrderId: 'fivexx-after' }));
    expect(order).toMatchObject({ clientOrderId: 'fivexx-after', status: 'NEW' });
    expect(ordersWith('fivexx-after')).toHaveLength(1);
    await t.client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'fivexx-after' });
  });

  test('a 5xx before processing: OrderNotPlacedError with the 503 as its cause', async () => {
    sim.injectRestFault({ kind: 'error', method: 'POST', path: '/api/v3/order' });
    const error = await t.client
      .newOrder(resting({ newClientOrderId: 'fivexx-before' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotPlacedError);
    expect((error as Error).cause).toMatchObject({ name: 'ApiError', status: 503, code: -1001 });
    expect((error as Error).message).toContain(
      'HTTP 503, code -1001: Internal error; unable to process your request. Please try again.',
    );
    expect(ordersWith('fivexx-before')).toEqual([]);
  });

  test('-1007 (backend timeout, execution status unknown) is looked up like a 5xx', async () => {
    sim.injectRestFault({
      kind: 'error',
      method: 'POST',
      path: '/api/v3/order',
      afterProcessing: true,
      status: 400,
      body: {
        code: -1007,
        msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
      },
    });
    const order = await t.client.newOrder(resting({ newClientOrderId: 'minus-1007' }));
    expect(order.clientOrderId).toBe('minus-1007');
    expect(ordersWith('minus-1007')).toHaveLength(1);
    await t.client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'minus-1007' });
  });

  test('a response cut in the middle of its body: found', async () => {
    sim.cutResponses({ method: 'POST', path: '/api/v3/order' });
    const order = await t.client.newOrder(resting({ newClientOrderId: 'cut-body' }));
    expect(order.clientOrderId).toBe('cut-body');
    expect(ordersWith('cut-body')).toHaveLength(1);
    await t.client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'cut-body' });
  });

  test('a 4xx is an answer: thrown as it came, no lookup', async () => {
    const from = sim.requests().length;
    const error = await t.client
      .newOrder(resting({ quantity: '50', newClientOrderId: 'too-big' }), { validate: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
    });
    expect(sent(sim, 'GET', '/api/v3/order', from)).toEqual([]);
  });

  test('a timeout while the exchange still works on it: not placed, and the late request is refused', async () => {
    const from = sim.requests().length;
    sim.delayResponses(1000, { path: '/api/v3/order', count: 1 });
    const error = await t.client
      .newOrder(resting({ newClientOrderId: 'slow-one' }), { timeout: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotPlacedError);
    expect((error as Error).cause).toBeInstanceOf(TimeoutError);
    // The exchange gets to the request after its recvWindow (on its clock) and refuses it: -1021.
    const post = () => sent(sim, 'POST', '/api/v3/order', from)[0];
    for (let i = 0; i < 100 && !post()?.status; i++) await new Promise((r) => setTimeout(r, 20));
    expect(post()?.status).toBe(400);
    expect(ordersWith('slow-one')).toEqual([]);
  });

  test('no connection at all: not placed, known at once without a lookup', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const client = t.makeClient({
      fetch: (async (input: Request, init?: RequestInit) =>
        (input.method ?? init?.method) === 'POST'
          ? Promise.reject(refused)
          : env.time.fetch(input, init)) as typeof fetch,
    });
    const from = sim.requests().length;
    const error = await client.newOrder(resting({ newClientOrderId: 'refused' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotPlacedError);
    expect((error as OrderNotPlacedError).cause).toMatchObject({ name: 'NetworkError', phase: 'connect' });
    expect((error as Error).message).toMatch(/no connection could be made \(ECONNREFUSED\)/);
    expect(sent(sim, 'GET', '/api/v3/order', from)).toEqual([]);
  });

  test('lookups that keep failing: OrderStatusUnknownError, and nothing is sent again', async () => {
    const client = t.makeClient({ reconcile: { attempts: 2, baseDelayMs: 10 } });
    sim.dropOrderPlacements({ when: 'after' });
    sim.injectRestFault({ kind: 'error', method: 'GET', path: '/api/v3/order', count: 10 });
    const from = sim.requests().length;
    const error = await client
      .newOrder(resting({ newClientOrderId: 'unknowable' }), {
        resendIfNotPlaced: true,
      })
      .catch((e: unknown) => e);
    sim.clearRestFaults();
    expect(error).toBeInstanceOf(OrderStatusUnknownError);
    expect(error).toMatchObject({ clientOrderId: 'unknowable', kind: 'order' });
    expect((error as Error).message).toMatch(/3 lookups failed/);
    expect(sent(sim, 'POST', '/api/v3/order', from)).toHaveLength(1);
    expect(sent(sim, 'GET', '/api/v3/order', from)).toHaveLength(3);
    // It was placed: finding out later is the caller's to do.
    expect(ordersWith('unknowable')).toHaveLength(1);
    await t.client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'unknowable' });
  });
});

describe('order lists and cancelReplace', () => {
  const oco = (listClientOrderId: string) => {
    const bid = Number(sim.orderBook('ETHBTC', 1).bids[0]?.[0]);
    const ask = Number(sim.orderBook('ETHBTC', 1).asks[0]?.[0]);
    return {
      symbol: 'ETHBTC',
      listClientOrderId,
      side: 'SELL',
      quantity: '1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: (ask * 1.05).toFixed(5),
      belowType: 'STOP_LOSS',
      belowStopPrice: (bid * 0.95).toFixed(5),
    } as const;
  };

  test('an OCO placed but its answer lost: the list is returned with its reports, once', async () => {
    sim.dropOrderPlacements({ when: 'after' });
    const list = await t.client.newOrderListOco(oco('oco-after'));
    const truth = await t.client.getOrderList({ origClientOrderId: 'oco-after' });
    expect(list).toMatchObject({ ...truth, orderReports: expect.any(Array) });
    expect(list.orderReports.map((r) => [r.orderId, r.type, r.status])).toEqual([
      [truth.orders[0]?.orderId, 'STOP_LOSS', 'NEW'],
      [truth.orders[1]?.orderId, 'LIMIT_MAKER', 'NEW'],
    ]);
    expect((await t.client.openOrderLists()).filter((l) => l.listClientOrderId === 'oco-after')).toHaveLength(
      1,
    );
    await t.client.cancelOrderList({ symbol: 'ETHBTC', listClientOrderId: 'oco-after' });
  });

  test('an OCO that never arrived: OrderNotPlacedError for the list', async () => {
    sim.dropOrderPlacements({ when: 'before' });
    const error = await t.client.newOrderListOco(oco('oco-before')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotPlacedError);
    expect(error).toMatchObject({ kind: 'orderList', clientOrderId: 'oco-before' });
    expect((await t.client.allOrderLists()).filter((l) => l.listClientOrderId === 'oco-before')).toEqual([]);
  });

  test('cancelReplace: answer lost after both halves happened, rebuilt; never arrived, old order still open', async () => {
    const old = await t.client.newOrder(resting({ newClientOrderId: 'replace-me' }));
    sim.dropOrderPlacements({ when: 'after' });
    const replaced = await t.client.cancelReplace({
      ...resting({ newClientOrderId: 'replacement', quantity: '0.02' }),
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: old.orderId,
    });
    expect(replaced.cancelResult).toBe('SUCCESS');
    expect(replaced.cancelResponse).toMatchObject({ orderId: old.orderId, status: 'CANCELED' });
    expect(replaced.newOrderResponse).toMatchObject({ clientOrderId: 'replacement', origQty: '0.02000000' });
    expect(ordersWith('replacement')).toHaveLength(1);

    sim.dropOrderPlacements({ when: 'before' });
    const error = await t.client
      .cancelReplace({
        ...resting({ newClientOrderId: 'never-arrived' }),
        cancelReplaceMode: 'STOP_ON_FAILURE',
        cancelOrigClientOrderId: 'replacement',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotPlacedError);
    expect(error).toMatchObject({ clientOrderId: 'never-arrived', cancelled: false });
    expect((error as Error).message).toMatch(/the order to replace is still open/);
    expect(ordersWith('replacement')[0]?.status).toBe('NEW');

    // Allowed to resend: since the old order is still open, the whole cancelReplace goes again, once.
    sim.dropOrderPlacements({ when: 'before' });
    const again = await t.client.cancelReplace(
      {
        ...resting({ newClientOrderId: 'second-try' }),
        cancelReplaceMode: 'STOP_ON_FAILURE',
        cancelOrigClientOrderId: 'replacement',
      },
      { resendIfNotPlaced: true },
    );
    expect(again.newOrderResponse.clientOrderId).toBe('second-try');
    expect(ordersWith('replacement')[0]?.status).toBe('CANCELED');
    expect(ordersWith('second-try')).toHaveLength(1);
    await t.client.cancelOpenOrders({ symbol: 'BTCUSDT' });
  });
});
