// Connections that heal themselves, against the simulator's stream faults: dropped connections,
// pings answered, missing pongs and frozen links, serverShutdown, and the 24 h rotation with a
// make-before-break handover that loses and repeats nothing.

import { type Simulator, startSimulator } from '@binance-mcp/simulator';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type ConnectionStateEvent,
  createStreamClient,
  type StreamClient,
  type TradeEvent,
} from '../src/index.js';
import { take, waitFor } from './helpers.js';

let sim: Simulator | undefined;
let client: StreamClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

function track(c: StreamClient): ConnectionStateEvent[] {
  const states: ConnectionStateEvent[] = [];
  c.onStateChange((e) => states.push(e));
  return states;
}

/** Makes trades happen every `everyMs` until stopped (real market orders on the simulator). */
function tradeLoop(s: Simulator, symbol: string, everyMs: number): () => void {
  const timer = setInterval(() => s.executeMarketOrder(symbol, 'BUY', '0.01000000'), everyMs);
  return () => clearInterval(timer);
}

function expectContiguous(ids: number[]): void {
  expect(ids.length).toBeGreaterThan(10);
  const gaps = ids.slice(1).filter((id, i) => id !== ids[i]! + 1);
  if (gaps.length)
    console.log(ids.map((id, i) => (i > 0 && id !== ids[i - 1]! + 1 ? `[${id}]` : id)).join(' '));
  expect(gaps).toEqual([]);
}

describe('staying alive', () => {
  test('dropped connections: reconnect with backoff and restore every subscription', async () => {
    sim = await startSimulator({ seed: 21, symbols: 20 });
    const s = sim;
    client = createStreamClient({ baseUrl: s.streamUrl, maxStreamsPerConnection: 2 });
    const states = track(client);
    const trade = client.subscribe({ type: 'trade', symbol: 'BTCUSDT' });
    const book = client.subscribe({ type: 'bookTicker', symbol: 'BTCUSDT' });
    const avg = client.subscribe({ type: 'avgPrice', symbol: 'ETHUSDT' });
    await Promise.all([trade.ready, book.ready, avg.ready]);
    const before = s
      .connections()
      .flatMap((c) => c.streams)
      .sort();
    expect(s.connections()).toHaveLength(2);

    expect(s.dropConnections()).toBe(2); // TCP reset, no close frame
    await waitFor(() => states.filter((e) => e.state === 'open' && e.reason === 'reconnected').length === 2);
    await waitFor(() => s.connections().flatMap((c) => c.streams).length === 3, 5000, 'resubscription');
    expect(
      s
        .connections()
        .flatMap((c) => c.streams)
        .sort(),
    ).toEqual(before);
    const reconnecting = states.filter((e) => e.state === 'reconnecting');
    expect(reconnecting).toHaveLength(2);
    expect(reconnecting[0]).toMatchObject({ reason: 'closed-by-server', code: 1006, attempt: 1 });
    expect(reconnecting[0]!.delayMs).toBeLessThanOrEqual(250);

    // Events flow again on the same subscription objects.
    s.executeMarketOrder('BTCUSDT', 'SELL', '0.01000000');
    const events = await take(trade, 2);
    expect(events[0]!.eventType).toBe('trade');
  });

  test("the server's pings are answered with their payload (the simulator cuts off clients that do not)", async () => {
    sim = await startSimulator({ seed: 21, symbols: 10, pingIntervalMs: 100, pongTimeoutMs: 300 });
    client = createStreamClient({ baseUrl: sim.streamUrl });
    const states = track(client);
    const sub = client.subscribe({ type: 'avgPrice', symbol: 'BTCUSDT' });
    await sub.ready;
    const id = sim.connections()[0]!.id;
    await new Promise((r) => setTimeout(r, 1500)); // 15 pings
    expect(sim.connections().map((c) => c.id)).toEqual([id]);
    expect(states.map((e) => e.state)).toEqual(['connecting', 'open']);
  });

  test('missing pongs on a silent connection: the dead socket is detected and replaced', async () => {
    sim = await startSimulator({ seed: 21, symbols: 10 });
    const s = sim;
    client = createStreamClient({ baseUrl: s.streamUrl, heartbeat: { idleMs: 200, pongTimeoutMs: 200 } });
    const states = track(client);
    // blockTrade is silent on the simulator: only pings and pongs show the link is alive.
    const sub = client.subscribe({ type: 'blockTrade', symbol: 'BTCUSDT' });
    await sub.ready;
    const first = s.connections()[0]!.id;
    await new Promise((r) => setTimeout(r, 700)); // idle, but our pings are answered: no replacement
    expect(states.map((e) => e.state)).toEqual(['connecting', 'open']);
    s.setPings(false, first);
    s.setPongReplies(false, first);
    await waitFor(() => states.some((e) => e.reason === 'heartbeat-timeout'), 5000, 'the heartbeat timeout');
    await waitFor(() =>
      s.connections().some((c) => c.id !== first && c.streams.includes('btcusdt@blockTrade')),
    );
    expect(s.connections().map((c) => c.id)).not.toContain(first);
    expect(sub.closed).toBe(false);
  });

  test('a frozen (half-dead) link is replaced and its subscriptions restored', async () => {
    sim = await startSimulator({ seed: 21, symbols: 10 });
    const s = sim;
    client = createStreamClient({ baseUrl: s.streamUrl, heartbeat: { idleMs: 300, pongTimeoutMs: 300 } });
    const states = track(client);
    const sub = client.subscribe({ type: 'trade', symbol: 'BTCUSDT' });
    await sub.ready;
    s.freezeConnections(true);
    await waitFor(
      () => states.some((e) => e.state === 'open' && e.reason === 'reconnected'),
      5000,
      'reconnection',
    );
    expect(states.find((e) => e.state === 'reconnecting')!.reason).toBe('heartbeat-timeout');
    await waitFor(() => s.connections().some((c) => !c.frozen && c.streams.includes('btcusdt@trade')));
    s.executeMarketOrder('BTCUSDT', 'BUY', '0.01000000');
    expect(await take(sub, 1)).toHaveLength(1);
  });

  test('serverShutdown: a replacement connects at once and takes over with no lost or repeated trade', async () => {
    sim = await startSimulator({ seed: 21, symbols: 10 });
    const s = sim;
    client = createStreamClient({ baseUrl: s.streamUrl });
    const states = track(client);
    const ids: number[] = [];
    const sub = client.subscribe(
      { type: 'trade', symbol: 'BTCUSDT' },
      { onEvent: (e) => ids.push(e.tradeId) },
    );
    await sub.ready;
    const stop = tradeLoop(s, 'BTCUSDT', 20);
    await waitFor(() => ids.length > 5);
    const old = s.connections()[0]!.id;
    s.sendServerShutdown({ closeAfterMs: 3000 });
    await waitFor(
      () => states.some((e) => e.reason === 'server-shutdown' && e.state === 'open'),
      5000,
      'replacement',
    );
    // The old connection was closed by us (make-before-break), before the server's 3 s.
    await waitFor(() => !s.connections().some((c) => c.id === old), 2000, 'the old connection to close');
    const count = ids.length;
    await waitFor(() => ids.length > count + 10);
    stop();
    expect(states.map((e) => e.state)).toEqual(['connecting', 'open', 'open']);
    expectContiguous(ids);
  });

  test('the old socket closing first (serverShutdown, immediate close) still hands over', async () => {
    sim = await startSimulator({ seed: 21, symbols: 10 });
    const s = sim;
    client = createStreamClient({ baseUrl: s.streamUrl });
    const states = track(client);
    const sub = client.subscribe({ type: 'avgPrice', symbol: 'BTCUSDT' });
    await sub.ready;
    s.sendServerShutdown({ closeAfterMs: 0 });
    await waitFor(() => s.connections().some((c) => c.streams.includes('btcusdt@avgPrice')), 5000);
    await take(sub, 1);
    expect(states.some((e) => e.state === 'open' && e.reason !== 'initial')).toBe(true);
  });

  test('24 h rotation (shortened): make-before-break, zero trades lost or repeated across three rotations', async () => {
    // The server ends connections after 2.5 s; the client rotates after 0.8 s, well before.
    sim = await startSimulator({ seed: 21, symbols: 10, connectionLifetimeMs: 2500 });
    const s = sim;
    client = createStreamClient({ baseUrl: s.streamUrl, rotateAfterMs: 800, handoverTimeoutMs: 1000 });
    const states = track(client);
    const trades: TradeEvent[] = [];
    const aggIds: number[] = [];
    const sub = client.subscribe({ type: 'trade', symbol: 'BTCUSDT' }, { onEvent: (e) => trades.push(e) });
    const agg = client.subscribe(
      { type: 'aggTrade', symbol: 'BTCUSDT' },
      { onEvent: (e) => aggIds.push(e.aggTradeId) },
    );
    await Promise.all([sub.ready, agg.ready]);
    const stop = tradeLoop(s, 'BTCUSDT', 15);
    await waitFor(
      () => states.filter((e) => e.reason === 'rotation' && e.state === 'open').length >= 3,
      10_000,
      'rotations',
    );
    stop();
    const n = trades.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(states.some((e) => e.state === 'reconnecting')).toBe(false);
    expectContiguous(trades.map((t) => t.tradeId));
    expectContiguous(aggIds);
    expect(trades.length).toBeGreaterThanOrEqual(n);
    // Only ever one connection left open by us.
    await waitFor(() => s.connections().length === 1, 3000);
  });
});
