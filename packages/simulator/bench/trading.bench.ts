// Signed requests against the simulator (signature verification, order placement and matching)
// compared with an unsigned ping round trip in the same run.

import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';

let sim: Simulator;
let hmacKey = '';
let edKey = '';
const secret = 'bench-secret';
const ed = generateKeyPairSync('ed25519');

beforeAll(async () => {
  sim = await startSimulator({ weightLimit: 1e12, maxOrdersPer10s: 1e9, maxOrdersPerDay: 1e9 });
  const funds = { USDT: '1000000000', BTC: '100000' };
  hmacKey = sim.createAccount({ secret, balances: funds }).apiKey;
  edKey = sim.createAccount({
    publicKey: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balances: funds,
  }).apiKey;
});
afterAll(() => sim.close());

const hmac = (payload: string) => createHmac('sha256', secret).update(payload).digest('hex');
const ed25519 = (payload: string) =>
  encodeURIComponent(sign(null, Buffer.from(payload), ed.privateKey).toString('base64'));

async function signed(
  method: string,
  path: string,
  params: string,
  key: string,
  signer: (p: string) => string,
) {
  const payload = `${params}${params ? '&' : ''}timestamp=${Date.now()}`;
  const res = await fetch(`${sim.restUrl}/api/v3/${path}?${payload}&signature=${signer(payload)}`, {
    method,
    headers: { 'X-MBX-APIKEY': key },
  });
  await res.text();
}

describe('signed request round trips', () => {
  bench('baseline: unsigned GET /api/v3/ping', async () => {
    await (await fetch(`${sim.restUrl}/api/v3/ping`)).text();
  });
  bench('GET /api/v3/account (HMAC)', async () => {
    await signed('GET', 'account', '', hmacKey, hmac);
  });
  bench('GET /api/v3/account (Ed25519)', async () => {
    await signed('GET', 'account', '', edKey, ed25519);
  });
  bench('POST /api/v3/order/test (HMAC)', async () => {
    await signed('POST', 'order/test', 'symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001', hmacKey, hmac);
  });
});

describe('orders', () => {
  let buy = true;
  bench('POST /api/v3/order MARKET 0.001 BTC, alternating sides (HMAC)', async () => {
    buy = !buy;
    await signed(
      'POST',
      'order',
      `symbol=BTCUSDT&side=${buy ? 'BUY' : 'SELL'}&type=MARKET&quantity=0.001`,
      hmacKey,
      hmac,
    );
  });
});
