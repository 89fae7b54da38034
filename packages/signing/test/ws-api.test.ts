// WebSocket API payloads: sorted names, raw UTF-8 values, apiKey among the signed params.

import { verify } from 'node:crypto';
import { createSigner, InvalidParameterError, type Signer, signWsApiParams } from '@binance-mcp/signing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ED25519_API_KEY,
  ED25519_VECTORS,
  FIX_ED25519_PRIVATE_KEY,
  FIX_ED25519_PUBLIC_KEY,
  HMAC_API_KEY,
  HMAC_SECRET,
  WS_HMAC,
} from './fixtures/vectors.js';
import { BACKENDS } from './helpers.js';

function withoutTiming<T extends { timestamp: number; recvWindow: number }>(params: T) {
  const { timestamp, recvWindow, ...rest } = params;
  return { rest, timestamp, recvWindow };
}

describe.each(BACKENDS)('signWsApiParams, %s backend', (backend) => {
  let hmac: Signer;
  let ed25519: Signer;
  beforeAll(async () => {
    hmac = await createSigner({ apiKey: HMAC_API_KEY, apiSecret: HMAC_SECRET }, { backend });
    ed25519 = await createSigner(
      { apiKey: ED25519_API_KEY, privateKey: FIX_ED25519_PRIVATE_KEY },
      { backend },
    );
  });

  it.each([
    ['ASCII', WS_HMAC.ascii],
    ['non-ASCII', WS_HMAC.nonAscii],
  ])("builds Binance's %s HMAC example", async (_name, vector) => {
    const { rest, timestamp, recvWindow } = withoutTiming(vector.params);
    const signed = await signWsApiParams(hmac, rest, { timestamp, recvWindow });
    expect(signed.payload).toBe(vector.payload);
    expect(signed.signature).toBe(vector.signature);
    expect(signed.params).toEqual({ ...vector.params, apiKey: HMAC_API_KEY, signature: vector.signature });
    // Sorted by name, signature last: the JSON that goes out.
    expect(Object.keys(signed.params)).toEqual([
      'apiKey',
      'price',
      'quantity',
      'recvWindow',
      'side',
      'symbol',
      'timeInForce',
      'timestamp',
      'type',
      'signature',
    ]);
  });

  it('builds the derived Ed25519 WebSocket API vector', async () => {
    const { rest, timestamp, recvWindow } = withoutTiming(ED25519_VECTORS.wsAscii.params);
    const signed = await signWsApiParams(ed25519, { ...rest, recvWindow }, { timestamp });
    expect(signed.payload).toBe(ED25519_VECTORS.wsAscii.payload);
    expect(signed.signature).toBe(ED25519_VECTORS.wsAscii.signature);
    expect(
      verify(
        null,
        Buffer.from(signed.payload),
        FIX_ED25519_PUBLIC_KEY,
        Buffer.from(signed.signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('makes session.logon params: apiKey, timestamp, signature', async () => {
    const signed = await signWsApiParams(ed25519, {}, { timestamp: 1649729878532 });
    expect(signed.payload).toBe(`apiKey=${ED25519_API_KEY}&timestamp=1649729878532`);
    expect(signed.params).toEqual({
      apiKey: ED25519_API_KEY,
      timestamp: 1649729878532,
      signature: signed.signature,
    });
  });

  it('leaves apiKey out on request', async () => {
    const signed = await signWsApiParams(hmac, { symbol: 'BTCUSDT' }, { timestamp: 1, includeApiKey: false });
    expect(signed.payload).toBe('symbol=BTCUSDT&timestamp=1');
    expect(signed.params).not.toHaveProperty('apiKey');
  });
});

describe('signWsApiParams values', () => {
  let signer: Signer;
  beforeAll(async () => {
    signer = await createSigner({ apiKey: 'key', apiSecret: 'secret' });
  });

  it('signs raw values (no percent-encoding) and sends JSON whose values are the signed text', async () => {
    const signed = await signWsApiParams(
      signer,
      {
        note: 'a b&c=d/é',
        quantity: 1e-7,
        price: 0.1,
        orderId: 12345678901234567890n,
        small: 42n,
        flag: true,
        symbols: ['BTCUSDT', 'BNBUSDT'],
        startTime: new Date(1645423376532),
        skipped: undefined,
      },
      { timestamp: 2, includeApiKey: false },
    );
    expect(signed.payload).toBe(
      'flag=true&note=a b&c=d/é&orderId=12345678901234567890&price=0.1&quantity=0.0000001&small=42&startTime=1645423376532&symbols=["BTCUSDT","BNBUSDT"]&timestamp=2',
    );
    expect(signed.params).toEqual({
      flag: true,
      note: 'a b&c=d/é',
      orderId: '12345678901234567890',
      price: 0.1,
      quantity: '0.0000001',
      small: 42,
      startTime: 1645423376532,
      symbols: ['BTCUSDT', 'BNBUSDT'],
      timestamp: 2,
      signature: signed.signature,
    });
  });

  it('sorts by code unit (byte order for ASCII): upper case before lower case', async () => {
    const signed = await signWsApiParams(
      signer,
      { b: 1, B: 2, a: 3, A: 4 },
      { timestamp: 1, includeApiKey: false },
    );
    expect(signed.payload).toBe('A=4&B=2&a=3&b=1&timestamp=1');
  });

  it('keeps a parameter named __proto__ as a plain property', async () => {
    const signed = await signWsApiParams(signer, [['__proto__', 'x']], {
      timestamp: 1,
      includeApiKey: false,
    });
    expect(Object.keys(signed.params)).toContain('__proto__');
    expect(Object.getPrototypeOf(signed.params)).toBe(Object.prototype);
  });

  it('rejects what it sets itself, ambiguous names and bad values', async () => {
    const fail = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidParameterError);
      return error as InvalidParameterError;
    };
    expect((await fail(signWsApiParams(signer, { apiKey: 'key' }))).message).toContain('includeApiKey');
    expect((await fail(signWsApiParams(signer, { timestamp: 1 }))).parameter).toBe('params.timestamp');
    expect((await fail(signWsApiParams(signer, { 'a=b': 1 }))).parameter).toBe('params.a=b');
    expect((await fail(signWsApiParams(signer, { recvWindow: 70000 }))).parameter).toBe('params.recvWindow');
    expect((await fail(signWsApiParams(signer, { x: Number.NaN }))).parameter).toBe('params.x');
    expect((await fail(signWsApiParams(signer, {}, { includeApiKey: 'yes' as never }))).parameter).toBe(
      'includeApiKey',
    );
  });
});
