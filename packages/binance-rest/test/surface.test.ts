// The public surface: one client method per endpoint definition, every market-data endpoint Binance
// documents, and the presets' base URLs.

import {
  accountEndpoints,
  createRestClient,
  marketEndpoints,
  PRODUCTION_FALLBACK_URLS,
  presets,
  tradingEndpoints,
} from '@binance-mcp/rest';
import { expect, test } from 'vitest';

test('every market-data endpoint Binance documents has a definition and a client method', () => {
  const paths = Object.values(marketEndpoints).map((e) => `${e.method} ${e.path}`);
  expect(paths.sort()).toEqual(
    [
      'GET /api/v3/ping',
      'GET /api/v3/time',
      'GET /api/v3/exchangeInfo',
      'GET /api/v3/executionRules',
      'GET /api/v3/depth',
      'GET /api/v3/trades',
      'GET /api/v3/historicalTrades',
      'GET /api/v3/historicalBlockTrades',
      'GET /api/v3/aggTrades',
      'GET /api/v3/klines',
      'GET /api/v3/uiKlines',
      'GET /api/v3/avgPrice',
      'GET /api/v3/ticker/24hr',
      'GET /api/v3/ticker/tradingDay',
      'GET /api/v3/ticker/price',
      'GET /api/v3/ticker/bookTicker',
      'GET /api/v3/ticker',
      'GET /api/v3/referencePrice',
      'GET /api/v3/referencePrice/calculation',
    ].sort(),
  );
  const client = createRestClient();
  for (const [name, endpoint] of Object.entries(marketEndpoints)) {
    expect(endpoint.name).toBe(name);
    expect(endpoint.security).toBe('NONE');
    expect(typeof client[name as keyof typeof marketEndpoints]).toBe('function');
    expect(Object.isFrozen(endpoint)).toBe(true);
  }
  // The hosts that serve market data only (data-api.binance.vision) lack these:
  expect(
    Object.values(marketEndpoints)
      .filter((e) => !e.marketDataHost)
      .map((e) => e.name)
      .sort(),
  ).toEqual([
    'executionRules',
    'historicalBlockTrades',
    'historicalTrades',
    'referencePrice',
    'referencePriceCalculation',
    'tradingDayTicker',
  ]);
});

test('every signed account and trading endpoint of the issue has a definition and a client method', () => {
  const signed = { ...accountEndpoints, ...tradingEndpoints };
  expect(
    Object.values(signed)
      .map((e) => `${e.method} ${e.path} ${e.security}`)
      .sort(),
  ).toEqual(
    [
      'GET /api/v3/account USER_DATA',
      'GET /api/v3/myTrades USER_DATA',
      'GET /api/v3/rateLimit/order USER_DATA',
      'GET /api/v3/account/commission USER_DATA',
      'GET /api/v3/myPreventedMatches USER_DATA',
      'GET /api/v3/myAllocations USER_DATA',
      'GET /api/v3/order/amendments USER_DATA',
      'GET /api/v3/myFilters USER_DATA',
      'POST /api/v3/order TRADE',
      'POST /api/v3/order/test TRADE',
      'GET /api/v3/order USER_DATA',
      'DELETE /api/v3/order TRADE',
      'DELETE /api/v3/openOrders TRADE',
      'POST /api/v3/order/cancelReplace TRADE',
      'PUT /api/v3/order/amend/keepPriority TRADE',
      'GET /api/v3/openOrders USER_DATA',
      'GET /api/v3/allOrders USER_DATA',
      'POST /api/v3/orderList/oco TRADE',
      'POST /api/v3/orderList/oto TRADE',
      'POST /api/v3/orderList/otoco TRADE',
      'DELETE /api/v3/orderList TRADE',
      'GET /api/v3/orderList USER_DATA',
      'GET /api/v3/allOrderList USER_DATA',
      'GET /api/v3/openOrderList USER_DATA',
    ].sort(),
  );
  const client = createRestClient();
  for (const [name, endpoint] of Object.entries(signed)) {
    expect(endpoint.name).toBe(name);
    expect(typeof client[name as keyof typeof signed]).toBe('function');
    expect(endpoint.marketDataHost).toBe(false);
  }
  // Only order placements add to the unfilled order count, and only GETs (and test orders) are retried.
  expect(
    Object.values(signed)
      .filter((e) => e.orders)
      .map((e) => [e.name, e.orders?.({} as never)]),
  ).toEqual([
    ['newOrder', 1],
    ['cancelReplace', 1],
    ['newOrderListOco', 2],
    ['newOrderListOto', 2],
    ['newOrderListOtoco', 3],
  ]);
  expect(
    Object.values(signed)
      .filter((e) => e.method !== 'GET' && e.idempotent)
      .map((e) => e.name),
  ).toEqual(['testOrder']);
});

test('presets', () => {
  expect(createRestClient().transport.baseUrls).toEqual(['https://api.binance.com']);
  expect(createRestClient({ ...presets.productionWithFallbacks }).transport.baseUrls).toEqual([
    'https://api.binance.com',
    'https://api-gcp.binance.com',
    'https://api1.binance.com',
    'https://api2.binance.com',
    'https://api3.binance.com',
    'https://api4.binance.com',
  ]);
  expect(PRODUCTION_FALLBACK_URLS).toHaveLength(5);
  expect(createRestClient({ ...presets.marketData }).transport.baseUrls).toEqual([
    'https://data-api.binance.vision',
  ]);
  expect(createRestClient({ ...presets.testnet }).transport.baseUrls).toEqual([
    'https://testnet.binance.vision',
    'https://api1.testnet.binance.vision',
  ]);
  expect(createRestClient({ ...presets.demo }).transport.baseUrls).toEqual(['https://demo-api.binance.com']);
  // A trailing slash is dropped, so paths join cleanly.
  expect(createRestClient({ baseUrl: 'http://127.0.0.1:8080/' }).transport.activeBaseUrl).toBe(
    'http://127.0.0.1:8080',
  );
});

test('parameter schemas convert to JSON Schema (for MCP tool definitions), descriptions included', async () => {
  const { toJSONSchema } = await import('zod');
  for (const endpoint of [
    ...Object.values(marketEndpoints),
    ...Object.values(accountEndpoints),
    ...Object.values(tradingEndpoints),
  ]) {
    const schema = toJSONSchema(endpoint.params, { io: 'input', unrepresentable: 'any' }) as unknown as {
      type: string;
      properties: Record<string, { description?: string }>;
      additionalProperties: boolean;
    };
    expect(schema.type, endpoint.name).toBe('object');
    expect(schema.additionalProperties, endpoint.name).toBe(false);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      expect(property.description, `${endpoint.name}.${name}`).toMatch(/\w/);
    }
  }
  const klines = toJSONSchema(marketEndpoints.klines.params, {
    io: 'input',
    unrepresentable: 'any',
  }) as unknown as {
    properties: { interval: { enum: string[] } };
    required: string[];
  };
  expect(klines.properties.interval.enum).toHaveLength(16);
  expect(klines.required.sort()).toEqual(['interval', 'symbol']);
});
