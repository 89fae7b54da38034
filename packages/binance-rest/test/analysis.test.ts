// The analysis helpers: order-book statistics and market impact, kline and trade summaries, the summary
// of the account's own fills (sums checked
// against decimal arithmetic on random trades), and symbol selection and rules, on hand-made values and
// on the simulator's market over real HTTP. The decimal arithmetic itself is tested in decimal.test.ts.

import {
  addDecimals,
  compareDecimals,
  filterSymbols,
  type Kline,
  type MyTradeLike,
  marketImpact,
  multiplyDecimals,
  orderBookStats,
  type RestClient,
  summarizeKlines,
  summarizeMyTrades,
  summarizeTrades,
  symbolRules,
} from '@binance-mcp/rest';
import type { Simulator } from '@binance-mcp/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ManualTime, type Setup, setup, trader } from './helpers.js';

describe('order book statistics', () => {
  const book = {
    bids: [
      ['99.90', '2.000'],
      ['99.50', '1.000'],
      ['98.00', '10.000'],
    ],
    asks: [
      ['100.10', '1.500'],
      ['100.60', '3.000'],
      ['102.00', '5.000'],
    ],
  } as const;

  test('spread, mid and depth within the band', () => {
    const stats = orderBookStats(book, { bandPercent: 1 });
    expect(stats.bestBid).toEqual({ price: '99.90', quantity: '2.000' });
    expect(stats.bestAsk).toEqual({ price: '100.10', quantity: '1.500' });
    expect(stats.spread).toBe('0.20');
    expect(stats.mid).toBe('100.00');
    expect(stats.spreadPercent).toBe('0.2000');
    expect(stats.band).toEqual({
      percent: '1',
      bidFloor: '99.00',
      askCeiling: '101.00',
      bids: { levels: 2, quantity: '3.000', notional: '299.300', complete: true },
      asks: { levels: 2, quantity: '4.500', notional: '451.950', complete: true },
      bidSharePercent: '39.8403',
    });
    // A band wider than the snapshot says so.
    const wide = orderBookStats(book, { bandPercent: '5' });
    expect(wide.band?.bids).toMatchObject({ levels: 3, complete: false });
    expect(wide.band?.asks).toMatchObject({ levels: 3, complete: false });
  });

  test('an empty side has no spread or band', () => {
    expect(orderBookStats({ bids: [], asks: book.asks })).toMatchObject({
      bestBid: undefined,
      spread: undefined,
      mid: undefined,
      band: undefined,
    });
    expect(() => orderBookStats(book, { bandPercent: 0 })).toThrow(/parameter 'bandPercent' is 0/);
    expect(() => orderBookStats(book, { bandPercent: '101' })).toThrow(/at most 100/);
  });

  test('market impact by base quantity and by quote amount', () => {
    expect(marketImpact(book, 'BUY', { quantity: '2' })).toEqual({
      side: 'BUY',
      filledQuantity: '2.000',
      notional: '200.450',
      averagePrice: '100.2250',
      worstPrice: '100.60',
      levels: 2,
      slippagePercent: '0.1249',
      complete: true,
    });
    const sell = marketImpact(book, 'SELL', { quoteQuantity: '250' });
    // 2 × 99.90 = 199.80, then 50.20 / 99.50 = 0.504 (rounded down to the book's 3 decimals).
    expect(sell).toMatchObject({ filledQuantity: '2.504', levels: 2, worstPrice: '99.50', complete: true });
    expect(marketImpact(book, 'BUY', { quantity: '100' })).toMatchObject({
      filledQuantity: '9.500',
      complete: false,
      levels: 3,
    });
    expect(() => marketImpact(book, 'BUY', { quantity: '1', quoteQuantity: '1' } as never)).toThrow(
      /exactly one of 'quantity'/,
    );
    expect(() => marketImpact(book, 'HOLD' as never, { quantity: '1' })).toThrow(/parameter 'side'/);
  });
});

describe('summaries', () => {
  const k = (openTime: number, o: string, h: string, l: string, c: string, v: string, q: string): Kline => ({
    openTime,
    open: o,
    high: h,
    low: l,
    close: c,
    volume: v,
    closeTime: openTime + 59_999,
    quoteVolume: q,
    trades: 10,
    takerBuyBaseVolume: '1.0',
    takerBuyQuoteVolume: '100.0',
  });

  // Positive decimals with up to 12 integer and 10 fraction digits.
  const positive = fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 22n }), fc.integer({ min: 0, max: 10 }))
    .map(([units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    });

  test('trade sums are exact, as folding addDecimals over multiplyDecimals would be', () => {
    const trade = fc.record({ price: positive, qty: positive, isBuyerMaker: fc.boolean(), time: fc.nat() });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 20 }), (trades) => {
        const s = summarizeTrades(trades);
        const quote = trades.reduce((sum, t) => addDecimals(sum, multiplyDecimals(t.price, t.qty)), '0');
        const volume = trades.reduce((sum, t) => addDecimals(sum, t.qty), '0');
        expect(compareDecimals(s?.quoteVolume ?? '', quote)).toBe(0);
        expect(compareDecimals(s?.volume ?? '', volume)).toBe(0);
        expect(compareDecimals(addDecimals(s?.takerBuyVolume ?? '', s?.takerSellVolume ?? ''), volume)).toBe(
          0,
        );
      }),
    );
  });

  test('klines', () => {
    const s = summarizeKlines([
      k(0, '100.00', '105.00', '99.00', '104.00', '2.0', '204.0'),
      k(60_000, '104.00', '104.50', '96.00', '97.00', '2.0', '196.0'),
    ]);
    expect(s).toEqual({
      count: 2,
      openTime: 0,
      closeTime: 119_999,
      open: '100.00',
      high: '105.00',
      highTime: 0,
      low: '96.00',
      lowTime: 60_000,
      close: '97.00',
      change: '-3.00',
      changePercent: '-3.0000',
      rangePercent: '9.3750',
      volume: '4.0',
      quoteVolume: '400.0',
      trades: 20,
      vwap: '100.00',
      takerBuyPercent: '50.0000',
      up: 1,
      down: 1,
    });
    expect(summarizeKlines([])).toBeUndefined();
  });

  test('trades', () => {
    const s = summarizeTrades([
      { price: '10.0', qty: '1', time: 1, isBuyerMaker: false },
      { price: '12.0', qty: '3', time: 2, isBuyerMaker: true },
      { price: '11.0', qty: '1', time: 3, isBuyerMaker: false },
    ]);
    expect(s).toEqual({
      count: 3,
      firstTime: 1,
      lastTime: 3,
      firstPrice: '10.0',
      lastPrice: '11.0',
      high: '12.0',
      low: '10.0',
      volume: '5',
      quoteVolume: '57.0',
      vwap: '11.4',
      takerBuyVolume: '2',
      takerSellVolume: '3',
      takerBuyPercent: '40.0000',
    });
    expect(summarizeTrades([])).toBeUndefined();
  });
});

describe("summary of the account's own fills", () => {
  const fill = (over: Partial<MyTradeLike>): MyTradeLike => ({
    price: '100.00',
    qty: '1.000',
    quoteQty: '100.00000',
    commission: '0.00100000',
    commissionAsset: 'BTC',
    isBuyer: true,
    isMaker: false,
    ...over,
  });

  test('bought and sold, quote amounts, average prices at the price precision, commission by asset', () => {
    const s = summarizeMyTrades([
      fill({ price: '100.00', qty: '1.000', quoteQty: '100.00000' }),
      fill({ price: '101.50', qty: '2.000', quoteQty: '203.00000', isMaker: true }),
      fill({
        price: '110.00',
        qty: '0.500',
        quoteQty: '55.00000',
        isBuyer: false,
        commission: '0.05500000',
        commissionAsset: 'USDT',
      }),
    ]);
    expect(s).toEqual({
      count: 3,
      boughtQty: '3',
      soldQty: '0.5',
      boughtQuote: '303',
      soldQuote: '55',
      // 303 / 3 = 101 exactly; at two decimals, trailing zeros trimmed.
      avgBuyPrice: '101',
      avgSellPrice: '110',
      commission: { BTC: '0.002', USDT: '0.055' },
      makerCount: 1,
    });
  });

  test('no sells: no average sell price; none at all: undefined', () => {
    const s = summarizeMyTrades([
      fill({ price: '3.333', qty: '3', quoteQty: '9.999' }),
      fill({ price: '3.334', qty: '1', quoteQty: '3.334' }),
    ]);
    // 13.333 / 4 = 3.33325, cut to the fills' 3 decimals.
    expect(s).toMatchObject({ boughtQty: '4', avgBuyPrice: '3.333', soldQty: '0', soldQuote: '0' });
    expect(s && 'avgSellPrice' in s).toBe(false);
    expect(summarizeMyTrades([])).toBeUndefined();
  });
});

describe('against the simulator', () => {
  let sim: Simulator;
  let time: ManualTime;
  let client: RestClient;
  let env: Setup;
  beforeAll(async () => {
    env = await setup();
    ({ sim, time, client } = env);
  });
  afterAll(() => sim.close());

  test("sixty 1m klines summarise to the hour's 1h kline, digit for digit", async () => {
    const hour = Math.floor(time.now() / 3_600_000) * 3_600_000 - 3_600_000;
    const minutes = await client.klines({ symbol: 'BTCUSDT', interval: '1m', startTime: hour, limit: 60 });
    const [h] = await client.klines({ symbol: 'BTCUSDT', interval: '1h', startTime: hour, limit: 1 });
    const s = summarizeKlines(minutes);
    expect(s).toMatchObject({
      count: 60,
      openTime: h?.openTime,
      closeTime: h?.closeTime,
      open: h?.open,
      high: h?.high,
      low: h?.low,
      close: h?.close,
      trades: h?.trades,
    });
    expect(compareDecimals(s?.volume ?? '', h?.volume ?? '')).toBe(0);
    expect(compareDecimals(s?.quoteVolume ?? '', h?.quoteVolume ?? '')).toBe(0);
  });

  test("an account's fills summarise to what its balances show", async () => {
    const t = trader(env, 'HMAC', {
      balances: { USDT: '100000', BTC: '0' },
    });
    await t.client.newOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' });
    await t.client.newOrder({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.004' });
    const fills = await t.client.myTrades({ symbol: 'BTCUSDT' });
    const s = summarizeMyTrades(fills);
    const balances = sim.balances(t.apiKey);
    expect(s).toMatchObject({ count: fills.length, boughtQty: '0.01', soldQty: '0.004', makerCount: 0 });
    // USDT: 100000 − spent + received − USDT commission (the simulator charges it in the asset received).
    const usdt = addDecimals(
      addDecimals('100000', `-${s?.boughtQuote}`),
      addDecimals(s?.soldQuote ?? '0', `-${s?.commission.USDT ?? '0'}`),
    );
    expect(compareDecimals(balances.USDT?.free ?? '', usdt)).toBe(0);
    const btc = addDecimals('0.006', `-${s?.commission.BTC ?? '0'}`);
    expect(compareDecimals(balances.BTC?.free ?? '', btc)).toBe(0);
  });

  test('trade summary of recent trades matches their own quote quantities', async () => {
    const trades = await client.trades({ symbol: 'ETHUSDT', limit: 200 });
    const s = summarizeTrades(trades);
    const quote = trades.reduce((sum, t) => addDecimals(sum, t.quoteQty), '0');
    expect(s?.count).toBe(200);
    expect(compareDecimals(s?.quoteVolume ?? '', quote)).toBe(0);
  });

  test("order-book statistics of the simulator's book", async () => {
    const book = await client.depth({ symbol: 'BTCUSDT', limit: 500 });
    const stats = orderBookStats(book, { bandPercent: '0.5' });
    expect(compareDecimals(stats.bestAsk?.price ?? '0', stats.bestBid?.price ?? '0')).toBe(1);
    const top = await client.bookTicker({ symbol: 'BTCUSDT' });
    expect(stats.bestBid?.price).toBe(top.bidPrice);
    expect(stats.bestAsk?.price).toBe(top.askPrice);
    expect(stats.band?.bids.levels).toBeGreaterThan(0);
    // Buying the band's whole ask side costs exactly its notional.
    const impact = marketImpact(book, 'BUY', { quantity: stats.band?.asks.quantity ?? '0' });
    expect(compareDecimals(impact.notional, stats.band?.asks.notional ?? '')).toBe(0);
    expect(impact.levels).toBe(stats.band?.asks.levels);
  });

  test('symbol selection and rules', async () => {
    const info = await client.exchangeInfoCache.get();
    const usdt = filterSymbols(info.symbols, { quoteAssets: ['usdt'], status: ['TRADING'] });
    expect(usdt.length).toBeGreaterThan(3);
    expect(usdt.every((s) => s.quoteAsset === 'USDT' && s.status === 'TRADING')).toBe(true);
    expect(filterSymbols(info.symbols, { assets: ['ETH'] }).map((s) => s.symbol)).toEqual(
      info.symbols.filter((s) => s.baseAsset === 'ETH' || s.quoteAsset === 'ETH').map((s) => s.symbol),
    );
    expect(
      filterSymbols(info.symbols, { symbols: ['BTCUSDT', 'ETHBTC'] })
        .map((s) => s.symbol)
        .sort(),
    ).toEqual(['BTCUSDT', 'ETHBTC']);
    expect(filterSymbols(info.symbols, { search: 'btc' }).every((s) => s.symbol.includes('BTC'))).toBe(true);
    expect(() => filterSymbols(info.symbols, { assets: 'BTC' as never })).toThrow(/parameter 'assets'/);

    const btc = info.symbols.find((s) => s.symbol === 'BTCUSDT');
    if (!btc) throw new Error('BTCUSDT missing');
    const rules = symbolRules(btc);
    const price = btc.filters.find((f) => f.filterType === 'PRICE_FILTER') as { tickSize: string };
    const lot = btc.filters.find((f) => f.filterType === 'LOT_SIZE') as { stepSize: string };
    expect(rules).toMatchObject({
      symbol: 'BTCUSDT',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      tickSize: price.tickSize,
      stepSize: lot.stepSize,
    });
    expect(rules.minNotional).toMatch(/^\d+(\.\d+)?$/);
    expect(rules.orderTypes).toContain('LIMIT');
  });
});
