// Time per request against the simulator (in its own process) for this client, a raw `fetch` of the same
// URL, bare `ky` (the HTTP layer this client is built on), the official @binance/spot connector and
// tiagosiebler's `binance`, all in the same run; and requests per second with 64 concurrent callers.
//
// `pnpm --filter @binance-mcp/rest bench`. The clients take turns: each round runs a batch of every
// client in a new random order, and each round's batch times are compared with raw fetch's in the same
// round. On a shared machine whose speed drifts, that pairing is what keeps the ratios steady; the
// table shows the median over the rounds and the middle half of the per-round ratios.

import { Spot } from '@binance/spot';
import { MainClient } from 'binance';
import ky from 'ky';
import { createRestClient } from '../src/index.js';
import { startSimulatorProcess } from './simulator.js';

const CONCURRENCY = 64;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

const simulator = await startSimulatorProcess();
const base = simulator.url;

// Every client with keep-alive and its defaults otherwise; this client's weight budget is raised like
// the simulator's (the benchmark measures overhead, not waiting for budget).
const ours = createRestClient({ baseUrl: base, weightLimit: 1e12 });
const official = new Spot({
  configurationRestAPI: { apiKey: '', basePath: base, keepAlive: true, timeout: 10_000 },
});
const siebly = new MainClient({ baseUrl: base, keepAlive: true, disableTimeSync: true });
const bareKy = ky.create({ retry: 0, timeout: 10_000 });

const DEPTH = '/api/v3/depth?symbol=BTCUSDT&limit=5';
const KLINES = '/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=500';

const rawFetch = async (path: string): Promise<unknown> => {
  const res = await fetch(base + path);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
};

type Call = () => Promise<unknown>;
const clients: Record<string, { depth: Call; klines: Call }> = {
  'raw fetch': { depth: () => rawFetch(DEPTH), klines: () => rawFetch(KLINES) },
  'ky (bare)': { depth: () => bareKy(base + DEPTH).json(), klines: () => bareKy(base + KLINES).json() },
  '@binance-mcp/rest': {
    depth: () => ours.depth({ symbol: 'BTCUSDT', limit: 5 }),
    klines: () => ours.klines({ symbol: 'BTCUSDT', interval: '1m', limit: 500 }),
  },
  '@binance/spot': {
    depth: async () => (await official.restAPI.depth({ symbol: 'BTCUSDT', limit: 5 })).data(),
    klines: async () =>
      (await official.restAPI.klines({ symbol: 'BTCUSDT', interval: '1m' as never, limit: 500 })).data(),
  },
  'binance (tiagosiebler)': {
    depth: () => siebly.getOrderBook({ symbol: 'BTCUSDT', limit: 5 }),
    klines: () => siebly.getKlines({ symbol: 'BTCUSDT', interval: '1m', limit: 500 }),
  },
};
const names = Object.keys(clients);

// Every client reaches the simulator and gets the same book and klines before anything is timed.
for (const [name, client] of Object.entries(clients)) {
  const book = (await client.depth()) as { bids?: unknown[] };
  const klines = (await client.klines()) as unknown[];
  if (!Array.isArray(book.bids) || book.bids.length !== 5 || klines.length !== 500) {
    throw new Error(`${name} did not get the order book and klines`);
  }
}

interface Scenario {
  title: string;
  /** One timed batch of a client; resolves when done. */
  batch: (client: { depth: Call; klines: Call }) => Promise<void>;
  /** Requests per batch. */
  requests: number;
  concurrent: boolean;
}

const sequential =
  (pick: (c: { depth: Call; klines: Call }) => Call, n: number) =>
  async (c: { depth: Call; klines: Call }) => {
    const call = pick(c);
    for (let i = 0; i < n; i++) await call();
  };

const scenarios: Scenario[] = [
  {
    title: 'order book, 5 levels: one request at a time',
    batch: sequential((c) => c.depth, 40),
    requests: 40,
    concurrent: false,
  },
  {
    title: 'klines, 500: one request at a time',
    batch: sequential((c) => c.klines, 8),
    requests: 8,
    concurrent: false,
  },
  {
    title: `order book, 5 levels: ${CONCURRENCY} concurrent callers`,
    batch: async (c) => {
      for (let i = 0; i < 4; i++) await Promise.all(Array.from({ length: CONCURRENCY }, c.depth));
    },
    requests: 4 * CONCURRENCY,
    concurrent: true,
  },
];

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const sortNumbers = (values: readonly number[]) => [...values].sort((a, b) => a - b);

console.log(`Node ${process.version}, ${ROUNDS} rounds; simulator at ${base} in its own process\n`);
for (const scenario of scenarios) {
  // Warm-up: two untimed rounds.
  for (let w = 0; w < 2; w++)
    for (const name of names) await scenario.batch(clients[name] as { depth: Call; klines: Call });
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of shuffle(names)) {
      const started = performance.now();
      await scenario.batch(clients[name] as { depth: Call; klines: Call });
      (times[name] as number[]).push((performance.now() - started) / scenario.requests);
    }
  }
  const raw = times['raw fetch'] as number[];
  console.log(scenario.title);
  console.log(
    `  ${'client'.padEnd(24)} ${(scenario.concurrent ? 'requests/s' : 'ms/request').padStart(10)}  ${'vs raw fetch'.padStart(12)}  ${'middle half'.padStart(13)}`,
  );
  for (const name of names) {
    const own = times[name] as number[];
    const median = quantile(sortNumbers(own), 0.5);
    const ratios = sortNumbers(own.map((t, i) => t / (raw[i] as number)));
    const value = scenario.concurrent ? (1000 / median).toFixed(0) : median.toFixed(3);
    console.log(
      `  ${name.padEnd(24)} ${value.padStart(10)}  ${`${quantile(ratios, 0.5).toFixed(2)}×`.padStart(12)}  ${`${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}`.padStart(13)}`,
    );
  }
  console.log();
}
simulator.stop();
