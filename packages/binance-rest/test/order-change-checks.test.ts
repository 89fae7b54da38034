// Checks before an open order is changed. Amend keep-priority: the symbol's amendAllowed, newQty
// against LOT_SIZE, and newQty below the order's quantity (Binance: "must be > 0 and < the order's
// quantity") — pure, then on the simulator, where `amendOrder` refuses before sending and, unchecked,
// gets Binance's own -2038 / -1013. cancelReplace: the symbol's cancelReplaceAllowed.

import {
  FilterError,
  type RestClient,
  roundPrice,
  type SymbolInfo,
  ValidationError,
  validateAmendOrder,
} from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Setup, sent, setup, trader } from './helpers.js';

const ETH: SymbolInfo = {
  symbol: 'ETHUSDT',
  status: 'TRADING',
  baseAsset: 'ETH',
  baseAssetPrecision: 8,
  quoteAsset: 'USDT',
  quoteAssetPrecision: 8,
  baseCommissionPrecision: 8,
  quoteCommissionPrecision: 8,
  orderTypes: ['LIMIT', 'MARKET'],
  icebergAllowed: true,
  ocoAllowed: true,
  quoteOrderQtyMarketAllowed: true,
  allowTrailingStop: true,
  cancelReplaceAllowed: true,
  amendAllowed: true,
  isSpotTradingAllowed: true,
  isMarginTradingAllowed: false,
  permissions: [],
  filters: [
    { filterType: 'LOT_SIZE', minQty: '0.00100000', maxQty: '9000.00000000', stepSize: '0.00100000' },
  ],
};

describe('validateAmendOrder', () => {
  test('a lower quantity on the step passes', () => {
    expect(validateAmendOrder(ETH, { newQty: '0.5' }, { origQty: '1.00000000' })).toEqual([]);
    expect(validateAmendOrder(ETH, { newQty: 0.002 })).toEqual([]);
  });

  test('amendAllowed false: a FilterError naming the symbol', () => {
    const [e] = validateAmendOrder({ ...ETH, amendAllowed: false }, { newQty: '0.5' });
    expect(e).toBeInstanceOf(FilterError);
    expect(e).toMatchObject({ filter: 'amendAllowed', parameter: 'symbol', value: 'ETHUSDT' });
    expect(e?.message).toBe(
      'Symbol rule amendAllowed of ETHUSDT: symbol "ETHUSDT" takes no amendments (amend keep-priority) (rule: amendAllowed is true)',
    );
    // An exchangeInfo without the field (older hosts): left to the exchange.
    const { amendAllowed: _omitted, ...older } = ETH;
    expect(validateAmendOrder(older as SymbolInfo, { newQty: '0.5' })).toEqual([]);
  });

  test('LOT_SIZE: step, min and max of newQty, with the nearest valid values', () => {
    const [step] = validateAmendOrder(
      ETH,
      { newQty: '0.5005' },
      { endpoint: 'PUT /api/v3/order/amend/keepPriority' },
    );
    expect(step).toMatchObject({
      filter: 'LOT_SIZE',
      parameter: 'newQty',
      value: '0.5005',
      nearest: ['0.500', '0.501'],
    });
    expect(step?.message).toBe(
      'PUT /api/v3/order/amend/keepPriority: Filter failure: LOT_SIZE of ETHUSDT: newQty "0.5005" is not a multiple of stepSize 0.001; nearest valid newQty: 0.500 or 0.501 (rule: minQty 0.001 <= newQty <= maxQty 9000, a multiple of stepSize 0.001)',
    );
    expect(validateAmendOrder(ETH, { newQty: '0.0005' })[0]).toMatchObject({
      filter: 'LOT_SIZE',
      nearest: ['0.001'],
    });
    expect(validateAmendOrder(ETH, { newQty: '9001' })[0]).toMatchObject({
      filter: 'LOT_SIZE',
      nearest: ['9000.000'],
    });
  });

  test('newQty not below the order quantity, or not positive: a ValidationError naming newQty', () => {
    for (const newQty of ['1', '1.5']) {
      const [e] = validateAmendOrder(ETH, { newQty }, { origQty: '1.00000000' });
      expect(e).toBeInstanceOf(ValidationError);
      expect(e).not.toBeInstanceOf(FilterError);
      expect(e?.message).toBe(
        `parameter 'newQty' is "${newQty}"; allowed: less than the order's quantity 1 (an amendment only lowers it; to raise it, replace the order)`,
      );
    }
    for (const newQty of ['0', '-1', 'abc']) {
      expect(validateAmendOrder(ETH, { newQty })).toEqual([
        expect.objectContaining({ name: 'ValidationError', parameter: 'newQty', value: newQty }),
      ]);
    }
    // Several problems at once: every one is reported.
    expect(
      validateAmendOrder({ ...ETH, amendAllowed: false }, { newQty: '2.0005' }, { origQty: '1' }).map((e) =>
        e instanceof FilterError ? e.filter : e.parameter,
      ),
    ).toEqual(['amendAllowed', 'LOT_SIZE', 'newQty']);
  });
});

describe('on the simulator: refused before sending, Binance agrees when unchecked', () => {
  let env: Setup;
  let sim: Simulator;
  let client: RestClient;

  beforeAll(async () => {
    env = await setup();
    sim = env.sim;
    client = trader(env).client;
  });
  afterAll(() => sim.close());

  async function rest(symbol: string, quantity: string) {
    const info = (await client.exchangeInfoCache.symbol(symbol)) as SymbolInfo;
    const bid = Number(sim.orderBook(symbol, 1).bids[0]?.[0]);
    return client.newOrder({
      symbol,
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity,
      price: roundPrice(info, bid * 0.8, 'down'),
    });
  }

  test('amendAllowed false (BTCUSDT here): FilterError, nothing sent; unchecked, -2038', async () => {
    expect((await client.exchangeInfoCache.symbol('BTCUSDT'))?.amendAllowed).toBe(false);
    const order = await rest('BTCUSDT', '0.002');
    const from = sim.requests().length;
    const params = { symbol: 'BTCUSDT', orderId: order.orderId, newQty: '0.001' } as const;
    await expect(client.amendOrder(params)).rejects.toMatchObject({
      name: 'FilterError',
      filter: 'amendAllowed',
    });
    expect(await client.checkAmendOrder(params)).toEqual([
      expect.objectContaining({ filter: 'amendAllowed' }),
    ]);
    expect(sent(sim, 'PUT', '/api/v3/order/amend/keepPriority', from)).toEqual([]);
    await expect(client.amendOrder(params, { validate: false })).rejects.toMatchObject({
      name: 'ApiError',
      code: -2038,
      msg: 'Order amend is not supported for this symbol.',
    });
  });

  test('newQty off the step: FilterError, nothing sent; unchecked, -1013 LOT_SIZE; on the step it amends', async () => {
    const info = (await client.exchangeInfoCache.symbol('ETHBTC')) as SymbolInfo;
    expect(info.amendAllowed).toBe(true);
    const step = (info.filters.find((f) => f.filterType === 'LOT_SIZE') as { stepSize: string }).stepSize;
    const order = await rest('ETHBTC', '2');
    const from = sim.requests().length;
    // Half a step above 1 (e.g. "1.00005" for a step of 0.0001).
    const decimals = (step.replace(/0+$/, '').split('.')[1] ?? '').length;
    const offStep = `1.${'0'.repeat(decimals)}5`;
    const params = { symbol: 'ETHBTC', orderId: order.orderId, newQty: offStep };
    await expect(client.amendOrder(params)).rejects.toMatchObject({
      name: 'FilterError',
      filter: 'LOT_SIZE',
      parameter: 'newQty',
      value: offStep,
    });
    expect(sent(sim, 'PUT', '/api/v3/order/amend/keepPriority', from)).toEqual([]);
    await expect(client.amendOrder(params, { validate: false })).rejects.toMatchObject({
      name: 'ApiError',
      code: -1013,
      msg: 'Filter failure: LOT_SIZE',
    });
    // Above the order's quantity: found with origQty (the order's quantity), before sending.
    expect(
      await client.checkAmendOrder(
        { symbol: 'ETHBTC', orderId: order.orderId, newQty: '3' },
        { origQty: order.origQty },
      ),
    ).toEqual([expect.objectContaining({ name: 'ValidationError', parameter: 'newQty', value: '3' })]);
    const amended = await client.amendOrder({ symbol: 'ETHBTC', orderId: order.orderId, newQty: '1.5' });
    expect(amended.amendedOrder.qty).toBe('1.50000000');
  });

  test('cancelReplaceAllowed false: cancelReplace and checkCancelReplace refuse before sending', async () => {
    const order = await rest('ETHBTC', '1');
    sim.setSymbolFlags('ETHBTC', { cancelReplaceAllowed: false });
    client.exchangeInfoCache.invalidate();
    const info = (await client.exchangeInfoCache.symbol('ETHBTC')) as SymbolInfo;
    expect(info.cancelReplaceAllowed).toBe(false);
    const params = {
      symbol: 'ETHBTC',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '1',
      price: order.price,
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrderId: order.orderId,
    } as const;
    const from = sim.requests().length;
    const [problem] = await client.checkCancelReplace(params);
    expect(problem).toMatchObject({
      name: 'FilterError',
      filter: 'cancelReplaceAllowed',
      parameter: 'symbol',
    });
    expect(problem?.message).toMatch(
      /^POST \/api\/v3\/order\/cancelReplace: Symbol rule cancelReplaceAllowed of ETHBTC/,
    );
    await expect(client.cancelReplace(params)).rejects.toMatchObject({ filter: 'cancelReplaceAllowed' });
    expect(sent(sim, 'POST', '/api/v3/order/cancelReplace', from)).toEqual([]);
    // The same order as a plain new order passes: only the replacement is refused.
    const { cancelReplaceMode: _mode, cancelOrderId: _id, ...asNewOrder } = params;
    expect(await client.checkOrder(asNewOrder)).toEqual([]);
    // Sent anyway, the exchange refuses it with its own error.
    await expect(client.cancelReplace(params, { validate: false })).rejects.toMatchObject({
      name: 'ApiError',
      code: -2010,
      msg: 'Order cancel-replace is not supported for this symbol.',
    });
    sim.setSymbolFlags('ETHBTC', { cancelReplaceAllowed: true });
    client.exchangeInfoCache.invalidate();
  });
});
