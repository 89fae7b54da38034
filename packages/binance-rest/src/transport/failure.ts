// What a failed request tells: the system error code behind a fetch failure, whether the request can
// have reached the server at all (which decides whether an order may exist), causes stripped of
// anything secret, and readable text from an HTML error page.

import { redactUrl } from './events.js';

/** The system error code of a fetch failure (`ECONNREFUSED`, …), looking through `cause`. */
export function systemCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `ECONNRESET: other side closed`: the code and the innermost message, for error messages and logs. */
export function describeFailure(error: unknown): string {
  const code = systemCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: unknown })?.cause;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  return redactUrl([code, causeMessage ?? message].filter(Boolean).join(': '));
}

// Failures while connecting: name resolution, refused or unreachable, the connect timeout, and TLS
// handshake errors. Nothing of the request was sent.
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

/** True when the failure proves no byte of the request reached the server (safe to send elsewhere). */
export function neverSent(error: unknown): boolean {
  const code = systemCode(error);
  return code !== undefined && (CONNECT_CODES.has(code) || code.startsWith('ERR_TLS_'));
}

/**
 * A copy of a failure that is safe to keep as an error's `cause`: name, code and message, with any URL's
 * `signature` masked (fetch and ky put the request URL in some messages; a signed GET carries its
 * signature there), down a short chain of causes. Stack traces and request objects are left behind.
 */
export function safeCause(error: unknown, depth = 0): Error | undefined {
  if (error === undefined || error === null || depth > 4) return undefined;
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redactUrl(source.message), {
    ...(source.cause === undefined ? {} : { cause: safeCause(source.cause, depth + 1) }),
  });
  copy.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') Object.defineProperty(copy, 'code', { value: code, enumerable: true });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/**
 * The text of an error page (a WAF's 403, a proxy's 502): tags and scripts removed, white space
 * collapsed, cut to `max` characters. Other bodies are returned trimmed and cut.
 */
export function bodyText(text: string, max = 200): string {
  const trimmed = text.trim();
  const html = /^<(?:!doctype|html|head|body|\?xml)/i.test(trimmed);
  const plain = html
    ? trimmed
        .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/\s+/g, ' ')
        .trim()
    : trimmed;
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
