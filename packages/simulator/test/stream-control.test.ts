import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { samples } from './fixtures/binance-samples.js';
import { shapeOf } from './helpers/shape.js';
import { connect, isObject, type TestClient } from './helpers/ws.js';

let sim: Simulator;
const clients: TestClient[] = [];

beforeAll(async () => {
  // A generous message rate here; the 5/s limit has its own simulator below.
  sim = await startSimulator({ symbols: 60, maxIncomingMessagesPerSecond: 1000 });
});
afterAll(() => sim.close());
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function open(path: string, base = sim.streamUrl): Promise<TestClient> {
  const c = await connect(base + path);
  clients.push(c);
  return c;
}

describe('control messages', () => {
  test('SUBSCRIBE, LIST_SUBSCRIPTIONS, UNSUBSCRIBE with the documented replies', async () => {
    const c = await open('/ws');
    const sub = await c.request({
      method: 'SUBSCRIBE',
      params: ['btcusdt@aggTrade', 'btcusdt@depth'],
      id: 1,
    });
    expect(sub).toEqual(samples.subscribeResponse);
    expect(JSON.stringify(sub)).toBe('{"result":null,"id":1}');
    await c.next((d) => isObject(d) && d.e === 'depthUpdate');
    const unsub = await c.request({ method: 'UNSUBSCRIBE', params: ['btcusdt@depth'], id: 312 });
    expect(unsub).toEqual({ result: null, id: 312 });
    const list = await c.request({ method: 'LIST_SUBSCRIPTIONS', id: 3 });
    expect(list).toEqual(samples.listResponse);
    // After the unsubscribe reply no more depth events arrive.
    const mark = c.messages.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(c.messages.slice(mark).some((m) => isObject(m.data) && m.data.e === 'depthUpdate')).toBe(false);
    expect(sim.connections().find((x) => x.streams.includes('btcusdt@aggTrade'))?.streams).toEqual([
      'btcusdt@aggTrade',
    ]);
  });

  test('string and null ids are echoed; URL streams are listed too', async () => {
    const c = await open('/stream?streams=ethbtc@trade');
    expect(await c.request({ method: 'LIST_SUBSCRIPTIONS', id: 'abc123' })).toEqual({
      result: ['ethbtc@trade'],
      id: 'abc123',
    });
    c.send({ method: 'SUBSCRIBE', params: ['ethbtc@kline_1m'], id: null });
    await c.next((d) => isObject(d) && d.id === null && 'result' in d);
    expect(await c.request({ method: 'LIST_SUBSCRIPTIONS', id: 9 })).toEqual({
      result: ['ethbtc@trade', 'ethbtc@kline_1m'],
      id: 9,
    });
  });

  test('SET_PROPERTY / GET_PROPERTY combined switches the payload wrapper', async () => {
    const c = await open('/ws/ethbtc@avgPrice');
    expect(await c.request({ method: 'GET_PROPERTY', params: ['combined'], id: 2 })).toEqual({
      result: false,
      id: 2,
    });
    expect(await c.request({ method: 'SET_PROPERTY', params: ['combined', true], id: 5 })).toEqual({
      result: null,
      id: 5,
    });
    expect(shapeOf(await c.request({ method: 'GET_PROPERTY', params: ['combined'], id: 6 }))).toEqual(
      shapeOf(samples.getPropertyResponse),
    );
    const mark = c.messages.length;
    const wrapped = await c.next((d) => isObject(d) && d.stream === 'ethbtc@avgPrice', 3000, mark);
    expect(Object.keys(wrapped as object)).toEqual(['stream', 'data']);
    const s = await open('/stream?streams=ethbtc@avgPrice');
    expect(await s.request({ method: 'GET_PROPERTY', params: ['combined'], id: 7 })).toEqual({
      result: true,
      id: 7,
    });
  });

  test('error replies', async () => {
    const c = await open('/ws');
    const reply = async (text: string) => {
      const from = c.messages.length;
      c.send(text);
      return c.next((d) => isObject(d) && 'error' in d, 3000, from);
    };
    expect(await reply('{"method": "SUBSCRIBE", "params": ["btcusdt@trade"], "id": 1')).toEqual({
      error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 61' },
      id: null,
    });
    expect(await reply('not json')).toEqual({
      error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' },
      id: null,
    });
    expect(await reply('{"method":"SUBSCRIBEE","params":[],"id":1}')).toEqual({
      error: {
        code: 2,
        msg: 'Invalid request: unknown variant `SUBSCRIBEE`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY` at line 1 column 22',
      },
      id: null,
    });
    expect(await reply('{"params":[],"id":1}')).toEqual({
      error: { code: 2, msg: 'Invalid request: missing field `method` at line 1 column 20' },
      id: null,
    });
    expect(await reply('{"method":"LIST_SUBSCRIPTIONS","id":"a-b"}')).toEqual({
      error: { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' },
      id: null,
    });
    expect(await reply('{"method":"LIST_SUBSCRIPTIONS"}')).toEqual({
      error: { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' },
      id: null,
    });
    expect(await reply('{"method":"SUBSCRIBE","params":["btcusdt@bogus"],"id":4}')).toEqual({
      error: { code: 2, msg: 'Invalid request: invalid stream' },
      id: 4,
    });
    expect(await reply('{"method":"LIST_SUBSCRIPTIONS","params":["x"],"id":5}')).toEqual({
      error: { code: 2, msg: 'Invalid request: too many parameters' },
      id: 5,
    });
    expect(await reply('{"method":"SET_PROPERTY","params":["colour",true],"id":6}')).toEqual({
      error: { code: 0, msg: 'Unknown property' },
      id: 6,
    });
    expect(await reply('{"method":"SET_PROPERTY","params":["combined","yes"],"id":7}')).toEqual({
      error: { code: 1, msg: 'Invalid value type: expected Boolean' },
      id: 7,
    });
    expect(await reply('{"method":"GET_PROPERTY","params":[1],"id":8}')).toEqual({
      error: { code: 2, msg: 'Invalid request: property name must be a string' },
      id: 8,
    });
    expect(await reply('{"method":"GET_PROPERTY","params":[],"id":9}')).toEqual({
      error: { code: 2, msg: 'Invalid request: property name must be a string' },
      id: 9,
    });
    // The connection survives errors.
    expect(await c.request({ method: 'LIST_SUBSCRIPTIONS', id: 10 })).toEqual({ result: [], id: 10 });
  });
});

describe('connection limits', () => {
  test('more than 5 incoming messages in a second disconnect', async () => {
    const strict = await startSimulator({ symbols: 10 });
    try {
      const c = await connect(`${strict.streamUrl}/ws`);
      for (let i = 0; i < 5; i++) c.send({ method: 'LIST_SUBSCRIPTIONS', id: i });
      await c.until(() => c.messages.length === 5);
      expect(c.closeCode).toBeNull();
      c.send({ method: 'LIST_SUBSCRIPTIONS', id: 6 });
      expect((await c.waitClose()).code).toBe(1008);
      // Pings from the client count as messages too.
      const p = await connect(`${strict.streamUrl}/ws`);
      for (let i = 0; i < 6; i++) p.ws.ping();
      expect((await p.waitClose()).code).toBe(1008);
      // Paced under the limit, a client is fine.
      const paced = await connect(`${strict.streamUrl}/ws`);
      for (let i = 0; i < 8; i++) {
        paced.send({ method: 'LIST_SUBSCRIPTIONS', id: i });
        await new Promise((r) => setTimeout(r, 250));
      }
      await paced.until(() => paced.messages.length === 8);
      expect(paced.closeCode).toBeNull();
      paced.close();
    } finally {
      await strict.close();
    }
  });

  test('at most 1024 streams per connection, by URL or by SUBSCRIBE', async () => {
    const symbols = sim
      .symbols()
      .filter((s) => /^[A-Z0-9]+$/.test(s))
      .map((s) => s.toLowerCase());
    const kinds = [
      'trade',
      'aggTrade',
      'bookTicker',
      'miniTicker',
      'avgPrice',
      'depth',
      'depth5',
      'ticker_1h',
      'kline_1m',
      'kline_5m',
    ];
    const kinds2 = [
      'kline_15m',
      'kline_1h',
      'kline_4h',
      'kline_1d',
      'kline_1w',
      'kline_1M',
      'ticker',
      'ticker_4h',
      'ticker_1d',
      'depth10',
      'depth20',
      'kline_3m',
      'kline_30m',
      'kline_2h',
      'kline_6h',
      'kline_8h',
      'kline_12h',
      'kline_3d',
      'kline_1s',
      'depth@100ms',
      'depth5@100ms',
      'depth10@100ms',
      'depth20@100ms',
      'referencePrice',
    ];
    const names = symbols.flatMap((s) => [...kinds, ...kinds2].map((k) => `${s}@${k}`));
    expect(names.length).toBeGreaterThan(1025);
    const c = await open('/ws');
    expect(await c.request({ method: 'SUBSCRIBE', params: names.slice(0, 1000), id: 1 }, 10_000)).toEqual({
      result: null,
      id: 1,
    });
    expect(await c.request({ method: 'SUBSCRIBE', params: names.slice(1000, 1024), id: 2 })).toEqual({
      result: null,
      id: 2,
    });
    expect(await c.request({ method: 'SUBSCRIBE', params: [names[1024]], id: 3 })).toEqual({
      error: { code: 2, msg: 'Invalid request: too many streams (at most 1024 per connection)' },
      id: 3,
    });
    // Re-subscribing a stream it already has is fine.
    expect(await c.request({ method: 'SUBSCRIBE', params: [names[0]], id: 4 })).toEqual({
      result: null,
      id: 4,
    });
    // Still responsive with 1024 streams.
    const list = (await c.request({ method: 'LIST_SUBSCRIPTIONS', id: 5 }, 10_000)) as { result: string[] };
    expect(list.result).toHaveLength(1024);
    c.close();
    const tooMany = await open(`/stream?streams=${names.slice(0, 1025).join('/')}`);
    expect((await tooMany.waitClose()).code).toBe(1008);
  }, 30_000); // real feeds for 1024 streams: generous under a loaded CI machine

  test('connections per IP are limited per 5 minutes (429 on upgrade)', async () => {
    const limited = await startSimulator({ symbols: 10, maxConnectionsPer5Minutes: 3 });
    try {
      const open3 = await Promise.all([0, 1, 2].map(() => connect(`${limited.streamUrl}/ws`)));
      await expect(connect(`${limited.streamUrl}/ws`)).rejects.toThrow(/HTTP 429/);
      for (const c of open3) c.close();
      limited.shiftClock(300_000);
      const again = await connect(`${limited.streamUrl}/ws`);
      again.close();
    } finally {
      await limited.close();
    }
  });
});
