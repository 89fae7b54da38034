// `pnpm --filter binance-mcp bench`: what the MCP layer costs, measured in one run.
//
// 1. A tool call over stdio (the official client → `binance-mcp` → the simulator) against a raw `fetch`
//    of the same endpoint (bench process → the simulator), as a ratio per round, median over rounds.
// 2. Cold start: spawning `binance-mcp` to its first reply (initialize) and first tool result, against
//    spawning a bare `node -e ""` in the same run.
// 3. The bytes each tool returns for typical questions (text and structured content), against the
//    bytes of Binance's raw answer to the same question.
//
// The simulator runs in its own process with its weight budget out of the way. The server is the
// built bin (dist/cli.js, after `pnpm build`) or, failing that, the sources through tsx (said so).

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function startSimulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/simulator-process.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
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

async function connect(baseUrl: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: serverArgs(['--base-url', baseUrl, '--log-level', 'error']),
      cwd: root,
      stderr: 'inherit',
    }),
  );
  return client;
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
  console.log(
    `  ${'question'.padEnd(34)}${'tool'.padEnd(19)}${'text B'.padStart(8)}${'struct B'.padStart(10)}${'raw B'.padStart(10)}`,
  );
  for (const { q, tool, raw } of questions) {
    const r = await client.callTool({ name: tool[0], arguments: tool[1] });
    if (r.isError) throw new Error(`${tool[0]}: ${text(r)}`);
    const rawBytes = (await (await fetch(sim.url + raw)).text()).length;
    console.log(
      `  ${q.padEnd(34)}${tool[0].padEnd(19)}${String(Buffer.byteLength(text(r))).padStart(8)}${String(
        Buffer.byteLength(JSON.stringify(r.structuredContent)),
      ).padStart(10)}${String(rawBytes).padStart(10)}`,
    );
  }
  const { tools } = await client.listTools();
  const modelFacing = tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: t.inputSchema,
  }));
  console.log(
    `\n  tools/list: ${tools.length} tools, ${Buffer.byteLength(JSON.stringify(tools))} bytes; name + description + input schema (what a model sees): ${Buffer.byteLength(JSON.stringify(modelFacing))} bytes`,
  );
  console.log(
    "  (raw B: the simulator's answer to the same question; on mainnet exchangeInfo and the all-symbol tickers are ~10× larger)",
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
