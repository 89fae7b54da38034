import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { sum, units } from './helpers/decimal.js';
import { get, manualClock, T0 } from './helpers/http.js';

let sim: Simulator;
const clock = manualClock();

beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, seed: 3, symbols: 80, weightLimit: 1_000_000 });
});
afterAll(() => sim.close());

const api = async <T>(path: string): Promise<T> => {
  const res = await get<T>(sim.restUrl, path);
  expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
  return res.body;
};

type Kline = [number, string, string, string, string, string, number, string, number, string, string, string];
interface Trade {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
}
interface Agg {
  a: number;
  p: string;
  q: string;
  f: number;
  l: number;
  T: number;
  m: boolean;
}

async function tradesBetween(symbol: string, from: number, to: number): Promise<Trade[]> {
  const aggs = await api<Agg[]>(
    `/api/v3/aggTrades?symbol=${symbol}&startTime=${from}&endTime=${to}&limit=1000`,
  );
  if (aggs.length === 0) return [];
  const first = aggs[0]!.f;
  const last = aggs.at(-1)!.l;
  const out: Trade[] = [];
  for (let id = first; id <= last; id += 1000) {
    out.push(
      ...(await api<Trade[]>(
        `/api/v3/historicalTrades?symbol=${symbol}&fromId=${id}&limit=${Math.min(1000, last - id + 1)}`,
      )),
    );
  }
  return out;
}

const maxOf = (xs: string[]) => xs.reduce((a, b) => (units(b) > units(a) ? b : a));
const minOf = (xs: string[]) => xs.reduce((a, b) => (units(b) < units(a) ? b : a));

describe('trades, aggregate trades and klines agree', () => {
  test.each(['BTCUSDT', 'ETHBTC', 'BNBBTC'])('%s: each 1m kline is the sum of its trades', async (symbol) => {
    const klines = await api<Kline[]>(`/api/v3/klines?symbol=${symbol}&interval=1m&limit=4`);
    for (const k of klines) {
      const trades = await tradesBetween(symbol, k[0], k[6]);
      expect(k[8]).toBe(trades.length);
      if (trades.length === 0) continue;
      expect(trades.every((t) => t.time >= k[0] && t.time <= Math.min(k[6], T0))).toBe(true);
      expect(k[1]).toBe(trades[0]!.price);
      expect(k[4]).toBe(trades.at(-1)!.price);
      expect(k[2]).toBe(maxOf(trades.map((t) => t.price)));
      expect(k[3]).toBe(minOf(trades.map((t) => t.price)));
      expect(units(k[5])).toBe(sum(trades.map((t) => t.qty)));
      expect(units(k[7])).toBe(sum(trades.map((t) => t.quoteQty)));
      const takerBuys = trades.filter((t) => !t.isBuyerMaker);
      expect(units(k[9])).toBe(sum(takerBuys.map((t) => t.qty)));
      expect(units(k[10])).toBe(sum(takerBuys.map((t) => t.quoteQty)));
      // quoteQty is exactly price × qty.
      for (const t of trades) expect(units(t.quoteQty) * 100_000_000n).toBe(units(t.price) * units(t.qty));
    }
  });

  test('aggregate trades aggregate consecutive fills of one taker at one price', async () => {
    const aggs = await api<Agg[]>('/api/v3/aggTrades?symbol=BTCUSDT&limit=200');
    const trades = await api<Trade[]>(
      `/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${aggs[0]!.f}&limit=1000`,
    );
    const byId = new Map(trades.map((t) => [t.id, t]));
    for (let i = 0; i < aggs.length; i++) {
      const a = aggs[i]!;
      if (i > 0) {
        expect(a.a).toBe(aggs[i - 1]!.a + 1);
        expect(a.f).toBe(aggs[i - 1]!.l + 1);
        expect(a.T).toBeGreaterThanOrEqual(aggs[i - 1]!.T);
      }
      const fills = [];
      for (let id = a.f; id <= a.l; id++) fills.push(byId.get(id)!);
      expect(fills.every((t) => t.price === a.p && t.time === a.T && t.isBuyerMaker === a.m)).toBe(true);
      expect(units(a.q)).toBe(sum(fills.map((t) => t.qty)));
    }
  });

  test('larger klines aggregate smaller ones (1h from 1m, 1d from 1h, 1w and 1M from 1d)', async () => {
    const check = (big: Kline, small: Kline[]) => {
      expect(small.length).toBeGreaterThan(0);
      expect(big[1]).toBe(small.find((k) => k[8] > 0)?.[1] ?? small[0]![1]);
      expect(big[4]).toBe(small.at(-1)![4]);
      expect(big[2]).toBe(maxOf(small.filter((k) => k[8] > 0).map((k) => k[2])));
      expect(big[3]).toBe(minOf(small.filter((k) => k[8] > 0).map((k) => k[3])));
      expect(units(big[5])).toBe(sum(small.map((k) => k[5])));
      expect(units(big[7])).toBe(sum(small.map((k) => k[7])));
      expect(big[8]).toBe(small.reduce((n, k) => n + k[8], 0));
      expect(units(big[9])).toBe(sum(small.map((k) => k[9])));
    };
    const [hour] = await api<Kline[]>('/api/v3/klines?symbol=ETHBTC&interval=1h&limit=2');
    check(
      hour!,
      await api<Kline[]>(
        `/api/v3/klines?symbol=ETHBTC&interval=1m&startTime=${hour![0]}&endTime=${hour![6]}&limit=1000`,
      ),
    );
    const [day] = await api<Kline[]>('/api/v3/klines?symbol=ETHBTC&interval=1d&limit=2');
    check(
      day!,
      await api<Kline[]>(
        `/api/v3/klines?symbol=ETHBTC&interval=1h&startTime=${day![0]}&endTime=${day![6]}&limit=1000`,
      ),
    );
    const weeks = await api<Kline[]>('/api/v3/klines?symbol=ETHBTC&interval=1w&limit=2');
    const week = weeks[0]!;
    expect(new Date(week[0]).getUTCDay()).toBe(1); // Monday
    check(
      week,
      await api<Kline[]>(
        `/api/v3/klines?symbol=ETHBTC&interval=1d&startTime=${week[0]}&endTime=${week[6]}&limit=1000`,
      ),
    );
    const [month] = await api<Kline[]>('/api/v3/klines?symbol=ETHBTC&interval=1M&limit=1');
    expect(month![0]).toBe(Date.UTC(2026, 0, 1));
    expect(month![6]).toBe(Date.UTC(2026, 1, 1) - 1);
    check(
      month!,
      await api<Kline[]>(`/api/v3/klines?symbol=ETHBTC&interval=1d&startTime=${month![0]}&limit=1000`),
    );
    const seconds = await api<Kline[]>(
      `/api/v3/klines?symbol=BTCUSDT&interval=1s&startTime=${hour![0]}&endTime=${hour![0] + 59_999}&limit=1000`,
    );
    expect(seconds).toHaveLength(60);
    const [minute] = await api<Kline[]>(
      `/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${hour![0]}&limit=1`,
    );
    check(minute!, seconds);
  });

  test('every interval aligns its buckets, in UTC and in a time zone', async () => {
    const intervals: Array<[string, number]> = [
      ['1s', 1_000],
      ['1m', 60_000],
      ['3m', 180_000],
      ['5m', 300_000],
      ['15m', 900_000],
      ['30m', 1_800_000],
      ['1h', 3_600_000],
      ['2h', 7_200_000],
      ['4h', 14_400_000],
      ['6h', 21_600_000],
      ['8h', 28_800_000],
      ['12h', 43_200_000],
      ['1d', 86_400_000],
      ['3d', 259_200_000],
      ['1w', 604_800_000],
    ];
    for (const [interval, size] of intervals) {
      const ks = await api<Kline[]>(`/api/v3/klines?symbol=BTCUSDT&interval=${interval}&limit=3`);
      expect(ks.length, interval).toBeGreaterThan(0);
      for (const k of ks) {
        expect(k[6] - k[0] + 1, interval).toBe(size);
        if (interval !== '1w') expect(k[0] % size, interval).toBe(0);
      }
      expect(ks.at(-1)![0] <= T0 && T0 <= ks.at(-1)![6], interval).toBe(true);
    }
    const [d8] = await api<Kline[]>('/api/v3/klines?symbol=BTCUSDT&interval=1d&timeZone=8&limit=1');
    expect(d8![0]).toBe(Date.UTC(2026, 0, 14, 16));
    const [h545] = await api<Kline[]>('/api/v3/klines?symbol=BTCUSDT&interval=1h&timeZone=05:45&limit=1');
    expect(h545![0]).toBe(Date.UTC(2026, 0, 15, 12, 15));
    const [mNeg] = await api<Kline[]>('/api/v3/klines?symbol=BTCUSDT&interval=1M&timeZone=-1:00&limit=1');
    expect(mNeg![0]).toBe(Date.UTC(2026, 0, 1, 1));
  });

  test('klines start at the market genesis and respect startTime/endTime/limit', async () => {
    const first = await api<Kline[]>('/api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=0&limit=2');
    const genesis = first[0]![0];
    expect(genesis).toBe(Date.UTC(2026, 0, 15) - 30 * 86_400_000);
    expect(first[1]![0]).toBe(genesis + 86_400_000);
    const trades = await api<Trade[]>('/api/v3/historicalTrades?symbol=BTCUSDT&fromId=0&limit=1');
    expect(trades[0]!.time).toBeGreaterThanOrEqual(genesis);
    const ranged = await api<Kline[]>(
      `/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=${genesis + 1}&endTime=${genesis + 5 * 3_600_000}`,
    );
    expect(ranged.map((k) => k[0])).toEqual([1, 2, 3, 4, 5].map((h) => genesis + h * 3_600_000));
    const endOnly = await api<Kline[]>(
      `/api/v3/klines?symbol=BTCUSDT&interval=1h&endTime=${genesis + 5 * 3_600_000}&limit=2`,
    );
    expect(endOnly.map((k) => k[0])).toEqual([4, 5].map((h) => genesis + h * 3_600_000));
    expect(await api<Kline[]>('/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=5&endTime=4')).toEqual([]);
  });
});

describe('tickers agree with klines, trades and the book', () => {
  test('rolling window ticker = the 1m klines of its window', async () => {
    const t = await api<Record<string, string | number>>('/api/v3/ticker?symbol=BNBBTC&windowSize=2h');
    const ks = await api<Kline[]>(
      `/api/v3/klines?symbol=BNBBTC&interval=1m&startTime=${t.openTime}&limit=1000`,
    );
    expect(ks[0]![0]).toBe(t.openTime);
    expect(units(t.volume as string)).toBe(sum(ks.map((k) => k[5])));
    expect(units(t.quoteVolume as string)).toBe(sum(ks.map((k) => k[7])));
    expect(t.count).toBe(ks.reduce((n, k) => n + k[8], 0));
    expect(t.count).toBe((t.lastId as number) - (t.firstId as number) + 1);
    expect(t.highPrice).toBe(maxOf(ks.filter((k) => k[8] > 0).map((k) => k[2])));
    expect(t.lowPrice).toBe(minOf(ks.filter((k) => k[8] > 0).map((k) => k[3])));
    expect(t.lastPrice).toBe(ks.at(-1)![4]);
    const recent = await api<Trade[]>('/api/v3/trades?symbol=BNBBTC&limit=1');
    expect(t.lastId).toBe(recent[0]!.id);
    expect(t.lastPrice).toBe(recent[0]!.price);
    const change = units(t.lastPrice as string) - units(t.openPrice as string);
    expect(units(t.priceChange as string)).toBe(change);
    // weightedAvgPrice = quoteVolume / volume, rounded to 8 decimals
    const w =
      (units(t.quoteVolume as string) * 100_000_000n * 2n + units(t.volume as string)) /
      (2n * units(t.volume as string));
    expect(units(t.weightedAvgPrice as string)).toBe(w);
  });

  test('24hr ticker: ids, prevClosePrice, lastQty and the top of the book', async () => {
    const t = await api<Record<string, string | number>>('/api/v3/ticker/24hr?symbol=BTCUSDT');
    const [first] = await api<Trade[]>(`/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${t.firstId}&limit=1`);
    expect(first!.time).toBeGreaterThanOrEqual(T0 - 86_400_000);
    const [prev] = await api<Trade[]>(
      `/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${(t.firstId as number) - 1}&limit=1`,
    );
    expect(prev!.time).toBeLessThan(T0 - 86_400_000);
    expect(t.prevClosePrice).toBe(prev!.price);
    expect(t.openPrice).toBe(first!.price);
    const [last] = await api<Trade[]>(`/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${t.lastId}&limit=1`);
    expect(t.lastQty).toBe(last!.qty);
    const book = await api<{ bids: string[][]; asks: string[][] }>('/api/v3/depth?symbol=BTCUSDT&limit=1');
    const bookTicker = await api<Record<string, string>>('/api/v3/ticker/bookTicker?symbol=BTCUSDT');
    expect([t.bidPrice, t.bidQty, t.askPrice, t.askQty]).toEqual([...book.bids[0]!, ...book.asks[0]!]);
    expect([bookTicker.bidPrice, bookTicker.bidQty, bookTicker.askPrice, bookTicker.askQty]).toEqual([
      ...book.bids[0]!,
      ...book.asks[0]!,
    ]);
    expect(units(book.bids[0]![0]!)).toBeLessThan(units(book.asks[0]![0]!));
    const price = await api<{ price: string }>('/api/v3/ticker/price?symbol=BTCUSDT');
    expect(price.price).toBe(t.lastPrice);
  });

  test('trading day ticker = the 1d kline of the same zone', async () => {
    const t = await api<Record<string, string | number>>(
      '/api/v3/ticker/tradingDay?symbol=ETHBTC&timeZone=8',
    );
    const [k] = await api<Kline[]>('/api/v3/klines?symbol=ETHBTC&interval=1d&timeZone=8&limit=1');
    expect(t.openTime).toBe(k![0]);
    expect(t.closeTime).toBe(k![6]);
    expect([t.openPrice, t.highPrice, t.lowPrice, t.lastPrice, t.volume, t.quoteVolume, t.count]).toEqual([
      k![1],
      k![2],
      k![3],
      k![4],
      k![5],
      k![7],
      k![8],
    ]);
  });

  test('avgPrice is the volume-weighted price of the last 5 minutes', async () => {
    const avg = await api<{ price: string; closeTime: number }>('/api/v3/avgPrice?symbol=ETHBTC');
    const trades = await tradesBetween('ETHBTC', T0 - 300_000, T0);
    const volume = sum(trades.map((t) => t.qty));
    const quote = sum(trades.map((t) => t.quoteQty));
    expect(units(avg.price)).toBe((quote * 100_000_000n * 2n + volume) / (2n * volume));
    expect(avg.closeTime).toBe(trades.at(-1)!.time);
  });

  test('halted symbols: BREAK has no recent trades and an empty book; HALT keeps a frozen book', async () => {
    const info = await api<{ symbols: Array<{ symbol: string; status: string }> }>('/api/v3/exchangeInfo');
    const brk = info.symbols.find((s) => s.status === 'BREAK');
    const halt = info.symbols.find((s) => s.status === 'HALT');
    expect(brk ?? halt).toBeDefined();
    for (const s of [brk, halt]) {
      if (!s) continue;
      const t = await api<Record<string, unknown>>(`/api/v3/ticker/24hr?symbol=${s.symbol}`);
      expect(t).toMatchObject({ count: 0, firstId: -1, lastId: -1, volume: '0.00000000' });
      expect(t.lastPrice).not.toBe('0.00000000');
      const depth = await api<{ bids: unknown[]; asks: unknown[] }>(`/api/v3/depth?symbol=${s.symbol}`);
      if (s.status === 'BREAK') expect(depth).toMatchObject({ bids: [], asks: [] });
      else expect(depth.bids.length).toBeGreaterThan(0);
    }
  });
});

describe('a live, deterministic market', () => {
  test('the same seed and clock give the same market; another seed another', async () => {
    const twin = await startSimulator({ now: clock.now, seed: 3, symbols: 80 });
    const other = await startSimulator({ now: clock.now, seed: 4, symbols: 80 });
    try {
      for (const path of [
        '/api/v3/trades?symbol=BTCUSDT&limit=50',
        '/api/v3/klines?symbol=ETHBTC&interval=1h&limit=50',
        '/api/v3/depth?symbol=BNBBTC&limit=50',
      ]) {
        const a = await get(sim.restUrl, path);
        const b = await get(twin.restUrl, path);
        const c = await get(other.restUrl, path);
        expect(b.text, path).toBe(a.text);
        expect(c.text, path).not.toBe(a.text);
      }
      expect(twin.symbols()).toEqual(sim.symbols());
    } finally {
      await twin.close();
      await other.close();
    }
  });

  test('time passing brings new trades (with the next ids), moving prices and book updates', async () => {
    const local = manualClock();
    const live = await startSimulator({ now: local.now, seed: 3, symbols: 20 });
    try {
      const before = (await get<Trade[]>(live.restUrl, '/api/v3/trades?symbol=BTCUSDT&limit=1')).body[0]!;
      const bookBefore = live.orderBook('BTCUSDT', 20);
      local.advance(10 * 60_000);
      const after = (
        await get<Trade[]>(
          live.restUrl,
          `/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${before.id}&limit=1000`,
        )
      ).body;
      expect(after[0]).toEqual(before);
      expect(after.length).toBeGreaterThan(50);
      expect(after.map((t) => t.id)).toEqual(after.map((_, i) => before.id + i));
      expect(after.at(-1)!.time).toBeLessThanOrEqual(local.now());
      expect(new Set(after.map((t) => t.price)).size).toBeGreaterThan(3);
      const bookAfter = live.orderBook('BTCUSDT', 20);
      expect(bookAfter.lastUpdateId).toBeGreaterThan(bookBefore.lastUpdateId);
      expect(bookAfter.bids).not.toEqual(bookBefore.bids);
      // Nothing from the future: no trade after the clock.
      const recent = (await get<Trade[]>(live.restUrl, '/api/v3/trades?symbol=BTCUSDT&limit=1')).body[0]!;
      expect(recent.time).toBeLessThanOrEqual(local.now());
    } finally {
      await live.close();
    }
  });
});
