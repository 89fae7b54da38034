// The rate limiter's rules on their own, with a clock the test moves: window boundaries and clock skew,
// FIFO waiting, header reconciliation, Retry-After, bans while requests wait.

import { BannedError, RateLimitError } from '@binance-mcp/rest';
import { describe, expect, test } from 'vitest';
import { type LimitRule, limitRule, RateLimiter } from '../src/transport/rate-limiter.js';

const MINUTE = 60_000;
const weightRule = (limit: number) =>
  limitRule({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit }) as LimitRule;

/** A limiter on a manual clock whose sleeps only end when the test says so (or the limiter wakes). */
function harness(rules: LimitRule[], marginMs = 1000, start = 10 * MINUTE + 30_000) {
  let t = start;
  let woken = 0;
  const sleeping: { ms: number; resolve: () => void }[] = [];
  const limiter = new RateLimiter({
    rules,
    marginMs,
    now: () => t,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const entry = { ms, resolve };
        sleeping.push(entry);
        signal?.addEventListener(
          'abort',
          () => {
            woken++;
            reject(signal.reason);
          },
          { once: true },
        );
      }),
  });
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return {
    limiter,
    now: () => t,
    set: (value: number) => {
      t = value;
    },
    sleeping,
    /** Sleeps the limiter ended early (woken by an abort of its own). */
    woken: () => woken,
    /** Ends the pending sleep after moving the clock by its length. */
    async elapse() {
      const entry = sleeping.shift();
      if (!entry) throw new Error('nothing is sleeping');
      t += entry.ms;
      entry.resolve();
      await flush();
    },
    flush,
  };
}

const opts = { endpoint: 'GET /x', mode: 'wait' as const };

describe('RateLimiter', () => {
  test('charges synchronously while the budget allows, then waits for the next window plus the margin', async () => {
    const h = harness([weightRule(10)]);
    const a = h.limiter.acquire(6, opts);
    const b = h.limiter.acquire(4, opts);
    expect(a).not.toBeInstanceOf(Promise);
    expect(b).not.toBeInstanceOf(Promise);
    const waits: number[] = [];
    const c = h.limiter.acquire(1, { ...opts, onWait: (ms) => waits.push(ms) });
    expect(c).toBeInstanceOf(Promise);
    expect(waits).toEqual([30_000 + 1000]);
    await h.flush();
    expect(h.sleeping.map((s) => s.ms)).toEqual([31_000]);
    await h.elapse();
    await expect(c).resolves.toMatchObject({ sentAt: 11 * MINUTE + 1000, weight: 1 });
  });

  test('near a boundary a request counts in both windows it may land in', () => {
    const h = harness([weightRule(10)], 1000, 11 * MINUTE - 500);
    h.limiter.acquire(8, opts); // counted in minutes 10 and 11
    h.set(11 * MINUTE + 1500); // clearly minute 11
    expect(h.limiter.state().usedWeight).toBe(8);
    expect(h.limiter.acquire(2, opts)).not.toBeInstanceOf(Promise);
    expect(h.limiter.acquire(1, opts)).toBeInstanceOf(Promise);
  });

  test('waiting requests go in the order they came, even when a later one is lighter', async () => {
    const h = harness([weightRule(10)]);
    h.limiter.acquire(8, opts);
    const order: string[] = [];
    const heavy = Promise.resolve(h.limiter.acquire(5, opts)).then(() => order.push('heavy'));
    const light = Promise.resolve(h.limiter.acquire(1, opts)).then(() => order.push('light'));
    await h.flush();
    expect(order).toEqual([]);
    await h.elapse();
    await Promise.all([heavy, light]);
    expect(order).toEqual(['heavy', 'light']);
  });

  test("'fail' mode throws RateLimitError with when it could go", () => {
    const h = harness([weightRule(10)]);
    h.limiter.acquire(10, opts);
    let error: unknown;
    try {
      h.limiter.acquire(1, { ...opts, mode: 'fail' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      source: 'client',
      retryAfterMs: 31_000,
      until: h.now() + 31_000,
      usedWeight: 10,
      limit: 10,
    });
  });

  test("a response's used-weight header raises the count, but only when its window is certain", () => {
    const h = harness([weightRule(100)]);
    const ticket = h.limiter.acquire(1, opts) as { sentAt: number; weight: number };
    const headers = (value: string) => ({
      get: (name: string) => (name === 'x-mbx-used-weight-1m' ? value : null),
    });
    h.limiter.reconcile(ticket, headers('40'), h.now() + 5);
    expect(h.limiter.state().usedWeight).toBe(40);
    h.limiter.reconcile(ticket, headers('20'), h.now() + 5); // never lowered
    expect(h.limiter.state().usedWeight).toBe(40);
    // Sent in one minute, answered in the next: which minute the header speaks of is unknown.
    h.limiter.reconcile(ticket, headers('90'), 11 * MINUTE + 2000);
    expect(h.limiter.state().usedWeight).toBe(40);
    h.limiter.reconcile(ticket, headers('not a number'), h.now());
    expect(h.limiter.state().usedWeight).toBe(40);
  });

  test('Retry-After holds every request back until it has passed', async () => {
    const h = harness([weightRule(100)]);
    h.limiter.onRateLimited(5000);
    const waits: [number, string][] = [];
    const p = h.limiter.acquire(1, { ...opts, onWait: (ms, reason) => waits.push([ms, reason]) });
    expect(waits).toEqual([[5000, 'retry-after']]);
    await h.flush();
    await h.elapse();
    await expect(p).resolves.toMatchObject({ sentAt: 10 * MINUTE + 35_000 });
  });

  test('a ban fails every waiting request and every new one until it ends', async () => {
    const h = harness([weightRule(10)]);
    h.limiter.acquire(10, opts);
    const waiting = [h.limiter.acquire(1, opts), h.limiter.acquire(2, { ...opts, endpoint: 'GET /y' })];
    await h.flush();
    const until = h.now() + 120_000;
    h.limiter.onBanned(until, -1003, 'IP banned');
    const results = await Promise.allSettled(waiting);
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r))).toEqual([
      expect.any(BannedError),
      expect.any(BannedError),
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      until,
      endpoint: 'GET /y',
      code: -1003,
    });
    expect(() => h.limiter.acquire(1, opts)).toThrow(BannedError);
    // The pump's sleep was ended, not left running.
    expect(h.woken()).toBe(1);
    expect(h.limiter.state()).toMatchObject({ bannedUntil: until, queued: 0 });
    h.set(until);
    expect(h.limiter.acquire(1, opts)).not.toBeInstanceOf(Promise);
  });

  test('new rules (from exchangeInfo) apply at once, counts kept; waiting requests are looked at again', async () => {
    const h = harness([weightRule(10)]);
    h.limiter.acquire(10, opts);
    const p = h.limiter.acquire(5, opts);
    await h.flush();
    expect(h.sleeping).toHaveLength(1);
    h.limiter.setRules([weightRule(100)]);
    await expect(p).resolves.toMatchObject({ weight: 5 });
    expect(h.limiter.state()).toMatchObject({ usedWeight: 15, weightLimit: 100 });
  });

  test('an aborted waiter leaves the queue; the next one is looked at again', async () => {
    const h = harness([weightRule(10)]);
    h.limiter.acquire(8, opts);
    const controller = new AbortController();
    const big = h.limiter.acquire(5, { ...opts, signal: controller.signal });
    const small = h.limiter.acquire(1, opts);
    await h.flush();
    controller.abort(new Error('gone'));
    await expect(big).rejects.toThrow('gone');
    await expect(small).resolves.toMatchObject({ weight: 1 });
  });

  test('RAW_REQUESTS counts requests, whatever their weight', () => {
    const raw = limitRule({
      rateLimitType: 'RAW_REQUESTS',
      interval: 'SECOND',
      intervalNum: 10,
      limit: 2,
    }) as LimitRule;
    expect(raw).toMatchObject({ intervalMs: 10_000, header: undefined, label: '10s' });
    const h = harness([weightRule(1000), raw], 0, 10 * MINUTE + 1);
    h.limiter.acquire(100, opts);
    h.limiter.acquire(100, opts);
    expect(h.limiter.acquire(1, opts)).toBeInstanceOf(Promise);
  });

  test('limit rules are read from exchangeInfo entries; ORDERS limits and unknown intervals are left out', () => {
    expect(weightRule(6000)).toEqual({
      kind: 'REQUEST_WEIGHT',
      intervalMs: 60_000,
      limit: 6000,
      header: 'x-mbx-used-weight-1m',
      label: '1m',
    });
    expect(
      limitRule({ rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 }),
    ).toBeUndefined();
    expect(
      limitRule({ rateLimitType: 'REQUEST_WEIGHT', interval: 'WEEK', intervalNum: 1, limit: 1 }),
    ).toBeUndefined();
    expect(
      limitRule({ rateLimitType: 'REQUEST_WEIGHT', interval: 'HOUR', intervalNum: 1, limit: 0 }),
    ).toBeUndefined();
  });
});
