// Account orders in the simulated market: they are real liquidity (depth and diff-depth streams),
// their trades are the market's trades (REST and trade streams), resting orders fill when the
// market trades through their price — the procedural tape as time passes, or movePrice / fillOrder /
// executeMarketOrder on command — and stop, take-profit and trailing orders fire on the last price.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { dec, units } from './helpers/decimal.js';
import { get, manualClock, T0 } from './helpers/http.js';
import { type Trader, trader, wsPayload } from './helpers/signed.js';
import { connect, isObject } from './helpers/ws.js';

const SEED = 31;
const S = 'BTCUSDT';
const TICK = 1_000_000n;
const FUNDS = { USDT: '10000000', BTC: '100' };
let sim: Simulator;
const clock = manualClock();

beforeAll(async () => {
  sim = await startSimulator({ seed: SEED, symbols: 20, now: clock.now, weightLimit: 10_000_000 });
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
const bestAsk = () => units(sim.orderBook(S, 1).asks[0]![0]);
const bestBid = () => units(sim.orderBook(S, 1).bids[0]![0]);
const last = async () =>
  units((await get<{ price: string }>(sim.restUrl, `/api/v3/ticker/price?symbol=${S}`)).body.price);
const order = async (t: Trader, orderId: number) =>
  (await t.get<Json & { status: string }>('order', { symbol: S, orderId })).body;
const place = (t: Trader, params: Json) =>
  t.post<Json & { orderId: number }>('order', { symbol: S, ...params } as Record<string, string>);

/** The lowest trade price of the procedural market (same seed) in [from, to). */
async function futureLow(from: number, to: number): Promise<bigint> {
  const twin = await startSimulator({ seed: SEED, symbols: 20, now: () => to });
  try {
    const klines = await get<string[][]>(
      twin.restUrl,
      `/api/v3/klines?symbol=${S}&interval=1m&startTime=${from}&endTime=${to - 1}&limit=1000`,
    );
    const lows = klines.body.map((k) => units(k[3]!)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return lows[0] ?? 0n;
  } finally {
    await twin.close();
  }
}

/** The highest trade price of the procedural market (same seed) in [from, to), read from a twin simulator. */
async function futureHigh(from: number, to: number): Promise<bigint> {
  const twin = await startSimulator({ seed: SEED, symbols: 20, now: () => to });
  try {
    const klines = await get<string[][]>(
      twin.restUrl,
      `/api/v3/klines?symbol=${S}&interval=1m&startTime=${from}&endTime=${to - 1}&limit=1000`,
    );
    const highs = klines.body.map((k) => units(k[2]!)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return highs.at(-1) ?? 0n;
  } finally {
    await twin.close();
  }
}

describe('account orders are market liquidity', () => {
  test('the diff-depth stream shows a resting order; its trades are on the trade stream', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const stream = await connect(`${sim.streamUrl}/stream?streams=btcusdt@depth@100ms/btcusdt@trade`);
    const price = dec(bestBid() - 7n * TICK);
    const before = units(sim.orderBook(S).bids.find(([p]) => p === price)?.[1] ?? '0');
    await place(t, { side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.7', price });
    const update = await stream.next(
      (d) =>
        isObject(d) &&
        d.stream === 'btcusdt@depth@100ms' &&
        ((d.data as { b: string[][] }).b ?? []).some(
          ([p, q]) => p === price && q === dec(before + 70_000_000n),
        ),
    );
    expect(update).toBeTruthy();
    const market = await place(t, { side: 'SELL', type: 'MARKET', quantity: '0.001' });
    const fills = (market.body as unknown as { fills: Array<{ tradeId: number; price: string }> }).fills;
    const trade = (await stream.next(
      (d) => isObject(d) && d.stream === 'btcusdt@trade' && (d.data as { t: number }).t === fills[0]!.tradeId,
    )) as { data: Json };
    expect(trade.data).toMatchObject({ p: fills[0]!.price, q: '0.00100000', m: true });
    stream.close();
  });

  test('executeMarketOrder takes account orders as makers; movePrice trades through them', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const a0 = bestAsk();
    const mine = await place(t, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.2',
      price: dec(a0),
    });
    const result = sim.executeMarketOrder(S, 'BUY', '0.1');
    expect(result.fills[0]).toMatchObject({ price: dec(a0), qty: '0.10000000' });
    expect(await order(t, mine.body.orderId)).toMatchObject({
      status: 'PARTIALLY_FILLED',
      executedQty: '0.10000000',
    });
    const trades = await t.get<Array<Json>>('myTrades', { symbol: S });
    expect(trades.body[0]).toMatchObject({ id: result.fills[0]!.tradeId, isMaker: true, price: dec(a0) });
    const up = a0 + 20n * TICK;
    const moved = sim.movePrice(S, dec(up));
    expect(moved.fills.at(-1)!.price).toBe(dec(up));
    expect(await order(t, mine.body.orderId)).toMatchObject({ status: 'FILLED' });
    expect(await last()).toBe(up);
  });
});

describe('the market moving through resting orders', () => {
  test('trades of the procedural tape fill resting orders, minute after minute', async () => {
    const from = sim.now();
    const to = from + 30 * 60_000;
    const high = await futureHigh(from, to);
    const price = high - TICK;
    expect(price).toBeGreaterThan(bestAsk()); // it rests now
    const t = trader(sim, 'ED25519', { balances: FUNDS });
    const ws = await connect(sim.wsApiUrl);
    const logon = { apiKey: t.apiKey, timestamp: sim.now() };
    ws.send({
      id: 1,
      method: 'session.logon',
      params: { ...logon, signature: t.key.sign(wsPayload(logon)) },
    });
    ws.send({ id: 2, method: 'userDataStream.subscribe' });
    await ws.next((d) => isObject(d) && d.id === 2);
    const placed = await place(t, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: dec(price),
    });
    expect(placed.status).toBe(200);
    // The clock moves a minute at a time; each request brings the market (and the order) up to date.
    while (clock.now() < to && (await order(t, placed.body.orderId)).status === 'NEW') clock.advance(60_000);
    const filled = await order(t, placed.body.orderId);
    expect(filled).toMatchObject({
      status: 'FILLED',
      cummulativeQuoteQty: dec((price * 1_000_000n) / 100_000_000n),
    });
    const report = (await ws.next(
      (d) => isObject(d) && isObject(d.event) && d.event.e === 'executionReport' && d.event.x === 'TRADE',
    )) as { event: Json };
    expect(report.event).toMatchObject({ X: 'FILLED', L: dec(price), m: true, i: placed.body.orderId });
    // The fill is a trade of the market at its time, with the order's price.
    const [mine] = (await t.get<Array<Json & { id: number; time: number }>>('myTrades', { symbol: S })).body;
    const tape = await get<Array<Json>>(
      sim.restUrl,
      `/api/v3/historicalTrades?symbol=${S}&fromId=${mine!.id}&limit=1`,
    );
    expect(tape.body[0]).toMatchObject({
      id: mine!.id,
      price: dec(price),
      qty: '0.01000000',
      time: mine!.time,
    });
    ws.close();
  });

  test('after a long unobserved stretch too (the book is rebuilt, crossed orders are filled)', async () => {
    const from = sim.now();
    const to = from + 60 * 60_000;
    const high = await futureHigh(from, to);
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const price = high - TICK;
    expect(price).toBeGreaterThan(bestAsk());
    const placed = await place(t, {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: dec(price),
    });
    clock.set(to);
    expect(await order(t, placed.body.orderId)).toMatchObject({ status: 'FILLED' });
  });

  test('a stop the tape fires during a long unobserved stretch executes once the book is rebuilt', async () => {
    const from = sim.now();
    const to = from + 2 * 60 * 60_000;
    const low = await futureLow(from, to);
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const placed = await place(t, {
      side: 'SELL',
      type: 'STOP_LOSS',
      quantity: '0.01',
      stopPrice: dec(low + TICK),
    });
    expect(placed.status).toBe(200);
    clock.set(to);
    expect(await order(t, placed.body.orderId)).toMatchObject({
      status: 'FILLED',
      isWorking: true,
      workingTime: to,
    });
  });
});

describe('stop, take-profit and trailing orders', () => {
  test('STOP_LOSS and TAKE_PROFIT fire on the last price and execute as market orders', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const p = await last();
    const stop = await place(t, {
      side: 'SELL',
      type: 'STOP_LOSS',
      quantity: '0.05',
      stopPrice: dec(p - 100n * TICK),
    });
    const profit = await place(t, {
      side: 'BUY',
      type: 'TAKE_PROFIT',
      quantity: '0.05',
      stopPrice: dec(p - 150n * TICK),
    });
    expect(await order(t, stop.body.orderId)).toMatchObject({
      status: 'NEW',
      isWorking: false,
      workingTime: -1,
    });
    sim.movePrice(S, dec(p - 100n * TICK));
    expect(await order(t, stop.body.orderId)).toMatchObject({ status: 'FILLED', isWorking: true });
    expect(await order(t, profit.body.orderId)).toMatchObject({ status: 'NEW' });
    sim.movePrice(S, dec(p - 150n * TICK));
    expect(await order(t, profit.body.orderId)).toMatchObject({ status: 'FILLED' });
  });

  test('STOP_LOSS_LIMIT becomes a resting limit order when the market does not reach its price', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const p = await last();
    const placed = await place(t, {
      side: 'BUY',
      type: 'STOP_LOSS_LIMIT',
      timeInForce: 'GTC',
      quantity: '0.05',
      stopPrice: dec(p + 100n * TICK),
      price: dec(p + 100n * TICK),
    });
    sim.movePrice(S, dec(p + 100n * TICK));
    const now = await order(t, placed.body.orderId);
    expect(now.isWorking).toBe(true);
    expect(['NEW', 'PARTIALLY_FILLED', 'FILLED']).toContain(now.status);
  });

  test('a trailing stop tracks the high and fires once the price falls trailingDelta BIPS from it', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const p = await last();
    const placed = await place(t, { side: 'SELL', type: 'STOP_LOSS', quantity: '0.02', trailingDelta: 100 });
    const q = await order(t, placed.body.orderId);
    expect(q).toMatchObject({ trailingDelta: 100, trailingTime: sim.now() });
    const high = p + (p / 100n / TICK) * TICK; // +1 %
    sim.movePrice(S, dec(high));
    // 0.5 % below the high: not yet.
    sim.movePrice(S, dec(high - (high / 200n / TICK) * TICK));
    expect((await order(t, placed.body.orderId)).status).toBe('NEW');
    // 1 % below the high: it fires.
    sim.movePrice(S, dec(high - ((high / 100n + TICK) / TICK) * TICK));
    expect((await order(t, placed.body.orderId)).status).toBe('FILLED');
  });

  test('a trailing stop with a stop price starts tracking only once the stop price is reached', async () => {
    const t = trader(sim, 'HMAC', { balances: FUNDS });
    const p = await last();
    const placed = await place(t, {
      side: 'BUY',
      type: 'STOP_LOSS',
      quantity: '0.02',
      stopPrice: dec(p + 200n * TICK),
      trailingDelta: 50,
    });
    expect((await order(t, placed.body.orderId)).trailingTime).toBe(-1);
    sim.movePrice(S, dec(p + 200n * TICK));
    const tracking = await order(t, placed.body.orderId);
    expect(tracking).toMatchObject({ status: 'NEW', trailingTime: sim.now() });
    // Rising 0.5 % from the lowest price since (the stop price) fires it.
    const low = p + 200n * TICK;
    sim.movePrice(S, dec(low + ((low / 200n + TICK) / TICK) * TICK));
    expect((await order(t, placed.body.orderId)).status).toBe('FILLED');
  });
});

test('a held clock: T0 is where the market starts', () => {
  expect(clock.now()).toBeGreaterThanOrEqual(T0);
});
