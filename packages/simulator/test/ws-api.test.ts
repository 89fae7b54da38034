// The WebSocket API over a plain `ws` client: envelope and rate limits, signed requests and session
// logon (Ed25519), user-data stream subscriptions and the events accounts' orders produce.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { trading } from './fixtures/trading-samples.js';
import { dec, units } from './helpers/decimal.js';
import { manualClock } from './helpers/http.js';
import { shapeOf } from './helpers/shape.js';
import { type ParamValue, type Trader, trader, wsPayload } from './helpers/signed.js';
import { connect, isObject, type TestClient } from './helpers/ws.js';

let sim: Simulator;
const clock = manualClock();
const FUNDS = { USDT: '1000000', BTC: '10' };
const S = 'BTCUSDT';
const TICK = 1_000_000n;

beforeAll(async () => {
  sim = await startSimulator({ seed: 29, symbols: 20, now: clock.now, weightLimit: 1_000_000 });
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Reply = Json & { id: unknown; status: number; result?: Json; error?: { code: number; msg: string } };
type Event = { subscriptionId: number; event: Json & { e: string } };

let nextId = 1;
const call = async (c: TestClient, method: string, params?: Record<string, ParamValue>): Promise<Reply> =>
  (await c.request({ id: nextId++, method, ...(params ? { params } : {}) })) as Reply;

/** Signed parameters: sorted, raw UTF-8, apiKey included. */
const signed = (t: Trader, params: Record<string, ParamValue> = {}) => {
  const all = { ...params, apiKey: t.apiKey, timestamp: sim.now() };
  return { ...all, signature: t.key.sign(wsPayload(all)) };
};

const isEvent =
  (e: string, check: (ev: Json) => boolean = () => true) =>
  (d: unknown) =>
    isObject(d) && isObject(d.event) && d.event.e === e && check(d.event);

const bid = () => units(sim.orderBook(S, 1).bids[0]![0]);
const ask = () => units(sim.orderBook(S, 1).asks[0]![0]);

describe('envelope', () => {
  test('time and ping; rateLimits unless returnRateLimits is false', async () => {
    const c = await connect(sim.wsApiUrl);
    const time = await call(c, 'time');
    expect(Object.keys(time)).toEqual(['id', 'status', 'result', 'rateLimits']);
    expect(time).toMatchObject({ status: 200, result: { serverTime: sim.now() } });
    expect(time.rateLimits).toEqual([
      {
        rateLimitType: 'REQUEST_WEIGHT',
        interval: 'MINUTE',
        intervalNum: 1,
        limit: 1_000_000,
        count: expect.any(Number),
      },
    ]);
    const quiet = await call(c, 'ping', { returnRateLimits: false });
    expect(quiet).toEqual({ id: quiet.id, status: 200, result: {} });
    const versioned = await call(c, 'v3/time');
    expect(versioned.status).toBe(200);
    c.close();
    const noLimits = await connect(`${sim.wsApiUrl}?returnRateLimits=false`);
    const t = await call(noLimits, 'time');
    expect(t).not.toHaveProperty('rateLimits');
    expect(await call(noLimits, 'time', { returnRateLimits: true })).toHaveProperty('rateLimits');
    noLimits.send('not json');
    expect(await noLimits.next((d) => isObject(d) && d.id === null)).toEqual({
      id: null,
      status: 400,
      error: { code: -1135, msg: 'Invalid JSON Request' },
    });
    noLimits.close();
  });

  test('market data methods answer as their REST endpoints', async () => {
    const c = await connect(`${sim.wsApiUrl}?returnRateLimits=false`);
    const depth = await call(c, 'depth', { symbol: S, limit: 5 });
    expect(depth.result).toMatchObject({ bids: expect.any(Array), asks: expect.any(Array) });
    const price = await call(c, 'ticker.price', { symbol: S });
    expect(price.result).toMatchObject({ symbol: S });
    const bad = await call(c, 'depth', { symbol: 'NOPE' });
    expect(bad).toEqual({ id: bad.id, status: 400, error: { code: -1121, msg: 'Invalid symbol.' } });
    c.close();
  });
});

describe('signed requests and sessions', () => {
  test('order.place, order.status, order.cancel and account.status with a signature (HMAC)', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    const price = dec(bid() - 100n * TICK);
    const placed = await call(
      c,
      'order.place',
      signed(t, { symbol: S, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price }),
    );
    expect(placed.status).toBe(200);
    expect(Object.keys(placed.result!)).toEqual(Object.keys(trading.full));
    expect((placed.rateLimits as Json[]).map((r) => [r.rateLimitType, r.interval, r.count])).toEqual([
      ['ORDERS', 'SECOND', 1],
      ['ORDERS', 'DAY', 1],
      ['REQUEST_WEIGHT', 'MINUTE', expect.any(Number)],
    ]);
    const orderId = placed.result!.orderId as number;
    const status = await call(c, 'order.status', signed(t, { symbol: S, orderId }));
    expect(Object.keys(status.result!)).toEqual(Object.keys(trading.query));
    const account = await call(c, 'account.status', signed(t, { omitZeroBalances: true }));
    expect(Object.keys(account.result!)).toEqual(Object.keys(trading.account));
    const cancel = await call(c, 'order.cancel', signed(t, { symbol: S, orderId }));
    expect(cancel.result).toMatchObject({ orderId, status: 'CANCELED' });
    const forged = await call(c, 'account.status', { ...signed(t), signature: '0'.repeat(64) });
    expect(forged.error).toEqual({ code: -1022, msg: 'Signature for this request is not valid.' });
    const unsigned = await call(c, 'account.status', { timestamp: sim.now() });
    expect(unsigned.error).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed.",
    });
    c.close();
  });

  test('session.logon (Ed25519 only), session.status, requests without signatures, session.logout', async () => {
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    const before = await call(c, 'session.status');
    expect(before.result).toMatchObject({ apiKey: null, authorizedSince: null, userDataStream: false });
    const logon = await call(c, 'session.logon', signed(t));
    expect(logon.status).toBe(200);
    expect(Object.keys(logon.result!)).toEqual(Object.keys(trading.sessionStatus));
    expect(shapeOf(logon.result)).toEqual(shapeOf({ ...trading.sessionStatus, returnRateLimits: true }));
    expect(logon.result).toMatchObject({
      apiKey: t.apiKey,
      authorizedSince: sim.now(),
      returnRateLimits: true,
    });
    const account = await call(c, 'account.status', { timestamp: sim.now() });
    expect(account.status).toBe(200);
    const stale = await call(c, 'account.status', { timestamp: sim.now() - 60_000 });
    expect(stale.error).toEqual({
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    const logout = await call(c, 'session.logout');
    expect(logout.result).toMatchObject({ apiKey: null, authorizedSince: null });
    expect((await call(c, 'account.status', { timestamp: sim.now() })).status).toBe(400);

    const hmac = trader(sim, 'HMAC');
    const refused = await call(c, 'session.logon', signed(hmac));
    expect(refused.error).toEqual({ code: -1002, msg: 'You are not authorized to execute this request.' });
    c.close();
  });
});

describe('user data stream', () => {
  test('subscribe after logon; executionReport and outboundAccountPosition for orders placed over REST', async () => {
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    expect((await call(c, 'userDataStream.subscribe')).error).toEqual({
      code: -1002,
      msg: 'You are not authorized to execute this request.',
    });
    await call(c, 'session.logon', signed(t));
    const sub = await call(c, 'userDataStream.subscribe');
    expect(sub.result).toEqual({ subscriptionId: 0 });
    expect((await call(c, 'userDataStream.subscribe')).error).toEqual({
      code: -2035,
      msg: 'User Data Stream subscription already active.',
    });
    expect((await call(c, 'session.status')).result).toMatchObject({ userDataStream: true });

    const from = c.messages.length;
    const price = ask() + 50n * TICK;
    const placed = await t.post<Json & { orderId: number; clientOrderId: string }>('order', {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.5',
      price: dec(price),
    });
    const fresh = (await c.next(isEvent('executionReport'), 5000, from)) as Event;
    expect(fresh.subscriptionId).toBe(0);
    // (The fixture leaves out the sample's `v`: only orders expired by STP carry it.)
    expect(Object.keys(fresh.event)).toEqual(Object.keys(trading.executionReport));
    expect(shapeOf(fresh.event)).toEqual(shapeOf(trading.executionReport));
    expect(fresh.event).toMatchObject({
      s: S,
      c: placed.body.clientOrderId,
      S: 'SELL',
      o: 'LIMIT',
      x: 'NEW',
      X: 'NEW',
      i: placed.body.orderId,
      q: '0.50000000',
      p: dec(price),
      w: true,
    });
    const position = (await c.next(isEvent('outboundAccountPosition'), 5000, from)) as Event;
    expect(shapeOf(position.event)).toEqual(shapeOf(trading.accountPosition));
    expect(position.event.B).toEqual([{ a: 'BTC', f: '9.50000000', l: '0.50000000' }]);

    // Another participant takes part of it: a maker TRADE report.
    const mark = c.messages.length;
    sim.fillOrder(t.apiKey, S, placed.body.orderId, '0.2');
    const trade = (await c.next(
      isEvent('executionReport', (e) => e.x === 'TRADE'),
      5000,
      mark,
    )) as Event;
    expect(trade.event).toMatchObject({
      X: 'PARTIALLY_FILLED',
      l: '0.20000000',
      z: '0.20000000',
      L: dec(price),
      m: true,
      M: true,
      N: 'USDT',
      w: true,
    });
    expect(trade.event.t).toBeGreaterThan(0);
    const quote = (price * 20_000_000n) / 100_000_000n;
    expect(trade.event.Y).toBe(dec(quote));
    expect(trade.event.n).toBe(dec(quote / 1000n));

    const cancelMark = c.messages.length;
    await t.delete('order', { symbol: S, orderId: placed.body.orderId, newClientOrderId: 'the-cancel' });
    const canceled = (await c.next(
      isEvent('executionReport', (e) => e.x === 'CANCELED'),
      5000,
      cancelMark,
    )) as Event;
    expect(canceled.event).toMatchObject({
      X: 'CANCELED',
      c: 'the-cancel',
      C: placed.body.clientOrderId,
      w: false,
    });
    c.close();
  });

  test('a MARKET order: NEW, one TRADE per fill, then the account position (the FAQ sequence)', async () => {
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    await call(c, 'session.logon', signed(t));
    await call(c, 'userDataStream.subscribe');
    const from = c.messages.length;
    const a0 = sim.orderBook(S, 1).asks[0]!;
    const qty = units(a0[1]) + 100_000n;
    const res = await t.post<{ fills: unknown[] }>('order', {
      symbol: S,
      side: 'BUY',
      type: 'MARKET',
      quantity: dec(qty),
    });
    await c.until(() => c.messages.slice(from).some((m) => isEvent('outboundAccountPosition')(m.data)));
    const events = c.messages.slice(from).map((m) => (m.data as Event).event);
    expect(events.map((e) => (e.e === 'executionReport' ? `${e.x}/${e.X}` : e.e))).toEqual([
      'NEW/NEW',
      'TRADE/PARTIALLY_FILLED',
      'TRADE/FILLED',
      'outboundAccountPosition',
    ]);
    expect(res.body.fills).toHaveLength(2);
    expect(events[1]).toMatchObject({ m: false, M: true, N: 'BTC' });
    const ids = events.slice(0, 3).map((e) => e.I as number);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    c.close();
  });

  test('EXPIRED (with its expiry reason) and REJECTED reports', async () => {
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    await call(c, 'session.logon', signed(t));
    await call(c, 'userDataStream.subscribe');
    const from = c.messages.length;
    const a0 = sim.orderBook(S, 1).asks[0]!;
    await t.post('order', {
      symbol: S,
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity: dec(units(a0[1]) + 100_000n),
      price: a0[0],
    });
    const expired = (await c.next(
      isEvent('executionReport', (e) => e.x === 'EXPIRED'),
      5000,
      from,
    )) as Event;
    expect(expired.event).toMatchObject({ X: 'EXPIRED', eR: 'UNFILLED_IOC_QUANTITY_EXPIRED', z: a0[1] });

    // cancelReplace whose new order the matching engine refuses: CANCELED, then REJECTED.
    const resting = await t.post<{ orderId: number }>('order', {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.1',
      price: dec(ask() + 100n * TICK),
    });
    const mark = c.messages.length;
    const res = await t.post('order/cancelReplace', {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT_MAKER',
      quantity: '0.1',
      price: dec(bid()),
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: resting.body.orderId,
    });
    expect(res.status).toBe(409);
    const rejected = (await c.next(
      isEvent('executionReport', (e) => e.x === 'REJECTED'),
      5000,
      mark,
    )) as Event;
    expect(rejected.event).toMatchObject({ X: 'REJECTED', r: 'WOULD_MATCH_IMMEDIATELY', o: 'LIMIT_MAKER' });
    const kinds = c.messages
      .slice(mark)
      .map((m) => (m.data as Event).event)
      .filter((e) => e.e === 'executionReport')
      .map((e) => e.x);
    expect(kinds).toEqual(['CANCELED', 'REJECTED']);
    c.close();
  });

  test('subscribe.signature with HMAC and RSA keys, several accounts per connection, unsubscribe', async () => {
    const a = trader(sim, 'HMAC', { balances: FUNDS });
    const b = trader(sim, 'RSA', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    const subA = await call(c, 'userDataStream.subscribe.signature', signed(a));
    const subB = await call(c, 'userDataStream.subscribe.signature', signed(b));
    expect([subA.result, subB.result]).toEqual([{ subscriptionId: 0 }, { subscriptionId: 1 }]);
    expect((await call(c, 'session.subscriptions')).result).toEqual([
      { subscriptionId: 0 },
      { subscriptionId: 1 },
    ]);
    expect((await call(c, 'userDataStream.subscribe.signature', signed(a))).error).toMatchObject({
      code: -2035,
    });

    const from = c.messages.length;
    sim.setBalances(b.apiKey, { USDT: '1000100' });
    const update = (await c.next(isEvent('balanceUpdate'), 5000, from)) as Event;
    expect(update.subscriptionId).toBe(1);
    expect(shapeOf(update.event)).toEqual(shapeOf(trading.balanceUpdate));
    expect(update.event).toMatchObject({ a: 'USDT', d: '100.00000000' });

    const unsub = await call(c, 'userDataStream.unsubscribe', { subscriptionId: 0 });
    expect(unsub.result).toEqual({});
    const ended = (await c.next(isEvent('eventStreamTerminated'), 5000, from)) as Event;
    expect(ended.subscriptionId).toBe(0);
    expect(shapeOf(ended.event)).toEqual(shapeOf(trading.streamTerminated));
    expect((await call(c, 'userDataStream.unsubscribe', { subscriptionId: 0 })).error).toEqual({
      code: -2036,
      msg: 'User Data Stream subscription not active.',
    });
    // The remaining subscription is ended by the control, with eventStreamTerminated too.
    const mark = c.messages.length;
    expect(sim.terminateUserDataStreams({ apiKey: b.apiKey })).toBe(1);
    expect(((await c.next(isEvent('eventStreamTerminated'), 5000, mark)) as Event).subscriptionId).toBe(1);
    expect((await call(c, 'session.subscriptions')).result).toEqual([]);
    c.close();
  });

  test('session.logout ends the logon subscription only', async () => {
    const ed = trader(sim, 'ED25519', { balances: FUNDS });
    const other = trader(sim, 'HMAC', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    await call(c, 'session.logon', signed(ed));
    await call(c, 'userDataStream.subscribe');
    await call(c, 'userDataStream.subscribe.signature', signed(other));
    const from = c.messages.length;
    await call(c, 'session.logout');
    expect(((await c.next(isEvent('eventStreamTerminated'), 5000, from)) as Event).subscriptionId).toBe(0);
    expect((await call(c, 'session.subscriptions')).result).toEqual([{ subscriptionId: 1 }]);
    c.close();
  });

  test('order lists send listStatus; amends send REPLACED; self-trade prevention sends TRADE_PREVENTION', async () => {
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const c = await connect(sim.wsApiUrl);
    await call(c, 'session.logon', signed(t));
    await call(c, 'userDataStream.subscribe');
    const from = c.messages.length;
    const p = bid();
    await t.post('orderList/oco', {
      symbol: S,
      side: 'SELL',
      quantity: '0.1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: dec(p + 500n * TICK),
      belowType: 'STOP_LOSS',
      belowStopPrice: dec(p - 500n * TICK),
    });
    const list = (await c.next(isEvent('listStatus'), 5000, from)) as Event;
    expect(Object.keys(list.event)).toEqual(Object.keys(trading.listStatus));
    expect(list.event).toMatchObject({ c: 'OCO', l: 'EXEC_STARTED', L: 'EXECUTING' });
    expect((list.event.O as unknown[]).length).toBe(2);

    // At the best bid, ahead of the background liquidity there.
    const resting = await t.post<{ orderId: number; clientOrderId: string }>('order', {
      symbol: S,
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.3',
      price: dec(p),
    });
    const mark = c.messages.length;
    await t.put('order/amend/keepPriority', { symbol: S, orderId: resting.body.orderId, newQty: '0.2' });
    const replaced = (await c.next(
      isEvent('executionReport', (e) => e.x === 'REPLACED'),
      5000,
      mark,
    )) as Event;
    expect(replaced.event).toMatchObject({ X: 'NEW', q: '0.20000000', C: resting.body.clientOrderId });

    const stpMark = c.messages.length;
    await t.post('order', {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.1',
      price: dec(p),
    });
    const prevention = (await c.next(
      isEvent('executionReport', (e) => e.x === 'TRADE_PREVENTION'),
      5000,
      stpMark,
    )) as Event;
    expect(prevention.event).toMatchObject({
      X: 'EXPIRED_IN_MATCH',
      i: resting.body.orderId,
      B: '0.20000000',
    });
    expect(prevention.event.v).toEqual(expect.any(Number));
    c.close();
  });

  test('times in µs with timeUnit=MICROSECOND', async () => {
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const c = await connect(`${sim.wsApiUrl}?timeUnit=MICROSECOND`);
    expect((await call(c, 'time')).result).toEqual({ serverTime: sim.now() * 1000 });
    await call(c, 'session.logon', signed(t));
    await call(c, 'userDataStream.subscribe');
    const from = c.messages.length;
    sim.setBalances(t.apiKey, { USDT: '5' });
    const update = (await c.next(isEvent('balanceUpdate'), 5000, from)) as Event;
    expect(update.event.E).toBe(sim.now() * 1000);
    c.close();
  });
});

describe('connections', () => {
  test('order placement faults close the WebSocket API connection before or after the order', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const params = (id: string) => ({
      symbol: S,
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: dec(bid() - 100n * TICK),
      newClientOrderId: id,
    });
    for (const when of ['before', 'after'] as const) {
      const c = await connect(sim.wsApiUrl);
      sim.dropOrderPlacements({ when });
      c.send({ id: 'x', method: 'order.place', params: signed(t, params(`ws-${when}`)) });
      expect((await c.waitClose()).code).toBe(1006);
    }
    const ids = sim.orders(t.apiKey).map((o) => o.clientOrderId);
    expect(ids).toEqual(['ws-after']);
  });

  test('server pings, pong timeout, 24 h lifetime, serverShutdown and drops', async () => {
    const s = await startSimulator({ symbols: 10, now: clock.now, pingIntervalMs: 50, pongTimeoutMs: 150 });
    try {
      const c = await connect(s.wsApiUrl);
      await c.until(() => c.pings.length >= 2, 3000, 'pings');
      expect(s.wsApiConnections()).toHaveLength(1);
      s.sendWsApiServerShutdown();
      expect(await c.next((d) => isObject(d) && isObject(d.event) && d.event.e === 'serverShutdown')).toEqual(
        {
          event: { e: 'serverShutdown', E: s.now() },
        },
      );
      s.shiftClock(86_400_000);
      expect((await c.waitClose()).code).toBe(1000);

      // A client that does not answer pings (autoPong off) is disconnected.
      const silent = await connect(s.wsApiUrl, { autoPong: false });
      expect((await silent.waitClose(3000)).code).toBe(1006);
      const dropped = await connect(s.wsApiUrl);
      expect(s.dropWsApiConnections({ code: 1001, reason: 'bye' })).toBe(1);
      expect(await dropped.waitClose()).toEqual({ code: 1001, reason: 'bye' });
    } finally {
      await s.close();
    }
  });
});
