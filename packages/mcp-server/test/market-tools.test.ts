// The nine market tools, called by the official MCP client (2026-07-28 revision) on a server over the
// simulator with its clock held still: each answer is checked against what the simulator serves over
// plain REST, pages are followed to the end, and every error path gives an isError result naming what
// to fix.

import { type Kline, summarizeKlines } from '@binance-mcp/rest';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  type Connected,
  connectModern,
  manualClock,
  type SimContext,
  simContext,
  T0,
  textOf,
} from './helpers.js';

let s: SimContext;
let c: Connected;
const clock = manualClock();

beforeAll(async () => {
  s = await simContext({}, { clock });
  c = await connectModern(s.context);
});
afterAll(async () => {
  await c?.close();
  await s?.close();
});
beforeEach(() => s.sim.reset());

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: unknown };

async function call(name: string, args: Record<string, unknown> = {}): Promise<Result> {
  return (await c.client.callTool({ name, arguments: args })) as Result;
}

async function ok<T = Record<string, unknown>>(name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  expect(result.structuredContent?.environment).toBe('simulator');
  expect(textOf(result).startsWith('[simulator] ')).toBe(true);
  return result.structuredContent as T;
}

async function failure(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(name, args);
  expect(result.isError, `${name} ${JSON.stringify(args)} should fail`).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  return textOf(result);
}

/** Follows nextCursor to the end; returns every page. */
async function allPages<T extends { nextCursor?: string }>(
  name: string,
  first: Record<string, unknown>,
): Promise<T[]> {
  const pages: T[] = [];
  let page = await ok<T>(name, first);
  pages.push(page);
  while (page.nextCursor) {
    page = await ok<T>(name, {
      cursor: page.nextCursor,
      ...(first.limit === undefined ? {} : { limit: first.limit }),
    });
    pages.push(page);
    if (pages.length > 100) throw new Error('cursor loop');
  }
  return pages;
}

describe('get_server_time', () => {
  test('time, environment, offset, host and weight', async () => {
    const d = await ok<Record<string, number | string>>('get_server_time');
    expect(d.serverTime).toBe(T0);
    expect(d.serverTimeIso).toBe('2026-01-15T12:34:56.789Z');
    expect(d.baseUrl).toBe(s.sim.restUrl);
    expect(d.clockOffsetMs).toBe(0);
    expect(d.usedWeight).toBe(s.sim.usedWeight());
    expect(d.weightLimit).toBe(6000);
  });
});

describe('get_exchange_info', () => {
  type Page = { total: number; returned: number; symbols: Record<string, unknown>[]; nextCursor?: string };

  test('compact by default; the total counts every match', async () => {
    const d = await ok<Page>('get_exchange_info');
    expect(d.total).toBe(s.sim.symbols().length);
    expect(d.symbols[0]).toEqual({
      symbol: 'BTCUSDT',
      status: 'TRADING',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
    });
  });

  test('pages cover every match exactly once', async () => {
    const pages = await allPages<Page>('get_exchange_info', { limit: 7 });
    const names = pages.flatMap((p) => p.symbols.map((x) => x.symbol));
    expect(names).toEqual(s.sim.symbols());
    expect(pages.length).toBe(Math.ceil(s.sim.symbols().length / 7));
  });

  test('filters: quote asset, asset, status, search; rules and full detail', async () => {
    const info = await s.context.rest.exchangeInfo();
    const usdt = await ok<Page>('get_exchange_info', { quoteAssets: ['usdt'], limit: 500 });
    expect(usdt.symbols.map((x) => x.symbol)).toEqual(
      info.symbols.filter((x) => x.quoteAsset === 'USDT').map((x) => x.symbol),
    );
    const eth = await ok<Page>('get_exchange_info', { assets: ['ETH'], limit: 500 });
    expect(eth.symbols.every((x) => x.baseAsset === 'ETH' || x.quoteAsset === 'ETH')).toBe(true);
    expect(eth.total).toBe(
      info.symbols.filter((x) => x.baseAsset === 'ETH' || x.quoteAsset === 'ETH').length,
    );
    const notTrading = info.symbols.find((x) => x.status !== 'TRADING');
    if (notTrading) {
      const byStatus = await ok<Page>('get_exchange_info', { status: notTrading.status, limit: 500 });
      expect(byStatus.symbols.map((x) => x.symbol)).toContain(notTrading.symbol);
      expect(byStatus.symbols.every((x) => x.status === notTrading.status)).toBe(true);
    }
    const search = await ok<Page>('get_exchange_info', { search: 'bnb' });
    expect(search.total).toBeGreaterThan(0);
    expect(search.symbols.every((x) => String(x.symbol).includes('BNB'))).toBe(true);

    const rules = await ok<Page>('get_exchange_info', { symbols: ['BTCUSDT'], detail: 'rules' });
    const btc = info.symbols.find((x) => x.symbol === 'BTCUSDT');
    const lot = btc?.filters.find((f) => f.filterType === 'LOT_SIZE') as { stepSize: string; minQty: string };
    const price = btc?.filters.find((f) => f.filterType === 'PRICE_FILTER') as { tickSize: string };
    expect(rules.symbols[0]).toMatchObject({
      symbol: 'BTCUSDT',
      tickSize: price.tickSize,
      stepSize: lot.stepSize,
      minQty: lot.minQty,
    });
    expect(rules.symbols[0]?.filters).toBeUndefined();

    const full = await ok<Page>('get_exchange_info', {
      symbols: ['BTCUSDT'],
      detail: 'full',
      includeLimits: true,
    });
    expect(full.symbols[0]?.filters).toEqual(btc?.filters);
    expect((full as unknown as { rateLimits: unknown[] }).rateLimits).toEqual(info.rateLimits);
  });

  test('no match, and a cursor of another tool', async () => {
    const none = await call('get_exchange_info', { search: 'ZZZZZ' });
    expect(none.structuredContent).toMatchObject({ total: 0, returned: 0, symbols: [] });
    expect(textOf(none)).toMatch(/Try a broader filter/);
    const price = await ok<{ nextCursor: string }>('get_price', { quoteAsset: 'USDT', limit: 1 });
    expect(await failure('get_exchange_info', { cursor: price.nextCursor })).toMatch(
      /Invalid arguments for get_exchange_info: 'cursor' is ".*"; allowed: a nextCursor returned by get_exchange_info, unchanged. Call the tool without a cursor/,
    );
  });
});

describe('every market endpoint stays reachable', () => {
  test('execution rules through get_exchange_info', async () => {
    const direct = await s.context.rest.executionRules({ symbols: ['BTCUSDT', 'ETHBTC'] });
    const d = await ok<{ symbols: { symbol: string; executionRules: unknown[] }[] }>('get_exchange_info', {
      symbols: ['BTCUSDT', 'ETHBTC'],
      includeExecutionRules: true,
    });
    for (const entry of direct.symbolRules) {
      expect(d.symbols.find((x) => x.symbol === entry.symbol)?.executionRules).toEqual(entry.rules);
    }
  });

  test('the reference price and its calculation through get_avg_price', async () => {
    const rules = await s.context.rest.executionRules({});
    const withReference = rules.symbolRules.find((r) => r.rules.length > 0)?.symbol as string;
    const d = await ok<{ reference: Record<string, unknown> }>('get_avg_price', {
      symbol: withReference,
      reference: true,
    });
    const direct = await s.context.rest.referencePrice({ symbol: withReference });
    expect(d.reference.price).toBe(direct.referencePrice);
    expect(d.reference.calculationType).toMatch(/^(ARITHMETIC_MEAN|EXTERNAL)$/);
    const without = rules.symbolRules.find((r) => r.rules.length === 0)?.symbol;
    if (without) {
      const none = await ok<{ reference: Record<string, unknown> }>('get_avg_price', {
        symbol: without,
        reference: true,
      });
      expect(none.reference).toMatchObject({ price: null, unavailable: expect.stringMatching(/^-2043 /) });
    }
  });

  test('block trades through get_trades (the simulated market has none)', async () => {
    const d = await ok<{ kind: string; rows: unknown[] }>('get_trades', {
      symbol: 'BTCUSDT',
      kind: 'block',
      fromId: 0,
    });
    expect(d).toMatchObject({ kind: 'block', rows: [] });
    expect(s.sim.requests().at(-1)?.path).toBe('/api/v3/historicalBlockTrades');
    expect(await failure('get_trades', { symbol: 'BTCUSDT', kind: 'block' })).toMatch(
      /'fromId' is missing; allowed: with kind "block"/,
    );
  });
});

describe('get_order_book', () => {
  type Book = {
    bestBid: string;
    bestAsk: string;
    spread: string;
    mid: string;
    bids: [string, string][];
    asks: [string, string][];
    band: {
      percent: string;
      bids: { levels: number; complete: boolean };
      asks: { levels: number; complete: boolean };
    };
    impact?: {
      buy: { averagePrice: string; worstPrice: string; complete: boolean };
      sell: { averagePrice: string };
    };
    fetchedLevels: { bids: number; asks: number };
  };

  test('top of book, spread, mid and rows agree with the simulator', async () => {
    const d = await ok<Book>('get_order_book', { symbol: 'btcusdt', limit: 5 });
    const top = await s.context.rest.bookTicker({ symbol: 'BTCUSDT' });
    const book = s.sim.orderBook('BTCUSDT', 5);
    expect(d.bestBid).toBe(top.bidPrice);
    expect(d.bestAsk).toBe(top.askPrice);
    expect(d.bids).toEqual(book.bids.map((l) => [l[0], l[1]]));
    expect(d.asks).toEqual(book.asks.map((l) => [l[0], l[1]]));
    expect(Number(d.spread)).toBeCloseTo(Number(top.askPrice) - Number(top.bidPrice), 8);
    expect(Number(d.mid)).toBeCloseTo((Number(top.askPrice) + Number(top.bidPrice)) / 2, 6);
  });

  test('a band wider than 100 levels fetches deeper once by itself; fetchLimit is obeyed', async () => {
    const wide = await ok<Book>('get_order_book', { symbol: 'ETHUSDT', bandPercent: 2, limit: 0 });
    expect(wide.bids).toEqual([]);
    expect(wide.fetchedLevels.bids).toBeGreaterThan(100);
    const fixed = await ok<Book>('get_order_book', {
      symbol: 'ETHUSDT',
      bandPercent: 2,
      limit: 0,
      fetchLimit: 20,
    });
    expect(fixed.fetchedLevels.bids).toBe(20);
    expect(fixed.band.bids).toMatchObject({ levels: 20, complete: false });
    expect(s.sim.requests().map((r) => new URLSearchParams(r.query).get('limit'))).toEqual([
      '100',
      '1000',
      '20',
    ]);
  });

  test('market impact of a size in quote or base', async () => {
    const d = await ok<Book>('get_order_book', { symbol: 'BTCUSDT', impactQuoteQuantity: 25000 });
    expect(d.impact?.buy.complete).toBe(true);
    expect(Number(d.impact?.buy.averagePrice)).toBeGreaterThanOrEqual(Number(d.bestAsk));
    expect(Number(d.impact?.sell.averagePrice)).toBeLessThanOrEqual(Number(d.bestBid));
    const base = await ok<Book>('get_order_book', { symbol: 'BTCUSDT', impactQuantity: '0.5' });
    expect((base.impact as unknown as { of: string }).of).toBe('base');
    expect(
      await failure('get_order_book', { symbol: 'BTCUSDT', impactQuantity: '1', impactQuoteQuantity: '1' }),
    ).toMatch(
      /'impactQuantity' is "1"; allowed: either impactQuantity \(base asset\) or impactQuoteQuantity/,
    );
  });

  test("input errors name the field; an unlisted symbol gets Binance's error and a next step", async () => {
    expect(await failure('get_order_book', { symbol: 'BTC/USDT' })).toMatch(
      /symbol: a symbol of 1 to 20 characters/,
    );
    expect(await failure('get_order_book', { symbol: 'BTCUSDT', limit: 500 })).toMatch(/limit: /);
    expect(await failure('get_order_book', { symbol: 'BTCUSDT', fetchLimit: 7 })).toMatch(/fetchLimit/);
    expect(await failure('get_order_book', { symbol: 'BTCUSDT', bandPercent: 0 })).toMatch(/bandPercent/);
    expect(await failure('get_order_book', { symbol: 'BTCUSDT', depth: 5 })).toMatch(
      /Unrecognized key: "depth"/,
    );
    expect(await failure('get_order_book', { symbol: 'NOPEUSDT' })).toBe(
      '[simulator] Binance error -1121: Invalid symbol. (HTTP 400, GET /api/v3/depth). The symbol is not listed here. Find listed symbols with get_exchange_info (e.g. search: "BTC"), then call again.',
    );
  });
});

describe('get_trades', () => {
  type Trades = {
    kind: string;
    columns: string[];
    rows: (string | number)[][];
    summary?: Record<string, string | number>;
    nextCursor?: string;
  };

  test('recent trades: the latest, with a summary of them', async () => {
    const d = await ok<Trades>('get_trades', { symbol: 'ETHUSDT' });
    const latest = await s.context.rest.trades({ symbol: 'ETHUSDT', limit: 20 });
    expect(d.kind).toBe('recent');
    expect(d.columns).toEqual(['id', 'time', 'price', 'qty', 'takerSide']);
    expect(d.rows).toEqual(
      latest.map((t) => [t.id, t.time, t.price, t.qty, t.isBuyerMaker ? 'SELL' : 'BUY']),
    );
    expect(d.summary?.count).toBe(20);
    expect(d.nextCursor).toBeUndefined();
  });

  test('aggregate trades over a relative range, paged without gaps or repeats', async () => {
    const first = await ok<Trades>('get_trades', { symbol: 'BTCUSDT', startTime: '-30m', limit: 200 });
    expect(first.kind).toBe('aggregate');
    expect(first.rows[0]?.[1]).toBeGreaterThanOrEqual(T0 - 30 * 60_000);
    const pages = await allPages<Trades>('get_trades', { symbol: 'BTCUSDT', startTime: '-30m', limit: 200 });
    const ids = pages.flatMap((p) => p.rows.map((r) => r[0] as number));
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBe((ids[i - 1] as number) + 1);
    const direct: number[] = [];
    for await (const page of s.context.rest.paginate.aggTrades({
      symbol: 'BTCUSDT',
      startTime: T0 - 30 * 60_000,
      endTime: T0,
    })) {
      direct.push(...page.map((t) => Number(t.id)));
    }
    expect(ids).toEqual(direct);
  });

  test('historical trades from an id; recent with a range is refused', async () => {
    const d = await ok<Trades>('get_trades', { symbol: 'BTCUSDT', fromId: 1000, limit: 5 });
    expect(d.kind).toBe('historical');
    expect(d.rows.map((r) => r[0])).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(d.nextCursor).toBeDefined();
    const next = await ok<Trades>('get_trades', { cursor: d.nextCursor, limit: 2 });
    expect(next.rows.map((r) => r[0])).toEqual([1005, 1006]);
    expect(await failure('get_trades', { symbol: 'BTCUSDT', kind: 'recent', startTime: '-1h' })).toMatch(
      /'startTime' is "-1h"; allowed: nothing with kind "recent".*Use kind "historical" or "aggregate"/,
    );
    expect(await failure('get_trades', { symbol: 'BTCUSDT', kind: 'historical' })).toMatch(
      /'fromId' is missing; allowed: a trade id/,
    );
    expect(await failure('get_trades', { symbol: 'BTCUSDT', startTime: 'yesterday' })).toMatch(
      /startTime: .*A time: epoch milliseconds|startTime/,
    );
    expect(await failure('get_trades', { symbol: 'BTCUSDT', startTime: '-1h', endTime: '-2h' })).toMatch(
      /'endTime' is "-2h"; allowed: a time at or after startTime/,
    );
  });
});

describe('get_klines', () => {
  type Klines = {
    columns: string[];
    rows: (string | number)[][];
    summary?: Record<string, string | number>;
    rangeStart?: number;
    nextCursor?: string;
  };

  test('the latest klines without a range', async () => {
    const d = await ok<Klines>('get_klines', { symbol: 'BTCUSDT', interval: '1h', limit: 5 });
    expect(d.rows).toHaveLength(5);
    expect(d.rows[4]?.[0]).toBe(Math.floor(T0 / 3_600_000) * 3_600_000);
    expect(d.columns).toEqual(['openTime', 'open', 'high', 'low', 'close', 'volume']);
    expect(d.summary?.count).toBe(5);
  });

  test('a range: summary of all of it, rows paged by cursor, equal to the REST klines', async () => {
    const args = { symbol: 'ETHUSDT', interval: '1h', startTime: '-3d', endTime: 'now', limit: 30 };
    const pages = await allPages<Klines>('get_klines', args);
    const direct: Kline[] = await s.context.rest.klines({
      symbol: 'ETHUSDT',
      interval: '1h',
      startTime: T0 - 3 * 86_400_000,
      endTime: T0,
      limit: 1000,
    });
    const rows = pages.flatMap((p) => p.rows);
    expect(rows).toEqual(direct.map((k) => [k.openTime, k.open, k.high, k.low, k.close, k.volume]));
    const summary = summarizeKlines(direct);
    expect(pages[0]?.summary).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(pages.slice(1).every((p) => p.summary === undefined)).toBe(true);
  });

  test('a multi-page range sends progress; fields pick columns', async () => {
    const progress: number[] = [];
    const result = (await c.client.callTool(
      {
        name: 'get_klines',
        arguments: {
          symbol: 'BTCUSDT',
          interval: '1m',
          startTime: '-2d',
          limit: 2,
          fields: ['openTime', 'close', 'trades'],
        },
      },
      { onprogress: (p) => progress.push(p.progress) },
    )) as Result;
    const d = result.structuredContent as Klines;
    expect(d.summary?.count).toBe(2 * 1440);
    expect(progress).toEqual([1000, 2000, 2880]);
    expect(d.columns).toEqual(['openTime', 'close', 'trades']);
    expect(typeof d.rows[0]?.[2]).toBe('number');
  });

  test('limits: a range too large suggests an interval; summary-only needs a range', async () => {
    expect(await failure('get_klines', { symbol: 'BTCUSDT', interval: '1s', startTime: '-1d' })).toMatch(
      /'startTime' is "-1d"; allowed: a range of at most 10000 klines; .* holds about 86401 1s klines\. Use interval "3m"/,
    );
    expect(await failure('get_klines', { symbol: 'BTCUSDT', interval: '1h', limit: 0 })).toMatch(
      /'limit' is 0/,
    );
    const only = await ok<Klines>('get_klines', {
      symbol: 'BTCUSDT',
      interval: '1d',
      startTime: '-2d',
      limit: 0,
    });
    expect(only.rows).toEqual([]);
    expect(only.summary?.count).toBe(2); // the days opening at or after the start
    expect(await failure('get_klines', { symbol: 'BTCUSDT', interval: '2m' })).toMatch(/interval/);
  });
});

describe('prices and tickers', () => {
  type Prices = { prices: { symbol: string; price: string }[]; total: number; nextCursor?: string };
  type Tickers = {
    tickers: Record<string, string | number>[];
    total: number;
    sortedBy?: string;
    nextCursor?: string;
  };

  test('get_avg_price and get_price agree with REST', async () => {
    const avg = await ok<{ price: string; mins: number }>('get_avg_price', { symbol: 'BNBUSDT' });
    expect(avg.price).toBe((await s.context.rest.avgPrice({ symbol: 'BNBUSDT' })).price);
    const one = await ok<Prices>('get_price', { symbol: 'BTCUSDT' });
    expect(one.prices).toEqual([await s.context.rest.price({ symbol: 'BTCUSDT' })]);
    const list = await ok<Prices>('get_price', { symbols: ['ETHUSDT', 'BTCUSDT'] });
    expect(list.prices.map((p) => p.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  test('every trading symbol of an asset, paged', async () => {
    const info = await s.context.rest.exchangeInfo();
    const btcQuoted = info.symbols
      .filter((x) => x.quoteAsset === 'BTC' && x.status === 'TRADING')
      .map((x) => x.symbol);
    const pages = await allPages<Prices>('get_price', { quoteAsset: 'BTC', limit: 2 });
    expect(pages.flatMap((p) => p.prices.map((x) => x.symbol))).toEqual(btcQuoted);
    const book = await allPages<{
      tickers: { symbol: string; spreadPercent: string }[];
      nextCursor?: string;
    }>('get_book_ticker', {
      baseAsset: 'ETH',
      limit: 1,
    });
    expect(book.flatMap((p) => p.tickers.map((t) => t.symbol))).toEqual(
      info.symbols.filter((x) => x.baseAsset === 'ETH' && x.status === 'TRADING').map((x) => x.symbol),
    );
    expect(book[0]?.tickers[0]?.spreadPercent).toMatch(/^\d+\.\d{6}$/);
  });

  test('selection errors', async () => {
    expect(await failure('get_price', {})).toMatch(/'symbol' is missing; allowed: one of symbol/);
    expect(await failure('get_price', { symbol: 'BTCUSDT', quoteAsset: 'USDT' })).toMatch(
      /allowed: only one of symbol, symbols/,
    );
    expect(await failure('get_price', { quoteAsset: 'NOPE' })).toMatch(
      /'quoteAsset' is "NOPE"; allowed: an asset with at least one trading symbol/,
    );
    expect(await failure('get_book_ticker', { symbols: ['BTCUSDT', 'BTCUSDT'] })).toMatch(
      /symbols must be distinct/,
    );
  });

  test('get_ticker: one symbol, a ranking by change, paged with the same order', async () => {
    const one = await ok<Tickers>('get_ticker', { symbol: 'BTCUSDT' });
    const direct = await s.context.rest.ticker24hr({ symbol: 'BTCUSDT' });
    expect(one.tickers[0]).toEqual({
      symbol: 'BTCUSDT',
      lastPrice: direct.lastPrice,
      priceChangePercent: direct.priceChangePercent,
      highPrice: direct.highPrice,
      lowPrice: direct.lowPrice,
      volume: direct.volume,
      quoteVolume: direct.quoteVolume,
      count: direct.count,
    });
    const pages = await allPages<Tickers>('get_ticker', {
      quoteAsset: 'USDT',
      sortBy: 'priceChangePercent',
      limit: 2,
    });
    const ranked = pages.flatMap((p) => p.tickers);
    const changes = ranked.map((t) => Number(t.priceChangePercent));
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    expect(pages[0]?.sortedBy).toBe('priceChangePercent desc');
    expect(new Set(ranked.map((t) => t.symbol)).size).toBe(ranked.length);
  });

  test('get_ticker: rolling window, trading day, MINI, fields', async () => {
    const rolling = await ok<Tickers & { window: string }>('get_ticker', {
      symbols: ['BTCUSDT', 'ETHUSDT'],
      window: '4h',
      sortBy: 'symbol',
      order: 'asc',
    });
    expect(rolling.window).toBe('4h');
    expect(rolling.tickers.map((t) => t.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    const day = await ok<Tickers>('get_ticker', {
      symbol: 'BTCUSDT',
      window: 'tradingDay',
      timeZone: '8',
      fields: ['openPrice', 'count'],
    });
    expect(Object.keys(day.tickers[0] ?? {})).toEqual(['symbol', 'openPrice', 'count']);
    const mini = await ok<Tickers>('get_ticker', { symbol: 'BTCUSDT', type: 'MINI' });
    expect(mini.tickers[0]?.priceChangePercent).toBeUndefined();
    expect(mini.tickers[0]?.openPrice).toBeDefined();
    expect(
      await failure('get_ticker', { symbol: 'BTCUSDT', type: 'MINI', sortBy: 'priceChangePercent' }),
    ).toMatch(/only with type FULL/);
    expect(await failure('get_ticker', { symbol: 'BTCUSDT', window: '4h', fields: ['bidPrice'] })).toMatch(
      /only with window "24h"/,
    );
    expect(await failure('get_ticker', { symbol: 'BTCUSDT', window: '25h' })).toMatch(/window/);
    expect(await failure('get_ticker', { symbol: 'BTCUSDT', timeZone: '8' })).toMatch(
      /'timeZone' is "8"; allowed: only with window "tradingDay"/,
    );
  });
});

describe('upstream failures become results the agent can act on', () => {
  test('a 5xx after retries', async () => {
    s.sim.failRequests({ path: '/api/v3/ticker/price', count: 5 });
    expect(await failure('get_price', { symbol: 'BTCUSDT' })).toMatch(
      /^\[simulator\] Binance error -1001: Internal error; unable to process your request\. Please try again\. \(HTTP 503, GET \/api\/v3\/ticker\/price\)\. Binance had an internal problem/,
    );
  });

  test('rate limit: no wait, a retry time', async () => {
    s.sim.exhaustWeight();
    expect(await failure('get_avg_price', { symbol: 'BTCUSDT' })).toMatch(
      /^\[simulator\] Rate limit reached \(Binance code -1003: .*\)\. Nothing more can be sent for about \d+ s/,
    );
    s.sim.reset();
    // The client keeps the Retry-After to itself: the next call fails fast without asking Binance.
    const before = s.sim.requests().length;
    expect(await failure('get_avg_price', { symbol: 'BTCUSDT' })).toMatch(/Rate limit reached/);
    expect(s.sim.requests().length).toBe(before);
    clock.advance(60_000);
  });

  test('an IP ban', async () => {
    s.sim.banIp(undefined, 120_000);
    expect(await failure('get_price', { symbol: 'BTCUSDT' })).toMatch(
      /banned this IP \(HTTP 418\) until .*Do not call again before then/,
    );
    clock.advance(121_000);
  });

  test('a broken response', async () => {
    s.sim.truncateResponses({ path: '/api/v3/avgPrice', count: 5 });
    expect(await failure('get_avg_price', { symbol: 'BTCUSDT' })).toMatch(
      /Binance answered with something unexpected \(INVALID_JSON/,
    );
  });
});
