// Every market-data method against the simulator over real HTTP: what is sent (the parameters, encoded
// as Binance expects, and the weight the simulator charged, which must equal the client's documented
// weight), and what comes back (typed, exact decimals, consistent with the simulator's own market).

import {
  findFilter,
  INTERVAL_MS,
  KLINE_INTERVALS,
  type Kline,
  marketEndpoints,
  type RestClient,
  toKlineTuple,
} from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type ManualTime, queryPairs, recorder, setup } from './helpers.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

let sim: Simulator;
let time: ManualTime;
let client: RestClient;
let rec: ReturnType<typeof recorder>;

beforeAll(async () => {
  rec = recorder();
  ({ sim, time, client } = await setup({}, { logger: rec.logger }));
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  rec.events.length = 0;
});

/** The last request the simulator received. */
function lastRequest() {
  const list = sim.requests();
  const last = list[list.length - 1];
  if (!last) throw new Error('no request reached the simulator');
  return last;
}

/** Asserts the simulator charged exactly the weight the client computed, for every request so far. */
function expectWeightsAgree() {
  const sent = rec.ofType('request').map((e) => e.weight);
  const charged = sim.requests().map((r) => r.weight);
  expect(charged).toEqual(sent);
}

describe('general', () => {
  test('ping answers {}', async () => {
    expect(await client.ping()).toEqual({});
    expect(lastRequest()).toMatchObject({ method: 'GET', path: '/api/v3/ping', query: '' });
    expectWeightsAgree();
  });

  test("time is the server's clock", async () => {
    const { serverTime } = await client.time();
    expect(serverTime).toBe(sim.now());
    expectWeightsAgree();
  });

  test('exchangeInfo: every symbol, typed filters and rate limits', async () => {
    const info = await client.exchangeInfo();
    expect(info.symbols.map((s) => s.symbol)).toEqual(sim.symbols());
    expect(info.rateLimits).toContainEqual({
      rateLimitType: 'REQUEST_WEIGHT',
      interval: 'MINUTE',
      intervalNum: 1,
      limit: 6000,
    });
    const btc = info.symbols.find((s) => s.symbol === 'BTCUSDT');
    expect(btc).toBeDefined();
    const lot = findFilter(btc?.filters ?? [], 'LOT_SIZE');
    expect(lot?.stepSize).toMatch(DECIMAL);
    const price = findFilter(btc?.filters ?? [], 'PRICE_FILTER');
    expect(price?.tickSize).toMatch(DECIMAL);
    expect(findFilter(info.exchangeFilters, 'EXCHANGE_MAX_NUM_ORDERS')?.maxNumOrders).toBeGreaterThan(0);
    expectWeightsAgree();
  });

  test('exchangeInfo: symbol, symbols, permissions, symbolStatus and showPermissionSets are sent as Binance expects', async () => {
    const one = await client.exchangeInfo({ symbol: 'ETHBTC' });
    expect(one.symbols.map((s) => s.symbol)).toEqual(['ETHBTC']);

    const two = await client.exchangeInfo({ symbols: ['BTCUSDT', '这是测试币456'] });
    expect(two.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', '这是测试币456']);
    expect(queryPairs(lastRequest().query)).toEqual([['symbols', '["BTCUSDT","这是测试币456"]']]);
    // Percent-encoded as UTF-8 bytes, brackets and quotes included.
    expect(lastRequest().query).toBe(`symbols=${encodeURIComponent('["BTCUSDT","这是测试币456"]')}`);

    const bare = await client.exchangeInfo({ symbol: 'BTCUSDT', showPermissionSets: false });
    expect(bare.symbols[0]?.permissionSets).toEqual([]);
    expect(lastRequest().query).toBe('symbol=BTCUSDT&showPermissionSets=false');

    const spot = await client.exchangeInfo({ permissions: ['SPOT'] });
    expect(spot.symbols.length).toBeGreaterThan(0);
    expect(spot.symbols.every((s) => s.permissionSets?.some((set) => set.includes('SPOT')))).toBe(true);

    const all = await client.exchangeInfo();
    const statuses = new Set(all.symbols.map((s) => s.status));
    for (const status of ['TRADING', 'HALT', 'BREAK'] as const) {
      if (!statuses.has(status)) continue;
      const filtered = await client.exchangeInfo({ symbolStatus: status });
      expect(filtered.symbols.length).toBeGreaterThan(0);
      expect(filtered.symbols.every((s) => s.status === status)).toBe(true);
    }
    expectWeightsAgree();
  });

  test('executionRules: PRICE_RANGE rules of one symbol, a list, a status or all; weights by selector', async () => {
    const all = await client.executionRules();
    expect(all.symbolRules.length).toBeGreaterThan(0);
    const [first] = all.symbolRules;
    if (!first) throw new Error('no execution rules');
    expect(first.rules[0]).toEqual({
      ruleType: 'PRICE_RANGE',
      bidLimitMultUp: expect.stringMatching(DECIMAL),
      bidLimitMultDown: expect.stringMatching(DECIMAL),
      askLimitMultUp: expect.stringMatching(DECIMAL),
      askLimitMultDown: expect.stringMatching(DECIMAL),
    });
    const one = await client.executionRules({ symbol: first.symbol });
    expect(one.symbolRules).toEqual([first]);
    expect(lastRequest().query).toBe(`symbol=${first.symbol}`);
    // A symbol without a reference price has no rules.
    const list = await client.executionRules({ symbols: [first.symbol, 'BTCUSDT', 'ETHBTC'] });
    expect(list.symbolRules).toEqual([
      first,
      { symbol: 'BTCUSDT', rules: [] },
      { symbol: 'ETHBTC', rules: [] },
    ]);
    expect(lastRequest().query).toBe(
      `symbols=${encodeURIComponent(`["${first.symbol}","BTCUSDT","ETHBTC"]`)}`,
    );
    const many = Array.from(
      new Set([...all.symbolRules.map((r) => r.symbol), ...sim.symbols()].slice(0, 25)),
    );
    await client.executionRules({ symbols: many });
    const trading = await client.executionRules({ symbolStatus: 'TRADING' });
    expect(trading.symbolRules.length).toBeGreaterThan(0);
    expect(lastRequest().query).toBe('symbolStatus=TRADING');
    // Weights 40 (all), 2, 6, 40 (25 symbols: 2 each, at most 40) and 40: the simulator charged the same.
    expect(rec.ofType('request').map((e) => e.weight)).toEqual([40, 2, 6, 40, 40]);
    expectWeightsAgree();
  });
});

describe('order book and trades', () => {
  test("depth equals the simulator's own book, best levels first, decimals exact", async () => {
    for (const limit of [5, 100, 101, 500, 1000, 1001]) {
      const book = await client.depth({ symbol: 'BTCUSDT', limit });
      const truth = sim.orderBook('BTCUSDT', limit);
      expect(book.lastUpdateId).toBe(truth.lastUpdateId);
      expect(book.bids).toEqual(truth.bids);
      expect(book.asks).toEqual(truth.asks);
    }
    const book = await client.depth({ symbol: 'BTCUSDT' });
    expect(book.bids.length).toBe(Math.min(100, sim.orderBook('BTCUSDT').bids.length));
    const [bestBid] = book.bids;
    const [bestAsk] = book.asks;
    expect(Number(bestBid?.[0])).toBeLessThan(Number(bestAsk?.[0]));
    // weights 5, 5, 25, 25, 50, 250 and 5: each must match what the simulator charged
    expectWeightsAgree();
  });

  test('depth of a non-ASCII symbol, and symbolStatus', async () => {
    const book = await client.depth({ symbol: '这是测试币456', limit: 5, symbolStatus: 'TRADING' });
    expect(book.bids).toEqual(sim.orderBook('这是测试币456', 5).bids);
    expect(lastRequest().query).toBe(
      `symbol=${encodeURIComponent('这是测试币456')}&limit=5&symbolStatus=TRADING`,
    );
    const mismatch = await client.depth({ symbol: 'BTCUSDT', symbolStatus: 'HALT' }).catch((e: unknown) => e);
    expect(mismatch).toMatchObject({ name: 'ApiError', status: 400, code: -1220 });
  });

  test('trades: the most recent, oldest first', async () => {
    const list = await client.trades({ symbol: 'ETHUSDT', limit: 50 });
    expect(list).toHaveLength(50);
    const ids = list.map((t) => Number(t.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const t of list) {
      expect(t.price).toMatch(DECIMAL);
      expect(t.qty).toMatch(DECIMAL);
      expect(t.quoteQty).toMatch(DECIMAL);
      expect(t.time).toBeLessThanOrEqual(sim.now());
      expect(typeof t.isBuyerMaker).toBe('boolean');
    }
    const recent = await client.trades({ symbol: 'ETHUSDT' });
    expect(recent).toHaveLength(500);
    expect(recent[recent.length - 1]).toEqual(list[list.length - 1]);
    expectWeightsAgree();
  });

  test('historicalTrades: from a trade id, or the most recent', async () => {
    const latest = await client.historicalTrades({ symbol: 'ETHUSDT', limit: 10 });
    const recent = await client.trades({ symbol: 'ETHUSDT', limit: 10 });
    expect(latest).toEqual(recent);

    const first = latest[0];
    if (!first) throw new Error('no trades');
    const fromId = Number(first.id) - 100;
    const older = await client.historicalTrades({ symbol: 'ETHUSDT', fromId, limit: 100 });
    expect(older.map((t) => Number(t.id))).toEqual(Array.from({ length: 100 }, (_, i) => fromId + i));
    expect(lastRequest().query).toBe(`symbol=ETHUSDT&limit=100&fromId=${fromId}`);
    // ids may be given as bigint or digit strings too
    const asBigint = await client.historicalTrades({ symbol: 'ETHUSDT', fromId: BigInt(fromId), limit: 3 });
    const asString = await client.historicalTrades({ symbol: 'ETHUSDT', fromId: String(fromId), limit: 3 });
    expect(asBigint).toEqual(older.slice(0, 3));
    expect(asString).toEqual(older.slice(0, 3));
    expectWeightsAgree();
  });

  test('aggTrades: readable names, by time range and by id', async () => {
    const end = sim.now();
    const start = end - 60 * 60_000;
    const page = await client.aggTrades({ symbol: 'BTCUSDT', startTime: start, endTime: end, limit: 20 });
    expect(page.length).toBeGreaterThan(0);
    for (const t of page) {
      expect(Object.keys(t)).toEqual([
        'id',
        'price',
        'qty',
        'firstTradeId',
        'lastTradeId',
        'time',
        'isBuyerMaker',
        'isBestMatch',
      ]);
      expect(t.time).toBeGreaterThanOrEqual(start);
      expect(t.time).toBeLessThanOrEqual(end);
      expect(Number(t.lastTradeId)).toBeGreaterThanOrEqual(Number(t.firstTradeId));
    }
    const first = page[0];
    if (!first) throw new Error('no aggregate trades');
    const byId = await client.aggTrades({ symbol: 'BTCUSDT', fromId: first.id, limit: 20 });
    expect(byId).toEqual(page);
    // A Date works as a time.
    const byDate = await client.aggTrades({
      symbol: 'BTCUSDT',
      startTime: new Date(start),
      endTime: new Date(end),
      limit: 20,
    });
    expect(byDate).toEqual(page);
    expect(lastRequest().query).toBe(`symbol=BTCUSDT&startTime=${start}&endTime=${end}&limit=20`);
    // The raw form keeps Binance's one-letter keys.
    const raw = await client.request(
      marketEndpoints.aggTrades,
      { symbol: 'BTCUSDT', fromId: first.id, limit: 1 },
      { raw: true },
    );
    expect(raw).toEqual([
      {
        a: first.id,
        p: first.price,
        q: first.qty,
        f: first.firstTradeId,
        l: first.lastTradeId,
        T: first.time,
        m: first.isBuyerMaker,
        M: first.isBestMatch,
      },
    ]);
    expectWeightsAgree();
  });
});

test('historicalBlockTrades: from a block trade id, in the documented shape', async () => {
  expect(await client.historicalBlockTrades({ symbol: 'BNBBTC', fromId: 0 })).toEqual([]);
  const price = sim.orderBook('BNBBTC', 1).bids[0]?.[0];
  if (!price) throw new Error('empty book');
  const first = sim.recordBlockTrade('BNBBTC', { price, qty: '58.38' });
  const second = sim.recordBlockTrade('BNBBTC', { price, qty: '2', isBuyerMaker: false });
  const all = await client.historicalBlockTrades({ symbol: 'BNBBTC', fromId: 0 });
  expect(all).toEqual([first, second]);
  expect(all[0]).toEqual({
    id: 0,
    price,
    qty: '58.38000000',
    quoteQty: expect.stringMatching(DECIMAL),
    time: sim.now(),
    isBuyerMaker: true,
  });
  const page = await client.historicalBlockTrades({ symbol: 'BNBBTC', fromId: 1, limit: 10 });
  expect(page).toEqual([second]);
  expect(lastRequest().query).toBe('symbol=BNBBTC&fromId=1&limit=10');
  expectWeightsAgree();
});

describe('klines', () => {
  test('every interval: open times on the interval grid, closeTime = next open - 1', async () => {
    for (const interval of KLINE_INTERVALS) {
      const list = await client.klines({ symbol: 'BTCUSDT', interval, limit: 3 });
      expect(list.length, interval).toBeGreaterThan(0);
      for (const k of list) {
        expect(k.openTime).toBeLessThanOrEqual(sim.now());
        if (interval !== '1M') expect(k.closeTime - k.openTime + 1).toBe(INTERVAL_MS[interval]);
        for (const field of ['open', 'high', 'low', 'close', 'volume', 'quoteVolume'] as const) {
          expect(k[field]).toMatch(DECIMAL);
        }
        expect(Number(k.high)).toBeGreaterThanOrEqual(Number(k.low));
        expect(Number.isInteger(k.trades)).toBe(true);
      }
      for (let i = 1; i < list.length; i++) {
        expect((list[i] as Kline).openTime).toBe((list[i - 1] as Kline).closeTime + 1);
      }
    }
    expectWeightsAgree();
  });

  test('a time range, and the tuple Binance sent is still available', async () => {
    const start = Date.UTC(2026, 0, 15, 0, 0);
    const end = Date.UTC(2026, 0, 15, 5, 59, 59, 999);
    const list = await client.klines({ symbol: 'ETHBTC', interval: '1h', startTime: start, endTime: end });
    expect(list.map((k) => k.openTime)).toEqual(Array.from({ length: 6 }, (_, i) => start + i * 3_600_000));
    const raw = await client.request(
      marketEndpoints.klines,
      { symbol: 'ETHBTC', interval: '1h', startTime: start, endTime: end },
      { raw: true },
    );
    expect(raw).toEqual(list.map(toKlineTuple));
    expect(raw[0]).toHaveLength(12);
  });

  test('timeZone shifts the interval boundaries; times stay UTC', async () => {
    const utc = await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 2 });
    const plus8 = await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 2, timeZone: '8' });
    const minus530 = await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 2, timeZone: -5 });
    expect((utc[0] as Kline).openTime % 86_400_000).toBe(0);
    expect(((plus8[0] as Kline).openTime + 8 * 3_600_000) % 86_400_000).toBe(0);
    expect(((minus530[0] as Kline).openTime - 5 * 3_600_000) % 86_400_000).toBe(0);
    expect(lastRequest().query).toBe('symbol=BTCUSDT&interval=1d&timeZone=-5&limit=2');
    await client.klines({ symbol: 'BTCUSDT', interval: '1h', limit: 1, timeZone: '05:45' });
    expect(lastRequest().query).toBe('symbol=BTCUSDT&interval=1h&timeZone=05%3A45&limit=1');
  });

  test('uiKlines: same parameters and shape', async () => {
    const ui = await client.uiKlines({ symbol: 'BTCUSDT', interval: '15m', limit: 4 });
    const plain = await client.klines({ symbol: 'BTCUSDT', interval: '15m', limit: 4 });
    expect(ui).toEqual(plain);
    expect(lastRequest().path).toBe('/api/v3/klines');
    expect(sim.requests().at(-2)?.path).toBe('/api/v3/uiKlines');
    expectWeightsAgree();
  });
});

describe('tickers', () => {
  test('avgPrice', async () => {
    const avg = await client.avgPrice({ symbol: 'BTCUSDT' });
    expect(avg.mins).toBe(5);
    expect(avg.price).toMatch(DECIMAL);
    expect(avg.closeTime).toBeLessThanOrEqual(sim.now());
  });

  test('ticker24hr: one symbol (object), a list or all (arrays), FULL and MINI', async () => {
    const one = await client.ticker24hr({ symbol: 'BTCUSDT' });
    expect(one.symbol).toBe('BTCUSDT');
    expect(one.lastPrice).toMatch(DECIMAL);
    expect(one.bidPrice).toBe(sim.orderBook('BTCUSDT', 1).bids[0]?.[0]);
    expect(one.closeTime - one.openTime).toBeGreaterThanOrEqual(86_400_000 - 1);

    const mini = await client.ticker24hr({ symbol: 'BTCUSDT', type: 'MINI' });
    expect(Object.keys(mini)).not.toContain('priceChange');
    expect(mini.lastPrice).toBe(one.lastPrice);

    const list = await client.ticker24hr({ symbols: ['BTCUSDT', 'ETHUSDT'] });
    expect(list.map((t) => t.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);

    const all = await client.ticker24hr({ type: 'MINI' });
    expect(all.map((t) => t.symbol).sort()).toEqual(sim.symbols().sort());

    const halted = await client.ticker24hr({ symbolStatus: 'TRADING', type: 'MINI' });
    expect(halted.length).toBeLessThanOrEqual(all.length);

    const many = sim.symbols().slice(0, 25);
    await client.ticker24hr({ symbols: many, type: 'MINI' });
    // weights 2, 2, 2, 80, 80 and 40 (21-100 symbols)
    expectWeightsAgree();
    expect(sim.requests().map((r) => r.weight)).toEqual([2, 2, 2, 80, 80, 40]);
  });

  test('tradingDayTicker: FULL and MINI, one or many, in a time zone', async () => {
    const one = await client.tradingDayTicker({ symbol: 'BNBUSDT', timeZone: '-1:00' });
    expect(one.symbol).toBe('BNBUSDT');
    expect(one.priceChange).toMatch(DECIMAL);
    expect((one.openTime - 3_600_000) % 86_400_000).toBe(0);
    const many = await client.tradingDayTicker({ symbols: ['BNBUSDT', 'BTCUSDT'], type: 'MINI' });
    expect(many.map((t) => t.symbol)).toEqual(['BNBUSDT', 'BTCUSDT']);
    expect(Object.keys(many[0] ?? {})).not.toContain('priceChange');
    const symbols = sim.symbols().slice(0, 40);
    await client.tradingDayTicker({ symbols, type: 'MINI' });
    expectWeightsAgree();
    expect(sim.requests().map((r) => r.weight)).toEqual([4, 8, 160]);
  });

  test('rollingWindowTicker: windowSize, FULL and MINI', async () => {
    const hour = await client.rollingWindowTicker({ symbol: 'BTCUSDT', windowSize: '1h' });
    expect(hour.openTime % 60_000).toBe(0);
    expect(hour.closeTime).toBe(sim.now());
    expect(hour.closeTime - hour.openTime).toBeGreaterThanOrEqual(3_600_000);
    expect(hour.closeTime - hour.openTime).toBeLessThan(3_600_000 + 60_000);
    const week = await client.rollingWindowTicker({
      symbols: ['BTCUSDT', 'ETHUSDT'],
      windowSize: '7d',
      type: 'MINI',
    });
    expect(week).toHaveLength(2);
    const defaultWindow = await client.rollingWindowTicker({ symbol: 'ETHUSDT' });
    expect(defaultWindow.closeTime - defaultWindow.openTime).toBeGreaterThanOrEqual(86_400_000);
    expectWeightsAgree();
  });

  test('price: one, a list, all', async () => {
    const one = await client.price({ symbol: 'BTCUSDT' });
    expect(one).toEqual({ symbol: 'BTCUSDT', price: expect.stringMatching(DECIMAL) });
    const list = await client.price({ symbols: ['ETHBTC', 'BTCUSDT'] });
    expect(list.map((p) => p.symbol)).toEqual(['ETHBTC', 'BTCUSDT']);
    expect(list[1]).toEqual(one);
    const all = await client.price();
    expect(all).toHaveLength(sim.symbols().length);
    expectWeightsAgree();
    expect(sim.requests().map((r) => r.weight)).toEqual([2, 4, 4]);
  });

  test("bookTicker: the simulator's best bid and ask", async () => {
    const one = await client.bookTicker({ symbol: 'ETHUSDT' });
    const book = sim.orderBook('ETHUSDT', 1);
    expect(one).toEqual({
      symbol: 'ETHUSDT',
      bidPrice: book.bids[0]?.[0],
      bidQty: book.bids[0]?.[1],
      askPrice: book.asks[0]?.[0],
      askQty: book.asks[0]?.[1],
    });
    const all = await client.bookTicker();
    expect(all.find((t) => t.symbol === 'ETHUSDT')).toEqual(one);
    const list = await client.bookTicker({ symbols: ['ETHUSDT'] });
    expect(list).toEqual([one]);
    expectWeightsAgree();
  });

  test('referencePrice and its calculation, and -2043 where there is none', async () => {
    const info = await client.exchangeInfo();
    const candidates = info.symbols.filter((s) => s.quoteAsset === 'USDC' && s.status === 'TRADING');
    const symbol = candidates[0]?.symbol;
    if (!symbol) throw new Error('the simulator lists no USDC symbol');
    const ref = await client.referencePrice({ symbol });
    expect(ref.symbol).toBe(symbol);
    expect(ref.referencePrice === null || DECIMAL.test(ref.referencePrice)).toBe(true);
    expect(ref.timestamp % 1000).toBe(0);
    const calc = await client.referencePriceCalculation({ symbol });
    expect(calc).toEqual({
      symbol,
      calculationType: 'ARITHMETIC_MEAN',
      bucketCount: 10,
      bucketWidthMs: 1000,
    });
    expect(await client.referencePriceCalculation({ symbol, symbolStatus: 'TRADING' })).toEqual(calc);
    expect(lastRequest().query).toBe(`symbol=${symbol}&symbolStatus=TRADING`);
    await expect(client.referencePriceCalculation({ symbol, symbolStatus: 'BREAK' })).rejects.toMatchObject({
      name: 'ApiError',
      code: -1220,
    });

    const none = await client.referencePrice({ symbol: 'BTCUSDT' }).catch((e: unknown) => e);
    expect(none).toMatchObject({
      name: 'ApiError',
      status: 400,
      code: -2043,
      msg: "This symbol doesn't have a reference price.",
      endpoint: 'GET /api/v3/referencePrice',
    });
    expectWeightsAgree();
  });
});

test('the client keeps the simulator in step: nothing sent but what was asked, clock untouched', () => {
  expect(time.sleeps).toEqual([]);
});
