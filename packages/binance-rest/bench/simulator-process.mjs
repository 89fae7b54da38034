// Runs the simulator in its own process for the benchmark, so that serving requests does not take CPU
// from the clients being measured. Its weight budget is raised out of the way: the benchmark measures
// request overhead, not rate limiting. Prints one line of JSON — the REST URL and the credentials of
// two accounts (HMAC and Ed25519 keys, made for this run) — then serves until killed.
import { startSimulator } from '@binance-mcp/simulator';

const sim = await startSimulator({ seed: 1, symbols: 40, historyDays: 2, weightLimit: 1e12 });
const balances = { USDT: '1000000', BTC: '10' };
const hmac = sim.createAccount({ keyType: 'HMAC', balances });
const ed25519 = sim.createAccount({ keyType: 'ED25519', balances });
process.stdout.write(
  `${JSON.stringify({
    url: sim.restUrl,
    hmac: { apiKey: hmac.apiKey, apiSecret: hmac.secret },
    ed25519: { apiKey: ed25519.apiKey, privateKey: ed25519.privateKey },
  })}\n`,
);
process.once('SIGTERM', () => sim.close().then(() => process.exit(0)));
