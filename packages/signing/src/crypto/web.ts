// The Web Crypto backend (`globalThis.crypto.subtle`): browsers (secure contexts), Deno, Bun, Cloudflare
// Workers and other workers, and Node itself. Everything here is asynchronous, as SubtleCrypto is.

import type { webcrypto } from 'node:crypto';
import { encodeBase64 } from '../encoding/base64.js';
import { encodeHex } from '../encoding/hex.js';
import { encodeUtf8 } from '../encoding/utf8.js';
import { InvalidKeyError, UnsupportedRuntimeError } from '../errors.js';
import type { AsymmetricKeyType, CryptoBackend } from './backend.js';

type Subtle = webcrypto.SubtleCrypto;

const ALGORITHM = {
  RSA: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  ED25519: { name: 'Ed25519' },
} as const;

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}

function createWebBackend(subtle: Subtle): CryptoBackend {
  return {
    name: 'webcrypto',

    async hmacSha256(secret) {
      const key = await subtle.importKey(
        'raw',
        encodeUtf8(secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      return async (payload) =>
        encodeHex(new Uint8Array(await subtle.sign('HMAC', key, encodeUtf8(payload))));
    },

    async privateKey(type: AsymmetricKeyType, pkcs8) {
      const algorithm = ALGORITHM[type];
      let key: webcrypto.CryptoKey;
      try {
        key = await subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
      } catch (cause) {
        if (errorName(cause) === 'NotSupportedError') {
          throw new UnsupportedRuntimeError(
            `this runtime's Web Crypto does not support ${algorithm.name} keys; use a newer runtime or the node backend`,
            { cause },
          );
        }
        throw new InvalidKeyError(
          'MALFORMED',
          `privateKey could not be imported as an ${type} key by Web Crypto`,
          {
            cause,
          },
        );
      }
      return async (payload) =>
        encodeBase64(new Uint8Array(await subtle.sign(algorithm, key, encodeUtf8(payload))));
    },

    async pbkdf2(password, salt, iterations, keyLength, hash) {
      const base = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
      const bits = await subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash }, base, keyLength * 8);
      return new Uint8Array(bits);
    },

    async aesCbcDecrypt(key, iv, data) {
      let aesKey: webcrypto.CryptoKey;
      try {
        aesKey = await subtle.importKey('raw', key, 'AES-CBC', false, ['decrypt']);
      } catch (cause) {
        // Chrome, for one, refuses 192-bit AES keys.
        throw new UnsupportedRuntimeError(
          `this runtime's Web Crypto cannot decrypt aes-${key.length * 8}-cbc; re-encrypt the key with aes-256-cbc`,
          { cause },
        );
      }
      try {
        return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv }, aesKey, data));
      } catch {
        return undefined; // bad padding
      }
    },
  };
}

/** The Web Crypto backend, or `undefined` where `crypto.subtle` is missing (e.g. an insecure browser context). */
export function loadWebBackend(): CryptoBackend | undefined {
  const subtle = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  return subtle === undefined ? undefined : createWebBackend(subtle);
}
