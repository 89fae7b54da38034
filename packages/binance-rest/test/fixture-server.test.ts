// Responses the simulator cannot give, from a small HTTP server of our own: ids at the very top of the
// 64-bit range, shapes it never sends (EXTERNAL reference price calculation, a filter type or an
// execution rule newer than this package), a 418 without a parsable end, and the exact bytes of a
// signed request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BannedError,
  bigIntReplacer,
  compareIds,
  createRestClient,
  defineEndpoint,
  type Int64,
  marketEndpoints,
  nextId,
  type RestClient,
} from '@binance-mcp/rest';
import { createSigner } from '@binance-mcp/signing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fixtureServer, manualTime, recorder, sendJson } from './helpers.js';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
let handler: Handler = (_req, res) => sendJson(res, 404, '{}');
let fixture: Awaited<ReturnType<typeof fixtureServer>>;

beforeAll(async () => {
  fixture = await fixtureServer((req, res) => handler(req, res, new URL(req.url ?? '/', 'http://x')));
});
afterAll(() => fixture.close());
beforeEach(() => {
  fixture.requests.length = 0;
});

const client = (): RestClient => createRestClient({ baseUrl: fixture.url, retry: false });

describe('64-bit ids over HTTP', () => {
  test('ids beyond 2^53 arrive exact, as bigint; safe ones stay numbers', async () => {
    handler = (_req, res) =>
      sendJson(
        res,
        200,
        '[{"id":9223372036854775807,"price":"1.00000000","qty":"2.00000000","quoteQty":"2.00000000","time":1700000000000,"isBuyerMaker":true,"isBestMatch":true},' +
          '{"id":9007199254740993,"price":"1.10000000","qty":"1.00000000","quoteQty":"1.10000000","time":1700000000001,"isBuyerMaker":false,"isBestMatch":true},' +
          '{"id":42,"price":"1.20000000","qty":"1.00000000","quoteQty":"1.20000000","time":1700000000002,"isBuyerMaker":false,"isBestMatch":true}]',
      );
    const trades = await client().trades({ symbol: 'BTCUSDT' });
    expect(trades.map((t) => t.id)).toEqual([9223372036854775807n, 9007199254740993n, 42]);
    expect(trades[0]?.price).toBe('1.00000000');
    expect(
      JSON.parse(
        JSON.stringify(
          trades.map((t) => t.id),
          bigIntReplacer,
        ),
      ),
    ).toEqual(['9223372036854775807', '9007199254740993', 42]);
  });

  test('an order book update id beyond 2^53, and paging on from it', async () => {
    handler = (_req, res) =>
      sendJson(
        res,
        200,
        '{"lastUpdateId":18446744073709551615,"bids":[["4.00000000","431.00000000"]],"asks":[]}',
      );
    const book = await client().depth({ symbol: 'BNBBTC' });
    expect(book.lastUpdateId).toBe(18446744073709551615n);
    const ids: Int64[] = [9007199254740991, 9007199254740992n];
    expect(nextId(9007199254740990)).toBe(9007199254740991);
    expect(nextId(9007199254740991)).toBe(9007199254740992n);
    expect(compareIds(ids[0] as Int64, ids[1] as Int64)).toBe(-1);
  });

  test('a bigint fromId is sent exactly', async () => {
    handler = (_req, res) => sendJson(res, 200, '[]');
    await client().historicalTrades({ symbol: 'BTCUSDT', fromId: 9223372036854775807n });
    expect(fixture.requests[0]?.url).toBe(
      '/api/v3/historicalTrades?symbol=BTCUSDT&fromId=9223372036854775807',
    );
  });
});

describe('shapes the simulator never sends', () => {
  test('executionRules: a rule type newer than this package is kept as sent', async () => {
    handler = (_req, res) =>
      sendJson(
        res,
        200,
        '{"symbolRules":[{"symbol":"BAZUSD","rules":[{"ruleType":"PRICE_RANGE","bidLimitMultUp":"1.0001","bidLimitMultDown":"0.9999","askLimitMultUp":"1.0001","askLimitMultDown":"0.9999"},{"ruleType":"SOMETHING_NEW","x":1}]}]}',
      );
    const rules = await client().executionRules({ symbol: 'BAZUSD' });
    expect(rules.symbolRules[0]?.rules).toEqual([
      {
        ruleType: 'PRICE_RANGE',
        bidLimitMultUp: '1.0001',
        bidLimitMultDown: '0.9999',
        askLimitMultUp: '1.0001',
        askLimitMultDown: '0.9999',
      },
      { ruleType: 'SOMETHING_NEW', x: 1 },
    ]);
  });

  test('referencePriceCalculation EXTERNAL, referencePrice null', async () => {
    handler = (_req, res, url) =>
      url.pathname.endsWith('/calculation')
        ? sendJson(res, 200, '{"symbol":"BAZUSD","calculationType":"EXTERNAL","externalCalculationId":42}')
        : sendJson(res, 200, '{"symbol":"BAZUSD","referencePrice":null,"timestamp":1770736694138}');
    expect(await client().referencePriceCalculation({ symbol: 'BAZUSD', symbolStatus: 'TRADING' })).toEqual({
      symbol: 'BAZUSD',
      calculationType: 'EXTERNAL',
      externalCalculationId: 42,
    });
    expect(await client().referencePrice({ symbol: 'BAZUSD' })).toEqual({
      symbol: 'BAZUSD',
      referencePrice: null,
      timestamp: 1770736694138,
    });
  });

  test('exchangeInfo with a filter type newer than this package, and without recent optional fields', async () => {
    const symbol = {
      symbol: 'ETHBTC',
      status: 'CANCEL_ONLY',
      baseAsset: 'ETH',
      baseAssetPrecision: 8,
      quoteAsset: 'BTC',
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ['LIMIT', 'MARKET'],
      icebergAllowed: true,
      ocoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: false,
      cancelReplaceAllowed: false,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: true,
      filters: [
        {
          filterType: 'PRICE_FILTER',
          minPrice: '0.00000100',
          maxPrice: '100000.00000000',
          tickSize: '0.00000100',
        },
        { filterType: 'FUTURE_FILTER', anything: ['goes'] },
      ],
      permissions: [],
    };
    handler = (_req, res) =>
      sendJson(
        res,
        200,
        JSON.stringify({
          timezone: 'UTC',
          serverTime: 1565246363776,
          rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 }],
          exchangeFilters: [{ filterType: 'MAX_ASSET', asset: 'USDC', limit: '42.00000000' }],
          symbols: [symbol],
        }),
      );
    const info = await client().exchangeInfo();
    expect(info.symbols[0]?.status).toBe('CANCEL_ONLY');
    expect(info.symbols[0]?.filters[1]).toEqual({ filterType: 'FUTURE_FILTER', anything: ['goes'] });
    expect(info.exchangeFilters[0]).toEqual({ filterType: 'MAX_ASSET', asset: 'USDC', limit: '42.00000000' });
    expect(info.sors).toBeUndefined();
  });

  test('a known filter with a field missing is a shape error, not an unknown filter', async () => {
    handler = (_req, res) =>
      sendJson(
        res,
        200,
        JSON.stringify({
          timezone: 'UTC',
          serverTime: 1,
          rateLimits: [],
          exchangeFilters: [{ filterType: 'EXCHANGE_MAX_NUM_ORDERS' }],
          symbols: [],
        }),
      );
    await expect(client().exchangeInfo()).rejects.toMatchObject({
      name: 'ResponseParseError',
      reason: 'UNEXPECTED_SHAPE',
    });
  });
});

describe('HTTP errors beyond the simulator', () => {
  test('a 418 whose message has no date: the ban lasts Retry-After', async () => {
    const time = manualTime();
    handler = (_req, res) => sendJson(res, 418, '{"code":-1003,"msg":"Banned."}', { 'Retry-After': 300 });
    const c = createRestClient({ baseUrl: fixture.url, now: time.now, sleep: time.sleep });
    await expect(c.ping()).rejects.toMatchObject({ name: 'BannedError', until: time.now() + 300_000 });
    await expect(c.time()).rejects.toBeInstanceOf(BannedError);
    expect(fixture.requests).toHaveLength(1);
  });
});

describe('signed requests (the hook the account and trading endpoints use)', () => {
  const apiKey = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
  const apiSecret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
  const account = defineEndpoint({
    ...marketEndpoints.avgPrice,
    name: 'account',
    path: '/api/v3/account',
    security: 'USER_DATA',
  });
  const userStream = defineEndpoint({
    ...marketEndpoints.ping,
    name: 'stream',
    path: '/api/v3/userDataStream',
    security: 'USER_STREAM',
  });

  test('USER_DATA: signed with the server clock, API key in the header, signature never logged', async () => {
    const rec = recorder();
    const time = manualTime(1499827319559 - 1234);
    handler = (_req, res) => sendJson(res, 200, '{"mins":5,"price":"1.0","closeTime":1}');
    const signer = await createSigner({ apiKey, apiSecret });
    const c = createRestClient({
      baseUrl: fixture.url,
      signer,
      recvWindow: 5000,
      now: time.now,
      sleep: time.sleep,
      logger: rec.logger,
    });
    // Pretend the server's clock is 1234 ms ahead (what syncClock would have measured).
    handler = (_req, res, url) =>
      url.pathname === '/api/v3/time'
        ? sendJson(res, 200, `{"serverTime":${time.now() + 1234}}`)
        : sendJson(res, 200, '{"mins":5,"price":"1.0","closeTime":1}');
    await c.syncClock({ samples: 1 });
    expect(c.clockOffset).toBe(1234);
    await c.request(account, { symbol: 'LTCBTC' });
    const sent = fixture.requests.at(-1);
    expect(sent?.url).toBe(
      '/api/v3/account?symbol=LTCBTC&recvWindow=5000&timestamp=1499827319559&signature=' +
        (await signer.sign('symbol=LTCBTC&recvWindow=5000&timestamp=1499827319559')),
    );
    expect(sent?.headers['x-mbx-apikey']).toBe(apiKey);
    const logged = JSON.stringify(rec.events);
    expect(logged).toContain('signature=<redacted>');
    expect(logged).not.toContain(apiKey);
    expect(logged).not.toContain(apiSecret);
    expect(logged).not.toMatch(/signature=[0-9a-f]{64}/);
  });

  test('USER_STREAM: the API key header only, no signature', async () => {
    handler = (_req, res) => sendJson(res, 200, '{}');
    const c = createRestClient({ baseUrl: fixture.url, signer: await createSigner({ apiKey, apiSecret }) });
    await c.request(userStream, {});
    expect(fixture.requests[0]?.url).toBe('/api/v3/userDataStream');
    expect(fixture.requests[0]?.headers['x-mbx-apikey']).toBe(apiKey);
  });

  test('NONE: no API key is sent even when a signer is configured', async () => {
    handler = (_req, res) => sendJson(res, 200, '{}');
    const c = createRestClient({ baseUrl: fixture.url, signer: await createSigner({ apiKey, apiSecret }) });
    await c.ping();
    expect(fixture.requests[0]?.headers['x-mbx-apikey']).toBeUndefined();
  });
});
