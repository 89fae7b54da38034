// Streamable HTTP: both protocol eras through real sockets, and the guards in front of MCP (Host and
// Origin 403s, bearer token 401s, body limit 413, 404 elsewhere), in process; then the real command
// with --http, spawned.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type HttpServerHandle, MAX_BODY_BYTES, startHttpServer } from 'binance-mcp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allowedHostnames } from '../src/transports/http.js';
import { httpConfig, type SimContext, simContext, textOf } from './helpers.js';
import { startBin, waitFor } from './spawn.js';

const TOKEN = 'test-token-0123456789abcdef';
const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'curl', version: '0' } },
};

let s: SimContext;
let open: HttpServerHandle;
let guarded: HttpServerHandle;

beforeAll(async () => {
  s = await simContext();
  open = await startHttpServer(s.context, httpConfig({}, ['--port', '0']));
  guarded = await startHttpServer(s.context, httpConfig({ BINANCE_MCP_HTTP_TOKEN: TOKEN }, ['--port', '0']));
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await s?.close();
});

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function clientFor(url: string, mode: 'auto' | 'legacy', headers: Record<string, string> = {}) {
  const client = new Client({ name: 'http-test', version: '0' }, { versionNegotiation: { mode } });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

describe('both eras over a real socket', () => {
  test.each(['auto', 'legacy'] as const)('%s client: list and call', async (mode) => {
    const client = await clientFor(open.url, mode);
    try {
      // Market, streams and (the simulator's demo account) account tools.
      expect((await client.listTools()).tools.length).toBe(19);
      const result = await client.callTool({ name: 'get_book_ticker', arguments: { symbol: 'BTCUSDT' } });
      expect(result.structuredContent).toMatchObject({ environment: 'simulator' });
      const progress: number[] = [];
      await client.callTool(
        { name: 'get_klines', arguments: { symbol: 'BTCUSDT', interval: '1m', startTime: '-25h', limit: 1 } },
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(progress.length).toBeGreaterThanOrEqual(2);
    } finally {
      await client.close();
    }
  });
});

describe('2025 sessions', () => {
  test('a 2025 client gets a session; DELETE ends it; an unknown session is 404', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(open.url));
    const client = new Client(
      { name: 'session-test', version: '0' },
      { versionNegotiation: { mode: 'legacy' } },
    );
    await client.connect(transport);
    const id = transport.sessionId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(open.sessionCount()).toBeGreaterThanOrEqual(1);
    expect(
      (await client.callTool({ name: 'get_price', arguments: { symbol: 'ETHBTC' } })).isError,
    ).toBeFalsy();
    await transport.terminateSession();
    await client.close();
    const after = await post(
      open.url,
      { jsonrpc: '2.0', id: 9, method: 'tools/list' },
      { 'mcp-session-id': id as string, 'mcp-protocol-version': '2025-11-25' },
    );
    expect(after.status).toBe(404);
    // Without a session and without initialize: told how to start.
    const stray = await fetch(open.url, { headers: { accept: 'text/event-stream' } });
    expect(stray.status).toBe(400);
    expect(await stray.json()).toMatchObject({
      error: { message: expect.stringMatching(/starts with initialize/) },
    });
  });

  test('a 2026-07-28 client gets no session', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(open.url));
    const client = new Client({ name: 'modern', version: '0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(transport);
    expect(transport.sessionId).toBeUndefined();
    await client.close();
  });
});

describe('guards', () => {
  test('a foreign Origin or Host gets 403; localhost origins and no Origin pass', async () => {
    const evil = await post(open.url, INIT, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { message: 'Invalid Origin: evil.example' } });
    expect((await post(open.url, INIT, { origin: 'null' })).status).toBe(403);
    expect((await post(open.url, INIT, { origin: 'http://localhost:5173' })).status).toBe(200);
    expect((await post(open.url, INIT)).status).toBe(200);
    // A DNS-rebinding page reaches 127.0.0.1 with its own name in Host.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        open.url,
        { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(INIT));
    });
    expect(status).toBe(403);
  });

  test('the bearer token, when set, is required', async () => {
    const none = await post(guarded.url, INIT);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(
      (await post(guarded.url, INIT, { authorization: 'Bearer wrong-token-0123456789abc' })).status,
    ).toBe(401);
    expect((await post(guarded.url, INIT, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    const client = await clientFor(guarded.url, 'auto', { authorization: `Bearer ${TOKEN}` });
    expect(
      (await client.callTool({ name: 'get_avg_price', arguments: { symbol: 'ETHUSDT' } })).isError,
    ).toBeFalsy();
    await client.close();
    await expect(clientFor(guarded.url, 'legacy')).rejects.toThrow();
  });

  test('a body over the limit gets 413; not JSON 400; another path 404', async () => {
    const big = `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(MAX_BODY_BYTES + 10)}"}}`;
    expect((await post(open.url, big)).status).toBe(413);
    const bad = await post(open.url, '{"jsonrpc":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
    expect((await post(open.url.replace('/mcp', '/other'), INIT)).status).toBe(404);
  });

  test("Host names accepted when binding to every interface include the machine's addresses", () => {
    const http = httpConfig({}, ['--host', '0.0.0.0']);
    const names = allowedHostnames(http);
    expect(names).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '[::1]']));
    expect(names.length).toBeGreaterThan(3);
    expect(allowedHostnames({ ...http, host: '10.1.2.3', allowedHosts: ['mcp.internal'] })).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      'mcp.internal',
      '10.1.2.3',
    ]);
  });
});

describe('the command', () => {
  test('binance-mcp --http --port 0 --simulator serves, then stops on SIGTERM', async () => {
    const running = startBin(['--http', '--port', '0', '--simulator']);
    const [, url] = await waitFor(running.stderr, /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/, running);
    const client = await clientFor(url as string, 'auto');
    const result = await client.callTool({ name: 'get_ticker', arguments: { symbol: 'BTCUSDT' } });
    expect(textOf(result)).toMatch(/^\[simulator\] 24h FULL tickers: 1 of 1/);
    await client.close();
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toBe('');
  });

  test('beyond loopback without a token: one is generated, printed to stderr, and required', async () => {
    const running = startBin(['--http', '--host', '0.0.0.0', '--port', '0', '--simulator']);
    const [, token] = await waitFor(running.stderr, /bearer token for this run: (\S+)\n/, running);
    const [, url] = await waitFor(
      running.stderr,
      /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp) \(bearer token required\)/,
      running,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await post(url as string, INIT)).status).toBe(401);
    expect((await post(url as string, INIT, { authorization: `Bearer ${token}` })).status).toBe(200);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    // The token appears once, on the line meant for the operator.
    expect(running.stderr().split(token as string)).toHaveLength(2);
  });
});
