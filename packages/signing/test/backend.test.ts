// Backend selection: `auto` takes node:crypto where process.getBuiltinModule offers it and Web Crypto
// otherwise, as in a browser or a worker. Each case loads a fresh copy of the package, since the
// backends are looked up once per copy.

import type * as signing from '@binance-mcp/signing';
import { afterEach, describe, expect, it, vi } from 'vitest';

async function freshCopy(): Promise<typeof signing> {
  vi.resetModules();
  return (await import('../src/index.js')) as typeof signing;
}

const HMAC = { apiKey: 'k', apiSecret: 's' } as const;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('backend selection', () => {
  it('auto uses node:crypto on Node.js', async () => {
    const { createSigner } = await freshCopy();
    expect((await createSigner(HMAC)).backend).toBe('node');
  });

  it('auto falls back to Web Crypto where there is no process.getBuiltinModule (browsers, workers)', async () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    const { createSigner, UnsupportedRuntimeError } = await freshCopy();
    const signer = await createSigner(HMAC);
    expect(signer.backend).toBe('webcrypto');
    expect(await signer.sign('a=1')).toMatch(/^[0-9a-f]{64}$/);
    const error = await createSigner(HMAC, { backend: 'node' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedRuntimeError);
  });

  it('explains a runtime with no crypto at all (e.g. a browser page over http://)', async () => {
    vi.stubGlobal('process', undefined);
    vi.stubGlobal('crypto', undefined);
    const { createSigner, UnsupportedRuntimeError } = await freshCopy();
    const error = await createSigner(HMAC).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedRuntimeError);
    expect((error as Error).message).toContain('https://');
  });
});
