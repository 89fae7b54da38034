// Checks a request signature the way Binance does, with node:crypto only (deliberately not with our
// @binance-mcp/signing package: the simulator is the independent check of that package).
//   HMAC-SHA256: hex, case-insensitive.
//   RSA (RSASSA-PKCS1-v1_5, SHA-256) and Ed25519: base64, case-sensitive.

import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import type { ApiKey } from '../accounts/api-keys.js';

const HEX_64 = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether `signature` is `key`'s signature of `payload` (the exact bytes, UTF-8). */
export function verifySignature(key: ApiKey, payload: string, signature: string): boolean {
  const data = Buffer.from(payload, 'utf8');
  if (key.type === 'HMAC') {
    if (!HEX_64.test(signature) || !key.secret) return false;
    const expected = createHmac('sha256', key.secret).update(data).digest();
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }
  if (!BASE64.test(signature) || signature.length % 4 !== 0 || !key.publicKey) return false;
  const bytes = Buffer.from(signature, 'base64');
  try {
    return key.type === 'RSA'
      ? verify('sha256', data, key.publicKey, bytes)
      : verify(null, data, key.publicKey, bytes);
  } catch {
    return false;
  }
}

/**
 * The REST payload: the query string and the body exactly as received (percent-encoded bytes
 * included), each without its `signature` parameter, concatenated without a separator.
 */
export function restPayload(rawQuery: string, rawBody: string): string {
  return withoutSignature(rawQuery) + withoutSignature(rawBody);
}

function withoutSignature(raw: string): string {
  if (!raw.includes('signature')) return raw;
  return raw
    .split('&')
    .filter((pair) => {
      const eq = pair.indexOf('=');
      return (eq === -1 ? pair : pair.slice(0, eq)) !== 'signature';
    })
    .join('&');
}

/**
 * The WebSocket API payload: every parameter but `signature`, sorted by name, as `name=value` joined
 * with `&`, values in raw UTF-8 (no percent-encoding).
 */
export function wsPayload(params: ReadonlyMap<string, string>): string {
  return [...params]
    .filter(([name]) => name !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}
