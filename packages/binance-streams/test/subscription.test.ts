// The subscription buffer and its overflow policies, and the pacer, on their own.

import { describe, expect, test } from 'vitest';
import { Pacer } from '../src/connection/pacer.js';
import { SubscriptionHandle } from '../src/connection/subscription.js';
import { BufferOverflowError, createManualScheduler } from '../src/index.js';

function handle(options: ConstructorParameters<typeof SubscriptionHandle<number>>[1]) {
  const released: unknown[] = [];
  const sub = new SubscriptionHandle<number>('x@trade', options, (s) => released.push(s));
  return { sub, released };
}

async function drain(sub: SubscriptionHandle<number>, n: number): Promise<number[]> {
  const it = sub[Symbol.asyncIterator]();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await it.next()).value as number);
  return out;
}

describe('subscription buffer', () => {
  test('drop-oldest keeps the newest events and counts the dropped', async () => {
    const { sub } = handle({ bufferSize: 3 });
    for (let i = 1; i <= 5; i++) sub.push(i, null);
    expect(sub.dropped).toBe(2);
    expect(sub.buffered).toBe(3);
    expect(await drain(sub, 3)).toEqual([3, 4, 5]);
  });

  test('drain takes what is buffered without waiting, oldest first, up to max', () => {
    const { sub } = handle({ bufferSize: 10 });
    for (let i = 1; i <= 5; i++) sub.push(i, null);
    expect(sub.drain(2)).toEqual([1, 2]);
    expect(sub.drain()).toEqual([3, 4, 5]);
    expect(sub.drain()).toEqual([]);
    expect(() => handle({ onEvent: () => {} }).sub.drain()).toThrow(/onEvent/);
  });

  test('drop-newest keeps the oldest events', async () => {
    const { sub } = handle({ bufferSize: 3, overflow: 'drop-newest' });
    for (let i = 1; i <= 5; i++) sub.push(i, null);
    expect(sub.dropped).toBe(2);
    expect(await drain(sub, 3)).toEqual([1, 2, 3]);
  });

  test("'error' delivers what was buffered, then throws BufferOverflowError and releases the stream", async () => {
    const { sub, released } = handle({ bufferSize: 2, overflow: 'error' });
    for (let i = 1; i <= 3; i++) sub.push(i, null);
    expect(sub.closed).toBe(true);
    expect(released).toHaveLength(1);
    const it = sub[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe(1);
    expect((await it.next()).value).toBe(2);
    await expect(it.next()).rejects.toBeInstanceOf(BufferOverflowError);
  });

  test('a waiting reader gets the next event at once; the ring buffer grows past its first size', async () => {
    const { sub } = handle({ bufferSize: 500 });
    const it = sub[Symbol.asyncIterator]();
    const pending = it.next();
    sub.push(42, null);
    expect((await pending).value).toBe(42);
    for (let i = 0; i < 300; i++) sub.push(i, null);
    expect(await drain(sub, 300)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  test('unsubscribe ends the iterator and releases once; an abort signal unsubscribes', async () => {
    const { sub, released } = handle({});
    const it = sub[Symbol.asyncIterator]();
    const pending = it.next();
    sub.unsubscribe();
    sub.unsubscribe();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(released).toHaveLength(1);
    await expect(sub.ready).rejects.toThrow(/closed before the server confirmed/);

    const controller = new AbortController();
    const second = handle({ signal: controller.signal });
    controller.abort();
    expect(second.sub.closed).toBe(true);
  });
});

describe('pacer', () => {
  test('never more than the budget in any 1.1 s window, in order', async () => {
    const clock = createManualScheduler(0);
    const pacer = new Pacer(clock, 4);
    const sent: Array<[number, number]> = [];
    for (let i = 0; i < 10; i++) pacer.enqueue(() => sent.push([i, clock.now()]));
    await Promise.resolve();
    expect(sent.map(([i]) => i)).toEqual([0, 1, 2, 3]);
    clock.advance(1099);
    expect(sent).toHaveLength(4);
    clock.advance(1);
    expect(sent).toHaveLength(8);
    clock.advance(1100);
    expect(sent.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const [, at] of sent)
      expect(sent.filter(([, t]) => t > at - 1100 && t <= at).length).toBeLessThanOrEqual(4);
  });
});
