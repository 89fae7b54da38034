// The documented payloads (web-socket-streams.md samples) through the mappers, and malformed
// payloads: the error names the stream and the field that would break.

import { describe, expect, test } from 'vitest';
import { PayloadError } from '../src/index.js';
import { streamInfo } from '../src/market/streams.js';

describe('documented payloads', () => {
  test('trade', () => {
    const event = streamInfo('bnbbtc@trade').parse({
      e: 'trade',
      E: 1672515782136,
      s: 'BNBBTC',
      t: 12345,
      p: '0.001',
      q: '100',
      T: 1672515782136,
      m: true,
      M: true,
    });
    expect(event).toEqual({
      eventType: 'trade',
      eventTime: 1672515782136,
      symbol: 'BNBBTC',
      tradeId: 12345,
      price: '0.001',
      quantity: '100',
      tradeTime: 1672515782136,
      isBuyerMaker: true,
    });
  });

  test('kline', () => {
    const event = streamInfo('bnbbtc@kline_1m').parse({
      e: 'kline',
      E: 1672515782136,
      s: 'BNBBTC',
      k: {
        t: 1672515780000,
        T: 1672515839999,
        s: 'BNBBTC',
        i: '1m',
        f: 100,
        L: 200,
        o: '0.0010',
        c: '0.0020',
        h: '0.0025',
        l: '0.0015',
        v: '1000',
        n: 100,
        x: false,
        q: '1.0000',
        V: '500',
        Q: '0.500',
        B: '123456',
      },
    });
    expect(event).toMatchObject({
      eventType: 'kline',
      kline: {
        openTime: 1672515780000,
        interval: '1m',
        open: '0.0010',
        tradeCount: 100,
        isClosed: false,
        takerBuyQuoteVolume: '0.500',
      },
    });
  });

  test('bookTicker (no event type on the wire) and partial depth (no symbol on the wire)', () => {
    expect(
      streamInfo('bnbusdt@bookTicker').parse({
        u: 400900217,
        s: 'BNBUSDT',
        b: '25.35190000',
        B: '31.21000000',
        a: '25.36520000',
        A: '40.66000000',
      }),
    ).toEqual({
      eventType: 'bookTicker',
      updateId: 400900217,
      symbol: 'BNBUSDT',
      bidPrice: '25.35190000',
      bidQty: '31.21000000',
      askPrice: '25.36520000',
      askQty: '40.66000000',
    });
    expect(
      streamInfo('bnbbtc@depth5').parse({
        lastUpdateId: 160,
        bids: [['0.0024', '10']],
        asks: [['0.0026', '100']],
      }),
    ).toEqual({
      eventType: 'partialDepth',
      lastUpdateId: 160,
      bids: [['0.0024', '10']],
      asks: [['0.0026', '100']],
      symbol: 'BNBBTC',
    });
  });

  test('referencePrice may be null', () => {
    expect(
      streamInfo('bazusd@referencePrice').parse({
        e: 'referencePrice',
        s: 'BAZUSD',
        r: null,
        t: 1770313263917,
      }),
    ).toEqual({
      eventType: 'referencePrice',
      symbol: 'BAZUSD',
      referencePrice: null,
      timestamp: 1770313263917,
    });
  });

  test('malformed payloads name the stream and field', () => {
    const info = streamInfo('btcusdt@depth@100ms');
    const good = { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U: 157, u: 160, b: [['0.0024', '10']], a: [] };
    expect(info.parse(good)).toMatchObject({ firstUpdateId: 157, finalUpdateId: 160 });
    expect(() => info.parse({ ...good, U: '157' })).toThrow(PayloadError);
    expect(() => info.parse({ ...good, U: '157' })).toThrow(
      "Malformed payload on btcusdt@depth@100ms: field 'U' is '157', expected a number",
    );
    expect(() => info.parse({ ...good, b: [['0.0024', 10]] })).toThrow('field \'b[0]\' is ["0.0024",10]');
    expect(() => info.parse(null)).toThrow("field '(payload)'");
    expect(() => streamInfo('btcusdt@kline_1m').parse({ E: 1, s: 'X', k: { t: 'x' } })).toThrow(
      "field 'k.t'",
    );
  });

  test('order keys: ids for trades, update ids for books, event times for tickers, closed kline first', () => {
    expect(streamInfo('btcusdt@trade').order({ t: 7 })).toBe(7);
    expect(streamInfo('btcusdt@aggTrade').order({ a: 8 })).toBe(8);
    expect(streamInfo('btcusdt@depth').order({ u: 9 })).toBe(9);
    expect(streamInfo('btcusdt@bookTicker').order({ u: 10 })).toBe(10);
    expect(streamInfo('btcusdt@ticker').order({ E: 11 })).toBe(11);
    const kline = streamInfo('btcusdt@kline_1m');
    expect(kline.order({ E: 5, k: { x: true } })).toBeLessThan(kline.order({ E: 5, k: { x: false } })!);
    expect(streamInfo('!miniTicker@arr').order([{ E: 12 }])).toBe(12);
  });
});

describe('user data payloads (user-data-stream.md samples)', () => {
  test('executionReport: readable names, optional conditional fields, null commission asset', async () => {
    const { parseUserDataEvent } = await import('../src/user-data/events.js');
    const event = parseUserDataEvent({
      e: 'executionReport',
      E: 1499405658658,
      s: 'ETHBTC',
      c: 'mUvoqJxFIILMdfAW5iGSOW',
      S: 'BUY',
      o: 'LIMIT',
      f: 'GTC',
      q: '1.00000000',
      p: '0.10264410',
      P: '0.00000000',
      F: '0.00000000',
      g: -1,
      C: '',
      x: 'NEW',
      X: 'NEW',
      r: 'NONE',
      i: 4293153,
      l: '0.00000000',
      z: '0.00000000',
      L: '0.00000000',
      n: '0',
      N: null,
      T: 1499405658657,
      t: -1,
      v: 3,
      I: 8641984,
      w: true,
      m: false,
      M: false,
      O: 1499405658657,
      Z: '0.00000000',
      Y: '0.00000000',
      Q: '0.00000000',
      W: 1499405658657,
      V: 'NONE',
    });
    expect(event).toMatchObject({
      eventType: 'executionReport',
      orderId: 4293153,
      executionType: 'NEW',
      commissionAsset: null,
      preventedMatchId: 3,
      workingTime: 1499405658657,
    });
    expect('trailingDelta' in event).toBe(false);
  });

  test('outboundAccountPosition and listStatus map their arrays; unknown events pass through', async () => {
    const { parseUserDataEvent } = await import('../src/user-data/events.js');
    expect(
      parseUserDataEvent({
        e: 'outboundAccountPosition',
        E: 1,
        u: 2,
        B: [{ a: 'ETH', f: '10000.000000', l: '0.000000' }],
      }),
    ).toEqual({
      eventType: 'outboundAccountPosition',
      eventTime: 1,
      lastUpdateTime: 2,
      balances: [{ asset: 'ETH', free: '10000.000000', locked: '0.000000' }],
    });
    const list = parseUserDataEvent({
      e: 'listStatus',
      E: 1,
      s: 'ETHBTC',
      g: 2,
      c: 'OCO',
      l: 'EXEC_STARTED',
      L: 'EXECUTING',
      r: 'NONE',
      C: 'F4QN4G8DlFATFlIUQ0cjdD',
      T: 1,
      O: [{ s: 'ETHBTC', i: 17, c: 'AJYsMjErWJesZvqlJCTUgL' }],
    });
    expect(list).toMatchObject({
      orders: [{ symbol: 'ETHBTC', orderId: 17, clientOrderId: 'AJYsMjErWJesZvqlJCTUgL' }],
    });
    expect(parseUserDataEvent({ e: 'somethingNew', E: 1 })).toEqual({
      eventType: 'somethingNew',
      raw: { e: 'somethingNew', E: 1 },
    });
    expect(() => parseUserDataEvent({ e: 'balanceUpdate', E: 1, a: 'BTC', d: 1, T: 1 })).toThrow("field 'd'");
    expect(() =>
      parseUserDataEvent({ e: 'outboundAccountPosition', E: 1, u: 2, B: [{ a: 'ETH', f: 1 }] }),
    ).toThrow("field 'B[0].f'");
  });
});

describe('generated and interpreted mappers agree (the interpreter serves where code generation is not allowed)', () => {
  test('every field kind, nested objects, lists and optional fields', async () => {
    const { interpret } = await import('../src/market/schema.js');
    const { klineSchema, diffDepthSchema, referencePriceSchema } = await import('../src/market/events.js');
    const { executionReportSchema, outboundAccountPositionSchema } = await import(
      '../src/user-data/events.js'
    );
    const samples: Array<
      [{ eventType: string; fields: never; parse: (d: unknown, s: string) => unknown }, unknown]
    > = [
      [
        klineSchema as never,
        {
          E: 1,
          s: 'A',
          k: {
            t: 1,
            T: 2,
            s: 'A',
            i: '1m',
            f: 1,
            L: 2,
            o: '1',
            c: '2',
            h: '3',
            l: '0',
            v: '5',
            n: 2,
            x: true,
            q: '6',
            V: '1',
            Q: '2',
          },
        },
      ],
      [diffDepthSchema as never, { E: 1, s: 'A', U: 1, u: 2, b: [['1', '2']], a: [] }],
      [referencePriceSchema as never, { s: 'A', r: null, t: 3 }],
      [outboundAccountPositionSchema as never, { E: 1, u: 2, B: [{ a: 'X', f: '1', l: '0' }] }],
      [
        executionReportSchema as never,
        {
          E: 1,
          s: 'A',
          c: 'c',
          S: 'BUY',
          o: 'LIMIT',
          f: 'GTC',
          q: '1',
          p: '1',
          P: '0',
          F: '0',
          g: -1,
          C: '',
          x: 'NEW',
          X: 'NEW',
          r: 'NONE',
          i: 1,
          l: '0',
          z: '0',
          L: '0',
          n: '0',
          N: null,
          T: 1,
          t: -1,
          I: 2,
          w: true,
          m: false,
          O: 1,
          Z: '0',
          Y: '0',
          Q: '0',
          V: 'NONE',
          eR: 'NONE',
        },
      ],
    ];
    for (const [schema, data] of samples) {
      const interpreted = interpret(schema.fields, schema.eventType)(
        data as Record<string, unknown>,
        'x',
        '',
      );
      expect(interpreted).toEqual(schema.parse(data, 'x'));
    }
    const bad = { E: 1, s: 'A', U: '1', u: 2, b: [], a: [] };
    expect(() => interpret(diffDepthSchema.fields, 'depthUpdate')(bad, 'x', '')).toThrow("field 'U'");
  });
});
