// The WebSocket API (/ws-api/v3): Binance's request / response envelope (`id`, `status`, `result`
// or `error`, `rateLimits`), signed requests (parameters sorted, raw UTF-8, `apiKey` included) or a
// logged-on session, the REST endpoints' methods, the session and user-data stream methods, and the
// connection rules of the market streams (ping frames, pong timeout, 24 h lifetime).

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Accounts } from '../accounts/registry.js';
import { authenticate, authenticateSession } from '../auth/authenticate.js';
import { wsPayload } from '../auth/signature.js';
import type { Clock } from '../clock.js';
import type { PlacementFaults } from '../faults.js';
import { Heartbeat, keepAlive, selectConnections } from '../heartbeat.js';
import { type IdCodec, quoteLongIntegers } from '../ids.js';
import type { OrderRateLimits } from '../limits/order-count.js';
import type { WeightLimiter } from '../limits/weight.js';
import type { ExchangeInfoCache } from '../market/exchange-info.js';
import type { Market } from '../market/market.js';
import { RawJson, type RestContext, type Route } from '../rest/context.js';
import { ApiError, errors } from '../rest/errors.js';
import { Params } from '../rest/params.js';
import { MICROS, MILLIS, type TimeUnit } from '../streams/feeds.js';
import type { TradingEngine } from '../trading/engine.js';
import type { EventPayload, UserEvents } from '../trading/events.js';
import { routeOf } from './methods.js';
import { MAX_ACTIVE_SUBSCRIPTIONS, MAX_SUBSCRIPTION_IDS, Session } from './session.js';

export interface WsApiDeps {
  market: Market;
  clock: Clock;
  limiter: WeightLimiter;
  accounts: Accounts;
  trading: TradingEngine;
  events: UserEvents;
  exchangeInfo: ExchangeInfoCache;
  orderLimits: OrderRateLimits;
  placementFaults: PlacementFaults;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  connectionLifetimeMs: number;
}

/** A WebSocket API connection as `Simulator.wsApiConnections()` reports it. */
export interface WsApiConnectionInfo {
  id: number;
  url: string;
  /** Server time (ms) when it opened. */
  openedAt: number;
  timeUnit: 'MILLISECOND' | 'MICROSECOND';
  /** The API key of a logged-on session, or null. */
  apiKey: string | null;
  /** Active user-data stream subscription ids. */
  subscriptions: number[];
  /** True while a fault keeps the server from sending anything on it. */
  frozen: boolean;
}

type Json = Record<string, unknown>;

class Connection {
  readonly session: Session;
  readonly heartbeat: Heartbeat;
  closed = false;

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    readonly url: string,
    readonly ip: string,
    readonly unit: TimeUnit,
    readonly returnRateLimits: boolean,
    readonly openedAt: number,
    events: UserEvents,
    pingIntervalMs: number,
    private readonly ids: IdCodec,
  ) {
    this.heartbeat = new Heartbeat(pingIntervalMs);
    this.session = new Session(events, (subscriptionId, payload) => this.event(subscriptionId, payload));
  }

  get micro(): boolean {
    return this.unit === MICROS;
  }

  /** Nothing goes out on a closed or frozen connection. */
  private get silent(): boolean {
    return this.closed || this.heartbeat.frozen;
  }

  send(message: Json): void {
    if (!this.silent) this.ws.send(JSON.stringify(message));
  }

  /**
   * Sends a response envelope; trade and order ids in its result (or error data) are shifted by the
   * simulator's `idOffset`, the request's own `id` is not.
   */
  reply(message: Json): void {
    if (this.silent) return;
    if (!this.ids.active) {
      this.ws.send(JSON.stringify(message));
      return;
    }
    const parts = Object.entries(message).map(
      ([key, value]) =>
        `${JSON.stringify(key)}:${key === 'result' || key === 'error' ? this.ids.restJson(value) : JSON.stringify(value)}`,
    );
    this.ws.send(`{${parts.join(',')}}`);
  }

  event(subscriptionId: number, payload: EventPayload): void {
    if (this.silent) return;
    this.ws.send(`{"subscriptionId":${subscriptionId},"event":${this.ids.eventJson(payload(this.unit))}}`);
  }
}

function query(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
}

export class WsApiServer {
  // Pongs are sent by hand so that a fault can withhold them.
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  private readonly connections = new Map<number, Connection>();
  private readonly housekeeping: NodeJS.Timeout;
  private nextId = 1;

  constructor(private readonly deps: WsApiDeps) {
    const every = Math.max(10, Math.min(1000, deps.pingIntervalMs / 4, deps.pongTimeoutMs / 4));
    this.housekeeping = setInterval(() => this.keepAlive(), every);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? '/';
    const q = query(url);
    const unit = q.get('timeUnit')?.toUpperCase();
    const ip = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown';
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (unit !== undefined && unit !== 'MICROSECOND' && unit !== 'MILLISECOND') {
        ws.close(1008, 'Invalid timeUnit');
        return;
      }
      // "Connecting to WebSocket API costs 2 weight."
      this.deps.limiter.charge(ip, 2);
      const conn = new Connection(
        this.nextId++,
        ws,
        url,
        ip,
        unit === 'MICROSECOND' ? MICROS : MILLIS,
        q.get('returnRateLimits')?.toLowerCase() !== 'false',
        this.deps.clock.now(),
        this.deps.events,
        this.deps.pingIntervalMs,
        this.deps.market.ids,
      );
      this.connections.set(conn.id, conn);
      ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
      ws.on('ping', (data) => {
        if (conn.heartbeat.answersPings) ws.pong(data);
      });
      ws.on('pong', (data) => conn.heartbeat.pong(data.toString()));
      ws.on('close', () => this.cleanup(conn));
      ws.on('error', () => this.cleanup(conn));
    });
  }

  private cleanup(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    conn.session.dispose();
    this.connections.delete(conn.id);
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let request: unknown;
    try {
      // Ids beyond 2^53 (with `idOffset`) must not be rounded by JSON.parse.
      const text = isBinary ? '' : data.toString();
      request = JSON.parse(this.deps.market.ids.active ? quoteLongIntegers(text) : text);
    } catch {
      conn.send({ id: null, status: 400, error: { code: -1135, msg: 'Invalid JSON Request' } });
      return;
    }
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
      conn.send({ id: null, status: 400, error: { code: -1135, msg: 'Invalid JSON Request' } });
      return;
    }
    const r = request as Json;
    const id = r.id ?? null;
    if (typeof id !== 'string' && typeof id !== 'number' && id !== null) {
      conn.send({ id: null, status: 400, error: errors.invalidParam('id').body() });
      return;
    }
    const params = r.params ?? {};
    if (
      typeof r.method !== 'string' ||
      typeof params !== 'object' ||
      params === null ||
      Array.isArray(params)
    ) {
      conn.send({
        id,
        status: 400,
        error: (typeof r.method !== 'string'
          ? errors.mandatory('method')
          : errors.invalidParam('params')
        ).body(),
      });
      return;
    }
    this.dispatch(conn, id, r.method, params as Json);
  }

  private rateLimits(conn: Connection, ordersOf: RestContext['account'] | null): Json[] {
    const now = this.deps.clock.now();
    const out: Json[] = [];
    if (ordersOf) for (const e of ordersOf.orderCount.entries(now)) out.push({ ...e });
    out.push({
      rateLimitType: 'REQUEST_WEIGHT',
      interval: 'MINUTE',
      intervalNum: 1,
      limit: this.deps.limiter.options.limit,
      count: this.deps.limiter.used(conn.ip),
    });
    return out;
  }

  private reply(
    conn: Connection,
    id: string | number | null,
    outcome: { result: unknown } | { error: ApiError },
    returnRateLimits: boolean,
    account: RestContext['account'] | null,
  ): void {
    const message: Json =
      'result' in outcome
        ? { id, status: 200, result: outcome.result }
        : { id, status: outcome.error.status, error: outcome.error.body() };
    if (returnRateLimits) message.rateLimits = this.rateLimits(conn, account);
    conn.reply(message);
  }

  private dispatch(conn: Connection, id: string | number | null, method: string, raw: Json): void {
    const p = Params.fromObject(raw);
    p.ids = this.deps.market.ids;
    let returnRateLimits = conn.returnRateLimits;
    if (p.has('returnRateLimits')) returnRateLimits = p.boolean('returnRateLimits') ?? returnRateLimits;
    p.markRead('returnRateLimits');
    const name = method.startsWith('v3/') ? method.slice(3) : method;
    const route = routeOf(name);
    const weight = route ? route.weight(p) : 2;
    const verdict = this.deps.limiter.charge(conn.ip, weight);
    if (verdict.kind !== 'ok') {
      const now = this.deps.clock.now();
      const retryAfter = verdict.kind === 'banned' ? verdict.until : now + verdict.retryAfter * 1000;
      const err =
        verdict.kind === 'banned'
          ? new ApiError(
              418,
              -1003,
              `Way too much request weight used; IP banned until ${verdict.until}. Please use WebSocket Streams for live updates to avoid bans.`,
              { serverTime: now, retryAfter },
            )
          : new ApiError(
              429,
              -1003,
              `Too much request weight used; current limit is ${this.deps.limiter.options.limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
              { serverTime: now, retryAfter },
            );
      this.reply(conn, id, { error: err }, returnRateLimits, null);
      return;
    }
    if (route) {
      this.callRoute(conn, id, route, p, weight, returnRateLimits);
      return;
    }
    let outcome: { result: unknown } | { error: ApiError };
    try {
      outcome = { result: this.sessionMethod(conn, name, p) };
    } catch (error) {
      outcome = { error: toApiError(error) };
    }
    this.reply(conn, id, outcome, returnRateLimits, null);
  }

  private callRoute(
    conn: Connection,
    id: string | number | null,
    route: Route,
    p: Params,
    weight: number,
    returnRateLimits: boolean,
  ): void {
    const placement = route.placesOrders ? this.deps.placementFaults.take() : null;
    if (placement === 'before') {
      conn.ws.terminate();
      this.cleanup(conn);
      return;
    }
    let ctx: RestContext | null = null;
    let outcome: { result: unknown } | { error: ApiError };
    try {
      const now = this.deps.clock.now();
      this.deps.trading.sync(now);
      let account = null;
      if (route.security) {
        if (p.has('signature') || !conn.session.key) {
          const apiKey = p.requiredString('apiKey');
          account = authenticate(this.deps.accounts, {
            apiKey,
            params: p,
            payload: () => wsPayload(p.entries()),
            now,
            security: route.security,
          }).account;
        } else {
          account = authenticateSession(conn.session.key, p, now, route.security).account;
        }
      }
      const micro = conn.micro;
      ctx = {
        params: p,
        market: this.deps.market,
        now,
        time: micro ? (ms) => ms * 1000 : (ms) => ms,
        endTime: micro ? (next) => next * 1000 - 1 : (next) => next - 1,
        exchangeInfo: this.deps.exchangeInfo,
        weightLimit: this.deps.limiter.options.limit,
        orderLimits: this.deps.orderLimits,
        account,
        trading: this.deps.trading,
        charge: false,
      };
      const result = route.handle(ctx);
      p.finish();
      outcome = { result: result instanceof RawJson ? JSON.parse(result.text) : result };
    } catch (error) {
      outcome = { error: toApiError(error) };
    }
    if ('result' in outcome && route.freeOnSuccess && !ctx?.charge) this.deps.limiter.refund(conn.ip, weight);
    if (placement === 'after') {
      conn.ws.terminate();
      this.cleanup(conn);
      return;
    }
    this.reply(conn, id, outcome, returnRateLimits, route.placesOrders ? (ctx?.account ?? null) : null);
  }

  /** session.* and userDataStream.* methods. */
  private sessionMethod(conn: Connection, method: string, p: Params): unknown {
    const { accounts, clock } = this.deps;
    const now = clock.now();
    const t = conn.micro ? (ms: number) => ms * 1000 : (ms: number) => ms;
    const session = conn.session;
    const status = () => session.status(conn.openedAt, conn.returnRateLimits, clock.now(), t);
    switch (method) {
      case 'session.logon': {
        const apiKey = p.requiredString('apiKey');
        const key = authenticate(accounts, {
          apiKey,
          params: p,
          payload: () => wsPayload(p.entries()),
          now,
          security: 'USER_DATA',
        });
        p.finish();
        // "Only Ed25519 keys are supported for this feature."
        if (key.type !== 'ED25519') throw errors.unauthorized();
        session.key = key;
        session.authorizedSince = now;
        return status();
      }
      case 'session.status':
        p.finish();
        return status();
      case 'session.logout':
        p.finish();
        for (const s of [...session.subscriptions.values()]) if (s.viaLogon) session.terminate(s.id, now);
        session.key = null;
        session.authorizedSince = null;
        return status();
      case 'userDataStream.subscribe': {
        p.finish();
        if (!session.key) throw errors.unauthorized();
        return { subscriptionId: this.subscribe(session, session.key.account, true) };
      }
      case 'userDataStream.subscribe.signature': {
        const apiKey = p.requiredString('apiKey');
        const key = authenticate(accounts, {
          apiKey,
          params: p,
          payload: () => wsPayload(p.entries()),
          now,
          security: 'USER_STREAM',
        });
        p.finish();
        return { subscriptionId: this.subscribe(session, key.account, false) };
      }
      case 'userDataStream.unsubscribe': {
        const id = p.int('subscriptionId', 0, MAX_SUBSCRIPTION_IDS);
        p.finish();
        if (id === undefined) {
          for (const s of [...session.subscriptions.keys()]) session.terminate(s, now);
        } else if (!session.terminate(id, now)) {
          throw errors.subscriptionInactive();
        }
        return {};
      }
      case 'session.subscriptions':
        p.finish();
        return [...session.subscriptions.keys()].map((subscriptionId) => ({ subscriptionId }));
      default:
        throw errors.unsupported();
    }
  }

  private subscribe(session: Session, account: RestContext['account'] & object, viaLogon: boolean): number {
    if (session.isSubscribed(account)) throw errors.subscriptionActive();
    if (session.subscriptions.size >= MAX_ACTIVE_SUBSCRIPTIONS || session.idsUsed >= MAX_SUBSCRIPTION_IDS) {
      throw errors.maxSubscriptionIds();
    }
    return session.subscribe(account, viaLogon);
  }

  /** Pings, pong timeouts and the connection lifetime. */
  private keepAlive(): void {
    keepAlive(this.connections.values(), {
      serverNow: this.deps.clock.now(),
      lifetimeMs: this.deps.connectionLifetimeMs,
      pongTimeoutMs: this.deps.pongTimeoutMs,
      cleanup: (conn) => this.cleanup(conn),
    });
  }

  private select(id: number | undefined): Connection[] {
    return selectConnections(this.connections, id);
  }

  list(): WsApiConnectionInfo[] {
    return [...this.connections.values()].map((c) => ({
      id: c.id,
      url: c.url,
      openedAt: c.openedAt,
      timeUnit: c.micro ? 'MICROSECOND' : 'MILLISECOND',
      apiKey: c.session.key?.apiKey ?? null,
      subscriptions: [...c.session.subscriptions.keys()],
      frozen: c.heartbeat.frozen,
    }));
  }

  setPings(enabled: boolean, id?: number): void {
    for (const c of this.select(id)) c.heartbeat.setPings(enabled);
  }

  setPongReplies(enabled: boolean, id?: number): void {
    for (const c of this.select(id)) c.heartbeat.pongReplies = enabled;
  }

  freeze(frozen: boolean, id?: number): void {
    for (const c of this.select(id)) c.heartbeat.freeze(frozen);
  }

  /** Clears connection faults (pings, pong replies, frozen connections). */
  resetFaults(): void {
    for (const c of this.connections.values()) c.heartbeat.reset();
  }

  drop(options: { id?: number; code?: number; reason?: string } = {}): number {
    const conns = this.select(options.id);
    for (const conn of conns) {
      if (options.code === undefined) conn.ws.terminate();
      else conn.ws.close(options.code, options.reason ?? '');
      this.cleanup(conn);
    }
    return conns.length;
  }

  /** Sends `{"event":{"e":"serverShutdown","E":…}}`; optionally closes (1001) after `closeAfterMs`. */
  serverShutdown(options: { id?: number; closeAfterMs?: number } = {}): number {
    const conns = this.select(options.id);
    const now = this.deps.clock.now();
    for (const conn of conns) {
      conn.send({ event: { e: 'serverShutdown', E: conn.unit.at(now) } });
      if (options.closeAfterMs !== undefined) {
        setTimeout(() => {
          if (!conn.closed) {
            conn.ws.close(1001, 'Server shutdown');
            this.cleanup(conn);
          }
        }, options.closeAfterMs).unref();
      }
    }
    return conns.length;
  }

  /** Ends user-data subscriptions (all, or an account's) with `eventStreamTerminated`. Returns how many. */
  terminateSubscriptions(filter: (accountUid: number) => boolean): number {
    const now = this.deps.clock.now();
    let n = 0;
    for (const conn of this.connections.values()) {
      for (const sub of [...conn.session.subscriptions.values()]) {
        if (filter(sub.account.uid) && conn.session.terminate(sub.id, now)) n++;
      }
    }
    return n;
  }

  close(): void {
    clearInterval(this.housekeeping);
    for (const conn of this.connections.values()) {
      conn.ws.terminate();
      this.cleanup(conn);
    }
    this.wss.close();
  }
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error('[simulator] WebSocket API request failed:', error);
  return new ApiError(500, -1000, 'An unknown error occurred while processing the request.');
}
