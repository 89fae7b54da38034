// The public surface: one client method per endpoint definition, every market-data endpoint Binance
// documents, and the presets' base URLs.

import { createRestClient, marketEndpoints, PRODUCTION_FALLBACK_URLS, presets } from '@binance-mcp/rest';
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
  for (const endpoint of Object.values(marketEndpoints)) {
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
