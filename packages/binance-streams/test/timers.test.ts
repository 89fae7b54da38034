// Backoff, the connection-attempt limit and rotation on a manual clock with a scripted socket:
// timing behaviour tested without waiting in real time.

import { describe, expect, test } from 'vitest';
import {
  type ConnectionStateEvent,
  createManualScheduler,
  createStreamClient,
  type WebSocketCloseEventLike,
  type WebSocketLike,
  type WebSocketMessageEventLike,
} from '../src/index.js';

class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: WebSocketMessageEventLike) => void) | null = null;
  onclose: ((event: WebSocketCloseEventLike) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  sent: Array<{ method: string; params?: string[]; id: number }> = [];
  closedWith: number | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string): void {
    const msg = JSON.parse(data);
    this.sent.push(msg);
    // The server acknowledges every request at once.
    queueMicrotask(() => this.onmessage?.({ data: JSON.stringify({ result: null, id: msg.id }) }));
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  fail(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  emit(stream: string, data: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ stream, data }) });
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(extra: Parameters<typeof createStreamClient>[0] = {}) {
  FakeSocket.all = [];
  const clock = createManualScheduler(1_000_000);
  const states: ConnectionStateEvent[] = [];
  const client = createStreamClient({
    baseUrl: 'wss://stream.example.test',
    WebSocket: FakeSocket,
    scheduler: clock,
    random: () => 0.999,
    // No heartbeats here: the manual clock jumps hours while no I/O can happen.
    heartbeat: { idleMs: 48 * 3_600_000 },
    ...extra,
  });
  client.onStateChange((e) => states.push(e));
  return { clock, states, client };
}

describe('on a manual clock', () => {
  test('reconnects back off exponentially with full jitter, capped, and reset after a success', async () => {
    const { clock, states, client } = setup({ reconnect: { initialDelayMs: 100, maxDelayMs: 1000 } });
    client.subscribe('btcusdt@trade');
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.all[0]!.url).toBe('wss://stream.example.test/stream');
    for (let i = 0; i < 6; i++) {
      FakeSocket.all.at(-1)!.fail();
      const delay = states.at(-1)!.delayMs!;
      clock.advance(delay - 1);
      expect(FakeSocket.all).toHaveLength(i + 1);
      clock.advance(1);
      expect(FakeSocket.all).toHaveLength(i + 2);
    }
    expect(states.filter((s) => s.state === 'reconnecting').map((s) => s.delayMs)).toEqual([
      100, 200, 400, 799, 999, 999,
    ]);
    FakeSocket.all.at(-1)!.open();
    await flush();
    expect(FakeSocket.all.at(-1)!.sent[0]).toMatchObject({ method: 'SUBSCRIBE', params: ['btcusdt@trade'] });
    FakeSocket.all.at(-1)!.fail();
    expect(states.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, delayMs: 100 });
    await client.close();
  });

  test('new connections are paced under the per-5-minutes limit', async () => {
    const { clock, client } = setup({
      maxConnectionsPer5Minutes: 3,
      reconnect: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    client.subscribe('btcusdt@trade');
    for (let i = 0; i < 4; i++) {
      FakeSocket.all.at(-1)!.fail();
      clock.advance(1);
    }
    expect(FakeSocket.all).toHaveLength(3);
    clock.advance(300_000 - 4);
    expect(FakeSocket.all).toHaveLength(4);
    await client.close();
  });

  test('rotation before the 24 h limit: open the new socket, resubscribe, then close the old one', async () => {
    const { clock, states, client } = setup({ rotateAfterMs: 23 * 3_600_000, handoverTimeoutMs: 5000 });
    const ids: number[] = [];
    client.subscribe('btcusdt@trade', { onEvent: (e) => ids.push(e.tradeId) });
    const first = FakeSocket.all[0]!;
    first.open();
    await flush();
    const trade = (t: number) => ({
      e: 'trade',
      E: t,
      s: 'BTCUSDT',
      t,
      p: '1',
      q: '1',
      T: t,
      m: true,
      M: true,
    });
    first.emit('btcusdt@trade', trade(1));
    clock.advance(23 * 3_600_000 - 1);
    expect(FakeSocket.all).toHaveLength(1);
    clock.advance(1);
    expect(FakeSocket.all).toHaveLength(2);
    const second = FakeSocket.all[1]!;
    second.open();
    await flush();
    expect(second.sent[0]).toMatchObject({ method: 'SUBSCRIBE', params: ['btcusdt@trade'] });
    // Both carry the stream; the new one is ahead for a moment.
    first.emit('btcusdt@trade', trade(2));
    second.emit('btcusdt@trade', trade(3));
    second.emit('btcusdt@trade', trade(4));
    expect(first.closedWith).toBeNull();
    first.emit('btcusdt@trade', trade(3)); // the overlap is proven: hand over
    expect(first.closedWith).toBe(1000);
    first.emit('btcusdt@trade', trade(4)); // ignored: the old socket is retired
    second.emit('btcusdt@trade', trade(5));
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(states.map((s) => `${s.state}:${s.reason}`)).toEqual([
      'connecting:initial',
      'open:initial',
      'open:rotation',
    ]);
    await client.close();
  });

  test('a quiet stream hands over when the overlap timeout expires', async () => {
    const { clock, client } = setup({ rotateAfterMs: 1000, handoverTimeoutMs: 5000 });
    client.subscribe('btcusdt@avgPrice');
    FakeSocket.all[0]!.open();
    await flush();
    clock.advance(1000);
    FakeSocket.all[1]!.open();
    await flush();
    clock.advance(4999);
    expect(FakeSocket.all[0]!.closedWith).toBeNull();
    clock.advance(1);
    expect(FakeSocket.all[0]!.closedWith).toBe(1000);
    await client.close();
  });
});

describe('user data stream on a manual clock', () => {
  test('a silent WebSocket API connection is probed, then replaced; the subscription is made again', async () => {
    const { createSigner } = await import('@binance-mcp/signing');
    const { createUserDataStream } = await import('../src/index.js');
    FakeSocket.all = [];
    let answer = true;
    // A WebSocket API double: answers the subscription, and the `ping` method only while `answer`.
    class WsApiSocket extends FakeSocket {
      override send(data: string): void {
        const msg = JSON.parse(data);
        this.sent.push(msg);
        if (msg.method === 'ping' && !answer) return;
        const result = msg.method.startsWith('userDataStream.subscribe') ? { subscriptionId: 7 } : {};
        queueMicrotask(() => this.onmessage?.({ data: JSON.stringify({ id: msg.id, status: 200, result }) }));
      }
    }
    const clock = createManualScheduler(1_000_000);
    const signer = await createSigner({ apiKey: 'k'.repeat(64), apiSecret: 's'.repeat(64) });
    const states: ConnectionStateEvent[] = [];
    const stream = createUserDataStream({
      signer,
      url: 'wss://ws-api.example.test/ws-api/v3',
      WebSocket: WsApiSocket,
      scheduler: clock,
      clock: () => clock.now(),
      random: () => 0.5,
      heartbeat: { idleMs: 1000, pongTimeoutMs: 500 },
    });
    stream.onStateChange((e) => states.push(e));
    FakeSocket.all[0]!.open();
    await stream.ready;
    expect(stream.subscriptionId).toBe(7);
    expect(FakeSocket.all[0]!.sent[0]).toMatchObject({ method: 'userDataStream.subscribe.signature' });
    // Time passes in small steps so the double can answer between them (no I/O runs inside advance()).
    const run = async (ms: number) => {
      for (let t = 0; t < ms; t += 100) {
        clock.advance(100);
        await flush();
      }
    };
    // Idle: probed with `ping`, answered: nothing happens.
    await run(1100);
    expect(FakeSocket.all[0]!.sent.at(-1)).toMatchObject({ method: 'ping' });
    await run(3000);
    expect(states.map((s) => `${s.state}:${s.reason}`)).toEqual(['open:initial']);
    // Now the link is dead: the probe goes unanswered and the socket is replaced.
    answer = false;
    await run(3000);
    expect(states.map((s) => `${s.state}:${s.reason}`)).toContain('reconnecting:heartbeat-timeout');
    await run(1000);
    expect(FakeSocket.all).toHaveLength(2);
    answer = true;
    FakeSocket.all[1]!.open();
    await waitForCondition(() => stream.subscriptionId === 7 && states.at(-1)?.state === 'open');
    expect(states.at(-1)).toMatchObject({ state: 'open', reason: 'reconnected' });
    await stream.close();
  });
});

async function waitForCondition(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await flush();
  expect(check()).toBe(true);
}
