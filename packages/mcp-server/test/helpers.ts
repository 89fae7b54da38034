// Shared test setup: a context on the embedded simulator (its controls at hand), and MCP clients
// connected to a server built on it, in the 2026-07-28 era (through the HTTP handler, in process) or a
// 2025 era (in memory). Tools are called by a real MCP client, so schemas, validation and the wire
// format are exercised exactly as an agent sees them.

import type { Simulator, SimulatorOptions } from '@binance-mcp/simulator';
import type { ClientCapabilities } from '@modelcontextprotocol/client';
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import {
  type BinanceContext,
  type BinanceMcpServerOptions,
  type CreateContextOptions,
  createBinanceContext,
  createBinanceMcpServer,
  type HttpConfig,
  loadConfig,
} from 'binance-mcp';

/** Loads a configuration from environment variables and flags (throws on `help`/`version`). */
export function configFrom(env: Record<string, string> = {}, argv: string[] = []) {
  const result = loadConfig({ env, argv, randomToken: () => 'generated-token-0123456789' });
  if (result.kind !== 'run') throw new Error(`expected a run configuration, got ${result.kind}`);
  return result.config;
}

/** The HTTP settings `--http` plus `argv` gives. */
export function httpConfig(env: Record<string, string> = {}, argv: string[] = []): HttpConfig {
  const http = configFrom(env, ['--http', ...argv]).http;
  if (!http) throw new Error('expected HTTP settings');
  return http;
}

export interface SimContext {
  context: BinanceContext;
  sim: Simulator;
  close(): Promise<void>;
}

/** A fixed point in time (a Thursday, mid-minute), so results do not depend on the wall clock. */
export const T0 = Date.UTC(2026, 0, 15, 12, 34, 56, 789);

/** A clock that moves only when told; shared by the simulator and the server's REST client. */
export function manualClock(start = T0) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

/**
 * A context on an embedded simulator (seeded, few symbols, so tests are fast and repeatable). With a
 * `clock`, the market holds still between the clock's moves.
 */
export async function simContext(
  env: Record<string, string> = {},
  options: {
    simulator?: SimulatorOptions;
    clock?: { now: () => number };
    streams?: CreateContextOptions['streams'];
  } = {},
): Promise<SimContext> {
  const config = configFrom({ BINANCE_SIMULATOR: 'true', ...env });
  const now = options.clock?.now;
  const context = await createBinanceContext(config, {
    simulatorOptions: { seed: 7, symbols: 40, historyDays: 3, ...(now ? { now } : {}), ...options.simulator },
    rest: { retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 20 }, ...(now ? { now } : {}) },
    ...(options.streams ? { streams: options.streams } : {}),
  });
  const sim = context.simulator;
  if (!sim) throw new Error('the simulator did not start');
  return { context, sim, close: () => context.close() };
}

export interface Connected {
  client: Client;
  close(): Promise<void>;
}

export interface ConnectOptions extends Partial<Omit<BinanceMcpServerOptions, 'context'>> {
  capabilities?: ClientCapabilities;
}

/** A client on the 2026-07-28 revision, through the same HTTP handler the server deploys, in process. */
export async function connectModern(
  context: BinanceContext,
  options: ConnectOptions = {},
): Promise<Connected> {
  const { capabilities, ...serverOptions } = options;
  // One server per request, as over HTTP: they share one owner of stream subscriptions.
  const handler = createMcpHandler(() =>
    createBinanceMcpServer({ streamOwner: 'modern-test', era: 'modern', ...serverOptions, context }),
  );
  const client = new Client(
    { name: 'test', version: '0' },
    { versionNegotiation: { mode: 'auto' }, ...(capabilities ? { capabilities } : {}) },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL('http://test.local/mcp'), {
      fetch: (url, init) => handler.fetch(new Request(url, init)),
    }),
  );
  return {
    client,
    async close() {
      await client.close();
      await handler.close();
    },
  };
}

/** A client on the 2025-11-25 revision, in memory (one server instance for the connection). */
export async function connectLegacy(
  context: BinanceContext,
  options: ConnectOptions = {},
): Promise<Connected> {
  const { capabilities, ...serverOptions } = options;
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const server = createBinanceMcpServer({ ...serverOptions, context });
  await server.connect(serverTransport);
  const client = new Client({ name: 'test', version: '0' }, capabilities ? { capabilities } : {});
  await client.connect(clientTransport);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: { content?: unknown }): string {
  const content = result.content as { type: string; text?: string }[] | undefined;
  const first = content?.[0];
  return first?.type === 'text' ? (first.text ?? '') : '';
}
