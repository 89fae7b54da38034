// The account's events through the WebSocket API: `session.logon` + `userDataStream.subscribe`
// with an Ed25519 key, or `userDataStream.subscribe.signature` with any key type (Binance retired
// the listenKey flow). The connection heals like the market streams: heartbeats, jittered
// reconnects that log on and subscribe again, and make-before-break replacement on
// `serverShutdown` and before the 24 h limit, de-duplicating the overlap.

import { type Clock, type Signer, signWsApiParams } from '@binance-mcp/signing';
import * as z from 'zod';
import { realScheduler, type Scheduler, type TimerHandle } from '../clock.js';
import { backoffDelay, positiveOption } from '../connection/backoff.js';
import type { ConnectionState, ConnectionStateEvent } from '../connection/client.js';
import { defaultWebSocket, type WebSocketConstructor, type WebSocketLike } from '../connection/socket.js';
import { type OverflowPolicy, type Subscription, SubscriptionHandle } from '../connection/subscription.js';
import { WS_API_URLS } from '../endpoints.js';
import { ConnectionError, InvalidParameterError, type StreamsError, WsApiError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { parseUserDataEvent, type UnknownUserDataEvent, type UserDataEvent } from './events.js';

export interface UserDataStreamOptions {
  /** Signs the subscription (from `createSigner` of @binance-mcp/signing). The key never leaves it. */
  signer: Signer;
  /** WebSocket API URL or preset: 'mainnet' (default), 'testnet', 'demo'. */
  url?: string | keyof typeof WS_API_URLS;
  /**
   * 'logon': `session.logon` then `userDataStream.subscribe` (Ed25519 keys only); 'signature':
   * `userDataStream.subscribe.signature` (any key type); 'auto' (default) picks logon for Ed25519.
   */
  auth?: 'auto' | 'logon' | 'signature';
  /** recvWindow for the signed requests. */
  recvWindow?: number;
  /** The clock timestamps are signed with (e.g. `offsetClock` of @binance-mcp/signing). */
  clock?: Clock;
  /** Time fields in µs (`timeUnit=MICROSECOND`). */
  timeUnit?: 'MILLISECOND' | 'MICROSECOND';
  logger?: Logger;
  scheduler?: Scheduler;
  random?: () => number;
  WebSocket?: WebSocketConstructor;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  heartbeat?: { idleMs?: number; pongTimeoutMs?: number };
  /** Replace the connection this long after it opened. Default 23 h. */
  rotateAfterMs?: number;
  /** How long old and new connections overlap (events de-duplicated) before the old one closes. Default 1000. */
  overlapMs?: number;
  requestTimeoutMs?: number;
  /** Push mode: every event to this callback (not iterable then). */
  onEvent?: (event: UserDataEvent | UnknownUserDataEvent, raw: unknown) => void;
  /** Called once if the stream fails for good (authentication refused, or closed). */
  onError?: (error: StreamsError) => void;
  bufferSize?: number;
  overflow?: OverflowPolicy;
  signal?: AbortSignal;
}

export interface UserDataStream extends Subscription<UserDataEvent | UnknownUserDataEvent> {
  /** The subscription id on the current connection, or null while (re)subscribing. */
  readonly subscriptionId: number | null;
  readonly state: ConnectionState;
  /** Listens to connection state changes; returns a function that stops listening. */
  onStateChange(listener: (event: ConnectionStateEvent) => void): () => void;
  /** Unsubscribes and closes the connection. */
  close(): Promise<void>;
}

// What crosses the boundary from the WebSocket API, checked with zod.
const wsApiError = z.object({ code: z.number(), msg: z.string() });
const wsApiResponse = z.object({
  id: z.union([z.string(), z.number(), z.null()]),
  status: z.number(),
  result: z.unknown().optional(),
  error: wsApiError.optional(),
});
const subscribeResult = z.object({ subscriptionId: z.number().int().nonnegative() });

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: StreamsError) => void;
  timer: TimerHandle;
}

interface Session {
  ws: WebSocketLike;
  reason: string;
  open: boolean;
  closed: boolean;
  subscriptionId: number | null;
  pending: Map<string, Pending>;
  frames: number;
  lastFrameAt: number;
  probe: { at: number; frames: number } | null;
  heartbeat: TimerHandle | null;
}

/** Subscribes to the account's user data stream over the WebSocket API. */
export function createUserDataStream(options: UserDataStreamOptions): UserDataStream {
  return new UserData(options);
}

class UserData implements UserDataStream {
  readonly stream = 'userData';
  state: ConnectionState = 'connecting';
  private readonly handle: SubscriptionHandle<UserDataEvent | UnknownUserDataEvent>;
  private readonly url: string;
  private readonly signer: Signer;
  private readonly useLogon: boolean;
  private readonly logger: Logger;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly signOptions: { recvWindow?: number; clock?: Clock };
  private readonly initialDelay: number;
  private readonly maxDelay: number;
  private readonly idleMs: number;
  private readonly pongTimeoutMs: number;
  private readonly rotateAfterMs: number;
  private readonly overlapMs: number;
  private readonly requestTimeoutMs: number;
  private readonly listeners = new Set<(event: ConnectionStateEvent) => void>();
  private active: Session | null = null;
  private incoming: Session | null = null;
  /** Events delivered while two connections overlap, to drop the second copy. */
  private overlap: Set<string> | null = null;
  private attempt = 0;
  private closing = false;
  private nextId = 1;
  private reconnectTimer: TimerHandle | null = null;
  private rotationTimer: TimerHandle | null = null;

  constructor(options: UserDataStreamOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidParameterError('options', options, 'an options object with a signer');
    }
    const signer = options.signer;
    if (typeof signer !== 'object' || signer === null || typeof signer.sign !== 'function') {
      throw new InvalidParameterError(
        'signer',
        signer,
        'a Signer from createSigner() of @binance-mcp/signing',
      );
    }
    const auth = options.auth ?? 'auto';
    if (auth !== 'auto' && auth !== 'logon' && auth !== 'signature') {
      throw new InvalidParameterError('auth', auth, "'auto', 'logon' or 'signature'");
    }
    if (auth === 'logon' && signer.keyType !== 'ED25519') {
      throw new InvalidParameterError(
        'auth',
        auth,
        `'signature' or 'auto' for a ${signer.keyType} key (session.logon takes Ed25519 keys only)`,
      );
    }
    this.useLogon = auth === 'logon' || (auth === 'auto' && signer.keyType === 'ED25519');
    this.signer = signer;
    const raw = options.url ?? 'mainnet';
    const base = WS_API_URLS[raw as keyof typeof WS_API_URLS] ?? raw;
    if (!/^wss?:\/\//.test(base)) {
      throw new InvalidParameterError(
        'url',
        raw,
        `a ws:// or wss:// URL or one of ${Object.keys(WS_API_URLS).join(', ')}`,
      );
    }
    const unit = options.timeUnit;
    if (unit !== undefined && unit !== 'MILLISECOND' && unit !== 'MICROSECOND') {
      throw new InvalidParameterError('timeUnit', unit, "'MILLISECOND' or 'MICROSECOND'");
    }
    this.url = unit === 'MICROSECOND' ? `${base}${base.includes('?') ? '&' : '?'}timeUnit=MICROSECOND` : base;
    this.logger = options.logger ?? silentLogger;
    this.scheduler = options.scheduler ?? realScheduler;
    this.random = options.random ?? Math.random;
    this.WebSocketImpl = options.WebSocket ?? defaultWebSocket;
    this.signOptions = {
      ...(options.recvWindow === undefined ? {} : { recvWindow: options.recvWindow }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    };
    this.initialDelay = positiveOption('reconnect.initialDelayMs', options.reconnect?.initialDelayMs, 250);
    this.maxDelay = positiveOption('reconnect.maxDelayMs', options.reconnect?.maxDelayMs, 30_000);
    this.idleMs = positiveOption('heartbeat.idleMs', options.heartbeat?.idleMs, 30_000);
    this.pongTimeoutMs = positiveOption('heartbeat.pongTimeoutMs', options.heartbeat?.pongTimeoutMs, 10_000);
    this.rotateAfterMs = positiveOption('rotateAfterMs', options.rotateAfterMs, 23 * 3_600_000);
    this.overlapMs = positiveOption('overlapMs', options.overlapMs, 1000);
    this.requestTimeoutMs = positiveOption('requestTimeoutMs', options.requestTimeoutMs, 10_000);
    this.handle = new SubscriptionHandle(
      'userData',
      {
        ...(options.bufferSize === undefined ? {} : { bufferSize: options.bufferSize }),
        ...(options.overflow === undefined ? {} : { overflow: options.overflow }),
        ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
        ...(options.onError === undefined ? {} : { onError: options.onError }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      () => void this.close(),
    );
    this.open('initial', false);
  }

  // ---------------------------------------------------------------- Subscription surface

  get ready(): Promise<void> {
    return this.handle.ready;
  }
  get dropped(): number {
    return this.handle.dropped;
  }
  get buffered(): number {
    return this.handle.buffered;
  }
  get closed(): boolean {
    return this.handle.closed;
  }
  get subscriptionId(): number | null {
    return this.active?.subscriptionId ?? null;
  }
  unsubscribe(): void {
    void this.close();
  }
  drain(max?: number): Array<UserDataEvent | UnknownUserDataEvent> {
    return this.handle.drain(max);
  }
  [Symbol.asyncIterator](): AsyncIterator<UserDataEvent | UnknownUserDataEvent> {
    return this.handle[Symbol.asyncIterator]();
  }
  onStateChange(listener: (event: ConnectionStateEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const timer of [this.reconnectTimer, this.rotationTimer])
      if (timer !== null) this.scheduler.clearTimeout(timer);
    const sessions = [this.active, this.incoming].filter((s): s is Session => s !== null && !s.closed);
    await Promise.all(
      sessions.map(async (session) => {
        if (session.open && session.subscriptionId !== null) {
          await this.request(session, 'userDataStream.unsubscribe', {
            subscriptionId: session.subscriptionId,
          }).catch(() => {});
        }
        this.closeSession(session, 'client-closed');
      }),
    );
    this.active = null;
    this.incoming = null;
    this.handle.unsubscribe();
    this.setState('closed', 'client-closed');
  }

  // ---------------------------------------------------------------- connections

  private setState(state: ConnectionState, reason: string, extra: Partial<ConnectionStateEvent> = {}): void {
    this.state = state;
    const event: ConnectionStateEvent = {
      connectionId: 0,
      state,
      reason,
      ...extra,
      streams: 1,
      at: this.scheduler.now(),
    };
    this.logger({ level: state === 'reconnecting' ? 'warn' : 'info', event: `userData.${state}`, ...event });
    for (const listener of this.listeners) listener(event);
  }

  private open(reason: string, replacement: boolean): void {
    if (this.closing) return;
    let ws: WebSocketLike;
    try {
      ws = new this.WebSocketImpl(this.url);
    } catch (error) {
      this.logger({ level: 'error', event: 'userData.error', error: String(error) });
      if (!replacement) this.scheduleReconnect('connect-failed');
      return;
    }
    const session: Session = {
      ws,
      reason,
      open: false,
      closed: false,
      subscriptionId: null,
      pending: new Map(),
      frames: 0,
      lastFrameAt: this.scheduler.now(),
      probe: null,
      heartbeat: null,
    };
    if (replacement) this.incoming = session;
    else {
      this.active = session;
      this.setState('connecting', reason);
    }
    ws.onopen = () => {
      session.open = true;
      session.lastFrameAt = this.scheduler.now();
      this.armHeartbeat(session);
      void this.subscribe(session);
    };
    ws.onmessage = (event) => this.onMessage(session, event.data);
    ws.onclose = (event) => this.onClosed(session, 'closed-by-server', event.code);
    ws.onerror = () => {};
    if (typeof ws.on === 'function') {
      const alive = () => {
        session.frames++;
        session.lastFrameAt = this.scheduler.now();
      };
      ws.on('ping', alive);
      ws.on('pong', alive);
    }
  }

  /** Logs on (Ed25519) and subscribes, or subscribes with a signature. */
  private async subscribe(session: Session): Promise<void> {
    try {
      let result: unknown;
      if (this.useLogon) {
        const { params } = await signWsApiParams(this.signer, {}, this.signOptions);
        await this.request(session, 'session.logon', params);
        result = await this.request(session, 'userDataStream.subscribe', undefined);
      } else {
        const { params } = await signWsApiParams(this.signer, {}, this.signOptions);
        result = await this.request(session, 'userDataStream.subscribe.signature', params);
      }
      const parsed = subscribeResult.safeParse(result);
      if (!parsed.success)
        throw new ConnectionError(`Unexpected userDataStream.subscribe result: ${JSON.stringify(result)}`);
      if (session.closed) return;
      session.subscriptionId = parsed.data.subscriptionId;
      this.onSubscribed(session);
    } catch (error) {
      if (session.closed || this.closing) return;
      const err =
        error instanceof WsApiError || error instanceof ConnectionError
          ? error
          : new ConnectionError(String(error));
      this.logger({ level: 'error', event: 'userData.subscribe.error', error: err.message });
      // A refused key or signature does not get better by retrying: the stream fails.
      if (err instanceof WsApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
        this.handle.fail(err);
        await this.close();
        return;
      }
      this.kill(session, 'subscribe-failed');
    }
  }

  private onSubscribed(session: Session): void {
    if (session === this.active) {
      this.attempt = 0;
      this.setState('open', session.reason === 'reconnect' ? 'reconnected' : session.reason);
      this.handle.confirmed();
      this.armRotation();
      return;
    }
    if (session !== this.incoming) return;
    // Both connections carry the account's events for a moment: keep one copy of each.
    this.overlap = new Set();
    this.scheduler.setTimeout(() => this.promote(), this.overlapMs);
  }

  private promote(): void {
    const incoming = this.incoming;
    if (!incoming || incoming.closed) return;
    const old = this.active;
    this.active = incoming;
    this.incoming = null;
    this.overlap = null;
    if (old && !old.closed) this.closeSession(old, 'replaced');
    this.attempt = 0;
    this.setState('open', incoming.reason);
    this.armRotation();
  }

  private armRotation(): void {
    if (this.rotationTimer !== null) this.scheduler.clearTimeout(this.rotationTimer);
    this.rotationTimer = this.scheduler.setTimeout(() => {
      this.rotationTimer = null;
      if (!this.incoming && !this.closing) this.open('rotation', true);
    }, this.rotateAfterMs);
  }

  private onMessage(session: Session, raw: unknown): void {
    if (session.closed) return;
    session.frames++;
    session.lastFrameAt = this.scheduler.now();
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(typeof raw === 'string' ? raw : (raw as { toString(): string }).toString());
    } catch {
      return;
    }
    if (msg === null || typeof msg !== 'object') return;
    const event = msg.event as Record<string, unknown> | undefined;
    if (event && typeof event === 'object') {
      if (event.e === 'serverShutdown') {
        this.logger({ level: 'warn', event: 'userData.server-shutdown' });
        if (session === this.active && !this.incoming) this.open('server-shutdown', true);
        return;
      }
      this.onEvent(session, msg.subscriptionId, event);
      return;
    }
    if ('id' in msg && 'status' in msg) this.onResponse(session, msg);
  }

  private onEvent(session: Session, subscriptionId: unknown, event: Record<string, unknown>): void {
    if (session !== this.active && session !== this.incoming) return;
    if (subscriptionId !== undefined && subscriptionId !== session.subscriptionId) return;
    if (this.overlap) {
      const key = JSON.stringify(event);
      if (this.overlap.has(key)) return;
      this.overlap.add(key);
    } else if (session !== this.active) {
      return;
    }
    let parsed: UserDataEvent | UnknownUserDataEvent;
    try {
      parsed = parseUserDataEvent(event);
    } catch (error) {
      this.logger({ level: 'error', event: 'userData.invalid', error: String(error) });
      return;
    }
    this.handle.push(parsed, event);
    if (parsed.eventType === 'eventStreamTerminated' && !this.closing && session === this.active) {
      // Ended by the server (or a logout elsewhere): subscribe again on the same connection.
      session.subscriptionId = null;
      this.logger({ level: 'warn', event: 'userData.terminated' });
      void this.subscribe(session);
    }
  }

  private onResponse(session: Session, msg: Record<string, unknown>): void {
    const parsed = wsApiResponse.safeParse(msg);
    if (!parsed.success) return;
    const { id, status, result, error } = parsed.data;
    const pending = id === null ? undefined : session.pending.get(String(id));
    if (!pending) {
      // E.g. the documented `{"id":null,"status":401,…}` when the key is revoked mid-session.
      if (error) {
        this.logger({ level: 'error', event: 'userData.error', status, code: error.code, msg: error.msg });
        if (status === 401) this.kill(session, 'unauthorized');
      }
      return;
    }
    session.pending.delete(String(id));
    this.scheduler.clearTimeout(pending.timer);
    if (error || status >= 400) {
      pending.reject(
        new WsApiError(pending.method, status, error?.code ?? -1, error?.msg ?? `HTTP status ${status}`),
      );
    } else {
      pending.resolve(result);
    }
  }

  private request(
    session: Session,
    method: string,
    params: Record<string, unknown> | undefined,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!session.open || session.closed) {
        reject(new ConnectionError(`${method}: the connection is not open`));
        return;
      }
      const id = `u${this.nextId++}`;
      const timer = this.scheduler.setTimeout(() => {
        if (session.pending.delete(id)) {
          reject(new ConnectionError(`${method} got no answer in ${this.requestTimeoutMs} ms`));
        }
      }, this.requestTimeoutMs);
      session.pending.set(id, { method, resolve, reject, timer });
      // Logged without params: they hold the API key and the signature.
      this.logger({ level: 'debug', event: 'userData.request', method, id });
      session.ws.send(JSON.stringify(params === undefined ? { id, method } : { id, method, params }));
    });
  }

  private onClosed(session: Session, reason: string, code?: number): void {
    if (session.closed) return;
    this.retire(session);
    if (this.closing) return;
    if (session === this.incoming) {
      this.incoming = null;
      this.overlap = null;
      if (this.active?.open) {
        this.rotationTimer = this.scheduler.setTimeout(
          () => {
            this.rotationTimer = null;
            if (!this.incoming) this.open('rotation', true);
          },
          this.backoff(this.attempt++),
        );
      }
      return;
    }
    if (session !== this.active) return;
    if (this.incoming) {
      // The old connection went first (serverShutdown): the replacement takes over now.
      const incoming = this.incoming;
      this.active = incoming;
      this.incoming = null;
      this.overlap = null;
      if (incoming.subscriptionId !== null) {
        this.setState('open', incoming.reason);
        this.armRotation();
      } else {
        this.setState('connecting', incoming.reason);
      }
      return;
    }
    this.active = null;
    this.scheduleReconnect(reason, code);
  }

  private scheduleReconnect(reason: string, code?: number): void {
    if (this.closing) return;
    if (this.rotationTimer !== null) this.scheduler.clearTimeout(this.rotationTimer);
    this.rotationTimer = null;
    const attempt = ++this.attempt;
    const delayMs = Math.round(this.backoff(attempt - 1));
    this.setState('reconnecting', reason, { attempt, delayMs, ...(code === undefined ? {} : { code }) });
    this.reconnectTimer = this.scheduler.setTimeout(() => {
      this.reconnectTimer = null;
      this.open('reconnect', false);
    }, delayMs);
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.initialDelay, this.maxDelay, this.random);
  }

  private retire(session: Session): void {
    session.closed = true;
    session.open = false;
    if (session.heartbeat !== null) this.scheduler.clearTimeout(session.heartbeat);
    for (const p of session.pending.values()) {
      this.scheduler.clearTimeout(p.timer);
      p.reject(new ConnectionError(`${p.method}: the connection closed`));
    }
    session.pending.clear();
    session.ws.onopen = null;
    session.ws.onmessage = null;
    session.ws.onclose = null;
  }

  private closeSession(session: Session, reason: string): void {
    this.retire(session);
    try {
      session.ws.close(1000, reason);
    } catch {
      // Already closed.
    }
  }

  private kill(session: Session, reason: string): void {
    if (session.closed) return;
    this.logger({ level: 'warn', event: 'userData.dead', reason });
    const ws = session.ws;
    this.onClosed(session, reason);
    try {
      if (typeof ws.terminate === 'function') ws.terminate();
      else ws.close(4000, reason);
    } catch {
      // Already closed.
    }
  }

  private armHeartbeat(session: Session): void {
    const due = session.probe ? session.probe.at + this.pongTimeoutMs : session.lastFrameAt + this.idleMs;
    session.heartbeat = this.scheduler.setTimeout(
      () => this.checkHeartbeat(session),
      Math.max(1, due - this.scheduler.now()),
    );
  }

  private checkHeartbeat(session: Session): void {
    session.heartbeat = null;
    if (session.closed) return;
    const now = this.scheduler.now();
    if (session.probe) {
      if (session.frames !== session.probe.frames) session.probe = null;
      else if (now - session.probe.at >= this.pongTimeoutMs) {
        this.kill(session, 'heartbeat-timeout');
        return;
      }
    } else if (now - session.lastFrameAt >= this.idleMs) {
      session.probe = { at: now, frames: session.frames };
      if (typeof session.ws.ping === 'function') session.ws.ping('');
      else this.request(session, 'ping', undefined).catch(() => {});
    }
    this.armHeartbeat(session);
  }
}
