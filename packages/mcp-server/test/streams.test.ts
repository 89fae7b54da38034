// The streams toolset, the live order book and the live resources, over the simulator's real
// WebSocket streams: subscribe, read by cursor without gaps or repeats (and with a wait), ownership
// (a client sees only its own subscriptions, and they end with it), leases, the live book against the
// simulator's own book, and resource change notices in both protocol eras.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type HttpServerHandle, startHttpServer } from 'binance-mcp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Connected,
  connectLegacy,
  connectModern,
  httpConfig,
  manualClock,
  type SimContext,
  simContext,
  textOf,
} from './helpers.js';

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: unknown };

let s: SimContext;
let a: Connected;
let b: Connected;

beforeAll(async () => {
  s = await simContext();
  a = await connectLegacy(s.context);
  b = await connectLegacy(s.context);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await s?.close();
});

async function call(c: Connected, name: string, args: Record<string, unknown> = {}): Promise<Result> {
  return (await c.client.callTool({ name, arguments: args })) as Result;
}
async function ok<T = Record<string, unknown>>(
  c: Connected,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const r = await call(c, name, args);
  if (r.isError) throw new Error(`${name}: ${textOf(r)}`);
  return r.structuredContent as T;
}

type Read = {
  events: { seq: number; [k: string]: unknown }[];
  nextCursor: number;
  missed: number;
  more: boolean;
  received: number;
};

describe('subscribe, read, unsubscribe, list', () => {
  test('trades arrive in order; reading by cursor misses none and repeats none', async () => {
    const sub = await ok<{ subscriptionId: string; stream: string }>(a, 'subscribe_stream', {
      type: 'trade',
      symbol: 'btcusdt',
    });
    expect(sub.stream).toBe('btcusdt@trade');
    const again = await ok<{ subscriptionId: string }>(a, 'subscribe_stream', { stream: 'btcusdt@trade' });
    expect(again.subscriptionId).toBe(sub.subscriptionId);

    // Another participant's market orders print trades now.
    for (let i = 0; i < 3; i++) s.sim.executeMarketOrder('BTCUSDT', i % 2 ? 'SELL' : 'BUY', '0.5');
    const ids: number[] = [];
    let cursor = 0;
    for (let reads = 0; reads < 50 && ids.length < 3; reads++) {
      const r = await ok<Read>(a, 'read_stream', {
        subscriptionId: sub.subscriptionId,
        cursor,
        limit: 2,
        waitMs: 3000,
      });
      expect(r.missed).toBe(0);
      for (const e of r.events) {
        expect(e.seq).toBe(cursor + 1);
        cursor = e.seq;
        ids.push(e.tradeId as number);
        expect(e).toMatchObject({ symbol: 'BTCUSDT', price: expect.stringMatching(/^\d+\.\d+$/) });
      }
      cursor = r.nextCursor;
    }
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] as number);

    const text = textOf(await call(a, 'read_stream', { subscriptionId: sub.subscriptionId, limit: 2 }));
    expect(text).toMatch(/^\[simulator\] btcusdt@trade \(sub-\d+\): 2 events/);
    expect(text).toMatch(/\nseq,eventTime,symbol,tradeId,price,quantity,tradeTime,isBuyerMaker\n/);

    const list = await ok<{
      subscriptions: { subscriptionId: string; received: number }[];
      connections: { state: string }[];
    }>(a, 'list_streams');
    expect(list.subscriptions.map((x) => x.subscriptionId)).toEqual([sub.subscriptionId]);
    expect(list.connections[0]?.state).toBe('open');

    const ended = await ok<{ ended: string[] }>(a, 'unsubscribe_stream', {
      subscriptionId: sub.subscriptionId,
    });
    expect(ended.ended).toEqual([sub.subscriptionId]);
    const gone = await call(a, 'read_stream', { subscriptionId: sub.subscriptionId });
    expect(gone.isError).toBe(true);
    expect(textOf(gone)).toMatch(/no subscription "sub-\d+" here/);
  });

  test('waitMs waits for the next event; without a cursor the newest come back', async () => {
    const sub = await ok<{ subscriptionId: string }>(a, 'subscribe_stream', {
      type: 'bookTicker',
      symbol: 'ETHUSDT',
    });
    const r = await ok<Read>(a, 'read_stream', {
      subscriptionId: sub.subscriptionId,
      waitMs: 10_000,
      limit: 1,
    });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      symbol: 'ETHUSDT',
      bidPrice: expect.any(String),
      askPrice: expect.any(String),
    });
    await ok(a, 'unsubscribe_stream', { all: true });
  });

  test('every stream type resolves; errors name the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'kline', symbol: 'BTCUSDT', interval: '1m' }, 'btcusdt@kline_1m'],
      [{ type: 'kline', symbol: 'BTCUSDT', interval: '1h', timeZone: '+08:00' }, 'btcusdt@kline_1h@+08:00'],
      [{ type: 'depth', symbol: 'BTCUSDT', levels: 5, speed: 100 }, 'btcusdt@depth5@100ms'],
      [{ type: 'diffDepth', symbol: 'BTCUSDT' }, 'btcusdt@depth'],
      [{ type: 'miniTicker' }, '!miniTicker@arr'],
      [{ type: 'rollingTicker', window: '4h', symbol: 'ETHUSDT' }, 'ethusdt@ticker_4h'],
      [{ type: 'avgPrice', symbol: 'BNBUSDT' }, 'bnbusdt@avgPrice'],
    ];
    for (const [args, name] of cases) {
      expect((await ok<{ stream: string }>(b, 'subscribe_stream', args)).stream).toBe(name);
    }
    await ok(b, 'unsubscribe_stream', { all: true });
    const errors: [Record<string, unknown>, RegExp][] = [
      [{ type: 'kline', symbol: 'BTCUSDT' }, /'interval' is missing; allowed: a kline interval/],
      [{ type: 'trade' }, /'symbol' is missing/],
      [{ type: 'trade', symbol: 'NOPEUSDT' }, /'symbol' is "NOPEUSDT"; allowed: a listed symbol/],
      [
        { stream: 'BTCUSDT@trade' },
        /'stream' is "BTCUSDT@trade"; allowed: a Binance stream name in lower case/,
      ],
      [
        { stream: 'btcusdt@trade', symbol: 'BTCUSDT' },
        /'symbol' is "BTCUSDT"; allowed: nothing besides stream/,
      ],
      [{ type: 'trade', symbol: 'BTCUSDT', window: '1h' }, /'window' is "1h"; allowed: not with type trade/],
      [{}, /'type' is missing/],
    ];
    for (const [args, pattern] of errors) {
      const r = await call(b, 'subscribe_stream', args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(r)).toMatch(pattern);
    }
    expect(textOf(await call(b, 'unsubscribe_stream', {}))).toMatch(/either a subscriptionId or all: true/);
  });

  test('a client sees only its own subscriptions, and they end when it disconnects', async () => {
    const c = await connectLegacy(s.context);
    const sub = await ok<{ subscriptionId: string }>(c, 'subscribe_stream', {
      type: 'aggTrade',
      symbol: 'BNBUSDT',
    });
    const other = await call(b, 'read_stream', { subscriptionId: sub.subscriptionId });
    expect(other.isError).toBe(true);
    expect((await ok<{ subscriptions: unknown[] }>(b, 'list_streams')).subscriptions).toEqual([]);
    expect(
      s.context.streams
        .streamClient()
        .streams()
        .map((x) => x.stream),
    ).toContain('bnbusdt@aggTrade');
    await c.close();
    expect(
      s.context.streams
        .streamClient()
        .streams()
        .map((x) => x.stream),
    ).not.toContain('bnbusdt@aggTrade');
  });
});

describe('leases and buffers', () => {
  test('a subscription not read within its lease ends; a small buffer reports what it missed', async () => {
    const clock = { t: Date.now() };
    const own = await simContext({}, { streams: { leaseMs: 60_000, bufferSize: 3, now: () => clock.t } });
    const c = await connectModern(own.context);
    try {
      const sub = await ok<{ subscriptionId: string; expiresAt: number }>(c, 'subscribe_stream', {
        type: 'trade',
        symbol: 'ETHUSDT',
      });
      expect(sub.expiresAt).toBe(clock.t + 60_000);
      for (let i = 0; i < 4; i++) own.sim.executeMarketOrder('ETHUSDT', 'BUY', '2');
      let r = await ok<Read>(c, 'read_stream', {
        subscriptionId: sub.subscriptionId,
        cursor: 0,
        waitMs: 5000,
        limit: 1,
      });
      for (let i = 0; i < 50 && r.received < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        r = await ok<Read>(c, 'read_stream', { subscriptionId: sub.subscriptionId, cursor: 0, limit: 1 });
      }
      expect(r.received).toBeGreaterThanOrEqual(5);
      expect(r.missed).toBe(r.received - 3);
      expect(r.events[0]?.seq).toBe(r.received - 2);
      clock.t += 61_000;
      own.context.streams.sweep();
      expect(textOf(await call(c, 'read_stream', { subscriptionId: sub.subscriptionId }))).toMatch(
        /not read for 1 minutes is closed/,
      );
    } finally {
      await c.close();
      await own.close();
    }
  });
});

describe('the live order book and live resources (market held still)', () => {
  let still: SimContext;
  let m: Connected;
  const clock = manualClock();
  beforeAll(async () => {
    still = await simContext({}, { clock });
    m = await connectModern(still.context);
  });
  afterAll(async () => {
    await m?.close();
    await still?.close();
  });

  /**
   * Moves the book while `promise` runs: a local book syncs on its first diff event, and a market held
   * still sends none.
   */
  async function whileTrading<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    void promise.finally(() => {
      done = true;
    });
    for (let i = 0; i < 100 && !done; i++) {
      still.sim.executeMarketOrder('BTCUSDT', i % 2 ? 'SELL' : 'BUY', '0.001');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return promise;
  }

  test("get_order_book source live equals the simulator's book and the REST snapshot", async () => {
    await whileTrading(still.context.streams.orderBook('BTCUSDT'));
    const live = await ok<{
      source: string;
      bids: string[][];
      asks: string[][];
      bestBid: string;
      fetchedLevels: { bids: number };
    }>(m, 'get_order_book', { symbol: 'BTCUSDT', source: 'live', limit: 5 });
    const rest = await ok<{ bids: string[][]; asks: string[][] }>(m, 'get_order_book', {
      symbol: 'BTCUSDT',
      limit: 5,
    });
    const own = still.sim.orderBook('BTCUSDT', 5);
    expect(live.source).toBe('live');
    expect(live.bids).toEqual(own.bids.map((l) => [l[0], l[1]]));
    expect(live.asks).toEqual(own.asks.map((l) => [l[0], l[1]]));
    expect(live.bids).toEqual(rest.bids);
    expect(live.fetchedLevels.bids).toBeGreaterThan(100);
  });

  test('binance://ticker and binance://book read from live streams', async () => {
    const ticker = JSON.parse(
      ((await m.client.readResource({ uri: 'binance://ticker/btcusdt' })).contents[0] as { text: string })
        .text,
    );
    expect(ticker).toMatchObject({ environment: 'simulator', symbol: 'BTCUSDT', source: 'live' });
    const direct = await still.context.rest.ticker24hr({ symbol: 'BTCUSDT' });
    expect(ticker.ticker.lastPrice).toBe(direct.lastPrice);
    const book = JSON.parse(
      ((await m.client.readResource({ uri: 'binance://book/BTCUSDT' })).contents[0] as { text: string }).text,
    );
    expect(book.bestBid.price).toBe(still.sim.orderBook('BTCUSDT', 1).bids[0]?.[0]);
    expect(book.bids).toHaveLength(20);
    await expect(m.client.readResource({ uri: 'binance://book/NOPEUSDT' })).rejects.toThrow(
      /Resource not found/,
    );
  });
});

describe('resource change notices', () => {
  test('2025: subscribe to binance://book/{symbol}, get notices when it changes, none after unsubscribing', async () => {
    const c = await connectLegacy(s.context);
    const updates: string[] = [];
    c.client.setNotificationHandler('notifications/resources/updated', (n) => {
      updates.push(n.params.uri);
    });
    try {
      await c.client.subscribeResource({ uri: 'binance://book/ETHBTC' });
      for (let i = 0; i < 60 && updates.length === 0; i++) {
        s.sim.executeMarketOrder('ETHBTC', 'BUY', '1');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(updates[0]).toBe('binance://book/ETHBTC');
      await c.client.unsubscribeResource({ uri: 'binance://book/ETHBTC' });
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const count = updates.length;
      s.sim.executeMarketOrder('ETHBTC', 'SELL', '1');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(updates.length).toBe(count);
    } finally {
      await c.close();
    }
  });

  test('2026-07-28 over HTTP: listen after reading; notices at most once a second', async () => {
    const http: HttpServerHandle = await startHttpServer(s.context, httpConfig({}, ['--port', '0']));
    const client = new Client({ name: 'listener', version: '0' }, { versionNegotiation: { mode: 'auto' } });
    const seen: number[] = [];
    client.setNotificationHandler('notifications/resources/updated', (n) => {
      if (n.params.uri === 'binance://ticker/BNBUSDT') seen.push(Date.now());
    });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      await client.readResource({ uri: 'binance://ticker/BNBUSDT' });
      const listening = await client.listen({ resourceSubscriptions: ['binance://ticker/BNBUSDT'] });
      for (let i = 0; i < 80 && seen.length < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < seen.length; i++)
        expect((seen[i] as number) - (seen[i - 1] as number)).toBeGreaterThanOrEqual(900);
      await listening.close();
    } finally {
      await client.close();
      await http.close();
    }
  });

  test('stateless HTTP clients share subscriptions by id (one owner, leases end them)', async () => {
    const http = await startHttpServer(s.context, httpConfig({}, ['--port', '0']));
    const one = new Client({ name: 'one', version: '0' }, { versionNegotiation: { mode: 'auto' } });
    const two = new Client({ name: 'two', version: '0' }, { versionNegotiation: { mode: 'auto' } });
    try {
      await one.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      await two.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      const sub = (
        await one.callTool({ name: 'subscribe_stream', arguments: { type: 'miniTicker', symbol: 'BTCUSDT' } })
      ).structuredContent as { subscriptionId: string };
      const r = await two.callTool({
        name: 'read_stream',
        arguments: { subscriptionId: sub.subscriptionId, waitMs: 5000 },
      });
      expect(r.isError).toBeFalsy();
      await two.callTool({ name: 'unsubscribe_stream', arguments: { all: true } });
    } finally {
      await one.close();
      await two.close();
      await http.close();
    }
  });
});
