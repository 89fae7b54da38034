// Signatures per second through our signers (both backends) against bare node:crypto and bare Web Crypto,
// measured in the same run. `pnpm --filter @binance-mcp/signing bench`; compare the hz columns.

import { createHmac, createPrivateKey, generateKeyPairSync, sign, webcrypto } from 'node:crypto';
import { createSigner, signRestParams } from '@binance-mcp/signing';
import { bench, describe } from 'vitest';

const PAYLOAD =
  'symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const encoder = new TextEncoder();
// Longer runs than the default: this is a 2-core machine and short runs swing by ±20%.
const OPTIONS = { time: 1500, warmupTime: 300 };

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const edPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const rsaKey = createPrivateKey(rsaPem);
const edKey = createPrivateKey(edPem);

const pkcs8 = (pem: string) => new Uint8Array(createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' }));
const subtle = webcrypto.subtle;
const webHmacKey = await subtle.importKey(
  'raw',
  encoder.encode(SECRET),
  { name: 'HMAC', hash: 'SHA-256' },
  false,
  ['sign'],
);
const webRsaKey = await subtle.importKey(
  'pkcs8',
  pkcs8(rsaPem),
  { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  false,
  ['sign'],
);
const webEdKey = await subtle.importKey('pkcs8', pkcs8(edPem), { name: 'Ed25519' }, false, ['sign']);

const signers = {
  hmac: {
    node: await createSigner({ apiKey: 'k', apiSecret: SECRET }, { backend: 'node' }),
    webcrypto: await createSigner({ apiKey: 'k', apiSecret: SECRET }, { backend: 'webcrypto' }),
  },
  rsa: {
    node: await createSigner({ apiKey: 'k', privateKey: rsaPem }, { backend: 'node' }),
    webcrypto: await createSigner({ apiKey: 'k', privateKey: rsaPem }, { backend: 'webcrypto' }),
  },
  ed25519: {
    node: await createSigner({ apiKey: 'k', privateKey: edPem }, { backend: 'node' }),
    webcrypto: await createSigner({ apiKey: 'k', privateKey: edPem }, { backend: 'webcrypto' }),
  },
};

describe('HMAC-SHA256', () => {
  bench(
    'baseline: node:crypto createHmac',
    () => {
      createHmac('sha256', SECRET).update(PAYLOAD).digest('hex');
    },
    OPTIONS,
  );
  bench(
    'baseline: Web Crypto subtle.sign',
    async () => {
      await subtle.sign('HMAC', webHmacKey, encoder.encode(PAYLOAD));
    },
    OPTIONS,
  );
  bench(
    'signer (node)',
    async () => {
      await signers.hmac.node.sign(PAYLOAD);
    },
    OPTIONS,
  );
  bench(
    'signer (webcrypto)',
    async () => {
      await signers.hmac.webcrypto.sign(PAYLOAD);
    },
    OPTIONS,
  );
});

describe('RSA-2048 PKCS#1 v1.5 SHA-256', () => {
  bench(
    'baseline: node:crypto sign',
    () => {
      sign('sha256', Buffer.from(PAYLOAD), rsaKey).toString('base64');
    },
    OPTIONS,
  );
  bench(
    'baseline: Web Crypto subtle.sign',
    async () => {
      await subtle.sign('RSASSA-PKCS1-v1_5', webRsaKey, encoder.encode(PAYLOAD));
    },
    OPTIONS,
  );
  bench(
    'signer (node)',
    async () => {
      await signers.rsa.node.sign(PAYLOAD);
    },
    OPTIONS,
  );
  bench(
    'signer (webcrypto)',
    async () => {
      await signers.rsa.webcrypto.sign(PAYLOAD);
    },
    OPTIONS,
  );
});

describe('Ed25519', () => {
  bench(
    'baseline: node:crypto sign',
    () => {
      sign(null, Buffer.from(PAYLOAD), edKey).toString('base64');
    },
    OPTIONS,
  );
  bench(
    'baseline: Web Crypto subtle.sign',
    async () => {
      await subtle.sign('Ed25519', webEdKey, encoder.encode(PAYLOAD));
    },
    OPTIONS,
  );
  bench(
    'signer (node)',
    async () => {
      await signers.ed25519.node.sign(PAYLOAD);
    },
    OPTIONS,
  );
  bench(
    'signer (webcrypto)',
    async () => {
      await signers.ed25519.webcrypto.sign(PAYLOAD);
    },
    OPTIONS,
  );
});

describe('whole signed REST request (HMAC, 6 params): signRestParams vs hand-built string + createHmac', () => {
  const params = {
    symbol: 'BTCUSDT',
    side: 'SELL',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '1',
    price: '0.2',
  };
  bench(
    'baseline: template string + node:crypto createHmac',
    () => {
      const payload = `symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&recvWindow=5000&timestamp=${Date.now()}`;
      const signature = createHmac('sha256', SECRET).update(payload).digest('hex');
      if (`${payload}&signature=${signature}`.length === 0) throw new Error('unreachable');
    },
    OPTIONS,
  );
  bench(
    'signRestParams (node)',
    async () => {
      await signRestParams(signers.hmac.node, { query: params }, { recvWindow: 5000 });
    },
    OPTIONS,
  );
});

describe('RSA-2048, 8 signatures at once (the node signer signs on the libuv thread pool)', () => {
  const eight = Array.from({ length: 8 }, (_, i) => `${PAYLOAD}&i=${i}`);
  bench(
    'baseline: node:crypto sign, 8 in a row',
    () => {
      for (const payload of eight) sign('sha256', Buffer.from(payload), rsaKey);
    },
    OPTIONS,
  );
  bench(
    'signer (node), 8 concurrent',
    async () => {
      await Promise.all(eight.map((payload) => signers.rsa.node.sign(payload)));
    },
    OPTIONS,
  );
  bench(
    'signer (webcrypto), 8 concurrent',
    async () => {
      await Promise.all(eight.map((payload) => signers.rsa.webcrypto.sign(payload)));
    },
    OPTIONS,
  );
});
