// The simulator in its own process for the benchmark, so serving requests takes no CPU from what is
// measured. Its weight budget is raised out of the way: the benchmark measures overhead, not rate
// limiting. Prints the REST URL, then serves until killed.

import { startSimulator } from '@binance-mcp/simulator';

const sim = await startSimulator({ seed: 1, symbols: 300, historyDays: 31, weightLimit: 1e12 });
process.stdout.write(`${sim.restUrl}\n`);
process.once('SIGTERM', () => sim.close().then(() => process.exit(0)));
