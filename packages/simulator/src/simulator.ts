// startSimulator(): one HTTP server on 127.0.0.1 serving the REST API and the WebSocket upgrades,
// and the handle through which tests inspect the market and inject faults.

import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Clock } from './clock.js';
import { type RestFaultOptions, RestFaults } from './faults.js';
import { WeightLimiter } from './limits/weight.js';
import { ExchangeInfoCache } from './market/exchange-info.js';
import { Market } from './market/market.js';
import { type ResolvedOptions, resolveOptions, type SimulatorOptions } from './options.js';
import { handleRest } from './rest/handler.js';
import { RequestLog, type RequestRecord } from './rest/request-log.js';
import { marketDataRoutes } from './rest/routes.js';
import { WsApiServer } from './ws-api/server.js';

/** A price level as Binance prints it: [price, quantity]. */
export type BookLevel = [price: string, qty: string];

/** The simulator's own view of a symbol's order book. */
export interface BookSnapshot {
  lastUpdateId: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

/** The handle returned by `startSimulator`. */
export interface Simulator {
  /** Base URL of the REST API, e.g. `http://127.0.0.1:40123` (append `/api/v3/...`). */
  readonly restUrl: string;
  /** Base URL of the market streams, e.g. `ws://127.0.0.1:40123` (append `/ws/<stream>` or `/stream?streams=`). */
  readonly streamUrl: string;
  /** URL of the WebSocket API (`/ws-api/v3`). */
  readonly wsApiUrl: string;
  readonly host: string;
  readonly port: number;
  /** The options in force, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>;

  /** Stops serving: closes every connection and the listening socket. */
  close(): Promise<void>;

  /** Server time in ms (the injected clock plus any shift). */
  now(): number;
  /** Every listed symbol, in exchangeInfo order. */
  symbols(): string[];
  /**
   * The simulator's order book for `symbol`, advanced to now, best levels first (all levels unless
   * `limit`). Compare a client's local book with this. Throws for an unknown symbol.
   */
  orderBook(symbol: string, limit?: number): BookSnapshot;

  /** Moves the server clock by `ms` (negative goes back); returns the total shift. Affects serverTime, the market and the weight windows. */
  shiftClock(ms: number): number;

  /** Arms a REST fault for the next `count` matching requests (see `RestFaultOptions`). */
  injectRestFault(fault: RestFaultOptions): void;
  /** The next `count` (default 1) REST responses matching `path` wait `ms` before being sent. */
  delayResponses(ms: number, options?: { count?: number; path?: string | RegExp }): void;
  /** The next `count` REST requests matching `path` get HTTP `status` (default 503) and Binance's -1001 body (or `body`). */
  failRequests(options?: { count?: number; path?: string | RegExp; status?: number; body?: unknown }): void;
  /** The next `count` REST responses matching `path` are cut in half (valid HTTP, invalid JSON). */
  truncateResponses(options?: { count?: number; path?: string | RegExp }): void;
  /** The next `count` REST requests matching `path` get their TCP connection destroyed without an answer. */
  dropRequests(options?: { count?: number; path?: string | RegExp }): void;
  /** Disarms every pending REST fault. */
  clearRestFaults(): void;

  /** Uses up the current minute's request-weight budget of `ip` (default 127.0.0.1): the next weighted request gets 429. */
  exhaustWeight(ip?: string): void;
  /** Bans `ip` (default 127.0.0.1) for `ms` (default the configured ban): requests get 418 until then. */
  banIp(ip?: string, ms?: number): void;
  /** Request weight used by `ip` (default 127.0.0.1) in the current minute. */
  usedWeight(ip?: string): number;

  /** The most recent REST requests received (up to 1000), oldest first. */
  requests(): RequestRecord[];
  /** Number of REST requests received per path. */
  requestCounts(): Record<string, number>;

  /** Clears faults, weight and bans, the request log and the clock shift. The market itself keeps going. */
  reset(): void;
}

const LOCAL_IP = '127.0.0.1';

/** Starts a simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const opts = resolveOptions(options);
  const clock = new Clock(opts.now);
  const market = new Market(
    { seed: opts.seed, symbolCount: opts.symbols, historyDays: opts.historyDays },
    clock,
  );
  const limiter = new WeightLimiter(
    { limit: opts.weightLimit, banAfter: opts.banAfter429s, banMs: opts.banMs },
    clock,
  );
  const faults = new RestFaults();
  const log = new RequestLog();
  const exchangeInfo = new ExchangeInfoCache();
  const wsApi = new WsApiServer();
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    handleRest(req, res, {
      market,
      clock,
      limiter,
      faults,
      log,
      exchangeInfo,
      routes: marketDataRoutes,
    }).catch((error: unknown) => {
      console.error('[simulator] request failed:', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/ws-api/v3') {
      wsApi.handleUpgrade(req, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  const book = (symbol: string, limit?: number): BookSnapshot => {
    const sm = market.get(symbol);
    if (!sm) throw new RangeError(`orderBook: unknown symbol '${symbol}'`);
    const b = sm.book(clock.now());
    const n = limit ?? Number.POSITIVE_INFINITY;
    const fmt = (levels: Array<[number, number]>): BookLevel[] =>
      levels.map(([p, q]) => [sm.formatPrice(p), sm.formatQty(q)]);
    return { lastUpdateId: b.lastUpdateId, bids: fmt(b.bids.top(n)), asks: fmt(b.asks.top(n)) };
  };

  let closed: Promise<void> | null = null;
  return {
    restUrl: `http://${hostInUrl}:${port}`,
    streamUrl: `ws://${hostInUrl}:${port}`,
    wsApiUrl: `ws://${hostInUrl}:${port}/ws-api/v3`,
    host: opts.host,
    port,
    options: opts,
    close() {
      if (!closed) {
        closed = new Promise<void>((resolve) => {
          wsApi.close();
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
      }
      return closed;
    },
    now: () => clock.now(),
    symbols: () => market.symbols.map((s) => s.symbol),
    orderBook: book,
    shiftClock: (ms) => clock.shift(ms),
    injectRestFault: (fault) => faults.add(fault),
    delayResponses: (ms, o = {}) => faults.add({ kind: 'delay', delayMs: ms, ...o }),
    failRequests: (o = {}) => faults.add({ kind: 'error', ...o }),
    truncateResponses: (o = {}) => faults.add({ kind: 'truncate', ...o }),
    dropRequests: (o = {}) => faults.add({ kind: 'reset', ...o }),
    clearRestFaults: () => faults.clear(),
    exhaustWeight: (ip = LOCAL_IP) => limiter.exhaust(ip),
    banIp: (ip = LOCAL_IP, ms = opts.banMs) => limiter.ban(ip, ms),
    usedWeight: (ip = LOCAL_IP) => limiter.used(ip),
    requests: () => log.list(),
    requestCounts: () => log.countsByPath(),
    reset() {
      faults.clear();
      limiter.reset();
      log.reset();
      clock.reset();
    },
  };
}
