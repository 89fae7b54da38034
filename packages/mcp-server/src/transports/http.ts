// Streamable HTTP on plain node:http, at /mcp. Before a request reaches MCP: the Host header must name
// this server (DNS-rebinding protection) and a browser's Origin must be allowed, else 403; the bearer
// token must match when one is set (always, beyond loopback), else 401; bodies over 1 MiB get 413.
// Requests of the 2026-07-28 revision are served statelessly, each by a fresh server instance over the
// shared context; 2025 clients get a session, so confirmations and subscriptions work for them too.

import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, hostname as osHostname } from 'node:os';
import { createMcpHandler, isLegacyRequest, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { HttpConfig } from '../config/load.js';
import type { BinanceContext } from '../context.js';
import { type BinanceMcpServerOptions, createBinanceMcpServer } from '../server.js';
import { LiveUpdates } from '../streams/updates.js';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpServerHandle {
  /** The MCP endpoint, e.g. http://127.0.0.1:3000/mcp. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The MCP handler of the 2026-07-28 revision (its `notify` publishes to listening clients). */
  readonly handler: McpHttpHandler;
  /** Open 2025 sessions. */
  sessionCount(): number;
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

/** A 2025 client's session is closed after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** At most this many 2025 sessions at once; the least recently used is closed to make room. */
export const MAX_SESSIONS = 200;

class BodyTooLarge extends Error {}

/** The request body as text, at most `MAX_BODY_BYTES`. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(', '));
  }
  return headers;
}

function isInitialize(body: unknown): boolean {
  const first = Array.isArray(body) ? body[0] : body;
  return (
    typeof first === 'object' && first !== null && (first as { method?: unknown }).method === 'initialize'
  );
}

interface LegacySession {
  readonly transport: import('@modelcontextprotocol/node').NodeStreamableHTTPServerTransport;
  lastSeen: number;
}

/**
 * Serves MCP over Streamable HTTP with `http`'s settings. Resolves once listening.
 *
 * Requests of the 2026-07-28 revision go to a stateless handler (a fresh server instance per request).
 * 2025 clients get a session (`Mcp-Session-Id`), so that what needs a connection works for them too:
 * server-to-client requests (confirmations), notifications of subscribed resources, cancellation.
 * Sessions end on DELETE, after `SESSION_IDLE_MS` without a request, or when the server closes, and
 * take what they opened with them.
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
  const warn = (error: Error) => logger.warn(`http: ${context.redact(error.message)}`);
  // Stateless requests share one owner of stream subscriptions (leases end them) and one set of
  // followed live resources, whose notices go to every listening client (each filters by its listen).
  let handler: McpHttpHandler | undefined;
  const updates = new LiveUpdates(context.streams, (uri) => handler?.notify.resourceUpdated(uri));
  handler = createMcpHandler(
    () =>
      createBinanceMcpServer({
        ...serverOptions,
        context,
        era: 'modern',
        updates,
        streamOwner: 'http-stateless',
      }),
    {
      legacy: 'reject',
      maxRequestBodySize: MAX_BODY_BYTES,
      onerror: warn,
    },
  );
  const nodeHandler = node.toNodeHandler(handler, { maxRequestBodySize: MAX_BODY_BYTES, onerror: warn });
  const modern = handler;
  const checkHost = node.hostHeaderValidation(allowedHostnames(http));
  const checkOrigin = node.originValidation([...LOCAL_NAMES, ...http.allowedOrigins.map(bracket)]);

  const sessions = new Map<string, LegacySession>();
  const closeSession = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.transport.close().catch(warn);
  };
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, session] of sessions) {
      if (now - session.lastSeen > SESSION_IDLE_MS) {
        logger.debug(`http: closing idle session ${id}`);
        void closeSession(id);
      }
    }
  }, 60_000);
  sweep.unref();

  async function serveLegacy(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    const header = req.headers['mcp-session-id'];
    const id = typeof header === 'string' ? header : undefined;
    let session = id === undefined ? undefined : sessions.get(id);
    if (!session) {
      if (id !== undefined) {
        send(
          res,
          404,
          jsonRpcError('Session not found (it ended or expired): start a new one with initialize'),
        );
        return;
      }
      if (req.method !== 'POST' || !isInitialize(body)) {
        send(
          res,
          400,
          jsonRpcError(
            'Bad request: a 2025 session starts with initialize and carries Mcp-Session-Id after it',
          ),
        );
        return;
      }
      if (sessions.size >= MAX_SESSIONS) {
        const oldest = [...sessions.entries()].sort((a, b) => a[1].lastSeen - b[1].lastSeen)[0];
        if (oldest) await closeSession(oldest[0]);
      }
      const transport: LegacySession['transport'] = new node.NodeStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => {
          sessions.set(sessionId, fresh);
        },
        onsessionclosed: (sessionId) => {
          sessions.delete(sessionId);
        },
        maxRequestBodySize: MAX_BODY_BYTES,
      });
      const fresh: LegacySession = { transport, lastSeen: Date.now() };
      const mcp = createBinanceMcpServer({ ...serverOptions, context, era: 'legacy' });
      transport.onclose = () => {
        if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
        void mcp.close().catch(warn);
      };
      await mcp.connect(transport);
      session = fresh;
    }
    session.lastSeen = Date.now();
    await session.transport.handleRequest(req, res, body);
  }

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
      let body: unknown;
      if (req.method === 'POST') {
        let text: string;
        try {
          text = await readBody(req);
        } catch (error) {
          if (!(error instanceof BodyTooLarge)) throw error;
          send(res, 413, jsonRpcError(`Request body too large: at most ${MAX_BODY_BYTES} bytes`), {
            connection: 'close',
          });
          req.resume();
          return;
        }
        try {
          body = JSON.parse(text);
        } catch {
          send(res, 400, {
            jsonrpc: '2.0',
            error: { code: -32700, message: 'Parse error: the body is not JSON' },
            id: null,
          });
          return;
        }
      }
      const probe = new Request(`http://localhost${req.url ?? '/mcp'}`, {
        method: req.method ?? 'GET',
        headers: webHeaders(req),
      });
      if (await isLegacyRequest(probe, body)) await serveLegacy(req, res, body);
      else await nodeHandler(req, res, body);
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
    handler: modern,
    sessionCount: () => sessions.size,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        updates.close();
        await Promise.all([...sessions.keys()].map(closeSession));
        await modern.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
