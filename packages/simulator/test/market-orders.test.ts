// executeMarketOrder: trades recorded on top of the procedural market take the next ids and show up
// everywhere (REST, klines, tickers, streams), with later trades' ids moving up after them.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { sum, units } from './helpers/decimal.js';
import { get, manualClock } from './helpers/http.js';
import { connect, isObject } from './helpers/ws.js';

let sim: Simulator;
const clock = manualClock();

beforeAll(async () => {
  sim = await startSimulator({ seed: 8, symbols: 30, now: clock.now, weightLimit: 1_000_000 });
});
afterAll(() => sim.close());

interface Trade {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
}
const api = async <T>(path: string) => (await get<T>(sim.restUrl, path)).body;

describe('executeMarketOrder', () => {
  test('takes the book level by level; the fills are the next trades everywhere', async () => {
    const book = sim.orderBook('BTCUSDT', 3);
    const [before] = await api<Trade[]>('/api/v3/trades?symbol=BTCUSDT&limit=1');
    const tickerBefore = await api<{ count: number; lastId: number }>('/api/v3/ticker/24hr?symbol=BTCUSDT');
    const quantity = sum(book.asks.map(([, q]) => q));
    const qtyText = `${quantity / 100_000_000n}.${(quantity % 100_000_000n).toString().padStart(8, '0')}`;
    const result = sim.executeMarketOrder('BTCUSDT', 'BUY', qtyText);
    expect(result.executedQty).toBe(qtyText);
    expect(result.fills.map((f) => [f.price, f.qty])).toEqual(book.asks);
    expect(result.fills.map((f) => f.tradeId)).toEqual([1, 2, 3].map((i) => before!.id + i));
    // The book lost those levels.
    expect(sim.orderBook('BTCUSDT', 1).asks[0]![0]).not.toBe(book.asks[0]![0]);
    const depth = await api<{ asks: string[][] }>('/api/v3/depth?symbol=BTCUSDT&limit=1');
    expect(units(depth.asks[0]![0]!)).toBeGreaterThan(units(book.asks[2]![0]));
    // REST trades and aggTrades.
    const trades = await api<Trade[]>('/api/v3/trades?symbol=BTCUSDT&limit=4');
    expect(trades.map((t) => t.id)).toEqual([0, 1, 2, 3].map((i) => before!.id + i));
    expect(trades.slice(1).map((t) => [t.price, t.qty, t.time, t.isBuyerMaker])).toEqual(
      book.asks.map(([p, q]) => [p, q, clock.now(), false]),
    );
    const aggs = await api<Array<{ a: number; f: number; l: number; p: string }>>(
      '/api/v3/aggTrades?symbol=BTCUSDT&limit=3',
    );
    expect(aggs.map((a) => a.a)).toEqual(result.fills.map((f) => f.aggTradeId));
    expect(aggs.map((a) => [a.f, a.l, a.p])).toEqual(
      result.fills.map((f) => [f.tradeId, f.tradeId, f.price]),
    );
    // Tickers count them.
    const ticker = await api<{ count: number; lastId: number; lastPrice: string; lastQty: string }>(
      '/api/v3/ticker/24hr?symbol=BTCUSDT',
    );
    expect(ticker.lastId).toBe(before!.id + 3);
    expect(ticker.lastPrice).toBe(book.asks[2]![0]);
    expect(ticker.lastQty).toBe(book.asks[2]![1]);
    expect(ticker.count - tickerBefore.count).toBeGreaterThanOrEqual(3);
  });

  test('klines include the recorded trades; later procedural trades continue the ids', async () => {
    const [first] = await api<Trade[]>('/api/v3/trades?symbol=ETHBTC&limit=1');
    sim.executeMarketOrder('ETHBTC', 'SELL', sim.orderBook('ETHBTC', 1).bids[0]![1]);
    clock.advance(90_000);
    const trades = await api<Trade[]>(
      `/api/v3/historicalTrades?symbol=ETHBTC&fromId=${first!.id}&limit=1000`,
    );
    expect(trades.map((t) => t.id)).toEqual(trades.map((_, i) => first!.id + i));
    for (let i = 1; i < trades.length; i++)
      expect(trades[i]!.time).toBeGreaterThanOrEqual(trades[i - 1]!.time);
    expect(trades.length).toBeGreaterThan(5);
    const minute = Math.floor(first!.time / 60_000) * 60_000;
    const [k] = await api<unknown[][]>(
      `/api/v3/klines?symbol=ETHBTC&interval=1m&startTime=${minute}&limit=1`,
    );
    const inMinute = (
      await api<Trade[]>(
        `/api/v3/historicalTrades?symbol=ETHBTC&fromId=${Math.max(0, first!.id - 500)}&limit=1000`,
      )
    ).filter((t) => t.time >= minute && t.time < minute + 60_000);
    expect(k![8]).toBe(inMinute.length);
    expect(units(k![5] as string)).toBe(sum(inMinute.map((t) => t.qty)));
    expect(units(k![7] as string)).toBe(sum(inMinute.map((t) => t.quoteQty)));
    const [hour] = await api<unknown[][]>(
      `/api/v3/klines?symbol=ETHBTC&interval=1h&startTime=${Math.floor(minute / 3_600_000) * 3_600_000}&limit=1`,
    );
    const minutes = await api<unknown[][]>(
      `/api/v3/klines?symbol=ETHBTC&interval=1m&startTime=${hour![0]}&endTime=${hour![6]}&limit=60`,
    );
    expect(units(hour![5] as string)).toBe(sum(minutes.map((m) => m[5] as string)));
    expect(hour![8]).toBe(minutes.reduce((n, m) => n + (m[8] as number), 0));
  });

  test('streams deliver the fills at once, and the diff-depth stream still rebuilds the book', async () => {
    const c = await connect(`${sim.streamUrl}/stream?streams=bnbbtc@trade/bnbbtc@depth@100ms`);
    try {
      await c.until(() => sim.connections().length === 1);
      const snapshot = await api<{ lastUpdateId: number; bids: string[][]; asks: string[][] }>(
        '/api/v3/depth?symbol=BNBBTC&limit=5000',
      );
      const { fills } = sim.executeMarketOrder('BNBBTC', 'BUY', sim.orderBook('BNBBTC', 1).asks[0]![1]);
      await c.next(
        (d) =>
          isObject(d) && d.stream === 'bnbbtc@trade' && (d.data as { t: number }).t === fills[0]!.tradeId,
        3000,
      );
      await c.next(
        (d) =>
          isObject(d) &&
          d.stream === 'bnbbtc@depth@100ms' &&
          (d.data as { u: number }).u > snapshot.lastUpdateId,
        3000,
      );
      const bids = new Map(snapshot.bids.map(([p, q]) => [p!, q!]));
      const asks = new Map(snapshot.asks.map(([p, q]) => [p!, q!]));
      let id = snapshot.lastUpdateId;
      for (const m of c.messages) {
        if (!isObject(m.data) || m.data.stream !== 'bnbbtc@depth@100ms') continue;
        const e = m.data.data as { U: number; u: number; b: string[][]; a: string[][] };
        if (e.u <= id) continue;
        expect(e.U).toBeLessThanOrEqual(id + 1);
        for (const [p, q] of e.b) Number(q) === 0 ? bids.delete(p!) : bids.set(p!, q!);
        for (const [p, q] of e.a) Number(q) === 0 ? asks.delete(p!) : asks.set(p!, q!);
        id = e.u;
      }
      const truth = sim.orderBook('BNBBTC');
      expect(id).toBe(truth.lastUpdateId);
      expect([...asks].sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual(truth.asks);
      expect([...bids].sort((x, y) => Number(y[0]) - Number(x[0]))).toEqual(truth.bids);
    } finally {
      c.close();
    }
  });

  test('a market order larger than the book executes what there is', async () => {
    const side = sim.orderBook('LTCBTC').bids;
    const total = sum(side.map(([, q]) => q));
    const result = sim.executeMarketOrder('LTCBTC', 'SELL', '100000000.00000000');
    expect(units(result.executedQty)).toBe(total);
    expect(result.fills).toHaveLength(side.length);
    expect(sim.orderBook('LTCBTC').bids).toEqual([]);
  });

  test('bad input is rejected with the reason', async () => {
    expect(() => sim.executeMarketOrder('NOPE', 'BUY', '1')).toThrow(/unknown symbol 'NOPE'/);
    expect(() => sim.executeMarketOrder('BTCUSDT', 'BUY', '0.000000001')).toThrow(
      /positive multiple of BTCUSDT's step size/,
    );
    expect(() => sim.executeMarketOrder('BTCUSDT', 'BUY', '-1')).toThrow(/positive multiple/);
    expect(() => sim.executeMarketOrder('BTCUSDT', 'HOLD' as 'BUY', '1')).toThrow(
      /side must be 'BUY' or 'SELL'/,
    );
    const all = await startSimulator({ now: clock.now });
    try {
      const info = (
        await get<{ symbols: Array<{ symbol: string }> }>(
          all.restUrl,
          '/api/v3/exchangeInfo?symbolStatus=BREAK',
        )
      ).body;
      const halted = info.symbols[0]!.symbol;
      expect(() => all.executeMarketOrder(halted, 'BUY', '1000')).toThrow(
        `${halted} is not trading (status BREAK)`,
      );
    } finally {
      await all.close();
    }
  });
});
