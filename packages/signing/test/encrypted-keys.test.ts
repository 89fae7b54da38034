// Encrypted PKCS#8 keys (PBES2: PBKDF2 + AES-CBC) as OpenSSL and Node produce them: the right passphrase
// works, a missing or wrong one is a clear InvalidKeyError, other schemes are named and refused.

import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { createSigner, InvalidKeyError } from '@binance-mcp/signing';
import { describe, expect, it } from 'vitest';
import { BACKENDS, FIXTURE_PASSPHRASE, fixtureKey } from './helpers.js';

const OPENSSL_KEYS = [
  { file: 'ed25519-aes256cbc-sha256.pem', keyType: 'ED25519', publicKey: 'ed25519.pub.pem' },
  { file: 'ed25519-aes192cbc-sha512.pem', keyType: 'ED25519', publicKey: 'ed25519.pub.pem' },
  { file: 'rsa2048-aes128cbc-sha1.pem', keyType: 'RSA', publicKey: 'rsa2048.pub.pem' },
] as const;

const NODE_CIPHERS = ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc'] as const;

async function rejection(promise: Promise<unknown>): Promise<InvalidKeyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidKeyError);
  return error as InvalidKeyError;
}

describe.each(BACKENDS)('encrypted PKCS#8, %s backend', (backend) => {
  it.each(OPENSSL_KEYS)(
    'decrypts OpenSSL $file with the right passphrase',
    async ({ file, keyType, publicKey }) => {
      const signer = await createSigner(
        { apiKey: 'k', privateKey: fixtureKey(file), privateKeyPassphrase: FIXTURE_PASSPHRASE },
        { backend },
      );
      expect(signer.keyType).toBe(keyType);
      const signature = await signer.sign('symbol=BTCUSDT&timestamp=1');
      const algorithm = keyType === 'RSA' ? 'sha256' : null;
      const ok = verify(
        algorithm,
        Buffer.from('symbol=BTCUSDT&timestamp=1'),
        createPublicKey(fixtureKey(publicKey)),
        Buffer.from(signature, 'base64'),
      );
      expect(ok).toBe(true);
    },
  );

  it.each(NODE_CIPHERS)("decrypts Node's generateKeyPairSync output with cipher %s", async (cipher) => {
    const passphrase = 'correct horse battery staple';
    const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher, passphrase },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(privateKey).toContain('ENCRYPTED PRIVATE KEY');
    const signer = await createSigner(
      { apiKey: 'k', privateKey, privateKeyPassphrase: passphrase },
      { backend },
    );
    const signature = await signer.sign('a=1');
    expect(verify(null, Buffer.from('a=1'), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
  });

  it('decrypts an encrypted RSA key given as DER bytes', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'pw' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const signer = await createSigner(
      { apiKey: 'k', privateKey: new Uint8Array(privateKey), privateKeyPassphrase: 'pw' },
      { backend },
    );
    expect(signer.keyType).toBe('RSA');
  });

  it('asks for the passphrase when it is missing', async () => {
    const error = await rejection(
      createSigner({ apiKey: 'k', privateKey: fixtureKey(OPENSSL_KEYS[0].file) }, { backend }),
    );
    expect(error.reason).toBe('PASSPHRASE_REQUIRED');
    expect(error.message).toContain('privateKeyPassphrase');
  });

  it('says the passphrase is wrong, for every fixture and many wrong passphrases', async () => {
    // Wrong keys usually fail AES-CBC's padding; about 1 in 256 pass it and must still be caught.
    for (const { file } of OPENSSL_KEYS) {
      for (let i = 0; i < 20; i++) {
        const error = await rejection(
          createSigner(
            { apiKey: 'k', privateKey: fixtureKey(file), privateKeyPassphrase: `wrong ${i}` },
            { backend },
          ),
        );
        expect(error.reason).toBe('WRONG_PASSPHRASE');
      }
    }
  });

  it('says the passphrase is wrong even when the wrong key happens to pass the AES-CBC padding check', async () => {
    // Found by search: with 'wrong 446' the decryption of this fixture ends in valid PKCS#7 padding, so
    // only the check that the plaintext is a PrivateKeyInfo catches it.
    const error = await rejection(
      createSigner(
        { apiKey: 'k', privateKey: fixtureKey(OPENSSL_KEYS[0].file), privateKeyPassphrase: 'wrong 446' },
        { backend },
      ),
    );
    expect(error.reason).toBe('WRONG_PASSPHRASE');
  });

  it.each([
    ['ed25519-des3.pem', 'DES-EDE3-CBC'],
    ['ed25519-scrypt.pem', 'scrypt'],
    ['ed25519-pkcs12-3des.pem', 'PKCS#12 PBE'],
  ])('names the unsupported scheme of %s and how to re-encrypt', async (file, scheme) => {
    const error = await rejection(
      createSigner(
        { apiKey: 'k', privateKey: fixtureKey(file), privateKeyPassphrase: FIXTURE_PASSPHRASE },
        { backend },
      ),
    );
    expect(error.reason).toBe('UNSUPPORTED_ENCRYPTION');
    expect(error.message).toContain(scheme);
    expect(error.message).toContain('openssl pkcs8 -topk8 -v2 aes-256-cbc');
  });

  it('ignores a passphrase given for an unencrypted key', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signer = await createSigner(
      { apiKey: 'k', privateKey: pem, privateKeyPassphrase: 'unused' },
      { backend },
    );
    expect(signer.keyType).toBe('ED25519');
  });
});
