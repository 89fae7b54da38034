// The cached exchangeInfo: one request however many callers ask at once, reuse within the TTL, refetch
// after it or after invalidate(), symbol lookup, errors not cached, callers' aborts kept apart.

import { createExchangeInfoCache, findFilter } from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
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

const count = () => sim.requestCounts()['/api/v3/exchangeInfo'] ?? 0;

test('100 callers at once: one request, one document', async () => {
  const client = env.makeClient();
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      i % 2 ? client.exchangeInfoCache.get() : client.exchangeInfoCache.symbol('BTCUSDT'),
    ),
  );
  expect(count()).toBe(1);
  const info = results[1] as Awaited<ReturnType<typeof client.exchangeInfoCache.get>>;
  expect(info.symbols.map((s) => s.symbol)).toEqual(sim.symbols());
  for (let i = 1; i < 100; i += 2) expect(results[i]).toBe(info);
  expect(results[0]).toBe(info.symbols.find((s) => s.symbol === 'BTCUSDT'));
});

test('reused within the TTL, fetched again after it', async () => {
  const client = env.makeClient({ exchangeInfoTtlMs: 60_000 });
  const first = await client.exchangeInfoCache.get();
  expect(client.exchangeInfoCache.fetchedAt).toBe(time.now());
  time.advance(59_999);
  expect(await client.exchangeInfoCache.get()).toBe(first);
  expect(count()).toBe(1);
  time.advance(1);
  const second = await client.exchangeInfoCache.get();
  expect(second).not.toBe(first);
  expect(second.serverTime).toBe(first.serverTime + 60_000);
  expect(count()).toBe(2);
});

test('invalidate() drops the document; a fetch already under way does not refill the cache', async () => {
  const client = env.makeClient();
  await client.exchangeInfoCache.get();
  client.exchangeInfoCache.invalidate();
  expect(client.exchangeInfoCache.peek()).toBeUndefined();
  const pending = client.exchangeInfoCache.get();
  client.exchangeInfoCache.invalidate();
  await pending;
  expect(client.exchangeInfoCache.peek()).toBeUndefined();
  await client.exchangeInfoCache.get();
  expect(count()).toBe(3);
  expect(client.exchangeInfoCache.peek()).toBeDefined();
});

test('symbol lookup: typed filters, lower-case accepted, unknown is undefined, non-ASCII works', async () => {
  const client = env.makeClient();
  const btc = await client.exchangeInfoCache.symbol('btcusdt');
  expect(btc?.symbol).toBe('BTCUSDT');
  const lot = findFilter(btc?.filters ?? [], 'LOT_SIZE');
  expect(lot).toMatchObject({ filterType: 'LOT_SIZE', stepSize: expect.stringMatching(/^\d+\.\d+$/) });
  expect(await client.exchangeInfoCache.symbol('NOPEUSDT')).toBeUndefined();
  expect((await client.exchangeInfoCache.symbol('这是测试币456'))?.baseAsset).toBe('这是测试币');
  expect(count()).toBe(1);
  await expect(client.exchangeInfoCache.symbol(42 as never)).rejects.toMatchObject({
    name: 'ValidationError',
    parameter: 'symbol',
  });
});

test('a failed fetch is not cached: every waiter gets the error, the next call tries again', async () => {
  const client = env.makeClient({ retry: false });
  sim.failRequests({ path: '/api/v3/exchangeInfo', status: 503 });
  const results = await Promise.allSettled([
    client.exchangeInfoCache.get(),
    client.exchangeInfoCache.symbol('BTCUSDT'),
  ]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'ApiError', status: 503 });
  expect(count()).toBe(1);
  expect((await client.exchangeInfoCache.get()).symbols.length).toBe(sim.symbols().length);
  expect(count()).toBe(2);
});

test("one caller's abort leaves the shared fetch and the other callers alone", async () => {
  const client = env.makeClient();
  sim.delayResponses(100, { path: '/api/v3/exchangeInfo' });
  const controller = new AbortController();
  const impatient = client.exchangeInfoCache.get({ signal: controller.signal });
  const patient = client.exchangeInfoCache.get();
  controller.abort(new Error('not waiting'));
  await expect(impatient).rejects.toThrow('not waiting');
  expect((await patient).symbols.length).toBe(sim.symbols().length);
  expect(count()).toBe(1);
});

test('the cache teaches the transport the weight limit', async () => {
  await sim.close();
  env = await setup({ weightLimit: 1234 });
  ({ sim, time } = env);
  const client = env.makeClient();
  expect(client.rateLimitState().weightLimit).toBe(6000);
  await client.exchangeInfoCache.get();
  expect(client.rateLimitState().weightLimit).toBe(1234);
});

test('standalone: createExchangeInfoCache over any transport', async () => {
  const client = env.makeClient();
  const cache = createExchangeInfoCache(client.transport, { ttlMs: 0, now: time.now });
  await cache.get();
  await cache.get();
  expect(count()).toBe(2);
});
