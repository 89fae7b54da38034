// The account's events through the WebSocket API against the simulator: session.logon with an
// Ed25519 key and the signature subscription for HMAC/RSA keys, typed events, and the same
// healing as the market streams (drops, serverShutdown, terminated subscriptions).

import { createSigner, signRestParams } from '@binance-mcp/signing';
import { type Simulator, startSimulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ConnectionStateEvent,
  createUserDataStream,
  type ExecutionReportEvent,
  type LogEvent,
  type UnknownUserDataEvent,
  type UserDataEvent,
  WsApiError,
} from '../src/index.js';
import { waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 9, symbols: 20 });
});
afterAll(() => sim.close());

type Event = UserDataEvent | UnknownUserDataEvent;

async function marketBuy(signer: Awaited<ReturnType<typeof createSigner>>, quoteOrderQty: string) {
  const signed = await signRestParams(
    signer,
    { query: { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty } },
    { clock: () => sim.now() },
  );
  const res = await fetch(`${sim.restUrl}/api/v3/order?${signed.queryString}`, {
    method: 'POST',
    headers: signed.headers,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { orderId: number };
}

describe('user data stream', () => {
  test('Ed25519: session.logon + userDataStream.subscribe; orders and balances arrive as typed events', async () => {
    const account = sim.createAccount({ keyType: 'ED25519', balances: { USDT: '10000' } });
    const signer = await createSigner({ apiKey: account.apiKey, privateKey: account.privateKey! });
    const logs: LogEvent[] = [];
    const events: Event[] = [];
    const stream = createUserDataStream({
      signer,
      url: sim.wsApiUrl,
      clock: () => sim.now(),
      onEvent: (e) => events.push(e),
      logger: (e) => logs.push(e),
    });
    await stream.ready;
    expect(stream.subscriptionId).toBe(0);
    expect(sim.wsApiConnections()[0]).toMatchObject({ apiKey: account.apiKey });

    const order = await marketBuy(signer, '100');
    await waitFor(() => events.some((e) => e.eventType === 'outboundAccountPosition'));
    const reports = events.filter((e): e is ExecutionReportEvent => e.eventType === 'executionReport');
    expect(reports.map((r) => r.executionType)).toEqual(['NEW', 'TRADE']);
    expect(reports[1]).toMatchObject({
      symbol: 'BTCUSDT',
      side: 'BUY',
      orderType: 'MARKET',
      orderId: order.orderId,
      orderStatus: 'FILLED',
    });
    expect(reports[1]!.lastExecutedPrice).toMatch(/^\d+\.\d{8}$/);
    const position = events.find((e) => e.eventType === 'outboundAccountPosition');
    expect(position).toMatchObject({
      balances: expect.arrayContaining([expect.objectContaining({ asset: 'USDT' })]),
    });

    sim.setBalances(account.apiKey, { ETH: '2.5' });
    await waitFor(() => events.some((e) => e.eventType === 'balanceUpdate'));
    expect(events.find((e) => e.eventType === 'balanceUpdate')).toMatchObject({
      asset: 'ETH',
      delta: '2.50000000',
    });

    // Nothing secret in the logs.
    const text = JSON.stringify(logs);
    expect(text).not.toContain(account.privateKey!.slice(40, 80));
    expect(text).not.toContain('signature');
    await stream.close();
    await waitFor(() => sim.wsApiConnections().length === 0);
  });

  test('HMAC: userDataStream.subscribe.signature, read through the async iterator', async () => {
    const account = sim.createAccount({ keyType: 'HMAC', balances: { USDT: '1000' } });
    const signer = await createSigner({ apiKey: account.apiKey, apiSecret: account.secret! });
    const stream = createUserDataStream({ signer, url: sim.wsApiUrl, clock: () => sim.now() });
    await stream.ready;
    sim.setBalances(account.apiKey, { BNB: '1' });
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.eventType);
      if (event.eventType === 'outboundAccountPosition') break;
    }
    expect(seen).toEqual(['balanceUpdate', 'outboundAccountPosition']);
    expect(stream.closed).toBe(true);
  });

  test('a refused key fails the stream with Binance’s code and message', async () => {
    const account = sim.createAccount({ keyType: 'ED25519' });
    const other = sim.createAccount({ keyType: 'ED25519' });
    // The right API key with another key's private key: the signature does not verify.
    const signer = await createSigner({ apiKey: account.apiKey, privateKey: other.privateKey! });
    const errors: unknown[] = [];
    const stream = createUserDataStream({
      signer,
      url: sim.wsApiUrl,
      clock: () => sim.now(),
      onError: (e) => errors.push(e),
    });
    const error = await stream.ready.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WsApiError);
    expect(error).toMatchObject({ method: 'session.logon' });
    expect((error as WsApiError).code).toBeLessThan(0);
    expect(errors).toEqual([error]);
    expect(stream.closed).toBe(true);
    expect(() => createUserDataStream({ signer, auth: 'logon', url: 'http://x' })).toThrow(/Invalid url/);
  });

  test('a dropped connection reconnects, logs on and subscribes again', async () => {
    const account = sim.createAccount({ keyType: 'ED25519', balances: { USDT: '1000' } });
    const signer = await createSigner({ apiKey: account.apiKey, privateKey: account.privateKey! });
    const events: Event[] = [];
    const states: ConnectionStateEvent[] = [];
    const stream = createUserDataStream({
      signer,
      url: sim.wsApiUrl,
      clock: () => sim.now(),
      onEvent: (e) => events.push(e),
    });
    stream.onStateChange((s) => states.push(s));
    await stream.ready;
    const first = sim.wsApiConnections().find((c) => c.apiKey === account.apiKey)!.id;
    sim.dropWsApiConnections({ id: first });
    await waitFor(() => states.some((s) => s.state === 'open' && s.reason === 'reconnected'));
    expect(states.map((s) => s.state).slice(-3)).toEqual(['reconnecting', 'connecting', 'open']);
    sim.setBalances(account.apiKey, { BTC: '1' });
    await waitFor(() => events.some((e) => e.eventType === 'balanceUpdate'));
    await stream.close();
  });

  test('a frozen (half-dead) WebSocket API link: the unanswered ping finds it, a new connection subscribes', async () => {
    const account = sim.createAccount({ keyType: 'ED25519', balances: { USDT: '1000' } });
    const signer = await createSigner({ apiKey: account.apiKey, privateKey: account.privateKey! });
    const events: Event[] = [];
    const states: ConnectionStateEvent[] = [];
    const stream = createUserDataStream({
      signer,
      url: sim.wsApiUrl,
      clock: () => sim.now(),
      heartbeat: { idleMs: 300, pongTimeoutMs: 300 },
      onEvent: (e) => events.push(e),
    });
    stream.onStateChange((s) => states.push(s));
    await stream.ready;
    const first = sim.wsApiConnections().find((c) => c.apiKey === account.apiKey)!.id;
    // The socket stays open but nothing comes back: only the client's own probe can tell.
    sim.freezeWsApiConnections(true, first);
    await waitFor(() => states.some((s) => s.state === 'open' && s.reason === 'reconnected'), 5000);
    expect(states.find((s) => s.state === 'reconnecting')?.reason).toBe('heartbeat-timeout');
    const now = sim.wsApiConnections().find((c) => c.apiKey === account.apiKey && c.id !== first);
    expect(now).toMatchObject({ frozen: false, subscriptions: [expect.any(Number)] });
    sim.setBalances(account.apiKey, { BTC: '1' });
    await waitFor(() => events.some((e) => e.eventType === 'balanceUpdate'));
    await stream.close();
    sim.freezeWsApiConnections(false);
  });

  test('serverShutdown: a replacement subscribes first; no event is lost or repeated', async () => {
    const account = sim.createAccount({ keyType: 'ED25519', balances: { USDT: '1000' } });
    const signer = await createSigner({ apiKey: account.apiKey, privateKey: account.privateKey! });
    const events: Event[] = [];
    const states: ConnectionStateEvent[] = [];
    const stream = createUserDataStream({
      signer,
      url: sim.wsApiUrl,
      clock: () => sim.now(),
      overlapMs: 300,
      onEvent: (e) => events.push(e),
    });
    stream.onStateChange((s) => states.push(s));
    await stream.ready;
    const first = sim.wsApiConnections().find((c) => c.apiKey === account.apiKey)!.id;
    sim.sendWsApiServerShutdown({ connectionId: first, closeAfterMs: 3000 });
    // Balance changes while the two connections overlap and after.
    for (let i = 1; i <= 8; i++) {
      sim.setBalances(account.apiKey, { ETH: `${i}` });
      await new Promise((r) => setTimeout(r, 60));
    }
    await waitFor(() => states.some((s) => s.reason === 'server-shutdown' && s.state === 'open'));
    await waitFor(
      () => !sim.wsApiConnections().some((c) => c.id === first),
      3000,
      'the old connection to close',
    );
    const deltas = events
      .filter((e) => e.eventType === 'balanceUpdate')
      .map((e) => (e as { delta: string }).delta);
    expect(deltas).toEqual([
      '1.00000000',
      '1.00000000',
      '1.00000000',
      '1.00000000',
      '1.00000000',
      '1.00000000',
      '1.00000000',
      '1.00000000',
    ]);
    expect(states.some((s) => s.state === 'reconnecting')).toBe(false);
    await stream.close();
  });

  test('rotation before the 24 h limit (shortened): a new connection takes over, nothing lost or repeated', async () => {
    const account = sim.createAccount({ keyType: 'HMAC', balances: { USDT: '1000' } });
    const signer = await createSigner({ apiKey: account.apiKey, apiSecret: account.secret! });
    const events: Event[] = [];
    const states: ConnectionStateEvent[] = [];
    const stream = createUserDataStream({
      signer,
      url: sim.wsApiUrl,
      clock: () => sim.now(),
      rotateAfterMs: 400,
      overlapMs: 200,
      onEvent: (e) => events.push(e),
    });
    stream.onStateChange((s) => states.push(s));
    await stream.ready;
    for (let i = 1; i <= 20; i++) {
      sim.setBalances(account.apiKey, { ETH: `${i}` });
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitFor(() => states.filter((s) => s.reason === 'rotation' && s.state === 'open').length >= 1);
    await waitFor(() => events.filter((e) => e.eventType === 'balanceUpdate').length >= 20);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.eventType === 'balanceUpdate')).toHaveLength(20);
    expect(states.some((s) => s.state === 'reconnecting')).toBe(false);
    await stream.close();
  });

  test('a subscription the server terminates is delivered as an event and subscribed again', async () => {
    const account = sim.createAccount({ keyType: 'RSA', balances: { USDT: '1000' } });
    const signer = await createSigner({ apiKey: account.apiKey, privateKey: account.privateKey! });
    const events: Event[] = [];
    const stream = createUserDataStream({
      signer,
      url: sim.wsApiUrl,
      clock: () => sim.now(),
      onEvent: (e) => events.push(e),
    });
    await stream.ready;
    expect(sim.terminateUserDataStreams({ apiKey: account.apiKey })).toBe(1);
    await waitFor(() => events.some((e) => e.eventType === 'eventStreamTerminated'));
    await waitFor(() => stream.subscriptionId !== null && stream.subscriptionId > 0);
    sim.setBalances(account.apiKey, { BTC: '3' });
    await waitFor(() => events.some((e) => e.eventType === 'balanceUpdate'));
    await stream.close();
  });
});
