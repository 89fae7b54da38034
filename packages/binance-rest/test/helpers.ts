// Shared test helpers: a simulator per test file, a clock the tests move, an event recorder and a port
// that refuses connections.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRestClient, type RestClient, type RestClientOptions, type RestEvent } from '@binance-mcp/rest';
import type { Credentials } from '@binance-mcp/signing';
import { type Simulator, type SimulatorOptions, startSimulator } from '@binance-mcp/simulator';

/** A fixed point in time (a Thursday, mid-minute), so tests are independent of the wall clock. */
export const T0 = Date.UTC(2026, 0, 15, 12, 34, 56, 789);

/**
 * A clock that only moves when told, shared by the simulator and the client. Its `sleep` moves the clock
 * forward instead of waiting; it first lets requests already in flight arrive, since on a real clock a
 * request reaches the server within milliseconds of being sent, not after the time a sleep skips.
 */
export interface ManualTime {
  now: () => number;
  advance: (ms: number) => void;
  set: (t: number) => void;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A `fetch` that counts requests in flight, for `sleep` to wait on. */
  fetch: typeof fetch;
  /** Every sleep asked for, in ms. */
  readonly sleeps: number[];
}

export function manualTime(start = T0): ManualTime {
  let t = start;
  let inFlight = 0;
  const sleeps: number[] = [];
  // Requests the client has already let go are sent within a few microtask turns; let them reach
  // `fetch`, then let every request in flight arrive and be answered, before the clock jumps.
  const settled = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 2000 && inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (value) => {
      t = value;
    },
    sleeps,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      await settled();
      signal?.throwIfAborted();
      t += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    fetch: (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      inFlight++;
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    }) as typeof fetch,
  };
}

/** Records the client's events. */
export function recorder() {
  const events: RestEvent[] = [];
  const logger = (event: RestEvent) => {
    events.push(event);
  };
  const ofType = <T extends RestEvent['type']>(type: T) =>
    events.filter((e): e is Extract<RestEvent, { type: T }> => e.type === type);
  return { events, logger, ofType };
}

export interface Setup {
  sim: Simulator;
  time: ManualTime;
  client: RestClient;
  /** A new client on the same simulator and clock, with these options on top. */
  makeClient: (options?: RestClientOptions) => RestClient;
}

/** A simulator on a manual clock and a client for it (fast retries, so failing tests fail fast). */
export async function setup(
  simOptions: SimulatorOptions = {},
  clientOptions: RestClientOptions = {},
): Promise<Setup> {
  const time = manualTime();
  const sim = await startSimulator({ seed: 7, symbols: 40, historyDays: 3, now: time.now, ...simOptions });
  const makeClient = (options: RestClientOptions = {}) =>
    createRestClient({
      baseUrl: sim.restUrl,
      now: time.now,
      sleep: time.sleep,
      fetch: time.fetch,
      retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 },
      ...clientOptions,
      ...options,
    });
  return { sim, time, client: makeClient(), makeClient };
}

/** A base URL on which nothing listens (connections are refused). */
export async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A tiny HTTP server of our own, for responses the simulator cannot give. */
export async function fixtureServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{
  url: string;
  server: Server;
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close: () => Promise<void>;
}> {
  const requests: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends JSON text with a status and headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string | number> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Decodes a raw query string into ordered pairs. */
export function queryPairs(query: string): [string, string][] {
  return [...new URLSearchParams(query)];
}

/** Balances every trading test account starts with. */
export const FUNDS: Readonly<Record<string, string>> = {
  USDT: '1000000',
  BTC: '10',
  ETH: '100',
  BNB: '10000',
  FDUSD: '1000000',
  JPY: '100000000',
};

export type KeyType = 'HMAC' | 'RSA' | 'ED25519';

export interface Trader {
  /** A client signing with this account's key. */
  client: RestClient;
  apiKey: string;
  /** What createRestClient({ credentials }) got: the secret or the private key. */
  credentials: Credentials;
  /** A new client for this account, with these options on top. */
  makeClient: (options?: RestClientOptions) => RestClient;
}

/** An account on `env`'s simulator with a key of `keyType`, and a client for it. */
export function trader(
  env: Setup,
  keyType: KeyType = 'HMAC',
  options: { balances?: Record<string, string>; client?: RestClientOptions } = {},
): Trader {
  const created = env.sim.createAccount({ keyType, balances: { ...FUNDS, ...options.balances } });
  const credentials: Credentials =
    keyType === 'HMAC'
      ? { apiKey: created.apiKey, apiSecret: created.secret as string }
      : { apiKey: created.apiKey, privateKey: created.privateKey as string };
  const makeClient = (more: RestClientOptions = {}) =>
    env.makeClient({ credentials, ...options.client, ...more });
  return { client: makeClient(), apiKey: created.apiKey, credentials, makeClient };
}

/** The requests the simulator received for `method path` since `from` (an index into sim.requests()). */
export function sent(sim: Simulator, method: string, path: string, from = 0) {
  return sim
    .requests()
    .slice(from)
    .filter((r) => r.method === method && r.path === path);
}
