// Parameters of the signed endpoints, checked before anything is sent (the client points at a port
// where nothing listens, so any request would fail differently): which parameters each order type
// needs and refuses, order lists' legs, the combinations the history endpoints allow. Every error
// names the parameter, the value and what is allowed.

import { createRestClient, type RestClient, ValidationError } from '@binance-mcp/rest';
import { beforeAll, describe, expect, test } from 'vitest';
import { refusingUrl } from './helpers.js';

let client: RestClient;

beforeAll(async () => {
  client = createRestClient({
    baseUrl: await refusingUrl(),
    credentials: {
      apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
      apiSecret: 'x',
    },
    retry: false,
  });
});

/** The ValidationError a call rejects with, as [parameter, value, allowed]. */
async function refused(call: () => Promise<unknown>): Promise<[string, unknown, string, string]> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  const v = error as ValidationError;
  return [v.parameter, v.value, v.allowed, v.message];
}

// Calls with deliberately wrong parameters: the types would refuse most of them at compile time.
// biome-ignore lint/suspicious/noExplicitAny: see above
const loose = (fn: (params: any) => Promise<unknown>) => (params: Record<string, unknown>) => () =>
  fn(params);

describe('new orders: what each type needs and refuses', () => {
  const order = loose((p) => client.newOrder(p));
  const base = { symbol: 'BTCUSDT', side: 'BUY' };

  test('LIMIT needs timeInForce, quantity and price', async () => {
    const [parameter, value, allowed, message] = await refused(
      order({ ...base, type: 'LIMIT', quantity: '1', price: '1' }),
    );
    expect([parameter, value, allowed]).toEqual([
      'timeInForce',
      undefined,
      'required for a LIMIT order: GTC, IOC or FOK',
    ]);
    expect(message).toBe(
      "POST /api/v3/order: parameter 'timeInForce' is missing; allowed: required for a LIMIT order: GTC, IOC or FOK",
    );
    expect((await refused(order({ ...base, type: 'LIMIT', timeInForce: 'GTC', quantity: '1' })))[0]).toBe(
      'price',
    );
    expect((await refused(order({ ...base, type: 'LIMIT', timeInForce: 'GTC', price: '1' })))[0]).toBe(
      'quantity',
    );
  });

  test('MARKET takes quantity or quoteOrderQty, not both, and no price', async () => {
    expect(await refused(order({ ...base, type: 'MARKET', quantity: '1', quoteOrderQty: '10' }))).toEqual([
      'quoteOrderQty',
      '10',
      "either 'quantity' or 'quoteOrderQty' for a MARKET order, not both",
      expect.any(String),
    ]);
    expect((await refused(order({ ...base, type: 'MARKET' })))[2]).toBe(
      "required for a MARKET order: 'quantity' (base asset), or instead 'quoteOrderQty' (quote asset to spend or receive)",
    );
    const [parameter, value, allowed] = await refused(
      order({ ...base, type: 'MARKET', quantity: '1', price: '1' }),
    );
    expect([parameter, value]).toEqual(['price', '1']);
    expect(allowed).toMatch(/^no 'price' for a MARKET order \(it executes at the market/);
    expect((await refused(order({ ...base, type: 'MARKET', quantity: '1', timeInForce: 'GTC' })))[0]).toBe(
      'timeInForce',
    );
  });

  test('stops need stopPrice and/or trailingDelta; other types take neither', async () => {
    expect((await refused(order({ ...base, type: 'STOP_LOSS', quantity: '1' })))[2]).toBe(
      "required for a STOP_LOSS order: 'stopPrice' and/or 'trailingDelta'",
    );
    expect(
      (
        await refused(
          order({ ...base, type: 'TAKE_PROFIT_LIMIT', quantity: '1', price: '1', stopPrice: '1' }),
        )
      )[0],
    ).toBe('timeInForce');
    expect(
      (
        await refused(
          order({
            ...base,
            type: 'LIMIT',
            timeInForce: 'GTC',
            quantity: '1',
            price: '1',
            trailingDelta: 100,
          }),
        )
      )[0],
    ).toBe('trailingDelta');
    expect(
      (
        await refused(order({ ...base, type: 'LIMIT_MAKER', quantity: '1', price: '1', timeInForce: 'GTC' }))
      )[2],
    ).toBe(
      "no 'timeInForce' for a LIMIT_MAKER order (only LIMIT, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT take one)",
    );
  });

  test('icebergs need GTC and a priced type; pegs go with priced types and together', async () => {
    const limit = { ...base, type: 'LIMIT', quantity: '1', price: '1' };
    expect(await refused(order({ ...limit, timeInForce: 'IOC', icebergQty: '0.1' }))).toEqual([
      'timeInForce',
      'IOC',
      "GTC for an iceberg order ('icebergQty' is set), not IOC",
      expect.any(String),
    ]);
    expect((await refused(order({ ...base, type: 'MARKET', quantity: '1', icebergQty: '0.1' })))[0]).toBe(
      'icebergQty',
    );
    expect((await refused(order({ ...limit, timeInForce: 'GTC', pegOffsetValue: 2 })))[0]).toBe(
      'pegPriceType',
    );
    expect(
      (await refused(order({ ...base, type: 'LIMIT_MAKER', quantity: '1', pegPriceType: 'MARKET_PEG' })))[2],
    ).toBe('PRIMARY_PEG for a LIMIT_MAKER order (a MARKET_PEG would take liquidity)');
  });

  test('values: decimals, ids, enums, misspelt names', async () => {
    const limit = { ...base, type: 'LIMIT', timeInForce: 'GTC', price: '1' };
    for (const quantity of ['abc', '-1', '0', '1e-5', '', Number.NaN]) {
      const [parameter, value, allowed] = await refused(order({ ...limit, quantity }));
      expect([parameter, value]).toEqual(['quantity', quantity]);
      expect(allowed).toMatch(/^the quantity in the base asset: a positive decimal as a string/);
    }
    expect((await refused(order({ ...limit, quantity: '1', newClientOrderId: 'has space' })))[2]).toBe(
      '1 to 36 characters: letters, digits and . : / _ - (unique among open orders)',
    );
    expect((await refused(order({ ...limit, quantity: '1', strategyType: 999 })))[0]).toBe('strategyType');
    expect((await refused(order({ ...limit, quantity: '1', side: 'buy' })))[0]).toBe('side');
    const [parameter, , allowed] = await refused(order({ ...limit, quanity: '1' }));
    expect(parameter).toBe('quanity');
    expect(allowed).toMatch(/^only the parameters of newOrder: symbol, side, type, timeInForce, quantity/);
  });

  test('per-call recvWindow within Binance’s bounds', async () => {
    const call = () => client.account({}, { recvWindow: 60_001 });
    expect((await refused(call))[0]).toBe('options.recvWindow');
  });
});

describe('cancelReplace, queries and cancels need an order', () => {
  test('one of the ids', async () => {
    expect((await refused(loose((p) => client.getOrder(p))({ symbol: 'BTCUSDT' })))[2]).toBe(
      "one of 'orderId' or 'origClientOrderId' is required",
    );
    expect((await refused(loose((p) => client.cancelOrder(p))({ symbol: 'BTCUSDT' })))[0]).toBe('orderId');
    expect(
      (
        await refused(
          loose((p) => client.cancelReplace(p))({
            symbol: 'BTCUSDT',
            side: 'BUY',
            type: 'MARKET',
            quantity: '1',
            cancelReplaceMode: 'STOP_ON_FAILURE',
          }),
        )
      )[0],
    ).toBe('cancelOrderId');
    expect((await refused(loose((p) => client.cancelOrderList(p))({ symbol: 'BTCUSDT' })))[0]).toBe(
      'orderListId',
    );
    expect((await refused(loose((p) => client.getOrderList(p))({})))[0]).toBe('orderListId');
    expect((await refused(loose((p) => client.amendOrder(p))({ symbol: 'BTCUSDT', orderId: 1 })))[0]).toBe(
      'newQty',
    );
  });
});

describe('order lists: each leg checked under its own names', () => {
  const oco = loose((p) => client.newOrderListOco(p));
  const sell = {
    symbol: 'ETHBTC',
    side: 'SELL',
    quantity: '1',
    aboveType: 'LIMIT_MAKER',
    abovePrice: '0.05',
    belowType: 'STOP_LOSS',
    belowStopPrice: '0.03',
  };

  test('OCO legs sit on the right side of the price', async () => {
    const [parameter, value, allowed] = await refused(
      oco({ ...sell, aboveType: 'STOP_LOSS', aboveStopPrice: '0.05', abovePrice: undefined }),
    );
    expect([parameter, value]).toEqual(['aboveType', 'STOP_LOSS']);
    expect(allowed).toBe(
      'LIMIT_MAKER, TAKE_PROFIT, TAKE_PROFIT_LIMIT in a SELL OCO (the limit or take-profit leg is above the price, the stop loss below)',
    );
    expect((await refused(oco({ ...sell, side: 'BUY' })))[0]).toBe('aboveType');
    expect((await refused(oco({ ...sell, aboveType: 'LIMIT', abovePrice: '0.05' })))[0]).toBe('aboveType');
  });

  test("each leg's type decides its parameters", async () => {
    expect((await refused(oco({ ...sell, abovePrice: undefined })))[2]).toBe(
      "required for the above leg (LIMIT_MAKER): a positive decimal (or a 'abovePegPriceType' instead)",
    );
    expect((await refused(oco({ ...sell, belowType: 'STOP_LOSS_LIMIT', belowPrice: '0.029' })))[0]).toBe(
      'belowTimeInForce',
    );
    const oto = loose((p) => client.newOrderListOto(p));
    expect(
      (
        await refused(
          oto({
            symbol: 'ETHBTC',
            workingType: 'LIMIT',
            workingSide: 'BUY',
            workingPrice: '0.04',
            workingQuantity: '1',
            workingTimeInForce: 'GTC',
            pendingType: 'LIMIT',
            pendingSide: 'SELL',
            pendingPrice: '0.05',
            pendingQuantity: '1',
          }),
        )
      )[2],
    ).toBe('required for the pending order (LIMIT): GTC, IOC or FOK');
  });
});

describe('history: the combinations Binance supports', () => {
  test('myTrades: fromId or a time range; an order’s trades not by time; at most 24 hours', async () => {
    const trades = loose((p) => client.myTrades(p));
    expect(await refused(trades({ symbol: 'BTCUSDT', fromId: 5, startTime: 1 }))).toEqual([
      'startTime',
      1,
      "not together with 'fromId' (fromId pages by id, not by time)",
      expect.any(String),
    ]);
    expect((await refused(trades({ symbol: 'BTCUSDT', orderId: 5, endTime: 1 })))[0]).toBe('endTime');
    expect((await refused(trades({ symbol: 'BTCUSDT', startTime: 0, endTime: 86_400_001 })))[2]).toBe(
      'at most 24 hours after startTime (0)',
    );
    expect((await refused(trades({ symbol: 'BTCUSDT', startTime: 10, endTime: 5 })))[2]).toBe(
      'a time at or after startTime (10)',
    );
  });

  test('allOrders, allOrderLists, myPreventedMatches, myAllocations', async () => {
    expect(
      (await refused(loose((p) => client.allOrders(p))({ symbol: 'BTCUSDT', orderId: 1, startTime: 1 })))[2],
    ).toBe("not together with 'orderId' (with a time range Binance ignores orderId)");
    expect((await refused(loose((p) => client.allOrderLists(p))({ fromId: 1, endTime: 1 })))[0]).toBe(
      'endTime',
    );
    const prevented = loose((p) => client.myPreventedMatches(p));
    expect((await refused(prevented({ symbol: 'BTCUSDT' })))[0]).toBe('preventedMatchId');
    expect((await refused(prevented({ symbol: 'BTCUSDT', preventedMatchId: 1, orderId: 2 })))[0]).toBe(
      'orderId',
    );
    expect(
      (
        await refused(
          loose((p) => client.myAllocations(p))({ symbol: 'BTCUSDT', fromAllocationId: 1, startTime: 1 }),
        )
      )[0],
    ).toBe('startTime');
  });
});
