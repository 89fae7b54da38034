// The real `binance-mcp` command over stdio, spawned as a client would spawn it: both protocol eras,
// nothing but protocol on stdout, a clean exit when the client goes, and configuration errors that exit
// with status 2 and one clear line.

import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, test } from 'vitest';
import { textOf } from './helpers.js';
import { binCommand, cleanEnv, startBin, waitFor } from './spawn.js';

async function connect(mode: 'legacy' | 'auto', args: string[] = ['--simulator']) {
  const errors: Error[] = [];
  const transport = new StdioClientTransport({ ...binCommand(args), env: cleanEnv(), stderr: 'pipe' });
  transport.onerror = (error) => errors.push(error);
  const client = new Client({ name: 'stdio-test', version: '0' }, { versionNegotiation: { mode } });
  await client.connect(transport);
  return { client, errors };
}

describe('stdio', () => {
  test('a 2025 client (initialize): tools, a call, the environment', async () => {
    const { client, errors } = await connect('legacy');
    try {
      expect(client.getServerVersion()?.name).toBe('binance-mcp');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('get_klines');
      const result = await client.callTool({ name: 'get_price', arguments: { symbol: 'BTCUSDT' } });
      expect(result.structuredContent).toMatchObject({ environment: 'simulator', total: 1 });
      expect(textOf(result)).toMatch(/^\[simulator\] BTCUSDT last price \d+\.\d+$/);
    } finally {
      await client.close();
    }
    expect(errors).toEqual([]);
  });

  test('a 2026-07-28 client: progress notifications arrive over stdio', async () => {
    const { client, errors } = await connect('auto');
    try {
      const progress: number[] = [];
      const result = await client.callTool(
        { name: 'get_klines', arguments: { symbol: 'ETHUSDT', interval: '1m', startTime: '-30h', limit: 1 } },
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(result.isError).toBeFalsy();
      expect(progress.length).toBeGreaterThanOrEqual(2);
    } finally {
      await client.close();
    }
    expect(errors).toEqual([]);
  });

  test('stdout carries only JSON-RPC; logs go to stderr; closing stdin ends the process', async () => {
    const running = startBin(['--simulator', '--log-level', 'debug']);
    const send = (message: unknown) => running.child.stdin?.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    await waitFor(running.stdout, /"id":1/, running);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'get_avg_price', arguments: { symbol: 'BNBUSDT' } },
    });
    await waitFor(running.stdout, /"id":2/, running);
    running.child.stdin?.end();
    expect(await running.exited).toBe(0);
    const lines = running.stdout().trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line).jsonrpc).toBe('2.0');
    expect(running.stderr()).toMatch(
      /^binance-mcp: \S+ on simulator \(http:\/\/127\.0\.0\.1:\d+\); toolsets: market, streams, account$/m,
    );
    // Debug logging shows requests on stderr, never on stdout.
    expect(running.stderr()).toMatch(/avgPrice/);
  });

  test('a configuration error: status 2, one line naming the setting, nothing on stdout', async () => {
    const running = startBin([], { BINANCE_ENV: 'prod', BINANCE_API_SECRET: 'very-secret-value-123456' });
    expect(await running.exited).toBe(2);
    expect(running.stdout()).toBe('');
    expect(running.stderr()).toMatch(
      /^binance-mcp: BINANCE_ENV \(--env\) is "prod"; allowed: mainnet, testnet, demo\n/,
    );
    expect(running.stderr()).not.toContain('very-secret-value-123456');
  });

  test('--help goes to stdout and exits 0', async () => {
    const running = startBin(['--help']);
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toMatch(/^binance-mcp .*: the MCP server for Binance Spot/);
    expect(running.stdout()).toContain('BINANCE_SYMBOL_ALLOWLIST');
  });
});
