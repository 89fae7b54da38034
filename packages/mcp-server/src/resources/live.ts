// Live resources, backed by streams: a symbol's 24-hour ticker and its order book, as they are now.
// Reading one starts its stream (or the local book) if needed; following it (a 2025 subscription, or a
// 2026-07-28 listen after reading) brings "updated" notices at most once a second.

import { bigIntReplacer, orderBookStats } from '@binance-mcp/rest';
import type { StreamDescriptor } from '@binance-mcp/streams';
import { type McpServer, ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';
import type { BinanceContext } from '../context.js';
import type { LiveUpdates } from '../streams/updates.js';
import { completeSymbols, upstreamError } from './market.js';

const JSON_TYPE = 'application/json';
/** How long a first read waits for the ticker stream's first event before answering from REST. */
const FIRST_EVENT_MS = 3000;

export interface LiveResourceOptions {
  /** Follow a live resource for this long after each read (the 2026-07-28 revision); none on 2025. */
  readonly followAfterReadMs: number | undefined;
  readonly updates: LiveUpdates;
}

async function listed(binance: BinanceContext, uri: string, symbol: string): Promise<string> {
  let info: Awaited<ReturnType<BinanceContext['rest']['exchangeInfoCache']['symbol']>>;
  try {
    info = await binance.rest.exchangeInfoCache.symbol(symbol);
  } catch (error) {
    throw upstreamError(binance, uri, error);
  }
  if (!info) throw new ResourceNotFoundError(uri);
  return info.symbol;
}

/** The stream's latest event, waiting up to `ms` for the first one (told by the hub, not polled). */
async function latestEvent(binance: BinanceContext, stream: StreamDescriptor, ms: number): Promise<unknown> {
  let wake = () => {};
  const arrived = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const watch = binance.streams.watch(stream, () => wake());
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (watch.latest() === undefined) {
      await Promise.race([arrived, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    }
    return watch.latest();
  } finally {
    clearTimeout(timer);
    watch.stop();
  }
}

export function registerLiveResources(
  server: McpServer,
  binance: BinanceContext,
  options: LiveResourceOptions,
): void {
  const followed = (uri: string) => {
    if (options.followAfterReadMs !== undefined) void options.updates.follow(uri, options.followAfterReadMs);
  };
  const complete = { symbol: (value: string) => completeSymbols(binance, value) };

  server.registerResource(
    'ticker',
    new ResourceTemplate('binance://ticker/{symbol}', { list: undefined, complete }),
    {
      title: 'Live 24h ticker',
      description:
        "A symbol's rolling 24-hour statistics as the ticker stream last reported them (last price, change, high, low, volumes, best bid and ask). Subscribe to be told when it changes (at most once a second).",
      mimeType: JSON_TYPE,
    },
    async (uri, variables) => {
      const symbol = await listed(
        binance,
        uri.href,
        decodeURIComponent(String(variables.symbol ?? '')).toUpperCase(),
      );
      try {
        const latest = await latestEvent(binance, { type: 'ticker', symbol }, FIRST_EVENT_MS);
        followed(uri.href);
        const doc =
          latest !== undefined
            ? { environment: binance.environment, symbol, source: 'live', ticker: latest }
            : {
                environment: binance.environment,
                symbol,
                source: 'rest',
                note: 'the ticker stream has not reported yet; this is a REST snapshot',
                ticker: await binance.rest.ticker24hr({ symbol }),
              };
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: JSON_TYPE,
              text: JSON.stringify(doc, bigIntReplacer),
            },
          ],
        };
      } catch (error) {
        throw upstreamError(binance, uri.href, error);
      }
    },
  );

  server.registerResource(
    'book',
    new ResourceTemplate('binance://book/{symbol}', { list: undefined, complete }),
    {
      title: 'Live order book',
      description:
        "A symbol's order book from a local copy kept in sync by the depth stream: best bid and ask, spread, mid, depth within ±1% of the mid, and the top 20 levels a side. Subscribe to be told when it changes (at most once a second).",
      mimeType: JSON_TYPE,
    },
    async (uri, variables) => {
      const symbol = await listed(
        binance,
        uri.href,
        decodeURIComponent(String(variables.symbol ?? '')).toUpperCase(),
      );
      try {
        const book = await binance.streams.orderBook(symbol);
        const depth = book.depth(5000);
        const stats = orderBookStats(depth, { bandPercent: 1, percentScale: 6 });
        followed(uri.href);
        const doc = {
          environment: binance.environment,
          symbol,
          source: 'live',
          lastUpdateId: depth.lastUpdateId,
          bestBid: stats.bestBid,
          bestAsk: stats.bestAsk,
          spread: stats.spread,
          spreadPercent: stats.spreadPercent,
          mid: stats.mid,
          band: stats.band,
          bids: depth.bids.slice(0, 20),
          asks: depth.asks.slice(0, 20),
        };
        return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(doc) }] };
      } catch (error) {
        throw upstreamError(binance, uri.href, error);
      }
    },
  );
}
