// Diff-depth updates applied per second to a 5000-level book (both sides), through the order
// book's real update path (U/u checks, exact price ordering). Each iteration applies EVENTS
// prerecorded events of LEVELS_PER_EVENT level changes: updates, inserts and deletions spread
// over the book, weighted towards the top as on a busy symbol.

import { bench, describe } from 'vitest';
import type { DiffDepthEvent, PriceLevel, StreamClient } from '../src/index.js';
import { createOrderBook } from '../src/index.js';

const LEVELS = 5000;
const EVENTS = 2000;
const LEVELS_PER_EVENT = 20;

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const price = (ticks: number) => (ticks / 100).toFixed(2);
const qty = () => (random() * 5).toFixed(8);
// Distance from the top: mostly near it.
const depth = () => Math.floor(LEVELS * 1.1 * random() ** 3);

const mid = 5_000_000; // 50000.00 in ticks of 0.01
const snapshot = {
  lastUpdateId: 1000,
  bids: Array.from({ length: LEVELS }, (_, i): PriceLevel => [price(mid - 1 - i), qty()]),
  asks: Array.from({ length: LEVELS }, (_, i): PriceLevel => [price(mid + 1 + i), qty()]),
};
const events: DiffDepthEvent[] = Array.from({ length: EVENTS }, () => {
  const bids: PriceLevel[] = [];
  const asks: PriceLevel[] = [];
  for (let i = 0; i < LEVELS_PER_EVENT; i++) {
    const side = random() < 0.5 ? bids : asks;
    const ticks = side === bids ? mid - 1 - depth() : mid + 1 + depth();
    side.push([price(ticks), random() < 0.3 ? '0.00000000' : qty()]);
  }
  return {
    eventType: 'depthUpdate',
    eventTime: 0,
    symbol: 'BTCUSDT',
    firstUpdateId: 0,
    finalUpdateId: 0,
    bids,
    asks,
  };
});

// A stand-in client: hands the book's diff callback to the benchmark.
let push: (event: DiffDepthEvent) => void = () => {};
const client = {
  subscribe: (_stream: unknown, options: { onEvent: (e: DiffDepthEvent) => void }) => {
    push = options.onEvent;
    return { unsubscribe() {}, ready: Promise.resolve() };
  },
} as unknown as StreamClient;

const book = createOrderBook(client, 'BTCUSDT', { fetchSnapshot: async () => snapshot });
// The first event triggers the snapshot, which must not be older than it (step 4).
push({ ...events[0]!, bids: [], asks: [], firstUpdateId: 999, finalUpdateId: 1000 });
await book.ready();
let id = 1000;

describe(`order book: ${LEVELS} levels a side, ${EVENTS} diff events × ${LEVELS_PER_EVENT} level changes per iteration`, () => {
  bench(
    'apply diff events',
    () => {
      for (const event of events) {
        id++;
        event.firstUpdateId = id;
        event.finalUpdateId = id;
        push(event);
      }
      if (book.state !== 'synced') throw new Error('the book fell out of sync');
    },
    { time: 3000 },
  );

  // The floor: the same level changes into two unordered Maps (no ordering, no update ids).
  const bidMap = new Map(snapshot.bids);
  const askMap = new Map(snapshot.asks);
  bench(
    'baseline: the same changes into unordered Maps',
    () => {
      for (const event of events) {
        for (const [p, q] of event.bids) q === '0.00000000' ? bidMap.delete(p) : bidMap.set(p, q);
        for (const [p, q] of event.asks) q === '0.00000000' ? askMap.delete(p) : askMap.set(p, q);
      }
    },
    { time: 3000 },
  );

  bench('read best bid/ask, spread, mid and 20 levels', () => {
    book.bestBid();
    book.bestAsk();
    book.spread();
    book.midPrice();
    book.depth(20);
  });
});
