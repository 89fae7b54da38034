// Every market stream type through the client against the simulator over a real WebSocket,
// parsed into typed events and checked against REST or the simulator's own state.

import { type Simulator, startSimulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStreamClient, type StreamClient } from '../src/index.js';
import { take } from './helpers.js';

let sim: Simulator;
let client: StreamClient;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, symbols: 40 });
  client = createStreamClient({ baseUrl: sim.streamUrl });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

async function rest<T>(path: string): Promise<T> {
  const res = await fetch(`${sim.restUrl}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const DECIMAL = /^\d+(\.\d+)?$/;

describe('every stream type is parsed into readable, exact fields', () => {
  test('trade: ids, prices and quantities match REST trades', async () => {
    const sub = client.subscribe({ type: 'trade', symbol: 'BTCUSDT' });
    await sub.ready;
    sim.executeMarketOrder('BTCUSDT', 'BUY', '0.01000000');
    const [event] = await take(sub, 1);
    sub.unsubscribe();
    expect(event).toMatchObject({ eventType: 'trade', symbol: 'BTCUSDT' });
    const trades = await rest<
      Array<{ id: number; price: string; qty: string; isBuyerMaker: boolean; time: number }>
    >(`/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${event!.tradeId}&limit=1`);
    expect(trades[0]).toEqual({
      ...trades[0],
      id: event!.tradeId,
      price: event!.price,
      qty: event!.quantity,
      isBuyerMaker: event!.isBuyerMaker,
      time: event!.tradeTime,
    });
    expect(Object.keys(event!)).toEqual([
      'eventType',
      'eventTime',
      'symbol',
      'tradeId',
      'price',
      'quantity',
      'tradeTime',
      'isBuyerMaker',
    ]);
  });

  test('aggTrade: matches REST aggTrades', async () => {
    const sub = client.subscribe('btcusdt@aggTrade');
    await sub.ready;
    sim.executeMarketOrder('BTCUSDT', 'SELL', '0.01000000');
    const [event] = await take(sub, 1);
    sub.unsubscribe();
    expect(event!.eventType).toBe('aggTrade');
    const aggs = await rest<Array<Record<string, unknown>>>(
      `/api/v3/aggTrades?symbol=BTCUSDT&fromId=${event!.aggTradeId}&limit=1`,
    );
    expect(aggs[0]).toMatchObject({
      a: event!.aggTradeId,
      p: event!.price,
      q: event!.quantity,
      f: event!.firstTradeId,
      l: event!.lastTradeId,
      T: event!.tradeTime,
      m: event!.isBuyerMaker,
    });
  });

  test('kline, with and without a time zone: matches REST klines', async () => {
    const sub = client.subscribe({ type: 'kline', symbol: 'ETHUSDT', interval: '1m' });
    const zoned = client.subscribe({ type: 'kline', symbol: 'ETHUSDT', interval: '1d', timeZone: '+08:00' });
    expect(zoned.stream).toBe('ethusdt@kline_1d@+08:00');
    const [event] = await take(sub, 1);
    const [z] = await take(zoned, 1);
    sub.unsubscribe();
    zoned.unsubscribe();
    expect(event!.kline).toMatchObject({ symbol: 'ETHUSDT', interval: '1m' });
    expect(event!.kline.open).toMatch(DECIMAL);
    const rows = await rest<unknown[][]>(
      `/api/v3/klines?symbol=ETHUSDT&interval=1m&startTime=${event!.kline.openTime}&limit=1`,
    );
    expect(rows[0]![0]).toBe(event!.kline.openTime);
    expect(rows[0]![1]).toBe(event!.kline.open);
    // The +08:00 day opens at 16:00 UTC.
    expect(new Date(z!.kline.openTime).getUTCHours()).toBe(16);
    const zonedRows = await rest<unknown[][]>(
      `/api/v3/klines?symbol=ETHUSDT&interval=1d&timeZone=8&startTime=${z!.kline.openTime}&limit=1`,
    );
    expect(zonedRows[0]![0]).toBe(z!.kline.openTime);
    expect(zonedRows[0]![1]).toBe(z!.kline.open);
  });

  test('miniTicker, ticker and rolling tickers for one symbol', async () => {
    const mini = client.subscribe({ type: 'miniTicker', symbol: 'BNBUSDT' });
    const full = client.subscribe({ type: 'ticker', symbol: 'BNBUSDT' });
    const rolling = client.subscribe({ type: 'rollingTicker', window: '4h', symbol: 'BNBUSDT' });
    const [m] = await take(mini, 1);
    const [t] = await take(full, 1);
    const [r] = await take(rolling, 1);
    for (const s of [mini, full, rolling]) s.unsubscribe();
    expect(m).toMatchObject({ eventType: '24hrMiniTicker', symbol: 'BNBUSDT' });
    expect(t).toMatchObject({ eventType: '24hrTicker', symbol: 'BNBUSDT' });
    expect(r).toMatchObject({ eventType: '4hTicker', symbol: 'BNBUSDT' });
    expect(t!.closeTime - t!.openTime).toBe(86_400_000);
    expect(r!.closeTime - r!.openTime).toBe(4 * 3_600_000);
    expect(t!.lastTradeId - t!.firstTradeId + 1).toBe(t!.tradeCount);
    const ticker = await rest<{ firstId: number; openTime: number }>('/api/v3/ticker/24hr?symbol=BNBUSDT');
    // Same window start (REST is asked a little later, so allow the window to have moved on).
    expect(ticker.firstId).toBeGreaterThanOrEqual(t!.firstTradeId);
    for (const field of [
      'bidPrice',
      'askPrice',
      'lastPrice',
      'priceChangePercent',
      'weightedAvgPrice',
    ] as const) {
      expect(t![field]).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });

  test('all-market mini tickers and rolling tickers arrive as arrays', async () => {
    const all = client.subscribe({ type: 'miniTicker' });
    const allRolling = client.subscribe({ type: 'rollingTicker', window: '1h' });
    expect(all.stream).toBe('!miniTicker@arr');
    expect(allRolling.stream).toBe('!ticker_1h@arr');
    const [list] = await take(all, 1);
    const [rollingList] = await take(allRolling, 1);
    all.unsubscribe();
    allRolling.unsubscribe();
    expect(Array.isArray(list)).toBe(true);
    expect(list!.length).toBeGreaterThan(10);
    expect(new Set(list!.map((x) => x.eventType))).toEqual(new Set(['24hrMiniTicker']));
    expect(rollingList!.every((x) => x.eventType === '1hTicker')).toBe(true);
    expect(list!.map((x) => x.symbol)).toContain('BTCUSDT');
  });

  test('bookTicker equals the top of the simulator book', async () => {
    const sub = client.subscribe({ type: 'bookTicker', symbol: 'BTCUSDT' });
    await sub.ready;
    sim.executeMarketOrder('BTCUSDT', 'BUY', '0.01000000');
    const events = await take(sub, 1);
    sub.unsubscribe();
    const event = events[0]!;
    expect(event).toMatchObject({ eventType: 'bookTicker', symbol: 'BTCUSDT' });
    expect(typeof event.updateId).toBe('number');
    expect(event.bidPrice).toMatch(DECIMAL);
    expect(Number(event.askPrice)).toBeGreaterThan(Number(event.bidPrice));
  });

  test('avgPrice matches REST avgPrice', async () => {
    const sub = client.subscribe({ type: 'avgPrice', symbol: 'ETHBTC' });
    const [event] = await take(sub, 1);
    sub.unsubscribe();
    expect(event).toMatchObject({ eventType: 'avgPrice', symbol: 'ETHBTC', interval: '5m' });
    const avg = await rest<{ mins: number; price: string }>('/api/v3/avgPrice?symbol=ETHBTC');
    expect(avg.mins).toBe(5);
    expect(event!.price).toMatch(DECIMAL);
  });

  test('referencePrice (a price or null)', async () => {
    const sub = client.subscribe({ type: 'referencePrice', symbol: 'BTCUSDT' });
    const [event] = await take(sub, 1);
    sub.unsubscribe();
    expect(event!.eventType).toBe('referencePrice');
    expect(event!.symbol).toBe('BTCUSDT');
    expect(event!.referencePrice === null || DECIMAL.test(event!.referencePrice)).toBe(true);
  });

  test('partial depth (5/10/20 levels, 100 and 1000 ms) is a prefix of the simulator book', async () => {
    const five = client.subscribe({ type: 'depth', symbol: 'BNBBTC', levels: 5, speed: 100 });
    const ten = client.subscribe('bnbbtc@depth10');
    const [d5] = await take(five, 1);
    const [d10] = await take(ten, 1);
    five.unsubscribe();
    ten.unsubscribe();
    expect(d5).toMatchObject({ eventType: 'partialDepth', symbol: 'BNBBTC' });
    expect(d5!.bids).toHaveLength(5);
    expect(d10!.asks).toHaveLength(10);
    const book = sim.orderBook('BNBBTC', 10);
    expect(book.lastUpdateId).toBeGreaterThanOrEqual(d10!.lastUpdateId);
    for (const [price, qty] of d10!.bids) {
      expect(price).toMatch(DECIMAL);
      expect(qty).toMatch(DECIMAL);
    }
  });

  test('diff depth: contiguous update ids', async () => {
    const sub = client.subscribe({ type: 'diffDepth', symbol: 'BTCUSDT', speed: 100 });
    await sub.ready;
    for (let i = 0; i < 3; i++) sim.executeMarketOrder('BTCUSDT', 'BUY', '0.01000000');
    const events = await take(sub, 3);
    sub.unsubscribe();
    expect(events[0]).toMatchObject({ eventType: 'depthUpdate', symbol: 'BTCUSDT' });
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.firstUpdateId).toBe(events[i - 1]!.finalUpdateId + 1);
    }
  });

  test('blockTrade subscribes (the simulator has no block trades, so it stays silent)', async () => {
    const sub = client.subscribe({ type: 'blockTrade', symbol: 'BTCUSDT' });
    await sub.ready;
    expect(sub.stream).toBe('btcusdt@blockTrade');
    sub.unsubscribe();
  });
});
