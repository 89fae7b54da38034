// Paging through the account's history (orders, trades) for the tools: up to `limit` items from the
// library's paginators, and a cursor that continues exactly where the answer stopped. By id, the cursor
// is the next id; by time, it is the time window the answer stopped in (the paginators walk Binance's
// 24-hour windows) and the last id returned from it.

import { type Int64, nextId, type PageProgress } from '@binance-mcp/rest';
import { ToolInputError } from '../errors.js';
import { resolveRange, type TimeInput } from '../inputs.js';
import { isoTime } from '../render.js';

/** The longest time range one call walks (one request of weight 20 per day of it, at most). */
export const MAX_RANGE_MS = 31 * 86_400_000;

export function checkRange(startTime: number, endTime: number): void {
  if (endTime - startTime > MAX_RANGE_MS) {
    throw new ToolInputError({
      parameter: 'startTime',
      value: new Date(startTime).toISOString(),
      allowed: `a range of at most 31 days (up to endTime ${new Date(endTime).toISOString()}): one request per day of it`,
      hint: 'Ask for a shorter range, or page from an id (fromId) instead.',
    });
  }
}

/** Where a time-mode answer stopped: the window it stopped in, and the last id it returned there. */
export interface TimeResume {
  /** Start and end of the window (epoch ms). */
  readonly w0: number;
  readonly w1: number;
  /** Last id returned from that window, as a string; absent when none was. */
  readonly a?: string;
}

export interface Collected<T> {
  readonly items: T[];
  /** Where to continue; undefined when the range is done. */
  readonly resume?: { readonly kind: 'id'; readonly next: string } | ({ readonly kind: 'time' } & TimeResume);
}

/**
 * Up to `limit` items from `pages`, skipping those a previous answer returned (`resume`), and where to
 * continue. `pages` gets an `onProgress` to learn each page's time window.
 */
export async function collect<T>(
  pages: (onProgress: (p: PageProgress) => void) => AsyncGenerator<T[]>,
  options: {
    readonly limit: number;
    readonly mode: 'id' | 'time';
    readonly id: (item: T) => Int64;
    readonly time: (item: T) => number;
    readonly resume?: TimeResume;
    readonly progress?: (items: number, window?: { startTime: number; endTime: number }) => Promise<void>;
  },
): Promise<Collected<T>> {
  const { limit, mode, id, time, resume } = options;
  const items: T[] = [];
  let window: { startTime: number; endTime: number } | undefined;
  const skip = (item: T) =>
    resume?.a !== undefined && time(item) <= resume.w1 && BigInt(id(item)) <= BigInt(resume.a);
  for await (const raw of pages((p) => {
    window = p.window;
  })) {
    const page = resume ? raw.filter((item) => !skip(item)) : raw;
    const room = limit - items.length;
    if (page.length > room) {
      const taken = page.slice(0, room);
      items.push(...taken);
      const last = taken[taken.length - 1];
      if (mode === 'id')
        return { items, resume: { kind: 'id', next: String(nextId(id(items[items.length - 1] as T))) } };
      const w = window as { startTime: number; endTime: number };
      return {
        items,
        resume: {
          kind: 'time',
          w0: w.startTime,
          w1: w.endTime,
          ...(last === undefined ? {} : { a: String(id(last)) }),
        },
      };
    }
    items.push(...page);
    await options.progress?.(items.length, window);
    if (items.length === limit) {
      const last = items[items.length - 1] as T;
      if (mode === 'id') return { items, resume: { kind: 'id', next: String(nextId(id(last))) } };
      const w = window as { startTime: number; endTime: number };
      return { items, resume: { kind: 'time', w0: w.endTime + 1, w1: w.endTime } };
    }
  }
  return { items };
}

/** A time-range cursor: the end of the range, and where the previous answer stopped in it. */
export interface TimeCursor extends TimeResume {
  readonly e: number;
}

/**
 * Up to `limit` items of a time range: from a cursor, or from `startTime`/`endTime` (end default now;
 * only an end means the day before it; at most 31 days). `pages` walks the range with the library's
 * paginator; the answer says where to continue, if anywhere.
 */
export async function collectTimeRange<T>(
  range: {
    readonly cursor?: Partial<TimeCursor>;
    readonly startTime?: TimeInput;
    readonly endTime?: TimeInput;
    readonly now: number;
  },
  pages: (
    range: { startTime: number; endTime: number },
    onProgress: (p: PageProgress) => void,
  ) => AsyncGenerator<T[]>,
  options: {
    readonly limit: number;
    readonly id: (item: T) => Int64;
    readonly time: (item: T) => number;
    /** What the items are, for progress messages ("orders", "trades"). */
    readonly noun: string;
    readonly progress: (progress: number, total: number | undefined, message: string) => Promise<void>;
  },
): Promise<{ items: T[]; next?: TimeCursor }> {
  const { cursor } = range;
  let startTime: number;
  let endTime: number;
  let resume: TimeResume | undefined;
  if (cursor?.w0 !== undefined && cursor.w1 !== undefined && cursor.e !== undefined) {
    startTime = cursor.w0;
    endTime = cursor.e;
    resume = { w0: cursor.w0, w1: cursor.w1, ...(cursor.a ? { a: cursor.a } : {}) };
  } else {
    const r = resolveRange(range.startTime, range.endTime ?? 'now', range.now);
    endTime = r.endTime as number;
    startTime = r.startTime ?? endTime - 86_400_000 + 1;
    checkRange(startTime, endTime);
  }
  const { limit, noun } = options;
  const got = await collect<T>((onProgress) => pages({ startTime, endTime }, onProgress), {
    limit,
    mode: 'time',
    id: options.id,
    time: options.time,
    ...(resume ? { resume } : {}),
    progress: (n, w) =>
      options.progress(n, limit, w ? `${n} ${noun} up to ${isoTime(w.endTime)}` : `${n} ${noun}`),
  });
  if (got.resume?.kind === 'time' && got.resume.w0 <= endTime) {
    const { w0, w1, a } = got.resume;
    return { items: got.items, next: { e: endTime, w0, w1, ...(a ? { a } : {}) } };
  }
  return { items: got.items };
}
