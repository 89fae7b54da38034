// Block trades on command: recordBlockTrade feeds historicalBlockTrades and <symbol>@blockTrade, in
// the documented shapes, and leaves the book and the tape alone.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { get, manualClock } from './helpers/http.js';
import { connect } from './helpers/ws.js';

const clock = manualClock();
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, symbols: 12, historyDays: 1, now: clock.now });
});
afterAll(() => sim.close());

interface BlockTradeJson {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
}

describe('block trades', () => {
  test('none until recorded; then by fromId and limit, in the documented shape', async () => {
    const empty = await get<BlockTradeJson[]>(
      sim.restUrl,
      '/api/v3/historicalBlockTrades?symbol=BNBBTC&fromId=0',
    );
    expect(empty.body).toEqual([]);
    const tradesBefore = await get(sim.restUrl, '/api/v3/trades?symbol=BNBBTC&limit=3');
    const bookBefore = sim.orderBook('BNBBTC', 3);

    const first = sim.recordBlockTrade('BNBBTC', { price: '0.00520000', qty: '58.38' });
    const second = sim.recordBlockTrade('BNBBTC', { price: '0.00521000', qty: '10', isBuyerMaker: false });
    expect(first).toEqual({
      id: 0,
      price: '0.00520000',
      qty: '58.38000000',
      quoteQty: '0.30357600',
      time: clock.now(),
      isBuyerMaker: true,
    });

    const all = await get<BlockTradeJson[]>(
      sim.restUrl,
      '/api/v3/historicalBlockTrades?symbol=BNBBTC&fromId=0',
    );
    expect(all.status).toBe(200);
    expect(sim.requests().at(-1)?.weight).toBe(25);
    expect(all.body).toEqual([first, second]);
    expect(Object.keys(all.body[0]!)).toEqual(['id', 'price', 'qty', 'quoteQty', 'time', 'isBuyerMaker']);
    const fromOne = await get<BlockTradeJson[]>(
      sim.restUrl,
      '/api/v3/historicalBlockTrades?symbol=BNBBTC&fromId=1',
    );
    expect(fromOne.body).toEqual([second]);
    const limited = await get<BlockTradeJson[]>(
      sim.restUrl,
      '/api/v3/historicalBlockTrades?symbol=BNBBTC&fromId=0&limit=1',
    );
    expect(limited.body).toEqual([first]);
    // Other symbols have none; the tape and the book are untouched.
    expect((await get(sim.restUrl, '/api/v3/historicalBlockTrades?symbol=BTCUSDT&fromId=0')).body).toEqual(
      [],
    );
    expect((await get(sim.restUrl, '/api/v3/trades?symbol=BNBBTC&limit=3')).body).toEqual(tradesBefore.body);
    expect(sim.orderBook('BNBBTC', 3)).toEqual(bookBefore);
  });

  test('parameter errors are Binance’s', async () => {
    expect((await get(sim.restUrl, '/api/v3/historicalBlockTrades?symbol=BNBBTC')).body).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'fromId' was not sent, was empty/null, or malformed.",
    });
    expect(
      (await get(sim.restUrl, '/api/v3/historicalBlockTrades?symbol=BNBBTC&fromId=0&limit=1001')).body,
    ).toEqual({
      code: -1130,
      msg: "Data sent for parameter 'limit' is not valid.",
    });
    expect(() => sim.recordBlockTrade('BNBBTC', { price: '0.000000001', qty: '1' })).toThrow(/tick size/);
    expect(() => sim.recordBlockTrade('BNBBTC', { price: '0.005', qty: '0' })).toThrow(/step size/);
    expect(() => sim.recordBlockTrade('NOPE', { price: '1', qty: '1' })).toThrow(/unknown symbol/);
  });

  test('the blockTrade stream sends each block trade recorded after subscribing', async () => {
    const c = await connect(`${sim.streamUrl}/ws/ethbtc@blockTrade`);
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const block = sim.recordBlockTrade('ETHBTC', {
        price: sim.orderBook('ETHBTC', 1).bids[0]![0],
        qty: '2',
      });
      const event = (await c.next((d) => (d as { e?: string }).e === 'blockTrade')) as Record<
        string,
        unknown
      >;
      expect(event).toEqual({
        e: 'blockTrade',
        E: clock.now(),
        s: 'ETHBTC',
        t: block.id,
        p: block.price,
        q: block.qty,
        T: block.time,
        m: true,
      });
    } finally {
      c.close();
    }
  });
});
