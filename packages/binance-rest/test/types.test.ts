// Result types follow the parameters where Binance's response shape does: one symbol → an object, a
// list or all → an array, MINI → the mini ticker. (Checked by the type checker; `pnpm typecheck`.)

import type {
  Account,
  CancelReplaceResult,
  CancelReport,
  MyTrade,
  Order,
  OrderAck,
  OrderFull,
  OrderListCancel,
  OrderListFull,
  OrderListResult,
  OrderResult,
  TestOrderCommission,
  TestOrderResult,
} from '@binance-mcp/rest';
import {
  type AggTrade,
  type BookTicker,
  createRestClient,
  type ExchangeInfo,
  type Int64,
  type Kline,
  type KlineTuple,
  type MiniTicker,
  marketEndpoints,
  type OrderBook,
  type PriceTicker,
  type Ticker24hr,
  type Ticker24hrParams,
  type WindowTicker,
} from '@binance-mcp/rest';
import { describe, expectTypeOf, test } from 'vitest';

const client = createRestClient({ baseUrl: 'http://127.0.0.1:9' });

describe('result types', () => {
  test('fixed shapes', () => {
    expectTypeOf(client.ping).returns.resolves.toEqualTypeOf<Record<string, never>>();
    expectTypeOf(client.time).returns.resolves.toEqualTypeOf<{ serverTime: number }>();
    expectTypeOf(client.exchangeInfo).returns.resolves.toEqualTypeOf<ExchangeInfo>();
    expectTypeOf(client.depth).returns.resolves.toEqualTypeOf<OrderBook>();
    expectTypeOf(client.klines).returns.resolves.toEqualTypeOf<Kline[]>();
    expectTypeOf(client.aggTrades).returns.resolves.toEqualTypeOf<AggTrade[]>();
    expectTypeOf<OrderBook['lastUpdateId']>().toEqualTypeOf<Int64>();
    expectTypeOf<OrderBook['bids'][number]>().toEqualTypeOf<[string, string]>();
  });

  test('one symbol, a list, all; FULL and MINI', () => {
    const one = () => client.ticker24hr({ symbol: 'BTCUSDT' });
    const mini = () => client.ticker24hr({ symbol: 'BTCUSDT', type: 'MINI' });
    const list = () => client.ticker24hr({ symbols: ['BTCUSDT', 'ETHUSDT'] });
    const all = () => client.ticker24hr();
    const allMini = () => client.ticker24hr({ type: 'MINI' });
    expectTypeOf(one).returns.resolves.toEqualTypeOf<Ticker24hr>();
    expectTypeOf(mini).returns.resolves.toEqualTypeOf<MiniTicker>();
    expectTypeOf(list).returns.resolves.toEqualTypeOf<Ticker24hr[]>();
    expectTypeOf(all).returns.resolves.toEqualTypeOf<Ticker24hr[]>();
    expectTypeOf(allMini).returns.resolves.toEqualTypeOf<MiniTicker[]>();

    const unknown = (params: Ticker24hrParams) => client.ticker24hr(params);
    expectTypeOf(unknown).returns.resolves.toEqualTypeOf<
      Ticker24hr | MiniTicker | (Ticker24hr | MiniTicker)[]
    >();

    expectTypeOf(() =>
      client.rollingWindowTicker({ symbol: 'BTCUSDT' }),
    ).returns.resolves.toEqualTypeOf<WindowTicker>();
    expectTypeOf(() =>
      client.tradingDayTicker({ symbols: ['BTCUSDT'], type: 'MINI' }),
    ).returns.resolves.toEqualTypeOf<MiniTicker[]>();
    expectTypeOf(() => client.price({ symbol: 'BTCUSDT' })).returns.resolves.toEqualTypeOf<PriceTicker>();
    expectTypeOf(() => client.price()).returns.resolves.toEqualTypeOf<PriceTicker[]>();
    expectTypeOf(() => client.bookTicker({ symbols: ['BTCUSDT'] })).returns.resolves.toEqualTypeOf<
      BookTicker[]
    >();
  });

  test('raw responses keep the wire shape', () => {
    const raw = () =>
      client.request(marketEndpoints.klines, { symbol: 'BTCUSDT', interval: '1m' }, { raw: true });
    expectTypeOf(raw).returns.resolves.toEqualTypeOf<KlineTuple[]>();
  });

  test('parameters are typed', () => {
    // @ts-expect-error interval is required
    void (() => client.klines({ symbol: 'BTCUSDT' }));
    // @ts-expect-error not one of the 16 intervals
    void (() => client.klines({ symbol: 'BTCUSDT', interval: '2m' }));
    // @ts-expect-error a misspelt parameter
    void (() => client.depth({ symbol: 'BTCUSDT', limt: 5 }));
    void (() => client.klines({ symbol: 'BTCUSDT', interval: '1M', startTime: new Date(), timeZone: 8 }));
  });

  test("order results follow newOrderRespType, or the type's default", () => {
    const base = { symbol: 'BTCUSDT', side: 'BUY', quantity: '1' } as const;
    const limit = () => client.newOrder({ ...base, type: 'LIMIT', timeInForce: 'GTC', price: '1' });
    const market = () =>
      client.newOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '10' });
    const stop = () => client.newOrder({ ...base, type: 'STOP_LOSS', stopPrice: '1' });
    const result = () =>
      client.newOrder({ ...base, type: 'STOP_LOSS', stopPrice: '1', newOrderRespType: 'RESULT' });
    const ack = () => client.newOrder({ ...base, type: 'MARKET', newOrderRespType: 'ACK' });
    expectTypeOf(limit).returns.resolves.toEqualTypeOf<OrderFull>();
    expectTypeOf(market).returns.resolves.toEqualTypeOf<OrderFull>();
    expectTypeOf(stop).returns.resolves.toEqualTypeOf<OrderAck>();
    expectTypeOf(result).returns.resolves.toEqualTypeOf<OrderResult>();
    expectTypeOf(ack).returns.resolves.toEqualTypeOf<OrderAck>();
    const rates = () => client.testOrder({ ...base, type: 'MARKET', computeCommissionRates: true });
    const plain = () => client.testOrder({ ...base, type: 'MARKET' });
    expectTypeOf(rates).returns.resolves.toEqualTypeOf<TestOrderCommission>();
    expectTypeOf(plain).returns.resolves.toEqualTypeOf<TestOrderResult>();
    const replace = () =>
      client.cancelReplace({
        ...base,
        type: 'MARKET',
        cancelReplaceMode: 'STOP_ON_FAILURE',
        cancelOrderId: 1,
        newOrderRespType: 'RESULT',
      });
    expectTypeOf(replace).returns.resolves.toEqualTypeOf<CancelReplaceResult<OrderResult>>();
  });

  test('lists, queries and account', () => {
    const oco = {
      symbol: 'ETHBTC',
      side: 'SELL',
      quantity: '1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: '1',
      belowType: 'STOP_LOSS',
      belowStopPrice: '0.5',
    } as const;
    expectTypeOf(() => client.newOrderListOco(oco)).returns.resolves.toEqualTypeOf<OrderListResult>();
    expectTypeOf(() =>
      client.newOrderListOco({ ...oco, newOrderRespType: 'FULL' }),
    ).returns.resolves.toEqualTypeOf<OrderListFull>();
    expectTypeOf(() =>
      client.getOrder({ symbol: 'BTCUSDT', orderId: 1n }),
    ).returns.resolves.toEqualTypeOf<Order>();
    expectTypeOf(() =>
      client.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'x' }),
    ).returns.resolves.toEqualTypeOf<CancelReport | OrderListCancel>();
    expectTypeOf(() => client.account()).returns.resolves.toEqualTypeOf<Account>();
    expectTypeOf(() => client.myTrades({ symbol: 'BTCUSDT' })).returns.resolves.toEqualTypeOf<MyTrade[]>();
  });

  test('order parameters are typed by order type', () => {
    const base = { symbol: 'BTCUSDT', side: 'BUY' } as const;
    // @ts-expect-error a LIMIT order needs a price (or a peg)
    void (() => client.newOrder({ ...base, type: 'LIMIT', timeInForce: 'GTC', quantity: '1' }));
    // @ts-expect-error a MARKET order takes quantity or quoteOrderQty, not both
    void (() => client.newOrder({ ...base, type: 'MARKET', quantity: '1', quoteOrderQty: '1' }));
    // @ts-expect-error a STOP_LOSS order needs stopPrice and/or trailingDelta
    void (() => client.newOrder({ ...base, type: 'STOP_LOSS', quantity: '1' }));
    // @ts-expect-error a misspelt parameter
    void (() => client.newOrder({ ...base, type: 'MARKET', quantity: '1', newClientOrderID: 'x' }));
    // @ts-expect-error getOrder needs an id
    void (() => client.getOrder({ symbol: 'BTCUSDT' }));
    void (() => client.newOrder({ ...base, type: 'LIMIT_MAKER', quantity: 1, pegPriceType: 'PRIMARY_PEG' }));
    void (() =>
      client.newOrder({
        ...base,
        type: 'TAKE_PROFIT_LIMIT',
        timeInForce: 'GTC',
        quantity: '1',
        price: '1',
        trailingDelta: 100,
      }));
  });
});
