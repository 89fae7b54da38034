// Streams and REST describe the same market: with the clock held still, a stream's last event
// must equal what REST says.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { get, manualClock } from './helpers/http.js';
import { connect, isObject, type TestClient } from './helpers/ws.js';

let sim: Simulator;
const clock = manualClock();
let client: TestClient;

const STREAMS = [
  'ethbtc@kline_1m',
  'ethbtc@kline_1h@+08:00',
  'ethbtc@ticker',
  'ethbtc@miniTicker',
  'ethbtc@ticker_4h',
  'ethbtc@avgPrice',
  'ethbtc@aggTrade',
  'ethbtc@trade',
];

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, symbols: 30, now: clock.now });
  client = await connect(`${sim.streamUrl}/stream?streams=${STREAMS.join('/')}`);
  await client.until(() => sim.connections().length === 1);
  clock.advance(30_000); // 30 s of trading, then the clock stands still
  await client.until(
    () => STREAMS.every((s) => client.messages.some((m) => isObject(m.data) && m.data.stream === s)),
    5000,
  );
  await new Promise((r) => setTimeout(r, 250));
});
afterAll(async () => {
  client.close();
  await sim.close();
});

const last = (stream: string) =>
  (
    [...client.messages].reverse().find((m) => isObject(m.data) && m.data.stream === stream)!.data as {
      data: Record<string, unknown>;
    }
  ).data;
const api = async <T>(path: string) => (await get<T>(sim.restUrl, path)).body;

describe('stream events equal REST at the same instant', () => {
  test('kline_1m and the +08:00 kline_1h', async () => {
    const k = last('ethbtc@kline_1m').k as Record<string, unknown>;
    const [r] = await api<unknown[][]>(`/api/v3/klines?symbol=ETHBTC&interval=1m&limit=1`);
    expect([k.t, k.o, k.h, k.l, k.c, k.v, k.T, k.q, k.n, k.V, k.Q]).toEqual(r!.slice(0, 11));
    const h = last('ethbtc@kline_1h@+08:00').k as Record<string, unknown>;
    const [rh] = await api<unknown[][]>(`/api/v3/klines?symbol=ETHBTC&interval=1h&timeZone=8&limit=1`);
    expect([h.t, h.o, h.h, h.l, h.c, h.v, h.T, h.q, h.n]).toEqual(rh!.slice(0, 9));
  });

  test('24hrTicker and 24hrMiniTicker', async () => {
    const t = last('ethbtc@ticker');
    const r = await api<Record<string, unknown>>('/api/v3/ticker/24hr?symbol=ETHBTC');
    expect([
      t.p,
      t.P,
      t.w,
      t.x,
      t.c,
      t.Q,
      t.b,
      t.B,
      t.a,
      t.A,
      t.o,
      t.h,
      t.l,
      t.v,
      t.q,
      t.O,
      t.C,
      t.F,
      t.L,
      t.n,
    ]).toEqual([
      r.priceChange,
      r.priceChangePercent,
      r.weightedAvgPrice,
      r.prevClosePrice,
      r.lastPrice,
      r.lastQty,
      r.bidPrice,
      r.bidQty,
      r.askPrice,
      r.askQty,
      r.openPrice,
      r.highPrice,
      r.lowPrice,
      r.volume,
      r.quoteVolume,
      r.openTime,
      r.closeTime,
      r.firstId,
      r.lastId,
      r.count,
    ]);
    const m = last('ethbtc@miniTicker');
    expect([m.o, m.h, m.l, m.c, m.v, m.q]).toEqual([
      r.openPrice,
      r.highPrice,
      r.lowPrice,
      r.lastPrice,
      r.volume,
      r.quoteVolume,
    ]);
  });

  test('ticker_4h covers exactly the last 4 hours', async () => {
    const t = last('ethbtc@ticker_4h');
    expect((t.C as number) - (t.O as number)).toBe(4 * 3_600_000);
    const trades = await api<Array<{ id: number; time: number }>>(
      `/api/v3/historicalTrades?symbol=ETHBTC&fromId=${t.F}&limit=1`,
    );
    expect(trades[0]!.time).toBeGreaterThanOrEqual(t.O as number);
    const before = await api<Array<{ time: number }>>(
      `/api/v3/historicalTrades?symbol=ETHBTC&fromId=${(t.F as number) - 1}&limit=1`,
    );
    expect(before[0]!.time).toBeLessThan(t.O as number);
    expect(t.L).toBe((await api<Array<{ id: number }>>('/api/v3/trades?symbol=ETHBTC&limit=1'))[0]!.id);
  });

  test('avgPrice', async () => {
    const a = last('ethbtc@avgPrice');
    const r = await api<{ price: string; closeTime: number }>('/api/v3/avgPrice?symbol=ETHBTC');
    expect([a.w, a.T]).toEqual([r.price, r.closeTime]);
  });

  test('trade and aggTrade streams carry every trade of the 30 s, in order, like REST', async () => {
    const trades = client.messages
      .filter((m) => isObject(m.data) && m.data.stream === 'ethbtc@trade')
      .map((m) => (m.data as { data: Record<string, unknown> }).data);
    const aggs = client.messages
      .filter((m) => isObject(m.data) && m.data.stream === 'ethbtc@aggTrade')
      .map((m) => (m.data as { data: Record<string, unknown> }).data);
    expect(trades.length).toBeGreaterThan(0);
    const rest = await api<Array<Record<string, unknown>>>(
      `/api/v3/historicalTrades?symbol=ETHBTC&fromId=${trades[0]!.t}&limit=1000`,
    );
    expect(rest.map((t) => t.id)).toEqual(trades.map((t) => t.t));
    const restAggs = await api<Array<Record<string, unknown>>>(
      `/api/v3/aggTrades?symbol=ETHBTC&fromId=${aggs[0]!.a}&limit=1000`,
    );
    expect(restAggs.map((a) => [a.a, a.p, a.q, a.f, a.l, a.T, a.m])).toEqual(
      aggs.map((a) => [a.a, a.p, a.q, a.f, a.l, a.T, a.m]),
    );
    expect(aggs[0]!.f).toBe(trades[0]!.t);
  });
});
