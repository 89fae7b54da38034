// No secret ever leaks: not the HMAC secret, not the private key, not a signature — in no logged
// event, error message, error property, cause, `util.inspect` or `JSON.stringify`, whatever goes
// wrong (Binance's errors, timeouts, dropped connections, placements of unknown outcome, a bad key).

import { inspect } from 'node:util';
import { bigIntReplacer, createRestClient, type RestEvent } from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type KeyType, type Setup, setup, type Trader, trader } from './helpers.js';

/** Everything an error shows, as deep as it goes: message, properties, causes, inspect, JSON. */
function exposure(value: unknown): string {
  const parts: string[] = [];
  for (let e = value, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    parts.push(inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }));
    if (e instanceof Error) {
      parts.push(e.message, String(e.stack));
      try {
        parts.push(JSON.stringify({ ...e }, bigIntReplacer));
      } catch {
        // circular: inspect covered it
      }
    }
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** The secret material of a key: the HMAC secret, or the body lines of the PEM private key. */
function secretsOf(t: Trader): string[] {
  const c = t.credentials as { apiSecret?: string; privateKey?: string };
  if (c.apiSecret) return [c.apiSecret];
  return (c.privateKey ?? '').split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
}

/** Every signature the simulator received, raw and percent-encoded. */
function signaturesSent(sim: Simulator): string[] {
  const out = new Set<string>();
  for (const r of sim.requests()) {
    for (const part of [r.query, r.body]) {
      const match = /(?:^|&)signature=([^&]+)/.exec(part);
      if (match?.[1]) {
        out.add(match[1]);
        out.add(decodeURIComponent(match[1]));
      }
    }
  }
  return [...out];
}

describe.each<KeyType>(['HMAC', 'RSA', 'ED25519'])('with an %s key', (keyType) => {
  let env: Setup;
  let sim: Simulator;
  let t: Trader;
  const events: RestEvent[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    env = await setup({}, { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    sim = env.sim;
    t = trader(env, keyType, { client: { logger: (e) => events.push(e) } });
  });
  afterAll(() => sim.close());

  const catching = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => {
        errors.push(error);
      },
    );

  test('whatever happens, nothing secret shows', async () => {
    const client = t.client;
    const bid = Number(sim.orderBook('BTCUSDT', 1).bids[0]?.[0]);
    const order = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: (bid * 0.95).toFixed(2),
    } as const;
    await client.account();
    await client.newOrder(order);
    // Binance's errors, signed GET and POST.
    await catching(client.getOrder({ symbol: 'BTCUSDT', orderId: 999_999 }));
    await catching(client.newOrder({ ...order, quantity: '500' }, { validate: false }));
    // A timeout and a dropped connection on a signed GET (its signature is in the URL).
    sim.delayResponses(300, { path: '/api/v3/openOrders' });
    await catching(client.openOrders({ symbol: 'BTCUSDT' }, { timeout: 50, retry: false }));
    sim.dropRequests({ path: '/api/v3/myTrades' });
    await catching(client.myTrades({ symbol: 'BTCUSDT' }, { retry: false }));
    // Placements whose outcome is open: not placed, and unknown.
    sim.dropOrderPlacements({ when: 'before' });
    await catching(client.newOrder(order));
    sim.dropOrderPlacements({ when: 'after' });
    sim.injectRestFault({ kind: 'error', method: 'GET', path: '/api/v3/order', count: 20 });
    await catching(t.makeClient({ reconcile: { attempts: 1, baseDelayMs: 1 } }).newOrder(order));
    sim.clearRestFaults();
    // A 5xx after retries on a signed GET, and a body cut in half.
    sim.failRequests({ path: '/api/v3/account', count: 5 });
    await catching(client.account());
    sim.cutResponses({ path: '/api/v3/rateLimit/order' });
    await catching(client.orderRateLimit({}, { retry: false }));
    sim.clearRestFaults();

    expect(errors.map((e) => (e as Error).name)).toEqual([
      'ApiError',
      'ApiError',
      'TimeoutError',
      'NetworkError',
      'OrderNotPlacedError',
      'OrderStatusUnknownError',
      'ApiError',
      'NetworkError',
    ]);
    const signatures = signaturesSent(sim);
    expect(signatures.length).toBeGreaterThan(10);
    const shown = [
      JSON.stringify(events, bigIntReplacer),
      ...errors.map(exposure),
      inspect(client, { depth: 6, getters: true, showHidden: true }),
      JSON.stringify(client.transport.signer),
    ].join('\n');
    for (const secret of secretsOf(t)) expect(shown).not.toContain(secret);
    for (const signature of signatures) expect(shown).not.toContain(signature);
    // The requests are logged, with the signature masked.
    expect(shown).toContain('signature=<redacted>');
  });
});

test('a key that cannot be used: the signing error, without the key', async () => {
  const secret = 'not-a-pem-but-a-very-secret-string-1234567890';
  const client = createRestClient({
    baseUrl: 'http://127.0.0.1:9',
    credentials: { apiKey: 'abc', privateKey: secret },
  });
  const error = await client.account().catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'InvalidKeyError', reason: 'MALFORMED' });
  expect(exposure(error)).not.toContain(secret);
  expect(inspect(client, { depth: 6, getters: true, showHidden: true })).not.toContain(secret);
  const signer = { apiKey: 'a', keyType: 'HMAC' as const, sign: async () => 'x' };
  expect(() => createRestClient({ signer, credentials: { apiKey: 'a', apiSecret: 'b' } })).toThrow(
    /either `signer` or `credentials`/,
  );
});
