// Streamable HTTP on plain node:http, at /mcp. Before a request reaches MCP: the Host header must name
// this server (DNS-rebinding protection) and a browser's Origin must be allowed, else 403; the bearer
// token must match when one is set (always, beyond loopback), else 401; bodies over 1 MiB get 413.
// Requests of the 2026-07-28 revision and of the 2025 revisions (stateless) are both served, each by a
// fresh server instance over the shared context.

import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, hostname as osHostname } from 'node:os';
import { createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { HttpConfig } from '../config/load.js';
import type { BinanceContext } from '../context.js';
import { type BinanceMcpServerOptions, createBinanceMcpServer } from '../server.js';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpServerHandle {
  /** The MCP endpoint, e.g. http://127.0.0.1:3000/mcp. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The MCP handler (its `notify` publishes to listening clients). */
  readonly handler: McpHttpHandler;
  close(): Promise<void>;
}

const LOCAL_NAMES = ['localhost', '127.0.0.1', '[::1]'];

function bracket(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** Host header names accepted: localhost, the bind address (every local address for a wildcard), and extras. */
export function allowedHostnames(http: HttpConfig): string[] {
  const names = new Set([...LOCAL_NAMES, ...http.allowedHosts.map(bracket)]);
  if (isWildcard(http.host)) {
    names.add(osHostname());
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) names.add(bracket(entry.address));
    }
  } else {
    names.add(bracket(http.host));
  }
  return [...names];
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function jsonRpcError(message: string) {
  return { jsonrpc: '2.0', error: { code: -32000, message }, id: null };
}

function tokenMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Serves MCP over Streamable HTTP with `http`'s settings. Resolves once listening.
 *
 * ```ts
 * const handle = await startHttpServer(context, { host: '127.0.0.1', port: 3000, ... });
 * console.error(`listening on ${handle.url}`);
 * ```
 */
export async function startHttpServer(
  context: BinanceContext,
  http: HttpConfig,
  serverOptions: Omit<BinanceMcpServerOptions, 'context'> = {},
): Promise<HttpServerHandle> {
  // Loaded only for --http: stdio never pays for it.
  const node = await import('@modelcontextprotocol/node');
  const { logger } = context;
  const handler = createMcpHandler(() => createBinanceMcpServer({ ...serverOptions, context }), {
    legacy: 'stateless',
    maxRequestBodySize: MAX_BODY_BYTES,
    onerror: (error) => logger.warn(`http: ${context.redact(error.message)}`),
  });
  const nodeHandler = node.toNodeHandler(handler, {
    maxRequestBodySize: MAX_BODY_BYTES,
    onerror: (error) => logger.warn(`http: ${context.redact(error.message)}`),
  });
  const checkHost = node.hostHeaderValidation(allowedHostnames(http));
  const checkOrigin = node.originValidation([...LOCAL_NAMES, ...http.allowedOrigins.map(bracket)]);

  const server: Server = createServer(async (req, res) => {
    try {
      if (!checkHost(req, res) || !checkOrigin(req, res)) return;
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== '/mcp') {
        send(res, 404, jsonRpcError(`Not found: the MCP endpoint is /mcp`));
        return;
      }
      if (http.token !== undefined && !tokenMatches(req, http.token)) {
        send(res, 401, jsonRpcError('Unauthorized: send Authorization: Bearer <token>'), {
          'www-authenticate': 'Bearer realm="binance-mcp"',
        });
        return;
      }
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > MAX_BODY_BYTES) {
        send(res, 413, jsonRpcError(`Request body too large: at most ${MAX_BODY_BYTES} bytes`));
        req.resume();
        return;
      }
      await nodeHandler(req, res);
    } catch (error) {
      logger.warn(`http: ${context.redact(error instanceof Error ? error.message : String(error))}`);
      if (!res.headersSent) send(res, 500, jsonRpcError('Internal server error'));
      else res.end();
    }
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // SSE responses stay open as long as a tool streams progress.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(http.port, http.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = isWildcard(http.host) ? '127.0.0.1' : bracket(http.host);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}/mcp`,
    host: http.host,
    port: address.port,
    handler,
    close() {
      closing ??= (async () => {
        await handler.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
