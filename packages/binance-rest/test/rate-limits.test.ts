// The weight budget against the simulator's real accounting: a burst far beyond the budget gets no 429,
// the budget follows exchangeInfo and X-MBX-USED-WEIGHT-1M, 429's Retry-After is honoured, a 418 ban
// stops everything until it ends. The simulator and the client share a manual clock, so minutes pass
// without waiting.

import { BannedError, BinanceError, RateLimitError, type RestClient } from '@binance-mcp/rest';
import type { RequestRecord, Simulator } from '@binance-mcp/simulator';
import { afterEach, describe, expect, test } from 'vitest';
import { recorder, type Setup, setup } from './helpers.js';

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(
  weightLimit: number,
  clientOptions: Parameters<typeof setup>[1] = {},
): Promise<Setup & { rec: ReturnType<typeof recorder> }> {
  const rec = recorder();
  const env = await setup({ weightLimit, banAfter429s: 2 }, { logger: rec.logger, ...clientOptions });
  running.push(env.sim);
  return { ...env, rec };
}

/** Weight the simulator served in each of its minutes. */
function weightPerMinute(requests: readonly RequestRecord[]): Map<number, number> {
  const minutes = new Map<number, number>();
  for (const r of requests) {
    if (r.status !== 200) continue;
    const minute = Math.floor(r.time / 60_000);
    minutes.set(minute, (minutes.get(minute) ?? 0) + r.weight);
  }
  return minutes;
}

/** A mixed burst of calls: depth (5), price (2), klines (2), avgPrice (2), ticker24hr (2). */
function burst(client: RestClient, n: number): Promise<unknown>[] {
  const calls = [
    () => client.depth({ symbol: 'BTCUSDT', limit: 10 }),
    () => client.price({ symbol: 'ETHUSDT' }),
    () => client.klines({ symbol: 'BNBUSDT', interval: '1m', limit: 5 }),
    () => client.avgPrice({ symbol: 'ETHBTC' }),
    () => client.ticker24hr({ symbol: 'LTCBTC', type: 'MINI' }),
  ];
  return Array.from({ length: n }, (_, i) => (calls[i % calls.length] as () => Promise<unknown>)());
}

describe('weight budget', () => {
  test("the client's count is the simulator's", async () => {
    const { sim, client } = await start(6000);
    await client.depth({ symbol: 'BTCUSDT', limit: 500 });
    await client.exchangeInfo({ symbol: 'BTCUSDT' });
    await client.ticker24hr();
    await Promise.all(burst(client, 10));
    expect(client.rateLimitState()).toMatchObject({
      usedWeight: sim.usedWeight(),
      weightLimit: 6000,
      queued: 0,
    });
    // depth 500: 25, exchangeInfo: 20, all 24h tickers: 80, the burst: 2 × (5 + 2 + 2 + 2 + 2)
    expect(sim.usedWeight()).toBe(25 + 20 + 80 + 2 * 13);
  });

  test('a burst of 400 calls against a budget of 100 per minute gets no 429: it waits for each new minute', async () => {
    const { sim, time, client, rec } = await start(100);
    // The budget comes from exchangeInfo's REQUEST_WEIGHT limit.
    await client.exchangeInfo({ symbol: 'BTCUSDT' });
    expect(client.rateLimitState().weightLimit).toBe(100);
    const started = time.now();

    const results = await Promise.allSettled(burst(client, 400));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const requests = sim.requests();
    expect(requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(requests).toHaveLength(401);
    for (const [minute, weight] of weightPerMinute(requests)) {
      expect(weight, `minute ${minute}`).toBeLessThanOrEqual(100);
    }
    // 1060 weight in all at 100 a minute: at least 11 minutes, so the client waited for 10 to pass.
    expect(weightPerMinute(requests).size).toBeGreaterThanOrEqual(11);
    expect(time.now() - started).toBeGreaterThanOrEqual(9 * 60_000);
    expect(rec.ofType('wait').length).toBeGreaterThan(0);
    expect(rec.ofType('wait')[0]).toMatchObject({ reason: 'weight', weightLimit: 100 });
    expect(client.rateLimitState().queued).toBe(0);
  });

  test('weightLimit keeps to a share of the budget, whatever exchangeInfo says', async () => {
    const { sim, client } = await start(100, { weightLimit: 40 });
    await client.exchangeInfo({ symbol: 'BTCUSDT' });
    expect(client.rateLimitState().weightLimit).toBe(40);
    await Promise.all(burst(client, 60));
    for (const weight of weightPerMinute(sim.requests()).values()) expect(weight).toBeLessThanOrEqual(40);
  });

  test('weight used by another program on the same IP (seen in X-MBX-USED-WEIGHT-1M) is respected', async () => {
    const { sim, time, client } = await start(100, { weightLimit: 100 });
    // Someone else uses 90 of the minute's 100.
    for (let i = 0; i < 18; i++) await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=5`);
    expect(sim.usedWeight()).toBe(90);
    await client.ping(); // its response reports 91
    expect(client.rateLimitState().usedWeight).toBe(91);
    const minute = Math.floor(time.now() / 60_000);
    await client.depth({ symbol: 'BTCUSDT', limit: 5 }); // 96: fits
    await client.depth({ symbol: 'BTCUSDT', limit: 5 }); // 101: waits for the next minute
    expect(sim.requests().filter((r) => r.status !== 200)).toEqual([]);
    expect(Math.floor((sim.requests().at(-1) as RequestRecord).time / 60_000)).toBe(minute + 1);
  });

  test("onBudgetExhausted: 'fail' throws RateLimitError instead of waiting, and sends nothing", async () => {
    const { sim, client } = await start(100, { onBudgetExhausted: 'fail', weightLimit: 100 });
    const results = await Promise.allSettled(burst(client, 60));
    const failed = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason);
    expect(failed.length).toBeGreaterThan(0);
    for (const error of failed) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toBeInstanceOf(BinanceError);
      expect(error).toMatchObject({ source: 'client', limit: 100, status: undefined });
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
      expect((error as RateLimitError).until).toBe(
        client.serverTime() + (error as RateLimitError).retryAfterMs,
      );
    }
    expect((failed[0] as Error).message).toMatch(
      /^GET \/api\/v3\/\S+ not sent: the request weight budget is used up \(\d+ of 100 per 60 s\); it could be sent in \d+ ms \(onBudgetExhausted is 'fail'\)$/,
    );
    expect(sim.requests().filter((r) => r.status !== 200)).toEqual([]);
    expect(sim.requests()).toHaveLength(60 - failed.length);
    // A waiting call still goes through once the minute has passed.
    await expect(client.ping({}, { onBudgetExhausted: 'wait' })).resolves.toEqual({});
  });

  test('a request heavier than the whole budget fails at once', async () => {
    const { sim, client } = await start(100, { weightLimit: 100 });
    const error = await client.depth({ symbol: 'BTCUSDT', limit: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toBe(
      'GET /api/v3/depth not sent: its weight 250 is more than the whole budget of 100 per 1m',
    );
    expect(sim.requests()).toEqual([]);
  });

  test('waiting calls can be aborted', async () => {
    const { client } = await start(10, { weightLimit: 10 });
    await client.depth({ symbol: 'BTCUSDT', limit: 5 });
    await client.depth({ symbol: 'BTCUSDT', limit: 5 });
    const controller = new AbortController();
    controller.abort(new Error('stop waiting'));
    await expect(
      client.depth({ symbol: 'BTCUSDT', limit: 5 }, { signal: controller.signal }),
    ).rejects.toThrow('stop waiting');
  });
});

describe('429 and Retry-After', () => {
  test("a 429 is a RateLimitError with Binance's code and message; nothing is sent until Retry-After has passed", async () => {
    const { sim, time, client, rec } = await start(6000);
    sim.exhaustWeight();
    const error = await client.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const retryAfterSeconds = Math.max(1, Math.ceil((60_000 - (time.now() % 60_000)) / 1000));
    expect(error).toMatchObject({
      source: 'server',
      status: 429,
      code: -1003,
      msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
      retryAfterMs: retryAfterSeconds * 1000,
      until: time.now() + retryAfterSeconds * 1000,
    });
    expect(rec.ofType('rate-limited')).toHaveLength(1);
    expect(sim.requests()).toHaveLength(1);

    // Failing fast says why and does not send.
    const fast = await client.time({}, { onBudgetExhausted: 'fail' }).catch((e: unknown) => e);
    expect(fast).toMatchObject({ name: 'RateLimitError', source: 'client' });
    expect((fast as Error).message).toContain('Binance asked to wait (429 Retry-After)');
    expect(sim.requests()).toHaveLength(1);

    // Waiting calls go once Retry-After has passed; the simulator never saw a second 429 (no ban).
    const times = await Promise.all([client.time(), client.time(), client.ping()]);
    expect(times[0].serverTime).toBeGreaterThanOrEqual((error as RateLimitError).until);
    expect(sim.requests().map((r) => r.status)).toEqual([429, 200, 200, 200]);
    expect(rec.ofType('wait')[0]).toMatchObject({ reason: 'retry-after' });
  });
});

describe('418 bans', () => {
  test('a 418 stops everything until the ban ends: every call fails fast with BannedError carrying `until`', async () => {
    const { sim, time, client, rec } = await start(6000);
    sim.banIp(undefined, 120_000);
    const until = time.now() + 120_000;

    const error = await client.depth({ symbol: 'BTCUSDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BannedError);
    expect(error).toMatchObject({ status: 418, code: -1003, until, endpoint: 'GET /api/v3/depth' });
    expect((error as BannedError).msg).toBe(
      `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
    );
    expect(rec.ofType('ban')).toMatchObject([{ until }]);
    expect(client.rateLimitState().bannedUntil).toBe(until);

    time.advance(60_000);
    const later = await Promise.allSettled([
      client.ping(),
      client.time(),
      client.price({ symbol: 'BTCUSDT' }),
    ]);
    for (const result of later) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(BannedError);
      expect(reason.until).toBe(until);
      expect(reason.message).toContain(`banned by Binance until ${new Date(until).toISOString()}`);
    }
    expect(sim.requests()).toHaveLength(1);

    time.advance(60_001);
    expect(await client.ping()).toEqual({});
    expect(client.rateLimitState().bannedUntil).toBeUndefined();
  });
});

describe('server time', () => {
  test('syncClock measures and keeps the offset; weight windows follow the server clock', async () => {
    const { sim, time, client, rec } = await start(100);
    sim.shiftClock(45_000);
    expect(client.clockOffset).toBeUndefined();
    const measured = await client.syncClock();
    expect(measured.offset).toBe(45_000);
    expect(client.clockOffset).toBe(45_000);
    expect(client.serverTime()).toBe(sim.now());
    expect(client.transport.clock()).toBe(sim.now());
    expect(rec.ofType('clock')).toMatchObject([{ offset: 45_000 }]);

    await client.exchangeInfo({ symbol: 'BTCUSDT' });
    const results = await Promise.allSettled(burst(client, 120));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(sim.requests().filter((r) => r.status !== 200)).toEqual([]);
    for (const weight of weightPerMinute(sim.requests()).values()) expect(weight).toBeLessThanOrEqual(100);
    expect(time.now()).toBeGreaterThan(0);
  });
});
