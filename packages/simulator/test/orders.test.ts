// Orders over REST: every type and response type against the documented samples, matching against
// the book, balances and commissions, query / cancel / open / all orders, myTrades, self-trade
// prevention.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { trading } from './fixtures/trading-samples.js';
import { dec, units } from './helpers/decimal.js';
import { get, manualClock } from './helpers/http.js';
import { shapeOf } from './helpers/shape.js';
import { type Trader, trader } from './helpers/signed.js';

let sim: Simulator;
const clock = manualClock();
const FUNDS = { USDT: '1000000', BTC: '10', ETH: '100' };

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, symbols: 30, now: clock.now, weightLimit: 1_000_000 });
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Fill = { price: string; qty: string; commission: string; commissionAsset: string; tradeId: number };
type Placed = Json & {
  orderId: number;
  clientOrderId: string;
  status: string;
  executedQty: string;
  origQty: string;
  cummulativeQuoteQty: string;
  fills: Fill[];
};

const TICK = 1_000_000n; // BTCUSDT: 0.01
const best = (side: 'bids' | 'asks', n = 0) => {
  const level = sim.orderBook('BTCUSDT', n + 1)[side][n]!;
  return { price: units(level[0]), qty: units(level[1]) };
};
const depthAt = (side: 'bids' | 'asks', price: bigint) =>
  units(sim.orderBook('BTCUSDT')[side].find(([p]) => units(p) === price)?.[1] ?? '0');
const fresh = (options = {}) => trader(sim, 'HMAC', { balances: FUNDS, ...options });
const order = (t: Trader, params: Json) =>
  t.post<Placed>('order', { symbol: 'BTCUSDT', ...params } as Record<string, string>);

describe('placement', () => {
  test('MARKET BUY by quantity: FULL by default, fills take the book level by level, commission in the base asset', async () => {
    const t = fresh();
    const a0 = best('asks', 0);
    const a1 = best('asks', 1);
    const qty = a0.qty + 100_000n; // the first level and 0.001 BTC of the second
    const res = await order(t, { side: 'BUY', type: 'MARKET', quantity: dec(qty) });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(Object.keys(trading.full));
    expect(shapeOf(res.body)).toEqual(shapeOf({ ...trading.full, selfTradePreventionMode: 'EXPIRE_MAKER' }));
    expect(res.body).toMatchObject({ status: 'FILLED', type: 'MARKET', side: 'BUY', price: '0.00000000' });
    expect(res.body.fills.map((f) => [f.price, f.qty])).toEqual([
      [dec(a0.price), dec(a0.qty)],
      [dec(a1.price), '0.00100000'],
    ]);
    const quote = (a0.price * a0.qty + a1.price * 100_000n) / 100_000_000n;
    expect(res.body.cummulativeQuoteQty).toBe(dec(quote));
    const commission = res.body.fills.reduce((n, f) => n + units(f.commission), 0n);
    expect(res.body.fills.every((f) => f.commissionAsset === 'BTC')).toBe(true);
    expect(commission).toBe(qty / 1000n);
    expect(sim.balances(t.apiKey)).toEqual({
      USDT: { free: dec(units(FUNDS.USDT) - quote), locked: '0.00000000' },
      BTC: { free: dec(units(FUNDS.BTC) + qty - commission), locked: '0.00000000' },
      ETH: { free: '100.00000000', locked: '0.00000000' },
    });
    // The fills are the newest trades of the symbol, with the same ids.
    const recent = await get<Array<{ id: number; price: string }>>(
      sim.restUrl,
      '/api/v3/trades?symbol=BTCUSDT&limit=2',
    );
    expect(recent.body.map((x) => x.id)).toEqual(res.body.fills.map((f) => f.tradeId));
  });

  test('MARKET with quoteOrderQty: the quantity is what the budget buys or sells', async () => {
    const t = fresh();
    const buy = await order(t, { side: 'BUY', type: 'MARKET', quoteOrderQty: '1000' });
    expect(buy.body).toMatchObject({ status: 'FILLED', origQuoteOrderQty: '1000.00000000' });
    expect(buy.body.origQty).toBe(buy.body.executedQty);
    expect(units(buy.body.cummulativeQuoteQty)).toBeLessThanOrEqual(units('1000'));
    expect(units(buy.body.cummulativeQuoteQty)).toBeGreaterThan(units('999'));
    const sell = await order(t, {
      side: 'SELL',
      type: 'MARKET',
      quoteOrderQty: '500',
      newOrderRespType: 'RESULT',
    });
    expect(Object.keys(sell.body)).toEqual(Object.keys(trading.result));
    expect(units(sell.body.cummulativeQuoteQty)).toBeLessThanOrEqual(units('500'));
  });

  test('LIMIT GTC below the market rests in the book (depth shows it) with its funds locked', async () => {
    const t = fresh();
    const price = best('bids').price - 5n * TICK;
    const before = depthAt('bids', price);
    const res = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.5',
      price: dec(price),
      newOrderRespType: 'RESULT',
    });
    expect(Object.keys(res.body)).toEqual(Object.keys(trading.result));
    expect(shapeOf(res.body)).toEqual(shapeOf(trading.result));
    expect(res.body).toMatchObject({ status: 'NEW', executedQty: '0.00000000', price: dec(price) });
    expect(depthAt('bids', price)).toBe(before + 50_000_000n);
    const locked = (price * 50_000_000n) / 100_000_000n;
    expect(sim.balances(t.apiKey).USDT).toEqual({
      free: dec(units(FUNDS.USDT) - locked),
      locked: dec(locked),
    });
    const depth = await get<{ bids: string[][] }>(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT&limit=5000');
    expect(depth.body.bids.find(([p]) => p === dec(price))?.[1]).toBe(dec(before + 50_000_000n));
  });

  test('a LIMIT order through the book takes what it can and rests the remainder', async () => {
    const t = fresh();
    const a0 = best('asks');
    const qty = a0.qty + 200_000n;
    const res = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: dec(qty),
      price: dec(a0.price),
    });
    expect(res.body).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: dec(a0.qty) });
    expect(res.body.fills).toHaveLength(1);
    expect(best('bids')).toEqual({ price: a0.price, qty: 200_000n });
    // Buying at or below the limit: the lock covers exactly the remainder at the limit price.
    expect(units(sim.balances(t.apiKey).USDT!.locked)).toBe((a0.price * 200_000n) / 100_000_000n);
  });

  test('IOC expires its remainder; FOK expires untouched when the book cannot fill it', async () => {
    const t = fresh();
    const a0 = best('asks');
    const ioc = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity: dec(a0.qty + 100_000n),
      price: dec(a0.price),
    });
    expect(ioc.body).toMatchObject({
      status: 'EXPIRED',
      executedQty: dec(a0.qty),
      expiryReason: 'UNFILLED_IOC_QUANTITY_EXPIRED',
    });
    const b1 = best('asks');
    const fok = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'FOK',
      quantity: dec(b1.qty + 100_000n),
      price: dec(b1.price),
    });
    expect(fok.body).toMatchObject({
      status: 'EXPIRED',
      executedQty: '0.00000000',
      expiryReason: 'UNFILLED_FOK_ORDER_EXPIRED',
    });
    expect(fok.body.fills).toEqual([]);
    expect(best('asks')).toEqual(b1);
    expect(sim.balances(t.apiKey).USDT!.locked).toBe('0.00000000');
  });

  test('LIMIT_MAKER rests (ACK by default) or is rejected when it would take', async () => {
    const t = fresh();
    const a0 = best('asks');
    const maker = await order(t, {
      side: 'SELL',
      type: 'LIMIT_MAKER',
      quantity: '0.01',
      price: dec(a0.price + 10n * TICK),
    });
    expect(Object.keys(maker.body)).toEqual(Object.keys(trading.ack));
    expect(shapeOf(maker.body)).toEqual(shapeOf(trading.ack));
    const taker = await order(t, {
      side: 'BUY',
      type: 'LIMIT_MAKER',
      quantity: '0.01',
      price: dec(a0.price),
    });
    expect(taker.body).toEqual({ code: -2010, msg: 'Order would immediately match and take.' });
  });

  test('stop orders wait for their trigger: RESULT shape, stopPrice, workingTime -1, iceberg after it', async () => {
    const t = fresh();
    const a0 = best('asks');
    const res = await order(t, {
      side: 'BUY',
      type: 'STOP_LOSS_LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: dec(a0.price + 200n * TICK),
      stopPrice: dec(a0.price + 100n * TICK),
      icebergQty: '0.002',
      newOrderRespType: 'RESULT',
    });
    expect(Object.keys(res.body)).toEqual(Object.keys(trading.resultStopIceberg));
    expect(res.body).toMatchObject({
      status: 'NEW',
      workingTime: -1,
      stopPrice: dec(a0.price + 100n * TICK),
    });
    const immediate = await order(t, {
      side: 'BUY',
      type: 'STOP_LOSS',
      quantity: '0.01',
      stopPrice: dec(a0.price - 100n * TICK),
    });
    expect(immediate.body).toEqual({ code: -2010, msg: 'Order would trigger immediately.' });
  });

  test('an iceberg shows one slice in the book', async () => {
    const t = fresh();
    const price = best('asks').price + 50n * TICK;
    const before = depthAt('asks', price);
    await order(t, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '1',
      price: dec(price),
      icebergQty: '0.1',
    });
    expect(depthAt('asks', price)).toBe(before + 10_000_000n);
  });

  test("newClientOrderId: generated in Binance's style, or the one sent; a duplicate among open orders is -2010", async () => {
    const t = fresh();
    const price = dec(best('bids').price - 100n * TICK);
    const generated = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price,
    });
    expect(generated.body.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    const named = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price,
      newClientOrderId: 'my-order_1',
    });
    expect(named.body.clientOrderId).toBe('my-order_1');
    const again = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price,
      newClientOrderId: 'my-order_1',
    });
    expect(again.body).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
  });

  test('insufficient balance and accounts that may not trade are refused by the matching engine', async () => {
    const poor = trader(sim, 'ED25519', { balances: { USDT: '10' } });
    const res = await order(poor, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '1',
      price: dec(best('bids').price),
    });
    expect(res).toMatchObject({
      status: 400,
      body: { code: -2010, msg: 'Account has insufficient balance for requested action.' },
    });
    const blocked = fresh({ canTrade: false });
    const no = await order(blocked, { side: 'BUY', type: 'MARKET', quantity: '0.001' });
    expect(no.body).toEqual({ code: -2010, msg: 'This account may not place or cancel orders.' });
  });
});

describe('queries and cancels', () => {
  test('query, cancel and the cancelled order as GET order shows it', async () => {
    const t = fresh();
    const price = dec(best('bids').price - 30n * TICK);
    const placed = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.02',
      price,
      newClientOrderId: 'q1',
    });
    const q = await t.get<Json>('order', { symbol: 'BTCUSDT', orderId: placed.body.orderId });
    expect(Object.keys(q.body)).toEqual(Object.keys(trading.query));
    expect(shapeOf(q.body)).toEqual(shapeOf({ ...trading.query, price: '1', origQty: '1' }));
    expect(q.body).toMatchObject({ status: 'NEW', isWorking: true, clientOrderId: 'q1' });
    const byClient = await t.get<Json>('order', { symbol: 'BTCUSDT', origClientOrderId: 'q1' });
    expect(byClient.body).toEqual(q.body);
    expect(
      (await t.get('order', { symbol: 'BTCUSDT', orderId: placed.body.orderId, origClientOrderId: 'other' }))
        .body,
    ).toEqual({
      code: -2039,
      msg: 'Client order ID is not correct for this order ID.',
    });
    expect((await t.get('order', { symbol: 'BTCUSDT', orderId: 999_999 })).body).toEqual({
      code: -2013,
      msg: 'Order does not exist.',
    });
    expect((await t.get('order', { symbol: 'BTCUSDT' })).body).toEqual({
      code: -1102,
      msg: "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!",
    });

    const last = await t.get<Json>('order', { symbol: 'BTCUSDT', orderId: placed.body.orderId });
    const cancel = await t.delete<Json>('order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'q1',
      newClientOrderId: 'cancel-q1',
    });
    expect(Object.keys(cancel.body)).toEqual(Object.keys(trading.cancel));
    expect(cancel.body).toMatchObject({
      origClientOrderId: 'q1',
      clientOrderId: 'cancel-q1',
      status: 'CANCELED',
    });
    // A successful cancel weighs nothing (since 2026-04-02).
    expect(cancel.headers.get('x-mbx-used-weight-1m')).toBe(last.headers.get('x-mbx-used-weight-1m'));
    expect(sim.balances(t.apiKey).USDT!.locked).toBe('0.00000000');
    expect((await t.delete('order', { symbol: 'BTCUSDT', orderId: placed.body.orderId })).body).toEqual({
      code: -2011,
      msg: 'Unknown order sent.',
    });
  });

  test('cancelRestrictions', async () => {
    const t = fresh();
    const placed = await order(t, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.02',
      price: dec(best('bids').price - 30n * TICK),
    });
    const id = placed.body.orderId;
    expect(
      (
        await t.delete('order', {
          symbol: 'BTCUSDT',
          orderId: id,
          cancelRestrictions: 'ONLY_PARTIALLY_FILLED',
        })
      ).body,
    ).toEqual({
      code: -2011,
      msg: 'Order was not canceled due to cancel restrictions.',
    });
    expect(
      (await t.delete('order', { symbol: 'BTCUSDT', orderId: id, cancelRestrictions: 'SOMETIMES' })).body,
    ).toEqual({
      code: -1145,
      msg: 'Invalid cancelRestrictions',
    });
    expect(
      (await t.delete('order', { symbol: 'BTCUSDT', orderId: id, cancelRestrictions: 'ONLY_NEW' })).status,
    ).toBe(200);
  });

  test('a cancelled stop order reports its stopPrice', async () => {
    const t = fresh();
    const placed = await order(t, {
      side: 'SELL',
      type: 'STOP_LOSS_LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: dec(best('bids').price - 200n * TICK),
      stopPrice: dec(best('bids').price - 100n * TICK),
    });
    const cancel = await t.delete<Json>('order', { symbol: 'BTCUSDT', orderId: placed.body.orderId });
    expect(Object.keys(cancel.body)).toEqual(Object.keys(trading.cancelStop));
  });

  test('openOrders, allOrders and cancel all open orders', async () => {
    const t = fresh();
    const price = best('bids').price - 40n * TICK;
    for (let i = 0; i < 3; i++) {
      await order(t, {
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.01',
        price: dec(price - BigInt(i) * TICK),
      });
    }
    await order(t, { side: 'BUY', type: 'MARKET', quantity: '0.001' });
    const open = await t.get<Json[]>('openOrders', { symbol: 'BTCUSDT' });
    expect(open.body).toHaveLength(3);
    expect(open.headers.get('x-mbx-used-weight-1m')).toBeTruthy();
    for (const o of open.body) expect(Object.keys(o)).toEqual(Object.keys(trading.query));
    const everywhere = await t.get<Json[]>('openOrders');
    expect(everywhere.body).toHaveLength(3);
    const all = await t.get<Json[]>('allOrders', { symbol: 'BTCUSDT' });
    expect(all.body.map((o) => o.status)).toEqual(['NEW', 'NEW', 'NEW', 'FILLED']);
    const fromId = await t.get<Json[]>('allOrders', {
      symbol: 'BTCUSDT',
      orderId: all.body[2]!.orderId as number,
    });
    expect(fromId.body).toHaveLength(2);
    expect((await t.get('allOrders', { symbol: 'BTCUSDT', startTime: 0, endTime: 86_400_001 })).body).toEqual(
      {
        code: -1127,
        msg: 'More than 24 hours between startTime and endTime.',
      },
    );
    const cancelled = await t.delete<Json[]>('openOrders', { symbol: 'BTCUSDT' });
    expect(cancelled.body).toHaveLength(3);
    for (const c of cancelled.body) expect(Object.keys(c)).toEqual(Object.keys(trading.cancel));
    expect(new Set(cancelled.body.map((c) => c.clientOrderId)).size).toBe(1);
    expect((await t.delete('openOrders', { symbol: 'BTCUSDT' })).body).toEqual({
      code: -2011,
      msg: 'Unknown order sent.',
    });
  });
});

describe('account endpoints', () => {
  test('account (omitZeroBalances), account/commission and order/test with commission rates', async () => {
    const t = fresh({ commissionRates: { maker: '0.0008', taker: '0.001', buyer: '0.0001' } });
    sim.setBalances(t.apiKey, { BTC: '0' });
    const acct = await t.get<Json & { balances: Json[] }>('account');
    expect(Object.keys(acct.body)).toEqual(Object.keys(trading.account));
    expect(shapeOf({ ...acct.body, balances: acct.body.balances.slice(0, 1) })).toEqual(
      shapeOf(trading.account),
    );
    expect(acct.body).toMatchObject({
      makerCommission: 8,
      takerCommission: 10,
      buyerCommission: 1,
      sellerCommission: 0,
    });
    expect(acct.body.balances.map((b) => b.asset)).toEqual(['USDT', 'BTC', 'ETH']);
    const nonZero = await t.get<{ balances: Json[] }>('account', { omitZeroBalances: true });
    expect(nonZero.body.balances.map((b) => b.asset)).toEqual(['USDT', 'ETH']);

    const c = await t.get<Json>('account/commission', { symbol: 'BTCUSDT' });
    expect(shapeOf(c.body)).toEqual(shapeOf(trading.commission));
    expect(c.body.standardCommission).toEqual({
      maker: '0.00080000',
      taker: '0.00100000',
      buyer: '0.00010000',
      seller: '0.00000000',
    });

    const test1 = await t.post('order/test', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
    });
    expect(test1.body).toEqual({});
    expect(test1.headers.get('x-mbx-used-weight-1m')).toBe(
      String(Number(c.headers.get('x-mbx-used-weight-1m')) + 1),
    );
    const rates = await t.post<Json>('order/test', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
      computeCommissionRates: true,
    });
    expect(shapeOf(rates.body)).toEqual(shapeOf(trading.testCommission));
    expect(rates.body.standardCommissionForOrder).toEqual({ maker: '0.00090000', taker: '0.00110000' });
  });

  test('myTrades: shape, orderId, fromId and the documented combinations', async () => {
    const t = fresh();
    const first = await order(t, { side: 'BUY', type: 'MARKET', quantity: '0.002' });
    clock.advance(1000);
    const second = await order(t, { side: 'SELL', type: 'MARKET', quantity: '0.001' });
    const all = await t.get<Array<Json & { id: number; orderId: number }>>('myTrades', { symbol: 'BTCUSDT' });
    expect(Object.keys(all.body[0]!)).toEqual(Object.keys(trading.myTrade));
    expect(shapeOf(all.body[0])).toEqual(shapeOf(trading.myTrade));
    expect(all.body.map((x) => x.orderId)).toEqual([
      ...first.body.fills.map(() => first.body.orderId),
      ...second.body.fills.map(() => second.body.orderId),
    ]);
    expect(all.body[0]).toMatchObject({
      isBuyer: true,
      isMaker: false,
      isBestMatch: true,
      commissionAsset: 'BTC',
    });
    const byOrder = await t.get<Json[]>('myTrades', { symbol: 'BTCUSDT', orderId: second.body.orderId });
    expect(byOrder.body).toHaveLength(second.body.fills.length);
    expect(byOrder.headers.get('x-mbx-used-weight-1m')).toBe(
      String(Number(all.headers.get('x-mbx-used-weight-1m')) + 5),
    );
    const from = await t.get<Json[]>('myTrades', { symbol: 'BTCUSDT', fromId: all.body.at(-1)!.id });
    expect(from.body).toHaveLength(1);
    const since = await t.get<Json[]>('myTrades', { symbol: 'BTCUSDT', startTime: sim.now() });
    expect(since.body).toHaveLength(second.body.fills.length);
    const limited = await t.get<Json[]>('myTrades', { symbol: 'BTCUSDT', limit: 1 });
    expect(limited.body).toEqual([all.body.at(-1)]);
    const bad = await t.get('myTrades', { symbol: 'BTCUSDT', fromId: 1, startTime: sim.now() });
    expect(bad.body).toEqual({ code: -1128, msg: 'Combination of optional parameters invalid.' });
  });

  test('myAllocations (no SOR: none, after validating) and myFilters', async () => {
    const t = fresh();
    await order(t, { side: 'BUY', type: 'MARKET', quantity: '0.001' });
    const allocations = await t.get('myAllocations', { symbol: 'BTCUSDT' });
    expect(allocations).toMatchObject({ status: 200, body: [] });
    expect(allocations.headers.get('x-mbx-used-weight-1m')).toBeTruthy();
    expect((await t.get('myAllocations', { symbol: 'NOPEUSDT' })).body).toEqual({
      code: -1121,
      msg: 'Invalid symbol.',
    });
    const filters = await t.get<{ exchangeFilters: Json[]; symbolFilters: Json[]; assetFilters: Json[] }>(
      'myFilters',
      {
        symbol: 'BTCUSDT',
      },
    );
    expect(Object.keys(filters.body)).toEqual(['exchangeFilters', 'symbolFilters', 'assetFilters']);
    expect(filters.body.symbolFilters.map((f) => f.filterType)).toContain('MAX_NUM_ORDER_LISTS');
    expect(filters.body.assetFilters).toEqual([]);
  });

  test('two accounts trade with each other: maker and taker commissions, both balances', async () => {
    const maker = fresh({ commissionRates: { maker: '0.0002', taker: '0.001' } });
    const taker = fresh();
    const price = best('asks').price - TICK; // inside the spread
    await order(maker, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.3',
      price: dec(price),
    });
    const res = await order(taker, { side: 'BUY', type: 'MARKET', quantity: '0.3' });
    expect(res.body.fills.map((f) => [f.price, f.qty])).toEqual([[dec(price), '0.30000000']]);
    const quote = (price * 30_000_000n) / 100_000_000n;
    const [mt] = (await maker.get<Array<Json>>('myTrades', { symbol: 'BTCUSDT' })).body;
    expect(mt).toMatchObject({
      isMaker: true,
      isBuyer: false,
      commissionAsset: 'USDT',
      commission: dec(quote / 5000n),
    });
    expect(sim.balances(maker.apiKey)).toMatchObject({
      USDT: { free: dec(units(FUNDS.USDT) + quote - quote / 5000n), locked: '0.00000000' },
      BTC: { free: dec(units(FUNDS.BTC) - 30_000_000n), locked: '0.00000000' },
    });
    expect(mt!.id).toBe(res.body.fills[0]!.tradeId);
  });
});

describe('self-trade prevention', () => {
  const setup = async (stp?: string) => {
    const t = fresh();
    const price = best('asks').price - TICK;
    const maker = await order(t, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.2',
      price: dec(price),
    });
    const params: Json = {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.1',
      price: dec(price),
    };
    if (stp) params.selfTradePreventionMode = stp;
    const taker = await order(t, params);
    const makerNow = await t.get<Json>('order', { symbol: 'BTCUSDT', orderId: maker.body.orderId });
    await t.delete('openOrders', { symbol: 'BTCUSDT' }); // leave the book as it was
    return { t, maker: makerNow.body, taker: taker.body, price };
  };

  test('EXPIRE_MAKER (the symbols’ default): the resting order expires in match, the taker rests', async () => {
    const { t, maker, taker, price } = await setup();
    expect(maker).toMatchObject({ status: 'EXPIRED_IN_MATCH', preventedQuantity: '0.20000000' });
    expect(taker).toMatchObject({ status: 'NEW', selfTradePreventionMode: 'EXPIRE_MAKER', fills: [] });
    expect(taker.preventedMatches).toEqual([
      {
        preventedMatchId: expect.any(Number),
        makerOrderId: maker.orderId,
        price: dec(price),
        makerPreventedQuantity: '0.20000000',
      },
    ]);
    const prevented = await t.get<Json[]>('myPreventedMatches', {
      symbol: 'BTCUSDT',
      orderId: taker.orderId as number,
    });
    expect(Object.keys(prevented.body[0]!)).toEqual(Object.keys(trading.preventedMatch));
    expect(prevented.body[0]).toMatchObject({
      takerOrderId: taker.orderId,
      makerOrderId: maker.orderId,
      tradeGroupId: -1,
    });
    const byId = await t.get<Json[]>('myPreventedMatches', {
      symbol: 'BTCUSDT',
      preventedMatchId: prevented.body[0]!.preventedMatchId as number,
    });
    expect(byId.body).toEqual(prevented.body);
  });

  test('EXPIRE_TAKER, EXPIRE_BOTH, DECREMENT and NONE', async () => {
    const expireTaker = await setup('EXPIRE_TAKER');
    expect(expireTaker.taker).toMatchObject({ status: 'EXPIRED_IN_MATCH', preventedQuantity: '0.10000000' });
    expect(expireTaker.maker).toMatchObject({ status: 'NEW' });
    const both = await setup('EXPIRE_BOTH');
    expect([both.taker.status, both.maker.status]).toEqual(['EXPIRED_IN_MATCH', 'EXPIRED_IN_MATCH']);
    const decrement = await setup('DECREMENT');
    expect(decrement.taker).toMatchObject({ status: 'EXPIRED_IN_MATCH', preventedQuantity: '0.10000000' });
    expect(decrement.maker).toMatchObject({ status: 'NEW', executedQty: '0.00000000' });
    const none = await setup('NONE');
    expect(none.taker).toMatchObject({ status: 'FILLED', executedQty: '0.10000000' });
    expect(none.maker).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.10000000' });
    const transfer = await order(expireTaker.t, {
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
      selfTradePreventionMode: 'TRANSFER',
    });
    expect(transfer.body).toEqual({
      code: -1013,
      msg: 'This symbol does not allow the specified self-trade prevention mode.',
    });
  });
});
