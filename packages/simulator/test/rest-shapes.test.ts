import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { samples } from './fixtures/binance-samples.js';
import { get, manualClock, T0 } from './helpers/http.js';
import { DECIMAL8, shapeOf, tupleShape } from './helpers/shape.js';

let sim: Simulator;
const clock = manualClock();

beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, seed: 7 });
});
afterAll(() => sim.close());

const api = <T = unknown>(path: string, headers?: Record<string, string>) =>
  get<T>(sim.restUrl, path, headers);

describe('general endpoints', () => {
  test('ping and time', async () => {
    const ping = await api('/api/v3/ping');
    expect(ping.status).toBe(200);
    expect(ping.body).toEqual(samples.ping);
    const time = await api<{ serverTime: number }>('/api/v3/time');
    expect(shapeOf(time.body)).toEqual(shapeOf(samples.time));
    expect(time.body.serverTime).toBe(T0);
    expect(time.headers.get('content-type')).toMatch(/^application\/json/);
  });

  test('exchangeInfo: top level, rate limits, every symbol and filter in the documented formats', async () => {
    const res = await api<Record<string, unknown>>('/api/v3/exchangeInfo');
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(200_000); // realistically large
    const info = res.body as {
      symbols: Array<Record<string, unknown> & { filters: Array<Record<string, unknown>> }>;
      rateLimits: unknown[];
      exchangeFilters: Array<Record<string, unknown>>;
    };
    expect(Object.keys(info)).toEqual(Object.keys(samples.exchangeInfoTop));
    expect(info.rateLimits[0]).toEqual(samples.rateLimit);
    for (const rl of info.rateLimits) expect(shapeOf(rl)).toEqual(shapeOf(samples.rateLimit));
    expect(info.symbols.length).toBeGreaterThanOrEqual(250);
    const seenFilters = new Set<string>();
    for (const f of info.exchangeFilters) {
      expect(shapeOf(f)).toEqual(shapeOf(samples.filters[f.filterType as string]));
    }
    const statuses = new Set<unknown>();
    for (const s of info.symbols) {
      const { filters, ...rest } = s;
      const { filters: _f, ...sampleRest } = samples.exchangeInfoSymbol;
      expect(shapeOf(rest)).toEqual(shapeOf(sampleRest));
      statuses.add(s.status);
      for (const f of filters) {
        const type = f.filterType as string;
        seenFilters.add(type);
        expect(samples.filters[type], type).toBeDefined();
        expect(shapeOf(f), `${s.symbol} ${type}`).toEqual(shapeOf(samples.filters[type]));
        for (const [k, v] of Object.entries(f)) {
          if (/Price$|Qty$|Size$|Notional$|^maxPosition$/.test(k))
            expect(v, `${s.symbol} ${type}.${k}`).toMatch(DECIMAL8);
        }
      }
    }
    expect(statuses).toEqual(new Set(['TRADING', 'BREAK', 'HALT']));
    // Exotic filters are present somewhere in the market.
    for (const t of [
      'PERCENT_PRICE_BY_SIDE',
      'PERCENT_PRICE',
      'MIN_NOTIONAL',
      'NOTIONAL',
      'MAX_NUM_ORDERS',
      'ICEBERG_PARTS',
    ]) {
      expect(seenFilters).toContain(t);
    }
    for (const t of ['TRAILING_DELTA', 'MARKET_LOT_SIZE', 'MAX_NUM_ICEBERG_ORDERS', 'MAX_POSITION'])
      expect(seenFilters).toContain(t);
    const ticks = info.symbols.map((s) => s.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize);
    const steps = info.symbols.map((s) => s.filters.find((f) => f.filterType === 'LOT_SIZE')?.stepSize);
    expect(ticks).toContain('0.00000001');
    expect(steps.some((s) => Number(s) >= 10)).toBe(true);
    // The testnet's non-ASCII symbol is listed.
    expect(info.symbols.find((s) => s.symbol === '这是测试币456')).toMatchObject({
      baseAsset: '这是测试币',
      quoteAsset: '456',
    });
  });

  test('exchangeInfo: symbol, symbols (raw and percent-encoded), permissions, symbolStatus, showPermissionSets', async () => {
    const one = await api<{ symbols: Array<{ symbol: string; permissionSets: string[][] }> }>(
      '/api/v3/exchangeInfo?symbol=BTCUSDT',
    );
    expect(one.body.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT']);
    expect(one.body.symbols[0]!.permissionSets[0]).toContain('SPOT');
    const raw = await api<{ symbols: Array<{ symbol: string }> }>(
      '/api/v3/exchangeInfo?symbols=["BNBBTC","BTCUSDT"]',
    );
    expect(raw.body.symbols.map((s) => s.symbol)).toEqual(['BNBBTC', 'BTCUSDT']);
    const encoded = await api<{ symbols: Array<{ symbol: string }> }>(
      '/api/v3/exchangeInfo?symbols=%5B%22BNBBTC%22,%22BTCUSDT%22%5D',
    );
    expect(encoded.body.symbols.map((s) => s.symbol)).toEqual(['BNBBTC', 'BTCUSDT']);
    const full = await api<{ symbols: Array<{ symbol: string }> }>(
      `/api/v3/exchangeInfo?symbols=${encodeURIComponent('["ETHBTC","这是测试币456"]')}`,
    );
    expect(full.body.symbols.map((s) => s.symbol)).toEqual(['ETHBTC', '这是测试币456']);
    const bare = await api<{ symbols: Array<{ permissionSets: unknown[] }> }>(
      '/api/v3/exchangeInfo?symbol=BTCUSDT&showPermissionSets=false',
    );
    expect(bare.body.symbols[0]!.permissionSets).toEqual([]);
    const breaks = await api<{ symbols: Array<{ status: string }> }>(
      '/api/v3/exchangeInfo?symbolStatus=BREAK',
    );
    expect(breaks.body.symbols.length).toBeGreaterThan(0);
    expect(new Set(breaks.body.symbols.map((s) => s.status))).toEqual(new Set(['BREAK']));
    const margin = await api<{ symbols: Array<{ permissionSets: string[][] }> }>(
      '/api/v3/exchangeInfo?permissions=MARGIN',
    );
    const all = await api<{ symbols: unknown[] }>('/api/v3/exchangeInfo?permissions=["SPOT"]');
    expect(margin.body.symbols.length).toBeGreaterThan(0);
    expect(margin.body.symbols.length).toBeLessThan(all.body.symbols.length);
    for (const s of margin.body.symbols) expect(s.permissionSets.flat()).toContain('MARGIN');
  });
});

describe('market data endpoints match the documented samples', () => {
  test('depth', async () => {
    const res = await api<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>(
      '/api/v3/depth?symbol=BTCUSDT&limit=5',
    );
    expect(shapeOf(res.body)).toEqual(shapeOf(samples.depth));
    expect(res.body.bids).toHaveLength(5);
    expect(res.body.asks).toHaveLength(5);
    for (const [p, q] of [...res.body.bids, ...res.body.asks]) {
      expect(p).toMatch(DECIMAL8);
      expect(q).toMatch(DECIMAL8);
    }
    const bids = res.body.bids.map(([p]) => Number(p));
    const asks = res.body.asks.map(([p]) => Number(p));
    expect([...bids].sort((a, b) => b - a)).toEqual(bids);
    expect([...asks].sort((a, b) => a - b)).toEqual(asks);
    expect(bids[0]!).toBeLessThan(asks[0]!);
    const deep = await api<{ bids: unknown[]; asks: unknown[] }>('/api/v3/depth?symbol=BTCUSDT&limit=5000');
    expect(deep.body.bids).toHaveLength(5000);
    expect(deep.body.asks).toHaveLength(5000);
    const capped = await api<{ bids: unknown[] }>('/api/v3/depth?symbol=BTCUSDT&limit=6000');
    expect(capped.body.bids).toHaveLength(5000);
    const dflt = await api<{ bids: unknown[] }>('/api/v3/depth?symbol=ETHBTC');
    expect(dflt.body.bids).toHaveLength(100);
  });

  test('trades and historicalTrades', async () => {
    const res = await api<Array<Record<string, unknown>>>('/api/v3/trades?symbol=BTCUSDT&limit=7');
    expect(res.body).toHaveLength(7);
    for (const t of res.body) expect(shapeOf(t)).toEqual(shapeOf(samples.trades[0]));
    const ids = res.body.map((t) => t.id as number);
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    expect(res.body.at(-1)!.time as number).toBeLessThanOrEqual(T0);
    const dflt = await api<unknown[]>('/api/v3/trades?symbol=BTCUSDT');
    expect(dflt.body).toHaveLength(500);
    const hist = await api<Array<Record<string, unknown>>>(
      `/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${ids[0]}&limit=3`,
    );
    expect(hist.body).toEqual(res.body.slice(0, 3));
    const recent = await api<Array<Record<string, unknown>>>(
      '/api/v3/historicalTrades?symbol=BTCUSDT&limit=7',
    );
    expect(recent.body).toEqual(res.body);
    const first = await api<Array<{ id: number }>>(
      '/api/v3/historicalTrades?symbol=BTCUSDT&fromId=0&limit=2',
    );
    expect(first.body.map((t) => t.id)).toEqual([0, 1]);
    const future = await api<unknown[]>(`/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${ids.at(-1)! + 1}`);
    expect(future.body).toEqual([]);
  });

  test('aggTrades: recent, fromId, startTime/endTime', async () => {
    const res = await api<Array<Record<string, number | string | boolean>>>(
      '/api/v3/aggTrades?symbol=ETHBTC&limit=20',
    );
    expect(res.body).toHaveLength(20);
    for (const a of res.body) expect(shapeOf(a)).toEqual(shapeOf(samples.aggTrades[0]));
    const first = res.body[0]!;
    const from = await api<typeof res.body>(`/api/v3/aggTrades?symbol=ETHBTC&fromId=${first.a}&limit=5`);
    expect(from.body).toEqual(res.body.slice(0, 5));
    const t = first.T as number;
    const window = await api<typeof res.body>(
      `/api/v3/aggTrades?symbol=ETHBTC&startTime=${t}&endTime=${t + 60_000}&limit=1000`,
    );
    expect(window.body[0]).toEqual(first);
    for (const a of window.body) {
      expect(a.T as number).toBeGreaterThanOrEqual(t);
      expect(a.T as number).toBeLessThanOrEqual(t + 60_000);
    }
    const before = await api<typeof res.body>(`/api/v3/aggTrades?symbol=ETHBTC&endTime=${t}&limit=3`);
    expect(before.body.at(-1)).toEqual(first);
    expect(before.body).toHaveLength(3);
  });

  test('klines and uiKlines', async () => {
    for (const path of ['klines', 'uiKlines']) {
      const res = await api<unknown[][]>(`/api/v3/${path}?symbol=BNBBTC&interval=1h&limit=3`);
      expect(res.body).toHaveLength(3);
      for (const k of res.body) {
        expect(tupleShape(k)).toEqual(tupleShape(samples.klines[0]!));
        for (const i of [1, 2, 3, 4, 5, 7, 9, 10]) expect(k[i]).toMatch(DECIMAL8);
        expect((k[6] as number) - (k[0] as number)).toBe(3_600_000 - 1);
      }
      expect(res.body.at(-1)![0]).toBe(Math.floor(T0 / 3_600_000) * 3_600_000);
    }
  });

  test('avgPrice', async () => {
    const res = await api<{ price: string; closeTime: number }>('/api/v3/avgPrice?symbol=BTCUSDT');
    expect(shapeOf(res.body)).toEqual(shapeOf(samples.avgPrice));
    expect(res.body.price).toMatch(DECIMAL8);
    expect(res.body.closeTime).toBeLessThanOrEqual(T0);
    expect(res.body.closeTime).toBeGreaterThan(T0 - 300_000);
  });

  test('ticker/24hr: FULL and MINI, one symbol, a list, all symbols', async () => {
    const one = await api('/api/v3/ticker/24hr?symbol=BNBBTC');
    expect(shapeOf(one.body)).toEqual(shapeOf(samples.ticker24hrFull));
    const mini = await api('/api/v3/ticker/24hr?symbol=BNBBTC&type=MINI');
    expect(shapeOf(mini.body)).toEqual(shapeOf(samples.tickerMini));
    const list = await api<unknown[]>('/api/v3/ticker/24hr?symbols=["BNBBTC","ETHBTC"]');
    expect(list.body).toHaveLength(2);
    for (const t of list.body) expect(shapeOf(t)).toEqual(shapeOf(samples.ticker24hrFull));
    const all = await api<Array<{ symbol: string }>>('/api/v3/ticker/24hr?type=MINI');
    expect(all.body.map((t) => t.symbol)).toEqual(sim.symbols());
    for (const t of all.body) expect(shapeOf(t)).toEqual(shapeOf(samples.tickerMini));
    const t = one.body as Record<string, unknown>;
    expect(t.closeTime).toBe(T0);
    expect(t.openTime).toBe(T0 - 86_400_000);
  });

  test('ticker/tradingDay and ticker (rolling window), FULL and MINI', async () => {
    const day = await api<Record<string, unknown>>('/api/v3/ticker/tradingDay?symbol=BTCUSDT');
    expect(shapeOf(day.body)).toEqual(shapeOf(samples.tradingDayFull));
    expect(day.body.openTime).toBe(Date.UTC(2026, 0, 15));
    expect(day.body.closeTime).toBe(Date.UTC(2026, 0, 16) - 1);
    const dayMini = await api<unknown[]>(
      '/api/v3/ticker/tradingDay?symbols=["BTCUSDT","BNBBTC"]&type=MINI&timeZone=-1:00',
    );
    for (const t of dayMini.body) expect(shapeOf(t)).toEqual(shapeOf(samples.tickerMini));
    expect((dayMini.body[0] as Record<string, unknown>).openTime).toBe(Date.UTC(2026, 0, 15, 1));
    const rolling = await api<Record<string, unknown>>('/api/v3/ticker?symbol=BNBBTC&windowSize=4h');
    expect(shapeOf(rolling.body)).toEqual(shapeOf(samples.rollingFull));
    expect(rolling.body.closeTime).toBe(T0);
    expect(rolling.body.openTime).toBe(Math.floor((T0 - 4 * 3_600_000) / 60_000) * 60_000);
    const rollingMini = await api<unknown[]>('/api/v3/ticker?symbols=["BNBBTC"]&type=MINI');
    expect(shapeOf(rollingMini.body[0])).toEqual(shapeOf(samples.tickerMini));
  });

  test('ticker/price and ticker/bookTicker', async () => {
    const price = await api('/api/v3/ticker/price?symbol=LTCBTC');
    expect(shapeOf(price.body)).toEqual(shapeOf(samples.price));
    const prices = await api<unknown[]>('/api/v3/ticker/price');
    expect(prices.body).toHaveLength(sim.symbols().length);
    const book = await api('/api/v3/ticker/bookTicker?symbol=LTCBTC');
    expect(shapeOf(book.body)).toEqual(shapeOf(samples.bookTicker));
    const books = await api<unknown[]>('/api/v3/ticker/bookTicker?symbols=%5B%22LTCBTC%22,%22ETHBTC%22%5D');
    expect(books.body).toHaveLength(2);
  });

  test('referencePrice: symbols with one, and -2043 for the others', async () => {
    const info = await api<{ symbols: Array<{ symbol: string; quoteAsset: string }> }>(
      '/api/v3/exchangeInfo',
    );
    const withRef = info.body.symbols.find((s) => s.quoteAsset === 'USDC')!.symbol;
    const res = await api<{ referencePrice: string }>(`/api/v3/referencePrice?symbol=${withRef}`);
    expect(res.status).toBe(200);
    expect(shapeOf(res.body)).toEqual(shapeOf(samples.referencePrice));
    expect(res.body.referencePrice).toMatch(DECIMAL8);
    const calc = await api(`/api/v3/referencePrice/calculation?symbol=${withRef}`);
    expect(calc.body).toEqual({ ...samples.referencePriceCalculation, symbol: withRef });
    // symbolStatus, as on depth: the symbol must have it (-1220 otherwise); a bad status is -1122.
    const trading = await api(`/api/v3/referencePrice/calculation?symbol=${withRef}&symbolStatus=TRADING`);
    expect(trading.body).toEqual(calc.body);
    expect(
      (await api(`/api/v3/referencePrice/calculation?symbol=${withRef}&symbolStatus=HALT`)).body,
    ).toEqual({
      code: -1220,
      msg: "The symbol's status does not match the requested symbolStatus.",
    });
    expect(
      (await api(`/api/v3/referencePrice/calculation?symbol=${withRef}&symbolStatus=NOPE`)).body,
    ).toEqual({
      code: -1122,
      msg: 'Invalid symbolStatus.',
    });
    const none = await api('/api/v3/referencePrice?symbol=BTCUSDT');
    expect(none.status).toBe(400);
    expect(none.body).toEqual({ code: -2043, msg: "This symbol doesn't have a reference price." });
  });

  test('executionRules: PRICE_RANGE rules for the symbols with a reference price', async () => {
    const all = await api<{ symbolRules: Array<{ symbol: string; rules: unknown[] }> }>(
      '/api/v3/executionRules',
    );
    expect(all.body.symbolRules.length).toBeGreaterThan(0);
    for (const r of all.body.symbolRules)
      expect(shapeOf(r)).toEqual(shapeOf(samples.executionRules.symbolRules[0]));
    const withRule = all.body.symbolRules[0]!.symbol;
    expect((await api(`/api/v3/referencePrice?symbol=${withRule}`)).status).toBe(200);
    const one = await api(`/api/v3/executionRules?symbol=${withRule}`);
    expect(one.body).toEqual({ symbolRules: [all.body.symbolRules[0]] });
    const none = await api('/api/v3/executionRules?symbols=["BTCUSDT"]');
    expect(none.body).toEqual({ symbolRules: [{ symbol: 'BTCUSDT', rules: [] }] });
    const combo = await api('/api/v3/executionRules?symbol=BTCUSDT&symbolStatus=TRADING');
    expect(combo.body).toEqual({ code: -1128, msg: 'Combination of optional parameters invalid.' });
  });

  test('historicalBlockTrades: the simulated market has no block trades', async () => {
    const res = await api('/api/v3/historicalBlockTrades?symbol=BTCUSDT&fromId=0');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const missing = await api('/api/v3/historicalBlockTrades?symbol=BTCUSDT');
    expect(missing.body).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'fromId' was not sent, was empty/null, or malformed.",
    });
  });

  test('X-MBX-TIME-UNIT: MICROSECOND switches every time field to µs', async () => {
    const micro = { 'X-MBX-TIME-UNIT': 'MICROSECOND' };
    expect((await api<{ serverTime: number }>('/api/v3/time', micro)).body.serverTime).toBe(T0 * 1000);
    const trades = await api<Array<{ time: number; id: number }>>(
      '/api/v3/trades?symbol=BTCUSDT&limit=2',
      micro,
    );
    const tradesMs = await api<Array<{ time: number }>>('/api/v3/trades?symbol=BTCUSDT&limit=2');
    expect(trades.body.map((t) => t.time)).toEqual(tradesMs.body.map((t) => t.time * 1000));
    const k = await api<unknown[][]>('/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1', {
      'X-MBX-TIME-UNIT': 'microsecond',
    });
    const open = k.body[0]![0] as number;
    expect(open % 60_000_000).toBe(0);
    expect(k.body[0]![6]).toBe(open + 60_000_000 - 1);
    const agg = await api<Array<{ T: number }>>('/api/v3/aggTrades?symbol=BTCUSDT&limit=1', micro);
    expect(agg.body[0]!.T % 1000).toBe(0);
    const t24 = await api<{ openTime: number; closeTime: number }>(
      '/api/v3/ticker/24hr?symbol=BTCUSDT',
      micro,
    );
    expect(t24.body.closeTime).toBe(T0 * 1000);
    const avg = await api<{ closeTime: number }>('/api/v3/avgPrice?symbol=BTCUSDT', micro);
    expect(avg.body.closeTime).toBeGreaterThan(1e15);
    // µs parameters are accepted too.
    const t = trades.body[0]!.time;
    const byMicro = await api<unknown[]>(`/api/v3/aggTrades?symbol=BTCUSDT&startTime=${t}&endTime=${t}`);
    expect(byMicro.body.length).toBeGreaterThan(0);
    const bad = await api('/api/v3/time', { 'X-MBX-TIME-UNIT': 'NANOSECOND' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      code: -1194,
      msg: 'Invalid value for time unit; expected either MICROSECOND or MILLISECOND.',
    });
  });

  test('the non-ASCII symbol works on every endpoint when percent-encoded', async () => {
    const s = encodeURIComponent('这是测试币456');
    for (const path of [
      `/api/v3/depth?symbol=${s}&limit=5`,
      `/api/v3/trades?symbol=${s}&limit=5`,
      `/api/v3/aggTrades?symbol=${s}&limit=5`,
      `/api/v3/klines?symbol=${s}&interval=1m&limit=5`,
      `/api/v3/ticker/24hr?symbol=${s}`,
      `/api/v3/ticker/price?symbol=${s}`,
      `/api/v3/avgPrice?symbol=${s}`,
    ]) {
      const res = await api(path);
      expect(res.status, path).toBe(200);
    }
    const t = await api<{ symbol: string }>(`/api/v3/ticker/price?symbol=${s}`);
    expect(t.body.symbol).toBe('这是测试币456');
  });
});
