// Signed WebSocket API requests. Unlike REST, Binance signs the params sorted by name, formatted as
// `name=value` joined by `&`, with raw UTF-8 values and no percent-encoding; `apiKey` is one of the
// signed params. The params go out as the JSON `params` object of the request.

import { describeValue, InvalidParameterError } from '../errors.js';
import type { Signer } from '../signer.js';
import { checkEntries, checkSigner, type SignOptions } from './shared.js';
import { formatRecvWindow, resolveTimestamp } from './timing.js';
import { formatParamValue, type Params, paramEntries } from './values.js';

/** A JSON value, as it goes out in a WebSocket API request's `params`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface WsApiSignOptions extends SignOptions {
  /**
   * Whether to add the signer's `apiKey` to the signed params. Default `true`, as every signed method
   * requires, including `session.logon`. Leave it out only for a method that takes no `apiKey`.
   */
  readonly includeApiKey?: boolean;
}

export interface SignedWsApiParams {
  /**
   * The `params` object to send: the caller's params (normalised so their JSON form is exactly the
   * signed text), `apiKey`, `recvWindow`, `timestamp` and `signature`, sorted by name.
   */
  readonly params: Readonly<Record<string, JsonValue>>;
  /** The exact string that was signed. */
  readonly payload: string;
  /** The signature (hex or base64), also in `params.signature`. */
  readonly signature: string;
  /** The `timestamp` that was sent, also in `params.timestamp`. */
  readonly timestamp: number;
}

const RESERVED: Readonly<Record<string, string>> = {
  timestamp: 'it is added by the signer (pass options.timestamp or options.clock to control it)',
  signature: 'it is computed and added by the signer',
  apiKey: 'it is taken from the signer (pass options.includeApiKey: false to leave it out)',
};

/** Sorting by UTF-16 code units: for Binance's ASCII names this is plain byte order. */
function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The JSON value to send for a parameter whose signed text is `text`. */
function jsonValueFor(value: unknown, text: string): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // Keep numbers as numbers unless JSON would write them differently from the signed text (1e-7).
      // (-0 becomes 0, as its text is "0".)
      return String(value) === text ? value + 0 : text;
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : text;
    default:
      // Date → its milliseconds; arrays and objects → the JSON that was signed, parsed back.
      return value instanceof Date ? Number(text) : (JSON.parse(text) as JsonValue);
  }
}

/**
 * Signs WebSocket API params. Resolves to the `params` object to send (with `apiKey`, `timestamp`,
 * `recvWindow` when given, and `signature`) and the signed payload.
 *
 * ```ts
 * const { params } = await signWsApiParams(signer, { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' });
 * ws.send(JSON.stringify({ id: 1, method: 'order.place', params }));
 * ```
 */
export async function signWsApiParams(
  signer: Signer,
  params: Params = {},
  options: WsApiSignOptions = {},
): Promise<SignedWsApiParams> {
  checkSigner(signer);
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterError('options', `options must be an object; got ${describeValue(options)}`);
  }
  const { includeApiKey = true } = options;
  if (typeof includeApiKey !== 'boolean') {
    throw new InvalidParameterError(
      'includeApiKey',
      `includeApiKey must be a boolean; got ${describeValue(includeApiKey)}`,
    );
  }
  const entries = paramEntries(params, 'params');
  const { recvWindowFromOptions } = checkEntries(entries, options, RESERVED);

  const fields: { name: string; text: string; json: JsonValue }[] = [];
  for (const { name, value, path } of entries) {
    if (name.includes('&') || name.includes('=')) {
      throw new InvalidParameterError(
        path,
        `${path}: WebSocket API parameter names cannot contain '&' or '='`,
      );
    }
    const text =
      name === 'recvWindow' && value !== undefined
        ? formatRecvWindow(value, path)
        : formatParamValue(value, path);
    if (text !== undefined) fields.push({ name, text, json: jsonValueFor(value, text) });
  }
  if (includeApiKey) fields.push({ name: 'apiKey', text: signer.apiKey, json: signer.apiKey });
  if (recvWindowFromOptions !== undefined) {
    fields.push({ name: 'recvWindow', text: recvWindowFromOptions, json: Number(recvWindowFromOptions) });
  }
  const timestamp = resolveTimestamp(options);
  fields.push({ name: 'timestamp', text: String(timestamp), json: timestamp });
  fields.sort(byName);

  const payload = fields.map((f) => `${f.name}=${f.text}`).join('&');
  const signature = await signer.sign(payload);
  const out: Record<string, JsonValue> = {};
  // defineProperty, not assignment: a parameter named `__proto__` must stay a plain property.
  const set = (name: string, value: JsonValue) =>
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  for (const f of fields) set(f.name, f.json);
  set('signature', signature);
  return { params: out, payload, signature, timestamp };
}
