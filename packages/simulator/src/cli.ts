// binance-simulator: serves a simulated Binance Spot market until interrupted.

import { parseArgs } from 'node:util';
import { startSimulator } from './simulator.js';

const USAGE = `Usage: binance-simulator [--port N] [--host H] [--seed S] [--symbols N]

Serves a simulated Binance Spot market (REST /api/v3, streams /ws and /stream) until interrupted.
  --port N      port to listen on (default 0: a free port)
  --host H      interface (default 127.0.0.1)
  --seed S      integer that fixes the market (default 1)
  --symbols N   number of symbols to list (default: all, about 300)
  --help        show this help`;

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
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        symbols: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    console.error(`binance-simulator: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sim = await startSimulator({
    port: integer('port', values.port as string | undefined),
    host: values.host as string | undefined,
    seed: integer('seed', values.seed as string | undefined),
    symbols: integer('symbols', values.symbols as string | undefined),
  });
  console.log(`Binance simulator listening (seed ${sim.options.seed}, ${sim.symbols().length} symbols)`);
  console.log(`REST:          ${sim.restUrl}/api/v3`);
  console.log(`Streams:       ${sim.streamUrl}/ws/<stream>  ${sim.streamUrl}/stream?streams=<a>/<b>`);
  console.log(`WebSocket API: ${sim.wsApiUrl}`);
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
