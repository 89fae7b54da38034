// setSymbolFlags: exchangeInfo shows the flags in force and the matching engine enforces them with
// Binance's messages; reset() restores the seeded flags.

import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { dec, units } from './helpers/decimal.js';
import { get, manualClock } from './helpers/http.js';
import { type Trader, trader } from './helpers/signed.js';

let sim: Simulator;
const clock = manualClock();
const S = 'BTCUSDT';
const TICK = 1_000_000n;
const FUNDS = { USDT: '10000000', BTC: '100' };

beforeAll(async () => {
  sim = await startSimulator({ seed: 23, symbols: 20, now: clock.now, weightLimit: 1_000_000 });
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

type Info = { symbols: Array<Record<string, unknown> & { symbol: string }> };
const infoOf = async (symbol: string) =>
  (await get<Info>(sim.restUrl, `/api/v3/exchangeInfo?symbol=${symbol}`)).body.symbols[0]!;
const bestAsk = () => units(sim.orderBook(S, 1).asks[0]![0]);
const bestBid = () => units(sim.orderBook(S, 1).bids[0]![0]);
const fresh = () => trader(sim, 'HMAC', { balances: FUNDS });
const rejected = (msg: string) => ({ code: -2010, msg });

async function restingSell(t: Trader): Promise<number> {
  const res = await t.post<{ orderId: number }>('order', {
    symbol: S,
    side: 'SELL',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.5',
    price: dec(bestAsk() + 100n * TICK),
  });
  expect(res.status).toBe(200);
  return res.body.orderId;
}

describe('exchangeInfo', () => {
  test('shows the flags set, keeps the others, and reset() restores the seeded ones', async () => {
    const before = await infoOf(S);
    expect(before).toMatchObject({ cancelReplaceAllowed: true, ocoAllowed: true, icebergAllowed: true });

    const now = sim.setSymbolFlags(S, { cancelReplaceAllowed: false, ocoAllowed: false });
    expect(now).toMatchObject({ cancelReplaceAllowed: false, ocoAllowed: false, icebergAllowed: true });

    const changed = await infoOf(S);
    expect(changed).toEqual({ ...before, cancelReplaceAllowed: false, ocoAllowed: false });
    // The full listing (the one clients cache) says the same; other symbols are untouched.
    const all = (await get<Info>(sim.restUrl, '/api/v3/exchangeInfo')).body.symbols;
    expect(all.find((s) => s.symbol === S)).toEqual(changed);
    expect(all.find((s) => s.symbol === 'ETHUSDT')).toMatchObject({ cancelReplaceAllowed: true });
    // Without permission sets too (a separately cached form).
    const bare = await get<Info>(sim.restUrl, `/api/v3/exchangeInfo?symbol=${S}&showPermissionSets=false`);
    expect(bare.body.symbols[0]).toMatchObject({ cancelReplaceAllowed: false, permissionSets: [] });

    sim.reset();
    expect(await infoOf(S)).toEqual(before);
  });

  test('every settable flag shows up under its exchangeInfo name', async () => {
    const off = {
      icebergAllowed: false,
      ocoAllowed: false,
      otoAllowed: false,
      quoteOrderQtyMarketAllowed: false,
      allowTrailingStop: false,
      cancelReplaceAllowed: false,
      amendAllowed: false,
    };
    expect(sim.setSymbolFlags(S, off)).toEqual(off);
    expect(await infoOf(S)).toMatchObject(off);
    const on = Object.fromEntries(Object.keys(off).map((k) => [k, true]));
    sim.setSymbolFlags(S, on);
    expect(await infoOf(S)).toMatchObject(on);
  });

  test('bad arguments get a clear error and change nothing', async () => {
    expect(() => sim.setSymbolFlags('NOPEUSDT', { ocoAllowed: false })).toThrow(
      "setSymbolFlags: unknown symbol 'NOPEUSDT'",
    );
    expect(() => sim.setSymbolFlags(S, { opoAllowed: true } as never)).toThrow(
      /unknown flag 'opoAllowed'; allowed: icebergAllowed, ocoAllowed, .*amendAllowed/,
    );
    expect(() => sim.setSymbolFlags(S, { ocoAllowed: 'no' } as never)).toThrow(
      `setSymbolFlags: flag 'ocoAllowed' must be a boolean, got "no"`,
    );
    expect(await infoOf(S)).toMatchObject({ ocoAllowed: true });
  });
});

describe('the engine enforces the flags', () => {
  test('cancelReplace: -2010 and the old order stays open', async () => {
    const t = fresh();
    const orderId = await restingSell(t);
    sim.setSymbolFlags(S, { cancelReplaceAllowed: false });
    const res = await t.post('order/cancelReplace', {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.4',
      price: dec(bestAsk() + 200n * TICK),
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: orderId,
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(rejected('Order cancel-replace is not supported for this symbol.'));
    expect((await t.get('order', { symbol: S, orderId })).body).toMatchObject({ status: 'NEW' });
    sim.reset();
    const ok = await t.post('order/cancelReplace', {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.4',
      price: dec(bestAsk() + 200n * TICK),
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: orderId,
    });
    expect(ok.status).toBe(200);
  });

  test('amend keep priority: -2038', async () => {
    const t = fresh();
    const orderId = await restingSell(t);
    sim.setSymbolFlags(S, { amendAllowed: false });
    const res = await t.put('order/amend/keepPriority', { symbol: S, orderId, newQty: '0.2' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: -2038, msg: 'Order amend is not supported for this symbol.' });
    sim.setSymbolFlags(S, { amendAllowed: true });
    expect((await t.put('order/amend/keepPriority', { symbol: S, orderId, newQty: '0.2' })).status).toBe(200);
  });

  test('OCO, OTO and OTOCO lists', async () => {
    const t = fresh();
    const p = bestBid();
    const oco = {
      symbol: S,
      side: 'SELL',
      quantity: '0.1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: dec(p + 500n * TICK),
      belowType: 'STOP_LOSS_LIMIT',
      belowStopPrice: dec(p - 500n * TICK),
      belowPrice: dec(p - 600n * TICK),
      belowTimeInForce: 'GTC',
    };
    const oto = {
      symbol: S,
      workingType: 'LIMIT',
      workingSide: 'BUY',
      workingPrice: dec(p - 300n * TICK),
      workingQuantity: '0.1',
      workingTimeInForce: 'GTC',
      pendingType: 'LIMIT_MAKER',
      pendingSide: 'SELL',
      pendingPrice: dec(p + 300n * TICK),
      pendingQuantity: '0.1',
    };
    const otoco = {
      symbol: S,
      workingType: 'LIMIT',
      workingSide: 'BUY',
      workingPrice: dec(p - 300n * TICK),
      workingQuantity: '0.1',
      workingTimeInForce: 'GTC',
      pendingSide: 'SELL',
      pendingQuantity: '0.1',
      pendingAboveType: 'LIMIT_MAKER',
      pendingAbovePrice: dec(p + 300n * TICK),
      pendingBelowType: 'STOP_LOSS',
      pendingBelowStopPrice: dec(p - 600n * TICK),
    };
    sim.setSymbolFlags(S, { ocoAllowed: false });
    expect((await t.post('orderList/oco', oco)).body).toEqual(
      rejected('OCO orders are not supported for this symbol'),
    );
    expect((await t.post('orderList/otoco', otoco)).body).toMatchObject({ code: -2010 });
    expect((await t.post('orderList/oto', oto)).status).toBe(200);
    sim.setSymbolFlags(S, { ocoAllowed: true, otoAllowed: false });
    expect((await t.post('orderList/oto', oto)).body).toEqual(
      rejected('OTO orders are not supported for this symbol.'),
    );
    expect((await t.post('orderList/oco', oco)).status).toBe(200);
    sim.reset();
    expect((await t.post('orderList/otoco', otoco)).status).toBe(200);
  });

  test('quoteOrderQty MARKET orders (and order/test)', async () => {
    const t = fresh();
    const order = { symbol: S, side: 'BUY', type: 'MARKET', quoteOrderQty: '100' };
    sim.setSymbolFlags(S, { quoteOrderQtyMarketAllowed: false });
    const msg = rejected('Quote order qty market orders are not support for this symbol.');
    expect((await t.post('order', order)).body).toEqual(msg);
    expect((await t.post('order/test', order)).body).toEqual(msg);
    // A MARKET order by base quantity is still fine.
    const { quoteOrderQty: _, ...byBase } = order;
    expect((await t.post('order', { ...byBase, quantity: '0.01' })).status).toBe(200);
    sim.reset();
    expect((await t.post('order', order)).status).toBe(200);
  });

  test('trailing stops', async () => {
    const t = fresh();
    const order = {
      symbol: S,
      side: 'SELL',
      type: 'STOP_LOSS',
      quantity: '0.1',
      trailingDelta: 100,
    };
    sim.setSymbolFlags(S, { allowTrailingStop: false });
    expect((await t.post('order', order)).body).toEqual(
      rejected('Trailing stop orders are not supported for this symbol.'),
    );
    // A plain stop price is not a trailing stop.
    const { trailingDelta: _, ...plain } = order;
    expect((await t.post('order', { ...plain, stopPrice: dec(bestBid() - 500n * TICK) })).status).toBe(200);
    sim.reset();
    expect((await t.post('order', order)).status).toBe(200);
  });

  test('iceberg orders, also as a list leg', async () => {
    const t = fresh();
    const order = {
      symbol: S,
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '1',
      icebergQty: '0.1',
      price: dec(bestAsk() + 100n * TICK),
    };
    sim.setSymbolFlags(S, { icebergAllowed: false });
    const msg = rejected('Iceberg orders are not supported for this symbol.');
    expect((await t.post('order', order)).body).toEqual(msg);
    const p = bestBid();
    const oco = await t.post('orderList/oco', {
      symbol: S,
      side: 'SELL',
      quantity: '1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: dec(p + 500n * TICK),
      aboveIcebergQty: '0.1',
      belowType: 'STOP_LOSS',
      belowStopPrice: dec(p - 500n * TICK),
    });
    expect(oco.body).toEqual(msg);
    sim.reset();
    expect((await t.post('order', order)).status).toBe(200);
  });
});
