// Market stream connections: raw (/ws/<name>) and combined (/stream?streams=a/b) endpoints, live
// control messages, Binance's connection limits (messages per second, streams per connection,
// connections per 5 minutes, ping/pong, 24 h lifetime) and the faults tests inject.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Clock } from '../clock.js';
import { Heartbeat, keepAlive, selectConnections } from '../heartbeat.js';
import type { Market } from '../market/market.js';
import { type ControlAction, errorReply, parseControl, resultReply } from './control.js';
import { StreamEngine, type Subscriber } from './engine.js';
import { parseStreamName, type StreamSpec } from './names.js';

export interface StreamLimits {
  pingIntervalMs: number;
  pongTimeoutMs: number;
  connectionLifetimeMs: number;
  maxStreamsPerConnection: number;
  maxIncomingMessagesPerSecond: number;
  maxConnectionsPer5Minutes: number;
}

/** A stream connection as `Simulator.connections()` reports it. */
export interface StreamConnectionInfo {
  id: number;
  /** Request path and query as the client sent them. */
  url: string;
  /** Whether payloads are wrapped as `{"stream","data"}` (the `combined` property). */
  combined: boolean;
  timeUnit: 'MILLISECOND' | 'MICROSECOND';
  /** Subscribed stream names, in subscription order. */
  streams: string[];
  /** Server time (ms) when the connection opened. */
  openedAt: number;
  remoteAddress: string;
  /** True while a fault keeps the server from sending anything on it. */
  frozen: boolean;
}

const FIVE_MINUTES = 300_000;
const MAX_BUFFERED = 64 * 1024 * 1024;
const ILLEGAL = 'Illegal format ws or stream';

class Connection implements Subscriber {
  readonly streams = new Set<string>();
  readonly messageTimes: number[] = [];
  readonly heartbeat: Heartbeat;
  closed = false;

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    readonly url: string,
    readonly ip: string,
    public combined: boolean,
    readonly micro: boolean,
    readonly openedAt: number,
    pingIntervalMs: number,
  ) {
    this.heartbeat = new Heartbeat(pingIntervalMs);
  }

  get frozen(): boolean {
    return this.heartbeat.frozen;
  }

  deliver(name: string, raw: string): void {
    if (this.frozen || this.closed) return;
    // A client that stops reading is cut off rather than buffered without bound, as Binance does.
    if (this.ws.bufferedAmount > MAX_BUFFERED) {
      this.ws.terminate();
      return;
    }
    this.ws.send(this.combined ? `{"stream":${JSON.stringify(name)},"data":${raw}}` : raw);
  }

  reply(text: string): void {
    if (!this.frozen && !this.closed) this.ws.send(text);
  }

  info(): StreamConnectionInfo {
    return {
      id: this.id,
      url: this.url,
      combined: this.combined,
      timeUnit: this.micro ? 'MICROSECOND' : 'MILLISECOND',
      streams: [...this.streams],
      openedAt: this.openedAt,
      remoteAddress: this.ip,
      frozen: this.frozen,
    };
  }
}

/**
 * Query parameters decoded with decodeURIComponent only: a `+` stays a plus (as in the
 * `@+08:00` kline suffix) instead of becoming a space as in form encoding.
 */
function rawQuery(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    try {
      out.set(decodeURIComponent(key), decodeURIComponent(value));
    } catch {
      out.set(key, value);
    }
  }
  return out;
}

export class StreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  private readonly connections = new Map<number, Connection>();
  private readonly upgrades = new Map<string, number[]>();
  private readonly engine: StreamEngine;
  private readonly housekeeping: NodeJS.Timeout;
  private nextId = 1;

  constructor(
    market: Market,
    private readonly clock: Clock,
    private readonly limits: StreamLimits,
    beforeTick?: (now: number) => void,
  ) {
    this.engine = new StreamEngine(market, clock, beforeTick);
    this.engine.start();
    const every = Math.max(10, Math.min(1000, limits.pingIntervalMs / 4, limits.pongTimeoutMs / 4));
    this.housekeeping = setInterval(() => this.keepAlive(), every);
  }

  /** Upgrades a request for /ws… or /stream…; returns false when the path is not a stream path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = rawQuery(q === -1 ? '' : url.slice(q + 1));
    let combined: boolean;
    let names: string[];
    if (path === '/ws' || path === '/ws/' || path.startsWith('/ws/')) {
      combined = false;
      names = path
        .slice(4)
        .split('/')
        .filter((s) => s.length > 0);
    } else if (path === '/stream' || path === '/stream/') {
      combined = true;
      names = (query.get('streams') ?? '').split('/').filter((s) => s.length > 0);
    } else {
      return false;
    }
    const ip = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown';
    if (!this.admit(ip)) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.open(ws, url, ip, combined, names, query.get('timeUnit') ?? null),
    );
    return true;
  }

  /** Counts an upgrade against the per-IP limit of connections per 5 minutes. */
  private admit(ip: string): boolean {
    const now = this.clock.now();
    const recent = (this.upgrades.get(ip) ?? []).filter((t) => now - t < FIVE_MINUTES);
    if (recent.length >= this.limits.maxConnectionsPer5Minutes) {
      this.upgrades.set(ip, recent);
      return false;
    }
    recent.push(now);
    this.upgrades.set(ip, recent);
    return true;
  }

  private open(
    ws: WebSocket,
    url: string,
    ip: string,
    combined: boolean,
    rawNames: string[],
    timeUnit: string | null,
  ): void {
    const unit = timeUnit?.toUpperCase();
    const conn = new Connection(
      this.nextId++,
      ws,
      url,
      ip,
      combined,
      unit === 'MICROSECOND',
      this.clock.now(),
      this.limits.pingIntervalMs,
    );
    this.connections.set(conn.id, conn);
    ws.on('close', () => this.cleanup(conn));
    ws.on('error', () => this.cleanup(conn));
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('ping', (data) => {
      if (!this.count(conn)) return;
      if (conn.heartbeat.answersPings) ws.pong(data);
    });
    ws.on('pong', (data) => {
      // Only a pong echoing one of our pings keeps the connection alive. Unsolicited pongs count
      // against the message rate; answers to our pings do not, so short test ping intervals do not
      // push well-behaved clients over the limit.
      if (conn.heartbeat.pong(data.toString())) return;
      this.count(conn);
    });

    if (unit !== undefined && unit !== 'MICROSECOND' && unit !== 'MILLISECOND') {
      ws.close(1008, 'Invalid timeUnit');
      return;
    }
    const streams: Array<{ name: string; spec: StreamSpec }> = [];
    for (const raw of rawNames) {
      let name: string;
      try {
        name = decodeURIComponent(raw);
      } catch {
        ws.close(1008, ILLEGAL);
        return;
      }
      const spec = parseStreamName(name);
      if (!spec) {
        ws.close(1008, ILLEGAL);
        return;
      }
      if (!streams.some((s) => s.name === name)) streams.push({ name, spec });
    }
    if (streams.length > this.limits.maxStreamsPerConnection) {
      ws.close(1008, 'Too many streams');
      return;
    }
    for (const s of streams) this.subscribe(conn, s.name, s.spec);
  }

  private subscribe(conn: Connection, name: string, spec: StreamSpec): void {
    if (conn.streams.has(name)) return;
    conn.streams.add(name);
    this.engine.subscribe(conn, name, spec);
  }

  private cleanup(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    for (const name of conn.streams) this.engine.unsubscribe(conn, name);
    conn.streams.clear();
    this.connections.delete(conn.id);
  }

  /** Counts an incoming message; disconnects beyond the per-second limit. Returns false if closed. */
  private count(conn: Connection): boolean {
    if (conn.closed) return false;
    const now = performance.now();
    const times = conn.messageTimes;
    times.push(now);
    while (times.length > 0 && now - times[0]! >= 1000) times.shift();
    if (times.length > this.limits.maxIncomingMessagesPerSecond) {
      conn.ws.close(1008, 'Too many messages');
      this.cleanup(conn);
      return false;
    }
    return true;
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    if (!this.count(conn)) return;
    const text = isBinary ? '' : data.toString();
    const parsed = parseControl(text);
    if ('reply' in parsed) {
      conn.reply(parsed.reply);
      return;
    }
    this.apply(conn, parsed.ok);
  }

  private apply(conn: Connection, action: ControlAction): void {
    switch (action.kind) {
      case 'subscribe': {
        const fresh = action.streams.filter(
          (s, i) => !conn.streams.has(s.name) && action.streams.findIndex((o) => o.name === s.name) === i,
        );
        if (conn.streams.size + fresh.length > this.limits.maxStreamsPerConnection) {
          conn.reply(
            errorReply(
              2,
              `Invalid request: too many streams (at most ${this.limits.maxStreamsPerConnection} per connection)`,
              action.id,
            ),
          );
          return;
        }
        for (const s of fresh) this.subscribe(conn, s.name, s.spec);
        conn.reply(resultReply(null, action.id));
        return;
      }
      case 'unsubscribe':
        for (const name of action.names) {
          if (conn.streams.delete(name)) this.engine.unsubscribe(conn, name);
        }
        conn.reply(resultReply(null, action.id));
        return;
      case 'list':
        conn.reply(resultReply([...conn.streams], action.id));
        return;
      case 'setCombined':
        conn.combined = action.value;
        conn.reply(resultReply(null, action.id));
        return;
      case 'getCombined':
        conn.reply(resultReply(conn.combined, action.id));
        return;
    }
  }

  /** Pings, pong timeouts and the connection lifetime. */
  private keepAlive(): void {
    keepAlive(this.connections.values(), {
      serverNow: this.clock.now(),
      lifetimeMs: this.limits.connectionLifetimeMs,
      pongTimeoutMs: this.limits.pongTimeoutMs,
      cleanup: (conn) => this.cleanup(conn),
    });
  }

  private select(id: number | undefined): Connection[] {
    return selectConnections(this.connections, id);
  }

  list(): StreamConnectionInfo[] {
    return [...this.connections.values()].map((c) => c.info());
  }

  /** Drops connections: abruptly (TCP reset) or, with a code, with a close frame. Returns how many. */
  drop(options: { id?: number; code?: number; reason?: string } = {}): number {
    const conns = this.select(options.id);
    for (const conn of conns) {
      if (options.code === undefined) conn.ws.terminate();
      else conn.ws.close(options.code, options.reason ?? '');
      this.cleanup(conn);
    }
    return conns.length;
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

  /** Sends the `serverShutdown` event; optionally closes (1001) after `closeAfterMs`. Returns how many. */
  serverShutdown(options: { id?: number; closeAfterMs?: number } = {}): number {
    const conns = this.select(options.id);
    const now = this.clock.now();
    for (const conn of conns) {
      const event = JSON.stringify({ e: 'serverShutdown', E: conn.micro ? now * 1000 : now });
      conn.reply(conn.combined ? `{"stream":"!serverShutdown","data":${event}}` : event);
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

  skipDepthUpdates(symbol: string, count: number): number {
    return this.engine.skipDepthUpdates(symbol, count);
  }

  /** Clears connection faults (pings, pong replies, frozen connections). */
  resetFaults(): void {
    for (const c of this.connections.values()) c.heartbeat.reset();
  }

  close(): void {
    clearInterval(this.housekeeping);
    this.engine.stop();
    for (const conn of this.connections.values()) {
      conn.ws.terminate();
      conn.closed = true;
    }
    this.connections.clear();
    this.wss.close();
  }
}
