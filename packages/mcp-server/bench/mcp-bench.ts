// `pnpm --filter binance-mcp bench`: what the MCP layer costs, measured in one run.
//
// 1. A tool call over stdio (the official client → `binance-mcp` → the simulator) against a raw `fetch`
//    of the same endpoint (bench process → the simulator), as a ratio per round, median over rounds.
// 2. Cold start: spawning `binance-mcp` to its first reply (initialize) and first tool result, against
//    spawning a bare `node -e ""` in the same run.
// 3. The bytes each tool returns for typical questions (text and structured content), against the
//    bytes of Binance's raw answer to the same question: market data, the account (a signed account
//    the benchmark opens in the simulator, with keys it generates and never prints), a live stream;
//    and the size of tools/list without keys, with keys, and with every toolset.
//
// The simulator runs in its own process with its weight budget out of the way. The server is the
// built bin (dist/cli.js, after `pnpm build`) or, failing that, the sources through tsx (said so).

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  accountEndpoints,
  bigIntReplacer,
  createRestClient,
  type RestClient,
  roundPrice,
  tradingEndpoints,
} from '@binance-mcp/rest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createBinanceContext, createBinanceMcpServer, loadConfig } from '../src/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 8);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/cli.js');
const useBuilt = existsSync(built);
const serverArgs = (extra: string[]) =>
  useBuilt ? [built, ...extra] : ['--import', 'tsx', join(root, 'src/cli.ts'), ...extra];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
function quartiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  return [
    sorted[Math.floor(sorted.length / 4)] as number,
    sorted[Math.floor((3 * sorted.length) / 4)] as number,
  ];
}

/** 64 random letters and digits: an API key or an HMAC secret for the simulator's account. */
function randomKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(64), (b) => alphabet[b % alphabet.length]).join('');
}

// Generated here, handed to the simulator and the server through the environment, never printed.
const credentials = { apiKey: randomKey(), apiSecret: randomKey() };

/** This process's environment without any BINANCE_* variable of the machine, plus `extra`. */
function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('BINANCE_')) env[key] = value;
  }
  return { ...env, ...extra };
}
const withKeys = (extra: Record<string, string> = {}) =>
  serverEnv({ BINANCE_API_KEY: credentials.apiKey, BINANCE_API_SECRET: credentials.apiSecret, ...extra });

async function startSimulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/simulator-process.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_API_KEY: credentials.apiKey, BENCH_API_SECRET: credentials.apiSecret },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, child };
}

/** `binance-mcp` over stdio on the simulator (its REST and stream URLs), with `env`. */
async function connect(baseUrl: string, env: Record<string, string> = serverEnv()): Promise<Client> {
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: serverArgs([
        '--base-url',
        baseUrl,
        '--stream-url',
        baseUrl.replace(/^http/, 'ws'),
        '--log-level',
        'error',
      ]),
      cwd: root,
      env,
      stderr: 'inherit',
    }),
  );
  return client;
}

/** A few resting orders and a few fills on BTCUSDT, so the account questions have typical answers. */
async function seedAccount(rest: RestClient): Promise<void> {
  const btc = await rest.exchangeInfoCache.symbol('BTCUSDT');
  if (!btc) throw new Error('BTCUSDT is not listed');
  const last = Number((await rest.price({ symbol: 'BTCUSDT' })).price);
  for (const f of [0.9, 0.85, 0.8]) {
    await rest.newOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: roundPrice(btc, last * f, 'down'),
    });
  }
  await marketOrders(rest, 10);
}

async function marketOrders(rest: RestClient, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await rest.newOrder({
      symbol: 'BTCUSDT',
      side: i % 2 ? 'SELL' : 'BUY',
      type: 'MARKET',
      quantity: '0.002',
    });
  }
}

/** Size of a tools/list: all of it, and what a model sees (name, description, input schema). */
async function listSize(c: Client): Promise<string> {
  const { tools } = await c.listTools();
  const modelFacing = tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: t.inputSchema,
  }));
  return `${String(tools.length).padStart(2)} tools, ${Buffer.byteLength(JSON.stringify(tools))} bytes; name + description + input schema (what a model sees): ${Buffer.byteLength(JSON.stringify(modelFacing))} bytes`;
}

const text = (r: { content?: unknown }) =>
  ((r.content as { type: string; text?: string }[] | undefined) ?? []).map((c) => c.text ?? '').join('');

async function main() {
  const sim = await startSimulatorProcess();
  const client = await connect(sim.url);
  // The REST client adopts the simulator's (raised) weight limit from its first exchangeInfo.
  await client.callTool({ name: 'get_exchange_info', arguments: { limit: 1 } });

  // The same server in this process, over an in-memory transport: what the MCP layer itself costs.
  const loaded = loadConfig({ argv: ['--base-url', sim.url] });
  if (loaded.kind !== 'run') throw new Error('configuration');
  const context = await createBinanceContext(loaded.config);
  const inProcess = new Client({ name: 'bench-in-process', version: '0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createBinanceMcpServer({ context }).connect(serverSide);
  await inProcess.connect(clientSide);
  await inProcess.callTool({ name: 'get_exchange_info', arguments: { limit: 1 } });

  console.log(
    `binance-mcp benchmark: ${useBuilt ? 'dist/cli.js' : 'src/cli.ts through tsx (run pnpm build for the bin)'}, Node ${process.version}`,
  );
  console.log(`${ROUNDS} rounds of ${BATCH} calls each; simulator in its own process\n`);

  // 1. Tool call over stdio vs raw fetch of the same endpoint.
  const cases: { title: string; tool: [string, Record<string, unknown>]; path: string }[] = [
    {
      title: 'latest price',
      tool: ['get_price', { symbol: 'BTCUSDT' }],
      path: '/api/v3/ticker/price?symbol=BTCUSDT',
    },
    {
      title: 'order book + stats',
      tool: ['get_order_book', { symbol: 'BTCUSDT', fetchLimit: 100 }],
      path: '/api/v3/depth?symbol=BTCUSDT&limit=100',
    },
    {
      title: '100 klines + summary',
      tool: ['get_klines', { symbol: 'BTCUSDT', interval: '1h', limit: 100 }],
      path: '/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=100',
    },
  ];
  console.log(
    '1. one call at a time: MCP tool over stdio vs raw fetch of the same endpoint (and the tool in process)',
  );
  console.log(
    `  ${'question'.padEnd(22)}${'raw fetch ms'.padStart(14)}${'stdio tool ms'.padStart(15)}${'ratio'.padStart(9)}${'middle half'.padStart(14)}${'in-process ms'.padStart(15)}${'ratio'.padStart(8)}`,
  );
  for (const c of cases) {
    const fetchOnce = async () => {
      const res = await fetch(sim.url + c.path);
      await res.json();
    };
    const callWith = (who: Client) => async () => {
      const r = await who.callTool({ name: c.tool[0], arguments: c.tool[1] });
      if (r.isError) throw new Error(text(r));
    };
    const callOnce = callWith(client);
    const localOnce = callWith(inProcess);
    for (let i = 0; i < 20; i++) {
      await fetchOnce();
      await callOnce();
      await localOnce();
    }
    const ratios: number[] = [];
    const localRatios: number[] = [];
    const fetchTimes: number[] = [];
    const callTimes: number[] = [];
    const localTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = [fetchOnce, callOnce, localOnce].sort(() => Math.random() - 0.5);
      const times = new Map<unknown, number>();
      for (const fn of order) {
        const t0 = performance.now();
        for (let i = 0; i < BATCH; i++) await fn();
        times.set(fn, (performance.now() - t0) / BATCH);
      }
      const f = times.get(fetchOnce) as number;
      const m = times.get(callOnce) as number;
      const l = times.get(localOnce) as number;
      fetchTimes.push(f);
      callTimes.push(m);
      localTimes.push(l);
      ratios.push(m / f);
      localRatios.push(l / f);
    }
    const [lo, hi] = quartiles(ratios);
    console.log(
      `  ${c.title.padEnd(22)}${median(fetchTimes).toFixed(3).padStart(14)}${median(callTimes).toFixed(3).padStart(15)}${`${median(ratios).toFixed(2)}×`.padStart(9)}${`${lo.toFixed(2)}–${hi.toFixed(2)}`.padStart(14)}${median(localTimes).toFixed(3).padStart(15)}${`${median(localRatios).toFixed(2)}×`.padStart(8)}`,
    );
  }

  // 2. Cold start.
  console.log('\n2. cold start (spawn to reply), median of', COLD_STARTS);
  const bare: number[] = [];
  const firstReply: number[] = [];
  const firstResult: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    let t0 = performance.now();
    await new Promise<void>((resolve) => spawn(process.execPath, ['-e', '']).once('exit', () => resolve()));
    bare.push(performance.now() - t0);
    t0 = performance.now();
    const c = new Client({ name: 'cold', version: '0' });
    await c.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: serverArgs(['--base-url', sim.url, '--log-level', 'error']),
        cwd: root,
      }),
    );
    firstReply.push(performance.now() - t0);
    await c.callTool({ name: 'get_price', arguments: { symbol: 'ETHUSDT' } });
    firstResult.push(performance.now() - t0);
    await c.close();
  }
  console.log(`  node -e ""                          ${median(bare).toFixed(0).padStart(6)} ms`);
  console.log(
    `  binance-mcp: initialize answered    ${median(firstReply).toFixed(0).padStart(6)} ms  (${(median(firstReply) / median(bare)).toFixed(1)}× bare node)`,
  );
  console.log(`  binance-mcp: first tool result      ${median(firstResult).toFixed(0).padStart(6)} ms`);

  // 3. Bytes per answer.
  console.log('\n3. bytes returned for typical questions (tokens ≈ bytes / 4)');
  const questions: { q: string; tool: [string, Record<string, unknown>]; raw: string }[] = [
    { q: 'Is Binance up, what time is it?', tool: ['get_server_time', {}], raw: '/api/v3/time' },
    {
      q: 'Which symbols trade ETH?',
      tool: ['get_exchange_info', { assets: ['ETH'] }],
      raw: '/api/v3/exchangeInfo',
    },
    {
      q: 'Rules for BTCUSDT',
      tool: ['get_exchange_info', { symbols: ['BTCUSDT'], detail: 'rules' }],
      raw: '/api/v3/exchangeInfo?symbol=BTCUSDT',
    },
    {
      q: 'BTCUSDT spread and depth ±1%',
      tool: ['get_order_book', { symbol: 'BTCUSDT' }],
      raw: '/api/v3/depth?symbol=BTCUSDT&limit=1000',
    },
    {
      q: 'Last 20 BTCUSDT trades',
      tool: ['get_trades', { symbol: 'BTCUSDT' }],
      raw: '/api/v3/trades?symbol=BTCUSDT&limit=20',
    },
    {
      q: 'BTCUSDT over 30 days (1d)',
      tool: ['get_klines', { symbol: 'BTCUSDT', interval: '1d', limit: 30 }],
      raw: '/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=30',
    },
    {
      q: 'BTCUSDT week trend, summary only',
      tool: ['get_klines', { symbol: 'BTCUSDT', interval: '1h', startTime: '-7d', limit: 0 }],
      raw: '/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=168',
    },
    {
      q: 'Average price of BNBUSDT',
      tool: ['get_avg_price', { symbol: 'BNBUSDT' }],
      raw: '/api/v3/avgPrice?symbol=BNBUSDT',
    },
    {
      q: 'Price of BTCUSDT',
      tool: ['get_price', { symbol: 'BTCUSDT' }],
      raw: '/api/v3/ticker/price?symbol=BTCUSDT',
    },
    {
      q: 'Prices of all USDT pairs',
      tool: ['get_price', { quoteAsset: 'USDT' }],
      raw: '/api/v3/ticker/price',
    },
    {
      q: 'Best bid/ask BTC, ETH',
      tool: ['get_book_ticker', { symbols: ['BTCUSDT', 'ETHUSDT'] }],
      raw: '/api/v3/ticker/bookTicker?symbols=%5B%22BTCUSDT%22,%22ETHUSDT%22%5D',
    },
    {
      q: 'How did BTCUSDT do in 24h?',
      tool: ['get_ticker', { symbol: 'BTCUSDT' }],
      raw: '/api/v3/ticker/24hr?symbol=BTCUSDT',
    },
    {
      q: 'Top 10 USDT movers (24h)',
      tool: ['get_ticker', { quoteAsset: 'USDT', sortBy: 'priceChangePercent' }],
      raw: '/api/v3/ticker/24hr',
    },
  ];
  const rest = createRestClient({ baseUrl: sim.url, credentials });
  await seedAccount(rest);
  const account = await connect(sim.url, withKeys());
  // As above: its REST client adopts the simulator's raised weight limit from a first exchangeInfo.
  await account.callTool({ name: 'get_exchange_info', arguments: { limit: 1 } });
  const raw = async (path: string) => (await (await fetch(sim.url + path)).text()).length;
  const signedRaw =
    (
      endpoint: (typeof accountEndpoints)[keyof typeof accountEndpoints] | typeof tradingEndpoints.openOrders,
      params: Record<string, unknown>,
    ) =>
    async () =>
      JSON.stringify(await rest.request(endpoint as never, params as never, { raw: true }), bigIntReplacer)
        .length;
  const rows: {
    q: string;
    tool: [string, Record<string, unknown>];
    raw?: () => Promise<number>;
    who?: Client;
  }[] = questions.map(({ q, tool, raw: path }) => ({ q, tool, raw: () => raw(path) }));
  rows.push(
    {
      q: 'My balances',
      tool: ['get_account', {}],
      raw: signedRaw(accountEndpoints.account, {}),
      who: account,
    },
    {
      q: 'My open BTCUSDT orders',
      tool: ['get_open_orders', { symbol: 'BTCUSDT' }],
      raw: signedRaw(tradingEndpoints.openOrders, { symbol: 'BTCUSDT' }),
      who: account,
    },
    {
      q: 'My BTCUSDT fills, with a summary',
      tool: ['get_my_trades', { symbol: 'BTCUSDT' }],
      raw: signedRaw(accountEndpoints.myTrades, { symbol: 'BTCUSDT' }),
      who: account,
    },
  );
  console.log(
    `  ${'question'.padEnd(34)}${'tool'.padEnd(19)}${'text B'.padStart(8)}${'struct B'.padStart(10)}${'raw B'.padStart(10)}`,
  );
  const print = (
    q: string,
    tool: string,
    r: { content?: unknown; structuredContent?: unknown },
    rawBytes: string,
  ) =>
    console.log(
      `  ${q.padEnd(34)}${tool.padEnd(19)}${String(Buffer.byteLength(text(r))).padStart(8)}${String(
        Buffer.byteLength(JSON.stringify(r.structuredContent)),
      ).padStart(10)}${rawBytes.padStart(10)}`,
    );
  for (const row of rows) {
    const r = await (row.who ?? client).callTool({ name: row.tool[0], arguments: row.tool[1] });
    if (r.isError) throw new Error(`${row.tool[0]}: ${text(r)}`);
    print(row.q, row.tool[0], r, row.raw ? String(await row.raw()) : '—');
  }

  // A streams question: follow BTCUSDT's trades, then read what arrived (the account's own market
  // orders make sure there is something to read).
  const sub = await account.callTool({
    name: 'subscribe_stream',
    arguments: { type: 'trade', symbol: 'BTCUSDT' },
  });
  if (sub.isError) throw new Error(`subscribe_stream: ${text(sub)}`);
  print('Watch BTCUSDT trades: subscribe', 'subscribe_stream', sub, '—');
  await marketOrders(rest, 5);
  // Let the events of those fills reach the server before reading.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const subscriptionId = (sub.structuredContent as { subscriptionId: string }).subscriptionId;
  const read = await account.callTool({
    name: 'read_stream',
    arguments: { subscriptionId, waitMs: 2000 },
  });
  if (read.isError) throw new Error(`read_stream: ${text(read)}`);
  const events = (read.structuredContent as { events: unknown[] }).events.length;
  print(`  …then read (${events} event${events === 1 ? '' : 's'})`, 'read_stream', read, '—');

  // tools/list: without keys (market, streams), with keys (+ account), and every toolset (+ trading).
  const everything = await connect(
    sim.url,
    withKeys({ BINANCE_TOOLSETS: 'all', BINANCE_ENABLE_TRADING: 'true' }),
  );
  console.log(`\n  tools/list, default toolsets without keys: ${await listSize(client)}`);
  console.log(`  tools/list, default toolsets with keys:    ${await listSize(account)}`);
  console.log(`  tools/list, all toolsets (trading on):     ${await listSize(everything)}`);
  await everything.close();
  await account.close();
  console.log(
    "  (raw B: the simulator's answer to the same question — for the account, Binance's signed answer; streams have none; on mainnet exchangeInfo and the all-symbol tickers are ~10× larger)",
  );

  await client.close();
  await inProcess.close();
  await context.close();
  sim.child.kill('SIGTERM');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
