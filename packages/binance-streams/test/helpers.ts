// Shared by the tests: waiting on conditions without fixed sleeps, and a depth snapshot source.

import type { Subscription } from '../src/index.js';

/** Polls `check` (every 10 ms) until it returns a truthy value; fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 8000,
  what = 'a condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The next `count` events of an iterable subscription. */
export async function take<E>(sub: Subscription<E>, count: number, timeoutMs = 8000): Promise<E[]> {
  const out: E[] = [];
  const iterator = sub[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${out.length} of ${count} events on ${sub.stream}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${out.length} of ${count} events on ${sub.stream}`)),
          left,
        );
      }),
    ]);
    clearTimeout(timer);
    if (result.done) break;
    out.push(result.value);
  }
  return out;
}

/** A depth snapshot source on plain fetch, standing in for @binance-mcp/rest in these tests. */
export function fetchSnapshotFrom(restUrl: string) {
  return async (symbol: string, limit: number, signal: AbortSignal) => {
    const res = await fetch(`${restUrl}/api/v3/depth?symbol=${encodeURIComponent(symbol)}&limit=${limit}`, {
      signal,
    });
    if (!res.ok) throw new Error(`depth ${symbol}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
  };
}
