// binance-simulator: serves a simulated Binance Spot market until interrupted.

import { parseArgs } from 'node:util';
import { startSimulator } from './simulator.js';

const USAGE = `Usage: binance-simulator [--port N] [--host H] [--seed S] [--symbols N] [--weight-limit N]
                         [--api-key KEY --api-secret SECRET [--balance ASSET=AMOUNT ...]]

Serves a simulated Binance Spot market (REST /api/v3, streams /ws and /stream, WebSocket API
/ws-api/v3) until interrupted.
  --port N                port to listen on (default 0: a free port)
  --host H                interface (default 127.0.0.1)
  --seed S                integer that fixes the market (default 1)
  --symbols N             number of symbols to list (default: all, about 300)
  --weight-limit N        request weight per minute and IP before 429s (default 6000)
  --api-key KEY           register an account with this HMAC API key (letters and digits)...
  --api-secret SECRET     ...and this secret, to sign requests with
  --balance ASSET=AMOUNT  a balance of that account (repeatable), e.g. --balance USDT=10000
  --help                  show this help`;

function fail(message: string): never {
  console.error(`binance-simulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) {
    console.error(`binance-simulator: --${name} must be an integer, got '${value}'\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        symbols: { type: 'string' },
        'weight-limit': { type: 'string' },
        'api-key': { type: 'string' },
        'api-secret': { type: 'string' },
        balance: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }).values as Record<string, string | boolean | string[] | undefined>;
  } catch (error) {
    console.error(`binance-simulator: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const apiKey = values['api-key'] as string | undefined;
  const secret = values['api-secret'] as string | undefined;
  if ((apiKey === undefined) !== (secret === undefined)) fail('--api-key and --api-secret go together');
  const balances: Record<string, string> = {};
  for (const entry of (values.balance as string[] | undefined) ?? []) {
    const match = /^([^=]+)=(\d+(?:\.\d{1,8})?)$/.exec(entry);
    if (!match) fail(`--balance must look like ASSET=AMOUNT (e.g. USDT=10000), got '${entry}'`);
    balances[match[1]!] = match[2]!;
  }
  if (apiKey === undefined && Object.keys(balances).length > 0)
    fail('--balance needs --api-key and --api-secret');
  const weightLimit = integer('weight-limit', values['weight-limit'] as string | undefined);
  if (weightLimit !== undefined && weightLimit < 1)
    fail(`--weight-limit must be a positive integer, got '${weightLimit}'`);
  const sim = await startSimulator({
    port: integer('port', values.port as string | undefined),
    host: values.host as string | undefined,
    seed: integer('seed', values.seed as string | undefined),
    symbols: integer('symbols', values.symbols as string | undefined),
    weightLimit,
    accounts: apiKey === undefined ? [] : [{ apiKey, secret, balances }],
  });
  console.log(
    `Binance simulator listening (seed ${sim.options.seed}, ${sim.symbols().length} symbols, weight limit ${sim.options.weightLimit}/min)`,
  );
  console.log(`REST:          ${sim.restUrl}/api/v3`);
  console.log(`Streams:       ${sim.streamUrl}/ws/<stream>  ${sim.streamUrl}/stream?streams=<a>/<b>`);
  console.log(`WebSocket API: ${sim.wsApiUrl}`);
  if (apiKey !== undefined)
    console.log(`Account:       HMAC API key ${apiKey}, ${Object.keys(balances).length} balances`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('binance-simulator:', error instanceof Error ? error.message : error);
  process.exit(1);
});
