// What signing costs: signed requests (GET account, POST order/test) with HMAC and Ed25519 keys against
// an unsigned one (ping) through the same client, and against raw `fetch` (unsigned ping, and an
// account request signed by hand with bare node:crypto HMAC), all against the simulator in the same run.
//
// `pnpm --filter @binance-mcp/rest bench`. As in rest-bench.ts, rounds alternate the clients in a new
// random order and ratios are taken within a round (median and middle half over the rounds). The
// simulator verifies every signature too, so a signed round trip also costs the server more: the raw
// HMAC fetch shows how much of the difference is the client's.

import { createHmac } from 'node:crypto';
import { createRestClient } from '../src/index.js';
import { startSimulatorProcess } from './simulator.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const BATCH = 40;

const simulator = await startSimulatorProcess();
const base = simulator.url;
const options = { baseUrl: base, weightLimit: 1e12, validation: false } as const;
const unsigned = createRestClient(options);
const hmac = createRestClient({ ...options, credentials: simulator.hmac });
const ed25519 = createRestClient({ ...options, credentials: simulator.ed25519 });
// Measure the clock once, up front (as every signed client does before its first request).
await Promise.all([hmac.syncClock(), ed25519.syncClock()]);

const rawPing = async () => {
  const res = await fetch(`${base}/api/v3/ping`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
};
const rawSignedAccount = async () => {
  const query = `timestamp=${Date.now()}`;
  const signature = createHmac('sha256', simulator.hmac.apiSecret).update(query).digest('hex');
  const res = await fetch(`${base}/api/v3/account?${query}&signature=${signature}`, {
    headers: { 'X-MBX-APIKEY': simulator.hmac.apiKey },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
};
const testOrder = { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100' } as const;

const calls: Record<string, () => Promise<unknown>> = {
  'raw fetch: ping': rawPing,
  'client: ping (unsigned)': () => unsigned.ping(),
  'raw fetch + HMAC: account': rawSignedAccount,
  'client HMAC: account': () => hmac.account(),
  'client Ed25519: account': () => ed25519.account(),
  'client HMAC: order/test': () => hmac.testOrder(testOrder),
  'client Ed25519: order/test': () => ed25519.testOrder(testOrder),
};
const names = Object.keys(calls);

// Every call works before anything is timed.
for (const [name, call] of Object.entries(calls)) {
  const result = await call();
  if (typeof result !== 'object' || result === null) throw new Error(`${name} failed`);
}

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
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

const batch = async (call: () => Promise<unknown>) => {
  for (let i = 0; i < BATCH; i++) await call();
};
for (let w = 0; w < 2; w++) for (const name of names) await batch(calls[name] as () => Promise<unknown>);
const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of shuffle(names)) {
    const started = performance.now();
    await batch(calls[name] as () => Promise<unknown>);
    (times[name] as number[]).push((performance.now() - started) / BATCH);
  }
}

const ratio = (name: string, baseline: string) => {
  const own = times[name] as number[];
  const ref = times[baseline] as number[];
  const ratios = sorted(own.map((t, i) => t / (ref[i] as number)));
  return `${quantile(ratios, 0.5).toFixed(2)}× (${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)})`;
};

console.log(
  `Node ${process.version}, ${ROUNDS} rounds of ${BATCH} sequential requests; simulator at ${base}\n`,
);
console.log('signed requests against an unsigned one, one request at a time');
console.log(
  `  ${'call'.padEnd(28)} ${'ms/request'.padStart(10)}  ${'vs client ping'.padStart(20)}  ${'vs raw fetch ping'.padStart(20)}`,
);
for (const name of names) {
  const median = quantile(sorted(times[name] as number[]), 0.5);
  console.log(
    `  ${name.padEnd(28)} ${median.toFixed(3).padStart(10)}  ${ratio(name, 'client: ping (unsigned)').padStart(20)}  ${ratio(name, 'raw fetch: ping').padStart(20)}`,
  );
}
console.log(
  `\n  client HMAC account vs raw fetch + HMAC account: ${ratio('client HMAC: account', 'raw fetch + HMAC: account')}`,
);
simulator.stop();
