// The logger hook: structured events for requests, responses with weight, retries, waits, 429s, bans and
// failovers; a logger that throws never breaks a request.

import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { recorder, refusingUrl, type Setup, setup } from './helpers.js';

let env: Setup;
let sim: Simulator;

beforeAll(async () => {
  env = await setup({ weightLimit: 6000 });
  sim = env.sim;
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

test('a request and its response, with the weight Binance reports', async () => {
  const rec = recorder();
  const client = env.makeClient({ logger: rec.logger });
  await client.depth({ symbol: 'BTCUSDT', limit: 200 });
  expect(rec.events).toEqual([
    {
      type: 'request',
      time: env.time.now(),
      endpoint: 'GET /api/v3/depth',
      url: `${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=200`,
      weight: 25,
      attempt: 1,
    },
    {
      type: 'response',
      time: env.time.now(),
      endpoint: 'GET /api/v3/depth',
      url: `${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=200`,
      status: 200,
      durationMs: expect.any(Number),
      weight: 25,
      usedWeight: 25,
      attempt: 1,
    },
  ]);
});

test('retries, waits, 429s, bans and failovers each have their event', async () => {
  const rec = recorder();
  const dead = await refusingUrl();
  const client = env.makeClient({ logger: rec.logger, baseUrl: dead, fallbackUrls: [sim.restUrl] });
  sim.failRequests({ path: '/api/v3/ping' });
  await client.ping();
  sim.exhaustWeight();
  await client.time().catch(() => undefined);
  await client.time();
  sim.banIp(undefined, 1000);
  await client.ping().catch(() => undefined);
  expect(rec.events.map((e) => e.type)).toEqual([
    'request',
    'failover',
    'request',
    'response',
    'retry',
    'request',
    'response',
    'request',
    'response',
    'rate-limited',
    'wait',
    'request',
    'response',
    'request',
    'response',
    'ban',
  ]);
  expect(rec.ofType('retry')[0]).toMatchObject({
    endpoint: 'GET /api/v3/ping',
    attempt: 2,
    reason: 'HTTP 503',
  });
  expect(rec.ofType('wait')[0]).toMatchObject({
    endpoint: 'GET /api/v3/time',
    reason: 'retry-after',
    weight: 1,
  });
});

test('a logger that throws does not break requests', async () => {
  const client = env.makeClient({
    logger: () => {
      throw new Error('logger is broken');
    },
  });
  expect(await client.ping()).toEqual({});
});
