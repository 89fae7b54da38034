// `idOffset`: trade and order ids beyond 2^53 on the wire, exact in both directions, while the market
// itself is unchanged (the same trades as without the offset).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { get, manualClock } from './helpers/http.js';
import { trader } from './helpers/signed.js';
import { connect } from './helpers/ws.js';

const OFFSET = 2n ** 53n; // 9007199254740992: the first id that is not a safe integer
const clock = manualClock();
let sim: Simulator;
let plain: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, symbols: 12, historyDays: 1, now: clock.now, idOffset: OFFSET });
  plain = await startSimulator({ seed: 5, symbols: 12, historyDays: 1, now: clock.now });
});
afterAll(async () => {
  await sim.close();
  await plain.close();
});

/** The integer literals after `"key":` in JSON text, exactly as sent. */
function literals(text: string, key: string): bigint[] {
  return [...text.matchAll(new RegExp(`"${key}":(-?\\d+)`, 'g'))].map((m) => BigInt(m[1]!));
}

describe('idOffset', () => {
  test('trade ids are shifted exactly; everything else is the market without the offset', async () => {
    const shifted = await get(sim.restUrl, '/api/v3/trades?symbol=BTCUSDT&limit=5');
    const base = await get(plain.restUrl, '/api/v3/trades?symbol=BTCUSDT&limit=5');
    const ids = literals(shifted.text, 'id');
    expect(ids).toEqual(literals(base.text, 'id').map((id) => id + OFFSET));
    expect(ids[0]! > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    // Only the ids differ.
    expect(shifted.text.replace(/"id":\d+/g, '')).toBe(base.text.replace(/"id":\d+/g, ''));

    const first = ids[0]!;
    const from = await get(sim.restUrl, `/api/v3/historicalTrades?symbol=BTCUSDT&fromId=${first}&limit=2`);
    expect(literals(from.text, 'id')).toEqual([first, first + 1n]);
    // An id below the offset is before every trade: the history starts at the first one.
    const start = await get(sim.restUrl, '/api/v3/historicalTrades?symbol=BTCUSDT&fromId=0&limit=1');
    expect(literals(start.text, 'id')).toEqual([OFFSET]);

    const aggs = await get(sim.restUrl, '/api/v3/aggTrades?symbol=BTCUSDT&limit=3');
    const plainAggs = await get(plain.restUrl, '/api/v3/aggTrades?symbol=BTCUSDT&limit=3');
    expect(literals(aggs.text, 'f')).toEqual(literals(plainAggs.text, 'f').map((id) => id + OFFSET));
    // Aggregate trade ids are not shifted.
    expect(literals(aggs.text, 'a')).toEqual(literals(plainAggs.text, 'a'));
    const ticker = await get(sim.restUrl, '/api/v3/ticker/24hr?symbol=BTCUSDT');
    expect(literals(ticker.text, 'lastId')[0]! > OFFSET).toBe(true);
  });

  test('order ids: placed, queried, filled and cancelled by their 64-bit id', async () => {
    const t = trader(sim, 'HMAC', { balances: { USDT: '100000', BTC: '1' } });
    const book = sim.orderBook('BTCUSDT', 1);
    const bid = book.bids[0]![0];
    const placed = await t.post('order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: bid,
    });
    expect(placed.status).toBe(200);
    const [orderId] = literals(placed.text, 'orderId');
    expect(orderId).toBe(OFFSET + 1n);
    expect(literals(placed.text, 'orderListId')).toEqual([-1n]);

    const queried = await t.get('order', { symbol: 'BTCUSDT', orderId: String(orderId) });
    expect(queried.status).toBe(200);
    expect(literals(queried.text, 'orderId')).toEqual([orderId]);
    expect((await t.get('order', { symbol: 'BTCUSDT', orderId: '1' })).body).toEqual({
      code: -2013,
      msg: 'Order does not exist.',
    });
    expect(sim.orders(t.apiKey)[0]?.orderId).toBe(orderId);

    const filled = sim.fillOrder(t.apiKey, 'BTCUSDT', orderId!, '0.004');
    expect(filled.orderId).toBe(orderId);
    const trades = await t.get('myTrades', { symbol: 'BTCUSDT', orderId: String(orderId) });
    expect(literals(trades.text, 'orderId')).toEqual([orderId]);
    const [tradeId] = literals(trades.text, 'id');
    expect(tradeId! > OFFSET).toBe(true);
    const fromTrade = await t.get('myTrades', { symbol: 'BTCUSDT', fromId: String(tradeId) });
    expect(literals(fromTrade.text, 'id')).toEqual([tradeId]);

    const cancelled = await t.delete('order', { symbol: 'BTCUSDT', orderId: String(orderId) });
    expect(cancelled.status).toBe(200);
    expect(literals(cancelled.text, 'orderId')).toEqual([orderId]);
  });

  test('market orders report their fills with shifted trade ids', async () => {
    const t = trader(sim, 'ED25519', { balances: { USDT: '100000' } });
    const res = await t.post('order', {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quoteOrderQty: '50',
    });
    expect(res.status).toBe(200);
    const tradeIds = literals(res.text, 'tradeId');
    expect(tradeIds.length).toBeGreaterThan(0);
    for (const id of tradeIds) expect(id > OFFSET).toBe(true);
  });

  test('streams: trade ids in trade events are shifted like REST', async () => {
    const c = await connect(`${sim.streamUrl}/ws/ethbtc@trade`);
    try {
      sim.executeMarketOrder('ETHBTC', 'BUY', sim.orderBook('ETHBTC', 1).asks[0]![1]);
      const message = await c.until(() => c.messages.find((m) => m.text.includes('"e":"trade"')));
      const [t] = literals(message.text, 't');
      const rest = await get(sim.restUrl, '/api/v3/trades?symbol=ETHBTC&limit=1');
      expect(t).toBe(literals(rest.text, 'id')[0]);
    } finally {
      c.close();
    }
  });

  test('rejects an offset out of range', async () => {
    await expect(startSimulator({ idOffset: -1n })).rejects.toThrow(/idOffset/);
    await expect(startSimulator({ idOffset: 2n ** 63n })).rejects.toThrow(/idOffset/);
  });
});
