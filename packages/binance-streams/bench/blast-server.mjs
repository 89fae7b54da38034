// A WebSocket server for the benchmarks, run in its own process so the client under test is the
// bottleneck: every connection gets the same prerecorded combined-stream trade payloads as fast
// as the socket takes them (one prebuilt write), right after it subscribes (SUBSCRIBE) or at once when the URL names
// its streams. Prints its port on stdout. Usage: node blast-server.mjs <messagesPerConnection>

import { WebSocketServer } from 'ws';

const count = Number(process.argv[2] ?? 20000);
const payloads = [];
for (let i = 0; i < count; i++) {
  const t = 1795318945191 + i;
  const data = {
    e: 'trade',
    E: t + 5,
    s: 'BTCUSDT',
    t: 4168537 + i,
    p: (51743.77 + (i % 97) / 100).toFixed(8),
    q: (0.001 + (i % 13) / 1000).toFixed(8),
    T: t,
    m: i % 2 === 0,
    M: true,
  };
  payloads.push(JSON.stringify({ stream: 'btcusdt@trade', data }));
}

// Every payload framed once, up front (unmasked server text frames, concatenated), so sending a
// connection's whole burst is one socket write and the server is never the bottleneck.
function frame(text) {
  const body = Buffer.from(text);
  const header =
    body.length < 126
      ? Buffer.from([0x81, body.length])
      : Buffer.from([0x81, 126, body.length >> 8, body.length & 0xff]);
  if (body.length > 0xffff) throw new Error('payload too large for this framer');
  return Buffer.concat([header, body]);
}
const burst = Buffer.concat(payloads.map(frame));

function blast(ws) {
  ws._socket.write(burst);
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  let started = false;
  const start = () => {
    if (!started) {
      started = true;
      blast(ws);
    }
  };
  if ((req.url ?? '').includes('streams=')) start();
  ws.on('message', (raw) => {
    let msg;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (msg.method === 'SUBSCRIBE') {
      ws.send(JSON.stringify({ result: null, id: msg.id }));
      start();
    } else if (msg.id !== undefined) {
      ws.send(JSON.stringify({ result: msg.method === 'LIST_SUBSCRIPTIONS' ? [] : null, id: msg.id }));
    }
  });
  ws.on('error', () => {});
});
wss.on('listening', () => {
  process.stdout.write(`${wss.address().port}\n`);
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
