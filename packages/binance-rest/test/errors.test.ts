// Named errors with one base class; `instanceof` holds across separately loaded copies of the package
// (as with its ESM and CJS builds side by side), and across the real ESM and CJS builds when present.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as rest from '@binance-mcp/rest';
import { describe, expect, test, vi } from 'vitest';

const {
  ApiError,
  BannedError,
  BinanceError,
  NetworkError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
  ValidationError,
} = rest;

const samples = () => [
  new ValidationError({ parameter: 'limit', value: 0, allowed: 'an integer from 1 to 1000' }),
  new ApiError({
    status: 400,
    code: -1121,
    msg: 'Invalid symbol.',
    endpoint: 'GET /api/v3/depth',
    baseUrl: 'x',
  }),
  new RateLimitError({ source: 'server', endpoint: 'GET /x', until: 1, retryAfterMs: 1, message: 'm' }),
  new BannedError({ endpoint: 'GET /x', until: 0, fromServer: false }),
  new NetworkError({ endpoint: 'GET /x', baseUrls: ['a'], code: 'ECONNREFUSED', detail: 'd' }),
  new TimeoutError({ endpoint: 'GET /x', baseUrl: 'a', timeoutMs: 1 }),
  new ResponseParseError({
    reason: 'INVALID_JSON',
    endpoint: 'GET /x',
    status: 200,
    baseUrl: 'a',
    body: '{',
    detail: 'd',
  }),
];
const classes = [
  ValidationError,
  ApiError,
  RateLimitError,
  BannedError,
  NetworkError,
  TimeoutError,
  ResponseParseError,
];

describe('errors', () => {
  test('each is a named class under BinanceError and Error, and no other', () => {
    samples().forEach((error, i) => {
      expect(error).toBeInstanceOf(BinanceError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(classes[i]?.name);
      classes.forEach((cls, j) => {
        expect(error instanceof cls).toBe(i === j);
      });
    });
  });

  test('instanceof works across two loaded copies of the package', async () => {
    vi.resetModules();
    const copy = (await import('../src/index.js')) as typeof rest;
    expect(copy.ApiError).not.toBe(ApiError);
    for (const [i, error] of samples().entries()) {
      const cls = classes[i] as (typeof classes)[number];
      const copyClass = copy[cls.name as keyof typeof copy] as unknown as typeof BinanceError;
      expect(error).toBeInstanceOf(copyClass);
      expect(error).toBeInstanceOf(copy.BinanceError);
    }
    const fromCopy = await copy
      .createRestClient()
      .depth({ symbol: 'lower' })
      .catch((e: unknown) => e);
    expect(fromCopy).toBeInstanceOf(ValidationError);
    expect(fromCopy).toBeInstanceOf(BinanceError);
    expect(fromCopy).not.toBeInstanceOf(ApiError);
    expect(new Error('plain')).not.toBeInstanceOf(copy.BinanceError);
    expect(null).not.toBeInstanceOf(copy.BinanceError);
  });

  const cjs = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));
  test.skipIf(!existsSync(cjs))('instanceof works between the built CJS and ESM entry points', async () => {
    const fromCjs = createRequire(import.meta.url)(cjs) as typeof rest;
    const fromEsm = (await import('../dist/index.js' as string)) as typeof rest;
    const error = await fromCjs
      .createRestClient()
      .klines({ symbol: 'BTCUSDT', interval: 'x' as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(fromEsm.ValidationError);
    expect(error).toBeInstanceOf(fromEsm.BinanceError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(
      new fromEsm.ApiError({ status: 500, code: -1000, msg: 'm', endpoint: 'e', baseUrl: 'b' }),
    ).toBeInstanceOf(fromCjs.ApiError);
  });

  test("keeps ordinary instanceof for users' own subclasses", () => {
    class MyError extends BinanceError {}
    expect(new MyError('x')).toBeInstanceOf(MyError);
    expect(new MyError('x')).toBeInstanceOf(BinanceError);
    expect(new BinanceError('x')).not.toBeInstanceOf(MyError);
  });

  test('messages say what happened, where, and keep values short', () => {
    const [validation, api, , banned] = samples();
    expect(validation?.message).toBe("parameter 'limit' is 0; allowed: an integer from 1 to 1000");
    expect(api?.message).toBe('GET /api/v3/depth failed (HTTP 400, code -1121): Invalid symbol.');
    expect(banned?.message).toContain('1970-01-01T00:00:00.000Z');
    const long = new ValidationError({ parameter: 'symbol', value: 'X'.repeat(200), allowed: 'short' });
    expect(long.message.length).toBeLessThan(140);
  });
});
