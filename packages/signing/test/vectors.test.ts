// Binance's documented signing vectors, through both crypto backends.

import { verify } from 'node:crypto';
import { createSigner } from '@binance-mcp/signing';
import { describe, expect, it } from 'vitest';
import {
  ED25519_API_KEY,
  ED25519_VECTORS,
  FIX_ED25519_PRIVATE_KEY,
  FIX_ED25519_PUBLIC_KEY,
  HMAC_API_KEY,
  HMAC_SECRET,
  REST_HMAC,
  RSA_DOC,
  WS_HMAC,
} from './fixtures/vectors.js';
import { BACKENDS } from './helpers.js';

describe.each(BACKENDS)('documented vectors, %s backend', (backend) => {
  const hmac = () => createSigner({ apiKey: HMAC_API_KEY, apiSecret: HMAC_SECRET }, { backend });
  const ed25519 = () =>
    createSigner({ apiKey: ED25519_API_KEY, privateKey: FIX_ED25519_PRIVATE_KEY }, { backend });

  it('signs the REST HMAC examples (ASCII and percent-encoded non-ASCII)', async () => {
    const signer = await hmac();
    expect(signer.keyType).toBe('HMAC');
    expect(signer.backend).toBe(backend);
    expect(await signer.sign(REST_HMAC.ascii.payload)).toBe(REST_HMAC.ascii.signature);
    expect(await signer.sign(REST_HMAC.nonAscii.payload)).toBe(REST_HMAC.nonAscii.signature);
  });

  it('signs the WebSocket API HMAC examples (raw UTF-8)', async () => {
    const signer = await hmac();
    expect(await signer.sign(WS_HMAC.ascii.payload)).toBe(WS_HMAC.ascii.signature);
    expect(await signer.sign(WS_HMAC.nonAscii.payload)).toBe(WS_HMAC.nonAscii.signature);
  });

  it('detects the FIX example key as Ed25519 and reproduces the FIX Logon signature', async () => {
    const signer = await ed25519();
    expect(signer.keyType).toBe('ED25519');
    expect(await signer.sign(ED25519_VECTORS.fixLogon.payload)).toBe(ED25519_VECTORS.fixLogon.signature);
  });

  it('reproduces the derived REST and WebSocket API Ed25519 vectors', async () => {
    const signer = await ed25519();
    for (const vector of [ED25519_VECTORS.restAscii, ED25519_VECTORS.restNonAscii, ED25519_VECTORS.wsAscii]) {
      const signature = await signer.sign(vector.payload);
      expect(signature).toBe(vector.signature);
      expect(
        verify(null, Buffer.from(vector.payload), FIX_ED25519_PUBLIC_KEY, Buffer.from(signature, 'base64')),
      ).toBe(true);
    }
  });
});

describe('documented RSA signatures (private key unpublished: format only)', () => {
  it('are 344 base64 characters for a 2048-bit key, and decode to 256 bytes', () => {
    for (const signature of [RSA_DOC.ascii.signature, RSA_DOC.nonAscii.signature, RSA_DOC.wsAscii]) {
      expect(signature).toHaveLength(344);
      expect(signature).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(signature, 'base64')).toHaveLength(256);
    }
  });

  it('percent-encode as the docs show when sent in a URL', () => {
    expect(encodeURIComponent(RSA_DOC.ascii.signature)).toBe(RSA_DOC.ascii.encoded);
    expect(encodeURIComponent(RSA_DOC.nonAscii.signature)).toBe(RSA_DOC.nonAscii.encoded);
  });
});
