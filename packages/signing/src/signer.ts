// `createSigner`: credentials in, a `Signer` out. The secret or private key lives only in a closure held
// by a `#private` field, so no `JSON.stringify`, `util.inspect`, `toString`, spread or structured clone
// of a signer can show it; the API key is shown masked.

import type { CryptoBackend, CryptoBackendName, SignFunction } from './crypto/backend.js';
import { type BackendChoice, fallbackBackend, selectBackend } from './crypto/select.js';
import { describeValue, InvalidKeyError, InvalidParameterError, UnsupportedRuntimeError } from './errors.js';
import { loadPrivateKey } from './keys/private-key.js';

/** The kind of API key, as Binance names them. */
export type KeyType = 'HMAC' | 'RSA' | 'ED25519';

/**
 * Signs Binance payloads. `createSigner` returns one; anything with this shape works with
 * `signRestParams` and `signWsApiParams`, e.g. a signer backed by a hardware module.
 */
export interface Signer {
  /** The API key, sent in the `X-MBX-APIKEY` header (REST) or the `apiKey` param (WebSocket API). */
  readonly apiKey: string;
  readonly keyType: KeyType;
  /**
   * Signs the UTF-8 bytes of `payload`: lower-case hex for HMAC-SHA256, base64 for RSA (PKCS#1 v1.5,
   * SHA-256) and Ed25519.
   */
  sign(payload: string): Promise<string>;
}

/** A signer made by `createSigner`, holding its key in memory. */
export interface LocalSigner extends Signer {
  /** Which crypto implementation signs. */
  readonly backend: CryptoBackendName;
}

/** An HMAC-SHA256 API key. */
export interface HmacCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly privateKey?: never;
  readonly privateKeyPassphrase?: never;
}

/** An RSA or Ed25519 API key: the private key whose public half was registered with Binance. */
export interface PrivateKeyCredentials {
  readonly apiKey: string;
  /**
   * A PKCS#8 private key: PEM text (`-----BEGIN PRIVATE KEY-----` or `-----BEGIN ENCRYPTED PRIVATE
   * KEY-----`), or bytes holding PEM text or DER (e.g. `readFileSync('key.pem')`). RSA or Ed25519,
   * detected from the key.
   */
  readonly privateKey: string | Uint8Array;
  /** The passphrase of an encrypted key (PBES2: PBKDF2 + AES-CBC). Ignored for an unencrypted key. */
  readonly privateKeyPassphrase?: string;
  readonly apiSecret?: never;
}

export type Credentials = HmacCredentials | PrivateKeyCredentials;

export interface CreateSignerOptions {
  /**
   * The crypto implementation. `'auto'` (default) uses `node:crypto` where the runtime provides it
   * through `process.getBuiltinModule` (Node.js 20.16+, and others that implement it) and Web Crypto
   * (`globalThis.crypto.subtle`) elsewhere.
   */
  readonly backend?: BackendChoice;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** `vmPUZE6m…` → `vmPU…`: enough to tell keys apart in logs, not enough to use one. */
function maskApiKey(apiKey: string): string {
  return apiKey.length > 8 ? `${apiKey.slice(0, 4)}…` : '…';
}

class CredentialSigner implements LocalSigner {
  readonly #apiKey: string;
  readonly #keyType: KeyType;
  readonly #backend: CryptoBackendName;
  readonly #sign: SignFunction;

  constructor(apiKey: string, keyType: KeyType, backend: CryptoBackendName, sign: SignFunction) {
    this.#apiKey = apiKey;
    this.#keyType = keyType;
    this.#backend = backend;
    this.#sign = sign;
  }

  get apiKey(): string {
    return this.#apiKey;
  }

  get keyType(): KeyType {
    return this.#keyType;
  }

  get backend(): CryptoBackendName {
    return this.#backend;
  }

  sign(payload: string): Promise<string> {
    if (typeof payload !== 'string') {
      return Promise.reject(
        new InvalidParameterError('payload', `payload must be a string; got ${describeValue(payload)}`),
      );
    }
    return this.#sign(payload);
  }

  toJSON(): { keyType: KeyType; backend: CryptoBackendName; apiKey: string } {
    return { keyType: this.#keyType, backend: this.#backend, apiKey: maskApiKey(this.#apiKey) };
  }

  toString(): string {
    return `Signer(${this.#keyType}, apiKey ${maskApiKey(this.#apiKey)}, ${this.#backend})`;
  }

  [INSPECT](): string {
    return `Signer { keyType: '${this.#keyType}', apiKey: '${maskApiKey(this.#apiKey)}', backend: '${this.#backend}' }`;
  }

  get [Symbol.toStringTag](): string {
    return 'Signer';
  }
}

// Printable ASCII without spaces: the key goes into an HTTP header, where a stray newline from a file or
// an environment variable would otherwise surface as a confusing transport error.
const API_KEY = /^[\x21-\x7e]+$/;

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || !API_KEY.test(apiKey)) {
    const got =
      typeof apiKey !== 'string'
        ? apiKey === null || typeof apiKey !== 'object'
          ? describeValue(apiKey)
          : 'an object'
        : apiKey.length === 0
          ? 'an empty string'
          : `a string of ${apiKey.length} characters with whitespace, control or non-ASCII characters (a trailing newline?)`;
    throw new InvalidParameterError(
      'apiKey',
      `apiKey must be a non-empty string of printable ASCII characters without spaces; got ${got}`,
    );
  }
  return apiKey;
}

function checkSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new InvalidKeyError('INVALID_SECRET', 'apiSecret must be a non-empty string');
  }
  if (secret.trim() !== secret || [...secret].some((c) => c < ' ' || c === '\x7f')) {
    throw new InvalidKeyError(
      'INVALID_SECRET',
      'apiSecret has leading or trailing whitespace or control characters (a trailing newline?); Binance secrets have none',
    );
  }
  return secret;
}

/**
 * Creates a signer from API credentials: `{ apiKey, apiSecret }` for an HMAC key, or
 * `{ apiKey, privateKey, privateKeyPassphrase? }` for an RSA or Ed25519 key (PKCS#8; the type is read
 * from the key). Asynchronous because Web Crypto imports keys asynchronously; every problem with the
 * credentials surfaces here, not at the first signature.
 *
 * @throws {InvalidParameterError} when `apiKey` or the shape of `credentials` is wrong.
 * @throws {InvalidKeyError} when the secret or private key cannot be used (see its `reason`).
 * @throws {UnsupportedRuntimeError} when the runtime lacks the crypto the key needs.
 */
export async function createSigner(
  credentials: Credentials,
  options: CreateSignerOptions = {},
): Promise<LocalSigner> {
  if (typeof credentials !== 'object' || credentials === null) {
    throw new InvalidParameterError(
      'credentials',
      `credentials must be { apiKey, apiSecret } or { apiKey, privateKey, privateKeyPassphrase? }; got ${describeValue(credentials)}`,
    );
  }
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterError('options', `options must be an object; got ${describeValue(options)}`);
  }
  const choice = options.backend ?? 'auto';
  const backend = selectBackend(choice);
  const apiKey = checkApiKey(credentials.apiKey);
  const hasSecret = credentials.apiSecret !== undefined;
  const hasKey = credentials.privateKey !== undefined;
  if (hasSecret === hasKey) {
    throw new InvalidParameterError(
      'credentials',
      hasSecret
        ? 'credentials have both apiSecret and privateKey; an API key is either HMAC (apiSecret) or RSA/Ed25519 (privateKey)'
        : 'credentials need apiSecret (HMAC key) or privateKey (RSA or Ed25519 key)',
    );
  }
  if (hasSecret) {
    if (credentials.privateKeyPassphrase !== undefined) {
      throw new InvalidParameterError(
        'privateKeyPassphrase',
        'privateKeyPassphrase belongs with privateKey; an HMAC apiSecret has no passphrase',
      );
    }
    const secret = checkSecret(credentials.apiSecret);
    const sign = await backend.hmacSha256(secret);
    return new CredentialSigner(apiKey, 'HMAC', backend.name, sign);
  }
  const { privateKey, privateKeyPassphrase } = credentials;
  try {
    return await privateKeySigner(apiKey, privateKey, privateKeyPassphrase, backend);
  } catch (error) {
    // `auto` prefers node:crypto, but some runtimes' node:crypto lacks pieces (Deno's has no
    // aes-192-cbc): then Web Crypto gets the key.
    const fallback =
      choice === 'auto' && error instanceof UnsupportedRuntimeError ? fallbackBackend(backend) : undefined;
    if (fallback === undefined) throw error;
    return privateKeySigner(apiKey, privateKey, privateKeyPassphrase, fallback);
  }
}

async function privateKeySigner(
  apiKey: string,
  privateKey: unknown,
  passphrase: unknown,
  backend: CryptoBackend,
): Promise<LocalSigner> {
  const key = await loadPrivateKey(privateKey, passphrase, backend);
  const sign = await backend.privateKey(key.type, key.pkcs8);
  return new CredentialSigner(apiKey, key.type, backend.name, sign);
}
