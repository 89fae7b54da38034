// API keys registered with the simulator: HMAC (a shared secret), RSA and Ed25519 (a public key the
// simulator verifies with). Keys and secrets are created here when a test does not bring its own.

import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { Account } from './account.js';

export type KeyType = 'HMAC' | 'RSA' | 'ED25519';

/** A registered key. */
export interface ApiKey {
  readonly apiKey: string;
  readonly type: KeyType;
  /** HMAC secret bytes. */
  readonly secret: Buffer | null;
  /** RSA / Ed25519 public key. */
  readonly publicKey: KeyObject | null;
  /** The key's "Enable Spot Trading" restriction: without it TRADE endpoints answer -2015. */
  readonly canTrade: boolean;
  readonly account: Account;
}

/** How to make a key (the `apiKey`, secret and key pair are generated when absent). */
export interface ApiKeyOptions {
  /** The API key string (1–128 letters and digits). Default: 64 random letters and digits. */
  apiKey?: string;
  /** Default: `'HMAC'`, or the type of `publicKey` when one is given. */
  keyType?: KeyType;
  /** HMAC secret. Default: 64 random letters and digits (returned in the credentials). */
  secret?: string;
  /** RSA or Ed25519 public key (SPKI PEM, or a `KeyObject`). Default: a key pair is generated and its private key returned. */
  publicKey?: string | KeyObject;
  /** The key may place and cancel orders (Binance's "Enable Spot & Margin Trading"). Default true. */
  enableSpotTrading?: boolean;
}

/** What a test needs to sign with a key; secrets are only here, never in any response or log. */
export interface ApiKeyCredentials {
  apiKey: string;
  keyType: KeyType;
  /** HMAC secret. */
  secret?: string;
  /** PKCS#8 PEM private key, when the simulator generated the key pair. */
  privateKey?: string;
  /** SPKI PEM public key (RSA / Ed25519). */
  publicKey?: string;
}

/** Binance's API keys are 64 letters and digits; anything else in `X-MBX-APIKEY` is -2014. */
export const API_KEY_PATTERN = /^[A-Za-z0-9]{1,128}$/;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[bytes[i]! % ALPHANUMERIC.length];
  return out;
}

/** Validates options and builds the key material; throws a RangeError naming the bad option. */
export function makeKeyMaterial(options: ApiKeyOptions): {
  apiKey: string;
  type: KeyType;
  secret: Buffer | null;
  publicKey: KeyObject | null;
  canTrade: boolean;
  credentials: ApiKeyCredentials;
} {
  const apiKey = options.apiKey ?? randomAlphanumeric(64);
  if (typeof apiKey !== 'string' || !API_KEY_PATTERN.test(apiKey)) {
    throw new RangeError(
      `createAccount: 'apiKey' must be 1 to 128 letters and digits, got '${String(apiKey)}'`,
    );
  }
  const canTrade = options.enableSpotTrading ?? true;
  let publicKey: KeyObject | null = null;
  if (options.publicKey !== undefined) {
    try {
      publicKey = createPublicKey(options.publicKey as string | KeyObject);
    } catch (error) {
      throw new RangeError(
        `createAccount: 'publicKey' is not a PEM public key (${(error as Error).message})`,
      );
    }
  }
  const inferred: KeyType | undefined =
    publicKey?.asymmetricKeyType === 'rsa'
      ? 'RSA'
      : publicKey?.asymmetricKeyType === 'ed25519'
        ? 'ED25519'
        : undefined;
  if (publicKey && !inferred) {
    throw new RangeError(
      `createAccount: 'publicKey' must be an RSA or Ed25519 key, got ${publicKey.asymmetricKeyType ?? 'an unknown type'}`,
    );
  }
  const type = options.keyType ?? inferred ?? 'HMAC';
  if (type !== 'HMAC' && type !== 'RSA' && type !== 'ED25519') {
    throw new RangeError(
      `createAccount: 'keyType' must be 'HMAC', 'RSA' or 'ED25519', got '${String(type)}'`,
    );
  }
  if (type === 'HMAC') {
    if (publicKey) throw new RangeError("createAccount: an HMAC key takes 'secret', not 'publicKey'");
    const secret = options.secret ?? randomAlphanumeric(64);
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new RangeError("createAccount: 'secret' must be a non-empty string");
    }
    return {
      apiKey,
      type,
      secret: Buffer.from(secret, 'utf8'),
      publicKey: null,
      canTrade,
      credentials: { apiKey, keyType: type, secret },
    };
  }
  if (options.secret !== undefined)
    throw new RangeError(`createAccount: a ${type} key takes 'publicKey', not 'secret'`);
  if (publicKey && inferred !== type) {
    throw new RangeError(`createAccount: 'keyType' is '${type}' but 'publicKey' is an ${inferred} key`);
  }
  if (publicKey) {
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return {
      apiKey,
      type,
      secret: null,
      publicKey,
      canTrade,
      credentials: { apiKey, keyType: type, publicKey: pem },
    };
  }
  const pair =
    type === 'RSA'
      ? generateKeyPairSync('rsa', {
          modulusLength: 2048,
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        })
      : generateKeyPairSync('ed25519', {
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        });
  return {
    apiKey,
    type,
    secret: null,
    publicKey: createPublicKey(pair.publicKey),
    canTrade,
    credentials: { apiKey, keyType: type, privateKey: pair.privateKey, publicKey: pair.publicKey },
  };
}
