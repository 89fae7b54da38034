// Base URLs Binance documents for the Spot REST API. Spread a preset into the client's options:
// `createRestClient({ ...presets.testnet })`.

/** Binance's production hosts besides `api.binance.com`: `api-gcp` and `api1`–`api4` ("better performance, less stability"). */
export const PRODUCTION_FALLBACK_URLS: readonly string[] = Object.freeze([
  'https://api-gcp.binance.com',
  'https://api1.binance.com',
  'https://api2.binance.com',
  'https://api3.binance.com',
  'https://api4.binance.com',
]);

export interface Preset {
  readonly baseUrl: string;
  readonly fallbackUrls: readonly string[];
}

export const presets = Object.freeze({
  /** `https://api.binance.com` alone (the client's default). */
  production: Object.freeze({ baseUrl: 'https://api.binance.com', fallbackUrls: [] }) as Preset,
  /** `https://api.binance.com`, then `api-gcp` and `api1`–`api4` when it cannot be reached. */
  productionWithFallbacks: Object.freeze({
    baseUrl: 'https://api.binance.com',
    fallbackUrls: PRODUCTION_FALLBACK_URLS,
  }) as Preset,
  /**
   * `https://data-api.binance.vision`: public market data only, no API key. It does not serve
   * historicalTrades, historicalBlockTrades, ticker/tradingDay, referencePrice* or executionRules
   * (see each endpoint's `marketDataHost`).
   */
  marketData: Object.freeze({ baseUrl: 'https://data-api.binance.vision', fallbackUrls: [] }) as Preset,
  /** The Spot testnet: virtual funds, reset about monthly; keys from testnet.binance.vision. */
  testnet: Object.freeze({
    baseUrl: 'https://testnet.binance.vision',
    fallbackUrls: Object.freeze(['https://api1.testnet.binance.vision']),
  }) as Preset,
  /** Demo trading (demo-api.binance.com), with keys from Binance's demo mode. */
  demo: Object.freeze({ baseUrl: 'https://demo-api.binance.com', fallbackUrls: [] }) as Preset,
});
