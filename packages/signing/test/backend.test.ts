// Backend selection: `auto` takes node:crypto where process.getBuiltinModule offers it and Web Crypto
// otherwise, as in a browser or a worker. Each case loads a fresh copy of the package, since the
// backends are looked up once per copy.

import * as nodeCrypto from 'node:crypto';
import type * as signing from '@binance-mcp/signing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_PASSPHRASE, fixtureKey } from './helpers.js';

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

describe("a node:crypto that lacks a cipher (as Deno's lacks aes-192-cbc)", () => {
  const credentials = {
    apiKey: 'k',
    privateKey: fixtureKey('ed25519-aes192cbc-sha512.pem'),
    privateKeyPassphrase: FIXTURE_PASSPHRASE,
  };

  function stubCryptoWithoutAes192(): void {
    const crypto = {
      ...nodeCrypto,
      createDecipheriv: (...args: Parameters<typeof nodeCrypto.createDecipheriv>) => {
        if (args[0] === 'aes-192-cbc') throw new Error('Unknown cipher');
        return nodeCrypto.createDecipheriv(...args);
      },
    };
    const original = process.getBuiltinModule.bind(process);
    const getBuiltinModule = (id: string): unknown => (id === 'node:crypto' ? crypto : original(id));
    vi.stubGlobal('process', { ...process, getBuiltinModule });
  }

  it('auto falls back to Web Crypto for that key', async () => {
    stubCryptoWithoutAes192();
    const { createSigner } = await freshCopy();
    const signer = await createSigner(credentials);
    expect(signer.backend).toBe('webcrypto');
    expect(signer.keyType).toBe('ED25519');
    // Keys that need nothing missing stay on node:crypto.
    expect((await createSigner(HMAC)).backend).toBe('node');
  });

  it('an explicit node backend says what is missing instead of blaming the passphrase', async () => {
    stubCryptoWithoutAes192();
    const { createSigner, UnsupportedRuntimeError } = await freshCopy();
    const error = await createSigner(credentials, { backend: 'node' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedRuntimeError);
    expect((error as Error).message).toContain('aes-192-cbc');
  });
});
