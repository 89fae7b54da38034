import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { samples } from './fixtures/binance-samples.js';
import { connect, isObject, type TestClient } from './helpers/ws.js';

let sim: Simulator;
const clients: TestClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    symbols: 20,
    pingIntervalMs: 100,
    pongTimeoutMs: 400,
    maxIncomingMessagesPerSecond: 100,
  });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  for (const c of clients.splice(0)) c.close();
});

async function open(path: string, options = {}): Promise<TestClient> {
  const c = await connect(sim.streamUrl + path, options);
  clients.push(c);
  return c;
}

const lastConnectionId = () => sim.connections().at(-1)!.id;

describe('ping and pong', () => {
  test('the server pings at the configured interval; a client that answers stays connected', async () => {
    const c = await open('/ws');
    await c.until(() => c.pings.length >= 4, 2000);
    expect(c.closeCode).toBeNull();
    // Payloads are distinct and non-empty (the client must echo them).
    expect(new Set(c.pings).size).toBe(c.pings.length);
  });

  test('a client that stops answering pings is disconnected after the pong timeout', async () => {
    const c = await open('/ws', { autoPong: false });
    const started = Date.now();
    await c.waitClose(3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(c.pings.length).toBeGreaterThan(0);
  });

  test('answering fast pings does not count against the message rate; unsolicited pongs do', async () => {
    const strict = await startSimulator({ symbols: 10, pingIntervalMs: 50, pongTimeoutMs: 1000 });
    try {
      const c = await connect(`${strict.streamUrl}/ws`);
      await c.until(() => c.pings.length >= 25, 3000); // 20 pings a second, all answered
      expect(c.closeCode).toBeNull();
      for (let i = 0; i < 6; i++) c.ws.pong('unsolicited');
      expect((await c.waitClose()).code).toBe(1008);
    } finally {
      await strict.close();
    }
  });

  test('unsolicited pongs do not keep a silent client alive', async () => {
    const c = await open('/ws', { autoPong: false });
    const timer = setInterval(() => c.ws.pong('hello'), 50);
    try {
      await c.waitClose(3000);
    } finally {
      clearInterval(timer);
    }
  });

  test('setPings(false) stops the pings (and forgives unanswered ones)', async () => {
    const c = await open('/ws', { autoPong: false });
    sim.setPings(false);
    const count = c.pings.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(c.pings.length).toBe(count);
    expect(c.closeCode).toBeNull();
    sim.setPings(true);
    await c.until(() => c.pings.length > count, 1000);
  });

  test('setPongReplies(false) leaves the client pings unanswered', async () => {
    const c = await open('/ws');
    const pong = () =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 300);
        c.ws.once('pong', () => {
          clearTimeout(timer);
          resolve(true);
        });
        c.ws.ping('are-you-there');
      });
    expect(await pong()).toBe(true);
    sim.setPongReplies(false, lastConnectionId());
    expect(await pong()).toBe(false);
    sim.setPongReplies(true);
    expect(await pong()).toBe(true);
  });

  test('freezeConnections: the socket stays open but nothing arrives', async () => {
    const c = await open('/ws/btcusdt@depth@100ms');
    await c.until(() => c.messages.length > 0);
    sim.freezeConnections(true);
    await new Promise((r) => setTimeout(r, 150));
    const count = c.messages.length;
    const pings = c.pings.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(c.messages.length).toBe(count);
    expect(c.pings.length).toBe(pings);
    expect(c.closeCode).toBeNull();
    expect(sim.connections()[0]!.frozen).toBe(true);
    sim.freezeConnections(false);
    await c.until(() => c.messages.length > count, 2000);
  });
});

describe('drops, shutdown and lifetime', () => {
  test('dropConnections: abrupt (no close frame) or with a code, one or all', async () => {
    const a = await open('/ws/btcusdt@trade');
    const b = await open('/ws/ethbtc@trade');
    const ids = sim.connections().map((x) => x.id);
    expect(sim.dropConnections({ id: ids[0] })).toBe(1);
    expect((await a.waitClose()).code).toBe(1006); // abnormal closure: no close frame
    expect(b.closeCode).toBeNull();
    const c = await open('/ws');
    expect(sim.dropConnections({ code: 1011, reason: 'test' })).toBe(2);
    expect(await b.waitClose()).toEqual({ code: 1011, reason: 'test' });
    expect((await c.waitClose()).code).toBe(1011);
    expect(sim.connections()).toEqual([]);
  });

  test('sendServerShutdown: raw and combined events, then the close', async () => {
    const raw = await open('/ws/btcusdt@trade');
    const combined = await open('/stream?streams=btcusdt@trade');
    expect(sim.sendServerShutdown({ closeAfterMs: 200 })).toBe(2);
    const r = (await raw.next((d) => isObject(d) && d.e === 'serverShutdown')) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(Object.keys(samples.serverShutdown));
    expect(r.E).toBeTypeOf('number');
    const cmb = (await combined.next((d) => isObject(d) && d.stream === '!serverShutdown')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(cmb)).toEqual(Object.keys(samples.serverShutdownCombined));
    expect(Object.keys(cmb.data as object)).toEqual(['e', 'E']);
    expect((await raw.waitClose()).code).toBe(1001);
    expect((await combined.waitClose()).code).toBe(1001);
  });

  test('connections close at the end of their lifetime (server clock)', async () => {
    const short = await startSimulator({ symbols: 10, connectionLifetimeMs: 60_000, pingIntervalMs: 100 });
    try {
      const c = await connect(`${short.streamUrl}/ws/btcusdt@trade`);
      await new Promise((r) => setTimeout(r, 150));
      expect(c.closeCode).toBeNull();
      short.shiftClock(60_000); // as if a minute had passed
      const { code } = await c.waitClose(2000);
      expect(code).toBe(1000);
    } finally {
      await short.close();
    }
  });

  test('with the default 24 h lifetime, shifting the clock by a day forces the rotation', async () => {
    const day = await startSimulator({ symbols: 10, pingIntervalMs: 100 });
    try {
      const c = await connect(`${day.streamUrl}/ws/btcusdt@trade`);
      day.shiftClock(86_400_000);
      expect((await c.waitClose(2000)).code).toBe(1000);
    } finally {
      await day.close();
    }
  });
});

describe('diff-depth gaps', () => {
  test('skipDepthUpdates drops the next event: U jumps past the previous u + 1', async () => {
    const c = await open('/ws/btcusdt@depth@100ms');
    await c.until(() => c.messages.length >= 2);
    expect(sim.skipDepthUpdates('BTCUSDT')).toBe(1);
    const mark = c.messages.length;
    await c.until(() => c.messages.length >= mark + 3, 3000);
    const events = c.messages.map((m) => m.data as { U: number; u: number });
    const gaps = events.slice(1).filter((e, i) => e.U !== events[i]!.u + 1);
    expect(gaps).toHaveLength(1);
    expect(() => sim.skipDepthUpdates('NOPE')).toThrow(/unknown symbol/);
    expect(sim.skipDepthUpdates('ETHBTC')).toBe(0);
  });
});
