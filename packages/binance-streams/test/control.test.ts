// Live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS with ids, server errors surfaced to the
// subscriber, the 5-messages-a-second pacing and the 1024-streams-per-connection spill.

import { type Simulator, startSimulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ConnectionStateEvent,
  createStreamClient,
  type LogEvent,
  StreamRequestError,
  type StreamsError,
} from '../src/index.js';
import { take, waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 3, symbols: 30 });
});
afterAll(() => sim.close());

const serverStreams = () =>
  sim
    .connections()
    .flatMap((c) => c.streams)
    .sort();

describe('subscriptions', () => {
  test('subscribe, list and unsubscribe: the server holds exactly the streams subscribers need', async () => {
    const client = createStreamClient({ baseUrl: sim.streamUrl, idleCloseMs: 50 });
    const trade = client.subscribe({ type: 'trade', symbol: 'BTCUSDT' });
    const trade2 = client.subscribe('btcusdt@trade');
    const kline = client.subscribe({ type: 'kline', symbol: 'ETHBTC', interval: '5m' });
    const ticker = client.subscribe({ type: 'bookTicker', symbol: 'BNBUSDT' });
    await Promise.all([trade.ready, trade2.ready, kline.ready, ticker.ready]);
    expect(await client.listSubscriptions()).toEqual([
      { connectionId: 1, streams: ['btcusdt@trade', 'ethbtc@kline_5m', 'bnbusdt@bookTicker'] },
    ]);
    expect(client.streams().map((s) => [s.stream, s.subscribers, s.subscribed])).toEqual([
      ['btcusdt@trade', 2, true],
      ['ethbtc@kline_5m', 1, true],
      ['bnbusdt@bookTicker', 1, true],
    ]);
    expect(sim.connections()).toHaveLength(1);
    expect(sim.connections()[0]!.combined).toBe(true);

    trade.unsubscribe(); // another subscriber still needs it
    kline.unsubscribe();
    await waitFor(() => serverStreams().length === 2, 3000, 'UNSUBSCRIBE');
    expect((await client.listSubscriptions())[0]!.streams.sort()).toEqual([
      'bnbusdt@bookTicker',
      'btcusdt@trade',
    ]);
    expect(trade.closed).toBe(true);

    trade2.unsubscribe();
    ticker.unsubscribe();
    // Nothing left: the idle connection closes.
    await waitFor(() => sim.connections().length === 0, 3000, 'the idle connection to close');
    expect(client.connections()).toEqual([]);
    await client.close();
  });

  test('the async iterator ends on unsubscribe and on client.close()', async () => {
    const client = createStreamClient({ baseUrl: sim.streamUrl });
    const sub = client.subscribe({ type: 'avgPrice', symbol: 'BTCUSDT' });
    const events: unknown[] = [];
    const done = (async () => {
      for await (const event of sub) events.push(event);
    })();
    await waitFor(() => events.length >= 1);
    await client.close();
    await done;
    expect(sub.closed).toBe(true);
    expect(() => client.subscribe('btcusdt@trade')).toThrow(/closed/);
  });

  test('callbacks receive the typed event and the raw payload', async () => {
    const client = createStreamClient({ baseUrl: sim.streamUrl });
    const seen: Array<[unknown, unknown]> = [];
    const sub = client.subscribe(
      { type: 'trade', symbol: 'ETHUSDT' },
      { onEvent: (event, raw) => seen.push([event, raw]) },
    );
    await sub.ready;
    sim.executeMarketOrder('ETHUSDT', 'BUY', '0.1000');
    await waitFor(() => seen.length > 0);
    const [event, raw] = seen[0]!;
    expect((event as { tradeId: number }).tradeId).toBe((raw as { t: number }).t);
    expect(() => sub[Symbol.asyncIterator]()).toThrow(/onEvent/);
    await client.close();
  });

  test('an error reply is surfaced to the subscriber with its code and message', async () => {
    const small = await startSimulator({ seed: 3, symbols: 10, maxStreamsPerConnection: 2 });
    const client = createStreamClient({ baseUrl: small.streamUrl });
    const a = client.subscribe('btcusdt@trade');
    const b = client.subscribe('ethusdt@trade');
    await Promise.all([a.ready, b.ready]);
    const errors: StreamsError[] = [];
    const c = client.subscribe('bnbusdt@trade', { onError: (e) => errors.push(e) });
    const error = await c.ready.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamRequestError);
    expect(error).toMatchObject({ method: 'SUBSCRIBE', code: 2, streams: ['bnbusdt@trade'] });
    expect((error as Error).message).toContain('too many streams');
    expect(errors).toEqual([error]);
    expect(c.closed).toBe(true);
    expect(client.streams().map((s) => s.stream)).toEqual(['btcusdt@trade', 'ethusdt@trade']);
    await client.close();
    await small.close();
  });

  test('bad descriptors and names are refused before anything is sent, naming the parameter', () => {
    const client = createStreamClient({ baseUrl: sim.streamUrl });
    expect(() => client.subscribe('BTCUSDT@trade')).toThrow(/Invalid stream: 'BTCUSDT@trade'/);
    expect(() => client.subscribe({ type: 'kline', symbol: 'BTCUSDT', interval: '2m' as '1m' })).toThrow(
      /Invalid interval: '2m'; expected one of 1s, 1m/,
    );
    expect(() => client.subscribe({ type: 'depth', symbol: 'BTCUSDT', levels: 15 as 5 })).toThrow(
      /Invalid levels: 15/,
    );
    expect(() => client.subscribe({ type: 'trade', symbol: 'BTC USDT' })).toThrow(
      /Invalid symbol: 'BTC USDT'/,
    );
    expect(() => client.subscribe('btcusdt@trade', { bufferSize: 0 })).toThrow(/Invalid bufferSize: 0/);
    expect(client.connections()).toEqual([]);
  });
});

describe('limits', () => {
  test('subscribing and unsubscribing quickly stays under 5 messages a second: never disconnected', async () => {
    const sends: LogEvent[] = [];
    const states: ConnectionStateEvent[] = [];
    const client = createStreamClient({
      baseUrl: sim.streamUrl,
      logger: (e) => {
        if (e.event === 'control.send') sends.push(e);
      },
    });
    client.onStateChange((e) => states.push(e));
    const symbols = sim.symbols().slice(0, 30);
    const subs = [];
    for (const [i, symbol] of symbols.entries()) {
      subs.push(client.subscribe({ type: 'aggTrade', symbol }));
      // Each in its own turn of the event loop, as an application would; every third is dropped again.
      await new Promise((r) => setTimeout(r, 5));
      if (i % 3 === 2) subs[i - 1]!.unsubscribe();
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(subs.filter((s) => !s.closed).map((s) => s.ready));
    const expected = subs
      .filter((s) => !s.closed)
      .map((s) => s.stream)
      .sort();
    await waitFor(
      () => JSON.stringify(serverStreams()) === JSON.stringify(expected),
      8000,
      'the server streams',
    );
    const listed = await client.listSubscriptions();
    expect(listed[0]!.streams.sort()).toEqual(expected);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'open']);
    // Batching: far fewer messages than the 40 calls made.
    expect(sends.length).toBeLessThan(30);
    expect(sends.length).toBeGreaterThan(4);
    await client.close();
  });

  test('1030 streams: 1024 on the first connection, the rest spill onto a second', async () => {
    const client = createStreamClient({ baseUrl: sim.streamUrl, idleCloseMs: 50 });
    // Well-formed names of unlisted symbols: accepted and silent, as on Binance, so the test is cheap.
    const subs = Array.from({ length: 1030 }, (_, i) =>
      client.subscribe(`zz${String(i).padStart(4, '0')}usdt@trade`),
    );
    await Promise.all(subs.map((s) => s.ready));
    const conns = sim.connections();
    expect(conns.map((c) => c.streams.length).sort((a, b) => b - a)).toEqual([1024, 6]);
    expect(client.connections().map((c) => c.streams)).toEqual([1024, 6]);
    // Dropping the spilled streams closes the second connection.
    for (const s of subs.slice(1024)) s.unsubscribe();
    await waitFor(() => sim.connections().length === 1, 3000, 'the second connection to close');
    expect(client.connections().map((c) => c.streams)).toEqual([1024]);
    await client.close();
  });
});

describe('helpers', () => {
  test('take() reads several events in order', async () => {
    const client = createStreamClient({ baseUrl: sim.streamUrl });
    const sub = client.subscribe({ type: 'trade', symbol: 'BTCUSDT' });
    await sub.ready;
    sim.executeMarketOrder('BTCUSDT', 'BUY', '0.05000000');
    const events = await take(sub, 2);
    expect(events[1]!.tradeId).toBe(events[0]!.tradeId + 1);
    await client.close();
  });
});
