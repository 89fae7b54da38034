import { once } from 'node:events';
import { expect, test } from 'vitest';
import WebSocket from 'ws';
import { startSimulator } from '../src/index.js';

test('URLs, options and close()', async () => {
  const sim = await startSimulator({ symbols: 10 });
  expect(sim.restUrl).toBe(`http://127.0.0.1:${sim.port}`);
  expect(sim.streamUrl).toBe(`ws://127.0.0.1:${sim.port}`);
  expect(sim.wsApiUrl).toBe(`ws://127.0.0.1:${sim.port}/ws-api/v3`);
  expect(sim.port).toBeGreaterThan(0);
  expect(sim.options).toMatchObject({
    seed: 1,
    weightLimit: 6000,
    pingIntervalMs: 20_000,
    pongTimeoutMs: 60_000,
  });
  expect(sim.symbols()).toHaveLength(10);
  await sim.close();
  await sim.close(); // idempotent
  await expect(fetch(`${sim.restUrl}/api/v3/ping`)).rejects.toThrow();
});

test('a port in use is reported', async () => {
  const first = await startSimulator({ symbols: 10 });
  try {
    await expect(startSimulator({ symbols: 10, port: first.port })).rejects.toThrow(/EADDRINUSE/);
  } finally {
    await first.close();
  }
});

test('bad options are rejected with the option named', async () => {
  await expect(startSimulator({ seed: 1.5 })).rejects.toThrow(/option 'seed' must be an integer, got 1.5/);
  await expect(startSimulator({ weightLimit: 0 })).rejects.toThrow(
    /option 'weightLimit' must be a positive number/,
  );
  await expect(startSimulator({ port: -1 })).rejects.toThrow(/option 'port'/);
});

test('an unknown WebSocket API method gets a well-formed error with its id', async () => {
  const sim = await startSimulator({ symbols: 10 });
  try {
    const ws = new WebSocket(`${sim.wsApiUrl}?returnRateLimits=false`);
    await once(ws, 'open');
    ws.send(JSON.stringify({ id: 'abc', method: 'no.such.method', params: {} }));
    const [data] = await once(ws, 'message');
    expect(JSON.parse(String(data))).toEqual({
      id: 'abc',
      status: 400,
      error: { code: -1020, msg: 'This operation is not supported.' },
    });
    ws.close();
  } finally {
    await sim.close();
  }
});

test('accounts given to startSimulator: credentials on the handle, never in the options', async () => {
  const sim = await startSimulator({
    symbols: 10,
    accounts: [
      { apiKey: 'FirstTestAccountKey', secret: 'first-secret', balances: { USDT: '100' } },
      { keyType: 'ED25519', balances: { BTC: '1' } },
    ],
  });
  try {
    expect(sim.accounts).toHaveLength(2);
    expect(sim.accounts[0]).toMatchObject({
      apiKey: 'FirstTestAccountKey',
      keyType: 'HMAC',
      secret: 'first-secret',
    });
    expect(sim.accounts[1]!.keyType).toBe('ED25519');
    expect(sim.accounts[1]!.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(sim.balances('FirstTestAccountKey')).toEqual({
      USDT: { free: '100.00000000', locked: '0.00000000' },
    });
    expect(JSON.stringify(sim.options)).not.toContain('first-secret');
    expect(() => sim.balances('NoSuchKey')).toThrow("balances: no account has the API key 'NoSuchKey'");
    expect(() => sim.createAccount({ apiKey: 'FirstTestAccountKey' })).toThrow(/already registered/);
    expect(() => sim.createAccount({ keyType: 'HMAC', publicKey: 'nope' })).toThrow(
      /'publicKey' is not a PEM/,
    );
    expect(() => sim.createAccount({ balances: { USDT: '1.123456789' } })).toThrow(/balances.USDT/);
  } finally {
    await sim.close();
  }
});

test('starts quickly with hundreds of symbols (start-up does no per-symbol work)', async () => {
  const sim = await startSimulator();
  try {
    expect(sim.symbols().length).toBeGreaterThanOrEqual(300);
  } finally {
    await sim.close();
  }
});
