// A cached `exchangeInfo` with symbol lookup. The full document is large (weight 20, hundreds of KB) and
// changes rarely, so it is fetched once and reused for `ttlMs`; however many callers ask at once, one
// request is in flight. A caller's own abort signal only abandons its own wait, never the shared fetch.

import {
  type ExchangeInfo,
  exchangeInfo as exchangeInfoEndpoint,
  type SymbolInfo,
} from '../endpoints/market/general.js';
import { ValidationError } from '../errors.js';
import { type Transport, untilAborted } from '../transport/transport.js';

export interface ExchangeInfoCacheOptions {
  /** How long a fetched document is reused, in ms. Default 300000 (5 minutes). */
  readonly ttlMs?: number;
  /** The clock, epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

export interface ExchangeInfoCache {
  /** The full exchangeInfo: the cached one while fresh, else fetched (one request for all callers). */
  get(options?: { signal?: AbortSignal }): Promise<ExchangeInfo>;
  /**
   * One symbol's rules (filters, precisions, order types, permissions), or undefined when the exchange
   * does not list it. Lower-case ASCII letters are accepted (`btcusdt` finds `BTCUSDT`).
   */
  symbol(symbol: string, options?: { signal?: AbortSignal }): Promise<SymbolInfo | undefined>;
  /** The cached document without any request, even if stale; undefined before the first fetch. */
  peek(): ExchangeInfo | undefined;
  /** Drops the cached document: the next `get` fetches again. */
  invalidate(): void;
  /** Local epoch ms of the cached document's fetch, if any. */
  readonly fetchedAt: number | undefined;
}

interface Entry {
  readonly info: ExchangeInfo;
  readonly bySymbol: ReadonlyMap<string, SymbolInfo>;
  readonly fetchedAt: number;
}

const ASCII_LOWER = /[a-z]/g;

export function createExchangeInfoCache(
  transport: Transport,
  options: ExchangeInfoCacheOptions = {},
): ExchangeInfoCache {
  const ttlMs = options.ttlMs ?? 300_000;
  if (typeof ttlMs !== 'number' || !(ttlMs >= 0)) {
    throw new ValidationError({
      parameter: 'options.exchangeInfoTtlMs',
      value: ttlMs,
      allowed: 'a non-negative number of milliseconds',
    });
  }
  const now = options.now ?? Date.now;
  let entry: Entry | undefined;
  let inFlight: Promise<Entry> | undefined;
  // Bumped by `invalidate`, so a fetch that started before it does not refill the cache.
  let generation = 0;

  const fetchEntry = (): Promise<Entry> => {
    if (inFlight) return inFlight;
    const started = generation;
    const promise = transport.request(exchangeInfoEndpoint, {}).then((info) => {
      const fresh: Entry = {
        info,
        bySymbol: new Map(info.symbols.map((s) => [s.symbol, s])),
        fetchedAt: now(),
      };
      if (generation === started) entry = fresh;
      return fresh;
    });
    inFlight = promise;
    const clear = () => {
      if (inFlight === promise) inFlight = undefined;
    };
    promise.then(clear, clear);
    return promise;
  };

  const current = async (signal: AbortSignal | undefined): Promise<Entry> => {
    if (entry && now() - entry.fetchedAt < ttlMs) return entry;
    return untilAborted(fetchEntry(), signal);
  };

  return {
    async get(getOptions = {}) {
      return (await current(getOptions.signal)).info;
    },
    async symbol(name, symbolOptions = {}) {
      if (typeof name !== 'string') {
        throw new ValidationError({
          parameter: 'symbol',
          value: name,
          allowed: 'a symbol name such as "BTCUSDT"',
        });
      }
      const found = await current(symbolOptions.signal);
      return (
        found.bySymbol.get(name) ?? found.bySymbol.get(name.replace(ASCII_LOWER, (c) => c.toUpperCase()))
      );
    },
    peek: () => entry?.info,
    invalidate() {
      entry = undefined;
      generation++;
    },
    get fetchedAt() {
      return entry?.fetchedAt;
    },
  };
}
