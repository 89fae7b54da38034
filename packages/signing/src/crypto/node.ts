// The `node:crypto` backend. The module is taken from `process.getBuiltinModule` (Node 20.16+, 22.3+)
// instead of a static import, so the published code has no `node:` import at all: browser bundlers and
// workers load it untouched, and on Node this backend is still found synchronously.

import type * as NodeBuffer from 'node:buffer';
import type * as NodeCrypto from 'node:crypto';
import { InvalidKeyError, UnsupportedRuntimeError } from '../errors.js';
import type { AsymmetricKeyType, CryptoBackend, PbkdfHash } from './backend.js';

type BuiltinLoader = { getBuiltinModule?: (id: string) => unknown };

const NODE_HASH: Record<PbkdfHash, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function createNodeBackend(crypto: typeof NodeCrypto, Buffer: typeof NodeBuffer.Buffer): CryptoBackend {
  return {
    name: 'node',

    async hmacSha256(secret) {
      const key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
      // createHmac is synchronous and fast; the promise only keeps one signature for every key type.
      return async (payload) => crypto.createHmac('sha256', key).update(payload, 'utf8').digest('hex');
    },

    async privateKey(type: AsymmetricKeyType, pkcs8) {
      let key: NodeCrypto.KeyObject;
      try {
        key = crypto.createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
      } catch (cause) {
        throw new InvalidKeyError(
          'MALFORMED',
          `privateKey could not be loaded as an ${type} key by node:crypto`,
          {
            cause,
          },
        );
      }
      if (type === 'ED25519') {
        // Ed25519 signs in tens of microseconds: synchronous is cheaper than a thread-pool round trip.
        return async (payload) => crypto.sign(null, Buffer.from(payload, 'utf8'), key).toString('base64');
      }
      // RSA takes milliseconds (RSA-4096 several): sign on libuv's thread pool to keep the event loop free.
      return (payload) =>
        new Promise<string>((resolve, reject) => {
          crypto.sign('sha256', Buffer.from(payload, 'utf8'), key, (error, signature) => {
            if (error) reject(error);
            else resolve(signature.toString('base64'));
          });
        });
    },

    pbkdf2(password, salt, iterations, keyLength, hash) {
      return new Promise((resolve, reject) => {
        crypto.pbkdf2(password, salt, iterations, keyLength, NODE_HASH[hash], (error, key) => {
          if (error) reject(error);
          else resolve(new Uint8Array(key));
        });
      });
    },

    async aesCbcDecrypt(key, iv, data) {
      const cipher = `aes-${key.length * 8}-cbc`;
      let decipher: NodeCrypto.Decipher;
      try {
        decipher = crypto.createDecipheriv(cipher, key, iv);
      } catch (cause) {
        // Deno's node:crypto, for one, has no aes-192-cbc.
        throw new UnsupportedRuntimeError(
          `this runtime's node:crypto cannot decrypt ${cipher}; use the webcrypto backend`,
          {
            cause,
          },
        );
      }
      try {
        return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
      } catch {
        return undefined; // bad padding
      }
    },
  };
}

/** The `node:crypto` backend, or `undefined` where the runtime has no `process.getBuiltinModule`. */
export function loadNodeBackend(): CryptoBackend | undefined {
  const process = (globalThis as { process?: BuiltinLoader }).process;
  if (typeof process?.getBuiltinModule !== 'function') return undefined;
  try {
    const crypto = process.getBuiltinModule('node:crypto') as typeof NodeCrypto | undefined;
    const buffer = process.getBuiltinModule('node:buffer') as typeof NodeBuffer | undefined;
    if (typeof crypto?.createHmac !== 'function' || typeof buffer?.Buffer !== 'function') return undefined;
    return createNodeBackend(crypto, buffer.Buffer);
  } catch {
    return undefined;
  }
}
