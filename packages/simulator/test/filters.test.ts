// Every filter rejection with Binance's exact "-1013 Filter failure: X" message, and the parameter
// errors of new orders (-1100, -1102, -1104, -1106, -1111, -1114 … -1117, -1121, -1134, -2010).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Account } from '../src/accounts/account.js';
import { Clock } from '../src/clock.js';
import { type Simulator, startSimulator } from '../src/index.js';
import { Market } from '../src/market/market.js';
import { checkFilters } from '../src/trading/filters.js';
import type { Order } from '../src/trading/order.js';
import { dec, units } from './helpers/decimal.js';
import { get, manualClock, T0 } from './helpers/http.js';
import { type Trader, trader } from './helpers/signed.js';

let sim: Simulator;
let t: Trader;
const clock = manualClock();
const RICH = { USDT: '100000000', BTC: '1000', ETH: '100000', BRL: '100000000000', TRY: '10000000000' };

beforeAll(async () => {
  // Seed 13 lists ETHBRL with MAX_POSITION, MAX_NUM_ICEBERG_ORDERS and MAX_NUM_ORDERS 25, and
  // BTCTRY with the older PERCENT_PRICE and MIN_NOTIONAL.
  sim = await startSimulator({ seed: 13, now: clock.now, weightLimit: 10_000_000, maxOrdersPer10s: 10_000 });
  t = trader(sim, 'HMAC', { balances: RICH });
});
afterAll(() => sim.close());

type Filter = Record<string, string | number | boolean>;
const filtersOf = async (symbol: string) => {
  const res = await get<{ symbols: Array<{ filters: Filter[] }> }>(
    sim.restUrl,
    `/api/v3/exchangeInfo?symbol=${symbol}`,
  );
  return Object.fromEntries(res.body.symbols[0]!.filters.map((f) => [f.filterType, f])) as Record<
    string,
    Filter
  >;
};
const avg = async (symbol: string) =>
  units((await get<{ price: string }>(sim.restUrl, `/api/v3/avgPrice?symbol=${symbol}`)).body.price);
const place = (params: Record<string, string | number>, who = t) => who.post('order', params);
const failure = (filter: string) => ({ code: -1013, msg: `Filter failure: ${filter}` });
const bid = (symbol: string) => units(sim.orderBook(symbol, 1).bids[0]![0]);
const limit = (symbol: string, side: string, quantity: string, price: bigint, extra = {}) =>
  place({ symbol, side, type: 'LIMIT', timeInForce: 'GTC', quantity, price: dec(price), ...extra });

describe('symbol filters', () => {
  test('PRICE_FILTER: tick size, minimum and maximum, for price and stopPrice', async () => {
    const f = (await filtersOf('BTCUSDT')).PRICE_FILTER!;
    const p = bid('BTCUSDT');
    expect((await limit('BTCUSDT', 'BUY', '0.001', p + 1n)).body).toEqual(failure('PRICE_FILTER'));
    expect(
      (await limit('BTCUSDT', 'BUY', '0.001', units(String(f.maxPrice)) + units(String(f.tickSize)))).body,
    ).toEqual(failure('PRICE_FILTER'));
    expect((await limit('BTCUSDT', 'BUY', '1', units(String(f.minPrice)) - 1n)).body).toEqual(
      failure('PRICE_FILTER'),
    );
    const stop = await place({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'STOP_LOSS',
      quantity: '0.001',
      stopPrice: dec(p - 100_000_000n + 1n),
    });
    expect(stop.body).toEqual(failure('PRICE_FILTER'));
  });

  test('PERCENT_PRICE_BY_SIDE (BTCUSDT) and PERCENT_PRICE (BTCTRY) against the average price', async () => {
    const a = await avg('BTCUSDT');
    const tick = 1_000_000n;
    const high = ((a * 51n) / 10n / tick) * tick; // above 5 × average
    const low = ((a * 19n) / 100n / tick) * tick; // below 0.2 × average
    expect((await limit('BTCUSDT', 'SELL', '0.001', high)).body).toEqual(failure('PERCENT_PRICE_BY_SIDE'));
    expect((await limit('BTCUSDT', 'BUY', '1', low)).body).toEqual(failure('PERCENT_PRICE_BY_SIDE'));
    const tryFilters = await filtersOf('BTCTRY');
    const tryTick = units(String(tryFilters.PRICE_FILTER!.tickSize));
    const b = await avg('BTCTRY');
    const tooHigh = ((b * 51n) / 10n / tryTick) * tryTick;
    expect((await limit('BTCTRY', 'SELL', '0.001', tooHigh)).body).toEqual(failure('PERCENT_PRICE'));
  });

  test('LOT_SIZE: step, minimum, maximum, and for icebergQty', async () => {
    const p = bid('BTCUSDT') - 100_000_000n;
    expect((await limit('BTCUSDT', 'BUY', '0.000015', p)).body).toEqual(failure('LOT_SIZE'));
    expect((await limit('BTCUSDT', 'BUY', '0.000001', p)).body).toEqual(failure('LOT_SIZE'));
    expect((await limit('BTCUSDT', 'SELL', '901', p * 2n)).body).toEqual(failure('LOT_SIZE'));
    expect((await limit('BTCUSDT', 'BUY', '0.01', p, { icebergQty: '0.000015' })).body).toEqual(
      failure('LOT_SIZE'),
    );
  });

  test('MARKET_LOT_SIZE limits MARKET quantities', async () => {
    const max = units(String((await filtersOf('BTCUSDT')).MARKET_LOT_SIZE!.maxQty));
    const res = await place({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: dec(max + 100_000_000n),
    });
    expect(res.body).toEqual(failure('MARKET_LOT_SIZE'));
  });

  test('NOTIONAL (min, also for MARKET and quoteOrderQty) and MIN_NOTIONAL', async () => {
    const p = bid('BTCUSDT') - 100_000_000n;
    expect((await limit('BTCUSDT', 'BUY', '0.00001', p)).body).toEqual(failure('NOTIONAL'));
    expect(
      (await place({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.00001' })).body,
    ).toEqual(failure('NOTIONAL'));
    expect(
      (await place({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '9' })).body,
    ).toEqual(failure('NOTIONAL'));
    expect((await limit('BTCTRY', 'BUY', '0.00001', bid('BTCTRY'))).body).toEqual(failure('MIN_NOTIONAL'));
  });

  test('ICEBERG_PARTS and TRAILING_DELTA', async () => {
    const p = bid('BTCUSDT') - 100_000_000n;
    expect((await limit('BTCUSDT', 'BUY', '1', p, { icebergQty: '0.01' })).body).toEqual(
      failure('ICEBERG_PARTS'),
    );
    for (const delta of [9, 2001]) {
      const res = await place({
        symbol: 'BTCUSDT',
        side: 'SELL',
        type: 'STOP_LOSS',
        quantity: '0.001',
        trailingDelta: delta,
      });
      expect(res.body).toEqual(failure('TRAILING_DELTA'));
    }
    const ok = await place({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'STOP_LOSS',
      quantity: '0.001',
      trailingDelta: 10,
    });
    expect(ok.status).toBe(200);
  });

  test('MAX_NUM_ALGO_ORDERS: five open stop orders per symbol', async () => {
    const who = trader(sim, 'HMAC', { balances: RICH });
    const stop = dec(bid('BTCUSDT') - 1_000_000_000n);
    const params = { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS', quantity: '0.001', stopPrice: stop };
    for (let i = 0; i < 5; i++) expect((await place(params, who)).status).toBe(200);
    expect((await place(params, who)).body).toEqual(failure('MAX_NUM_ALGO_ORDERS'));
  });

  test('MAX_NUM_ORDERS and MAX_NUM_ICEBERG_ORDERS (ETHBRL: 25 and 5)', async () => {
    // No ETH: ETHBRL's MAX_POSITION (100) must not get in the way.
    const who = trader(sim, 'HMAC', { balances: { BRL: '100000000000' } });
    const p = bid('ETHBRL');
    const lim = (q: string, extra = {}) =>
      place(
        {
          symbol: 'ETHBRL',
          side: 'BUY',
          type: 'LIMIT',
          timeInForce: 'GTC',
          quantity: q,
          price: dec(p),
          ...extra,
        },
        who,
      );
    for (let i = 0; i < 5; i++) expect((await lim('2', { icebergQty: '1' })).status).toBe(200);
    expect((await lim('2', { icebergQty: '1' })).body).toEqual(failure('MAX_NUM_ICEBERG_ORDERS'));
    for (let i = 0; i < 20; i++) expect((await lim('1')).status).toBe(200);
    expect((await lim('1')).body).toEqual(failure('MAX_NUM_ORDERS'));
  });

  test('MAX_POSITION: free + locked base + open BUY quantities + the order', async () => {
    const who = trader(sim, 'HMAC', { balances: { ETH: '97', BRL: '100000000000' } });
    const p = bid('ETHBRL');
    const buy = (q: string) =>
      place(
        { symbol: 'ETHBRL', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: q, price: dec(p) },
        who,
      );
    expect((await buy('2')).status).toBe(200);
    expect((await buy('2')).body).toEqual(failure('MAX_POSITION'));
    expect((await buy('1')).status).toBe(200);
  });
});

describe('exchange filters', () => {
  test('EXCHANGE_MAX_NUM_ORDERS and EXCHANGE_MAX_NUM_ALGO_ORDERS count an account’s open orders on every symbol', () => {
    const market = new Market({ seed: 1, symbolCount: 10, historyDays: 1 }, new Clock(() => T0));
    const sm = market.get('BTCUSDT')!;
    const account = new Account(
      1,
      { maker: 0n, taker: 0n, buyer: 0n, seller: 0n },
      {
        canTrade: true,
        canWithdraw: true,
        canDeposit: true,
        permissions: ['SPOT'],
      },
      { per10s: 100, perDay: 1000 },
    );
    const fake = (symbol: string, algo: boolean) =>
      ({
        symbol,
        isOpen: () => true,
        isAlgo: () => algo,
        isIceberg: () => false,
        buy: false,
      }) as unknown as Order;
    const order = {
      side: 'SELL' as const,
      type: 'LIMIT' as const,
      price: 10_000_000_000_000n,
      stopPrice: 0n,
      quantity: 10_000_000n,
      quoteOrderQty: 0n,
      icebergQty: null,
      trailingDelta: null,
    };
    const ctx = { sm, account, now: T0, adds: { orders: 1, algo: 0, iceberg: 0 } };
    account.orders.set(
      'ETHUSDT',
      Array.from({ length: 999 }, () => fake('ETHUSDT', false)),
    );
    expect(() => checkFilters(order, ctx)).not.toThrow();
    account.orders.get('ETHUSDT')!.push(fake('ETHUSDT', false));
    expect(() => checkFilters(order, ctx)).toThrow('Filter failure: EXCHANGE_MAX_NUM_ORDERS');
    account.orders.set(
      'ETHUSDT',
      Array.from({ length: 200 }, () => fake('ETHUSDT', true)),
    );
    const stop = { ...order, type: 'STOP_LOSS' as const, price: 0n, stopPrice: 5_000_000_000_000n };
    expect(() => checkFilters(stop, { ...ctx, adds: { orders: 1, algo: 1, iceberg: 0 } })).toThrow(
      'Filter failure: EXCHANGE_MAX_NUM_ALGO_ORDERS',
    );
  });
});

describe('parameter errors', () => {
  const base = { symbol: 'BTCUSDT', side: 'BUY' };
  const cases: Array<[string, Record<string, string | number>, { code: number; msg: string }]> = [
    [
      'LIMIT without timeInForce',
      { type: 'LIMIT', quantity: '1', price: '1' },
      {
        code: -1102,
        msg: "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.",
      },
    ],
    [
      'LIMIT without price',
      { type: 'LIMIT', timeInForce: 'GTC', quantity: '1' },
      {
        code: -1102,
        msg: "Mandatory parameter 'price' was not sent, was empty/null, or malformed.",
      },
    ],
    [
      'MARKET without quantity',
      { type: 'MARKET' },
      {
        code: -1102,
        msg: "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
      },
    ],
    [
      'STOP_LOSS without a stop',
      { type: 'STOP_LOSS', quantity: '1' },
      {
        code: -1102,
        msg: "Param 'stopPrice' or 'trailingDelta' must be sent, but both were empty/null!",
      },
    ],
    [
      'MARKET with a price',
      { type: 'MARKET', quantity: '1', price: '1' },
      {
        code: -1106,
        msg: "Parameter 'price' sent when not required.",
      },
    ],
    [
      'LIMIT with a stopPrice',
      { type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '1', stopPrice: '1' },
      {
        code: -1106,
        msg: "Parameter 'stopPrice' sent when not required.",
      },
    ],
    [
      'MARKET with a timeInForce',
      { type: 'MARKET', quantity: '1', timeInForce: 'GTC' },
      {
        code: -1114,
        msg: 'TimeInForce parameter sent when not required.',
      },
    ],
    [
      'an unknown timeInForce',
      { type: 'LIMIT', timeInForce: 'GTX', quantity: '1', price: '1' },
      {
        code: -1115,
        msg: 'Invalid timeInForce.',
      },
    ],
    ['an unknown type', { type: 'LIMITED', quantity: '1' }, { code: -1116, msg: 'Invalid orderType.' }],
    [
      'an unknown side',
      { type: 'MARKET', quantity: '1', side: 'HOLD' },
      { code: -1117, msg: 'Invalid side.' },
    ],
    [
      'too many decimals',
      { type: 'MARKET', quantity: '0.000000001' },
      {
        code: -1111,
        msg: "Parameter 'quantity' has too much precision.",
      },
    ],
    [
      'not a decimal',
      { type: 'MARKET', quantity: '1e3' },
      {
        code: -1100,
        msg: "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.",
      },
    ],
    [
      'a bad client order id',
      { type: 'MARKET', quantity: '1', newClientOrderId: 'no spaces' },
      {
        code: -1100,
        msg: "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.",
      },
    ],
    [
      'a small strategyType',
      { type: 'MARKET', quantity: '1', strategyType: 5 },
      {
        code: -1134,
        msg: '`strategyType` was less than 1000000.',
      },
    ],
    [
      'an unknown symbol',
      { type: 'MARKET', quantity: '1', symbol: 'NOPEUSDT' },
      { code: -1121, msg: 'Invalid symbol.' },
    ],
    [
      'an unknown parameter',
      { type: 'MARKET', quantity: '1', colour: 'red' },
      {
        code: -1104,
        msg: "Not all sent parameters were read; read '6' parameter(s) but was sent '7'.",
      },
    ],
    [
      'an iceberg that is not GTC',
      { type: 'LIMIT', timeInForce: 'IOC', quantity: '1', price: '1', icebergQty: '0.5' },
      {
        code: -2010,
        msg: 'Unsupported order combination',
      },
    ],
    [
      'a pegged order',
      { type: 'LIMIT', timeInForce: 'GTC', quantity: '1', pegPriceType: 'PRIMARY_PEG' },
      {
        code: -2010,
        msg: 'Pegged orders are not supported for this symbol.',
      },
    ],
  ];
  test.each(cases)('%s', async (_what, params, expected) => {
    const res = await place({ ...base, ...params });
    expect(res).toMatchObject({ status: 400, body: expected });
  });

  test('icebergQty must be less than the quantity; halted symbols are closed', async () => {
    const p = bid('BTCUSDT') - 100_000_000n;
    expect((await limit('BTCUSDT', 'BUY', '0.01', p, { icebergQty: '0.01' })).body).toEqual({
      code: -2010,
      msg: 'IcebergQty exceeds QTY.',
    });
    const halted = await get<{ symbols: Array<{ symbol: string }> }>(
      sim.restUrl,
      '/api/v3/exchangeInfo?symbolStatus=HALT',
    );
    const symbol = halted.body.symbols[0]!.symbol;
    const res = await place({ symbol, side: 'BUY', type: 'MARKET', quantity: '1' });
    expect(res.body).toEqual({ code: -2010, msg: 'Market is closed.' });
  });
});
