// Depth snapshots through @binance-mcp/rest: its weight budget, retries and 418/429 handling apply
// to the order book's snapshots too (limit 5000 costs 250 weight).

import { createRestClient, presets, type RestClient } from '@binance-mcp/rest';
import { STREAM_URLS } from '../endpoints.js';
import type { SnapshotSource } from './order-book.js';

/** A snapshot source on a `@binance-mcp/rest` client's `depth` method. */
export function restSnapshotSource(rest: RestClient): SnapshotSource {
  return async (symbol, limit, signal) => {
    const book = await rest.depth({ symbol, limit }, { signal });
    // Spot update ids are far below 2^53; the REST client gives a bigint only beyond that.
    return { lastUpdateId: Number(book.lastUpdateId), bids: book.bids, asks: book.asks };
  };
}

/**
 * The REST host that goes with a stream host: Binance's presets map to their REST hosts; any other
 * URL (a simulator, a proxy) is taken to serve REST on the same host and port.
 */
export function restBaseUrlFor(streamBaseUrl: string): { baseUrl: string; fallbackUrls?: readonly string[] } {
  const host = new URL(streamBaseUrl).host;
  const known: Record<string, { baseUrl: string; fallbackUrls: readonly string[] }> = {
    [new URL(STREAM_URLS.mainnet).host]: presets.production,
    [new URL(STREAM_URLS.mainnet443).host]: presets.production,
    'stream.binance.com': presets.production,
    [new URL(STREAM_URLS.marketData).host]: presets.marketData,
    [new URL(STREAM_URLS.testnet).host]: presets.testnet,
    [new URL(STREAM_URLS.demo).host]: presets.demo,
  };
  const preset = known[host];
  if (preset) return preset;
  const url = new URL(streamBaseUrl);
  return {
    baseUrl: `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}${url.pathname.replace(/\/+$/, '')}`,
  };
}

export function defaultRestClient(streamBaseUrl: string): RestClient {
  return createRestClient(restBaseUrlFor(streamBaseUrl));
}
