import { InvalidParameterError } from './errors.js';

// Where Binance serves market streams (web-socket-streams.md, testnet and demo docs).

/** Base URLs of Binance's market stream servers. Pass one as `baseUrl`, or any other `ws(s)://` URL. */
export const STREAM_URLS = {
  /** Production, port 9443 (the default). */
  mainnet: 'wss://stream.binance.com:9443',
  /** Production on port 443, for networks that only allow 443. */
  mainnet443: 'wss://stream.binance.com:443',
  /** Market data only (no user data), production data. */
  marketData: 'wss://data-stream.binance.vision',
  /** Spot testnet. */
  testnet: 'wss://stream.testnet.binance.vision',
  /** Demo mode. */
  demo: 'wss://demo-stream.binance.com',
} as const;

/** Base URLs of the WebSocket API (user data, requests). */
export const WS_API_URLS = {
  mainnet: 'wss://ws-api.binance.com:443/ws-api/v3',
  testnet: 'wss://ws-api.testnet.binance.vision/ws-api/v3',
  demo: 'wss://demo-ws-api.binance.com/ws-api/v3',
} as const;

export type StreamEnvironment = keyof typeof STREAM_URLS;

/** Resolves a preset name or URL to a base URL without a trailing slash or `/ws`/`/stream` path. */
export function resolveStreamBaseUrl(baseUrl: string | undefined): string {
  const raw =
    baseUrl === undefined ? STREAM_URLS.mainnet : (STREAM_URLS[baseUrl as StreamEnvironment] ?? baseUrl);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidParameterError(
      'baseUrl',
      raw,
      `a ws:// or wss:// URL or one of ${Object.keys(STREAM_URLS).join(', ')}`,
    );
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new InvalidParameterError('baseUrl', raw, 'a ws:// or wss:// URL');
  }
  // Tolerate bases given with the raw or combined path (the testnet docs print '/ws').
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(ws|stream)$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
