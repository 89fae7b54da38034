import type { AccountOptions } from './accounts/registry.js';

/** Options of `startSimulator`. Every field is optional. */
export interface SimulatorOptions {
  /** Accounts to create at start-up (their credentials are in `Simulator.accounts`, in this order). */
  accounts?: AccountOptions[];
  /** Unfilled orders an account may place per 10 seconds (ORDERS limit). Default 100. */
  maxOrdersPer10s?: number;
  /** Unfilled orders an account may place per UTC day (ORDERS limit). Default 200000. */
  maxOrdersPerDay?: number;
  /** Fixes the market: symbols, prices, trades, books. Default 1. */
  seed?: number;
  /**
   * Added to every trade id and order id the simulator sends (and subtracted from those it receives),
   * e.g. `2n ** 53n` so that ids are beyond `Number.MAX_SAFE_INTEGER`, as 64-bit ids on the exchange
   * can be: a client that parses them as plain JavaScript numbers gets them wrong. Default 0.
   */
  idOffset?: bigint | number;
  /** Interface to listen on. Default '127.0.0.1'. */
  host?: string;
  /** Port; 0 (the default) picks a free one. REST and WebSockets share it. */
  port?: number;
  /** The clock the market runs on (ms since epoch). Default `Date.now`. */
  now?: () => number;
  /** How many symbols to list (at least the 7 core ones). Default: the whole universe (about 300). */
  symbols?: number;
  /** Days of trade history before the day the simulator starts. Default 30. */
  historyDays?: number;
  /** REQUEST_WEIGHT per minute and per IP. Default 6000. */
  weightLimit?: number;
  /** Requests answered 429 within one minute before the IP is banned (418). Default 5. */
  banAfter429s?: number;
  /** Length of a first ban; repeated bans double it, up to 3 days. Default 120000 (2 minutes). */
  banMs?: number;
  /** Interval of the server's ping frames on stream connections. Default 20000. */
  pingIntervalMs?: number;
  /** A stream connection that has not answered a ping for this long is closed. Default 60000. */
  pongTimeoutMs?: number;
  /** Stream connections are closed after this long (server clock). Default 86400000 (24 h). */
  connectionLifetimeMs?: number;
  /** Streams one connection may hold. Default 1024. */
  maxStreamsPerConnection?: number;
  /** Incoming messages (pings, pongs, control messages) per second before a disconnect. Default 5. */
  maxIncomingMessagesPerSecond?: number;
  /** New stream connections per IP in 5 minutes before the upgrade is refused (429). Default 300. */
  maxConnectionsPer5Minutes?: number;
}

/** The options in force: every field of `SimulatorOptions` but `accounts`, defaults filled in. */
export interface ResolvedOptions {
  /** `idOffset` as a string of digits (a bigint would not survive `JSON.stringify`). */
  idOffset: string;
  maxOrdersPer10s: number;
  maxOrdersPerDay: number;
  seed: number;
  host: string;
  port: number;
  now: () => number;
  symbols: number;
  historyDays: number;
  weightLimit: number;
  banAfter429s: number;
  banMs: number;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  connectionLifetimeMs: number;
  maxStreamsPerConnection: number;
  maxIncomingMessagesPerSecond: number;
  maxConnectionsPer5Minutes: number;
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(
      `startSimulator: option '${name}' must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`,
    );
  }
  return value;
}

export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed))
    throw new RangeError(`startSimulator: option 'seed' must be an integer, got ${seed}`);
  const idOffset = o.idOffset ?? 0n;
  if (
    !(typeof idOffset === 'bigint' || Number.isSafeInteger(idOffset)) ||
    BigInt(idOffset) < 0n ||
    BigInt(idOffset) > 2n ** 62n
  ) {
    throw new RangeError(
      `startSimulator: option 'idOffset' must be an integer from 0 to 2^62, got ${idOffset}`,
    );
  }
  return {
    idOffset: String(idOffset),
    maxOrdersPer10s: Math.floor(positive('maxOrdersPer10s', o.maxOrdersPer10s, 100)),
    maxOrdersPerDay: Math.floor(positive('maxOrdersPerDay', o.maxOrdersPerDay, 200_000)),
    seed,
    host: o.host ?? '127.0.0.1',
    port: positive('port', o.port, 0, true),
    now: o.now ?? Date.now,
    symbols: Math.floor(positive('symbols', o.symbols, 10_000)),
    historyDays: Math.floor(positive('historyDays', o.historyDays, 30)),
    weightLimit: positive('weightLimit', o.weightLimit, 6000),
    banAfter429s: Math.floor(positive('banAfter429s', o.banAfter429s, 5, true)),
    banMs: positive('banMs', o.banMs, 120_000),
    pingIntervalMs: positive('pingIntervalMs', o.pingIntervalMs, 20_000),
    pongTimeoutMs: positive('pongTimeoutMs', o.pongTimeoutMs, 60_000),
    connectionLifetimeMs: positive('connectionLifetimeMs', o.connectionLifetimeMs, 86_400_000),
    maxStreamsPerConnection: Math.floor(positive('maxStreamsPerConnection', o.maxStreamsPerConnection, 1024)),
    maxIncomingMessagesPerSecond: positive('maxIncomingMessagesPerSecond', o.maxIncomingMessagesPerSecond, 5),
    maxConnectionsPer5Minutes: Math.floor(
      positive('maxConnectionsPer5Minutes', o.maxConnectionsPer5Minutes, 300),
    ),
  };
}
