// The documented local-order-book procedure (web-socket-streams.md, "How to manage a local order
// book correctly") run against the simulator: the rebuilt book must equal the simulator's own.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { get } from './helpers/http.js';
import { connect, type TestClient } from './helpers/ws.js';

interface DepthEvent {
  U: number;
  u: number;
  b: Array<[string, string]>;
  a: Array<[string, string]>;
}

/** A local book following the documented procedure; records resyncs. */
class LocalBook {
  bids = new Map<string, string>();
  asks = new Map<string, string>();
  updateId = -1;
  resyncs = 0;
  private synced = false;
  private buffer: DepthEvent[] = [];

  constructor(
    private readonly client: TestClient,
    private readonly snapshot: () => Promise<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>,
  ) {}

  /** Processes every event received so far. */
  async pump(): Promise<void> {
    const events = this.client.messages.splice(0).map((m) => m.data as DepthEvent);
    for (const e of events) {
      if (!this.synced) {
        this.buffer.push(e);
        continue;
      }
      if (!this.apply(e)) await this.resync();
    }
    if (!this.synced && this.buffer.length > 0) await this.resync();
  }

  private async resync(): Promise<void> {
    this.synced = false;
    this.resyncs += 1;
    for (;;) {
      const snap = await this.snapshot();
      this.buffer.push(...this.client.messages.splice(0).map((m) => m.data as DepthEvent));
      const firstU = this.buffer[0]?.U;
      if (firstU !== undefined && snap.lastUpdateId < firstU) continue; // step 4: snapshot too old
      this.bids = new Map(snap.bids.map(([p, q]) => [p!, q!]));
      this.asks = new Map(snap.asks.map(([p, q]) => [p!, q!]));
      this.updateId = snap.lastUpdateId;
      const pending = this.buffer.filter((e) => e.u > snap.lastUpdateId); // step 5
      this.buffer = [];
      this.synced = true;
      for (const e of pending) {
        if (!this.apply(e)) {
          this.synced = false;
          this.buffer = [];
          break;
        }
      }
      if (this.synced) return;
    }
  }

  private apply(e: DepthEvent): boolean {
    if (e.u < this.updateId) return true; // old event
    if (e.U > this.updateId + 1) return false; // missed events: resync
    for (const [p, q] of e.b) Number(q) === 0 ? this.bids.delete(p) : this.bids.set(p, q);
    for (const [p, q] of e.a) Number(q) === 0 ? this.asks.delete(p) : this.asks.set(p, q);
    this.updateId = e.u;
    return true;
  }

  sorted(): { bids: string[][]; asks: string[][] } {
    return {
      bids: [...this.bids].sort((x, y) => Number(y[0]) - Number(x[0])),
      asks: [...this.asks].sort((x, y) => Number(x[0]) - Number(y[0])),
    };
  }
}

let sim: Simulator;
let now = Date.UTC(2026, 0, 15, 12, 0, 0);

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, symbols: 30, now: () => now });
});
afterAll(() => sim.close());

async function follow(symbol: string, stream: string, steps: number, onStep?: (i: number) => void) {
  const client = await connect(`${sim.streamUrl}/ws/${stream}`);
  await client.until(() => sim.connections().some((c) => c.streams.includes(stream)));
  const book = new LocalBook(
    client,
    async () =>
      (
        await get<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>(
          sim.restUrl,
          `/api/v3/depth?symbol=${symbol}&limit=5000`,
        )
      ).body,
  );
  for (let i = 0; i < steps; i++) {
    onStep?.(i);
    now += 1_000; // one second of market per step
    const before = client.messages.length;
    await client.until(() => client.messages.length > before, 700).catch(() => undefined);
    await book.pump();
  }
  // Let the last events arrive with the clock still, then compare.
  await new Promise((r) => setTimeout(r, 250));
  await book.pump();
  client.close();
  return book;
}

describe('local order book from diff depth + REST snapshot', () => {
  test.each([
    ['BTCUSDT', 'btcusdt@depth@100ms'],
    ['ETHBTC', 'ethbtc@depth'],
  ])('%s via %s equals the simulator book exactly', async (symbol, stream) => {
    const book = await follow(symbol, stream, 8);
    const truth = sim.orderBook(symbol);
    expect(book.updateId).toBe(truth.lastUpdateId);
    // The simulator keeps at most 5000 levels a side, so the snapshot covers the whole book.
    const local = book.sorted();
    expect(truth.bids.length).toBeGreaterThan(100);
    expect(local.bids).toEqual(truth.bids);
    expect(local.asks).toEqual(truth.asks);
    expect(book.resyncs).toBe(1); // the initial sync only
  });

  test('a gap is detected and the resynced book equals the simulator book again', async () => {
    const book = await follow('BTCUSDT', 'btcusdt@depth@100ms', 8, (i) => {
      if (i === 4) expect(sim.skipDepthUpdates('BTCUSDT')).toBe(1);
    });
    expect(book.resyncs).toBe(2);
    const truth = sim.orderBook('BTCUSDT');
    expect(book.updateId).toBe(truth.lastUpdateId);
    expect(book.sorted()).toEqual({ bids: truth.bids, asks: truth.asks });
  });

  test('a client that ignores the gap ends up with a wrong book', async () => {
    const client = await connect(`${sim.streamUrl}/ws/btcusdt@depth@100ms`);
    await client.until(() => sim.connections().some((c) => c.streams.includes('btcusdt@depth@100ms')));
    now += 1_000;
    await client.until(() => client.messages.length > 0);
    const snap = (
      await get<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>(
        sim.restUrl,
        '/api/v3/depth?symbol=BTCUSDT&limit=5000',
      )
    ).body;
    const bids = new Map(snap.bids.map(([p, q]) => [p!, q!]));
    const asks = new Map(snap.asks.map(([p, q]) => [p!, q!]));
    sim.skipDepthUpdates('BTCUSDT');
    now += 3_000;
    await new Promise((r) => setTimeout(r, 400));
    for (const m of client.messages) {
      const e = m.data as DepthEvent;
      if (e.u <= snap.lastUpdateId) continue;
      for (const [p, q] of e.b) Number(q) === 0 ? bids.delete(p) : bids.set(p, q);
      for (const [p, q] of e.a) Number(q) === 0 ? asks.delete(p) : asks.set(p, q);
    }
    const truth = sim.orderBook('BTCUSDT', 50);
    const top = [...bids].sort((x, y) => Number(y[0]) - Number(x[0])).slice(0, 50);
    const topAsks = [...asks].sort((x, y) => Number(x[0]) - Number(y[0])).slice(0, 50);
    expect([top, topAsks]).not.toEqual([truth.bids, truth.asks]);
    client.close();
  });
});
