// Signing for tests, with node:crypto only (not @binance-mcp/signing: the simulator checks that
// package independently), and a tiny signed REST client over plain fetch.

import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { AccountOptions, Simulator } from '../../src/index.js';
import type { JsonResponse } from './http.js';

export type KeyType = 'HMAC' | 'RSA' | 'ED25519';

export interface TestKey {
  type: KeyType;
  /** What to register with the simulator (the public part only, plus the HMAC secret). */
  register: Pick<AccountOptions, 'secret' | 'publicKey' | 'keyType'>;
  /** Signs the exact payload: hex for HMAC, base64 for RSA and Ed25519. */
  sign(payload: string): string;
}

const pairs = new Map<KeyType, ReturnType<typeof generateKeyPairSync>>();

/**
 * A key of `type`. HMAC secrets are always new; RSA and Ed25519 key pairs are made once per test
 * file and shared by the accounts that use them (each with its own API key), since RSA key
 * generation is slow.
 */
export function makeKey(type: KeyType): TestKey {
  if (type === 'HMAC') {
    const secret = randomBytes(32).toString('hex');
    return {
      type,
      register: { keyType: 'HMAC', secret },
      sign: (payload) => createHmac('sha256', secret).update(payload, 'utf8').digest('hex'),
    };
  }
  let pair = pairs.get(type);
  if (!pair) {
    pair =
      type === 'RSA' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
    pairs.set(type, pair);
  }
  const { privateKey, publicKey } = pair;
  return {
    type,
    register: { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    sign: (payload) =>
      sign(type === 'RSA' ? 'sha256' : null, Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
  };
}

export type ParamValue = string | number | boolean;

/** Binance's REST encoding: name=percent-encoded value, joined with '&'. */
export function encode(params: Record<string, ParamValue>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

/** The WebSocket API payload: parameters sorted by name, raw UTF-8 values. */
export function wsPayload(params: Record<string, ParamValue>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
}

export interface CallOptions {
  /** Parameters go in the form body instead of the query string. */
  inBody?: boolean;
  /** Override or omit (null) the timestamp; default: the simulator's clock. */
  timestamp?: number | null;
  /** Sign this payload instead of the one sent (to test bad signatures). */
  signPayload?: string;
  /** Send this signature instead. */
  signature?: string;
  /** Send this X-MBX-APIKEY (null: none). */
  apiKey?: string | null;
  headers?: Record<string, string>;
}

/** A signed REST client for one API key. */
export class Trader {
  constructor(
    readonly sim: Simulator,
    readonly apiKey: string,
    readonly key: TestKey,
  ) {}

  async call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    params: Record<string, ParamValue> = {},
    options: CallOptions = {},
  ): Promise<JsonResponse<T>> {
    const all: Record<string, ParamValue> = { ...params };
    const ts = options.timestamp === undefined ? this.sim.now() : options.timestamp;
    if (ts !== null) all.timestamp = ts;
    const payload = encode(all);
    const signature = options.signature ?? this.key.sign(options.signPayload ?? payload);
    const signed = `${payload}${payload ? '&' : ''}signature=${encodeURIComponent(signature)}`;
    const headers: Record<string, string> = { ...options.headers };
    const apiKey = options.apiKey === undefined ? this.apiKey : options.apiKey;
    if (apiKey !== null) headers['X-MBX-APIKEY'] = apiKey;
    let url = `${this.sim.restUrl}/api/v3/${path}`;
    let body: string | undefined;
    if (options.inBody) {
      body = signed;
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else {
      url += `?${signed}`;
    }
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, params?: Record<string, ParamValue>, options?: CallOptions) {
    return this.call<T>('GET', path, params, options);
  }
  post<T = unknown>(path: string, params?: Record<string, ParamValue>, options?: CallOptions) {
    return this.call<T>('POST', path, params, options);
  }
  put<T = unknown>(path: string, params?: Record<string, ParamValue>, options?: CallOptions) {
    return this.call<T>('PUT', path, params, options);
  }
  delete<T = unknown>(path: string, params?: Record<string, ParamValue>, options?: CallOptions) {
    return this.call<T>('DELETE', path, params, options);
  }
}

/** Creates an account with a fresh key of `type` and returns a client for it. */
export function trader(sim: Simulator, type: KeyType, options: AccountOptions = {}): Trader {
  const key = makeKey(type);
  const { apiKey } = sim.createAccount({ ...options, ...key.register });
  return new Trader(sim, apiKey, key);
}
