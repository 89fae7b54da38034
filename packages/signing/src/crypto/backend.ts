// The two ways this package computes signatures. Both sit behind one small interface so the key parsing,
// payload building and errors above them are shared, and the test suite runs every vector through both.

/** `node`: `node:crypto` (Node.js, and runtimes that provide it). `webcrypto`: `globalThis.crypto.subtle`. */
export type CryptoBackendName = 'node' | 'webcrypto';

export type AsymmetricKeyType = 'RSA' | 'ED25519';

/** PBKDF2 pseudo-random functions that both backends offer. */
export type PbkdfHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** AES-CBC key sizes, in bytes. */
export type AesKeyLength = 16 | 24 | 32;

/** Signs the UTF-8 bytes of `payload`; resolves to hex (HMAC) or base64 (RSA, Ed25519). */
export type SignFunction = (payload: string) => Promise<string>;

export interface CryptoBackend {
  readonly name: CryptoBackendName;
  /** HMAC-SHA256 keyed with the UTF-8 bytes of `secret`; signatures in lower-case hex. */
  hmacSha256(secret: string): Promise<SignFunction>;
  /**
   * RSASSA-PKCS1-v1_5 with SHA-256, or Ed25519, from an unencrypted PKCS#8 `PrivateKeyInfo`; signatures
   * in base64. Throws `InvalidKeyError` when the runtime rejects the key data and
   * `UnsupportedRuntimeError` when it lacks the algorithm.
   */
  privateKey(type: AsymmetricKeyType, pkcs8: Uint8Array): Promise<SignFunction>;
  pbkdf2(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
    keyLength: AesKeyLength,
    hash: PbkdfHash,
  ): Promise<Uint8Array>;
  /**
   * AES-CBC decryption with PKCS#7 padding. Resolves to `undefined` when the padding is wrong (the usual
   * sign of a wrong passphrase); throws `UnsupportedRuntimeError` when the runtime lacks the cipher.
   */
  aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array | undefined>;
}
