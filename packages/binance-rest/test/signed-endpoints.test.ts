// Every signed account and trading endpoint against the simulator, once with each key type (HMAC,
// RSA, Ed25519): what is sent (signed form bodies for POST/PUT/DELETE, query strings for GET), what
// comes back (typed, exact decimals, the state the simulator holds), and the weights charged.

import type { Order, OrderResult, RestClient } from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { type KeyType, recorder, type Setup, sent, setup, trader } from './helpers.js';

const DECIMAL = /^\d+\.\d{8}$/;

describe.each<KeyType>(['HMAC', 'RSA', 'ED25519'])('signed endpoints with an %s key', (keyType) => {
  let env: Setup;
  let sim: Simulator;
  let client: RestClient;
  let apiKey: string;
  const rec = recorder();

  beforeAll(async () => {
    env = await setup();
    sim = env.sim;
    const t = trader(env, keyType, { client: { logger: rec.logger } });
    client = t.client;
    apiKey = t.apiKey;
  });
  afterAll(() => sim.close());

  /** A price `ticks` ticks below ETHBTC's best bid (tick 0.00001). */
  const belowBid = (ticks: number) => {
    const bid = Number(sim.orderBook('ETHBTC', 1).bids[0]?.[0]);
    return (bid - ticks * 0.00001).toFixed(5);
  };

  test('account, commission rates, order count, filters, allocations', async () => {
    const account = await client.account();
    expect(account.canTrade).toBe(true);
    expect(account.accountType).toBe('SPOT');
    expect(account.balances.find((b) => b.asset === 'USDT')).toEqual({
      asset: 'USDT',
      free: '1000000.00000000',
      locked: '0.00000000',
    });
    const nonZero = await client.account({ omitZeroBalances: true });
    expect(nonZero.balances.every((b) => b.free !== '0.00000000' || b.locked !== '0.00000000')).toBe(true);
    expect(sent(sim, 'GET', '/api/v3/account').at(-1)?.query).toMatch(
      /^omitZeroBalances=true&timestamp=\d+&signature=[^&]+$/,
    );

    const rates = await client.commissionRates({ symbol: 'BTCUSDT' });
    expect(rates.symbol).toBe('BTCUSDT');
    expect(rates.standardCommission.maker).toMatch(DECIMAL);
    expect(rates.discount.discountAsset).toBe('BNB');

    const counts = await client.orderRateLimit();
    expect(counts.map((c) => [c.interval, c.intervalNum, c.limit])).toEqual([
      ['SECOND', 10, 100],
      ['DAY', 1, 200000],
    ]);
    const filters = await client.myFilters({ symbol: 'BTCUSDT' });
    expect(filters.symbolFilters.map((f) => f.filterType)).toContain('MAX_NUM_ORDERS');
    expect(filters.exchangeFilters.map((f) => f.filterType)).toContain('EXCHANGE_MAX_NUM_ORDERS');
    expect(await client.myAllocations({ symbol: 'BTCUSDT' })).toEqual([]);
    // The GET weights the client budgeted are the ones the simulator charged.
    const gets = sim.requests().filter((r) => r.method === 'GET' && r.path !== '/api/v3/time');
    expect(gets.map((r) => r.weight)).toEqual([20, 20, 20, 40, 40, 20]);
  });

  test("an order's life: placed, queried, amended, partly filled, canceled", async () => {
    const price = belowBid(50);
    const placed = await client.newOrder({
      symbol: 'ETHBTC',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '2',
      price,
      newOrderRespType: 'RESULT',
    });
    expectTypeOf(placed).toEqualTypeOf<OrderResult>();
    expect(placed).toMatchObject({
      symbol: 'ETHBTC',
      orderListId: -1,
      price: `${price}000`,
      origQty: '2.00000000',
      status: 'NEW',
      type: 'LIMIT',
      side: 'BUY',
    });
    // The client generated the client order id, and the order went as a signed form body.
    expect(placed.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    const post = sent(sim, 'POST', '/api/v3/order').at(-1);
    expect(post?.query).toBe('');
    expect(post?.body).toMatch(
      new RegExp(
        `^symbol=ETHBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=2&price=${price}&newClientOrderId=${placed.clientOrderId}&newOrderRespType=RESULT&timestamp=\\d+&signature=.+$`,
      ),
    );
    expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(post?.headers['x-mbx-apikey']).toBe(apiKey);

    const byId = await client.getOrder({ symbol: 'ETHBTC', orderId: placed.orderId });
    const byClientId = await client.getOrder({ symbol: 'ETHBTC', origClientOrderId: placed.clientOrderId });
    expectTypeOf(byId).toEqualTypeOf<Order>();
    expect(byClientId).toEqual(byId);
    expect(byId).toMatchObject({ status: 'NEW', isWorking: true, stopPrice: '0.00000000' });
    expect((await client.openOrders({ symbol: 'ETHBTC' })).map((o) => o.orderId)).toEqual([placed.orderId]);
    expect((await client.openOrders()).map((o) => o.orderId)).toEqual([placed.orderId]);
    expect(
      sent(sim, 'GET', '/api/v3/openOrders')
        .map((r) => r.weight)
        .slice(-2),
    ).toEqual([6, 80]);

    const amended = await client.amendOrder({ symbol: 'ETHBTC', orderId: placed.orderId, newQty: '1.5' });
    expect(amended.amendedOrder).toMatchObject({ orderId: placed.orderId, qty: '1.50000000', status: 'NEW' });
    expect(sent(sim, 'PUT', '/api/v3/order/amend/keepPriority').at(-1)?.body).toMatch(
      /newQty=1\.5&timestamp=/,
    );
    const amendments = await client.orderAmendments({ symbol: 'ETHBTC', orderId: placed.orderId });
    expect(amendments).toEqual([
      expect.objectContaining({
        origQty: '2.00000000',
        newQty: '1.50000000',
        executionId: amended.executionId,
      }),
    ]);

    sim.fillOrder(apiKey, 'ETHBTC', Number(placed.orderId), '0.5');
    const trades = await client.myTrades({ symbol: 'ETHBTC', orderId: placed.orderId });
    expect(trades).toEqual([
      expect.objectContaining({ orderId: placed.orderId, qty: '0.50000000', isBuyer: true, isMaker: true }),
    ]);
    expect(sent(sim, 'GET', '/api/v3/myTrades').at(-1)?.weight).toBe(5);

    const canceled = await client.cancelOrder({ symbol: 'ETHBTC', orderId: placed.orderId });
    expect(canceled).toMatchObject({
      orderId: placed.orderId,
      // The amendment gave the order a new client id.
      origClientOrderId: amended.amendedOrder.clientOrderId,
      status: 'CANCELED',
      executedQty: '0.50000000',
    });
    expect(sent(sim, 'DELETE', '/api/v3/order').at(-1)?.body).toMatch(
      /^symbol=ETHBTC&orderId=\d+&timestamp=/,
    );
    const all = await client.allOrders({ symbol: 'ETHBTC' });
    expect(all.at(-1)).toMatchObject({ orderId: placed.orderId, status: 'CANCELED' });
    expect(await client.openOrders({ symbol: 'ETHBTC' })).toEqual([]);
  });

  test('MARKET orders with fills, test orders with commission rates', async () => {
    expect(
      await client.testOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100' }),
    ).toEqual({});
    const rates = await client.testOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '100',
      computeCommissionRates: true,
    });
    expect(rates.standardCommissionForOrder.taker).toMatch(DECIMAL);
    expect(sent(sim, 'POST', '/api/v3/order/test').map((r) => r.weight)).toEqual([1, 20]);
    expect(sim.orders(apiKey, 'BTCUSDT')).toEqual([]);

    const bought = await client.newOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '100',
    });
    expect(bought.status).toBe('FILLED');
    expect(bought.fills.length).toBeGreaterThan(0);
    const filled = bought.fills.reduce((sum, f) => sum + Number(f.qty), 0);
    expect(filled).toBeCloseTo(Number(bought.executedQty), 10);
    const mine = await client.myTrades({ symbol: 'BTCUSDT' });
    expect(mine.map((t) => t.id)).toEqual(bought.fills.map((f) => f.tradeId));

    const sold = await client.newOrder({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: bought.executedQty,
      newOrderRespType: 'ACK',
    });
    expect(Object.keys(sold)).toEqual(['symbol', 'orderId', 'orderListId', 'clientOrderId', 'transactTime']);
  });

  test('cancelReplace and cancelOpenOrders', async () => {
    const first = await client.newOrder({
      symbol: 'ETHBTC',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '1',
      price: belowBid(40),
    });
    const replaced = await client.cancelReplace({
      symbol: 'ETHBTC',
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: first.orderId,
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '1.2',
      price: belowBid(45),
    });
    expect(replaced.cancelResult).toBe('SUCCESS');
    expect(replaced.newOrderResult).toBe('SUCCESS');
    expect(replaced.cancelResponse).toMatchObject({ orderId: first.orderId, status: 'CANCELED' });
    expect(replaced.newOrderResponse).toMatchObject({ origQty: '1.20000000', status: 'NEW', fills: [] });

    // Cancelling an order that is gone: -2022 with both outcomes in `data`, verbatim.
    const failed = await client
      .cancelReplace({
        symbol: 'ETHBTC',
        cancelReplaceMode: 'STOP_ON_FAILURE',
        cancelOrderId: first.orderId,
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '1',
        price: belowBid(45),
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({
      name: 'ApiError',
      status: 400,
      code: -2022,
      msg: 'Order cancel-replace failed.',
      data: {
        cancelResult: 'FAILURE',
        newOrderResult: 'NOT_ATTEMPTED',
        cancelResponse: { code: -2011, msg: 'Unknown order sent.' },
        newOrderResponse: null,
      },
    });

    await client.newOrder({
      symbol: 'ETHBTC',
      side: 'SELL',
      type: 'LIMIT_MAKER',
      quantity: '1',
      price: (Number(sim.orderBook('ETHBTC', 1).asks[0]?.[0]) + 0.001).toFixed(5),
    });
    const gone = await client.cancelOpenOrders({ symbol: 'ETHBTC' });
    expect(gone.map((r) => ('status' in r ? r.status : r.listOrderStatus))).toEqual(['CANCELED', 'CANCELED']);
    expect(await client.openOrders({ symbol: 'ETHBTC' })).toEqual([]);
  });

  test('order lists: OCO, OTO and OTOCO placed, queried and canceled', async () => {
    const bid = Number(sim.orderBook('ETHBTC', 1).bids[0]?.[0]);
    const ask = Number(sim.orderBook('ETHBTC', 1).asks[0]?.[0]);
    const oco = await client.newOrderListOco({
      symbol: 'ETHBTC',
      side: 'SELL',
      quantity: '1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: (ask * 1.05).toFixed(5),
      belowType: 'STOP_LOSS_LIMIT',
      belowStopPrice: (bid * 0.95).toFixed(5),
      belowPrice: (bid * 0.94).toFixed(5),
      belowTimeInForce: 'GTC',
    });
    expect(oco).toMatchObject({
      contingencyType: 'OCO',
      listStatusType: 'EXEC_STARTED',
      listOrderStatus: 'EXECUTING',
    });
    expect(oco.listClientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    // RESULT reports unless asked otherwise.
    expect(oco.orderReports.map((r) => [r.type, r.status])).toEqual([
      ['STOP_LOSS_LIMIT', 'NEW'],
      ['LIMIT_MAKER', 'NEW'],
    ]);
    expect(sent(sim, 'POST', '/api/v3/orderList/oco').at(-1)?.body).toMatch(/newOrderRespType=RESULT/);

    const oto = await client.newOrderListOto({
      symbol: 'ETHBTC',
      workingType: 'LIMIT',
      workingSide: 'BUY',
      workingPrice: (bid * 0.98).toFixed(5),
      workingQuantity: '1',
      workingTimeInForce: 'GTC',
      pendingType: 'LIMIT_MAKER',
      pendingSide: 'SELL',
      pendingPrice: (ask * 1.1).toFixed(5),
      pendingQuantity: '1',
      newOrderRespType: 'ACK',
    });
    expect(oto.contingencyType).toBe('OTO');
    expect(Object.keys(oto.orderReports[0] ?? {})).toEqual([
      'symbol',
      'orderId',
      'orderListId',
      'clientOrderId',
      'transactTime',
    ]);

    const otoco = await client.newOrderListOtoco({
      symbol: 'ETHBTC',
      workingType: 'LIMIT',
      workingSide: 'BUY',
      workingPrice: (bid * 0.97).toFixed(5),
      workingQuantity: '1',
      workingTimeInForce: 'GTC',
      pendingSide: 'SELL',
      pendingQuantity: '1',
      pendingAboveType: 'LIMIT_MAKER',
      pendingAbovePrice: (ask * 1.2).toFixed(5),
      pendingBelowType: 'STOP_LOSS',
      pendingBelowStopPrice: (bid * 0.9).toFixed(5),
      newOrderRespType: 'FULL',
    });
    expect(otoco.orderReports.map((r) => r.status)).toEqual(['NEW', 'PENDING_NEW', 'PENDING_NEW']);
    expect(otoco.orderReports[0]?.fills).toEqual([]);

    const byId = await client.getOrderList({ orderListId: oco.orderListId });
    const byClientId = await client.getOrderList({ origClientOrderId: oco.listClientOrderId });
    expect(byClientId).toEqual(byId);
    expect(byId.orders.map((o) => o.orderId)).toEqual(oco.orders.map((o) => o.orderId));
    const open = await client.openOrderLists();
    expect(open.map((l) => l.orderListId)).toEqual([oco.orderListId, oto.orderListId, otoco.orderListId]);

    const canceled = await client.cancelOrderList({ symbol: 'ETHBTC', orderListId: oco.orderListId });
    expect(canceled).toMatchObject({ listStatusType: 'ALL_DONE', listOrderStatus: 'ALL_DONE' });
    expect(canceled.orderReports.map((r) => r.status)).toEqual(['CANCELED', 'CANCELED']);
    // A leg's cancel cancels its list, and the answer is the list.
    const leg = await client.cancelOrder({ symbol: 'ETHBTC', orderId: oto.orders[0]?.orderId ?? 0 });
    expect('orderReports' in leg && leg.orderListId).toBe(oto.orderListId);
    await client.cancelOrderList({ symbol: 'ETHBTC', listClientOrderId: otoco.listClientOrderId });
    expect(await client.openOrderLists()).toEqual([]);
    const lists = await client.allOrderLists();
    expect(lists.map((l) => [l.orderListId, l.listOrderStatus])).toEqual([
      [oco.orderListId, 'ALL_DONE'],
      [oto.orderListId, 'ALL_DONE'],
      [otoco.orderListId, 'ALL_DONE'],
    ]);
  });

  test('prevented matches: self-trade prevention, by order and by id', async () => {
    // Inside the spread: the maker is the best ask, and the taker meets it first.
    const price = (Number(sim.orderBook('BTCUSDT', 1).asks[0]?.[0]) - 0.01).toFixed(2);
    const order = { symbol: 'BTCUSDT', type: 'LIMIT', timeInForce: 'GTC', price } as const;
    const maker = await client.newOrder({ ...order, side: 'SELL', quantity: '0.2' });
    const taker = await client.newOrder({
      ...order,
      side: 'BUY',
      quantity: '0.1',
      selfTradePreventionMode: 'EXPIRE_TAKER',
    });
    expect(taker.status).toBe('EXPIRED_IN_MATCH');
    const byOrder = await client.myPreventedMatches({ symbol: 'BTCUSDT', orderId: taker.orderId });
    expect(byOrder).toEqual([
      expect.objectContaining({
        takerOrderId: taker.orderId,
        makerOrderId: maker.orderId,
        selfTradePreventionMode: 'EXPIRE_TAKER',
      }),
    ]);
    const [match] = byOrder;
    const byId = await client.myPreventedMatches({
      symbol: 'BTCUSDT',
      preventedMatchId: match?.preventedMatchId ?? 0,
    });
    expect(byId).toEqual(byOrder);
    expect(sent(sim, 'GET', '/api/v3/myPreventedMatches').map((r) => r.weight)).toEqual([20, 2]);
    await client.cancelOrder({ symbol: 'BTCUSDT', orderId: maker.orderId });
  });
});
