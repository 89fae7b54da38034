// Runs the simulator in its own process for the benchmark, so that serving requests does not take CPU
// from the clients being measured. Its weight budget is raised out of the way: the benchmark measures
// request overhead, not rate limiting. Prints the REST URL, then serves until killed.
import { startSimulator } from '@binance-mcp/simulator';

const sim = await startSimulator({ seed: 1, symbols: 40, historyDays: 2, weightLimit: 1e12 });
process.stdout.write(`${sim.restUrl}\n`);
process.once('SIGTERM', () => sim.close().then(() => process.exit(0)));
