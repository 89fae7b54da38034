import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { get, manualClock, T0 } from './helpers/http.js';

let sim: Simulator;
const clock = manualClock();

beforeAll(async () => {
  sim = await startSimulator({
    now: clock.now,
    symbols: 60,
    weightLimit: 1200,
    banAfter429s: 2,
    banMs: 120_000,
  });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  clock.set(T0);
});

const used = (res: { headers: Headers }) => Number(res.headers.get('x-mbx-used-weight-1m'));

describe('request weights', () => {
  const cases: Array<[string, number]> = [
    ['/api/v3/ping', 1],
    ['/api/v3/time', 1],
    ['/api/v3/exchangeInfo?symbol=BTCUSDT', 20],
    ['/api/v3/depth?symbol=BTCUSDT', 5],
    ['/api/v3/depth?symbol=BTCUSDT&limit=100', 5],
    ['/api/v3/depth?symbol=BTCUSDT&limit=101', 25],
    ['/api/v3/depth?symbol=BTCUSDT&limit=500', 25],
    ['/api/v3/depth?symbol=BTCUSDT&limit=1000', 50],
    ['/api/v3/depth?symbol=BTCUSDT&limit=5000', 250],
    ['/api/v3/trades?symbol=BTCUSDT', 25],
    ['/api/v3/historicalTrades?symbol=BTCUSDT', 25],
    ['/api/v3/aggTrades?symbol=BTCUSDT', 4],
    ['/api/v3/klines?symbol=BTCUSDT&interval=1m', 2],
    ['/api/v3/uiKlines?symbol=BTCUSDT&interval=1m', 2],
    ['/api/v3/avgPrice?symbol=BTCUSDT', 2],
    ['/api/v3/ticker/24hr?symbol=BTCUSDT', 2],
    ['/api/v3/ticker/24hr', 80],
    ['/api/v3/ticker/24hr?symbols=["BTCUSDT","ETHBTC"]', 2],
    ['/api/v3/ticker/tradingDay?symbol=BTCUSDT', 4],
    ['/api/v3/ticker/tradingDay?symbols=["BTCUSDT","ETHBTC","BNBBTC"]', 12],
    ['/api/v3/ticker/price?symbol=BTCUSDT', 2],
    ['/api/v3/ticker/price', 4],
    ['/api/v3/ticker/price?symbols=["BTCUSDT","ETHBTC"]', 4],
    ['/api/v3/ticker/bookTicker?symbol=BTCUSDT', 2],
    ['/api/v3/ticker/bookTicker', 4],
    ['/api/v3/ticker?symbol=BTCUSDT', 4],
    ['/api/v3/ticker?symbols=["BTCUSDT","ETHBTC"]', 8],
    ['/api/v3/referencePrice?symbol=BTCUSDT', 2],
  ];
  test.each(cases)('%s weighs %i', async (path, weight) => {
    const before = sim.usedWeight();
    const res = await get(sim.restUrl, path);
    expect(used(res)).toBe(before + weight);
    expect(Number(res.headers.get('x-mbx-used-weight'))).toBe(before + weight);
  });

  test('ticker/24hr weight grows with the number of symbols; ticker and tradingDay cap at 200', async () => {
    const symbols = sim.symbols();
    const list = (n: number) => encodeURIComponent(JSON.stringify(symbols.slice(0, n)));
    let res = await get(sim.restUrl, `/api/v3/ticker/24hr?symbols=${list(20)}`);
    expect(used(res)).toBe(2);
    res = await get(sim.restUrl, `/api/v3/ticker/24hr?symbols=${list(21)}`);
    expect(used(res)).toBe(2 + 40);
    res = await get(sim.restUrl, `/api/v3/ticker?symbols=${list(51)}`);
    expect(used(res)).toBe(42 + 200);
    res = await get(sim.restUrl, `/api/v3/ticker/tradingDay?symbols=${list(50)}`);
    expect(used(res)).toBe(242 + 200);
  });

  test('failed requests are charged too; the window resets on the next server minute', async () => {
    const res = await get(sim.restUrl, '/api/v3/depth?symbol=NOPE');
    expect(res.status).toBe(400);
    expect(used(res)).toBe(5);
    clock.advance(60_000);
    const next = await get(sim.restUrl, '/api/v3/ping');
    expect(used(next)).toBe(1);
  });
});

describe('429 and 418', () => {
  test('going over the budget answers 429 with Retry-After until the minute ends, then 418 with a ban', async () => {
    clock.set(Math.floor(T0 / 60_000) * 60_000 + 45_000); // 15 s before the minute ends
    for (let i = 0; i < 4; i++)
      expect((await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT&limit=5000')).status).toBe(200);
    const r429 = await get(sim.restUrl, '/api/v3/depth?symbol=BTCUSDT&limit=5000');
    expect(r429.status).toBe(429);
    expect(r429.headers.get('retry-after')).toBe('15');
    expect(r429.body).toEqual({
      code: -1003,
      msg: 'Too much request weight used; current limit is 1200 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
    });
    expect(used(r429)).toBe(1250);
    // A second 429 is tolerated (banAfter429s: 2); the third ignored 429 gets the IP banned.
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(429);
    const r418 = await get(sim.restUrl, '/api/v3/ping');
    expect(r418.status).toBe(418);
    expect(r418.headers.get('retry-after')).toBe('120');
    const until = clock.now() + 120_000;
    expect(r418.body).toEqual({
      code: -1003,
      msg: `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
    });
    // Banned even in the next minute, with Retry-After counting down to the end of the ban.
    clock.advance(60_000);
    const still = await get(sim.restUrl, '/api/v3/ping');
    expect(still.status).toBe(418);
    expect(still.headers.get('retry-after')).toBe('60');
    clock.advance(60_000);
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(200);
  });

  test('repeat offenders get longer bans', async () => {
    sim.banIp();
    clock.advance(120_000);
    sim.exhaustWeight();
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(429);
    expect((await get(sim.restUrl, '/api/v3/ping')).status).toBe(429);
    const r418 = await get(sim.restUrl, '/api/v3/ping');
    expect(r418.status).toBe(418);
    expect(r418.headers.get('retry-after')).toBe('240');
  });

  test('exhaustWeight makes the next weighted request fail with 429; banIp gives 418', async () => {
    sim.exhaustWeight();
    const res = await get(sim.restUrl, '/api/v3/time');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    sim.reset();
    sim.banIp('127.0.0.1', 5_000);
    const banned = await get(sim.restUrl, '/api/v3/time');
    expect(banned.status).toBe(418);
    expect(banned.headers.get('retry-after')).toBe('5');
    // Other IPs are not affected.
    sim.reset();
    sim.exhaustWeight('10.1.2.3');
    expect((await get(sim.restUrl, '/api/v3/time')).status).toBe(200);
  });
});
