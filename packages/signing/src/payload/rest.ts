// Signed REST requests. Binance signs "the query string concatenated without separator to the HTTP body",
// percent-encoded before signing (enforced since 2026-01-15). So this module builds the exact strings that
// go on the wire, signs their concatenation, and hands them back to be sent byte for byte as they are.

import { percentEncode } from '../encoding/percent.js';
import { describeValue, InvalidParameterError } from '../errors.js';
import type { Signer } from '../signer.js';
import { checkEntries, checkSigner, type SignOptions } from './shared.js';
import { formatRecvWindow, resolveTimestamp } from './timing.js';
import { formatParamValue, type ParamEntry, type Params, paramEntries } from './values.js';

/** Where a signed REST request's parameters go. Either part may be empty. */
export interface RestRequestParams {
  /** Parameters for the URL's query string, in order. */
  readonly query?: Params;
  /** Parameters for an `application/x-www-form-urlencoded` body, in order. */
  readonly body?: Params;
}

export interface SignedRestRequest {
  /** The query string to send, without a leading `?` (empty when there is none). */
  readonly queryString: string;
  /** The `application/x-www-form-urlencoded` body to send (empty when there is none). */
  readonly body: string;
  /** The exact string that was signed: the query string and the body, as sent, without `signature`. */
  readonly payload: string;
  /** The signature as computed (hex or base64); it is sent percent-encoded. */
  readonly signature: string;
  /** The `timestamp` that was sent. */
  readonly timestamp: number;
  /** Headers the request needs: the API key. */
  readonly headers: { readonly 'X-MBX-APIKEY': string };
}

const RESERVED: Readonly<Record<string, string>> = {
  timestamp: 'it is added by the signer (pass options.timestamp or options.clock to control it)',
  signature: 'it is computed and added by the signer',
};

function encodePair(name: string, text: string): string {
  return `${percentEncode(name)}=${percentEncode(text)}`;
}

function encodeEntries(entries: readonly ParamEntry[]): string[] {
  const pairs: string[] = [];
  for (const { name, value, path } of entries) {
    const text =
      name === 'recvWindow' && value !== undefined
        ? formatRecvWindow(value, path)
        : formatParamValue(value, path);
    if (text !== undefined) pairs.push(encodePair(name, text));
  }
  return pairs;
}

/**
 * Percent-encodes parameters into a query string (or form body) the way signed requests are encoded:
 * caller's order, RFC 3986 escaping, arrays and objects as JSON. Also right for unsigned requests.
 *
 * `encodeRestParams({ symbols: ['BTCUSDT', 'BNBUSDT'] })` → `symbols=%5B%22BTCUSDT%22%2C%22BNBUSDT%22%5D`
 */
export function encodeRestParams(params: Params): string {
  return encodeEntries(paramEntries(params, 'params')).join('&');
}

/**
 * Builds and signs a REST request. `timestamp` and `recvWindow` (when given) are appended to the body when
 * it has parameters, otherwise to the query string; `signature` follows them as the request's last
 * parameter. Send `queryString` and `body` exactly as returned, with the `headers`.
 */
export async function signRestParams(
  signer: Signer,
  params: RestRequestParams = {},
  options: SignOptions = {},
): Promise<SignedRestRequest> {
  checkSigner(signer);
  if (typeof params !== 'object' || params === null || Symbol.iterator in params) {
    throw new InvalidParameterError(
      'params',
      `params must be an object { query?, body? }; got ${describeValue(params)}`,
    );
  }
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterError('options', `options must be an object; got ${describeValue(options)}`);
  }
  for (const key of Object.keys(params)) {
    if (key !== 'query' && key !== 'body') {
      // A common slip: signRestParams(signer, { symbol }) instead of { query: { symbol } }.
      throw new InvalidParameterError(
        `params.${key}`,
        `params has "${key}", but only { query, body } are read: put request parameters under query (or body), e.g. signRestParams(signer, { query: { ${key}: … } })`,
      );
    }
  }
  const queryEntries = paramEntries(params.query, 'query');
  const bodyEntries = paramEntries(params.body, 'body');
  const { recvWindowFromOptions } = checkEntries([...queryEntries, ...bodyEntries], options, RESERVED);

  const query = encodeEntries(queryEntries);
  const body = encodeEntries(bodyEntries);
  const timestamp = resolveTimestamp(options);
  const tail = body.length > 0 ? body : query;
  if (recvWindowFromOptions !== undefined) tail.push(encodePair('recvWindow', recvWindowFromOptions));
  tail.push(encodePair('timestamp', String(timestamp)));

  const queryString = query.join('&');
  const bodyString = body.join('&');
  const payload = queryString + bodyString;
  const signature = await signer.sign(payload);
  const signaturePair = encodePair('signature', signature);
  return {
    queryString: tail === query ? `${queryString}&${signaturePair}` : queryString,
    body: tail === body ? `${bodyString}&${signaturePair}` : bodyString,
    payload,
    signature,
    timestamp,
    headers: { 'X-MBX-APIKEY': signer.apiKey },
  };
}
