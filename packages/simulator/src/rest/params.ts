// Query parameters with Binance's validation rules and error codes. Every getter marks its parameter
// as read; `finish()` then rejects parameters the endpoint does not know (-1104), as Binance does.

import { IdCodec } from '../ids.js';
import { errors } from './errors.js';

const SYMBOL_RANGE = '^[A-Z0-9-_.]{1,20}$';
const INT_RANGE = '^[0-9]{1,20}$';
// Upper-case ASCII, digits, - _ . and (since 2025) non-ASCII letters and digits.
const SYMBOL_PATTERN = /^[A-Z0-9\-_.\u0080-\uFFFF]{1,20}$/u;

const DECIMAL_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';
const DECIMAL_PATTERN = /^([0-9]{1,20})(?:\.([0-9]{1,20}))?$/;
/** Every amount the simulator deals in has 8 decimals. */
const AMOUNT_DECIMALS = 8;

export class Params {
  private readonly values = new Map<string, string>();
  private readonly read = new Set<string>();
  readonly duplicate: boolean;
  /** Shifts trade and order ids read from the request (the simulator's `idOffset`). */
  ids: IdCodec = NO_OFFSET;

  /**
   * Parameters of a query string and, for POST/PUT/DELETE, a form-encoded body. A parameter sent in
   * both takes the query string's value (as on Binance); one sent twice in the same place is -1101.
   */
  constructor(query: string, body = '') {
    let duplicate = false;
    for (const [key, value] of new URLSearchParams(query)) {
      if (this.values.has(key)) duplicate = true;
      this.values.set(key, value);
    }
    const inQuery = new Set(this.values.keys());
    const inBody = new Set<string>();
    for (const [key, value] of new URLSearchParams(body)) {
      if (inBody.has(key)) duplicate = true;
      inBody.add(key);
      if (!inQuery.has(key)) this.values.set(key, value);
    }
    this.duplicate = duplicate;
  }

  /** Parameters of a WebSocket API request: JSON values as the strings they stand for. */
  static fromObject(object: Record<string, unknown>): Params {
    const p = new Params('');
    for (const [key, value] of Object.entries(object)) {
      if (value === null || value === undefined) continue;
      p.values.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    return p;
  }

  /** Every parameter with its value (for the WebSocket API's signature payload). */
  entries(): ReadonlyMap<string, string> {
    return this.values;
  }

  /** Marks a parameter as read without validating it. */
  markRead(name: string): void {
    this.read.add(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Raw value without validation (used for weights, which never fail). */
  peek(name: string): string | undefined {
    return this.values.get(name);
  }

  get size(): number {
    return this.values.size;
  }

  /** Throws -1101 when a parameter was sent twice. */
  checkDuplicates(): void {
    if (this.duplicate) throw errors.duplicateParam();
  }

  /** An optional string; present-but-empty is -1105. */
  string(name: string): string | undefined {
    this.read.add(name);
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    if (v === '') throw errors.empty(name);
    return v;
  }

  requiredString(name: string): string {
    this.read.add(name);
    const v = this.values.get(name);
    if (v === undefined || v === '') throw errors.mandatory(name);
    return v;
  }

  /** A symbol's syntax (existence is checked by the caller: -1121). */
  symbol(name = 'symbol'): string | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    checkSymbolSyntax(name, v);
    return v;
  }

  requiredSymbol(name = 'symbol'): string {
    const v = this.requiredString(name);
    checkSymbolSyntax(name, v);
    return v;
  }

  /** An optional non-negative integer within [min, max]. */
  int(name: string, min: number, max: number): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^[0-9]{1,20}$/.test(v)) throw errors.illegalChars(name, INT_RANGE);
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw errors.invalidParam(name);
    return n;
  }

  /** An optional LONG (ids, timestamps); negative values are illegal characters. */
  long(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^[0-9]{1,20}$/.test(v)) throw errors.illegalChars(name, INT_RANGE);
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw errors.invalidParam(name);
    return n;
  }

  /**
   * An optional trade id or order id (a LONG), as the simulator numbers it internally: the
   * `idOffset` is subtracted; an id below the offset is -1, which no trade or order has.
   */
  id(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^[0-9]{1,20}$/.test(v)) throw errors.illegalChars(name, INT_RANGE);
    const n = this.ids.in(v);
    if (n === null) throw errors.invalidParam(name);
    return n;
  }

  /** Like `id`, for a `fromId`: an id below the offset means "from the first one". */
  fromId(name: string): number | undefined {
    const n = this.id(name);
    return n === undefined ? undefined : Math.max(0, n);
  }

  /** A timestamp in ms or µs (16 digits), returned in ms. */
  timestamp(name: string): number | undefined {
    const n = this.long(name);
    if (n === undefined) return undefined;
    return n >= 1e14 ? Math.floor(n / 1000) : n;
  }

  /** An optional decimal (Binance's DECIMAL), in units of 10^-8. */
  decimal(name: string): bigint | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const match = DECIMAL_PATTERN.exec(v);
    if (!match) throw errors.illegalChars(name, DECIMAL_RANGE);
    const fraction = (match[2] ?? '').replace(/0+$/, '');
    if (fraction.length > AMOUNT_DECIMALS) throw errors.tooMuchPrecision(name);
    return (
      BigInt(match[1]!) * 10n ** BigInt(AMOUNT_DECIMALS) +
      BigInt(fraction.padEnd(AMOUNT_DECIMALS, '0') || '0')
    );
  }

  /** An optional value out of a fixed set; anything else gets `invalid()`. */
  oneOf<T extends string>(name: string, allowed: readonly T[], invalid: () => Error): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw invalid();
    return v as T;
  }

  boolean(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw errors.illegalChars(name, '^(true|false)$');
    return lower === 'true';
  }

  /** A JSON array of symbols (`["A","B"]`, raw or percent-encoded). */
  symbolList(name = 'symbols'): string[] | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw errors.invalidJson(name);
    }
    if (!Array.isArray(parsed) || parsed.some((s) => typeof s !== 'string')) throw errors.invalidJson(name);
    const list = parsed as string[];
    if (list.length === 0) throw errors.mandatory(name);
    for (const s of list) checkSymbolSyntax(name, s);
    if (new Set(list).size !== list.length) throw errors.duplicateSymbols();
    return list;
  }

  /** Rejects parameters that were sent but never read by the endpoint (-1104). */
  finish(): void {
    let known = 0;
    for (const key of this.values.keys()) if (this.read.has(key)) known++;
    if (known !== this.values.size) throw errors.unreadParams(known, this.values.size);
  }
}

const NO_OFFSET = new IdCodec(0n);

function checkSymbolSyntax(name: string, value: string): void {
  if (!SYMBOL_PATTERN.test(value)) throw errors.illegalChars(name, SYMBOL_RANGE);
}
