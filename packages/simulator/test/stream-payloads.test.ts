import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { samples } from './fixtures/binance-samples.js';
import { get, manualClock } from './helpers/http.js';
import { DECIMAL8, shapeOf } from './helpers/shape.js';
import { connect, isObject, type TestClient } from './helpers/ws.js';

let sim: Simulator;
const clients: TestClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, symbols: 60 });
});
afterAll(() => sim.close());
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function open(path: string): Promise<TestClient> {
  const c = await connect(sim.streamUrl + path);
  clients.push(c);
  return c;
}

/** Waits for the first raw payload with event type `e` (or any payload when e is undefined). */
async function first(c: TestClient, pred: (d: Record<string, unknown>) => boolean, timeoutMs = 5000) {
  return (await c.next((d) => isObject(d) && pred(d), timeoutMs)) as Record<string, unknown>;
}

const byEvent = (e: string) => (d: Record<string, unknown>) => d.e === e;

describe('every market stream, raw, in the documented shape', () => {
  test('trade and aggTrade: consecutive ids, equal to the REST trades', async () => {
    const c = await open('/ws/btcusdt@trade/btcusdt@aggTrade');
    sim.shiftClock(20_000); // let 20 s of trading happen at once
    const trade = await first(c, byEvent('trade'));
    const agg = await first(c, byEvent('aggTrade'));
    expect(shapeOf(trade)).toEqual(shapeOf(samples.tradeEvent));
    expect(shapeOf(agg)).toEqual(shapeOf(samples.aggTradeEvent));
    expect(trade.p).toMatch(DECIMAL8);
    const trades = c.messages.map((m) => m.data).filter((d) => isObject(d) && d.e === 'trade') as Array<
      Record<string, number | string>
    >;
    expect(trades.length).toBeGreaterThan(3);
    expect(trades.map((t) => t.t)).toEqual(trades.map((_, i) => (trades[0]!.t as number) + i));
    const rest = await get<Array<Record<string, unknown>>>(
      sim.restUrl,
      `/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${trades[0]!.t}&limit=${trades.length}`,
    );
    expect(rest.body.map((t) => [t.id, t.price, t.qty, t.time, t.isBuyerMaker])).toEqual(
      trades.map((t) => [t.t, t.p, t.q, t.T, t.m]),
    );
  });

  test('kline (UTC and +08:00) equals the REST kline', async () => {
    const c = await open('/ws/ethbtc@kline_1m/ethbtc@kline_1d@+08:00');
    const k1 = await first(c, (d) => d.e === 'kline' && (d.k as Record<string, unknown>).i === '1m');
    expect(shapeOf(k1)).toEqual(shapeOf(samples.klineEvent));
    const k = k1.k as Record<string, number | string | boolean>;
    expect(k.x).toBe(false);
    expect((k.T as number) - (k.t as number)).toBe(59_999);
    const rest = await get<unknown[][]>(
      sim.restUrl,
      `/api/v3/klines?symbol=ETHBTC&interval=1m&startTime=${k.t}&limit=1`,
    );
    const r = rest.body[0]!;
    // The REST kline may include trades that happened after the stream event.
    expect([r[0], r[6], r[1]]).toEqual([k.t, k.T, k.o]);
    expect(Number(r[8])).toBeGreaterThanOrEqual(k.n as number);
    const kd = (await first(c, (d) => d.e === 'kline' && (d.k as Record<string, unknown>).i === '1d'))
      .k as Record<string, number>;
    expect((kd.t! + 8 * 3_600_000) % 86_400_000).toBe(0);
  });

  test('miniTicker, ticker, ticker_1h/4h/1d, avgPrice, referencePrice', async () => {
    const info = await get<{ symbols: Array<{ symbol: string; quoteAsset: string }> }>(
      sim.restUrl,
      '/api/v3/exchangeInfo',
    );
    const ref = info.body.symbols.find((s) => s.quoteAsset === 'USDC')!.symbol.toLowerCase();
    const c = await open(
      `/ws/bnbbtc@miniTicker/bnbbtc@ticker/bnbbtc@ticker_1h/bnbbtc@ticker_4h/bnbbtc@ticker_1d/bnbbtc@avgPrice/${ref}@referencePrice`,
    );
    expect(shapeOf(await first(c, byEvent('24hrMiniTicker')))).toEqual(shapeOf(samples.miniTickerEvent));
    const ticker = await first(c, byEvent('24hrTicker'));
    expect(shapeOf(ticker)).toEqual(shapeOf(samples.tickerEvent));
    expect((ticker.C as number) - (ticker.O as number)).toBe(86_400_000);
    expect(ticker.n).toBe((ticker.L as number) - (ticker.F as number) + 1);
    for (const w of ['1h', '4h', '1d']) {
      const t = await first(c, byEvent(`${w}Ticker`));
      expect(shapeOf(t), w).toEqual(shapeOf(samples.windowTickerEvent));
    }
    expect(shapeOf(await first(c, byEvent('avgPrice')))).toEqual(shapeOf(samples.avgPriceEvent));
    const r = await first(c, byEvent('referencePrice'));
    expect(shapeOf(r)).toEqual(shapeOf(samples.referencePriceEvent));
  });

  test('!miniTicker@arr and !ticker_1h@arr: arrays of per-symbol payloads', async () => {
    const c = await open('/ws/!miniTicker@arr/!ticker_1h@arr');
    const minis = (await c.next(
      (d) => Array.isArray(d) && (d[0] as Record<string, unknown>).e === '24hrMiniTicker',
      8000,
    )) as unknown[];
    expect(minis.length).toBeGreaterThan(10);
    for (const m of minis) expect(shapeOf(m)).toEqual(shapeOf(samples.miniTickerEvent));
    const hours = (await c.next(
      (d) => Array.isArray(d) && (d[0] as Record<string, unknown>).e === '1hTicker',
      8000,
    )) as unknown[];
    for (const h of hours) expect(shapeOf(h)).toEqual(shapeOf(samples.windowTickerEvent));
  });

  test('bookTicker equals the top of the depth book', async () => {
    const c = await open('/ws/btcusdt@bookTicker');
    const bt = await first(c, (d) => 'u' in d && 'b' in d);
    expect(shapeOf(bt)).toEqual(shapeOf(samples.bookTickerEvent));
    expect(Number(bt.b)).toBeLessThan(Number(bt.a));
    // On a market whose clock only moves when told, the last event must be the book's top.
    const clock = manualClock();
    const frozen = await startSimulator({ seed: 11, symbols: 20, now: clock.now });
    try {
      const f = await connect(`${frozen.streamUrl}/ws/btcusdt@bookTicker`);
      clients.push(f);
      await f.until(() => frozen.connections().length === 1);
      clock.advance(5_000);
      await f.until(() => f.messages.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 250)); // two more engine ticks: nothing new may come
      const events = f.messages.map((m) => m.data as Record<string, string | number>);
      for (let i = 1; i < events.length; i++)
        expect(events[i]!.u as number).toBeGreaterThan(events[i - 1]!.u as number);
      const last = events.at(-1)!;
      const depth = await get<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>(
        frozen.restUrl,
        '/api/v3/depth?symbol=BTCUSDT&limit=1',
      );
      expect([last.b, last.B, last.a, last.A]).toEqual([...depth.body.bids[0]!, ...depth.body.asks[0]!]);
      expect(last.u as number).toBeLessThanOrEqual(depth.body.lastUpdateId);
      const ticker = await get<Record<string, string>>(
        frozen.restUrl,
        '/api/v3/ticker/bookTicker?symbol=BTCUSDT',
      );
      expect([ticker.body.bidPrice, ticker.body.bidQty, ticker.body.askPrice, ticker.body.askQty]).toEqual([
        last.b,
        last.B,
        last.a,
        last.A,
      ]);
    } finally {
      await frozen.close();
    }
  });

  test('partial depth 5/10/20 at 1000 ms and 100 ms', async () => {
    const c = await open('/stream?streams=bnbbtc@depth5/bnbbtc@depth10@100ms/bnbbtc@depth20@1000ms');
    for (const [name, n] of [
      ['bnbbtc@depth5', 5],
      ['bnbbtc@depth10@100ms', 10],
      ['bnbbtc@depth20@1000ms', 20],
    ] as const) {
      const msg = (await c.next((d) => isObject(d) && d.stream === name)) as {
        data: { bids: unknown[]; asks: unknown[] };
      };
      expect(shapeOf(msg.data)).toEqual(shapeOf(samples.partialDepthEvent));
      expect(msg.data.bids).toHaveLength(n);
      expect(msg.data.asks).toHaveLength(n);
    }
    // 100 ms updates arrive about ten times as often as 1000 ms ones.
    await c.until(
      () =>
        c.messages.filter((m) => isObject(m.data) && m.data.stream === 'bnbbtc@depth10@100ms').length >= 8,
      3000,
    );
    const slow = c.messages.filter((m) => isObject(m.data) && m.data.stream === 'bnbbtc@depth5').length;
    expect(slow).toBeLessThanOrEqual(3);
  });

  test('diff depth: depthUpdate events with contiguous U/u', async () => {
    const c = await open('/ws/btcusdt@depth@100ms');
    await c.until(() => c.messages.length >= 5, 5000);
    const events = c.messages.map((m) => m.data as Record<string, unknown>);
    for (const e of events)
      expect(shapeOf(e)).toEqual(shapeOf({ ...samples.depthUpdateEvent, b: e.b, a: e.a }));
    for (let i = 1; i < events.length; i++) expect(events[i]!.U).toBe((events[i - 1]!.u as number) + 1);
    const withLevels = events.find((e) => (e.b as unknown[]).length > 0)!;
    expect(shapeOf(withLevels.b)).toEqual(shapeOf(samples.depthUpdateEvent.b));
  });
});

describe('update speeds', () => {
  test('1000 ms streams send one event a second, also while a test holds the clock still', async () => {
    const c = await open('/ws/ethbtc@miniTicker');
    await new Promise((r) => setTimeout(r, 2300));
    expect(c.messages.length).toBeGreaterThanOrEqual(2);
    expect(c.messages.length).toBeLessThanOrEqual(4);
    const clock = manualClock();
    const still = await startSimulator({ symbols: 10, now: clock.now });
    try {
      const f = await connect(`${still.streamUrl}/ws/ethbtc@miniTicker`);
      clients.push(f);
      await new Promise((r) => setTimeout(r, 2300));
      expect(f.messages.length).toBeGreaterThanOrEqual(2);
      expect(f.messages.length).toBeLessThanOrEqual(4);
      expect(new Set(f.messages.map((m) => m.text)).size).toBe(1); // nothing moved
    } finally {
      await still.close();
    }
  });
});

describe('combined streams, time units, encodings', () => {
  test('combined payloads are wrapped as {stream, data}', async () => {
    const c = await open('/stream?streams=ethbtc@miniTicker/ethbtc@avgPrice');
    const msg = (await c.next((d) => isObject(d) && d.stream === 'ethbtc@miniTicker')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(msg)).toEqual(['stream', 'data']);
    expect(shapeOf(msg.data)).toEqual(shapeOf(samples.miniTickerEvent));
  });

  test('timeUnit=MICROSECOND sends every time in µs', async () => {
    const c = await open('/stream?streams=ethbtc@kline_1m/ethbtc@ticker&timeUnit=MICROSECOND');
    const k = (
      (await c.next((d) => isObject(d) && d.stream === 'ethbtc@kline_1m')) as {
        data: { E: number; k: { t: number; T: number } };
      }
    ).data;
    expect(k.E).toBeGreaterThan(1e15);
    expect(k.k.t % 60_000_000).toBe(0);
    expect(k.k.T).toBe(k.k.t + 60_000_000 - 1);
    const t = (
      (await c.next((d) => isObject(d) && d.stream === 'ethbtc@ticker')) as { data: { O: number; C: number } }
    ).data;
    expect(t.C - t.O).toBe(86_400_000_000);
    const lower = await open('/ws/ethbtc@avgPrice?timeUnit=microsecond');
    const avg = (await lower.next((d) => isObject(d) && d.e === 'avgPrice')) as { E: number; T: number };
    expect(avg.E).toBeGreaterThan(1e15);
    expect(avg.T).toBeGreaterThan(1e15);
  });

  test('URL-encoded stream names and the non-ASCII symbol', async () => {
    const name = `${'这是测试币456'}@miniTicker`;
    const c = await open(`/ws/${encodeURIComponent(name)}`);
    const t = await first(c, byEvent('24hrMiniTicker'));
    expect(t.s).toBe('这是测试币456');
    const d = await open(`/stream?streams=${encodeURIComponent('btcusdt@avgPrice/ethbtc@avgPrice')}`);
    await d.next((m) => isObject(m) && m.stream === 'ethbtc@avgPrice');
  });

  test('an unknown but well-formed symbol is accepted and stays silent; a malformed name closes with 1008', async () => {
    const c = await open('/ws/nopenope@trade/btcusdt@blockTrade');
    expect(sim.connections().find((x) => x.streams.includes('nopenope@trade'))?.streams).toEqual([
      'nopenope@trade',
      'btcusdt@blockTrade', // valid; the simulated market has no block trades
    ]);
    const bad = await open('/ws/btcusdt@nonsense');
    expect(await bad.waitClose()).toEqual({ code: 1008, reason: 'Illegal format ws or stream' });
    c.close();
  });
});
