// Result types follow the parameters where Binance's response shape does: one symbol → an object, a
// list or all → an array, MINI → the mini ticker. (Checked by the type checker; `pnpm typecheck`.)

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
});
