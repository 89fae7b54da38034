// REST round trips against the simulator, compared with a bare node:http server answering a
// pre-serialised body of the same size (the floor any server on this machine can reach).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.js';

let sim: Simulator;
let bare: Server;
let bareUrl = '';
let depthBody = '';

beforeAll(async () => {
  sim = await startSimulator({ weightLimit: 1e12 });
  depthBody = await (await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=100`)).text();
  bare = createServer((_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(depthBody),
    });
    res.end(depthBody);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => bare.close(resolve));
});

describe('depth?limit=100 round trip', () => {
  bench('baseline: bare node:http, same body', async () => {
    await (await fetch(`${bareUrl}/`)).text();
  });
  bench('simulator /api/v3/depth?limit=100', async () => {
    await (await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=100`)).text();
  });
});

describe('other endpoints', () => {
  bench('simulator /api/v3/ticker/price?symbol=BTCUSDT', async () => {
    await (await fetch(`${sim.restUrl}/api/v3/ticker/price?symbol=BTCUSDT`)).text();
  });
  bench('simulator /api/v3/klines 1m limit=500', async () => {
    await (await fetch(`${sim.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=500`)).text();
  });
  bench('simulator /api/v3/trades limit=1000', async () => {
    await (await fetch(`${sim.restUrl}/api/v3/trades?symbol=BTCUSDT&limit=1000`)).text();
  });
  bench('simulator /api/v3/ticker/24hr (all symbols, warm)', async () => {
    await (await fetch(`${sim.restUrl}/api/v3/ticker/24hr`)).text();
  });
});
