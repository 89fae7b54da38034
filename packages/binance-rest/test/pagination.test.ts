// Pagination over ranges larger than one request: every item once, in order, within the range, with
// progress and abort; through the same budget (a small budget gets no 429, only waits).

import { type AggTrade, type Kline, type PageProgress, type Trade, ValidationError } from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type ManualTime, type Setup, setup } from './helpers.js';

let env: Setup;
let sim: Simulator;
let time: ManualTime;

beforeAll(async () => {
  env = await setup();
  ({ sim, time } = env);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ items: T[]; sizes: number[] }> {
  const items: T[] = [];
  const sizes: number[] = [];
  for await (const page of pages) {
    expect(page.length).toBeGreaterThan(0);
    sizes.push(page.length);
    items.push(...page);
  }
  return { items, sizes };
}

const HOUR = 3_600_000;

describe('klines', () => {
  test('a range of 50 hours in pages of 12: every kline once, in order, as one request would give them', async () => {
    const client = env.makeClient();
    const startTime = Date.UTC(2026, 0, 13, 6);
    const endTime = startTime + 50 * HOUR - 1;
    const progress: PageProgress[] = [];
    const { items, sizes } = await collect(
      client.paginate.klines(
        { symbol: 'BTCUSDT', interval: '1h', startTime, endTime, limit: 12 },
        { onProgress: (p) => progress.push(p) },
      ),
    );
    expect(sizes).toEqual([12, 12, 12, 12, 2]);
    expect(items.map((k) => k.openTime)).toEqual(Array.from({ length: 50 }, (_, i) => startTime + i * HOUR));
    const direct = await client.klines({
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime,
      endTime,
      limit: 1000,
    });
    expect(items).toEqual(direct);

    expect(progress.map((p) => [p.pages, p.items])).toEqual([
      [1, 12],
      [2, 24],
      [3, 36],
      [4, 48],
      [5, 50],
    ]);
    const fractions = progress.map((p) => p.fraction as number);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBeCloseTo(49 / 50, 5);
    expect(progress[0]).toMatchObject({ startTime, endTime, lastId: undefined });
  });

  test('without endTime the range ends now; uiKlines and a time zone work the same way', async () => {
    const client = env.makeClient();
    const startTime = sim.now() - 3 * 86_400_000;
    const { items } = await collect(
      client.paginate.uiKlines({ symbol: 'ETHUSDT', interval: '4h', startTime, timeZone: '8' }),
    );
    const last = items[items.length - 1] as Kline;
    expect(last.openTime).toBeLessThanOrEqual(sim.now());
    expect(last.closeTime).toBeGreaterThanOrEqual(sim.now());
    expect(items.every((k) => (k.openTime + 8 * HOUR) % (4 * HOUR) === 0)).toBe(true);
    expect(sim.requests().every((r) => r.path === '/api/v3/uiKlines')).toBe(true);
  });

  test('stops early when the consumer breaks out, and sends no further request', async () => {
    const client = env.makeClient();
    const startTime = Date.UTC(2026, 0, 13);
    let pages = 0;
    for await (const _page of client.paginate.klines({
      symbol: 'BTCUSDT',
      interval: '1m',
      startTime,
      limit: 100,
    })) {
      pages++;
      if (pages === 2) break;
    }
    expect(sim.requestCounts()['/api/v3/klines']).toBe(2);
  });

  test('an AbortSignal stops the iteration', async () => {
    const client = env.makeClient();
    const controller = new AbortController();
    const startTime = Date.UTC(2026, 0, 13);
    const seen: number[] = [];
    const run = async () => {
      for await (const page of client.paginate.klines(
        { symbol: 'BTCUSDT', interval: '1m', startTime, limit: 50 },
        {
          signal: controller.signal,
          onProgress: (p) => p.pages === 3 && controller.abort(new Error('enough')),
        },
      )) {
        seen.push(page.length);
      }
    };
    await expect(run()).rejects.toThrow('enough');
    expect(seen).toEqual([50, 50, 50]);
    expect(sim.requestCounts()['/api/v3/klines']).toBe(3);
  });

  test('a small budget makes pagination wait, never get a 429', async () => {
    const client = env.makeClient({ weightLimit: 10 });
    const before = time.now();
    const startTime = Date.UTC(2026, 0, 12);
    const { items } = await collect(
      client.paginate.klines({
        symbol: 'BNBUSDT',
        interval: '1h',
        startTime,
        endTime: startTime + 48 * HOUR - 1,
        limit: 4,
      }),
    );
    expect(items).toHaveLength(48);
    expect(
      sim
        .requests()
        .map((r) => r.status)
        .every((s) => s === 200),
    ).toBe(true);
    expect(time.now() - before).toBeGreaterThan(60_000); // 12 requests of weight 2 at 10 a minute
  });

  test('parameters are checked before anything is sent', async () => {
    const client = env.makeClient();
    const pages = client.paginate.klines({ symbol: 'BTCUSDT', interval: '1h' } as never);
    const error = await pages.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ parameter: 'startTime', endpoint: 'paginate.klines' });
    const tooBig = await client.paginate
      .klines({ symbol: 'BTCUSDT', interval: '1h', startTime: 0, limit: 1001 })
      .next()
      .catch((e: unknown) => e);
    expect(tooBig).toMatchObject({
      parameter: 'limit',
      allowed: 'items per request: an integer from 1 to 1000 (default 1000)',
    });
    expect(sim.requests()).toEqual([]);
  });
});

describe('aggregate trades', () => {
  test('a time range: first page by time, then by id; contiguous ids, all within the range', async () => {
    const client = env.makeClient();
    const endTime = sim.now() - 10 * 60_000;
    const startTime = endTime - 2 * HOUR;
    const progress: PageProgress[] = [];
    const { items, sizes } = await collect(
      client.paginate.aggTrades(
        { symbol: 'BTCUSDT', startTime, endTime, limit: 200 },
        { onProgress: (p) => progress.push(p) },
      ),
    );
    expect(sizes.length).toBeGreaterThan(2);
    expect(items.every((t) => t.time >= startTime && t.time <= endTime)).toBe(true);
    const ids = items.map((t) => Number(t.id));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => (ids[0] as number) + i));
    // Nothing in the range was missed at either end.
    const before = await client.aggTrades({ symbol: 'BTCUSDT', fromId: (ids[0] as number) - 1, limit: 1 });
    expect((before[0] as AggTrade).time).toBeLessThan(startTime);
    const after = await client.aggTrades({ symbol: 'BTCUSDT', fromId: (ids.at(-1) as number) + 1, limit: 1 });
    expect((after[0] as AggTrade).time).toBeGreaterThan(endTime);
    // Requests: the first by time, the rest by id.
    const queries = sim
      .requests()
      .slice(0, sizes.length)
      .map((r) => new URLSearchParams(r.query));
    expect(queries[0]?.get('startTime')).toBe(String(startTime));
    expect(queries.slice(1).every((q) => q.has('fromId') && !q.has('startTime'))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ items: items.length, lastId: items.at(-1)?.id });
  });

  test('from an id until caught up', async () => {
    const client = env.makeClient();
    const recent = await client.aggTrades({ symbol: 'ETHBTC', limit: 1 });
    const lastId = Number((recent[0] as AggTrade).id);
    const { items } = await collect(
      client.paginate.aggTrades({ symbol: 'ETHBTC', fromId: lastId - 450, limit: 100 }),
    );
    expect(items.map((t) => Number(t.id))).toEqual(Array.from({ length: 451 }, (_, i) => lastId - 450 + i));
  });

  test('needs a start, and only one kind', async () => {
    const client = env.makeClient();
    await expect(client.paginate.aggTrades({ symbol: 'BTCUSDT' }).next()).rejects.toMatchObject({
      name: 'ValidationError',
      parameter: 'startTime',
    });
    await expect(
      client.paginate.aggTrades({ symbol: 'BTCUSDT', startTime: 1, fromId: 1 }).next(),
    ).rejects.toMatchObject({
      parameter: 'fromId',
      allowed: "either 'startTime' or 'fromId', not both",
    });
  });
});

describe('historical trades', () => {
  test('a time range: the first trade is found through aggTrades, then pages by id', async () => {
    const client = env.makeClient();
    const endTime = sim.now() - 30 * 60_000;
    const startTime = endTime - 20 * 60_000;
    const { items } = await collect(
      client.paginate.historicalTrades({ symbol: 'ETHUSDT', startTime, endTime, limit: 250 }),
    );
    expect(items.length).toBeGreaterThan(250);
    expect((items[0] as Trade).time).toBeGreaterThanOrEqual(startTime);
    expect(items.every((t) => t.time <= endTime)).toBe(true);
    const ids = items.map((t) => Number(t.id));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => (ids[0] as number) + i));
    const previous = await client.historicalTrades({
      symbol: 'ETHUSDT',
      fromId: (ids[0] as number) - 1,
      limit: 1,
    });
    expect((previous[0] as Trade).time).toBeLessThan(startTime);
    const next = await client.historicalTrades({
      symbol: 'ETHUSDT',
      fromId: (ids.at(-1) as number) + 1,
      limit: 1,
    });
    expect((next[0] as Trade).time).toBeGreaterThan(endTime);
    expect(sim.requests()[0]?.path).toBe('/api/v3/aggTrades');
  });

  test('from a trade id, with a bigint id', async () => {
    const client = env.makeClient();
    const latest = await client.trades({ symbol: 'BNBUSDT', limit: 1 });
    const last = BigInt((latest[0] as Trade).id);
    const { items, sizes } = await collect(
      client.paginate.historicalTrades({ symbol: 'BNBUSDT', fromId: last - 99n, limit: 40 }),
    );
    expect(sizes).toEqual([40, 40, 20]);
    expect(items.map((t) => BigInt(t.id))).toEqual(
      Array.from({ length: 100 }, (_, i) => last - 99n + BigInt(i)),
    );
  });
});
