// Pagination over any range: klines (and UI klines) by time, aggregate trades by time or id, historical
// trades by id or time. Each is an async iterator of pages (arrays, oldest first, never empty); every
// page is one request through the transport, so the weight budget, retries and errors apply as usual.
// A progress callback reports pages, items and how much of the range is covered; an AbortSignal stops
// the iteration between or during requests.

import * as z from 'zod';
import { type MyTrade, myTrades as myTradesEndpoint } from '../endpoints/account/account.js';
import {
  type Kline,
  klines as klinesEndpoint,
  uiKlines as uiKlinesEndpoint,
} from '../endpoints/market/klines.js';
import {
  type AggTrade,
  aggTrades as aggTradesEndpoint,
  historicalTrades as historicalTradesEndpoint,
  type Trade,
} from '../endpoints/market/trades.js';
import { allOrders as allOrdersEndpoint } from '../endpoints/trading/orders.js';
import type { Order } from '../endpoints/trading/responses.js';
import { checkTimeRange, id, interval, symbol, time, timeZone } from '../schemas/params.js';
import { compareIds, type Int64, nextId } from '../schemas/values.js';
import type { CallOptions, Transport } from '../transport/transport.js';
import { checkParams } from '../transport/validate.js';

/** Where an iteration stands, after each page. */
export interface PageProgress {
  /** Pages (requests that returned items) so far. */
  readonly pages: number;
  /** Items yielded so far. */
  readonly items: number;
  /** Time (epoch ms) of the last item yielded. */
  readonly lastTime: number;
  /** Id of the last item yielded (trades), if it has one. */
  readonly lastId: Int64 | undefined;
  /** The range's start and end (epoch ms), when known. */
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  /** Share of the time range covered, 0 to 1, when both ends are known. */
  readonly fraction: number | undefined;
  /**
   * Account history by time (`paginate.allOrders`, `paginate.myTrades`): the time window the page
   * covers completely (its items are every item of that window).
   */
  readonly window?: { readonly startTime: number; readonly endTime: number };
}

export interface PaginateOptions extends CallOptions {
  /** Called for each page, before it is yielded, with the iteration's progress. */
  readonly onProgress?: (progress: PageProgress) => void;
}

const pageSize = (max: number) =>
  z.int().min(1).max(max).describe(`items per request: an integer from 1 to ${max} (default ${max})`);

function progressOf(
  pages: number,
  items: number,
  lastTime: number,
  lastId: Int64 | undefined,
  startTime: number | undefined,
  endTime: number | undefined,
): PageProgress {
  const fraction =
    startTime !== undefined && endTime !== undefined
      ? endTime <= startTime
        ? 1
        : Math.min(1, Math.max(0, (lastTime - startTime) / (endTime - startTime)))
      : undefined;
  return { pages, items, lastTime, lastId, startTime, endTime, fraction };
}

export const paginateKlinesParams = z
  .strictObject({
    symbol,
    interval,
    startTime: time,
    endTime: time.optional(),
    timeZone: timeZone.optional(),
    limit: pageSize(1000).optional(),
  })
  .superRefine(checkTimeRange);
export type PaginateKlinesParams = z.input<typeof paginateKlinesParams>;

/**
 * Klines from `startTime` to `endTime` (default: now, by the server's clock), page by page.
 *
 * ```ts
 * for await (const page of paginateKlines(transport, { symbol: 'BTCUSDT', interval: '1h', startTime: Date.UTC(2024, 0, 1) })) {
 *   for (const k of page) console.log(k.openTime, k.close);
 * }
 * ```
 */
export async function* paginateKlines(
  transport: Transport,
  params: PaginateKlinesParams,
  options: PaginateOptions & { readonly ui?: boolean } = {},
): AsyncGenerator<Kline[], void, undefined> {
  const endpoint = options.ui ? uiKlinesEndpoint : klinesEndpoint;
  const name = options.ui ? 'paginate.uiKlines' : 'paginate.klines';
  const p = checkParams(paginateKlinesParams, name, name, params);
  const endTime = p.endTime ?? Math.floor(transport.serverTime());
  const limit = p.limit ?? 1000;
  const { onProgress, ui: _ui, ...callOptions } = options;
  let cursor = p.startTime;
  let pages = 0;
  let items = 0;
  while (cursor <= endTime) {
    callOptions.signal?.throwIfAborted();
    const page = await transport.request(
      endpoint,
      {
        symbol: p.symbol,
        interval: p.interval,
        startTime: cursor,
        endTime,
        limit,
        ...(p.timeZone === undefined ? {} : { timeZone: p.timeZone }),
      },
      callOptions,
    );
    if (page.length === 0) return;
    const last = page[page.length - 1] as Kline;
    pages++;
    items += page.length;
    onProgress?.(progressOf(pages, items, last.openTime, undefined, p.startTime, endTime));
    yield page;
    if (page.length < limit) return;
    cursor = last.closeTime + 1;
  }
}

export const paginateAggTradesParams = z
  .strictObject({
    symbol,
    startTime: time.optional(),
    endTime: time.optional(),
    fromId: id.optional(),
    limit: pageSize(1000).optional(),
  })
  .superRefine((value, ctx) => {
    checkTimeRange(value, ctx);
    if (value.startTime === undefined && value.fromId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['startTime'],
        message: "a start: 'startTime' (epoch ms or a Date) or 'fromId' (an aggregate trade id)",
      });
    } else if (value.startTime !== undefined && value.fromId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['fromId'], message: "either 'startTime' or 'fromId', not both" });
    }
  });
export type PaginateAggTradesParams = z.input<typeof paginateAggTradesParams>;

/**
 * Aggregate trades from `startTime` (or aggregate trade id `fromId`) to `endTime`, page by page. Without
 * `endTime`, a time-based range ends now (server clock) and an id-based one when it has caught up.
 */
export async function* paginateAggTrades(
  transport: Transport,
  params: PaginateAggTradesParams,
  options: PaginateOptions = {},
): AsyncGenerator<AggTrade[], void, undefined> {
  const p = checkParams(paginateAggTradesParams, 'paginate.aggTrades', 'paginate.aggTrades', params);
  const endTime = p.endTime ?? (p.startTime !== undefined ? Math.floor(transport.serverTime()) : undefined);
  const limit = p.limit ?? 1000;
  const { onProgress, ...callOptions } = options;
  let fromId: Int64 | string | undefined = p.fromId;
  let pages = 0;
  let items = 0;
  for (;;) {
    callOptions.signal?.throwIfAborted();
    // The first page of a time range is found by time; the following ones continue by id, which is
    // exact even when many trades share a millisecond.
    const page = await transport.request(
      aggTradesEndpoint,
      fromId === undefined
        ? { symbol: p.symbol, startTime: p.startTime, endTime, limit }
        : { symbol: p.symbol, fromId, limit },
      callOptions,
    );
    const inRange = endTime === undefined ? page : page.filter((t) => t.time <= endTime);
    if (inRange.length > 0) {
      const last = inRange[inRange.length - 1] as AggTrade;
      pages++;
      items += inRange.length;
      onProgress?.(progressOf(pages, items, last.time, last.id, p.startTime, endTime));
      yield inRange;
    }
    if (page.length < limit || inRange.length < page.length) return;
    fromId = nextId((page[page.length - 1] as AggTrade).id);
  }
}

export const paginateHistoricalTradesParams = z
  .strictObject({
    symbol,
    startTime: time.optional(),
    endTime: time.optional(),
    fromId: id.optional(),
    limit: pageSize(1000).optional(),
  })
  .superRefine((value, ctx) => {
    checkTimeRange(value, ctx);
    if (value.startTime === undefined && value.fromId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['startTime'],
        message: "a start: 'startTime' (epoch ms or a Date) or 'fromId' (a trade id)",
      });
    } else if (value.startTime !== undefined && value.fromId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['fromId'], message: "either 'startTime' or 'fromId', not both" });
    }
  });
export type PaginateHistoricalTradesParams = z.input<typeof paginateHistoricalTradesParams>;

/**
 * Trades from trade id `fromId`, or from `startTime` (the first trade at or after it is found through
 * aggTrades, weight 4), to `endTime`, page by page. Without `endTime`, a time-based range ends now
 * (server clock) and an id-based one when it has caught up.
 */
export async function* paginateHistoricalTrades(
  transport: Transport,
  params: PaginateHistoricalTradesParams,
  options: PaginateOptions = {},
): AsyncGenerator<Trade[], void, undefined> {
  const name = 'paginate.historicalTrades';
  const p = checkParams(paginateHistoricalTradesParams, name, name, params);
  const endTime = p.endTime ?? (p.startTime !== undefined ? Math.floor(transport.serverTime()) : undefined);
  const limit = p.limit ?? 1000;
  const { onProgress, ...callOptions } = options;
  let fromId: Int64 | string | undefined = p.fromId;
  if (fromId === undefined) {
    const [first] = await transport.request(
      aggTradesEndpoint,
      { symbol: p.symbol, startTime: p.startTime, endTime, limit: 1 },
      callOptions,
    );
    if (first === undefined) return;
    fromId = first.firstTradeId;
  }
  let pages = 0;
  let items = 0;
  let previous: Int64 | undefined;
  for (;;) {
    callOptions.signal?.throwIfAborted();
    const page = await transport.request(
      historicalTradesEndpoint,
      { symbol: p.symbol, fromId, limit },
      callOptions,
    );
    // Defensive: never yield a trade twice should a page overlap the previous one.
    const fresh = previous === undefined ? page : page.filter((t) => compareIds(t.id, previous as Int64) > 0);
    const inRange = endTime === undefined ? fresh : fresh.filter((t) => t.time <= endTime);
    if (inRange.length > 0) {
      const last = inRange[inRange.length - 1] as Trade;
      pages++;
      items += inRange.length;
      onProgress?.(progressOf(pages, items, last.time, last.id, p.startTime, endTime));
      yield inRange;
    }
    if (page.length < limit || inRange.length < fresh.length || fresh.length === 0) return;
    previous = (page[page.length - 1] as Trade).id;
    fromId = nextId(previous);
  }
}

// ---- the account's history: orders and trades ------------------------------------------------------

/** Binance answers account history by time only within 24 hours a request. */
const DAY_MS = 86_400_000;

function historyParams(idName: 'orderId' | 'fromId', what: string) {
  return z
    .strictObject({
      symbol,
      startTime: time.optional(),
      endTime: time.optional(),
      [idName]: id.optional(),
      limit: pageSize(1000).optional(),
    })
    .superRefine((value: Record<string, unknown>, ctx) => {
      checkTimeRange(value as { startTime?: number; endTime?: number }, ctx);
      if (value.startTime === undefined && value[idName] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['startTime'],
          message: `a start: 'startTime' (epoch ms or a Date) or '${idName}' (${what})`,
        });
      } else if (value.startTime !== undefined && value[idName] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [idName],
          message: `either 'startTime' or '${idName}', not both`,
        });
      }
    });
}

export const paginateAllOrdersParams = historyParams('orderId', 'an order id');
export type PaginateAllOrdersParams = {
  readonly symbol: string;
  readonly endTime?: number | Date;
  readonly limit?: number;
} & (
  | { readonly startTime: number | Date; readonly orderId?: undefined }
  | { readonly orderId: number | bigint | string; readonly startTime?: undefined }
);

export const paginateMyTradesParams = historyParams('fromId', 'a trade id');
export type PaginateMyTradesParams = {
  readonly symbol: string;
  readonly endTime?: number | Date;
  readonly limit?: number;
} & (
  | { readonly startTime: number | Date; readonly fromId?: undefined }
  | { readonly fromId: number | bigint | string; readonly startTime?: undefined }
);

/**
 * Pages of an account history from `startTime` to `endTime`, or from an id up. By time, in windows of
 * at most 24 hours (Binance's limit for these endpoints); a window that fills a whole page is split in
 * halves until each half fits, so nothing is skipped whatever order Binance lists a window in. By id,
 * page after page from the last id (optionally up to `endTime`).
 */
async function* paginateHistory<T>(
  p: { startTime?: number; endTime?: number; limit?: number; from?: Int64 | string },
  item: { id: (item: T) => Int64; time: (item: T) => number },
  fetch: (query: {
    startTime?: number;
    endTime?: number;
    from?: Int64 | string;
    limit: number;
  }) => Promise<T[]>,
  transport: Transport,
  options: PaginateOptions,
): AsyncGenerator<T[], void, undefined> {
  const endTime = p.endTime ?? (p.startTime !== undefined ? Math.floor(transport.serverTime()) : undefined);
  const limit = p.limit ?? 1000;
  const { onProgress, signal } = options;
  let pages = 0;
  let items = 0;
  const report = (page: T[], window?: { startTime: number; endTime: number }) => {
    const last = page[page.length - 1] as T;
    pages++;
    items += page.length;
    onProgress?.({
      ...progressOf(pages, items, item.time(last), item.id(last), p.startTime, endTime),
      ...(window ? { window } : {}),
    });
  };
  if (p.from !== undefined) {
    let from: Int64 | string = p.from;
    let previous: Int64 | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const page = await fetch({ from, limit });
      const fresh =
        previous === undefined ? page : page.filter((t) => compareIds(item.id(t), previous as Int64) > 0);
      const inRange = endTime === undefined ? fresh : fresh.filter((t) => item.time(t) <= endTime);
      if (inRange.length > 0) {
        report(inRange);
        yield inRange;
      }
      if (page.length < limit || inRange.length < fresh.length || fresh.length === 0) return;
      previous = item.id(page[page.length - 1] as T);
      from = nextId(previous);
    }
  }
  const end = endTime as number;
  // Windows still to fetch, the earliest last.
  const windows: [number, number][] = [];
  for (let t = p.startTime as number; t <= end; t += DAY_MS)
    windows.unshift([t, Math.min(t + DAY_MS - 1, end)]);
  for (let w = windows.pop(); w !== undefined; w = windows.pop()) {
    signal?.throwIfAborted();
    const [from, to] = w;
    const page = await fetch({ startTime: from, endTime: to, limit });
    if (page.length >= limit && to > from) {
      const mid = from + Math.floor((to - from) / 2);
      windows.push([mid + 1, to], [from, mid]);
      continue;
    }
    if (page.length > 0) {
      report(page, { startTime: from, endTime: to });
      yield page;
    }
  }
}

/**
 * The account's orders on a symbol (any status) from `startTime` or from `orderId` up, to `endTime`,
 * page by page: a time range of any length is walked in the 24-hour windows Binance allows (one
 * request, weight 20, per window; a window with a page or more of orders is split), each page every
 * order last updated in its window (`progress.window`), as Binance lists them. From `orderId`: by id,
 * `endTime` then bounds the orders' creation time. Without `endTime`, a time range ends now (server
 * clock) and an id-based one when it has caught up.
 */
export async function* paginateAllOrders(
  transport: Transport,
  params: PaginateAllOrdersParams,
  options: PaginateOptions = {},
): AsyncGenerator<Order[], void, undefined> {
  const name = 'paginate.allOrders';
  const p = checkParams(paginateAllOrdersParams, name, name, params) as {
    symbol: string;
    startTime?: number;
    endTime?: number;
    orderId?: Int64 | string;
    limit?: number;
  };
  const { onProgress: _progress, ...callOptions } = options;
  yield* paginateHistory<Order>(
    { ...p, ...(p.orderId === undefined ? {} : { from: p.orderId }) },
    // By time Binance filters orders by their last update; by id, `endTime` applies to creation.
    { id: (o) => o.orderId, time: (o) => (p.orderId === undefined ? o.updateTime : o.time) },
    (q) =>
      transport.request(
        allOrdersEndpoint,
        q.from === undefined
          ? { symbol: p.symbol, startTime: q.startTime, endTime: q.endTime, limit: q.limit }
          : { symbol: p.symbol, orderId: q.from, limit: q.limit },
        callOptions,
      ),
    transport,
    options,
  );
}

/**
 * The account's trades on a symbol from `startTime` or from trade id `fromId` up, to `endTime`, oldest
 * first, page by page, walking a time range of any length in 24-hour windows as `paginateAllOrders`
 * does.
 */
export async function* paginateMyTrades(
  transport: Transport,
  params: PaginateMyTradesParams,
  options: PaginateOptions = {},
): AsyncGenerator<MyTrade[], void, undefined> {
  const name = 'paginate.myTrades';
  const p = checkParams(paginateMyTradesParams, name, name, params) as {
    symbol: string;
    startTime?: number;
    endTime?: number;
    fromId?: Int64 | string;
    limit?: number;
  };
  const { onProgress: _progress, ...callOptions } = options;
  yield* paginateHistory<MyTrade>(
    { ...p, ...(p.fromId === undefined ? {} : { from: p.fromId }) },
    { id: (t) => t.id, time: (t) => t.time },
    (q) =>
      transport.request(
        myTradesEndpoint,
        q.from === undefined
          ? { symbol: p.symbol, startTime: q.startTime, endTime: q.endTime, limit: q.limit }
          : { symbol: p.symbol, fromId: q.from, limit: q.limit },
        callOptions,
      ),
    transport,
    options,
  );
}
