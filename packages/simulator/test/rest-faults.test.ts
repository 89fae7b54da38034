import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { get, manualClock, T0 } from './helpers/http.js';

let sim: Simulator;
const clock = manualClock();

beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, symbols: 20 });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  clock.set(T0);
});

describe('REST faults', () => {
  test('failRequests: the next N requests get a 5xx with -1001, then service resumes', async () => {
    sim.failRequests({ count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await get(sim.restUrl, '/api/v3/ping');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        code: -1001,
        msg: 'Internal error; unable to process your request. Please try again.',
      });
    }
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(200);
  });

  test('failRequests with a path, status and body only hits that path', async () => {
    sim.failRequests({ path: '/api/v3/depth', status: 502, body: { code: -1006, msg: 'x' } });
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(200);
    const res = await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT');
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ code: -1006, msg: 'x' });
    expect((await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT')).status).toBe(200);
  });

  test('path patterns may be regular expressions', async () => {
    sim.failRequests({ path: /^\/api\/v3\/ticker/, count: 3 });
    expect((await get(sim.restUrl, '/api/v3/ticker/price?symbol=BTCUSDT')).status).toBe(503);
    expect((await get(sim.restUrl, '/api/v3/time')).status).toBe(200);
    expect((await get(sim.restUrl, '/api/v3/ticker/bookTicker?symbol=BTCUSDT')).status).toBe(503);
  });

  test('delayResponses holds the answer back (and an aborting client gives up)', async () => {
    sim.delayResponses(300, { path: '/api/v3/time' });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    await expect(fetch(`${sim.restUrl}/api/v3/time`, { signal: controller.signal })).rejects.toThrow();
    clearTimeout(timer);
    const started = Date.now();
    sim.delayResponses(150);
    const res = await get(sim.restUrl, '/api/v3/time');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('truncateResponses sends a complete HTTP response whose JSON is cut', async () => {
    sim.truncateResponses({ path: '/api/v3/depth' });
    const res = await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"lastUpdateId":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    expect((await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT')).status).toBe(200);
  });

  test('dropRequests destroys the connection without an answer', async () => {
    sim.dropRequests();
    await expect(fetch(`${sim.restUrl}/api/v3/ping`)).rejects.toThrow();
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(200);
  });

  test('rateLimitRequests: a 429 with -1003, with or without Retry-After', async () => {
    sim.rateLimitRequests({ path: '/api/v3/time' });
    const bare = await get(sim.restUrl, '/api/v3/time');
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    expect(bare.body).toMatchObject({ code: -1003 });
    expect((bare.body as { msg: string }).msg).toMatch(
      /^Too much request weight used; current limit is 6000/,
    );
    sim.rateLimitRequests({ retryAfter: 7 });
    const withHeader = await get(sim.restUrl, '/api/v3/ping');
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('retry-after')).toBe('7');
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(200);
    expect(() => sim.rateLimitRequests({ retryAfter: -1 })).toThrow(/retryAfter/);
  });

  test('blockRequests: the firewall answers 403 with an HTML page, not JSON', async () => {
    sim.blockRequests({ path: '/api/v3/depth' });
    const res = await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.text).toMatch(/<H1>403 ERROR<\/H1>/);
    expect(res.text).toMatch(/Request blocked\./);
    expect((await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT')).status).toBe(200);
  });

  test('cutResponses: status and headers arrive, the body breaks off', async () => {
    sim.cutResponses({ path: '/api/v3/depth' });
    const res = await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=100`);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100);
    await expect(res.text()).rejects.toThrow();
    expect((await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT')).status).toBe(200);
  });

  test('a fault kind that does not exist is refused', () => {
    expect(() => sim.injectRestFault({ kind: 'nope' as 'error' })).toThrow(/fault kind/);
  });

  test('clearRestFaults disarms pending faults', async () => {
    sim.failRequests({ count: 5 });
    sim.clearRestFaults();
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(200);
  });

  test('injectRestFault rejects a bad count', () => {
    expect(() => sim.injectRestFault({ kind: 'error', count: 0 })).toThrow(/positive integer/);
  });
});

describe('clock and inspection', () => {
  test('shiftClock moves serverTime and the market', async () => {
    const before = await get<{ serverTime: number }>(sim.restUrl, '/api/v3/time');
    expect(sim.shiftClock(-5_000)).toBe(-5_000);
    const after = await get<{ serverTime: number }>(sim.restUrl, '/api/v3/time');
    expect(after.body.serverTime).toBe(before.body.serverTime - 5_000);
    expect(sim.now()).toBe(T0 - 5_000);
    sim.shiftClock(3_600_000);
    const k = await get<unknown[][]>(sim.restUrl, '/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1');
    expect(k.body[0]![0]).toBe(Math.floor((T0 + 3_595_000) / 3_600_000) * 3_600_000);
  });

  test('requests() and requestCounts() show what clients sent', async () => {
    await get(sim.restUrl, '/api/v3/ping');
    await get(sim.restUrl, '/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22%5D', { 'X-Test': 'yes' });
    await get(sim.restUrl, '/api/v3/ping');
    expect(sim.requestCounts()).toEqual({ '/api/v3/ping': 2, '/api/v3/ticker/price': 1 });
    const last = sim.requests().at(-2)!;
    expect(last).toMatchObject({
      method: 'GET',
      path: '/api/v3/ticker/price',
      query: 'symbols=%5B%22BTCUSDT%22%5D',
      status: 200,
      weight: 4,
    });
    expect(last.headers['x-test']).toBe('yes');
    sim.reset();
    expect(sim.requests()).toEqual([]);
  });

  test('orderBook() returns the full book, equal to the REST snapshot', async () => {
    const rest = await get<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>(
      sim.restUrl,
      '/api/v3/depth?symbol=ETHBTC&limit=5000',
    );
    const book = sim.orderBook('ETHBTC');
    expect(book.lastUpdateId).toBe(rest.body.lastUpdateId);
    expect(book.bids.slice(0, 5000)).toEqual(rest.body.bids);
    expect(book.asks.slice(0, 5000)).toEqual(rest.body.asks);
    expect(sim.orderBook('ETHBTC', 3).bids).toEqual(rest.body.bids.slice(0, 3));
    expect(() => sim.orderBook('NOPE')).toThrow(/unknown symbol/);
  });
});
