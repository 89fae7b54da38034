// Resources for the client to read or attach: the exchange's rules in brief, and one symbol's complete
// rules and filters (with completion of symbol names).

import { type SymbolInfo, symbolRules } from '@binance-mcp/rest';
import {
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  ResourceTemplate,
} from '@modelcontextprotocol/server';
import type { BinanceContext } from '../context.js';

const JSON_TYPE = 'application/json';

/** A resource read failed upstream: a protocol error the client shows, redacted (one already made passes). */
export function upstreamError(binance: BinanceContext, uri: string, error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProtocolError(
    ProtocolErrorCode.InternalError,
    binance.redact(`Reading ${uri} failed: ${message}`),
    {
      uri,
    },
  );
}

/** Symbol names starting with `prefix` (any case), for completion: at most 100, as the SDK sends. */
export async function completeSymbols(binance: BinanceContext, prefix: string): Promise<string[]> {
  try {
    const info = await binance.rest.exchangeInfoCache.get();
    const p = prefix.trim().toUpperCase();
    const starts = info.symbols.filter((s) => s.symbol.startsWith(p)).map((s) => s.symbol);
    const contains =
      p === ''
        ? []
        : info.symbols.filter((s) => !s.symbol.startsWith(p) && s.symbol.includes(p)).map((s) => s.symbol);
    return [...starts, ...contains].slice(0, 100);
  } catch {
    // Completion is a convenience: no suggestions rather than an error.
    return [];
  }
}

function symbolDocument(binance: BinanceContext, info: SymbolInfo) {
  return { environment: binance.environment, symbol: info.symbol, rules: symbolRules(info), info };
}

export function registerMarketResources(server: McpServer, binance: BinanceContext): void {
  server.registerResource(
    'exchange-info',
    'binance://exchange-info',
    {
      title: 'Exchange information (summary)',
      description:
        "The exchange's rules in brief: time zone, rate limits, exchange filters, and every symbol's name and status grouped by quote asset. For one symbol's filters read binance://symbol/{symbol}; to search, use the get_exchange_info tool.",
      mimeType: JSON_TYPE,
    },
    async (uri) => {
      try {
        const info = await binance.rest.exchangeInfoCache.get();
        const byQuote: Record<string, string[]> = {};
        const statuses: Record<string, number> = {};
        for (const s of info.symbols) {
          const list = byQuote[s.quoteAsset] ?? [];
          list.push(s.status === 'TRADING' ? s.symbol : `${s.symbol}:${s.status}`);
          byQuote[s.quoteAsset] = list;
          statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
        }
        const doc = {
          environment: binance.environment,
          timezone: info.timezone,
          serverTime: info.serverTime,
          rateLimits: info.rateLimits,
          exchangeFilters: info.exchangeFilters,
          symbolCount: info.symbols.length,
          statusCounts: statuses,
          note: 'symbolsByQuoteAsset lists TRADING symbols by name; others as NAME:STATUS',
          symbolsByQuoteAsset: byQuote,
        };
        return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(doc) }] };
      } catch (error) {
        throw upstreamError(binance, uri.href, error);
      }
    },
  );

  server.registerResource(
    'symbol',
    new ResourceTemplate('binance://symbol/{symbol}', {
      // Thousands of symbols: found by completion and by get_exchange_info, not listed.
      list: undefined,
      complete: { symbol: (value) => completeSymbols(binance, value) },
    }),
    {
      title: 'Symbol rules and filters',
      description:
        "One symbol's trading rules: tick size, step size, quantity and notional bounds at a glance (rules), plus Binance's raw filters, permissions and order types. Read it before planning an order.",
      mimeType: JSON_TYPE,
    },
    async (uri, variables) => {
      const name = decodeURIComponent(String(variables.symbol ?? '')).toUpperCase();
      let info: SymbolInfo | undefined;
      try {
        info = await binance.rest.exchangeInfoCache.symbol(name);
      } catch (error) {
        throw upstreamError(binance, uri.href, error);
      }
      if (!info) throw new ResourceNotFoundError(uri.href);
      return {
        contents: [
          { uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(symbolDocument(binance, info)) },
        ],
      };
    },
  );
}
