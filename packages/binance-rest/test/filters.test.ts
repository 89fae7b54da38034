// Pre-trade validation. First the pure `validateOrder` / `validateOrderList` on a symbol of known
// rules: every filter, exact decimals, the rule and the nearest valid values. Then against the
// simulator: each filter rejection is a FilterError before anything is sent, and with validation
// switched off the simulator's own -1013 comes back verbatim, for the same filter.

import {
  FilterError,
  type NewOrderParams,
  type RestClient,
  type SymbolInfo,
  validateOrder,
  validateOrderList,
} from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Setup, sent, setup, type Trader, trader } from './helpers.js';

const SYMBOL: SymbolInfo = {
  symbol: 'BTCUSDT',
  status: 'TRADING',
  baseAsset: 'BTC',
  baseAssetPrecision: 8,
  quoteAsset: 'USDT',
  quoteAssetPrecision: 8,
  baseCommissionPrecision: 8,
  quoteCommissionPrecision: 8,
  orderTypes: [
    'LIMIT',
    'LIMIT_MAKER',
    'MARKET',
    'STOP_LOSS',
    'STOP_LOSS_LIMIT',
    'TAKE_PROFIT',
    'TAKE_PROFIT_LIMIT',
  ],
  icebergAllowed: true,
  ocoAllowed: true,
  otoAllowed: true,
  quoteOrderQtyMarketAllowed: true,
  allowTrailingStop: true,
  cancelReplaceAllowed: true,
  isSpotTradingAllowed: true,
  isMarginTradingAllowed: false,
  permissions: [],
  allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  filters: [
    {
      filterType: 'PRICE_FILTER',
      minPrice: '0.01000000',
      maxPrice: '1000000.00000000',
      tickSize: '0.01000000',
    },
    { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
    { filterType: 'ICEBERG_PARTS', limit: 10 },
    { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100.00000000', stepSize: '0.00000000' },
    {
      filterType: 'TRAILING_DELTA',
      minTrailingAboveDelta: 10,
      maxTrailingAboveDelta: 2000,
      minTrailingBelowDelta: 10,
      maxTrailingBelowDelta: 2000,
    },
    {
      filterType: 'PERCENT_PRICE_BY_SIDE',
      bidMultiplierUp: '5',
      bidMultiplierDown: '0.2',
      askMultiplierUp: '2',
      askMultiplierDown: '0.8',
      avgPriceMins: 5,
    },
    {
      filterType: 'NOTIONAL',
      minNotional: '5.00000000',
      applyMinToMarket: true,
      maxNotional: '9000000.00000000',
      applyMaxToMarket: false,
      avgPriceMins: 5,
    },
    { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
    { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    { filterType: 'MAX_NUM_ICEBERG_ORDERS', maxNumIcebergOrders: 5 },
    { filterType: 'MAX_POSITION', maxPosition: '10.00000000' },
    { filterType: 'MAX_NUM_ORDER_LISTS', maxNumOrderLists: 20 },
  ],
};

const limit = (extra: Record<string, unknown> = {}) =>
  ({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '50000', quantity: '0.001', ...extra }) as const;

/** The one failure, as [filter, parameter, nearest]. */
function only(errors: FilterError[]): [string, string, readonly string[]] {
  expect(errors).toHaveLength(1);
  const [e] = errors as [FilterError];
  return [e.filter, e.parameter, e.nearest];
}

describe('validateOrder: each filter, exactly', () => {
  test('a valid order passes; validation is pure and synchronous', () => {
    expect(validateOrder(SYMBOL, limit(), { avgPrice: '50000' })).toEqual([]);
  });

  test('PRICE_FILTER: tick size, bounds, and the stop price too', () => {
    expect(only(validateOrder(SYMBOL, limit({ price: '50000.123' })))).toEqual([
      'PRICE_FILTER',
      'price',
      ['50000.12', '50000.13'],
    ]);
    expect(only(validateOrder(SYMBOL, limit({ price: '0.001', quantity: '9000' })))).toEqual([
      'PRICE_FILTER',
      'price',
      ['0.01'],
    ]);
    expect(only(validateOrder(SYMBOL, limit({ price: '2000000' })))).toEqual([
      'PRICE_FILTER',
      'price',
      ['1000000.00'],
    ]);
    const stop = validateOrder(SYMBOL, {
      side: 'SELL',
      type: 'STOP_LOSS',
      quantity: '0.001',
      stopPrice: '49000.005',
    });
    expect(only(stop)).toEqual(['PRICE_FILTER', 'stopPrice', ['49000.00', '49000.01']]);
    const [error] = stop as [FilterError];
    expect(error).toBeInstanceOf(FilterError);
    expect(error.message).toBe(
      'Filter failure: PRICE_FILTER of BTCUSDT: stopPrice "49000.005" is not a multiple of tickSize 0.01; nearest valid stopPrice: 49000.00 or 49000.01 (rule: minPrice 0.01 <= stopPrice <= maxPrice 1000000, a multiple of tickSize 0.01 (a bound of 0 is not checked))',
    );
    expect(error).toMatchObject({
      symbol: 'BTCUSDT',
      value: '49000.005',
      rule: expect.stringContaining('tickSize'),
    });
  });

  test('LOT_SIZE: step, bounds, and the iceberg quantity; exact where floats are not', () => {
    expect(only(validateOrder(SYMBOL, limit({ quantity: '0.0012345' })))).toEqual([
      'LOT_SIZE',
      'quantity',
      ['0.00123', '0.00124'],
    ]);
    // Several failures come in the order of the symbol's filters.
    expect(validateOrder(SYMBOL, limit({ quantity: '0.000001' })).map((e) => [e.filter, e.nearest])).toEqual([
      ['LOT_SIZE', ['0.00001']],
      ['NOTIONAL', ['0.00010']],
    ]);
    expect(only(validateOrder(SYMBOL, limit({ quantity: '9001', price: '1' })))).toEqual([
      'LOT_SIZE',
      'quantity',
      ['9000.00000'],
    ]);
    // 0.3 is a multiple of 0.1 (0.3 % 0.1 is 0.09999999999999998 in floats).
    const tenths: SymbolInfo = {
      ...SYMBOL,
      filters: [{ filterType: 'LOT_SIZE', minQty: '0.1', maxQty: '100', stepSize: '0.1' }],
    };
    expect(validateOrder(tenths, limit({ quantity: '0.3' }))).toEqual([]);
    expect(only(validateOrder(tenths, limit({ quantity: '0.30000000000000004' })))[0]).toBe('LOT_SIZE');
    expect(
      only(validateOrder(SYMBOL, limit({ quantity: '0.01', icebergQty: '0.0025001' }))).slice(0, 2),
    ).toEqual(['LOT_SIZE', 'icebergQty']);
  });

  test('MARKET_LOT_SIZE for MARKET orders only', () => {
    const market = { side: 'SELL', type: 'MARKET', quantity: '150' } as const;
    expect(only(validateOrder(SYMBOL, market))).toEqual(['MARKET_LOT_SIZE', 'quantity', ['100']]);
    expect(validateOrder(SYMBOL, limit({ quantity: '150', price: '100' }))).toEqual([]);
  });

  test('NOTIONAL: price × quantity; for MARKET orders the average price, and only with applyMinToMarket', () => {
    expect(only(validateOrder(SYMBOL, limit({ price: '1000', quantity: '0.001' })))).toEqual([
      'NOTIONAL',
      'quantity',
      ['0.00500'],
    ]);
    const market = { side: 'BUY', type: 'MARKET', quantity: '0.00005' } as const;
    // Without the average price the market check is left to the exchange.
    expect(validateOrder(SYMBOL, market)).toEqual([]);
    const [error] = validateOrder(SYMBOL, market, { avgPrice: '50000' }) as [FilterError];
    expect(error.filter).toBe('NOTIONAL');
    expect(error.message).toMatch(/makes a notional of 2\.5 at the average price 50000, below minNotional 5/);
    expect(error.nearest).toEqual(['0.00010']);
    expect(
      only(validateOrder(SYMBOL, { side: 'BUY', type: 'MARKET', quoteOrderQty: '4' }, { avgPrice: '50000' })),
    ).toEqual(['NOTIONAL', 'quoteOrderQty', ['5']]);
    const noMarketMin: SymbolInfo = {
      ...SYMBOL,
      filters: [{ filterType: 'MIN_NOTIONAL', minNotional: '5', applyToMarket: false, avgPriceMins: 5 }],
    };
    expect(validateOrder(noMarketMin, market, { avgPrice: '50000' })).toEqual([]);
    expect(only(validateOrder(noMarketMin, limit({ price: '1000' })))[0]).toBe('MIN_NOTIONAL');
  });

  test('PERCENT_PRICE_BY_SIDE: bounds by side around the average price, rounded inwards to the tick', () => {
    const opts = { avgPrice: '50000.005' };
    expect(only(validateOrder(SYMBOL, limit({ price: '250100' }), opts))).toEqual([
      'PERCENT_PRICE_BY_SIDE',
      'price',
      ['250000.02'],
    ]);
    expect(only(validateOrder(SYMBOL, limit({ price: '9999' }), opts))).toEqual([
      'PERCENT_PRICE_BY_SIDE',
      'price',
      ['10000.01'],
    ]);
    // Asks have their own multipliers (0.8 to 2 here).
    expect(only(validateOrder(SYMBOL, limit({ side: 'SELL', price: '39000' }), opts))[0]).toBe(
      'PERCENT_PRICE_BY_SIDE',
    );
    expect(validateOrder(SYMBOL, limit({ side: 'BUY', price: '39000' }), opts)).toEqual([]);
    const old: SymbolInfo = {
      ...SYMBOL,
      filters: [{ filterType: 'PERCENT_PRICE', multiplierUp: '1.3', multiplierDown: '0.7', avgPriceMins: 5 }],
    };
    expect(only(validateOrder(old, limit({ price: '70000' }), { avgPrice: '50000' }))).toEqual([
      'PERCENT_PRICE',
      'price',
      ['65000'],
    ]);
  });

  test('ICEBERG_PARTS: the smallest iceberg quantity that keeps within the parts', () => {
    const [error] = validateOrder(SYMBOL, limit({ quantity: '0.01', icebergQty: '0.0005' })) as [FilterError];
    expect(error.filter).toBe('ICEBERG_PARTS');
    expect(error.message).toMatch(/splits the quantity 0\.01 into 20 parts, more than the limit of 10/);
    expect(error.nearest).toEqual(['0.00100']);
  });

  test('TRAILING_DELTA: above and below bounds by type and side', () => {
    const trailing = (side: 'BUY' | 'SELL', type: string, trailingDelta: number) =>
      validateOrder(SYMBOL, { side, type, quantity: '0.001', trailingDelta });
    expect(only(trailing('SELL', 'STOP_LOSS', 5))).toEqual(['TRAILING_DELTA', 'trailingDelta', ['10']]);
    expect(only(trailing('BUY', 'STOP_LOSS', 3000))).toEqual(['TRAILING_DELTA', 'trailingDelta', ['2000']]);
    expect(trailing('SELL', 'TAKE_PROFIT', 100)).toEqual([]);
  });

  test('the count filters and MAX_POSITION, checked when the open orders and position are given', () => {
    const stop = { side: 'SELL', type: 'STOP_LOSS', quantity: '0.001', stopPrice: '40000' } as const;
    expect(validateOrder(SYMBOL, stop)).toEqual([]);
    expect(only(validateOrder(SYMBOL, stop, { openOrders: { orders: 12, algoOrders: 5 } }))[0]).toBe(
      'MAX_NUM_ALGO_ORDERS',
    );
    expect(only(validateOrder(SYMBOL, limit(), { openOrders: { orders: 200 } }))).toEqual([
      'MAX_NUM_ORDERS',
      'symbol',
      [],
    ]);
    expect(
      only(
        validateOrder(SYMBOL, limit({ icebergQty: '0.0005' }), {
          openOrders: { orders: 5, icebergOrders: 5 },
        }),
      )[0],
    ).toBe('MAX_NUM_ICEBERG_ORDERS');
    const [position] = validateOrder(SYMBOL, limit({ quantity: '2', price: '10' }), { position: '9.5' }) as [
      FilterError,
    ];
    expect(position.filter).toBe('MAX_POSITION');
    expect(position.nearest).toEqual(['0.50000']);
    expect(
      validateOrder(SYMBOL, limit({ side: 'SELL', quantity: '2', price: '50000' }), { position: '9.5' }),
    ).toEqual([]);
  });

  test("the symbol's own rules: status, order types, feature flags, STP modes", () => {
    expect(only(validateOrder({ ...SYMBOL, status: 'HALT' }, limit()))[0]).toBe('status');
    expect(
      only(
        validateOrder({ ...SYMBOL, orderTypes: ['LIMIT'] }, { side: 'BUY', type: 'MARKET', quantity: '1' }),
      )[0],
    ).toBe('orderTypes');
    expect(
      only(
        validateOrder({ ...SYMBOL, icebergAllowed: false }, limit({ quantity: '0.01', icebergQty: '0.005' })),
      ),
    ).toEqual(['icebergAllowed', 'icebergQty', []]);
    expect(
      only(
        validateOrder(
          { ...SYMBOL, allowTrailingStop: false },
          { side: 'SELL', type: 'STOP_LOSS', quantity: '1', trailingDelta: 100 },
        ),
      )[0],
    ).toBe('allowTrailingStop');
    const [stp] = validateOrder(SYMBOL, limit({ selfTradePreventionMode: 'DECREMENT' })) as [FilterError];
    expect(stp).toMatchObject({
      filter: 'allowedSelfTradePreventionModes',
      parameter: 'selfTradePreventionMode',
    });
    expect(stp.message).toMatch(/^Symbol rule allowedSelfTradePreventionModes/);
  });

  test('validateOrderList: every leg under its own names; the list counts once', () => {
    const oco = {
      symbol: 'BTCUSDT',
      side: 'SELL',
      quantity: '0.001',
      aboveType: 'LIMIT_MAKER',
      abovePrice: '60000.001',
      belowType: 'STOP_LOSS',
      belowStopPrice: '40000',
    };
    expect(validateOrderList(SYMBOL, 'OCO', oco).map((e) => [e.filter, e.parameter])).toEqual([
      ['PRICE_FILTER', 'abovePrice'],
    ]);
    const lists = validateOrderList(
      SYMBOL,
      'OCO',
      { ...oco, abovePrice: '60000' },
      { openOrders: { orders: 199, orderLists: 20 } },
    );
    expect(lists.map((e) => e.filter)).toEqual(['MAX_NUM_ORDERS', 'MAX_NUM_ORDER_LISTS']);
    expect(validateOrderList({ ...SYMBOL, otoAllowed: false }, 'OTOCO', {})[0]?.filter).toBe('otoAllowed');
  });
});

describe('against the simulator: FilterError before sending, -1013 verbatim without validation', () => {
  let env: Setup;
  let sim: Simulator;
  let t: Trader;
  let client: RestClient;

  beforeAll(async () => {
    env = await setup();
    sim = env.sim;
    t = trader(env);
    client = t.client;
  });
  afterAll(() => sim.close());

  const best = (symbol: string, side: 'bids' | 'asks') => Number(sim.orderBook(symbol, 1)[side][0]?.[0]);

  async function rejectedBoth(params: NewOrderParams, filter: string): Promise<FilterError> {
    const from = sim.requests().length;
    const error = await client.newOrder(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilterError);
    expect((error as FilterError).filter).toBe(filter);
    expect(sent(sim, 'POST', '/api/v3/order', from)).toEqual([]);
    const raw = await client.newOrder(params, { validate: false }).catch((e: unknown) => e);
    expect(raw).toMatchObject({
      name: 'ApiError',
      status: 400,
      code: -1013,
      msg: `Filter failure: ${filter}`,
    });
    return error as FilterError;
  }

  test('PRICE_FILTER, LOT_SIZE and MARKET_LOT_SIZE', async () => {
    const bid = best('BTCUSDT', 'bids');
    const base = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC' } as const;
    const price = await rejectedBoth(
      { ...base, quantity: '0.001', price: `${(bid * 0.99).toFixed(2)}5` },
      'PRICE_FILTER',
    );
    expect(price.nearest).toHaveLength(2);
    // The nearest values pass.
    const fixed = await client.testOrder({ ...base, quantity: '0.001', price: price.nearest[0] as string });
    expect(fixed).toEqual({});
    await rejectedBoth({ ...base, quantity: '0.000015', price: (bid * 0.99).toFixed(2) }, 'LOT_SIZE');
    await rejectedBoth({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '5' }, 'MARKET_LOT_SIZE');
  });

  test('NOTIONAL for limit and (with the average price) market orders; MIN_NOTIONAL; both percent-price filters', async () => {
    const bid = best('BTCUSDT', 'bids');
    await rejectedBoth(
      {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.0001',
        price: (bid * 0.99).toFixed(2),
      },
      'NOTIONAL',
    );
    const market = await rejectedBoth(
      { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.0001' },
      'NOTIONAL',
    );
    expect(market.message).toMatch(/at the average price/);
    expect(sent(sim, 'GET', '/api/v3/avgPrice').length).toBeGreaterThan(0);
    await rejectedBoth(
      {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.001',
        price: (bid * 6).toFixed(2),
      },
      'PERCENT_PRICE_BY_SIDE',
    );
    const jpy = best('BTCJPY', 'bids');
    await rejectedBoth(
      {
        symbol: 'BTCJPY',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.001',
        price: (jpy * 0.1).toFixed(0),
      },
      'PERCENT_PRICE',
    );
    await rejectedBoth(
      {
        symbol: 'BTCJPY',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.00001',
        price: (jpy * 0.99).toFixed(0),
      },
      'MIN_NOTIONAL',
    );
  });

  test('ICEBERG_PARTS and TRAILING_DELTA', async () => {
    const bid = best('BTCUSDT', 'bids');
    await rejectedBoth(
      {
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.01',
        icebergQty: '0.0005',
        price: (bid * 0.99).toFixed(2),
      },
      'ICEBERG_PARTS',
    );
    await rejectedBoth(
      { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS', quantity: '0.001', trailingDelta: 5 },
      'TRAILING_DELTA',
    );
  });

  test('MAX_NUM_ALGO_ORDERS counts the open stop orders; MAX_POSITION the position', async () => {
    const bid = best('ETHBTC', 'bids');
    const stop = (i: number) =>
      ({
        symbol: 'ETHBTC',
        side: 'SELL',
        type: 'STOP_LOSS',
        quantity: '0.01',
        stopPrice: (bid * (0.9 - i * 0.01)).toFixed(5),
      }) as const;
    for (let i = 0; i < 5; i++) await client.newOrder(stop(i), { validate: false });
    const error = await rejectedBoth(stop(6), 'MAX_NUM_ALGO_ORDERS');
    expect(error.message).toMatch(/already has 5 open stop orders; MAX_NUM_ALGO_ORDERS allows 5/);
    await client.cancelOpenOrders({ symbol: 'ETHBTC' });
    // BNBFDUSD allows a position of 1000 BNB; the account holds 10000.
    const bnb = best('BNBFDUSD', 'bids');
    const position = await rejectedBoth(
      {
        symbol: 'BNBFDUSD',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '1',
        price: (bnb * 0.99).toFixed(4),
      },
      'MAX_POSITION',
    );
    expect(position.message).toMatch(/position in BNB to 10001, above maxPosition 1000/);
  });

  test('checkOrder lists every problem without sending; validation off skips the lookups', async () => {
    const problems = await client.checkOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.0000155',
      price: '1.005',
    });
    expect(problems.map((p) => p.filter)).toEqual([
      'PRICE_FILTER',
      'LOT_SIZE',
      'PERCENT_PRICE_BY_SIDE',
      'NOTIONAL',
    ]);
    const ocoProblems = await client.checkOrderList('OCO', {
      symbol: 'ETHBTC',
      side: 'SELL',
      quantity: '0.0105',
      aboveType: 'LIMIT_MAKER',
      abovePrice: (best('ETHBTC', 'asks') * 1.1).toFixed(5),
      belowType: 'STOP_LOSS',
      belowStopPrice: (best('ETHBTC', 'bids') * 0.9).toFixed(5),
    });
    expect(ocoProblems.map((p) => [p.filter, p.parameter])).toEqual([
      ['LOT_SIZE', 'quantity'],
      ['LOT_SIZE', 'quantity'],
    ]);
    const quiet = t.makeClient({ validation: false });
    const from = sim.requests().length;
    const error = await quiet
      .newOrder({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'GTC',
        quantity: '0.001',
        price: '1.005',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', code: -1013, msg: 'Filter failure: PRICE_FILTER' });
    // No lookups for validation: exchangeInfo of the symbol (for its ORDERS limits), the clock, the order.
    expect(
      sim
        .requests()
        .slice(from)
        .map((r) => `${r.path}?${r.query}`.replace(/timestamp=.*/, '…')),
    ).toEqual([
      '/api/v3/exchangeInfo?symbol=BTCUSDT',
      '/api/v3/time?',
      '/api/v3/time?',
      '/api/v3/time?',
      '/api/v3/order?',
    ]);
  });
});
