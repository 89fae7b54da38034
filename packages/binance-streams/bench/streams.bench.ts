// Messages per second parsed and delivered on one connection, against a raw `ws` + JSON.parse loop
// in the same run, and against the official @binance/spot client and `binance`'s WebsocketClient.
// A server in another process blasts the same prerecorded trade payloads at each (one write of
// prebuilt frames), so the client is the bottleneck. Each iteration: connect, receive MESSAGES
// messages, close; msgs/s = hz × MESSAGES.
//
// On a shared machine the load moves while vitest runs one task after the other, so the file also
// runs the clients round-robin afterwards and prints median-based ratios: those are the figures to quote.

import { Spot } from '@binance/spot';
import { WebsocketClient } from 'binance';
import { afterAll, bench, describe } from 'vitest';
import WebSocket from 'ws';
import { createStreamClient } from '../src/index.js';
import { startBlastServer } from './blast.js';

const MESSAGES = 50_000;
const server = await startBlastServer(MESSAGES);

// The peer libraries log every connection; keep the output readable.
const quiet = { trace: () => {}, info: () => {}, error: () => {} };
console.info = () => {};

/** A stuck iteration ends after `ms` instead of hanging the run; stalls are counted and reported. */
const stalls: Record<string, number> = {};
function bounded(what: string, run: (done: () => void) => () => void, ms = 10_000): Promise<void> {
  return new Promise<void>((resolve) => {
    let cleanup: () => void = () => {};
    const timer = setTimeout(() => {
      stalls[what] = (stalls[what] ?? 0) + 1;
      cleanup();
      resolve();
    }, ms);
    cleanup = run(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

let sink = 0;

const clients: Record<string, () => Promise<void>> = {
  'raw ws + JSON.parse (baseline)': () =>
    bounded('raw', (done) => {
      const ws = new WebSocket(`${server.url}/stream?streams=btcusdt@trade`, { perMessageDeflate: false });
      let n = 0;
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString());
        sink += msg.data.t;
        if (++n === MESSAGES) {
          ws.terminate();
          done();
        }
      });
      ws.on('error', () => {});
      return () => ws.terminate();
    }),
  '@binance-mcp/streams, callback': () =>
    bounded('callback', (done) => {
      const client = createStreamClient({ baseUrl: server.url });
      let n = 0;
      client.subscribe('btcusdt@trade', {
        onEvent: (event) => {
          sink += event.tradeId;
          if (++n === MESSAGES) {
            void client.close();
            done();
          }
        },
      });
      return () => void client.close();
    }),
  '@binance-mcp/streams, async iterator': () =>
    bounded('iterator', (done) => {
      const client = createStreamClient({ baseUrl: server.url });
      const sub = client.subscribe('btcusdt@trade', { bufferSize: MESSAGES });
      void (async () => {
        let n = 0;
        for await (const event of sub) {
          sink += event.tradeId;
          if (++n === MESSAGES) break;
        }
        await client.close();
        done();
      })();
      return () => void client.close();
    }),
  '@binance/spot (official)': () =>
    bounded('@binance/spot', (done) => {
      const spot = new Spot({ configurationWebsocketStreams: { wsURL: server.url } });
      let connection: Awaited<ReturnType<typeof spot.websocketStreams.connect>> | undefined;
      void spot.websocketStreams.connect({ stream: 'btcusdt@trade' }).then((c) => {
        connection = c;
        let n = 0;
        c.trade({ symbol: 'btcusdt' }).on('message', () => {
          if (++n === MESSAGES) void c.disconnect().then(done);
        });
      });
      return () => void connection?.disconnect();
    }),
  'binance (WebsocketClient)': () =>
    bounded('binance', (done) => {
      const client = new WebsocketClient({ wsUrl: server.url }, quiet);
      let n = 0;
      client.on('message', () => {
        if (++n === MESSAGES) {
          client.closeAll(true);
          done();
        }
      });
      client.subscribe(['btcusdt@trade'], 'main');
      return () => client.closeAll(true);
    }),
};

describe(`one connection, ${MESSAGES} trade messages per iteration`, () => {
  for (const [name, run] of Object.entries(clients)) {
    bench(name, run, { time: name.includes('spot') ? 2000 : 4000, warmupTime: 500, warmupIterations: 2 });
  }
});

afterAll(async () => {
  const rounds = 12;
  const times: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of Object.entries(clients)) {
      const start = performance.now();
      await run();
      const list = times[name] ?? [];
      list.push(performance.now() - start);
      times[name] = list;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const base = median(times['raw ws + JSON.parse (baseline)']!);
  const rows = Object.entries(times).map(([name, xs]) => {
    const ms = median(xs);
    return `  ${name.padEnd(40)} ${String(Math.round((MESSAGES / ms) * 1000)).padStart(9)} msg/s   ${(base / ms).toFixed(2)} × baseline`;
  });
  console.log(
    `\nRound-robin, ${rounds} rounds, medians (${MESSAGES} messages each):\n${rows.join('\n')}\n` +
      (Object.keys(stalls).length > 0
        ? `  stalled iterations (ended after 10 s): ${JSON.stringify(stalls)}\n`
        : ''),
  );
  if (sink < 0) console.log(sink);
  server.stop();
}, 600_000);
