// Messages per second parsed and delivered on one connection, against a raw `ws` + JSON.parse loop
// in the same run, and against the official @binance/spot client and `binance`'s WebsocketClient.
// A server in another process blasts the same prerecorded trade payloads at each, so the client is
// the bottleneck. Each iteration: connect, receive MESSAGES messages, close. msgs/s = hz × MESSAGES.

import { Spot } from '@binance/spot';
import { WebsocketClient } from 'binance';
import { afterAll, bench, describe } from 'vitest';
import WebSocket from 'ws';
import { createStreamClient } from '../src/index.js';
import { startBlastServer } from './blast.js';

const MESSAGES = 50_000;
const server = await startBlastServer(MESSAGES);
afterAll(() => server.stop());

// The peer libraries log every connection; keep the benchmark output readable.
const quiet = { trace: () => {}, info: () => {}, error: () => {} };
console.info = () => {};

const options = { time: 4000, warmupTime: 500, warmupIterations: 2 };

describe(`one connection, ${MESSAGES} trade messages per iteration`, () => {
  bench(
    'raw ws + JSON.parse (baseline)',
    () =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`${server.url}/stream?streams=btcusdt@trade`, { perMessageDeflate: false });
        let n = 0;
        let sink = 0;
        ws.on('message', (data) => {
          const msg = JSON.parse(data.toString());
          sink += msg.data.t;
          if (++n === MESSAGES) {
            ws.terminate();
            resolve();
          }
        });
        ws.on('error', reject);
        if (sink < 0) console.log(sink);
      }),
    options,
  );

  bench(
    '@binance-mcp/streams: typed events to a callback',
    () =>
      new Promise<void>((resolve) => {
        const client = createStreamClient({ baseUrl: server.url });
        let n = 0;
        let sink = 0;
        client.subscribe('btcusdt@trade', {
          onEvent: (event) => {
            sink += event.tradeId;
            if (++n === MESSAGES) {
              void client.close();
              resolve();
            }
          },
        });
        if (sink < 0) console.log(sink);
      }),
    options,
  );

  bench(
    '@binance-mcp/streams: typed events through the async iterator',
    async () => {
      const client = createStreamClient({ baseUrl: server.url });
      const sub = client.subscribe('btcusdt@trade', { bufferSize: MESSAGES });
      let n = 0;
      let sink = 0;
      for await (const event of sub) {
        sink += event.tradeId;
        if (++n === MESSAGES) break;
      }
      await client.close();
      if (sink < 0) console.log(sink);
    },
    options,
  );

  bench(
    '@binance/spot (official) websocketStreams',
    async () => {
      const spot = new Spot({ configurationWebsocketStreams: { wsURL: server.url } });
      const connection = await spot.websocketStreams.connect({ stream: 'btcusdt@trade' });
      await new Promise<void>((resolve) => {
        let n = 0;
        connection.trade({ symbol: 'btcusdt' }).on('message', () => {
          if (++n === MESSAGES) resolve();
        });
      });
      await connection.disconnect();
    },
    options,
  );

  bench(
    'binance (tiagosiebler) WebsocketClient',
    () =>
      new Promise<void>((resolve) => {
        const client = new WebsocketClient({ wsUrl: server.url }, quiet);
        let n = 0;
        client.on('message', () => {
          if (++n === MESSAGES) {
            client.closeAll(true);
            resolve();
          }
        });
        client.subscribe(['btcusdt@trade'], 'main');
      }),
    options,
  );
});
