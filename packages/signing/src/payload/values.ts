// How a parameter value becomes text, the same way for REST and the WebSocket API (REST then
// percent-encodes it; the WebSocket API signs it raw). Numbers never come out in exponent form (Binance
// would reject `1e-7`), arrays and objects become compact JSON (`["BTCUSDT","BNBUSDT"]`), and values that
// would silently change meaning (NaN, Infinity, unsafe integers, null) are refused.

import { describeValue, InvalidParameterError } from '../errors.js';

/** A value inside a JSON-encoded parameter (an array or object value). */
export type JsonParamValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | null
  | readonly JsonParamValue[]
  | { readonly [key: string]: JsonParamValue | undefined };

/**
 * A request parameter value. `undefined` leaves the parameter out; `Date` becomes milliseconds since the
 * epoch; arrays and plain objects are sent as JSON text.
 */
export type ParamValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | readonly JsonParamValue[]
  | { readonly [key: string]: JsonParamValue | undefined }
  | undefined;

/**
 * Request parameters, in the order they are to be sent: a plain object (insertion order; note that
 * JavaScript puts integer-like keys first) or an iterable of `[name, value]` pairs such as an array of
 * tuples, a `Map` or `URLSearchParams`.
 */
export type Params = { readonly [name: string]: ParamValue } | Iterable<readonly [string, ParamValue]>;

/** A parameter, named and in order, before it is turned into text. */
export interface ParamEntry {
  readonly name: string;
  readonly value: ParamValue;
  /** Where it came from, for error messages: `query.symbol`, `params.price`. */
  readonly path: string;
}

/** Reads `params` into ordered entries, validating the container and the names. */
export function paramEntries(params: Params | undefined, where: string): ParamEntry[] {
  if (params === undefined || params === null) return [];
  if (typeof params !== 'object') {
    throw new InvalidParameterError(
      where,
      `${where} must be an object or an iterable of [name, value] pairs; got ${describeValue(params)}`,
    );
  }
  const entries: ParamEntry[] = [];
  const add = (name: unknown, value: ParamValue) => {
    if (typeof name !== 'string' || name.length === 0) {
      throw new InvalidParameterError(
        where,
        `${where} has a parameter name that is not a non-empty string: ${describeValue(name)}`,
      );
    }
    checkWellFormed(name, `${where}.${name}`);
    entries.push({ name, value, path: `${where}.${name}` });
  };
  if (Symbol.iterator in params) {
    for (const pair of params as Iterable<unknown>) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InvalidParameterError(
          where,
          `${where} must yield [name, value] pairs; got ${describeValue(pair)}`,
        );
      }
      add(pair[0], pair[1] as ParamValue);
    }
  } else {
    for (const [name, value] of Object.entries(params)) add(name, value);
  }
  return entries;
}

/** Decimal notation for a finite number: `1e-7` → `0.0000001`, `1e21` → `1000000000000000000000`. */
function plainDecimal(n: number): string {
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const intLength = (point < 0 ? mantissa.length : point) + exponent;
  let out: string;
  if (intLength <= 0) out = `0.${'0'.repeat(-intLength)}${digits}`;
  else if (intLength >= digits.length) out = digits + '0'.repeat(intLength - digits.length);
  else out = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
  return negative ? `-${out}` : out;
}

export function formatNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) {
    throw new InvalidParameterError(path, `${path} must be a finite number; got ${describeValue(n)}`);
  }
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw new InvalidParameterError(
      path,
      `${path} is ${describeValue(n)}, an integer beyond Number.MAX_SAFE_INTEGER whose digits may already be wrong; pass it as a string or bigint`,
    );
  }
  return Object.is(n, -0) ? '0' : plainDecimal(n);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings must have a UTF-8 form: signing and sending both use it. */
export function checkWellFormed(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new InvalidParameterError(
      path,
      `${path} contains a lone UTF-16 surrogate, which has no UTF-8 form`,
    );
  }
  return text;
}

function formatDate(date: Date, path: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new InvalidParameterError(path, `${path} is an invalid Date`);
  return String(ms);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function formatJson(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(checkWellFormed(value, path));
    case 'number':
      return formatNumber(value, path);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Date) return formatDate(value, path);
      if (ancestors.has(value)) throw new InvalidParameterError(path, `${path} contains itself (a cycle)`);
      ancestors.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value
          .map((item, i) => {
            if (item === undefined) {
              throw new InvalidParameterError(
                `${path}[${i}]`,
                `${path}[${i}] is undefined; arrays cannot have holes`,
              );
            }
            return formatJson(item, `${path}[${i}]`, ancestors);
          })
          .join(',')}]`;
      } else if (isPlainObject(value)) {
        const parts: string[] = [];
        for (const [key, item] of Object.entries(value)) {
          checkWellFormed(key, path);
          if (item !== undefined)
            parts.push(`${JSON.stringify(key)}:${formatJson(item, `${path}.${key}`, ancestors)}`);
        }
        out = `{${parts.join(',')}}`;
      } else {
        throw new InvalidParameterError(
          path,
          `${path} must be JSON data (plain objects, arrays, strings, numbers, booleans, null); got ${describeValue(value)}`,
        );
      }
      ancestors.delete(value);
      return out;
    }
    default:
      throw new InvalidParameterError(path, `${path} cannot be sent as a parameter: ${describeValue(value)}`);
  }
}

/**
 * The text of a parameter value, before any percent-encoding, or `undefined` for a parameter to leave out.
 */
export function formatParamValue(value: unknown, path: string): string | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return checkWellFormed(value, path);
    case 'number':
      return formatNumber(value, path);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) {
        throw new InvalidParameterError(path, `${path} is null; leave it undefined to omit the parameter`);
      }
      if (value instanceof Date) return formatDate(value, path);
      return formatJson(value, path, new Set());
    default:
      throw new InvalidParameterError(
        path,
        `${path} must be a string, number, bigint, boolean, Date, array or plain object; got ${describeValue(value)}`,
      );
  }
}
