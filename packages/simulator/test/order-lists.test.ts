// Order lists: OCO (above / below legs), OTO and OTOCO — placement against the documented samples,
// the legs' rules, contingencies as the market moves (movePrice), cancel, query, all and open lists.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';
import { trading } from './fixtures/trading-samples.js';
import { dec, units } from './helpers/decimal.js';
import { get, manualClock } from './helpers/http.js';
import { shapeOf } from './helpers/shape.js';
import { type Trader, trader } from './helpers/signed.js';

let sim: Simulator;
const clock = manualClock();
const FUNDS = { USDT: '10000000', BTC: '100' };
const TICK = 1_000_000n;
const S = 'BTCUSDT';

beforeAll(async () => {
  sim = await startSimulator({
    seed: 17,
    symbols: 20,
    now: clock.now,
    weightLimit: 1_000_000,
    maxOrdersPer10s: 10_000,
  });
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type Leg = Json & { orderId: number; type: string; status: string; clientOrderId: string };
type List = Json & { orderListId: number; listClientOrderId: string; orders: Leg[]; orderReports: Leg[] };

const last = async () =>
  units((await get<{ price: string }>(sim.restUrl, `/api/v3/ticker/price?symbol=${S}`)).body.price);
const fresh = () => trader(sim, 'ED25519', { balances: FUNDS });
const status = async (t: Trader, orderId: number) =>
  (await t.get<Leg & { expiryReason?: string; isWorking: boolean }>('order', { symbol: S, orderId })).body;

describe('OCO', () => {
  test('SELL: LIMIT_MAKER above, STOP_LOSS_LIMIT below — the documented RESULT response, one lock', async () => {
    const t = fresh();
    const p = await last();
    const res = await t.post<List>('orderList/oco', {
      symbol: S,
      side: 'SELL',
      quantity: '1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: dec(p + 500n * TICK),
      belowType: 'STOP_LOSS_LIMIT',
      belowStopPrice: dec(p - 500n * TICK),
      belowPrice: dec(p - 600n * TICK),
      belowTimeInForce: 'GTC',
      belowIcebergQty: '0.1',
      listClientOrderId: 'my-oco',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(Object.keys(trading.orderListPlaced));
    expect(shapeOf(res.body.orders[0])).toEqual(shapeOf(trading.orderList.orders[0]));
    expect(res.body).toMatchObject({
      contingencyType: 'OCO',
      listStatusType: 'EXEC_STARTED',
      listOrderStatus: 'EXECUTING',
      listClientOrderId: 'my-oco',
    });
    const [stop, limit] = res.body.orderReports;
    // The stop leg comes first (lower id), as in the samples.
    expect(stop!.type).toBe('STOP_LOSS_LIMIT');
    expect(limit!.type).toBe('LIMIT_MAKER');
    expect(stop!.orderId).toBeLessThan(limit!.orderId);
    expect(Object.keys(stop!)).toEqual(Object.keys(trading.resultStopIceberg));
    expect(Object.keys(limit!)).toEqual(Object.keys(trading.result));
    expect(res.body.orderReports.map((r) => r.orderListId)).toEqual([
      res.body.orderListId,
      res.body.orderListId,
    ]);
    expect(sim.balances(t.apiKey).BTC).toEqual({ free: '99.00000000', locked: '1.00000000' });
    expect(sim.orderBook(S).asks.some(([price]) => price === dec(p + 500n * TICK))).toBe(true);

    const byId = await t.get<List>('orderList', { orderListId: res.body.orderListId });
    expect(Object.keys(byId.body)).toEqual(Object.keys(trading.orderList));
    const byClient = await t.get<List>('orderList', { origClientOrderId: 'my-oco' });
    expect(byClient.body).toEqual(byId.body);
    expect((await t.get<List[]>('openOrderList')).body.map((l) => l.orderListId)).toEqual([
      res.body.orderListId,
    ]);

    // The market trades up through the limit leg: it fills, the stop leg expires, the list is done.
    sim.movePrice(S, dec(p + 500n * TICK));
    expect(await status(t, limit!.orderId)).toMatchObject({ status: 'FILLED' });
    expect(await status(t, stop!.orderId)).toMatchObject({ status: 'EXPIRED', expiryReason: 'OCO_TRIGGER' });
    const done = await t.get<List>('orderList', { orderListId: res.body.orderListId });
    expect(done.body).toMatchObject({ listStatusType: 'ALL_DONE', listOrderStatus: 'ALL_DONE' });
    expect((await t.get<List[]>('openOrderList')).body).toEqual([]);
    expect(sim.balances(t.apiKey).BTC).toEqual({ free: '99.00000000', locked: '0.00000000' });
  });

  test('the stop leg fires when the market falls to it, and the limit leg expires', async () => {
    const t = fresh();
    const p = await last();
    const res = await t.post<List>('orderList/oco', {
      symbol: S,
      side: 'SELL',
      quantity: '0.5',
      aboveType: 'LIMIT_MAKER',
      abovePrice: dec(p + 800n * TICK),
      belowType: 'STOP_LOSS',
      belowStopPrice: dec(p - 300n * TICK),
    });
    const [stop, limit] = res.body.orderReports;
    sim.movePrice(S, dec(p - 300n * TICK));
    expect(await status(t, stop!.orderId)).toMatchObject({ status: 'FILLED', isWorking: true });
    expect(await status(t, limit!.orderId)).toMatchObject({ status: 'EXPIRED', expiryReason: 'OCO_TRIGGER' });
    expect(sim.balances(t.apiKey).BTC).toEqual({ free: '99.50000000', locked: '0.00000000' });
  });

  test('BUY: STOP_LOSS above, LIMIT_MAKER below; the legs’ rules and price relationships', async () => {
    const t = fresh();
    const p = await last();
    const buy = await t.post<List>('orderList/oco', {
      symbol: S,
      side: 'BUY',
      quantity: '0.1',
      aboveType: 'STOP_LOSS',
      aboveStopPrice: dec(p + 400n * TICK),
      belowType: 'LIMIT_MAKER',
      belowPrice: dec(p - 400n * TICK),
    });
    expect(buy.status).toBe(200);
    // Locked once: the larger of the legs' needs.
    expect(units(sim.balances(t.apiKey).USDT!.locked)).toBe(((p + 400n * TICK) * 10_000_000n) / 100_000_000n);
    // Each leg gets the parameters its type takes.
    const legParams = (prefix: string, type: string, price: bigint): Json => {
      const out: Json = { [`${prefix}Type`]: type };
      if (type !== 'STOP_LOSS' && type !== 'TAKE_PROFIT') out[`${prefix}Price`] = dec(price);
      if (type !== 'LIMIT_MAKER' && type !== 'LIMIT') out[`${prefix}StopPrice`] = dec(price);
      if (type.endsWith('_LIMIT') || type === 'LIMIT') out[`${prefix}TimeInForce`] = 'GTC';
      return out;
    };
    const oco = (above: string, below: string, side = 'SELL', abovePrice = p + 100n * TICK) =>
      t.post('orderList/oco', {
        symbol: S,
        side,
        quantity: '0.1',
        ...legParams('above', above, abovePrice),
        ...legParams('below', below, p - 100n * TICK),
      } as Record<string, string>);
    expect((await oco('LIMIT', 'STOP_LOSS_LIMIT')).body).toEqual({
      code: -1158,
      msg: 'Order type not supported in OCO.',
    });
    expect((await oco('LIMIT_MAKER', 'TAKE_PROFIT_LIMIT')).body).toEqual({
      code: -1199,
      msg: 'A take profit order in a sell OCO must be above.',
    });
    expect((await oco('STOP_LOSS_LIMIT', 'STOP_LOSS_LIMIT')).body).toEqual({
      code: -1197,
      msg: 'A stop loss order in a sell OCO must be below.',
    });
    expect((await oco('LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'BUY')).body).toEqual({
      code: -1165,
      msg: 'A limit order in a buy OCO must be below.',
    });
    expect((await oco('LIMIT_MAKER', 'LIMIT_MAKER')).body).toEqual({
      code: -1168,
      msg: 'At least one OCO order must be contingent.',
    });
    // A SELL's limit leg must be above the last price and its stop below it.
    const wrong = await oco('LIMIT_MAKER', 'STOP_LOSS_LIMIT', 'SELL', p - 50n * TICK);
    expect(wrong.body).toEqual({
      code: -2010,
      msg: 'The relationship of the prices for the orders is not correct.',
    });
  });
});

describe('OTO and OTOCO', () => {
  test('OTO: the pending order is placed when the working order fills', async () => {
    const t = fresh();
    const p = await last();
    const res = await t.post<List>('orderList/oto', {
      symbol: S,
      workingType: 'LIMIT',
      workingSide: 'BUY',
      workingPrice: dec(p - 300n * TICK),
      workingQuantity: '0.2',
      workingTimeInForce: 'GTC',
      pendingType: 'LIMIT_MAKER',
      pendingSide: 'SELL',
      pendingPrice: dec(p + 300n * TICK),
      pendingQuantity: '0.2',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(Object.keys(trading.orderListPlaced));
    expect(res.body.contingencyType).toBe('OTO');
    const [working, pending] = res.body.orderReports;
    expect(working).toMatchObject({ status: 'NEW', type: 'LIMIT' });
    expect(pending).toMatchObject({ status: 'PENDING_NEW', workingTime: -1, type: 'LIMIT_MAKER' });
    sim.movePrice(S, dec(p - 300n * TICK));
    expect(await status(t, working!.orderId)).toMatchObject({ status: 'FILLED' });
    expect(await status(t, pending!.orderId)).toMatchObject({ status: 'NEW', isWorking: true });
    expect((await t.get<List>('orderList', { orderListId: res.body.orderListId })).body.listOrderStatus).toBe(
      'ALL_DONE',
    );
    expect(sim.orderBook(S).asks.some(([price]) => price === dec(p + 300n * TICK))).toBe(true);
  });

  test('OTO: a pending MARKET order executes the moment the working order fills; trade ids stay unique', async () => {
    const t = fresh();
    const p = await last();
    const res = await t.post<List>('orderList/oto', {
      symbol: S,
      workingType: 'LIMIT',
      workingSide: 'SELL',
      workingPrice: dec(p + 300n * TICK),
      workingQuantity: '0.2',
      workingTimeInForce: 'GTC',
      pendingType: 'MARKET',
      pendingSide: 'BUY',
      pendingQuantity: '0.1',
    });
    const [working, pending] = res.body.orderReports;
    sim.fillOrder(t.apiKey, S, working!.orderId);
    expect(await status(t, working!.orderId)).toMatchObject({ status: 'FILLED' });
    expect(await status(t, pending!.orderId)).toMatchObject({ status: 'FILLED' });
    const mine = (await t.get<Array<{ id: number; orderId: number }>>('myTrades', { symbol: S })).body;
    expect(mine.map((x) => x.orderId)[0]).toBe(working!.orderId);
    const ids = mine.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const tape = await get<Array<{ id: number }>>(
      sim.restUrl,
      `/api/v3/historicalTrades?symbol=${S}&fromId=${ids[0]}&limit=${ids.length}`,
    );
    expect(tape.body.map((x) => x.id)).toEqual(ids);
  });

  test('OTO: when the working order expires, so does the pending one', async () => {
    const t = fresh();
    const p = await last();
    const res = await t.post<List>('orderList/oto', {
      symbol: S,
      workingType: 'LIMIT',
      workingSide: 'BUY',
      workingPrice: dec(p - 300n * TICK),
      workingQuantity: '0.2',
      workingTimeInForce: 'IOC',
      pendingType: 'MARKET',
      pendingSide: 'SELL',
      pendingQuantity: '0.2',
    });
    const [working, pending] = res.body.orderReports;
    expect(working).toMatchObject({ status: 'EXPIRED' });
    expect(await status(t, pending!.orderId)).toMatchObject({
      status: 'EXPIRED',
      expiryReason: 'OTO_PHASE_ONE_EXPIRED',
    });
  });

  test('OTOCO: reported as OTO; the pending pair becomes an OCO once the working order fills', async () => {
    const t = fresh();
    const p = await last();
    const res = await t.post<List>('orderList/otoco', {
      symbol: S,
      workingType: 'LIMIT',
      workingSide: 'SELL',
      workingPrice: dec(p + 200n * TICK),
      workingQuantity: '0.3',
      workingTimeInForce: 'GTC',
      pendingSide: 'BUY',
      pendingQuantity: '0.3',
      pendingAboveType: 'STOP_LOSS_LIMIT',
      pendingAboveStopPrice: dec(p + 600n * TICK),
      pendingAbovePrice: dec(p + 700n * TICK),
      pendingAboveTimeInForce: 'GTC',
      pendingBelowType: 'LIMIT_MAKER',
      pendingBelowPrice: dec(p - 200n * TICK),
    });
    expect(res.status).toBe(200);
    expect(res.body.contingencyType).toBe('OTO');
    expect(res.body.orderReports.map((r) => [r.type, r.status])).toEqual([
      ['LIMIT', 'NEW'],
      ['STOP_LOSS_LIMIT', 'PENDING_NEW'],
      ['LIMIT_MAKER', 'PENDING_NEW'],
    ]);
    const [working, stop, limit] = res.body.orderReports;
    sim.movePrice(S, dec(p + 200n * TICK));
    expect(await status(t, working!.orderId)).toMatchObject({ status: 'FILLED' });
    expect(await status(t, stop!.orderId)).toMatchObject({ status: 'NEW', isWorking: false });
    expect(await status(t, limit!.orderId)).toMatchObject({ status: 'NEW', isWorking: true });
    expect((await t.get<List>('orderList', { orderListId: res.body.orderListId })).body.listOrderStatus).toBe(
      'EXECUTING',
    );
    // Now an OCO: the market comes back down to the limit leg, the stop leg expires.
    sim.movePrice(S, dec(p - 200n * TICK));
    expect(await status(t, limit!.orderId)).toMatchObject({ status: 'FILLED' });
    expect(await status(t, stop!.orderId)).toMatchObject({ status: 'EXPIRED', expiryReason: 'OCO_TRIGGER' });
    expect((await t.get<List>('orderList', { orderListId: res.body.orderListId })).body.listOrderStatus).toBe(
      'ALL_DONE',
    );
  });
});

describe('cancelling and listing', () => {
  const placeOco = (t: Trader, p: bigint, id?: string) =>
    t.post<List>('orderList/oco', {
      symbol: S,
      side: 'SELL',
      quantity: '0.01',
      aboveType: 'LIMIT_MAKER',
      abovePrice: dec(p + 900n * TICK),
      belowType: 'STOP_LOSS',
      belowStopPrice: dec(p - 900n * TICK),
      ...(id ? { listClientOrderId: id } : {}),
    });

  test('DELETE orderList, cancelling one leg, and cancel all open orders', async () => {
    const t = fresh();
    const p = await last();
    const a = await placeOco(t, p, 'list-a');
    const cancel = await t.delete<List>('orderList', { symbol: S, listClientOrderId: 'list-a' });
    expect(Object.keys(cancel.body)).toEqual(Object.keys(trading.orderListPlaced));
    expect(cancel.body).toMatchObject({ listStatusType: 'ALL_DONE', listOrderStatus: 'ALL_DONE' });
    expect(Object.keys(cancel.body.orderReports[0]!)).toEqual(Object.keys(trading.cancelStop));
    expect(cancel.body.orderReports.map((r) => r.status)).toEqual(['CANCELED', 'CANCELED']);
    expect((await t.delete('orderList', { symbol: S, orderListId: a.body.orderListId })).body).toEqual({
      code: -2011,
      msg: 'Unknown order sent.',
    });

    const b = await placeOco(t, p);
    const leg = await t.delete<List>('order', { symbol: S, orderId: b.body.orders[0]!.orderId });
    expect(leg.body.orderListId).toBe(b.body.orderListId);
    expect(leg.body.orderReports.map((r) => r.status)).toEqual(['CANCELED', 'CANCELED']);

    await placeOco(t, p);
    await t.post('order', {
      symbol: S,
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: dec(p - 1000n * TICK),
    });
    const all = await t.delete<Json[]>('openOrders', { symbol: S });
    expect(all.body.map((x) => ('orderReports' in x ? 'list' : 'order'))).toEqual(['list', 'order']);
    expect(sim.balances(t.apiKey)).toMatchObject({
      BTC: { locked: '0.00000000' },
      USDT: { locked: '0.00000000' },
    });

    const lists = await t.get<List[]>('allOrderList');
    expect(lists.body.map((l) => l.orderListId)).toEqual(
      [...lists.body.map((l) => l.orderListId)].sort((x, y) => x - y),
    );
    expect(lists.body).toHaveLength(3);
    for (const l of lists.body) expect(Object.keys(l)).toEqual(Object.keys(trading.orderList));
    expect((await t.get<List[]>('allOrderList', { fromId: lists.body[1]!.orderListId })).body).toHaveLength(
      2,
    );
    expect((await t.get('allOrderList', { fromId: 1, startTime: 1 })).body).toEqual({
      code: -1128,
      msg: 'Combination of optional parameters invalid.',
    });
  });

  test('MAX_NUM_ORDER_LISTS: 20 open lists per symbol', async () => {
    const t = fresh();
    const p = await last();
    // OTO lists without stop legs (OCO stop legs would meet MAX_NUM_ALGO_ORDERS first).
    const oto = () =>
      t.post('orderList/oto', {
        symbol: S,
        workingType: 'LIMIT_MAKER',
        workingSide: 'BUY',
        workingPrice: dec(p - 900n * TICK),
        workingQuantity: '0.01',
        pendingType: 'LIMIT_MAKER',
        pendingSide: 'SELL',
        pendingPrice: dec(p + 900n * TICK),
        pendingQuantity: '0.01',
      });
    for (let i = 0; i < 20; i++) expect((await oto()).status).toBe(200);
    expect((await oto()).body).toEqual({ code: -1013, msg: 'Filter failure: MAX_NUM_ORDER_LISTS' });
  });
});
