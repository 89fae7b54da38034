// WebSocket API heartbeat faults: setWsApiPings, setWsApiPongReplies, freezeWsApiConnections (the
// market streams' setPings, setPongReplies and freezeConnections for WebSocket API connections).

import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { connect, isObject, type TestClient } from './helpers/ws.js';

let sim: Simulator;
const clients: TestClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ symbols: 10, pingIntervalMs: 100, pongTimeoutMs: 400 });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  for (const c of clients.splice(0)) c.close();
});

/** Opens a connection and returns it with its id in `wsApiConnections()`. */
async function open(options = {}): Promise<{ c: TestClient; id: number }> {
  const before = new Set(sim.wsApiConnections().map((x) => x.id));
  const c = await connect(sim.wsApiUrl, options);
  clients.push(c);
  const id = sim.wsApiConnections().find((x) => !before.has(x.id))!.id;
  return { c, id };
}

const frozen = (id: number) => sim.wsApiConnections().find((x) => x.id === id)?.frozen;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const answered = (c: TestClient, id: string) => () =>
  c.messages.some((m) => isObject(m.data) && m.data.id === id && m.data.status === 200);

/** Whether the server answers a ping frame from the client within 300 ms. */
function pongFrom(c: TestClient): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 300);
    c.ws.once('pong', () => {
      clearTimeout(timer);
      resolve(true);
    });
    c.ws.ping('are-you-there');
  });
}

describe('WebSocket API heartbeat faults', () => {
  test('setWsApiPings(false) stops the pings and forgives unanswered ones; true resumes them', async () => {
    // This client never answers: without the fault it would be dropped after 400 ms.
    const { c } = await open({ autoPong: false });
    sim.setWsApiPings(false);
    const count = c.pings.length;
    await sleep(700);
    expect(c.pings.length).toBe(count);
    expect(c.closeCode).toBeNull();
    sim.setWsApiPings(true);
    await c.until(() => c.pings.length > count, 1000, 'a ping');
    // Pings are back, and so is the pong timeout.
    expect((await c.waitClose(3000)).code).toBe(1006);
  });

  test('setWsApiPongReplies(false, id) leaves that connection’s pings unanswered', async () => {
    const a = await open();
    const b = await open();
    expect(await pongFrom(a.c)).toBe(true);
    sim.setWsApiPongReplies(false, a.id);
    expect(await pongFrom(a.c)).toBe(false);
    expect(await pongFrom(b.c)).toBe(true);
    sim.setWsApiPongReplies(true);
    expect(await pongFrom(a.c)).toBe(true);
  });

  test('freezeWsApiConnections(true, id): the socket stays open, nothing arrives, requests go unanswered', async () => {
    const a = await open();
    const b = await open();
    a.c.send({ id: 'before', method: 'time' });
    await a.c.until(answered(a.c, 'before'), 2000, 'time response');

    sim.freezeWsApiConnections(true, a.id);
    expect(frozen(a.id)).toBe(true);
    expect(frozen(b.id)).toBe(false);
    const pings = a.c.pings.length;
    a.c.send({ id: 'frozen', method: 'time' });
    b.c.send({ id: 'other', method: 'time' });
    await b.c.until(answered(b.c, 'other'), 2000, 'the other connection’s response');
    expect(await pongFrom(a.c)).toBe(false);
    await sleep(600); // longer than the pong timeout: a frozen link is not dropped by the server
    expect(answered(a.c, 'frozen')()).toBe(false);
    expect(a.c.pings.length).toBe(pings);
    expect(a.c.closeCode).toBeNull();

    sim.freezeWsApiConnections(false);
    a.c.send({ id: 'after', method: 'time' });
    await a.c.until(answered(a.c, 'after'), 2000, 'time response');
    // The response lost while frozen stays lost.
    expect(answered(a.c, 'frozen')()).toBe(false);
    await a.c.until(() => a.c.pings.length > pings, 1000, 'a ping');
  });

  test('reset() clears the faults; unknown connection ids change nothing', async () => {
    const { c, id } = await open();
    sim.freezeWsApiConnections(true, id + 1000);
    sim.setWsApiPongReplies(false, id + 1000);
    expect(frozen(id)).toBe(false);
    expect(await pongFrom(c)).toBe(true);
    sim.freezeWsApiConnections(true);
    sim.setWsApiPongReplies(false);
    sim.reset();
    expect(frozen(id)).toBe(false);
    expect(await pongFrom(c)).toBe(true);
    c.send({ id: 'x', method: 'time' });
    await c.until(answered(c, 'x'), 2000, 'time response');
  });
});
