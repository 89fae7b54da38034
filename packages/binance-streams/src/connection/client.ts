// The stream client: streams share connections (combined streams, live SUBSCRIBE/UNSUBSCRIBE
// paced under 5 messages a second, at most 1024 streams each), and connections heal themselves:
// heartbeats find dead sockets, reconnects back off with jitter and restore every subscription,
// and `serverShutdown` and the 24 h limit are met with a make-before-break replacement whose
// overlap is de-duplicated stream by stream, so no event is lost or repeated.

import type { RestClient } from '@binance-mcp/rest';
import { createOrderBook, type OrderBook, type OrderBookOptions } from '../book/order-book.js';
import { defaultRestClient, restSnapshotSource } from '../book/snapshot-source.js';
import { realScheduler, type Scheduler, type TimerHandle } from '../clock.js';
import { resolveStreamBaseUrl, type StreamEnvironment } from '../endpoints.js';
import {
  ClosedError,
  ConnectionError,
  InvalidParameterError,
  StreamRequestError,
  type StreamsError,
} from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import type { MarketEvent } from '../market/events.js';
import {
  type EventOf,
  type EventOfName,
  type StreamDescriptor,
  type StreamInfo,
  streamInfo,
} from '../market/streams.js';
import { backoffDelay, positiveOption } from './backoff.js';
import { AttemptLimiter, Pacer } from './pacer.js';
import { defaultWebSocket, type WebSocketConstructor, type WebSocketLike } from './socket.js';
import { type SubscribeOptions, type Subscription, SubscriptionHandle } from './subscription.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A change of a connection's state, with why it happened. */
export interface ConnectionStateEvent {
  connectionId: number;
  state: ConnectionState;
  /**
   * Why: 'initial', 'rotation' (the 24 h limit approaches), 'server-shutdown', 'heartbeat-timeout',
   * 'request-timeout', 'closed-by-server', 'connect-failed', 'idle' (no streams left), 'client-closed',
   * 'replaced' (a make-before-break replacement took over).
   */
  reason: string;
  /** Close code from the server, when it closed the socket. */
  code?: number;
  /** Reconnection attempt (1 = first retry) and its delay, for 'reconnecting'. */
  attempt?: number;
  delayMs?: number;
  /** Streams the connection carries. */
  streams: number;
  at: number;
}

export interface StreamClientOptions {
  /** A `ws(s)://` base URL or a preset: 'mainnet' (default, :9443), 'mainnet443', 'marketData', 'testnet', 'demo'. */
  baseUrl?: string | StreamEnvironment;
  /** Time fields in µs instead of ms (adds `timeUnit=MICROSECOND`). */
  timeUnit?: 'MILLISECOND' | 'MICROSECOND';
  /** Structured log events (never secrets). */
  logger?: Logger;
  /** Clock and timers; inject a manual one in tests. */
  scheduler?: Scheduler;
  /** Source of randomness for backoff jitter, in [0, 1). Default Math.random. */
  random?: () => number;
  /** WebSocket implementation. Default: `ws` in Node, the global WebSocket in browsers (isomorphic-ws). */
  WebSocket?: WebSocketConstructor;
  /** Streams per connection before another connection is opened. Default 1024 (Binance's limit). */
  maxStreamsPerConnection?: number;
  /** Outgoing messages (control messages, our pings) per second and connection. Default 4 (Binance allows 5, including pongs). */
  maxMessagesPerSecond?: number;
  /** Streams named in one SUBSCRIBE or UNSUBSCRIBE. Default 200. */
  maxStreamsPerMessage?: number;
  /** New connections per 5 minutes. Default 250 (Binance allows 300 per IP). */
  maxConnectionsPer5Minutes?: number;
  /** Reconnection backoff: full jitter over min(maxDelayMs, initialDelayMs × 2^attempt). Defaults 250 and 30000. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /** A socket silent for `idleMs` is pinged; without any frame `pongTimeoutMs` later it is replaced. Defaults 30000 and 10000. */
  heartbeat?: { idleMs?: number; pongTimeoutMs?: number };
  /** Replace each connection this long after it opened, before Binance's 24 h limit. Default 23 h. */
  rotateAfterMs?: number;
  /** Longest overlap of a replacement before it takes over regardless. Default 5000. */
  handoverTimeoutMs?: number;
  /** A control request without an answer this long marks its socket dead. Default 10000. */
  requestTimeoutMs?: number;
  /** A connection left without streams closes after this long. Default 1000. */
  idleCloseMs?: number;
  /**
   * The REST client order books take their depth snapshots from. Default: a `@binance-mcp/rest`
   * client on the REST host that goes with `baseUrl` (api.binance.com for stream.binance.com,
   * data-api.binance.vision for data-stream, the testnet and demo hosts; the same host and port
   * for any other URL, such as the simulator's).
   */
  rest?: RestClient;
}

/** A stream the client carries. */
export interface StreamStatus {
  stream: string;
  connectionId: number;
  subscribers: number;
  /** Confirmed by the server on the connection's current socket. */
  subscribed: boolean;
}

export interface ConnectionStatus {
  id: number;
  state: ConnectionState;
  url: string;
  streams: number;
  /** When the current socket opened (scheduler clock), or null. */
  openedAt: number | null;
  /** Whether a replacement socket is being brought up (rotation, serverShutdown). */
  replacing: boolean;
}

export interface StreamClient {
  /** Subscribes to a stream by descriptor; events are typed for it. */
  subscribe<const D extends StreamDescriptor>(
    stream: D,
    options?: SubscribeOptions<EventOf<D>>,
  ): Subscription<EventOf<D>>;
  /** Subscribes to a stream by name (`btcusdt@trade`); literal names give typed events. */
  subscribe<const N extends string>(
    stream: N,
    options?: SubscribeOptions<EventOfName<N>>,
  ): Subscription<EventOfName<N>>;
  /**
   * A local order book for `symbol`, kept in sync from the diff-depth stream and REST snapshots
   * (Binance's documented procedure); resyncs by itself after any gap.
   */
  orderBook(symbol: string, options?: OrderBookOptions): OrderBook;
  /** The streams the client carries, with their connection. */
  streams(): StreamStatus[];
  /** The client's connections. */
  connections(): ConnectionStatus[];
  /** Asks every open connection for its subscriptions (LIST_SUBSCRIPTIONS): the server's view. */
  listSubscriptions(): Promise<Array<{ connectionId: number; streams: string[] }>>;
  /** Listens to connection state changes; returns a function that stops listening. */
  onStateChange(listener: (event: ConnectionStateEvent) => void): () => void;
  /** Ends every subscription and closes every connection. */
  close(): Promise<void>;
  readonly baseUrl: string;
  readonly closed: boolean;
}

type AnySubscription = SubscriptionHandle<MarketEvent>;

interface Entry {
  info: StreamInfo;
  subscribers: Set<AnySubscription>;
  /** The same subscribers as an array, for the per-event loop. */
  targets: AnySubscription[];
  connection: Connection;
  confirmed: boolean;
  /** Order key of the last delivered event. */
  lastOrder: number;
  /** While a replacement overlaps: its events, held until the overlap with the old socket is proven. */
  handover: { buffer: Array<{ key: number | undefined; data: unknown }>; done: boolean } | null;
  /**
   * After a handover the new socket may still be behind the old one: its events up to this key were
   * delivered already and are skipped, once, until it passes the mark.
   */
  catchUp: number | null;
}

interface ControlRequest {
  id: number;
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE' | 'LIST_SUBSCRIPTIONS';
  params: string[] | undefined;
  sent: boolean;
  cancelled: boolean;
  timer: TimerHandle | null;
  resolve: (result: unknown) => void;
  reject: (error: StreamsError) => void;
}

interface Session {
  seq: number;
  /** Why it was opened: 'initial', 'reconnect', or a replacement's reason. */
  reason: string;
  ws: WebSocketLike;
  pacer: Pacer;
  pending: Map<number, ControlRequest>;
  subscribed: Set<string>;
  queuedSubscribe: ControlRequest | null;
  queuedUnsubscribe: ControlRequest | null;
  open: boolean;
  closed: boolean;
  openedAt: number | null;
  lastFrameAt: number;
  /** Frames received (messages, pings, pongs): a probe is answered when this moves. */
  frames: number;
  /** `frames` at the last heartbeat check; `lastFrameAt` is when it last moved (to a check's precision). */
  checkedFrames: number;
  probeSentAt: number | null;
  probeFrames: number;
  heartbeatTimer: TimerHandle | null;
}

interface Connection {
  id: number;
  streams: Map<string, Entry>;
  active: Session | null;
  incoming: Session | null;
  incomingReason: string | null;
  state: ConnectionState;
  attempt: number;
  closing: boolean;
  reconnectTimer: TimerHandle | null;
  rotationTimer: TimerHandle | null;
  idleTimer: TimerHandle | null;
  handoverTimer: TimerHandle | null;
}

export function createStreamClient(options: StreamClientOptions = {}): StreamClient {
  return new Client(options);
}

class Client implements StreamClient {
  readonly baseUrl: string;
  closed = false;
  private readonly url: string;
  private readonly logger: Logger;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly maxStreams: number;
  private readonly perSecond: number;
  private readonly perMessage: number;
  private readonly initialDelay: number;
  private readonly maxDelay: number;
  private readonly idleMs: number;
  private readonly pongTimeoutMs: number;
  private readonly rotateAfterMs: number;
  private readonly handoverTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly idleCloseMs: number;
  private readonly attempts: AttemptLimiter;
  private readonly entries = new Map<string, Entry>();
  private readonly conns: Connection[] = [];
  private readonly listeners = new Set<(event: ConnectionStateEvent) => void>();
  private nextConnectionId = 1;
  private nextSessionSeq = 1;
  private nextRequestId = 1;

  constructor(options: StreamClientOptions) {
    this.baseUrl = resolveStreamBaseUrl(options.baseUrl);
    const unit = options.timeUnit;
    if (unit !== undefined && unit !== 'MILLISECOND' && unit !== 'MICROSECOND') {
      throw new InvalidParameterError('timeUnit', unit, "'MILLISECOND' or 'MICROSECOND'");
    }
    this.url = `${this.baseUrl}/stream${unit === 'MICROSECOND' ? '?timeUnit=MICROSECOND' : ''}`;
    this.logger = options.logger ?? silentLogger;
    this.scheduler = options.scheduler ?? realScheduler;
    this.random = options.random ?? Math.random;
    this.WebSocketImpl = options.WebSocket ?? defaultWebSocket;
    this.maxStreams = Math.floor(
      positiveOption('maxStreamsPerConnection', options.maxStreamsPerConnection, 1024),
    );
    this.perSecond = Math.floor(positiveOption('maxMessagesPerSecond', options.maxMessagesPerSecond, 4));
    this.perMessage = Math.floor(positiveOption('maxStreamsPerMessage', options.maxStreamsPerMessage, 200));
    this.attempts = new AttemptLimiter(
      this.scheduler,
      Math.floor(positiveOption('maxConnectionsPer5Minutes', options.maxConnectionsPer5Minutes, 250)),
    );
    this.initialDelay = positiveOption('reconnect.initialDelayMs', options.reconnect?.initialDelayMs, 250);
    this.maxDelay = positiveOption('reconnect.maxDelayMs', options.reconnect?.maxDelayMs, 30_000);
    this.idleMs = positiveOption('heartbeat.idleMs', options.heartbeat?.idleMs, 30_000);
    this.pongTimeoutMs = positiveOption('heartbeat.pongTimeoutMs', options.heartbeat?.pongTimeoutMs, 10_000);
    this.rotateAfterMs = positiveOption('rotateAfterMs', options.rotateAfterMs, 23 * 3_600_000);
    this.handoverTimeoutMs = positiveOption('handoverTimeoutMs', options.handoverTimeoutMs, 5000);
    this.requestTimeoutMs = positiveOption('requestTimeoutMs', options.requestTimeoutMs, 10_000);
    this.idleCloseMs = positiveOption('idleCloseMs', options.idleCloseMs, 1000);
    this.rest = options.rest;
  }

  // ---------------------------------------------------------------- subscriptions

  subscribe(stream: StreamDescriptor | string, options: SubscribeOptions<never> = {}): Subscription<never> {
    if (this.closed) throw new ClosedError('The stream client is closed');
    const info = streamInfo(stream);
    const sub = new SubscriptionHandle<MarketEvent>(
      info.name,
      options as SubscribeOptions<MarketEvent>,
      (s) => this.release(s),
    );
    let entry = this.entries.get(info.name);
    if (!entry) {
      const connection = this.connectionWithRoom();
      entry = {
        info,
        subscribers: new Set(),
        targets: [],
        connection,
        confirmed: false,
        lastOrder: Number.NEGATIVE_INFINITY,
        handover: connection.incoming ? { buffer: [], done: true } : null,
        catchUp: null,
      };
      this.entries.set(info.name, entry);
      connection.streams.set(info.name, entry);
      if (connection.idleTimer !== null) {
        this.scheduler.clearTimeout(connection.idleTimer);
        connection.idleTimer = null;
      }
      // During a replacement new streams go to the new socket only (it subscribes everything on open).
      const target = connection.incoming ?? connection.active;
      if (target?.open) this.requestSubscribe(connection, target, [info.name]);
      else if (!connection.active && !connection.incoming && connection.reconnectTimer === null)
        this.openSession(connection, 'initial');
    }
    entry.subscribers.add(sub);
    entry.targets = [...entry.subscribers];
    if (entry.confirmed) sub.confirmed();
    return sub as unknown as Subscription<never>;
  }

  private connectionWithRoom(): Connection {
    for (const conn of this.conns) {
      if (!conn.closing && conn.streams.size < this.maxStreams) return conn;
    }
    const conn: Connection = {
      id: this.nextConnectionId++,
      streams: new Map(),
      active: null,
      incoming: null,
      incomingReason: null,
      state: 'connecting',
      attempt: 0,
      closing: false,
      reconnectTimer: null,
      rotationTimer: null,
      idleTimer: null,
      handoverTimer: null,
    };
    this.conns.push(conn);
    return conn;
  }

  private release(sub: AnySubscription): void {
    const entry = this.entries.get(sub.stream);
    if (!entry?.subscribers.delete(sub)) return;
    entry.targets = [...entry.subscribers];
    if (entry.subscribers.size > 0) return;
    this.dropEntry(entry, true);
  }

  /** Forgets a stream nobody needs; sends UNSUBSCRIBE where it was subscribed. */
  private dropEntry(entry: Entry, unsubscribe: boolean): void {
    const conn = entry.connection;
    const name = entry.info.name;
    this.entries.delete(name);
    conn.streams.delete(name);
    if (unsubscribe) {
      for (const session of [conn.active, conn.incoming]) {
        if (!session?.open) continue;
        const queued = session.queuedSubscribe;
        const index = queued ? queued.params!.indexOf(name) : -1;
        if (queued && index !== -1) {
          queued.params!.splice(index, 1);
          if (queued.params!.length === 0) queued.cancelled = true;
        } else if (session.subscribed.has(name) || this.inFlight(session, name)) {
          this.requestUnsubscribe(conn, session, name);
        }
      }
    }
    if (conn.streams.size === 0 && !conn.closing && conn.idleTimer === null) {
      conn.idleTimer = this.scheduler.setTimeout(() => {
        conn.idleTimer = null;
        if (conn.streams.size === 0) this.closeConnection(conn, 'idle');
      }, this.idleCloseMs);
    }
  }

  private inFlight(session: Session, name: string): boolean {
    for (const req of session.pending.values()) {
      if (req.method === 'SUBSCRIBE' && req.params?.includes(name)) return true;
    }
    return false;
  }

  orderBook(symbol: string, options: OrderBookOptions = {}): OrderBook {
    const fetchSnapshot = options.fetchSnapshot ?? restSnapshotSource(this.restClient());
    return createOrderBook(this, symbol, { scheduler: this.scheduler, ...options, fetchSnapshot });
  }

  private rest: RestClient | undefined;

  /** The REST client for snapshots, created on first use. */
  private restClient(): RestClient {
    this.rest ??= defaultRestClient(this.baseUrl);
    return this.rest;
  }

  streams(): StreamStatus[] {
    return [...this.entries.values()].map((e) => ({
      stream: e.info.name,
      connectionId: e.connection.id,
      subscribers: e.subscribers.size,
      subscribed: e.connection.active?.subscribed.has(e.info.name) ?? false,
    }));
  }

  connections(): ConnectionStatus[] {
    return this.conns.map((c) => ({
      id: c.id,
      state: c.state,
      url: this.url,
      streams: c.streams.size,
      openedAt: c.active?.openedAt ?? null,
      replacing: c.incoming !== null,
    }));
  }

  async listSubscriptions(): Promise<Array<{ connectionId: number; streams: string[] }>> {
    const out: Array<{ connectionId: number; streams: string[] }> = [];
    await Promise.all(
      this.conns.map(async (conn) => {
        const session = conn.active;
        if (!session?.open) return;
        const result = await this.request(conn, session, 'LIST_SUBSCRIPTIONS', undefined);
        out.push({ connectionId: conn.id, streams: Array.isArray(result) ? (result as string[]) : [] });
      }),
    );
    return out.sort((a, b) => a.connectionId - b.connectionId);
  }

  onStateChange(listener: (event: ConnectionStateEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const entry of [...this.entries.values()]) {
      for (const sub of [...entry.subscribers]) sub.unsubscribe();
    }
    for (const conn of [...this.conns]) this.closeConnection(conn, 'client-closed');
  }

  // ---------------------------------------------------------------- connection lifecycle

  private setState(
    conn: Connection,
    state: ConnectionState,
    reason: string,
    extra: Partial<ConnectionStateEvent> = {},
  ) {
    conn.state = state;
    const event: ConnectionStateEvent = {
      connectionId: conn.id,
      state,
      reason,
      ...extra,
      streams: conn.streams.size,
      at: this.scheduler.now(),
    };
    this.logger({
      level: state === 'reconnecting' ? 'warn' : 'info',
      event: `connection.${state}`,
      ...event,
    });
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger({ level: 'error', event: 'listener.error', error: String(error) });
      }
    }
  }

  /** Opens a socket for `conn`: its first ('initial'), a reconnect, or a replacement (rotation, shutdown). */
  private openSession(conn: Connection, reason: string, replacement = false): void {
    if (conn.closing || this.closed) return;
    const wait = this.attempts.delay();
    if (wait > 0) {
      this.logger({ level: 'warn', event: 'connection.throttled', connectionId: conn.id, delayMs: wait });
      conn.reconnectTimer = this.scheduler.setTimeout(() => {
        conn.reconnectTimer = null;
        this.openSession(conn, reason, replacement);
      }, wait);
      return;
    }
    this.attempts.record();
    let ws: WebSocketLike;
    try {
      ws = new this.WebSocketImpl(this.url);
    } catch (error) {
      this.logger({ level: 'error', event: 'connection.error', connectionId: conn.id, error: String(error) });
      if (!replacement) this.scheduleReconnect(conn, 'connect-failed');
      return;
    }
    const session: Session = {
      seq: this.nextSessionSeq++,
      reason,
      ws,
      pacer: new Pacer(this.scheduler, this.perSecond),
      pending: new Map(),
      subscribed: new Set(),
      queuedSubscribe: null,
      queuedUnsubscribe: null,
      open: false,
      closed: false,
      openedAt: null,
      lastFrameAt: this.scheduler.now(),
      frames: 0,
      checkedFrames: 0,
      probeSentAt: null,
      probeFrames: 0,
      heartbeatTimer: null,
    };
    if (replacement) {
      conn.incoming = session;
      conn.incomingReason = reason;
      for (const entry of conn.streams.values()) entry.handover = { buffer: [], done: false };
    } else {
      conn.active = session;
    }
    if (!replacement) this.setState(conn, 'connecting', reason);
    else this.logger({ level: 'info', event: 'connection.replacing', connectionId: conn.id, reason });

    ws.onopen = () => this.onOpen(conn, session);
    if (typeof ws.on === 'function') {
      // Node's `ws`: its own event skips the MessageEvent wrapper made for every message (hot path).
      ws.on('message', (data) => this.onMessage(conn, session, data));
    } else {
      ws.onmessage = (event) => this.onMessage(conn, session, event.data);
    }
    ws.onclose = (event) => this.onSocketClosed(conn, session, 'closed-by-server', event.code);
    ws.onerror = (event) =>
      this.logger({
        level: 'warn',
        event: 'connection.error',
        connectionId: conn.id,
        error: (event as { message?: string })?.message ?? 'WebSocket error',
      });
    if (typeof ws.on === 'function') {
      const alive = () => {
        session.frames++;
      };
      ws.on('ping', alive);
      ws.on('pong', alive);
    }
  }

  private onOpen(conn: Connection, session: Session): void {
    if (session.closed) return;
    session.open = true;
    session.openedAt = this.scheduler.now();
    session.lastFrameAt = session.openedAt;
    this.armHeartbeat(conn, session);
    if (session === conn.active) for (const entry of conn.streams.values()) entry.catchUp = null;
    const names = [...conn.streams.keys()];
    if (names.length > 0) this.requestSubscribe(conn, session, names);
    if (session === conn.active) {
      this.setState(conn, 'open', session.reason === 'reconnect' ? 'reconnected' : session.reason);
      this.armRotation(conn);
    } else if (names.length === 0) {
      this.completeReplacement(conn);
    }
  }

  private armRotation(conn: Connection): void {
    if (conn.rotationTimer !== null) this.scheduler.clearTimeout(conn.rotationTimer);
    conn.rotationTimer = this.scheduler.setTimeout(() => {
      conn.rotationTimer = null;
      if (!conn.incoming && conn.active?.open) this.startReplacement(conn, 'rotation');
    }, this.rotateAfterMs);
  }

  /** Make-before-break: a new socket subscribes everything, takes over, then the old one closes. */
  private startReplacement(conn: Connection, reason: string): void {
    if (conn.incoming || conn.closing) return;
    this.openSession(conn, reason, true);
  }

  private onSocketClosed(conn: Connection, session: Session, reason: string, code?: number): void {
    if (session.closed) return;
    this.retire(session);
    this.logger({ level: 'info', event: 'socket.closed', connectionId: conn.id, reason, code });
    if (conn.closing) return;
    if (session === conn.incoming) {
      // The replacement failed: keep the old socket, try again later.
      conn.incoming = null;
      conn.incomingReason = null;
      for (const entry of conn.streams.values()) entry.handover = null;
      if (conn.handoverTimer !== null) this.scheduler.clearTimeout(conn.handoverTimer);
      conn.handoverTimer = null;
      if (conn.active?.open) {
        conn.rotationTimer = this.scheduler.setTimeout(
          () => {
            conn.rotationTimer = null;
            this.startReplacement(conn, 'rotation');
          },
          this.backoff(conn.attempt++),
        );
      }
      return;
    }
    if (session !== conn.active) return;
    if (conn.incoming) {
      // The old socket went away first (e.g. after serverShutdown): the replacement takes over now.
      this.promote(conn);
      return;
    }
    conn.active = null;
    this.scheduleReconnect(conn, reason, code);
  }

  private scheduleReconnect(conn: Connection, reason: string, code?: number): void {
    if (conn.closing || this.closed) return;
    if (conn.rotationTimer !== null) this.scheduler.clearTimeout(conn.rotationTimer);
    conn.rotationTimer = null;
    const attempt = ++conn.attempt;
    const delayMs = Math.round(this.backoff(attempt - 1));
    this.setState(conn, 'reconnecting', reason, {
      attempt,
      delayMs,
      ...(code === undefined ? {} : { code }),
    });
    conn.reconnectTimer = this.scheduler.setTimeout(() => {
      conn.reconnectTimer = null;
      this.openSession(conn, 'reconnect');
    }, delayMs);
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.initialDelay, this.maxDelay, this.random);
  }

  /** Stops a socket for good: timers, queue, handlers. */
  private retire(session: Session): void {
    session.closed = true;
    session.open = false;
    session.pacer.stop();
    if (session.heartbeatTimer !== null) this.scheduler.clearTimeout(session.heartbeatTimer);
    for (const req of session.pending.values()) {
      if (req.timer !== null) this.scheduler.clearTimeout(req.timer);
      // Subscriptions are restored by the next socket; only explicit queries fail.
      if (req.method === 'LIST_SUBSCRIPTIONS')
        req.reject(new ConnectionError('The connection closed before the answer'));
    }
    session.pending.clear();
    const ws = session.ws;
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = () => {};
  }

  private kill(conn: Connection, session: Session, reason: string): void {
    if (session.closed) return;
    this.logger({ level: 'warn', event: 'socket.dead', connectionId: conn.id, reason });
    const ws = session.ws;
    this.onSocketClosed(conn, session, reason);
    try {
      if (typeof ws.terminate === 'function') ws.terminate();
      else ws.close(4000, reason);
    } catch {
      // Already closed.
    }
  }

  private closeSocket(session: Session, reason: string): void {
    const ws = session.ws;
    this.retire(session);
    try {
      ws.close(1000, reason);
    } catch {
      // Already closed.
    }
  }

  private closeConnection(conn: Connection, reason: string): void {
    if (conn.closing) return;
    conn.closing = true;
    for (const timer of [conn.reconnectTimer, conn.rotationTimer, conn.idleTimer, conn.handoverTimer]) {
      if (timer !== null) this.scheduler.clearTimeout(timer);
    }
    if (conn.active) this.closeSocket(conn.active, reason);
    if (conn.incoming) this.closeSocket(conn.incoming, reason);
    conn.active = null;
    conn.incoming = null;
    for (const entry of [...conn.streams.values()]) {
      for (const sub of [...entry.subscribers]) sub.fail(new ClosedError(`Connection closed (${reason})`));
      this.entries.delete(entry.info.name);
    }
    conn.streams.clear();
    const index = this.conns.indexOf(conn);
    if (index !== -1) this.conns.splice(index, 1);
    this.setState(conn, 'closed', reason);
  }

  // ---------------------------------------------------------------- heartbeat

  private armHeartbeat(conn: Connection, session: Session): void {
    const now = this.scheduler.now();
    const due =
      session.probeSentAt !== null
        ? session.probeSentAt + this.pongTimeoutMs
        : session.lastFrameAt + this.idleMs;
    session.heartbeatTimer = this.scheduler.setTimeout(
      () => this.checkHeartbeat(conn, session),
      Math.max(1, due - now),
    );
  }

  private checkHeartbeat(conn: Connection, session: Session): void {
    session.heartbeatTimer = null;
    if (session.closed) return;
    const now = this.scheduler.now();
    if (session.probeSentAt !== null) {
      if (session.frames !== session.probeFrames) {
        session.probeSentAt = null;
      } else if (now - session.probeSentAt >= this.pongTimeoutMs) {
        this.kill(conn, session, 'heartbeat-timeout');
        return;
      }
    } else if (session.frames !== session.checkedFrames) {
      session.checkedFrames = session.frames;
      session.lastFrameAt = now;
    } else if (now - session.lastFrameAt >= this.idleMs) {
      session.probeSentAt = now;
      session.probeFrames = session.frames;
      const ws = session.ws;
      if (typeof ws.ping === 'function') {
        // Empty payload, as Binance recommends for unsolicited frames; counts against the message rate.
        session.pacer.enqueue(() => {
          if (!session.closed) ws.ping!('');
        });
      } else {
        this.request(conn, session, 'LIST_SUBSCRIPTIONS', undefined).catch(() => {});
      }
    }
    this.armHeartbeat(conn, session);
  }

  // ---------------------------------------------------------------- control messages

  private requestSubscribe(conn: Connection, session: Session, names: string[]): void {
    let start = 0;
    const queued = session.queuedSubscribe;
    if (queued && !queued.sent && !queued.cancelled) {
      const room = this.perMessage - queued.params!.length;
      if (room > 0) {
        queued.params!.push(...names.slice(0, room));
        start = room;
      }
    }
    for (let i = start; i < names.length; i += this.perMessage) {
      const batch = names.slice(i, i + this.perMessage);
      const { request, promise } = this.createRequest('SUBSCRIBE', batch);
      session.queuedSubscribe = request;
      promise.then(
        () => this.onSubscribed(conn, session, request.params!),
        (error: StreamsError) => this.onSubscribeFailed(conn, session, request.params!, error),
      );
      this.send(conn, session, request);
    }
  }

  private requestUnsubscribe(conn: Connection, session: Session, name: string): void {
    session.subscribed.delete(name);
    const queued = session.queuedUnsubscribe;
    if (queued && !queued.sent && queued.params!.length < this.perMessage) {
      queued.params!.push(name);
      return;
    }
    const req = this.createRequest('UNSUBSCRIBE', [name]);
    session.queuedUnsubscribe = req.request;
    req.promise.catch((error: StreamsError) =>
      this.logger({ level: 'warn', event: 'unsubscribe.error', connectionId: conn.id, error: error.message }),
    );
    this.send(conn, session, req.request);
  }

  private request(
    conn: Connection,
    session: Session,
    method: ControlRequest['method'],
    params: string[] | undefined,
  ): Promise<unknown> {
    const req = this.createRequest(method, params);
    this.send(conn, session, req.request);
    return req.promise;
  }

  private createRequest(
    method: ControlRequest['method'],
    params: string[] | undefined,
  ): { request: ControlRequest; promise: Promise<unknown> } {
    let resolve!: (v: unknown) => void;
    let reject!: (e: StreamsError) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const request: ControlRequest = {
      id: this.nextRequestId++,
      method,
      params,
      sent: false,
      cancelled: false,
      timer: null,
      resolve,
      reject,
    };
    return { request, promise };
  }

  private send(conn: Connection, session: Session, req: ControlRequest): void {
    session.pacer.enqueue(() => {
      req.sent = true;
      if (session.queuedSubscribe === req) session.queuedSubscribe = null;
      if (session.queuedUnsubscribe === req) session.queuedUnsubscribe = null;
      if (req.cancelled || session.closed) return;
      const message =
        req.params === undefined
          ? { method: req.method, id: req.id }
          : { method: req.method, params: req.params, id: req.id };
      session.pending.set(req.id, req);
      req.timer = this.scheduler.setTimeout(() => {
        req.timer = null;
        if (session.pending.delete(req.id)) {
          req.reject(
            new ConnectionError(`${req.method} (id ${req.id}) got no answer in ${this.requestTimeoutMs} ms`),
          );
          this.kill(conn, session, 'request-timeout');
        }
      }, this.requestTimeoutMs);
      this.logger({
        level: 'debug',
        event: 'control.send',
        connectionId: conn.id,
        method: req.method,
        id: req.id,
        streams: req.params?.length,
      });
      session.ws.send(JSON.stringify(message));
    });
  }

  private onSubscribed(conn: Connection, session: Session, names: string[]): void {
    if (session.closed) return;
    for (const name of names) {
      const entry = conn.streams.get(name);
      if (!entry) continue;
      session.subscribed.add(name);
      if (session === conn.active || entry.handover?.done) {
        if (!entry.confirmed) {
          entry.confirmed = true;
          for (const sub of entry.subscribers) sub.confirmed();
        }
      }
    }
    if (session === conn.active && conn.attempt > 0 && this.allSubscribed(conn, session)) conn.attempt = 0;
    if (session === conn.incoming && this.allSubscribed(conn, session) && conn.handoverTimer === null) {
      // Every stream flows on both sockets: wait for each to prove the overlap, but not forever.
      conn.handoverTimer = this.scheduler.setTimeout(() => {
        conn.handoverTimer = null;
        if (conn.incoming === session) this.completeReplacement(conn);
      }, this.handoverTimeoutMs);
      this.checkHandover(conn);
    }
  }

  private allSubscribed(conn: Connection, session: Session): boolean {
    for (const name of conn.streams.keys()) if (!session.subscribed.has(name)) return false;
    return true;
  }

  private onSubscribeFailed(conn: Connection, session: Session, names: string[], error: StreamsError): void {
    if (session.closed) return;
    this.logger({
      level: 'error',
      event: 'subscribe.error',
      connectionId: conn.id,
      streams: names,
      error: error.message,
    });
    for (const name of names) {
      const entry = conn.streams.get(name);
      if (!entry) continue;
      this.dropEntry(entry, false);
      for (const sub of [...entry.subscribers]) sub.fail(error);
    }
  }

  // ---------------------------------------------------------------- incoming messages

  private onMessage(conn: Connection, session: Session, raw: unknown): void {
    if (session.closed) return;
    // Counted, not timed: the heartbeat notices the count moving (no clock read per message).
    session.frames++;
    let msg: Record<string, unknown>;
    try {
      // A Buffer from `ws`: its own toString() (String(buffer) goes through ToPrimitive first).
      msg = JSON.parse(typeof raw === 'string' ? raw : (raw as { toString(): string }).toString());
    } catch {
      this.logger({ level: 'warn', event: 'message.invalid', connectionId: conn.id, reason: 'not JSON' });
      return;
    }
    const stream = msg.stream;
    if (typeof stream === 'string') {
      if (stream === '!serverShutdown') this.onServerShutdown(conn, session);
      else this.dispatch(conn, session, stream, msg.data);
      return;
    }
    if (msg === null || typeof msg !== 'object') return;
    if ('id' in msg && ('result' in msg || 'error' in msg)) {
      this.onReply(conn, session, msg);
      return;
    }
    if (msg.e === 'serverShutdown') this.onServerShutdown(conn, session);
  }

  private onReply(conn: Connection, session: Session, msg: Record<string, unknown>): void {
    const id = msg.id;
    const req = typeof id === 'number' ? session.pending.get(id) : undefined;
    if (!req) {
      const error = msg.error as { code?: number; msg?: string } | undefined;
      this.logger({
        level: error ? 'error' : 'debug',
        event: 'control.unmatched',
        connectionId: conn.id,
        id,
        error,
      });
      return;
    }
    session.pending.delete(req.id);
    if (req.timer !== null) this.scheduler.clearTimeout(req.timer);
    const error = msg.error as { code?: unknown; msg?: unknown } | undefined;
    if (error && typeof error === 'object') {
      req.reject(
        new StreamRequestError(
          req.method,
          typeof error.code === 'number' ? error.code : -1,
          typeof error.msg === 'string' ? error.msg : JSON.stringify(error),
          req.params ?? [],
        ),
      );
    } else {
      req.resolve(msg.result);
    }
  }

  private onServerShutdown(conn: Connection, session: Session): void {
    this.logger({ level: 'warn', event: 'connection.server-shutdown', connectionId: conn.id });
    if (session === conn.active) this.startReplacement(conn, 'server-shutdown');
    else if (session === conn.incoming) {
      // The replacement landed on a server that is going away: start over.
      this.onSocketClosed(conn, session, 'server-shutdown');
      this.closeSocket(session, 'server-shutdown');
    }
  }

  private dispatch(conn: Connection, session: Session, stream: string, data: unknown): void {
    const entry = conn.streams.get(stream);
    if (!entry) return;
    const handover = entry.handover;
    if (handover === null) {
      if (session === conn.active) {
        if (entry.catchUp !== null && this.behind(entry, data)) return;
        this.deliver(entry, data);
      }
      return;
    }
    if (session === conn.incoming) {
      if (handover.done) {
        if (entry.catchUp !== null && this.behind(entry, data)) return;
        this.deliver(entry, data);
        return;
      }
      handover.buffer.push({ key: entry.info.order(data), data });
    } else if (session === conn.active) {
      if (handover.done) return; // the replacement carries this stream now
      this.deliver(entry, data);
    } else {
      return;
    }
    if (this.tryHandover(entry)) this.checkHandover(conn);
  }

  /** Whether an event of the new socket was already delivered by the old one (ends the catch-up otherwise). */
  private behind(entry: Entry, data: unknown): boolean {
    const key = entry.info.order(data);
    if (key !== undefined && key <= entry.catchUp!) return true;
    entry.catchUp = null;
    return false;
  }

  /** Hands a stream to the replacement once both sockets carried one same event. */
  private tryHandover(entry: Entry): boolean {
    const handover = entry.handover;
    if (!handover || handover.done || handover.buffer.length === 0) return false;
    const first = handover.buffer[0]!.key;
    if (first !== undefined && first > entry.lastOrder) return false;
    this.finishHandover(entry);
    return true;
  }

  private finishHandover(entry: Entry): void {
    const handover = entry.handover!;
    handover.done = true;
    const buffered = handover.buffer;
    handover.buffer = [];
    for (const item of buffered) {
      if (item.key === undefined || item.key > entry.lastOrder) this.deliver(entry, item.data);
    }
    entry.catchUp = Number.isFinite(entry.lastOrder) ? entry.lastOrder : null;
  }

  private checkHandover(conn: Connection): void {
    const incoming = conn.incoming;
    if (!incoming || !this.allSubscribed(conn, incoming)) return;
    for (const entry of conn.streams.values()) if (entry.handover && !entry.handover.done) return;
    this.completeReplacement(conn);
  }

  /** The replacement takes over: remaining streams are handed over, the old socket closes. */
  private completeReplacement(conn: Connection): void {
    if (!conn.incoming) return;
    const old = conn.active;
    this.promote(conn);
    if (old && !old.closed) this.closeSocket(old, 'replaced');
  }

  private promote(conn: Connection): void {
    const incoming = conn.incoming!;
    const reason = conn.incomingReason ?? 'replaced';
    if (conn.handoverTimer !== null) this.scheduler.clearTimeout(conn.handoverTimer);
    conn.handoverTimer = null;
    for (const entry of conn.streams.values()) {
      if (entry.handover && !entry.handover.done) this.finishHandover(entry);
      entry.handover = null;
      if (!entry.confirmed && incoming.subscribed.has(entry.info.name)) {
        entry.confirmed = true;
        for (const sub of entry.subscribers) sub.confirmed();
      }
    }
    const old = conn.active;
    if (old && !old.closed) this.retireLater(old);
    conn.active = incoming;
    conn.incoming = null;
    conn.incomingReason = null;
    conn.attempt = 0;
    if (incoming.open) {
      this.setState(conn, 'open', reason);
      this.armRotation(conn);
    } else {
      this.setState(conn, 'connecting', reason);
    }
  }

  private retireLater(session: Session): void {
    // Nothing more is read from the old socket; completeReplacement closes it.
    session.ws.onmessage = null;
  }

  private deliver(entry: Entry, data: unknown): void {
    const key = entry.info.order(data);
    if (key !== undefined) entry.lastOrder = key;
    let event: MarketEvent;
    try {
      event = entry.info.parse(data);
    } catch (error) {
      this.logger({
        level: 'error',
        event: 'event.invalid',
        stream: entry.info.name,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const targets = entry.targets;
    for (let i = 0; i < targets.length; i++) targets[i]!.push(event, data);
  }
}
