// The local order book against the simulator: Binance's documented procedure rebuilds the
// simulator's book exactly, after the first sync and after every resync a gap forces.

import { type Simulator, startSimulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createOrderBook,
  createStreamClient,
  type DiffDepthEvent,
  decimalMidpoint,
  decimalSub,
  type OrderBook,
  type OrderBookEvent,
  restBaseUrlFor,
  STREAM_URLS,
  type StreamClient,
} from '../src/index.js';
import { fetchSnapshotFrom, waitFor } from './helpers.js';

let sim: Simulator;
let client: StreamClient;
// The simulator's clock stands still unless a test moves it, so its book only changes on command
// and "equal to the simulator" is a well-defined moment.
let now = Date.UTC(2026, 0, 15, 12, 0, 0);

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, symbols: 30, now: () => now });
  client = createStreamClient({ baseUrl: sim.streamUrl });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

/** Moves the market one second and waits until the book has caught up with the simulator. */
async function step(book: OrderBook, symbol: string): Promise<void> {
  now += 1000;
  const target = sim.orderBook(symbol, 1).lastUpdateId;
  await waitFor(() => book.state === 'synced' && book.lastUpdateId === target, 8000, `book at ${target}`);
}

function expectEqualToSimulator(book: OrderBook, symbol: string): void {
  const truth = sim.orderBook(symbol);
  const local = book.depth();
  expect(local.lastUpdateId).toBe(truth.lastUpdateId);
  expect(truth.bids.length).toBeGreaterThan(100);
  expect(local.bids).toEqual(truth.bids);
  expect(local.asks).toEqual(truth.asks);
}

describe('local order book', () => {
  test('syncs by the documented procedure and equals the simulator book, with exact top-of-book figures', async () => {
    const events: OrderBookEvent[] = [];
    // No snapshot source given: the client's @binance-mcp/rest client on the simulator's host.
    const before = sim.requestCounts()['/api/v3/depth'] ?? 0;
    const book = client.orderBook('BTCUSDT', { onEvent: (e) => events.push(e) });
    // Diff events must flow before the snapshot is taken: move the market until it is in sync.
    const ready = book.ready();
    await waitFor(() => {
      now += 200;
      return book.state === 'synced';
    });
    await ready;
    for (let i = 0; i < 3; i++) await step(book, 'BTCUSDT');
    expectEqualToSimulator(book, 'BTCUSDT');
    const truth = sim.orderBook('BTCUSDT', 5);
    expect(book.bestBid()).toEqual({ price: truth.bids[0]![0], quantity: truth.bids[0]![1] });
    expect(book.bestAsk()).toEqual({ price: truth.asks[0]![0], quantity: truth.asks[0]![1] });
    expect(book.spread()).toBe(decimalSub(truth.asks[0]![0], truth.bids[0]![0]));
    expect(book.midPrice()).toBe(decimalMidpoint(truth.bids[0]![0], truth.asks[0]![0]));
    expect(book.depth(5).bids).toEqual(truth.bids.slice(0, 5));
    expect(events.filter((e) => e.type === 'sync')).toHaveLength(1);
    expect(events.some((e) => e.type === 'update')).toBe(true);
    expect(book.resyncs).toBe(0);
    expect(sim.requestCounts()['/api/v3/depth']).toBe(before + 1);
    expect(sim.requests().at(-1)?.query).toContain('limit=5000');
    book.close();
    expect(book.state).toBe('closed');
    await expect(book.ready()).rejects.toThrow(/closed/);
  });

  test('gaps (skipped diff events) are detected; after each resync the book equals the simulator again', async () => {
    const events: OrderBookEvent[] = [];
    const book = client.orderBook('ETHBTC', {
      fetchSnapshot: fetchSnapshotFrom(sim.restUrl),
      onEvent: (e) => events.push(e),
    });
    await waitFor(() => {
      now += 200;
      return book.state === 'synced';
    });
    for (let round = 1; round <= 2; round++) {
      expect(sim.skipDepthUpdates('ETHBTC')).toBe(1);
      await waitFor(
        () => {
          now += 200;
          return book.resyncs === round;
        },
        8000,
        `resync ${round}`,
      );
      await waitFor(() => {
        now += 200;
        return book.state === 'synced';
      });
      await step(book, 'ETHBTC');
      expectEqualToSimulator(book, 'ETHBTC');
    }
    const resyncs = events.filter((e) => e.type === 'resync');
    expect(resyncs).toHaveLength(2);
    expect(resyncs[0]).toMatchObject({ reason: 'gap', symbol: 'ETHBTC' });
    const gap = resyncs[0] as Extract<OrderBookEvent, { type: 'resync' }>;
    expect(gap.firstUpdateId).toBeGreaterThan(gap.lastUpdateId + 1);
    expect(events.filter((e) => e.type === 'sync')).toHaveLength(3);
    book.close();
  });

  test('a snapshot older than the first buffered event is fetched again (step 4)', async () => {
    const fetchDepth = fetchSnapshotFrom(sim.restUrl);
    const stale = await fetchDepth('BNBUSDT', 5000, new AbortController().signal);
    now += 1000; // the market moves on: the stale snapshot is now behind the stream
    let calls = 0;
    const book = client.orderBook('BNBUSDT', {
      fetchSnapshot: async (symbol, limit, signal) => {
        calls++;
        return calls === 1 ? stale : fetchDepth(symbol, limit, signal);
      },
    });
    await waitFor(() => {
      now += 200;
      return book.state === 'synced';
    });
    expect(calls).toBeGreaterThanOrEqual(2);
    await step(book, 'BNBUSDT');
    expectEqualToSimulator(book, 'BNBUSDT');
    book.close();
  });

  test('a failing snapshot (from a source that does not retry by itself) is reported and retried', async () => {
    const errors: string[] = [];
    sim.failRequests({ path: '/api/v3/depth', count: 1 });
    const book = client.orderBook('LTCBTC', {
      fetchSnapshot: fetchSnapshotFrom(sim.restUrl),
      onEvent: (e) => {
        if (e.type === 'error') errors.push(e.error.message);
      },
    });
    await waitFor(() => {
      now += 200;
      return book.state === 'synced';
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Depth snapshot for LTCBTC failed: .*503/);
    await step(book, 'LTCBTC');
    expectEqualToSimulator(book, 'LTCBTC');
    book.close();
  });

  test('options are checked before anything is sent', () => {
    const fetchSnapshot = fetchSnapshotFrom(sim.restUrl);
    expect(() => client.orderBook('BTC USDT', { fetchSnapshot })).toThrow(/Invalid symbol/);
    expect(() => client.orderBook('BTCUSDT', { fetchSnapshot, limit: 6000 })).toThrow(/Invalid limit: 6000/);
    expect(() => createOrderBook(client, 'BTCUSDT', {})).toThrow(/Invalid fetchSnapshot/);
  });

  test('prices are keyed and ordered by exact value, whatever their text', async () => {
    // A stand-in client that hands the book's diff callback to the test.
    let push: (event: DiffDepthEvent) => void = () => {};
    const standIn = {
      subscribe: (_stream: unknown, options: { onEvent: (e: DiffDepthEvent) => void }) => {
        push = options.onEvent;
        return { unsubscribe() {}, ready: Promise.resolve() };
      },
    } as unknown as StreamClient;
    const snapshot = { lastUpdateId: 10, bids: [['0.10000000', '1.00']], asks: [['0.3', '2.00']] };
    const book = createOrderBook(standIn, 'ETHBTC', { fetchSnapshot: async () => snapshot as never });
    // The first event is the snapshot's own update (not older than it, step 4); each next follows on.
    let id = 9;
    const diff = (bids: [string, string][], asks: [string, string][]) => {
      id++;
      push({
        eventType: 'depthUpdate',
        eventTime: 0,
        symbol: 'ETHBTC',
        firstUpdateId: id,
        finalUpdateId: id,
        bids,
        asks,
      });
    };
    diff([], []);
    await book.ready();
    // "0.1" is the level "0.10000000"; a zero quantity in any notation removes a level.
    diff([['0.1', '3.00']], []);
    expect(book.depth().bids).toEqual([['0.10000000', '3.00']]);
    // Two prices with one float value (0.3) are still ordered exactly.
    diff(
      [],
      [
        ['0.30000000000000001', '4.00'],
        ['0.29999999999999999', '5.00'],
      ],
    );
    expect(book.depth().asks.map(([p]) => p)).toEqual(['0.29999999999999999', '0.3', '0.30000000000000001']);
    expect(book.spread()).toBe('0.19999999999999999');
    expect(book.midPrice()).toBe('0.199999999999999995');
    diff([['0.100', '0.0']], [['0.300000', '-0.00000000']]);
    expect(book.depth().bids).toEqual([]);
    expect(book.depth().asks.map(([p]) => p)).toEqual(['0.29999999999999999', '0.30000000000000001']);
    // A malformed price (Binance never sends one) does not throw out of the stream's handler.
    expect(() => diff([['1e-7', '1.00']], [])).not.toThrow();
    book.close();
  });

  test('the REST host that goes with each stream host', () => {
    expect(restBaseUrlFor(STREAM_URLS.mainnet).baseUrl).toBe('https://api.binance.com');
    expect(restBaseUrlFor(STREAM_URLS.mainnet443).baseUrl).toBe('https://api.binance.com');
    expect(restBaseUrlFor(STREAM_URLS.marketData).baseUrl).toBe('https://data-api.binance.vision');
    expect(restBaseUrlFor(STREAM_URLS.testnet).baseUrl).toBe('https://testnet.binance.vision');
    expect(restBaseUrlFor(STREAM_URLS.demo).baseUrl).toBe('https://demo-api.binance.com');
    expect(restBaseUrlFor(sim.streamUrl).baseUrl).toBe(sim.restUrl);
  });
});
