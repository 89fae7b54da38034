// Where each Binance environment lives. `mainnet` is the real exchange, `testnet` the Spot test network
// (virtual funds, reset about monthly), `demo` Binance's demo trading; `simulator` is the project's own
// Binance-compatible server on 127.0.0.1 (`--simulator`). Every result tells the agent which one answered.

import { PRODUCTION_FALLBACK_URLS } from '@binance-mcp/rest';

export const EXCHANGE_ENVIRONMENTS = ['mainnet', 'testnet', 'demo'] as const;
export type ExchangeEnvironment = (typeof EXCHANGE_ENVIRONMENTS)[number];

/** The environment a result came from. */
export const ENVIRONMENTS = [...EXCHANGE_ENVIRONMENTS, 'simulator'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface EnvironmentUrls {
  /** REST API base URL (`/api/v3/...` is appended). */
  readonly rest: string;
  /** Tried in turn when `rest` cannot be reached. */
  readonly restFallbacks: readonly string[];
  /** Market streams base URL (`/ws/<stream>` or `/stream?streams=` is appended). */
  readonly stream: string;
  /** WebSocket API URL. */
  readonly wsApi: string;
}

/** Binance's documented hosts for each environment. */
export const ENVIRONMENT_URLS: Readonly<Record<ExchangeEnvironment, EnvironmentUrls>> = Object.freeze({
  mainnet: {
    rest: 'https://api.binance.com',
    restFallbacks: PRODUCTION_FALLBACK_URLS,
    stream: 'wss://stream.binance.com:9443',
    wsApi: 'wss://ws-api.binance.com:443/ws-api/v3',
  },
  testnet: {
    rest: 'https://testnet.binance.vision',
    restFallbacks: ['https://api1.testnet.binance.vision'],
    stream: 'wss://stream.testnet.binance.vision',
    wsApi: 'wss://ws-api.testnet.binance.vision/ws-api/v3',
  },
  demo: {
    rest: 'https://demo-api.binance.com',
    restFallbacks: [],
    stream: 'wss://demo-stream.binance.com',
    wsApi: 'wss://demo-ws-api.binance.com/ws-api/v3',
  },
});
