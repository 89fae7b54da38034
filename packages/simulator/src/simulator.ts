// startSimulator(): one HTTP server on 127.0.0.1 serving the REST API and the WebSocket upgrades,
// and the handle through which tests inspect the market and inject faults.

import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiKeyCredentials, ApiKeyOptions } from './accounts/api-keys.js';
import { type AccountCredentials, type AccountOptions, Accounts, amountOption } from './accounts/registry.js';
import { Clock } from './clock.js';
import { PlacementFaults, type RestFaultOptions, RestFaults } from './faults.js';
import type { OrderRateLimits } from './limits/order-count.js';
import { WeightLimiter } from './limits/weight.js';
import { parseUnits } from './market/decimal.js';
import { ExchangeInfoCache } from './market/exchange-info.js';
import { Market, type SymbolMarket } from './market/market.js';
import { parseFlagChanges, type SymbolFlags, seededFlags } from './market/symbol-flags.js';
import { type ResolvedOptions, resolveOptions, type SimulatorOptions } from './options.js';
import { blockTradeJson } from './rest/endpoints/trades.js';
import { handleRest } from './rest/handler.js';
import { RequestLog, type RequestRecord } from './rest/request-log.js';
import { restRoutes } from './rest/routes.js';
import { type StreamConnectionInfo, StreamServer } from './streams/server.js';
import { TradingEngine } from './trading/engine.js';
import { UserEvents } from './trading/events.js';
import { externalMarketOrder, fillOrder, movePrice, setBalances } from './trading/market-controls.js';
import type { LevelTaken } from './trading/matching.js';
import { type WsApiConnectionInfo, WsApiServer } from './ws-api/server.js';

/** A price level as Binance prints it: [price, quantity]. */
export type BookLevel = [price: string, qty: string];

/** The simulator's own view of a symbol's order book. */
export interface BookSnapshot {
  lastUpdateId: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

/** What `executeMarketOrder` and `movePrice` did. */
export interface MarketOrderResult {
  symbol: string;
  side: 'BUY' | 'SELL';
  /** Quantity executed (less than asked when the book ran out). */
  executedQty: string;
  /**
   * One entry per price level taken, best first: its quantity, the id of its first trade (a level
   * holding account orders makes one trade per order, then one with the background liquidity) and
   * the level's aggregate trade id.
   */
  fills: Array<{ price: string; qty: string; tradeId: number; aggTradeId: number }>;
}

/** An account's balance of one asset, as decimal strings. */
export interface BalanceInfo {
  free: string;
  locked: string;
}

/** An order as `GET /api/v3/order` shows it (`orderId` is a bigint with a non-zero `idOffset`). */
export type OrderInfo = Record<string, unknown> & {
  symbol: string;
  orderId: number | bigint;
  clientOrderId: string;
  status: string;
};

/** A block trade as `historicalBlockTrades` shows it. */
export interface BlockTradeInfo {
  id: number | bigint;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
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

  /**
   * Another market participant sends a market order now: it takes `quantity` (base asset, a multiple
   * of the step size) from the book, level by level. The fills are trades with the next trade ids,
   * so they show up at once on REST (trades, klines, tickers) and on the trade, aggTrade, depth and
   * bookTicker streams. Handy to make the market move, or produce a trade, exactly when a test wants.
   */
  executeMarketOrder(symbol: string, side: 'BUY' | 'SELL', quantity: string): MarketOrderResult;

  /**
   * Another participant trades the book through to `price` now: every ask up to it (BUY, when
   * `price` is at or above the last price) or every bid down to it is taken, account orders
   * included (they fill as makers), and the last trade prints exactly at `price` — so resting
   * orders at or beyond it fill, and stop orders trigger, deterministically.
   */
  movePrice(symbol: string, price: string): MarketOrderResult;

  /** Moves the server clock by `ms` (negative goes back); returns the total shift. Affects serverTime, the market and the weight windows. */
  shiftClock(ms: number): number;

  /** Credentials of the accounts given in `startSimulator({ accounts })`, in order. */
  readonly accounts: readonly AccountCredentials[];
  /** Creates an account with one API key (HMAC, RSA or Ed25519); returns the key's credentials. */
  createAccount(options?: AccountOptions): AccountCredentials;
  /** Adds another API key to the account of `apiKey` (keys of one account share its balances and order counts). */
  addApiKey(apiKey: string, options?: ApiKeyOptions): ApiKeyCredentials;
  /** The balances of the account of `apiKey`, by asset. */
  balances(apiKey: string): Record<string, BalanceInfo>;
  /**
   * Sets free balances of the account of `apiKey` (a deposit or a withdrawal): subscribers get a
   * `balanceUpdate` per changed asset and an `outboundAccountPosition`.
   */
  setBalances(apiKey: string, balances: Record<string, string>): void;
  /** Every order of the account of `apiKey` (optionally one symbol), oldest first, as GET order shows them. */
  orders(apiKey: string, symbol?: string): OrderInfo[];
  /**
   * Another participant fills `quantity` (default: all that is left) of a resting order of the
   * account of `apiKey` at its price — a partial or complete fill exactly when a test wants it.
   */
  fillOrder(apiKey: string, symbol: string, orderId: number | bigint, quantity?: string): OrderInfo;
  /**
   * Records a block trade (negotiated off the book) on `symbol` now: it is served by
   * `historicalBlockTrades` and sent on `<symbol>@blockTrade`, and does not touch the book or the
   * tape. `price` and `qty` follow the symbol's tick and step sizes. Returns it as REST shows it.
   */
  recordBlockTrade(
    symbol: string,
    trade: { price: string; qty: string; isBuyerMaker?: boolean },
  ): BlockTradeInfo;
  /**
   * Turns features of `symbol` on or off: exchangeInfo (REST and WebSocket API) shows the new flags
   * and the matching engine enforces them with Binance's -2010 / -2038 messages (e.g. cancelReplace on
   * a symbol without `cancelReplaceAllowed`: "Order cancel-replace is not supported for this symbol.").
   * Flags not given keep their value; `reset()` restores the seeded ones. Returns the flags now in force.
   */
  setSymbolFlags(symbol: string, flags: Partial<SymbolFlags>): SymbolFlags;
  /** Changes the ORDERS limits (unfilled orders per 10 s and per day) of every account. */
  setOrderRateLimits(limits: { per10s?: number; perDay?: number }): void;
  /**
   * The next `count` (default 1) order placements (POST order, cancelReplace, orderList/*, and their
   * WebSocket API methods) lose their connection: `'before'` the request is processed (no order), or
   * `'after'` (the order is placed, the response is lost).
   */
  dropOrderPlacements(options: { when: 'before' | 'after'; count?: number }): void;

  /** Open WebSocket API connections. */
  wsApiConnections(): WsApiConnectionInfo[];
  /** Drops WebSocket API connections, like `dropConnections` does for streams. Returns how many. */
  dropWsApiConnections(options?: { id?: number; code?: number; reason?: string }): number;
  /**
   * Stops (false) or resumes (true) the WebSocket API's ping frames, on all connections or one (ids
   * from `wsApiConnections()`). Unanswered pings are forgiven.
   */
  setWsApiPings(enabled: boolean, connectionId?: number): void;
  /** Stops (false) or resumes (true) answering the client's ping frames on WebSocket API connections. */
  setWsApiPongReplies(enabled: boolean, connectionId?: number): void;
  /**
   * Freezes (true) WebSocket API connections: nothing is sent any more (responses, user-data events,
   * pings, pongs) but the socket stays open — a half-dead link. Requests still arrive and are
   * processed (an order sent is placed); their responses are lost.
   */
  freezeWsApiConnections(frozen: boolean, connectionId?: number): void;
  /** Sends the WebSocket API's `serverShutdown` event and, with `closeAfterMs`, closes (1001) later. */
  sendWsApiServerShutdown(options?: { connectionId?: number; closeAfterMs?: number }): number;
  /**
   * Ends user-data stream subscriptions (all, or those of the account of `apiKey`) with
   * `eventStreamTerminated`, as Binance does when it ends them. Returns how many.
   */
  terminateUserDataStreams(options?: { apiKey?: string }): number;

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
  /**
   * The next `count` REST requests matching `path` get HTTP 429 with Binance's -1003 body, and a
   * `Retry-After` header only when `retryAfter` (seconds) is given — the client must pick a wait itself.
   */
  rateLimitRequests(options?: { count?: number; path?: string | RegExp; retryAfter?: number }): void;
  /** The next `count` REST requests matching `path` are blocked by the web application firewall: HTTP 403 with an HTML page. */
  blockRequests(options?: { count?: number; path?: string | RegExp }): void;
  /**
   * The next `count` REST requests matching `path` (and `method`) are processed (an order placed), then
   * the connection is cut in the middle of the response body: the client has the status and headers
   * but not the whole body.
   */
  cutResponses(options?: { count?: number; path?: string | RegExp; method?: string }): void;
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

  /** Open stream connections with their subscriptions. */
  connections(): StreamConnectionInfo[];
  /**
   * Drops stream connections (all, or the one with `id`): without `code` the TCP connection is
   * destroyed with no close frame (a network failure); with `code` a close frame is sent. Returns how many.
   */
  dropConnections(options?: { id?: number; code?: number; reason?: string }): number;
  /** Stops (false) or resumes (true) the server's ping frames, on all connections or one. Unanswered pings are forgiven. */
  setPings(enabled: boolean, connectionId?: number): void;
  /** Stops (false) or resumes (true) answering the client's ping frames with pongs, on all connections or one. */
  setPongReplies(enabled: boolean, connectionId?: number): void;
  /** Freezes (true) connections: nothing is sent any more (data, pings, pongs) but the socket stays open — a half-dead link. */
  freezeConnections(frozen: boolean, connectionId?: number): void;
  /**
   * Sends the `serverShutdown` event (raw, or wrapped as stream `!serverShutdown` on combined
   * connections) and, with `closeAfterMs`, closes those connections (1001) that much later. Returns how many.
   */
  sendServerShutdown(options?: { connectionId?: number; closeAfterMs?: number }): number;
  /**
   * The next `count` (default 1) diff-depth events of `symbol` are not sent (their changes are applied
   * to the book), so subscribers see `U` > previous `u` + 1. Applies to the symbol's diff-depth streams
   * subscribed now; returns how many streams are affected.
   */
  skipDepthUpdates(symbol: string, count?: number): number;

  /**
   * Clears faults (REST, streams and WebSocket API), weight and bans, the request log, the clock shift
   * and symbol flags set with `setSymbolFlags`. The market itself keeps going.
   */
  reset(): void;
}

const LOCAL_IP = '127.0.0.1';

/** Starts a simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const opts = resolveOptions(options);
  const clock = new Clock(opts.now);
  const market = new Market(
    {
      seed: opts.seed,
      symbolCount: opts.symbols,
      historyDays: opts.historyDays,
      idOffset: BigInt(opts.idOffset),
    },
    clock,
  );
  const limiter = new WeightLimiter(
    { limit: opts.weightLimit, banAfter: opts.banAfter429s, banMs: opts.banMs },
    clock,
  );
  const faults = new RestFaults();
  const placementFaults = new PlacementFaults();
  const log = new RequestLog();
  const exchangeInfo = new ExchangeInfoCache();
  const orderLimits: OrderRateLimits = { per10s: opts.maxOrdersPer10s, perDay: opts.maxOrdersPerDay };
  const accounts = new Accounts(orderLimits, opts.seed);
  const initialAccounts = (options.accounts ?? []).map((a) => accounts.create(a).credentials);
  const events = new UserEvents();
  const trading = new TradingEngine(market, clock, events);
  const wsApi = new WsApiServer({
    market,
    clock,
    limiter,
    accounts,
    trading,
    events,
    exchangeInfo,
    orderLimits,
    placementFaults,
    pingIntervalMs: opts.pingIntervalMs,
    pongTimeoutMs: opts.pongTimeoutMs,
    connectionLifetimeMs: opts.connectionLifetimeMs,
  });
  const streams = new StreamServer(market, clock, opts, (now) => trading.sync(now));
  const sockets = new Set<Socket>();

  // Room for combined-stream URLs naming up to 1024 streams.
  const server: Server = createServer({ maxHeaderSize: 128 * 1024 }, (req, res) => {
    handleRest(req, res, {
      market,
      clock,
      limiter,
      faults,
      placementFaults,
      log,
      exchangeInfo,
      routes: restRoutes,
      accounts,
      trading,
      orderLimits,
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
    if (streams.handleUpgrade(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Nothing may keep running (timers) when start-up fails, e.g. on a port in use.
    streams.close();
    wsApi.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  const symbolOf = (symbol: string, control: string): SymbolMarket => {
    const sm = market.get(symbol);
    if (!sm) throw new RangeError(`${control}: unknown symbol '${symbol}'`);
    return sm;
  };

  const book = (symbol: string, limit?: number): BookSnapshot => {
    const sm = symbolOf(symbol, 'orderBook');
    trading.sync(clock.now());
    const b = sm.book(clock.now());
    const n = limit ?? Number.POSITIVE_INFINITY;
    const fmt = (levels: Array<[number, number]>): BookLevel[] =>
      levels.map(([p, q]) => [sm.formatPrice(p), sm.formatQty(q)]);
    return { lastUpdateId: b.lastUpdateId, bids: fmt(b.bids.top(n)), asks: fmt(b.asks.top(n)) };
  };

  // Controls speak the wire's ids: shifted by `idOffset`.
  const wireOrder = (json: Record<string, unknown>): OrderInfo => {
    const order = json as OrderInfo;
    if (!market.ids.active) return order;
    return { ...order, orderId: BigInt(order.orderId) + market.ids.offset };
  };

  // Symbols whose flags `setSymbolFlags` changed, for `reset()`.
  const flagged = new Set<SymbolMarket>();

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
          streams.close();
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
    executeMarketOrder(symbol, side, quantity) {
      const sm = symbolOf(symbol, 'executeMarketOrder');
      if (side !== 'BUY' && side !== 'SELL') {
        throw new RangeError(`executeMarketOrder: side must be 'BUY' or 'SELL', got '${String(side)}'`);
      }
      const units = parseUnits(quantity, sm.spec.qtyPrecision);
      if (units === null || units <= 0n || units % sm.spec.stepUnits !== 0n) {
        throw new RangeError(
          `executeMarketOrder: quantity must be a positive multiple of ${symbol}'s step size ${sm.formatQty(1)}, got '${quantity}'`,
        );
      }
      const levels = externalMarketOrder(trading, sm, side === 'BUY', units, clock.now());
      return marketResult(sm, side, levels);
    },
    movePrice(symbol, price) {
      const sm = symbolOf(symbol, 'movePrice');
      const units = parseUnits(price, sm.spec.pricePrecision);
      if (units === null || units <= 0n || units % sm.spec.tickUnits !== 0n) {
        throw new RangeError(
          `movePrice: price must be a positive multiple of ${symbol}'s tick size ${sm.formatPrice(1)}, got '${price}'`,
        );
      }
      const buy = units >= trading.lastPrice(sm, clock.now());
      return marketResult(sm, buy ? 'BUY' : 'SELL', movePrice(trading, sm, units, clock.now()));
    },
    get accounts() {
      return initialAccounts;
    },
    createAccount: (o = {}) => accounts.create(o).credentials,
    addApiKey: (apiKey, o = {}) => accounts.addKey(accounts.accountOf(apiKey, 'addApiKey'), o),
    balances: (apiKey) => accounts.accountOf(apiKey, 'balances').balances.toJSON(),
    setBalances(apiKey, balances) {
      const account = accounts.accountOf(apiKey, 'setBalances');
      const list = Object.entries(balances).map(
        ([asset, amount]) => [asset, amountOption(`setBalances: ${asset}`, amount)] as [string, bigint],
      );
      trading.sync(clock.now());
      setBalances(trading, account, list, clock.now());
    },
    orders(apiKey, symbol) {
      const account = accounts.accountOf(apiKey, 'orders');
      trading.sync(clock.now());
      return trading.ordersOf(account, symbol).map((o) => wireOrder(trading.queryJson(o, (ms) => ms)));
    },
    fillOrder(apiKey, symbol, orderId, quantity) {
      const account = accounts.accountOf(apiKey, 'fillOrder');
      const sm = symbolOf(symbol, 'fillOrder');
      trading.sync(clock.now());
      const internal = market.ids.in(String(orderId)) ?? -1;
      const order = account.findOrder(sm.symbol, internal);
      if (!order) throw new RangeError(`fillOrder: the account has no order ${orderId} on ${symbol}`);
      let qty: bigint | null = null;
      if (quantity !== undefined) {
        qty = parseUnits(quantity, 8);
        if (qty === null)
          throw new RangeError(`fillOrder: quantity must be a decimal string, got '${quantity}'`);
      }
      fillOrder(trading, order, qty, clock.now());
      return wireOrder(trading.queryJson(order, (ms) => ms));
    },
    recordBlockTrade(symbol, trade) {
      const sm = symbolOf(symbol, 'recordBlockTrade');
      const price = parseUnits(trade.price, sm.spec.pricePrecision);
      if (price === null || price <= 0n || price % sm.spec.tickUnits !== 0n) {
        throw new RangeError(
          `recordBlockTrade: price must be a positive multiple of ${symbol}'s tick size ${sm.formatPrice(1)}, got '${trade.price}'`,
        );
      }
      const qty = parseUnits(trade.qty, sm.spec.qtyPrecision);
      if (qty === null || qty <= 0n || qty % sm.spec.stepUnits !== 0n) {
        throw new RangeError(
          `recordBlockTrade: qty must be a positive multiple of ${symbol}'s step size ${sm.formatQty(1)}, got '${trade.qty}'`,
        );
      }
      const block = {
        id: sm.blockTrades.length,
        price: Number(price / sm.spec.tickUnits),
        qty: Number(qty / sm.spec.stepUnits),
        time: clock.now(),
        buyerIsMaker: trade.isBuyerMaker ?? true,
      };
      sm.blockTrades.push(block);
      const json = blockTradeJson(sm, block, (ms) => ms);
      return { ...json, id: market.ids.active ? BigInt(block.id) + market.ids.offset : block.id };
    },
    setSymbolFlags(symbol, flags) {
      const sm = symbolOf(symbol, 'setSymbolFlags');
      for (const [name, value] of parseFlagChanges(symbol, flags)) sm.flags[name] = value;
      flagged.add(sm);
      exchangeInfo.forget(sm.symbol);
      return { ...sm.flags };
    },
    setOrderRateLimits(limits) {
      for (const [name, value] of Object.entries(limits)) {
        if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
          throw new RangeError(`setOrderRateLimits: '${name}' must be a positive integer, got ${value}`);
        }
      }
      if (limits.per10s !== undefined) orderLimits.per10s = limits.per10s;
      if (limits.perDay !== undefined) orderLimits.perDay = limits.perDay;
    },
    dropOrderPlacements: (o) => placementFaults.add(o.when, o.count ?? 1),
    wsApiConnections: () => wsApi.list(),
    dropWsApiConnections: (o = {}) => wsApi.drop(o),
    setWsApiPings: (enabled, id) => wsApi.setPings(enabled, id),
    setWsApiPongReplies: (enabled, id) => wsApi.setPongReplies(enabled, id),
    freezeWsApiConnections: (frozen, id) => wsApi.freeze(frozen, id),
    sendWsApiServerShutdown: (o = {}) =>
      wsApi.serverShutdown({ id: o.connectionId, closeAfterMs: o.closeAfterMs }),
    terminateUserDataStreams(o = {}) {
      if (o.apiKey === undefined) return wsApi.terminateSubscriptions(() => true);
      const uid = accounts.accountOf(o.apiKey, 'terminateUserDataStreams').uid;
      return wsApi.terminateSubscriptions((u) => u === uid);
    },
    injectRestFault: (fault) => faults.add(fault),
    delayResponses: (ms, o = {}) => faults.add({ kind: 'delay', delayMs: ms, ...o }),
    failRequests: (o = {}) => faults.add({ kind: 'error', ...o }),
    truncateResponses: (o = {}) => faults.add({ kind: 'truncate', ...o }),
    dropRequests: (o = {}) => faults.add({ kind: 'reset', ...o }),
    rateLimitRequests: (o = {}) => faults.add({ kind: 'rateLimit', ...o }),
    blockRequests: (o = {}) => faults.add({ kind: 'waf', ...o }),
    cutResponses: (o = {}) => faults.add({ kind: 'cut', ...o }),
    clearRestFaults: () => faults.clear(),
    exhaustWeight: (ip = LOCAL_IP) => limiter.exhaust(ip),
    banIp: (ip = LOCAL_IP, ms = opts.banMs) => limiter.ban(ip, ms),
    usedWeight: (ip = LOCAL_IP) => limiter.used(ip),
    requests: () => log.list(),
    requestCounts: () => log.countsByPath(),
    connections: () => streams.list(),
    dropConnections: (o = {}) => streams.drop(o),
    setPings: (enabled, id) => streams.setPings(enabled, id),
    setPongReplies: (enabled, id) => streams.setPongReplies(enabled, id),
    freezeConnections: (frozen, id) => streams.freeze(frozen, id),
    sendServerShutdown: (o = {}) =>
      streams.serverShutdown({ id: o.connectionId, closeAfterMs: o.closeAfterMs }),
    skipDepthUpdates: (symbol, count = 1) => {
      if (!market.get(symbol)) throw new RangeError(`skipDepthUpdates: unknown symbol '${symbol}'`);
      return streams.skipDepthUpdates(symbol, count);
    },
    reset() {
      for (const sm of flagged) {
        Object.assign(sm.flags, seededFlags(sm.spec));
        exchangeInfo.forget(sm.symbol);
      }
      flagged.clear();
      streams.resetFaults();
      wsApi.resetFaults();
      faults.clear();
      placementFaults.clear();
      limiter.reset();
      log.reset();
      clock.reset();
    },
  };
}

function marketResult(sm: SymbolMarket, side: 'BUY' | 'SELL', levels: LevelTaken[]): MarketOrderResult {
  const executed = levels.reduce((n, l) => n + l.steps, 0);
  return {
    symbol: sm.symbol,
    side,
    executedQty: sm.formatQty(executed),
    fills: levels.map((l) => ({
      price: sm.formatPrice(l.ticks),
      qty: sm.formatQty(l.steps),
      tradeId: l.firstTradeId,
      aggTradeId: l.aggTradeId,
    })),
  };
}
