// The server side of a WebSocket heartbeat, shared by the market streams and the WebSocket API: a
// ping every interval, the connection dropped when a ping stays unanswered past the pong timeout,
// and the faults tests inject (no pings, no pong replies, a frozen half-dead link).

export type HeartbeatStep = { kind: 'timeout' } | { kind: 'ping'; payload: string } | { kind: 'idle' };

export class Heartbeat {
  /** Payloads of the pings sent and not answered yet. */
  private readonly outstanding = new Set<string>();
  private awaitingPongSince: number | null = null;
  private nextPingAt: number;
  /** Whether the server sends pings (a fault turns them off). */
  pings = true;
  /** Whether the server answers the client's pings. */
  pongReplies = true;
  /** A half-dead link: nothing is sent any more, the socket stays open. */
  frozen = false;

  constructor(private readonly intervalMs: number) {
    this.nextPingAt = performance.now() + intervalMs;
  }

  /** One housekeeping pass at `real` (performance.now()): drop, ping with `payload`, or nothing. */
  step(real: number, pongTimeoutMs: number, payload: string): HeartbeatStep {
    if (this.awaitingPongSince !== null && real - this.awaitingPongSince > pongTimeoutMs) {
      return { kind: 'timeout' };
    }
    if (real < this.nextPingAt) return { kind: 'idle' };
    this.nextPingAt = real + this.intervalMs;
    if (!this.pings || this.frozen) return { kind: 'idle' };
    this.outstanding.add(payload);
    this.awaitingPongSince ??= real;
    return { kind: 'ping', payload };
  }

  /** A pong arrived: true when it echoes one of our pings (the link is alive). */
  pong(payload: string): boolean {
    if (!this.outstanding.has(payload)) return false;
    this.forgive();
    return true;
  }

  /** Whether to answer a client's ping now. */
  get answersPings(): boolean {
    return this.pongReplies && !this.frozen;
  }

  setPings(enabled: boolean): void {
    this.pings = enabled;
    if (!enabled) this.forgive();
  }

  freeze(frozen: boolean): void {
    this.frozen = frozen;
    if (frozen) this.forgive();
  }

  /** Clears the faults. */
  reset(): void {
    this.pings = true;
    this.pongReplies = true;
    this.frozen = false;
  }

  /** Unanswered pings no longer count (the server stopped asking). */
  private forgive(): void {
    this.outstanding.clear();
    this.awaitingPongSince = null;
  }
}

/** All connections, or the one with `id` (none when it is unknown). */
export function selectConnections<C>(connections: Map<number, C>, id: number | undefined): C[] {
  if (id === undefined) return [...connections.values()];
  const conn = connections.get(id);
  return conn ? [conn] : [];
}

/** What the keep-alive pass needs of a connection. */
export interface KeptAlive {
  readonly openedAt: number;
  readonly heartbeat: Heartbeat;
  readonly ws: { close(code: number, reason: string): void; terminate(): void; ping(data: string): void };
}

/**
 * One keep-alive pass over `connections` at server time `serverNow`: closes those past their lifetime,
 * drops those whose pings went unanswered, pings the others when due. `cleanup` forgets a closed one.
 */
export function keepAlive<C extends KeptAlive>(
  connections: Iterable<C>,
  options: { serverNow: number; lifetimeMs: number; pongTimeoutMs: number; cleanup: (conn: C) => void },
): void {
  const real = performance.now();
  for (const conn of connections) {
    if (options.serverNow - conn.openedAt >= options.lifetimeMs) {
      conn.ws.close(1000, 'Connection lifetime expired');
      options.cleanup(conn);
      continue;
    }
    const step = conn.heartbeat.step(real, options.pongTimeoutMs, String(options.serverNow));
    if (step.kind === 'timeout') {
      conn.ws.terminate();
      options.cleanup(conn);
    } else if (step.kind === 'ping') {
      conn.ws.ping(step.payload);
    }
  }
}
