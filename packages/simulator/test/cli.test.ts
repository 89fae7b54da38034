import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function run(args: string[]): {
  child: ChildProcess;
  output: () => string;
  waitFor: (re: RegExp) => Promise<RegExpMatchArray>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const waitFor = async (re: RegExp): Promise<RegExpMatchArray> => {
    for (;;) {
      const m = out.match(re);
      if (m) return m;
      if (child.exitCode !== null) throw new Error(`CLI exited (${child.exitCode}): ${out}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        child.once('exit', () => resolve());
      });
    }
  };
  return { child, output: () => out, waitFor };
}

describe('binance-simulator CLI', () => {
  test('prints the URLs, serves the market, and exits cleanly on SIGTERM', async () => {
    const { child, waitFor } = run(['--port', '0', '--seed', '9', '--symbols', '30']);
    const [, url] = await waitFor(/REST:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v3/);
    await waitFor(/Streams:\s+ws:\/\/127\.0\.0\.1:\d+\/ws/);
    await waitFor(/WebSocket API:\s+ws:\/\/127\.0\.0\.1:\d+\/ws-api\/v3/);
    const info = (await (await fetch(`${url}/api/v3/exchangeInfo`)).json()) as { symbols: unknown[] };
    expect(info.symbols).toHaveLength(30);
    const depth = await fetch(`${url}/api/v3/depth?symbol=BTCUSDT&limit=5`);
    expect(depth.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 20_000);

  test('registers an HMAC account from the command line', async () => {
    const { child, waitFor } = run([
      '--symbols',
      '10',
      '--api-key',
      'CliTestKey',
      '--api-secret',
      'cli-secret',
      '--balance',
      'USDT=1234.5',
      '--balance',
      'BTC=1',
    ]);
    const [, url] = await waitFor(/REST:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v3/);
    await waitFor(/Account:\s+HMAC API key CliTestKey, 2 balances/);
    const query = `omitZeroBalances=true&timestamp=${Date.now()}`;
    const signature = createHmac('sha256', 'cli-secret').update(query).digest('hex');
    const res = await fetch(`${url}/api/v3/account?${query}&signature=${signature}`, {
      headers: { 'X-MBX-APIKEY': 'CliTestKey' },
    });
    const body = (await res.json()) as { balances: unknown[] };
    expect(body.balances).toEqual([
      { asset: 'USDT', free: '1234.50000000', locked: '0.00000000' },
      { asset: 'BTC', free: '1.00000000', locked: '0.00000000' },
    ]);
    child.kill('SIGTERM');
    await once(child, 'exit');
  }, 20_000);

  test('--weight-limit sets the request weight budget', async () => {
    const { child, waitFor } = run(['--symbols', '8', '--weight-limit', '30']);
    const [, url] = await waitFor(/REST:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v3/);
    await waitFor(/weight limit 30\/min/);
    const info = (await (await fetch(`${url}/api/v3/exchangeInfo?symbol=BTCUSDT`)).json()) as {
      rateLimits: Array<{ rateLimitType: string; limit: number }>;
    };
    expect(info.rateLimits.find((r) => r.rateLimitType === 'REQUEST_WEIGHT')?.limit).toBe(30);
    // 20 used by exchangeInfo; the next depth (weight 5) fits, the one after that does too, then 429.
    expect((await fetch(`${url}/api/v3/depth?symbol=BTCUSDT`)).status).toBe(200);
    expect((await fetch(`${url}/api/v3/depth?symbol=BTCUSDT`)).status).toBe(200);
    expect((await fetch(`${url}/api/v3/depth?symbol=BTCUSDT`)).status).toBe(429);
    child.kill('SIGTERM');
    await once(child, 'exit');
  }, 20_000);

  test('rejects a bad option with usage and exit code 2', async () => {
    const { child, output } = run(['--port', 'abc']);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toMatch(/--port must be an integer, got 'abc'/);
    expect(output()).toMatch(/Usage: binance-simulator/);
    const zero = run(['--weight-limit', '0']);
    const [zeroCode] = await once(zero.child, 'exit');
    expect(zeroCode).toBe(2);
    expect(zero.output()).toMatch(/--weight-limit must be a positive integer, got '0'/);
  }, 20_000);
});
