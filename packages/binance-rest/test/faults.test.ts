// Each error path and fault over real HTTP: Binance's errors kept verbatim, timeouts, 5xx then success,
// dropped connections, truncated JSON, a fallback host taking over, and aborts. Only idempotent requests
// are retried, and never after a 4xx.

import {
  ApiError,
  BinanceError,
  createRestClient,
  defineEndpoint,
  marketEndpoints,
  NetworkError,
  RateLimitError,
  ResponseParseError,
  type RestClient,
  TimeoutError,
  ValidationError,
} from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  fixtureServer,
  type ManualTime,
  recorder,
  refusingUrl,
  type Setup,
  sendJson,
  setup,
} from './helpers.js';

let env: Setup;
let sim: Simulator;
let time: ManualTime;

beforeAll(async () => {
  env = await setup();
  ({ sim, time } = env);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function withEvents(options: Parameters<Setup['makeClient']>[0] = {}): {
  client: RestClient;
  rec: ReturnType<typeof recorder>;
} {
  const rec = recorder();
  return { client: env.makeClient({ logger: rec.logger, ...options }), rec };
}

describe("Binance's errors", () => {
  test("a 403 from the firewall: ApiError without a code that keeps the page's text; not retried", async () => {
    const { client, rec } = withEvents();
    sim.blockRequests({ path: '/api/v3/depth' });
    const error = await client.depth({ symbol: 'BTCUSDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: undefined });
    // The page's text, not its markup.
    expect((error as ApiError).msg).toBe('403 ERROR The request could not be satisfied. Request blocked.');
    expect(sim.requestCounts()['/api/v3/depth']).toBe(1);
    expect(rec.ofType('retry')).toEqual([]);
  });

  test('a 429 without Retry-After holds requests until the next minute of the server clock', async () => {
    const { client } = withEvents({ retry: false });
    sim.rateLimitRequests({ path: '/api/v3/ping' });
    const error = await client.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const nextMinute = Math.ceil(time.now() / 60_000) * 60_000;
    expect(error).toMatchObject({
      source: 'server',
      status: 429,
      code: -1003,
      retryAfterMs: nextMinute - time.now(),
      until: nextMinute,
    });
    expect(client.rateLimitState().retryAfterUntil).toBe(nextMinute);
  });

  test('an unknown symbol: ApiError with code and msg verbatim, HTTP status, endpoint; not retried', async () => {
    const { client, rec } = withEvents();
    const error = await client.depth({ symbol: 'NOPEUSDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(BinanceError);
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 400,
      code: -1121,
      msg: 'Invalid symbol.',
      endpoint: 'GET /api/v3/depth',
      baseUrl: sim.restUrl,
    });
    expect((error as ApiError).usedWeight).toBe(5);
    expect((error as Error).message).toBe('GET /api/v3/depth failed (HTTP 400, code -1121): Invalid symbol.');
    expect(sim.requestCounts()['/api/v3/depth']).toBe(1);
    expect(rec.ofType('retry')).toEqual([]);
  });

  test('a 404 HTML page: ApiError without a code, the body kept', async () => {
    const client = env.makeClient();
    const endpoint = defineEndpoint({ ...marketEndpoints.ping, path: '/api/v3/nothing-here' });
    const error = await client.request(endpoint, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      code: undefined,
      msg: '404 Not found',
    });
  });
});

describe('timeouts', () => {
  test("no answer within `timeout`: TimeoutError (the simulator's delay fault)", async () => {
    const client = env.makeClient({ timeout: 100, retry: false });
    sim.delayResponses(400, { path: '/api/v3/time' });
    const error = await client.time().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, endpoint: 'GET /api/v3/time', baseUrl: sim.restUrl });
    expect((error as Error).message).toBe(
      `GET /api/v3/time timed out: no response from ${sim.restUrl} within 100 ms`,
    );
  });

  test('a per-call timeout overrides the client one', async () => {
    const client = env.makeClient({ timeout: 10_000, retry: false });
    sim.delayResponses(400, { path: '/api/v3/ping' });
    await expect(client.ping({}, { timeout: 50 })).rejects.toBeInstanceOf(TimeoutError);
  });

  test('an idempotent request is retried after a timeout and succeeds', async () => {
    // Generous margins: the retry must beat the timeout even on a loaded CI machine.
    const { client, rec } = withEvents({ timeout: 500 });
    sim.delayResponses(1500, { path: '/api/v3/avgPrice', count: 1 });
    const avg = await client.avgPrice({ symbol: 'BTCUSDT' });
    expect(avg.mins).toBe(5);
    expect(sim.requestCounts()['/api/v3/avgPrice']).toBe(2);
    expect(rec.ofType('retry')).toMatchObject([{ attempt: 2, reason: 'timeout' }]);
  });
});

describe('5xx', () => {
  test('503 twice, then success: retried with backoff', async () => {
    const { client, rec } = withEvents();
    sim.failRequests({ count: 2, status: 503, path: '/api/v3/ticker/price' });
    const before = time.sleeps.length;
    const price = await client.price({ symbol: 'BTCUSDT' });
    expect(price.symbol).toBe('BTCUSDT');
    expect(sim.requestCounts()['/api/v3/ticker/price']).toBe(3);
    const retries = rec.ofType('retry');
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
      [2, 'HTTP 503'],
      [3, 'HTTP 503'],
    ]);
    // Backoff grows and stays within the policy (base 5 ms, cap 20 ms, equal jitter).
    const sleeps = time.sleeps.slice(before);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2.5);
    expect(sleeps[0]).toBeLessThanOrEqual(5);
    expect(sleeps[1]).toBeGreaterThanOrEqual(5);
    expect(sleeps[1]).toBeLessThanOrEqual(10);
  });

  test("5xx on every attempt: ApiError with Binance's -1001, after retries", async () => {
    const client = env.makeClient();
    sim.failRequests({ count: 3, status: 502, path: '/api/v3/time' });
    const error = await client.time().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 502,
      code: -1001,
      msg: 'Internal error; unable to process your request. Please try again.',
    });
    expect(sim.requestCounts()['/api/v3/time']).toBe(3);
  });

  test('retry: false, and per-call retry options', async () => {
    const client = env.makeClient({ retry: false });
    sim.failRequests({ count: 1, status: 500, path: '/api/v3/ping' });
    await expect(client.ping()).rejects.toMatchObject({ status: 500 });
    sim.failRequests({ count: 1, status: 500, path: '/api/v3/ping' });
    await expect(client.ping({}, { retry: { retries: 1, baseDelayMs: 1 } })).resolves.toEqual({});
    expect(sim.requestCounts()['/api/v3/ping']).toBe(3);
  });

  test('a request that is not idempotent is never retried', async () => {
    const client = env.makeClient();
    const once = defineEndpoint({ ...marketEndpoints.ping, idempotent: false });
    sim.failRequests({ count: 1, status: 503, path: '/api/v3/ping' });
    await expect(client.request(once, {})).rejects.toMatchObject({ name: 'ApiError', status: 503 });
    expect(sim.requestCounts()['/api/v3/ping']).toBe(1);
  });
});

describe('connections', () => {
  test('a dropped connection is a NetworkError, retried for idempotent requests', async () => {
    const { client, rec } = withEvents();
    sim.dropRequests({ count: 1, path: '/api/v3/depth' });
    const book = await client.depth({ symbol: 'BTCUSDT', limit: 5 });
    expect(book.bids).toHaveLength(5);
    expect(sim.requestCounts()['/api/v3/depth']).toBe(2);
    expect(rec.ofType('retry')).toHaveLength(1);

    const noRetry = env.makeClient({ retry: false });
    sim.dropRequests({ count: 1, path: '/api/v3/depth' });
    const error = await noRetry.depth({ symbol: 'BTCUSDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).baseUrls).toEqual([sim.restUrl]);
    expect((error as Error).message).toContain(`GET /api/v3/depth failed: no response from ${sim.restUrl}`);
  });

  test('a fallback host takes over when the first URL refuses connections, and stays in use', async () => {
    const dead = await refusingUrl();
    const { client, rec } = withEvents({ baseUrl: dead, fallbackUrls: [sim.restUrl] });
    expect(client.transport.activeBaseUrl).toBe(dead);
    expect(await client.ping()).toEqual({});
    expect(client.transport.activeBaseUrl).toBe(sim.restUrl);
    expect(rec.ofType('failover')).toMatchObject([
      { from: dead, to: sim.restUrl, reason: expect.stringContaining('ECONNREFUSED') },
    ]);
    await client.time();
    expect(rec.ofType('failover')).toHaveLength(1);
    expect(rec.ofType('request').map((e) => e.url)).toEqual([
      `${dead}/api/v3/ping`,
      `${sim.restUrl}/api/v3/ping`,
      `${sim.restUrl}/api/v3/time`,
    ]);
    expect(rec.ofType('retry')).toEqual([]);
  });

  test('HTTP errors do not fail over: a 4xx from the first host is the answer', async () => {
    const dead = await refusingUrl();
    const client = env.makeClient({ baseUrl: sim.restUrl, fallbackUrls: [dead] });
    await expect(client.depth({ symbol: 'NOPEUSDT' })).rejects.toMatchObject({ code: -1121 });
    expect(client.transport.activeBaseUrl).toBe(sim.restUrl);
  });

  test('every host refusing: NetworkError naming each, with the system code', async () => {
    const a = await refusingUrl();
    const b = await refusingUrl();
    const client = env.makeClient({ baseUrl: a, fallbackUrls: [b], retry: false });
    const error = await client.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', baseUrls: [a, b] });
  });
});

describe('responses that cannot be used', () => {
  test('truncated JSON: ResponseParseError with the start of the body; not retried', async () => {
    const { client, rec } = withEvents();
    sim.truncateResponses({ path: '/api/v3/exchangeInfo' });
    const error = await client.exchangeInfo({ symbol: 'BTCUSDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({
      reason: 'INVALID_JSON',
      status: 200,
      endpoint: 'GET /api/v3/exchangeInfo',
    });
    expect((error as ResponseParseError).bodyPreview.startsWith('{"timezone":"UTC"')).toBe(true);
    expect(sim.requestCounts()['/api/v3/exchangeInfo']).toBe(1);
    expect(rec.ofType('retry')).toEqual([]);
    // The next request is fine.
    expect((await client.exchangeInfo({ symbol: 'BTCUSDT' })).symbols).toHaveLength(1);
  });

  test('JSON of an unexpected shape: ResponseParseError listing where it differs', async () => {
    const fixture = await fixtureServer((_req, res) => sendJson(res, 200, '{"serverTime":"soon"}'));
    try {
      const client = createRestClient({ baseUrl: fixture.url });
      const error = await client.time().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseParseError);
      expect(error).toMatchObject({ reason: 'UNEXPECTED_SHAPE', issues: [{ path: 'serverTime' }] });
      expect((error as Error).message).toMatch(
        /^GET \/api\/v3\/time: the response \(HTTP 200\) has an unexpected shape: serverTime: /,
      );
      // raw skips the shape check
      expect(await client.request(marketEndpoints.time, {}, { raw: true })).toEqual({ serverTime: 'soon' });
    } finally {
      await fixture.close();
    }
  });
});

describe('aborts', () => {
  test('a per-call signal aborts a request in flight with its reason', async () => {
    const client = env.makeClient();
    sim.delayResponses(300, { path: '/api/v3/ping' });
    const controller = new AbortController();
    const pending = client.ping({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    await expect(pending).rejects.toThrow('user gave up');
  });

  test("the client's signal aborts everything; an aborted signal sends nothing", async () => {
    const controller = new AbortController();
    const client = env.makeClient({ signal: controller.signal });
    await client.ping();
    controller.abort();
    await expect(client.ping()).rejects.toMatchObject({ name: 'AbortError' });
    await expect(client.time({}, { signal: new AbortController().signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(sim.requestCounts()['/api/v3/ping']).toBe(1);
    expect(sim.requestCounts()['/api/v3/time']).toBeUndefined();
  });
});

describe('signed endpoints need a signer', () => {
  test('a USER_DATA endpoint without a signer is refused before sending', async () => {
    const client = env.makeClient();
    const account = defineEndpoint({
      ...marketEndpoints.ping,
      name: 'account',
      path: '/api/v3/account',
      security: 'USER_DATA',
    });
    const error = await client.request(account, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ parameter: 'options.signer' });
    expect(sim.requests()).toEqual([]);
  });
});
