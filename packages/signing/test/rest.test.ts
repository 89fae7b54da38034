// REST payloads: Binance's documented examples built from parameters, encoding rules, placement of
// timestamp/recvWindow/signature, and validation.

import { generateKeyPairSync } from 'node:crypto';
import {
  createSigner,
  encodeRestParams,
  InvalidParameterError,
  type Signer,
  signRestParams,
} from '@binance-mcp/signing';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIX_ED25519_PRIVATE_KEY, HMAC_API_KEY, HMAC_SECRET, REST_HMAC } from './fixtures/vectors.js';
import { BACKENDS, decodePairs } from './helpers.js';

const ORDER = { symbol: 'LTCBTC', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 1, price: 0.1 };

async function invalid(promise: Promise<unknown> | (() => unknown)): Promise<InvalidParameterError> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidParameterError);
  return error as InvalidParameterError;
}

describe.each(BACKENDS)('signRestParams, %s backend', (backend) => {
  let hmac: Signer;
  beforeAll(async () => {
    hmac = await createSigner({ apiKey: HMAC_API_KEY, apiSecret: HMAC_SECRET }, { backend });
  });

  it("builds Binance's ASCII example: same payload, same signature, same URL", async () => {
    const signed = await signRestParams(
      hmac,
      { query: ORDER },
      { recvWindow: 5000, timestamp: 1499827319559 },
    );
    expect(signed.payload).toBe(REST_HMAC.ascii.payload);
    expect(signed.signature).toBe(REST_HMAC.ascii.signature);
    expect(`https://api.binance.com/api/v3/order?${signed.queryString}`).toBe(REST_HMAC.ascii.url);
    expect(signed.body).toBe('');
    expect(signed.timestamp).toBe(1499827319559);
    expect(signed.headers).toEqual({ 'X-MBX-APIKEY': HMAC_API_KEY });
  });

  it("builds Binance's non-ASCII example: the symbol is percent-encoded before signing", async () => {
    const signed = await signRestParams(
      hmac,
      { query: { ...ORDER, symbol: '１２３４５６' } },
      { recvWindow: 5000, timestamp: 1499827319559 },
    );
    expect(signed.payload).toBe(REST_HMAC.nonAscii.payload);
    expect(signed.signature).toBe(REST_HMAC.nonAscii.signature);
    expect(`https://api.binance.com/api/v3/order?${signed.queryString}`).toBe(REST_HMAC.nonAscii.url);
  });

  it('keeps a recvWindow given among the parameters where the caller put it', async () => {
    const signed = await signRestParams(
      hmac,
      { query: [...Object.entries(ORDER), ['recvWindow', 5000]] },
      { timestamp: 1499827319559 },
    );
    expect(signed.payload).toBe(REST_HMAC.ascii.payload);
  });

  it('puts timestamp, recvWindow and signature at the end of the body when there is one', async () => {
    const signed = await signRestParams(
      hmac,
      { query: { symbol: 'LTCBTC', side: 'BUY' }, body: { type: 'LIMIT', quantity: '1' } },
      { recvWindow: 5000, timestamp: 1499827319559 },
    );
    expect(signed.queryString).toBe('symbol=LTCBTC&side=BUY');
    expect(signed.body).toBe(
      `type=LIMIT&quantity=1&recvWindow=5000&timestamp=1499827319559&signature=${signed.signature}`,
    );
    // Query and body concatenated without a separator, as Binance documents.
    expect(signed.payload).toBe(
      'symbol=LTCBTC&side=BUYtype=LIMIT&quantity=1&recvWindow=5000&timestamp=1499827319559',
    );
    expect(await hmac.sign(signed.payload)).toBe(signed.signature);
  });

  it('signs a request without parameters (timestamp only)', async () => {
    const signed = await signRestParams(hmac, {}, { timestamp: 1 });
    expect(signed.payload).toBe('timestamp=1');
    expect(signed.queryString).toBe(`timestamp=1&signature=${signed.signature}`);
  });

  it('percent-encodes base64 signatures of RSA and Ed25519 keys in what is sent', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    for (const privateKey of [FIX_ED25519_PRIVATE_KEY, rsa.toString()]) {
      const signer = await createSigner({ apiKey: 'k', privateKey }, { backend });
      for (let i = 0; i < 20; i++) {
        const signed = await signRestParams(signer, { query: { i } }, { timestamp: 1668481559918 });
        const sent = signed.queryString.slice(
          signed.queryString.indexOf('&signature=') + '&signature='.length,
        );
        expect(sent).toMatch(/^[A-Za-z0-9%]+$/);
        expect(decodeURIComponent(sent)).toBe(signed.signature);
        expect(new URLSearchParams(signed.queryString).get('signature')).toBe(signed.signature);
      }
    }
  });
});

describe('signRestParams timing', () => {
  let signer: Signer;
  beforeAll(async () => {
    signer = await createSigner({ apiKey: HMAC_API_KEY, apiSecret: HMAC_SECRET });
  });

  it('reads the clock: an offset clock shifts the timestamp', async () => {
    const signed = await signRestParams(signer, {}, { clock: () => 1_700_000_000_123.9 });
    expect(signed.timestamp).toBe(1_700_000_000_123);
    expect(signed.payload).toBe('timestamp=1700000000123');
  });

  it('uses Date.now() by default', async () => {
    const before = Date.now();
    const { timestamp } = await signRestParams(signer);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
  });

  it('gives microsecond timestamps on request', async () => {
    const signed = await signRestParams(
      signer,
      {},
      { clock: () => 1_700_000_000_123.456, timestampUnit: 'microsecond' },
    );
    expect(signed.timestamp).toBe(1_700_000_000_123_456);
  });

  it('accepts recvWindow with up to 3 decimals, as number or decimal string', async () => {
    for (const [value, text] of [
      [6000.346, '6000.346'],
      [60000, '60000'],
      [0.001, '0.001'],
      ['6000.5', '6000.5'],
    ] as const) {
      const signed = await signRestParams(signer, { query: { recvWindow: value } }, { timestamp: 1 });
      expect(signed.payload).toBe(`recvWindow=${text}&timestamp=1`);
      if (typeof value === 'number') {
        const viaOption = await signRestParams(signer, {}, { recvWindow: value, timestamp: 1 });
        expect(viaOption.payload).toBe(`recvWindow=${text}&timestamp=1`);
      }
    }
  });

  it.each([60000.001, 60001, 0, -5, 5000.1234, Number.NaN, Number.POSITIVE_INFINITY, '5e3', '', 'abc'])(
    'rejects recvWindow %s, naming the parameter, the value and the range',
    async (recvWindow) => {
      const asParam = await invalid(signRestParams(signer, { query: { recvWindow } }, { timestamp: 1 }));
      expect(asParam.parameter).toBe('query.recvWindow');
      expect(asParam.message).toContain('at most 60000');
      expect(asParam.message).toContain('3 decimal places');
      if (typeof recvWindow === 'number') {
        const asOption = await invalid(signRestParams(signer, {}, { recvWindow, timestamp: 1 }));
        expect(asOption.parameter).toBe('recvWindow');
        expect(asOption.message).toContain(String(recvWindow));
      }
    },
  );

  it('refuses recvWindow given twice, and timestamp or signature among the parameters', async () => {
    expect(
      (await invalid(signRestParams(signer, { query: { recvWindow: 5000 } }, { recvWindow: 5000 })))
        .parameter,
    ).toBe('recvWindow');
    const ts = await invalid(signRestParams(signer, { query: { timestamp: 1 } }));
    expect(ts.parameter).toBe('query.timestamp');
    expect(ts.message).toContain('options.timestamp');
    expect((await invalid(signRestParams(signer, { body: { signature: 'x' } }))).parameter).toBe(
      'body.signature',
    );
  });

  it.each([
    [{ timestamp: 0 }, 'timestamp'],
    [{ timestamp: 1.5 }, 'timestamp'],
    [{ clock: () => Number.NaN }, 'clock'],
    [{ clock: () => -1 }, 'clock'],
    [{ clock: 5 as unknown as () => number }, 'clock'],
    [{ timestampUnit: 'second' as never }, 'timestampUnit'],
  ])('rejects bad timing options %o', async (options, parameter) => {
    expect((await invalid(signRestParams(signer, {}, options))).parameter).toBe(parameter);
  });
});

describe('encoding parameter values', () => {
  it('JSON-encodes arrays as Binance expects for symbols, then percent-encodes them', () => {
    const query = encodeRestParams({ symbols: ['BTCUSDT', 'BNBUSDT'] });
    expect(query).toBe('symbols=%5B%22BTCUSDT%22%2C%22BNBUSDT%22%5D');
    expect(decodePairs(query)).toEqual([['symbols', '["BTCUSDT","BNBUSDT"]']]);
  });

  it('stringifies numbers without exponents, bigints exactly, booleans and Dates', () => {
    expect(
      encodeRestParams({
        a: 0.1,
        b: 1e-7,
        c: 1.5e-10,
        d: 123456789012,
        e: -0,
        f: 12345678901234567890n,
        g: true,
        h: false,
        i: new Date(1499827319559),
        j: 9007199254740991,
        k: -2.5e-8,
      }),
    ).toBe(
      'a=0.1&b=0.0000001&c=0.00000000015&d=123456789012&e=0&f=12345678901234567890&g=true&h=false&i=1499827319559&j=9007199254740991&k=-0.000000025',
    );
  });

  it('skips undefined, keeps the caller order (objects, tuples, Map, URLSearchParams)', () => {
    expect(encodeRestParams({ z: 1, a: undefined, m: 'x' })).toBe('z=1&m=x');
    expect(
      encodeRestParams([
        ['z', 1],
        ['a', 2],
      ]),
    ).toBe('z=1&a=2');
    expect(
      encodeRestParams(
        new Map<string, string>([
          ['z', '1'],
          ['a', '2'],
        ]),
      ),
    ).toBe('z=1&a=2');
    expect(encodeRestParams(new URLSearchParams('z=1&a=2'))).toBe('z=1&a=2');
  });

  it('percent-encodes RFC 3986 style: only A-Z a-z 0-9 - . _ ~ stay as they are', () => {
    expect(encodeRestParams({ s: "a b+c&d=e/f?g!h'i(j)k*l~m.n_o-p%q" })).toBe(
      's=a%20b%2Bc%26d%3De%2Ff%3Fg%21h%27i%28j%29k%2Al~m.n_o-p%25q',
    );
    expect(encodeRestParams({ 'odd name&': 'é€😀' })).toBe('odd%20name%26=%C3%A9%E2%82%AC%F0%9F%98%80');
  });

  it('JSON-encodes nested objects compactly, leaving out undefined members', () => {
    expect(decodePairs(encodeRestParams({ o: { a: 1, b: undefined, c: [true, null, 'x"y'] } }))).toEqual([
      ['o', '{"a":1,"c":[true,null,"x\\"y"]}'],
    ]);
  });

  it.each([
    [{ p: Number.NaN }, 'params.p', 'finite'],
    [{ p: Number.POSITIVE_INFINITY }, 'params.p', 'finite'],
    [{ p: [1, Number.NEGATIVE_INFINITY] }, 'params.p[1]', 'finite'],
    [{ p: 2 ** 60 }, 'params.p', 'MAX_SAFE_INTEGER'],
    [{ p: null as never }, 'params.p', 'undefined to omit'],
    [{ p: new Date(Number.NaN) }, 'params.p', 'invalid Date'],
    [{ p: [1, undefined] as never }, 'params.p[1]', 'holes'],
    [{ p: new Map() as never }, 'params.p', 'JSON data'],
    [{ p: (() => 1) as never }, 'params.p', 'must be a string'],
    [{ p: Symbol('s') as never }, 'params.p', 'must be a string'],
    [{ p: '\uD800x' }, 'params.p', 'lone UTF-16 surrogate'],
  ])('rejects %o with an error naming %s', (params, parameter, text) => {
    let caught: unknown;
    try {
      encodeRestParams(params);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidParameterError);
    expect((caught as InvalidParameterError).parameter).toBe(parameter);
    expect((caught as InvalidParameterError).message).toContain(text);
  });

  it('rejects cycles, duplicate names and malformed containers', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeRestParams({ c: cyclic as never })).toThrow(/cycle/);
    const signer = await createSigner({ apiKey: 'k', apiSecret: 's' });
    expect((await invalid(signRestParams(signer, { query: { a: 1 }, body: { a: 2 } }))).message).toContain(
      'twice',
    );
    expect(
      (
        await invalid(
          signRestParams(signer, {
            query: [
              ['a', 1],
              ['a', 2],
            ],
          }),
        )
      ).message,
    ).toContain('twice');
    expect(() => encodeRestParams([['a', 1, 2]] as never)).toThrow(InvalidParameterError);
    expect(() => encodeRestParams([['', 1]])).toThrow(InvalidParameterError);
    expect(() => encodeRestParams(5 as never)).toThrow(InvalidParameterError);
    expect((await invalid(signRestParams({} as Signer, {}))).parameter).toBe('signer');
    const slip = await invalid(signRestParams(signer, { symbol: 'BTCUSDT' } as never));
    expect(slip.parameter).toBe('params.symbol');
    expect(slip.message).toContain('{ query: { symbol');
    expect((await invalid(signRestParams(signer, new URLSearchParams('a=1') as never))).parameter).toBe(
      'params',
    );
  });
});
